package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/store/rows"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
)

func cmdCampaign(e *env, args []string, lang, tz string) error {
	return runVerb(e, "campaign", args, lang, tz, []subcommand{
		{"add", campaignAdd}, {"list", campaignList}, {"show", campaignShow},
		{"audience", campaignAudience}, {"task", campaignTask},
	})
}

// listFlag collects a repeatable, comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func campaignAdd(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("campaign add", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	id := fs.String("id", "", "campaign id (also the campaign_id of attributed events)")
	name := fs.String("name", "", "campaign name")
	typ := fs.String("type", "", "acquisition, cultivation, promotion, reactivation or winback")
	start := fs.String("start", "", "first live day")
	end := fs.String("end", "", "last live day")
	warm := fs.String("warmup", "", "first warm-up day (before --start)")
	var stages, tiers, segs, tags, chans, acq, goals listFlag
	fs.Var(&stages, "stage", "audience: lifecycle stage(s), comma-separated or repeated")
	fs.Var(&tiers, "tier", "audience: tier(s)")
	fs.Var(&segs, "segment", "audience: RFM group(s)")
	fs.Var(&tags, "tag", "audience: tag(s), any of")
	fs.Var(&acq, "channel", "audience: acquisition channel(s) of the members")
	birthday := fs.Bool("birthday", false, "audience: only members whose birthday falls in the campaign's dates")
	segList := fs.String("segment-list", "", "audience: only the members of a saved segment (its id or name), with the other filters")
	budget := fs.String("budget", "", "budget in yuan")
	spend := fs.String("spend", "", "spend so far in yuan")
	fs.Var(&chans, "channels", "touch channels: sms, wechat, push, email, community")
	coupon := fs.String("coupon", "", "spend X save Y (满X减Y) as X/Y in yuan, e.g. 200/30")
	freq := fs.Int("cap", 0, "frequency cap: touches per member per 7 days across campaigns (default 2)")
	target := fs.String("target", "", "linked target id")
	fs.Var(&goals, "goal", "goal as metric=value (yuan for money, 0.25 for rates), repeatable")
	if _, err := parse(e, fs, args, &lang, &tz); err != nil {
		return err
	}
	if *id == "" || *name == "" || *typ == "" || *start == "" || *end == "" {
		return usagef("campaign add: --id, --name, --type, --start and --end are required")
	}
	c := model.Campaign{ID: *id, Name: *name, Type: model.CampaignType(*typ), Channels: chans, FreqCap: *freq, TargetID: *target}
	var err error
	if c.Start, err = model.ParseDay(*start); err != nil {
		return usagef("--start: %v", err)
	}
	if c.End, err = model.ParseDay(*end); err != nil {
		return usagef("--end: %v", err)
	}
	if *warm != "" {
		if c.WarmupStart, err = model.ParseDay(*warm); err != nil {
			return usagef("--warmup: %v", err)
		}
	}
	for _, s := range stages {
		v, ok := model.ParseStage(s)
		if !ok {
			return usagef("--stage %q: want introduction, growth, maturity, silent or churned", s)
		}
		c.Audience.Stages = append(c.Audience.Stages, v)
	}
	for _, s := range tiers {
		v, ok := model.ParseTier(s)
		if !ok {
			return usagef("--tier %q: want regular, silver, gold, platinum or diamond", s)
		}
		c.Audience.Tiers = append(c.Audience.Tiers, v)
	}
	for _, s := range segs {
		v, ok := model.ParseSegment(s)
		if !ok {
			return usagef("--segment %q: want an RFM group such as important_value", s)
		}
		c.Audience.Segments = append(c.Audience.Segments, v)
	}
	c.Audience.Tags, c.Audience.Channels, c.Audience.Birthday = tags, acq, *birthday
	if *budget != "" {
		if c.BudgetFen, err = model.ParseAmountFen(*budget); err != nil {
			return usagef("--budget: %v", err)
		}
	}
	if *spend != "" {
		if c.SpendFen, err = model.ParseAmountFen(*spend); err != nil {
			return usagef("--spend: %v", err)
		}
	}
	if *coupon != "" {
		x, y, ok := strings.Cut(*coupon, "/")
		if !ok {
			return usagef("--coupon %q: want X/Y in yuan, e.g. 200/30", *coupon)
		}
		if c.Coupon.MinSpendFen, err = model.ParseAmountFen(x); err != nil {
			return usagef("--coupon: %v", err)
		}
		if c.Coupon.SaveFen, err = model.ParseAmountFen(y); err != nil {
			return usagef("--coupon: %v", err)
		}
	}
	for _, g := range goals {
		k, v, ok := strings.Cut(g, "=")
		if !ok {
			return usagef("--goal %q: want metric=value", g)
		}
		n, err := model.ParseTargetValue(k, v)
		if err != nil {
			return usagef("--goal: %v", err)
		}
		if c.Goals == nil {
			c.Goals = map[string]int64{}
		}
		c.Goals[k] = n
	}
	if err := c.Validate(); err != nil {
		return usagef("--%v", err)
	}
	st, done, err := e.openStore(false)
	if err != nil {
		return err
	}
	defer done()
	if _, err := st.Campaign(c.ID); err == nil {
		return usagef("campaign %s: %s", c.ID, e.cat.T("cp.cli.exists"))
	}
	if *segList != "" {
		seg, err := st.FindSegment(*segList)
		if err != nil {
			return usagef("--segment-list: %v", err)
		}
		c.Audience.Segment = seg.ID
	}
	if _, err := st.PutCampaign(e.actor(), c); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, c.ID)
	return nil
}

