package campaigns

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// detailState is the opened campaign.
type detailState struct {
	id     string
	task   int // the selected task
	scroll int // first line shown
	mv     model.Movement
	mvOK   bool // the campaign has started: there is a movement
	mvDone bool
	mvErr  error
	mvSeq  uint64
	level  map[string]int64 // level-metric goals' KPIs (nil until measured)
}

func (p *Pane) openDetail(id string) tea.Cmd {
	p.det = detailState{id: id}
	p.view = viewDetail
	return p.requestMovement()
}

func (p *Pane) detailKey(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	r := p.find(p.det.id)
	p.list.flash = ""
	switch {
	case key.Matches(msg, k.Back):
		p.view = viewList
		return nil
	case r == nil:
		return nil
	case key.Matches(msg, k.Up):
		p.det.task = max(p.det.task-1, 0)
	case key.Matches(msg, k.Down):
		p.det.task = max(min(p.det.task+1, len(r.c.Tasks)-1), 0)
	case key.Matches(msg, k.PageUp):
		p.det.scroll = max(p.det.scroll-p.height/2, 0)
	case key.Matches(msg, k.PageDown):
		p.det.scroll += p.height / 2
	case key.Matches(msg, k.Done):
		if p.det.task < len(r.c.Tasks) && p.saving == 0 {
			c := r.c
			c.Tasks = append([]model.Task(nil), c.Tasks...)
			c.Tasks[p.det.task].Done = !c.Tasks[p.det.task].Done
			r.c = c // shown at once; the store's change reloads it
			return p.save(c)
		}
	case key.Matches(msg, k.AddTask):
		return p.openTaskForm(r)
	case key.Matches(msg, k.Edit):
		c := r.c
		return p.openForm(&c, nil)
	case key.Matches(msg, k.Export):
		return p.export(r, false)
	case key.Matches(msg, k.Unmask):
		return p.export(r, true)
	}
	return nil
}

