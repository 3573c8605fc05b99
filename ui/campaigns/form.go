package campaigns

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/form"
	"github.com/memberops/cockpit/ui/format"
)

// The campaign form's fields, in focus order.
const (
	fType     = "type"
	fID       = "id"
	fName     = "name"
	fStages   = "stages"
	fTiers    = "tiers"
	fSegments = "segments"
	fSegList  = "seglist"
	fTags     = "tags"
	fAcq      = "acq"
	fBirthday = "birthday"
	fChannels = "channels"
	fBudget   = "budget"
	fSpend    = "spend"
	fCouponX  = "couponx"
	fCouponY  = "coupony"
	fCap      = "cap"
	fWarmup   = "warmup"
	fStart    = "start"
	fEnd      = "end"
	fTarget   = "target"
	fGoals    = "goals"
)

// audienceFields change the audience size.
var audienceFields = map[string]bool{fStages: true, fTiers: true, fSegments: true, fSegList: true, fTags: true, fAcq: true,
	fBirthday: true, fStart: true, fEnd: true}

// sizeState is the live audience size of the open form.
type sizeState struct {
	seq  uint64
	size int64
	ok   bool // the size matches the filters as typed
}

// sizeComputed is one count of the form's audience.
type sizeComputed struct {
	seq  uint64
	size int64
}

// defaultChannels are the touch channels a new campaign of a type starts with.
func defaultChannels(t model.CampaignType) []string {
	switch t {
	case model.CampaignReactivation:
		return []string{"sms"}
	case model.CampaignWinback:
		return []string{"sms", "email"}
	case model.CampaignAcquisition:
		return []string{"wechat", "community"}
	case model.CampaignCultivation:
		return []string{"push", "wechat"}
	}
	return []string{"push", "sms"}
}