// campaignView is everything list and show print about the campaigns.
type campaignView struct {
	st      *store.Store
	asOf    model.Day
	all     []model.Campaign
	ix      *store.AudienceIndex
	fatigue model.Fatigue
}

// loadCampaignView reads the campaigns and builds the audience index as of
// the as-of day (stages, tiers and RFM groups at that day).
func loadCampaignView(e *env, st *store.Store, asOfFlag string) (*campaignView, error) {
	day, err := asOfDay(e, st, asOfFlag)
	if err != nil {
		return nil, err
	}
	all, err := st.Campaigns()
	if err != nil {
		return nil, err
	}
	v := &campaignView{st: st, asOf: day, all: all}
	a, err := st.Analyze(model.DefaultRules(), model.Window{From: day - 29, To: day})
	if err != nil {
		return nil, err
	}
	p, err := st.LoadProfiles()
	if err != nil {
		return nil, err
	}
	var bd []model.MonthDay
	for _, c := range all {
		if c.Audience.Birthday {
			if bd, err = st.LoadBirthdays(); err != nil {
				return nil, err
			}
			break
		}
	}
	v.ix = store.NewAudienceIndex(a, p, bd)
	for _, c := range all {
		if c.Audience.Segment != "" {
			sets, err := st.SegmentSets()
			if err != nil {
				return nil, err
			}
			v.ix = v.ix.WithSegments(sets)
			break
		}
	}
	v.fatigue = v.ix.Fatigue(model.FatigueCandidates(all, day))
	return v, nil
}