// detailView draws the opened campaign: what it is, its audience and money,
// its results and goals, the audience's movement, a daily chart, its tasks
// and its frequency-cap conflicts. The body scrolls; the selected task is
// kept in sight.
func (p *Pane) detailView() []string {
	st, w, T := p.c.Styles, p.width, p.c.T
	r := p.find(p.det.id)
	if r == nil {
		return []string{st.Subtle.Render(p.spin.View() + " " + T("cp.loading"))}
	}
	c := &r.c
	title := c.Name + "  " + T("campaign."+string(c.Type)) + " · " + T("cp.status."+r.status.String())
	if cd := p.countdown(r); cd != "" {
		title += " · " + cd
	}
	head := []string{st.Title.Render(theme.Clip(title, w))}
	var body []string
	add := func(s string) { body = append(body, theme.Clip(s, w)) }
	warm := st.G.Dash
	if c.HasWarmup() {
		warm = c.WarmupStart.String()
	}
	add(T("cp.det.dates", c.ID, warm, c.Start.String(), c.End.String(), p.asOf.String()))
	add(T("cp.det.audience", format.Count(r.size), p.audienceText(c.Audience)))
	chans := st.G.Dash
	if len(c.Channels) > 0 {
		var ns []string
		for _, ch := range c.Channels {
			ns = append(ns, T("cp.ch."+ch))
		}
		chans = strings.Join(ns, T("form.sep"))
	}
	add(T("cp.det.channels", chans, c.Touches(), c.EffectiveCap()))
	money := T("cp.det.money", format.Money(c.BudgetFen), format.Money(c.SpendFen), format.Rate(r.res.BudgetUsed, st.G.Dash))
	if c.Coupon != (model.Coupon{}) {
		money += T("cp.det.coupon", format.Money(c.Coupon.MinSpendFen), format.Money(c.Coupon.SaveFen))
	}
	if c.TargetID != "" {
		money += T("cp.det.target", c.TargetID)
	}
	add(money)

	body = append(body, p.section(T("cp.det.results")))
	res := r.res
	add(T("cp.det.res1", format.Count(res.Reached), format.Count(res.Converted), format.Rate(res.ConversionRate, st.G.Dash),
		format.Count(res.Registrations), format.Count(res.Orders)))
	add(T("cp.det.res2", format.Money(res.GMVFen), ratio2(res.ROI, st.G.Dash),
		moneyRatio(model.Ratio{Num: res.CAC.Num, Den: res.CAC.Den}, st.G.Dash)))
	var goals []string
	for _, g := range model.GoalProgress(c, res, func(k string) (int64, bool) {
		v, ok := p.det.level[k]
		return v, ok
	}) {
		if !g.Known {
			continue
		}
		goals = append(goals, T("cp.det.goal", T("kpi."+g.Metric), format.Value(g.Metric, g.Actual),
			format.Value(g.Metric, g.Goal), format.Rate(g.Progress, st.G.Dash)))
	}
	if len(goals) > 0 {
		add(T("cp.det.goals") + strings.Join(goals, " · "))
	}
	switch {
	case p.det.mvErr != nil:
		add(st.ErrorLabel.Render(p.det.mvErr.Error()))
	case !p.det.mvDone:
		add(st.Subtle.Render(T("cp.det.mv.loading")))
	case !p.det.mvOK:
		add(st.Subtle.Render(T("cp.det.mv.notyet")))
	default:
		mv := &p.det.mv
		rb, rd, gb, gd := mv.Rates()
		add(T("cp.det.mv", format.Rate(rb, st.G.Dash), format.Rate(rd, st.G.Dash), moneyRatio(gb, st.G.Dash),
			moneyRatio(gd, st.G.Dash), mv.During.Len()))
	}
	body = append(body, p.chart(r)...)

	body = append(body, p.section(T("cp.det.tasks", len(c.Tasks))))
	taskLine := len(body)
	if len(c.Tasks) == 0 {
		add(st.Subtle.Render(T("cp.det.notasks")))
	}
	for i, t := range c.Tasks {
		box := "[ ]"
		if t.Done {
			box = "[x]"
		}
		late := t.Overdue(p.asOf)
		prefix := "  "
		if i == p.det.task {
			prefix = st.G.Selected + " "
		}
		state := ""
		if late {
			state = " " + T("cp.task.late")
		}
		line := theme.Fit(prefix+box+" "+theme.Fit(t.Title, 20)+" "+theme.Fit(t.Assignee, 6)+" "+dayShort(t.Start)+"→"+
			dayShort(t.Due)+state+"  "+t.Deliverable, w)
		switch {
		case i == p.det.task:
			line = st.TableSelected.Render(line)
		case late:
			line = st.Bad.Render(line)
		case t.Done:
			line = st.Subtle.Render(line)
		}
		body = append(body, line)
	}
	var mine []model.CapConflict
	for _, cf := range p.fatigue.Conflicts {
		for _, id := range cf.Campaigns {
			if id == c.ID {
				mine = append(mine, cf)
			}
		}
	}
	if len(mine) > 0 {
		body = append(body, p.section(T("cp.det.cap")))
		for _, cf := range mine {
			body = append(body, st.Warn.Render(theme.Clip(T("cp.det.capline", format.Count(cf.Members),
				strings.Join(p.names(cf.Campaigns), " + "), dayShort(cf.From), dayShort(cf.To)), w)))
		}
		add(st.Subtle.Render(T("cp.det.capnote")))
	}

	// Scroll: keep the selected task in sight.
	room := max(p.height-len(head)-2, 1)
	sel := taskLine + p.det.task
	if sel-p.det.scroll >= room {
		p.det.scroll = sel - room + 1
	}
	if sel < p.det.scroll && len(c.Tasks) > 0 {
		p.det.scroll = sel
	}
	p.det.scroll = max(min(p.det.scroll, len(body)-room), 0)
	end := min(p.det.scroll+room, len(body))
	lines := append(head, body[p.det.scroll:end]...)
	for len(lines) < p.height-2 {
		lines = append(lines, "")
	}
	flash := ""
	if p.list.flash != "" {
		style := st.Good
		if p.list.flashBad {
			style = st.ErrorLabel
		}
		flash = style.Render(theme.Clip(p.list.flash, w))
	}
	return append(lines[:p.height-2], flash, st.Subtle.Render(theme.Clip(T("cp.hint.detail"), w)))
}