func indexOf[T comparable](xs []T, x T) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// openForm opens the campaign form: filled from c to edit it, or new (pre-
// filled for a stage when the Lifecycle pane asked for one).
func (p *Pane) openForm(c *model.Campaign, pre *common.NewCampaignMsg) tea.Cmd {
	T := p.c.T
	var types, stages, tiers, segs, chans []string
	for _, t := range model.CampaignTypes {
		types = append(types, T("campaign."+string(t)))
	}
	for s := range model.NumStages {
		stages = append(stages, T("stage."+s.String()))
	}
	for t := range model.NumTiers {
		tiers = append(tiers, T("tier."+t.String()))
	}
	for s := range model.NumSegments {
		segs = append(segs, T("segment."+s.String()))
	}
	for _, ch := range model.CampaignChannels {
		chans = append(chans, T("cp.ch."+ch))
	}
	// The saved segments, newest first, behind a "none" choice; an edited
	// campaign's segment that was deleted stays a choice under its id.
	segList := []string{T("cp.f.seglist.none")}
	p.formSegs = []string{""}
	for _, s := range p.segs {
		segList = append(segList, s.Name)
		p.formSegs = append(p.formSegs, s.ID)
	}
	if c != nil && c.Audience.Segment != "" && indexOf(p.formSegs, c.Audience.Segment) < 0 {
		segList = append(segList, c.Audience.Segment)
		p.formSegs = append(p.formSegs, c.Audience.Segment)
	}
	date := "YYYY-MM-DD"
	fields := []form.Field{
		{Key: fType, Label: T("cp.form.type"), Kind: form.Choice, Options: types},
		{Key: fID, Label: T("cp.form.id"), CharLimit: 64},
		{Key: fName, Label: T("cp.form.name"), CharLimit: 128},
		{Key: fStages, Label: T("cp.form.stages"), Kind: form.Multi, Options: stages},
		{Key: fTiers, Label: T("cp.form.tiers"), Kind: form.Multi, Options: tiers},
		{Key: fSegments, Label: T("cp.form.segments"), Kind: form.Multi, Options: segs},
		{Key: fSegList, Label: T("cp.f.seglist"), Kind: form.Choice, Options: segList},
		{Key: fTags, Label: T("cp.form.tags"), CharLimit: 200},
		{Key: fAcq, Label: T("cp.form.acq"), CharLimit: 200},
		{Key: fBirthday, Label: T("cp.form.birthday"), Kind: form.Choice, Options: []string{T("cp.form.no"), T("cp.form.yes")}},
		{Key: fChannels, Label: T("cp.form.channels"), Kind: form.Multi, Options: chans},
		{Key: fBudget, Label: T("cp.form.budget"), Placeholder: "0.00"},
		{Key: fSpend, Label: T("cp.form.spend"), Placeholder: "0.00"},
		{Key: fCouponX, Label: T("cp.form.couponx"), Placeholder: "0"},
		{Key: fCouponY, Label: T("cp.form.coupony"), Placeholder: "0"},
		{Key: fCap, Label: T("cp.form.cap"), Placeholder: strconv.Itoa(model.DefaultFreqCap)},
		{Key: fWarmup, Label: T("cp.form.warmup"), Placeholder: date},
		{Key: fStart, Label: T("cp.form.start"), Placeholder: date},
		{Key: fEnd, Label: T("cp.form.end"), Placeholder: date},
		{Key: fTarget, Label: T("cp.form.target")},
		{Key: fGoals, Label: T("cp.form.goals"), Placeholder: "gmv=50000, orders=300", CharLimit: 200},
	}
	title := T("cp.form.new")
	if c != nil {
		title = T("cp.form.edit", c.ID)
	}
	f := form.New(p.c, title, fields)
	f.Footer = T("cp.hint.form")
	f.Hint = p.formHint
	p.formOrig = nil
	if c != nil {
		orig := *c
		p.formOrig = &orig
		p.fillForm(f, c)
	} else {
		nc := model.Campaign{Type: model.CampaignPromotion}
		if pre != nil {
			nc.Type = pre.Type
			nc.Audience.Stages = []model.Stage{pre.Stage}
			nc.Name = T("cp.form.prefill", T("stage."+pre.Stage.String()), T("campaign."+string(pre.Type)))
		}
		base := p.asOf
		if base == 0 {
			base = model.DayOf(p.c.Now(), p.c.Store.Location())
		}
		if nc.Name == "" {
			nc.Name = T("cp.form.defname", T("campaign."+string(nc.Type)), (base + 7).String())
		}
		nc.ID = fmt.Sprintf("C-%s-%s", strings.ToUpper(string(nc.Type)), strings.ReplaceAll((base+7).String(), "-", ""))
		for n, id := 2, nc.ID; p.find(nc.ID) != nil; n++ {
			nc.ID = fmt.Sprintf("%s-%d", id, n) // ids are unique: the next free one
		}
		nc.WarmupStart, nc.Start, nc.End = base+3, base+7, base+20
		nc.Channels = defaultChannels(nc.Type)
		p.fillForm(f, &nc)
		f.SetValue(fCap, "")
		f.SetValue(fBudget, "")
		f.SetValue(fSpend, "")
	}
	p.form = f
	p.view = viewForm
	p.formSize = sizeState{}
	cmd := f.Ready()
	if c == nil && pre != nil {
		// Pre-filled: the name is the field to look at first.
		for f.Focused() != fName {
			f.Update(tea.KeyMsg{Type: tea.KeyTab})
		}
		cmd = nil
	}
	return tea.Batch(cmd, p.requestSize())
}