// campaignJSON is the contract's `campaign show --json` object.
type campaignJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Status   string `json:"status"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Audience struct {
		Size int64 `json:"size"`
	} `json:"audience"`
	Results struct {
		Reached       int64           `json:"reached"`
		Converted     int64           `json:"converted"`
		Registrations int64           `json:"registrations"`
		GMV           json.RawMessage `json:"gmv"`
		Spend         json.RawMessage `json:"spend"`
		ROI           model.Ratio     `json:"roi"`
		CAC           model.Ratio     `json:"cac"`
	} `json:"results"`
}

func yuanJSON(fen int64) json.RawMessage { return json.RawMessage(model.FormatFen(fen)) }

func (v *campaignView) object(c *model.Campaign) (campaignJSON, model.CampaignResults, error) {
	var o campaignJSON
	o.ID, o.Name, o.Type, o.Status = c.ID, c.Name, string(c.Type), c.Status(v.asOf).String()
	o.Start, o.End = c.Start.String(), c.End.String()
	o.Audience.Size = v.ix.Size(c)
	r, _, err := v.st.CampaignResults(c)
	if err != nil {
		return o, r, err
	}
	o.Results.Reached, o.Results.Converted, o.Results.Registrations = r.Reached, r.Converted, r.Registrations
	o.Results.GMV, o.Results.Spend = yuanJSON(r.GMVFen), yuanJSON(r.SpendFen)
	o.Results.ROI = r.ROI
	o.Results.CAC = model.Ratio{Num: r.CAC.Num, Den: r.CAC.Den * 100} // yuan per registration
	return o, r, nil
}

// countdownText is the countdown in words ("预热 D-3", "距结束 2 天").
func countdownText(cat i18n.Catalog, c *model.Campaign, asOf model.Day) string {
	return i18n.CampaignCountdown(cat, c.Countdown(asOf), c.Status(asOf) == model.StatusWarmup)
}

// fatigueText is the fatigue guard's warning in words, one line per conflict.
func fatigueText(cat i18n.Catalog, f model.Fatigue) []string {
	if f.OverCap == 0 {
		return nil
	}
	out := []string{cat.T("cp.fatigue.head", format.Count(f.OverCap))}
	for _, cf := range f.Conflicts {
		out = append(out, cat.T("cp.fatigue.line", format.Count(cf.Members), strings.Join(cf.Campaigns, " + "), cf.From, cf.To))
	}
	return out
}

func campaignList(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("campaign list", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asJSON := fs.Bool("json", false, "print a JSON array of `campaign show --json` objects")
	asOf := fs.String("as-of", "", "day for status, countdown and audience (default: the latest day of data)")
	if _, err := parse(e, fs, args, &lang, &tz); err != nil {
		return err
	}
	st, done, err := e.openStoreWith(store.Options{ReadOnly: true, Populate: true})
	if err != nil {
		return err
	}
	defer done()
	v, err := loadCampaignView(e, st, *asOf)
	if err != nil {
		return err
	}
	objs := []campaignJSON{}
	var rs []model.CampaignResults
	for i := range v.all {
		o, r, err := v.object(&v.all[i])
		if err != nil {
			return err
		}
		objs = append(objs, o)
		rs = append(rs, r)
	}
	warn := fatigueText(e.cat, v.fatigue)
	if *asJSON {
		b, err := json.Marshal(objs)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s\n", b)
		for _, l := range warn {
			fmt.Fprintln(e.stderr, l)
		}
		return nil
	}
	if len(objs) == 0 {
		fmt.Fprintln(e.stdout, e.cat.T("cp.cli.none"))
		return nil
	}
	involved := map[string]bool{}
	for _, id := range v.fatigue.Involved {
		involved[id] = true
	}
	w := e.stdout
	fmt.Fprintf(w, "%s %s %s %s %s %s %s %s %s\n", pad(e.cat.T("cp.col.id"), 14), pad(e.cat.T("cp.col.name"), 24),
		pad(e.cat.T("cp.col.type"), 12), pad(e.cat.T("cp.col.status"), 10), pad(e.cat.T("cp.col.countdown"), 16),
		pad(e.cat.T("cp.col.dates"), 23), padLeft(e.cat.T("cp.col.audience"), 9), padLeft(e.cat.T("cp.col.budget"), 22),
		padLeft(e.cat.T("cp.col.roi"), 7))
	for i := range v.all {
		c := &v.all[i]
		mark := ""
		if involved[c.ID] {
			mark = " !" + e.cat.T("cp.cap.short")
		}
		fmt.Fprintf(w, "%s %s %s %s %s %s %s %s %s%s\n", pad(c.ID, 14), pad(c.Name, 24), pad(e.cat.T("campaign."+string(c.Type)), 12),
			pad(e.cat.T("cp.status."+c.Status(v.asOf).String()), 10), pad(countdownText(e.cat, c, v.asOf), 16),
			pad(c.Start.String()+".."+c.End.String()[5:], 23), padLeft(format.Count(objs[i].Audience.Size), 9),
			padLeft(format.MoneyWhole(c.SpendFen)+"/"+format.MoneyWhole(c.BudgetFen), 22), padLeft(ratioText(rs[i].ROI, 2), 7), mark)
	}
	for _, l := range warn {
		fmt.Fprintln(w, l)
	}
	return nil
}

// ratioText formats a ratio with d decimals, "—" when undefined.
func ratioText(r model.Ratio, d int) string {
	if !r.Valid() {
		return "—"
	}
	return format.Decimal(r.Float(), d)
}

func percentText(r model.Ratio) string { return format.Rate(r, "—") }

func campaignShow(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("campaign show", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asJSON := fs.Bool("json", false, "print the contract's JSON object")
	asOf := fs.String("as-of", "", "day for status, countdown and audience (default: the latest day of data)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("campaign show: want `campaign show ID`")
	}
	st, done, err := e.openStoreWith(store.Options{ReadOnly: true, Populate: true})
	if err != nil {
		return err
	}
	defer done()
	c, err := findCampaign(e, st, pos[0])
	if err != nil {
		return err
	}
	v, err := loadCampaignView(e, st, *asOf)
	if err != nil {
		return err
	}
	o, r, err := v.object(&c)
	if err != nil {
		return err
	}
	var warn []string
	for _, id := range v.fatigue.Involved {
		if id == c.ID {
			warn = fatigueText(e.cat, v.fatigue)
		}
	}
	if *asJSON {
		b, err := json.Marshal(o)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s\n", b)
		for _, l := range warn {
			fmt.Fprintln(e.stderr, l)
		}
		return nil
	}
	w := e.stdout
	T := e.cat.T
	fmt.Fprintf(w, "%s  %s  %s  %s  %s\n", c.ID, c.Name, T("campaign."+string(c.Type)), T("cp.status."+o.Status), countdownText(e.cat, &c, v.asOf))
	warm := "—"
	if c.HasWarmup() {
		warm = c.WarmupStart.String()
	}
	fmt.Fprint(w, T("cp.cli.dates", warm, c.Start, c.End, v.asOf))
	fmt.Fprint(w, T("cp.cli.audience", format.Count(o.Audience.Size), audienceText(e.cat, c.Audience)))
	fmt.Fprint(w, T("cp.cli.money", format.Money(c.BudgetFen), format.Money(c.SpendFen), percentText(r.BudgetUsed),
		strings.Join(c.Channels, ","), c.EffectiveCap()))
	if c.Coupon != (model.Coupon{}) {
		fmt.Fprint(w, T("cp.cli.coupon", format.Money(c.Coupon.MinSpendFen), format.Money(c.Coupon.SaveFen)))
	}
	fmt.Fprint(w, T("cp.cli.results", format.Count(r.Reached), format.Count(r.Converted), format.Count(r.Registrations),
		format.Count(r.Orders), format.Money(r.GMVFen),
		ratioText(r.ROI, 2), ratioText(model.Ratio{Num: r.CAC.Num, Den: r.CAC.Den * 100}, 2)))
	for _, g := range model.GoalProgress(&c, r, nil) {
		if !g.Known {
			continue
		}
		fmt.Fprint(w, T("cp.cli.goal", T("kpi."+g.Metric), format.Value(g.Metric, g.Actual),
			format.Value(g.Metric, g.Goal), percentText(g.Progress)))
	}
	for i, t := range c.Tasks {
		state := T("cp.task.open")
		switch {
		case t.Done:
			state = T("cp.task.done")
		case t.Overdue(v.asOf):
			state = T("cp.task.late")
		}
		fmt.Fprintf(w, "  %2d. %s %s %s %s..%s  %s\n", i+1, pad(state, 6), pad(t.Title, 22), pad(t.Assignee, 8), t.Start, t.Due, t.Deliverable)
	}
	for _, l := range warn {
		fmt.Fprintln(w, l)
	}
	return nil
}

// audienceText describes an audience's filters in words.
func audienceText(cat i18n.Catalog, a model.Audience) string {
	var parts []string
	for _, s := range a.Stages {
		parts = append(parts, cat.T("stage."+s.String()))
	}
	for _, t := range a.Tiers {
		parts = append(parts, cat.T("tier."+t.String()))
	}
	for _, s := range a.Segments {
		parts = append(parts, cat.T("segment."+s.String()))
	}
	for _, t := range a.Tags {
		parts = append(parts, "#"+t)
	}
	for _, c := range a.Channels {
		parts = append(parts, "@"+c)
	}
	if a.Birthday {
		parts = append(parts, cat.T("cp.aud.birthday"))
	}
	if a.Segment != "" {
		parts = append(parts, cat.T("cp.aud.list", a.Segment))
	}
	if len(parts) == 0 {
		return cat.T("cp.aud.all")
	}
	return strings.Join(parts, " · ")
}

func findCampaign(e *env, st *store.Store, id string) (model.Campaign, error) {
	c, err := st.Campaign(id)
	return c, notFound(e, err, "campaign", id, "cp.cli.notfound")
}

func campaignAudience(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("campaign audience", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	out := fs.String("out", "", "output file (default: standard output)")
	outFormat := fs.String("format", "", "csv or xlsx (default: csv, or xlsx for an --out file ending in .xlsx)")
	unmask := fs.Bool("unmask", false, "write phones in full (admins only; recorded in the audit log)")
	ignoreCap := fs.Bool("ignore-cap", false, "keep the members the frequency cap would leave out")
	asOf := fs.String("as-of", "", "day for the audience's stages, tiers and groups (default: the latest day of data)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("campaign audience: want `campaign audience ID`")
	}
	switch *outFormat {
	case "", "csv", "xlsx":
	default:
		return usagef("--format %q: want csv or xlsx", *outFormat)
	}
	if wantsXLSX(*outFormat, *out) {
		if err := e.checkXLSXOut(*out); err != nil {
			return err
		}
	}
	// An unmasked export is audited, which needs write access.
	st, done, err := e.openStoreWith(store.Options{ReadOnly: !*unmask, Populate: true})
	if err != nil {
		return err
	}
	defer done()
	c, err := findCampaign(e, st, pos[0])
	if err != nil {
		return err
	}
	actor := e.actor()
	if *unmask && actor.Role < store.Admin {
		return fmt.Errorf("campaign audience --unmask: %w", store.ErrForbidden)
	}
	v, err := loadCampaignView(e, st, *asOf)
	if err != nil {
		return err
	}
	h := v.ix.CappedAudience(v.all, c, v.asOf, *ignoreCap)
	if *unmask {
		dest := *out
		if dest == "" {
			dest = "standard output"
		} else if abs, err := filepath.Abs(dest); err == nil {
			dest = abs
		}
		detail := fmt.Sprintf("%d members to %s (%d left out by the frequency cap)", len(h.Seqs), dest, h.OverCap)
		if err := st.Audit(actor, "export.unmasked", "campaign:"+c.ID, detail); err != nil {
			return fmt.Errorf("campaign audience: audit: %w", err)
		}
	}
	if wantsXLSX(*outFormat, *out) {
		titles := make([]string, 0, 7)
		for _, k := range []string{"member_id", "name", "phone", "stage", "tier", "segment", "tags"} {
			titles = append(titles, e.cat.T("xlsx.audience."+k))
		}
		err := e.writeWorkbook(st.Location(), *out, func(wb *rows.Workbook) error {
			return v.ix.WriteWorkbook(wb, e.cat.T("xlsx.sheet.audience"), titles, h.Seqs, !*unmask)
		})
		if err != nil {
			return fmt.Errorf("campaign audience: %w", err)
		}
	} else {
		w := e.stdout
		var file *os.File
		if *out != "" {
			if file, err = os.OpenFile(*out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600); err != nil {
				return fmt.Errorf("campaign audience: %w", err)
			}
			defer file.Close()
			w = file
		}
		bw := bufio.NewWriterSize(w, 1<<20)
		if err := v.ix.WriteCSV(bw, h.Seqs, !*unmask); err != nil {
			return fmt.Errorf("campaign audience: %w", err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("campaign audience: %w", err)
		}
		if file != nil {
			if err := file.Close(); err != nil {
				return fmt.Errorf("campaign audience: %w", err)
			}
		}
	}
	dest := *out
	if dest == "" {
		dest = "-"
	}
	fmt.Fprint(e.stderr, e.cat.T("cp.cli.exported", format.Count(int64(len(h.Seqs))), dest))
	if h.OverCap > 0 {
		fmt.Fprint(e.stderr, e.cat.T("cp.cli.capped", format.Count(h.OverCap)))
	}
	return nil
}

func campaignTask(e *env, args []string, lang, tz string) error {
	if len(args) == 0 {
		return usagef("campaign task: want add or done")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("campaign task "+sub, flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	switch sub {
	case "add":
		title := fs.String("title", "", "what is to be done")
		who := fs.String("assignee", "", "who does it")
		start := fs.String("start", "", "first day")
		due := fs.String("due", "", "due day")
		deliv := fs.String("deliverable", "", "what is handed over")
		pos, err := parse(e, fs, args, &lang, &tz)
		if err != nil {
			return err
		}
		if len(pos) != 1 || *title == "" || *who == "" || *due == "" {
			return usagef("campaign task add: want `campaign task add ID --title T --assignee A --due DATE [--start DATE] [--deliverable D]`")
		}
		t := model.Task{Title: *title, Assignee: *who, Deliverable: *deliv}
		if t.Due, err = model.ParseDay(*due); err != nil {
			return usagef("--due: %v", err)
		}
		t.Start = t.Due
		if *start != "" {
			if t.Start, err = model.ParseDay(*start); err != nil {
				return usagef("--start: %v", err)
			}
		}
		if t.Due < t.Start {
			return usagef("campaign task add: --due %s is before --start %s", t.Due, t.Start)
		}
		st, done, err := e.openStore(false)
		if err != nil {
			return err
		}
		defer done()
		c, err := findCampaign(e, st, pos[0])
		if err != nil {
			return err
		}
		c.Tasks = append(c.Tasks, t)
		if _, err := st.PutCampaign(e.actor(), c); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, len(c.Tasks))
		return nil
	case "done":
		undo := fs.Bool("undo", false, "mark the task open again")
		pos, err := parse(e, fs, args, &lang, &tz)
		if err != nil {
			return err
		}
		if len(pos) != 2 {
			return usagef("campaign task done: want `campaign task done ID N` (N as `campaign show` numbers the tasks)")
		}
		n, err := strconv.Atoi(pos[1])
		if err != nil || n < 1 {
			return usagef("campaign task done: %q is not a task number", pos[1])
		}
		st, done, err := e.openStore(false)
		if err != nil {
			return err
		}
		defer done()
		if _, err := findCampaign(e, st, pos[0]); err != nil {
			return err
		}
		if err := st.CampaignTaskUpdate(e.actor(), pos[0], n-1, !*undo); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return usagef("campaign task done: %s has no task %d", pos[0], n)
			}
			return err
		}
		return nil
	}
	return usagef("campaign task %s: want add or done", sub)
}

// saveFile writes a file a session asked for (a campaign's audience) into
// $COCKPIT_EXPORT_DIR or the working directory, readable by its owner only
// (it holds personal data), and returns its path.
func saveFile(name string, write func(io.Writer) error) (string, error) {
	dir := os.Getenv("COCKPIT_EXPORT_DIR")
	if dir == "" {
		dir = "."
	}
	path := filepath.Join(dir, filepath.Base(name))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return path, nil
}