// section is a section title line.
func (p *Pane) section(title string) string {
	st := p.c.Styles
	rule := strings.Repeat(st.G.HLine, max(p.width-lipgloss.Width(title)-4, 0))
	return st.Accent.Render(theme.Clip(st.G.HLine+" "+title+" "+rule, p.width))
}

// moneyRatio formats a fen-per-unit ratio as yuan.
func moneyRatio(r model.Ratio, dash string) string {
	if !r.Valid() {
		return dash
	}
	return format.Money((r.Num + r.Den/2) / r.Den)
}

// segmentName is a saved segment's name, or its id when it is gone.
func (p *Pane) segmentName(id string) string {
	for _, s := range p.segs {
		if s.ID == id {
			return s.Name
		}
	}
	return id
}

// audienceText describes an audience's filters.
func (p *Pane) audienceText(a model.Audience) string {
	T := p.c.T
	var parts []string
	for _, s := range a.Stages {
		parts = append(parts, T("stage."+s.String()))
	}
	for _, t := range a.Tiers {
		parts = append(parts, T("tier."+t.String()))
	}
	for _, s := range a.Segments {
		parts = append(parts, T("segment."+s.String()))
	}
	for _, t := range a.Tags {
		parts = append(parts, "#"+t)
	}
	for _, c := range a.Channels {
		parts = append(parts, "@"+c)
	}
	if a.Birthday {
		parts = append(parts, T("cp.aud.birthday"))
	}
	if a.Segment != "" {
		parts = append(parts, T("cp.aud.list", p.segmentName(a.Segment)))
	}
	if len(parts) == 0 {
		return T("cp.aud.all")
	}
	return strings.Join(parts, " · ")
}

// chart draws the attributed GMV and conversions per day over the
// campaign's dates as two sparklines (days grouped when they do not fit).
func (p *Pane) chart(r *row) []string {
	st, T := p.c.Styles, p.c.T
	w := model.Window{From: r.c.Start, To: min(r.c.End, p.asOf)}
	if p.asOf < r.c.Start {
		w.To = r.c.End // not started: the dates ahead
	}
	days := model.DailySeries(r.days, w)
	lines := []string{p.section(T("cp.det.chart", dayShort(w.From), dayShort(w.To)))}
	if r.res.Events == 0 {
		return append(lines, st.Subtle.Render(theme.Clip(T("cp.det.nochart"), p.width)))
	}
	label := max(lipgloss.Width(T("cp.det.gmv")), lipgloss.Width(T("cp.det.conv"))) + 1
	room := max(p.width-label-14, 4)
	per := (len(days) + room - 1) / room
	var gmv, conv []int64
	for i := 0; i < len(days); i += per {
		var g, c int64
		for j := i; j < min(i+per, len(days)); j++ {
			g += days[j].GMVFen
			c += days[j].NewConverted
		}
		gmv, conv = append(gmv, g), append(conv, c)
	}
	var gsum, csum int64
	for i := range gmv {
		gsum, csum = gsum+gmv[i], csum+conv[i]
	}
	lines = append(lines,
		theme.Fit(T("cp.det.gmv"), label)+st.Spark.Render(spark(gmv, st.G.Spark))+" "+format.Money(gsum),
		theme.Fit(T("cp.det.conv"), label)+st.Spark.Render(spark(conv, st.G.Spark))+" "+format.Count(csum))
	return lines
}

// spark draws values as block characters scaled to the largest.
func spark(vs []int64, levels []rune) string {
	var hi int64
	for _, v := range vs {
		hi = max(hi, v)
	}
	out := make([]rune, len(vs))
	for i, v := range vs {
		if hi <= 0 || v <= 0 {
			out[i] = levels[0]
			continue
		}
		out[i] = levels[min(int(v*int64(len(levels)-1)/hi), len(levels)-1)]
	}
	return string(out)
}