// fillForm writes a campaign into the form.
func (p *Pane) fillForm(f *form.Form, c *model.Campaign) {
	f.SetChoice(fType, max(indexOf(model.CampaignTypes, c.Type), 0))
	f.SetValue(fID, c.ID)
	f.SetValue(fName, c.Name)
	var idx []int
	for _, s := range c.Audience.Stages {
		idx = append(idx, int(s))
	}
	f.SetSelected(fStages, idx)
	idx = nil
	for _, t := range c.Audience.Tiers {
		idx = append(idx, int(t))
	}
	f.SetSelected(fTiers, idx)
	idx = nil
	for _, s := range c.Audience.Segments {
		idx = append(idx, int(s))
	}
	f.SetSelected(fSegments, idx)
	f.SetChoice(fSegList, max(indexOf(p.formSegs, c.Audience.Segment), 0))
	f.SetValue(fTags, strings.Join(c.Audience.Tags, ", "))
	f.SetValue(fAcq, strings.Join(c.Audience.Channels, ", "))
	if c.Audience.Birthday {
		f.SetChoice(fBirthday, 1)
	}
	idx = nil
	for _, ch := range c.Channels {
		if i := indexOf(model.CampaignChannels, ch); i >= 0 {
			idx = append(idx, i)
		}
	}
	f.SetSelected(fChannels, idx)
	f.SetValue(fBudget, yuanInput(c.BudgetFen))
	f.SetValue(fSpend, yuanInput(c.SpendFen))
	if c.Coupon != (model.Coupon{}) {
		f.SetValue(fCouponX, yuanInput(c.Coupon.MinSpendFen))
		f.SetValue(fCouponY, yuanInput(c.Coupon.SaveFen))
	}
	if c.FreqCap > 0 {
		f.SetValue(fCap, strconv.Itoa(c.FreqCap))
	}
	if c.HasWarmup() {
		f.SetValue(fWarmup, c.WarmupStart.String())
	}
	if c.Start != 0 || c.End != 0 {
		f.SetValue(fStart, c.Start.String())
		f.SetValue(fEnd, c.End.String())
	}
	f.SetValue(fTarget, c.TargetID)
	var goals []string
	for _, k := range sortedKeys(c.Goals) {
		goals = append(goals, k+"="+goalInput(k, c.Goals[k]))
	}
	f.SetValue(fGoals, strings.Join(goals, ", "))
}

func sortedKeys(m map[string]int64) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

// yuanInput writes fen the way the form reads it back ("" for zero).
func yuanInput(fen int64) string {
	if fen == 0 {
		return ""
	}
	s := model.FormatFen(fen)
	return strings.TrimSuffix(s, ".00")
}

// goalInput writes a goal value the way ParseTargetValue reads it.
func goalInput(metric string, v int64) string { return format.Input(metric, v) }

// formHint explains the focused field: the audience size beside the
// audience's fields.
func (p *Pane) formHint(key string) string {
	T := p.c.T
	if audienceFields[key] {
		if !p.formSize.ok {
			return T("cp.form.sizing")
		}
		return T("cp.form.size", format.Count(p.formSize.size))
	}
	switch key {
	case fType:
		return T("cp.form.hint.type")
	case fStages, fTiers, fSegments, fChannels:
		return T("cp.form.hint.multi")
	case fTags, fAcq:
		return T("cp.form.hint.list")
	case fCouponX, fCouponY:
		return T("cp.form.hint.coupon")
	case fCap:
		return T("cp.form.hint.cap")
	case fWarmup, fStart, fEnd:
		return T("cp.form.hint.date")
	case fGoals:
		return T("cp.form.hint.goals")
	}
	return ""
}

func (p *Pane) formKey(msg tea.KeyMsg) tea.Cmd {
	f := p.form
	res, changed, cmd := f.Update(msg)
	switch res {
	case form.Cancel:
		p.form, p.formOrig = nil, nil
		if p.det.id != "" && p.find(p.det.id) != nil && p.view == viewForm {
			p.view = viewDetail
		} else {
			p.view = viewList
		}
		return nil
	case form.Save:
		c, errs := p.build()
		if len(errs) > 0 {
			return f.SetErrors(errs)
		}
		f.SetErrors(nil)
		f.SetSaving(p.c.T("cp.form.saving"))
		return tea.Batch(cmd, p.save(c))
	case form.Changed:
		if changed == fType && p.formOrig == nil {
			// A new campaign's channels follow its type until touched.
			t := model.CampaignTypes[f.Choice(fType)]
			var idx []int
			for _, ch := range defaultChannels(t) {
				idx = append(idx, indexOf(model.CampaignChannels, ch))
			}
			f.SetSelected(fChannels, idx)
		}
		if audienceFields[changed] {
			return tea.Batch(cmd, p.requestSize())
		}
	}
	return cmd
}

// requestSize counts the audience as the form's filters stand (a few
// milliseconds at a million members, off the update loop all the same).
func (p *Pane) requestSize() tea.Cmd {
	if p.form == nil || p.ix == nil {
		return nil
	}
	a, w := p.audience()
	seq := p.nextSeq()
	p.formSize.seq, p.formSize.ok = seq, false
	ix := p.ix
	return func() tea.Msg {
		return sizeComputed{seq: seq, size: model.AudienceSize(ix, ix.Matcher(a, w))}
	}
}

func (p *Pane) onSize(msg sizeComputed) {
	if msg.seq == p.formSize.seq && p.form != nil {
		p.formSize.size, p.formSize.ok = msg.size, true
		p.form.SetTitle(p.formTitle() + " · " + p.c.T("cp.form.size", format.Count(msg.size)))
	}
}

// formTitle is the form's title without the audience size.
func (p *Pane) formTitle() string {
	if p.formOrig != nil {
		return p.c.T("cp.form.edit", p.formOrig.ID)
	}
	return p.c.T("cp.form.new")
}

// splitList splits a typed list on commas (either width), 、 and spaces.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' || r == '|' })
}

// audience reads the form's audience and the window its birthdays use.
func (p *Pane) audience() (model.Audience, model.Window) {
	f := p.form
	var a model.Audience
	for _, i := range f.Selected(fStages) {
		a.Stages = append(a.Stages, model.Stage(i))
	}
	for _, i := range f.Selected(fTiers) {
		a.Tiers = append(a.Tiers, model.Tier(i))
	}
	for _, i := range f.Selected(fSegments) {
		a.Segments = append(a.Segments, model.Segment(i))
	}
	if i := f.Choice(fSegList); i > 0 && i < len(p.formSegs) {
		a.Segment = p.formSegs[i]
	}
	a.Tags = splitList(f.Value(fTags))
	a.Channels = splitList(f.Value(fAcq))
	a.Birthday = f.Choice(fBirthday) == 1
	start, err1 := model.ParseDay(strings.TrimSpace(f.Value(fStart)))
	end, err2 := model.ParseDay(strings.TrimSpace(f.Value(fEnd)))
	if err1 != nil || err2 != nil || end < start {
		return a, model.Window{From: 1, To: 0} // no birthday matches an empty window
	}
	return a, model.Window{From: start, To: end}
}

// build reads the form into a campaign, with a message per refused field.
func (p *Pane) build() (model.Campaign, map[string]string) {
	f, T := p.form, p.c.T
	errs := map[string]string{}
	var c model.Campaign
	if p.formOrig != nil {
		c = *p.formOrig // keeps tasks, reviewed, cancelled
	}
	c.Type = model.CampaignTypes[f.Choice(fType)]
	c.ID = strings.TrimSpace(f.Value(fID))
	c.Name = strings.TrimSpace(f.Value(fName))
	c.Audience, _ = p.audience()
	c.Channels = nil
	for _, i := range f.Selected(fChannels) {
		c.Channels = append(c.Channels, model.CampaignChannels[i])
	}
	money := func(k string) int64 {
		s := strings.TrimSpace(f.Value(k))
		if s == "" {
			return 0
		}
		v, err := model.ParseAmountFen(s)
		if err != nil || v < 0 {
			errs[k] = T("cp.form.err.money", s)
		}
		return v
	}
	c.BudgetFen, c.SpendFen = money(fBudget), money(fSpend)
	c.Coupon = model.Coupon{MinSpendFen: money(fCouponX), SaveFen: money(fCouponY)}
	c.FreqCap = 0
	if s := strings.TrimSpace(f.Value(fCap)); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 50 {
			errs[fCap] = T("cp.form.err.cap", s)
		}
		c.FreqCap = n
	}
	day := func(k string, required bool) model.Day {
		s := strings.TrimSpace(f.Value(k))
		if s == "" {
			if required {
				errs[k] = T("cp.form.err.required")
			}
			return 0
		}
		d, err := model.ParseDay(s)
		if err != nil {
			errs[k] = T("cp.form.err.date", s)
		}
		return d
	}
	c.WarmupStart, c.Start, c.End = day(fWarmup, false), day(fStart, true), day(fEnd, true)
	c.TargetID = strings.TrimSpace(f.Value(fTarget))
	c.Goals = nil
	for _, g := range splitGoals(f.Value(fGoals)) {
		k, v, ok := strings.Cut(g, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if _, known := model.Metric(k); !ok || !known {
			errs[fGoals] = T("cp.form.err.goal", g)
			break
		}
		n, err := model.ParseTargetValue(k, v)
		if err != nil {
			errs[fGoals] = T("cp.form.err.goal", g)
			break
		}
		if c.Goals == nil {
			c.Goals = map[string]int64{}
		}
		c.Goals[k] = n
	}
	if c.ID == "" {
		errs[fID] = T("cp.form.err.required")
	}
	if c.Name == "" {
		errs[fName] = T("cp.form.err.required")
	}
	// Say every refused field at once (the model's Validate stops at the first).
	if errs[fStart] == "" && errs[fEnd] == "" && c.End < c.Start {
		errs[fEnd] = T("cp.form.err.endbefore")
	}
	if errs[fWarmup] == "" && errs[fStart] == "" && c.WarmupStart != 0 && c.WarmupStart > c.Start {
		errs[fWarmup] = T("cp.form.err.warmupafter")
	}
	if cp := c.Coupon; errs[fCouponX] == "" && errs[fCouponY] == "" && cp != (model.Coupon{}) &&
		!(cp.SaveFen > 0 && cp.SaveFen < cp.MinSpendFen) {
		errs[fCouponY] = T("cp.form.err.coupon")
	}
	if p.formOrig == nil && c.ID != "" && p.find(c.ID) != nil {
		errs[fID] = T("cp.form.err.exists", c.ID)
	}
	if len(errs) == 0 {
		// The model's rules are the last word, said in the session's language.
		if err := c.Validate(); err != nil {
			var fe *model.FieldError
			if errors.As(err, &fe) {
				k := map[string]string{"id": fID, "name": fName, "type": fType, "end": fEnd, "warmup": fWarmup,
					"budget": fBudget, "spend": fSpend, "cap": fCap, "coupon": fCouponY, "channels": fChannels}[fe.Field]
				if k == "" {
					k = fName
				}
				errs[k] = T("cp.form.err." + fe.Key)
			}
		}
	}
	return c, errs
}

// splitGoals splits "gmv=50000, orders=300" into its goals.
func splitGoals(s string) []string {
	var out []string
	for _, g := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == '；' }) {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

// openTaskForm opens the form adding a task to r's campaign.
func (p *Pane) openTaskForm(r *row) tea.Cmd {
	T := p.c.T
	f := form.New(p.c, T("cp.task.title", r.c.Name), []form.Field{
		{Key: "title", Label: T("cp.task.f.title"), CharLimit: 128},
		{Key: "assignee", Label: T("cp.task.f.assignee")},
		{Key: "start", Label: T("cp.task.f.start"), Placeholder: "YYYY-MM-DD"},
		{Key: "due", Label: T("cp.task.f.due"), Placeholder: "YYYY-MM-DD"},
		{Key: "deliverable", Label: T("cp.task.f.deliverable"), CharLimit: 200},
	})
	f.Footer = T("cp.hint.form")
	f.SetValue("start", p.asOf.String())
	p.task = f
	p.view = viewTaskForm
	return f.Ready()
}

func (p *Pane) taskKey(msg tea.KeyMsg) tea.Cmd {
	f, T := p.task, p.c.T
	res, _, cmd := f.Update(msg)
	switch res {
	case form.Cancel:
		p.task = nil
		p.view = viewDetail
		return nil
	case form.Save:
		r := p.find(p.det.id)
		if r == nil {
			return nil
		}
		errs := map[string]string{}
		t := model.Task{Title: strings.TrimSpace(f.Value("title")), Assignee: strings.TrimSpace(f.Value("assignee")),
			Deliverable: strings.TrimSpace(f.Value("deliverable"))}
		for _, k := range []string{"title", "assignee"} {
			if strings.TrimSpace(f.Value(k)) == "" {
				errs[k] = T("cp.form.err.required")
			}
		}
		var err error
		for k, d := range map[string]*model.Day{"start": &t.Start, "due": &t.Due} {
			s := strings.TrimSpace(f.Value(k))
			if s == "" {
				errs[k] = T("cp.form.err.required")
			} else if *d, err = model.ParseDay(s); err != nil {
				errs[k] = T("cp.form.err.date", s)
			}
		}
		if len(errs) == 0 && t.Due < t.Start {
			errs["due"] = T("cp.form.err.duebefore")
		}
		if len(errs) > 0 {
			return f.SetErrors(errs)
		}
		c := r.c
		c.Tasks = append(append([]model.Task(nil), c.Tasks...), t)
		f.SetSaving(T("cp.form.saving"))
		p.det.task = len(c.Tasks) - 1
		return tea.Batch(cmd, p.save(c))
	}
	return cmd
}
