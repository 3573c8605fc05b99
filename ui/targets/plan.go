package targets

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/theme"
)

// The plan view: the operating plan's phases as a timeline, each with its
// dates, milestones and the state of the targets that overlap it; a phase
// can be renamed (r) and re-dated (e) in place; the selected phase's
// milestones (←/→ select) can be ticked done (space/x), added (a), moved
// (m: to any day of the plan, into another phase if need be) and deleted
// (d, after y/n). Every edit is a model.Plan edit checked by Plan.Validate
// and saved through Store.PutPlan. g generates the common 12-month plan for
// model.PlanYear (next year from December) when no plan covers that year.

// planState is the plan screen's state.
type planState struct {
	plans  []model.Plan
	loaded bool
	err    error
	idx    int // the plan shown
	cursor int // the selected phase
	mcur   int // the selected milestone of the selected phase
	// confirm: the selected milestone waits for y/n to be deleted.
	confirm bool
	want    string // plan ID to show when the next load arrives (just saved)

	seq      uint64
	inFlight bool

	edit    *planEdit
	msg     string
	msgBad  bool
	saving  bool
	saveSeq uint64
}

// Kinds of inline edit.
const (
	editRename = iota
	editRedate
	editAddMilestone  // inputs: name, day
	editMoveMilestone // input: day
)

// planEdit is an inline edit of the selected phase.
type planEdit struct {
	kind   int
	phase  int
	inputs []textinput.Model
	focus  int
	err    string
}

// plansLoaded carries the plans of request seq.
type plansLoaded struct {
	seq   uint64
	plans []model.Plan
	err   error
}

// planSaved reports the outcome of a plan write.
type planSaved struct {
	seq uint64
	id  string
	err error
}

func (p *Pane) openPlan() tea.Cmd {
	p.view = viewPlan
	p.plan.msg = ""
	return p.requestPlans()
}

func (p *Pane) requestPlans() tea.Cmd {
	was := p.busy()
	p.plan.inFlight = true
	p.plan.seq = p.nextSeq()
	st, seq := p.c.Store, p.plan.seq
	load := func() tea.Msg {
		ps, err := st.Plans()
		return plansLoaded{seq: seq, plans: ps, err: err}
	}
	return tea.Batch(load, p.startSpin(was))
}

func (p *Pane) onPlans(msg plansLoaded) {
	ps := &p.plan
	if msg.seq != ps.seq {
		return
	}
	ps.inFlight = false
	if msg.err != nil {
		ps.err = msg.err
		return
	}
	prevID := ""
	if ps.idx < len(ps.plans) {
		prevID = ps.plans[ps.idx].ID
	}
	if ps.want != "" {
		prevID, ps.want = ps.want, ""
	}
	ps.plans, ps.loaded, ps.err = msg.plans, true, nil
	ps.idx = -1
	for i, pl := range ps.plans {
		if pl.ID == prevID && prevID != "" {
			ps.idx = i
		}
	}
	if ps.idx < 0 {
		ps.idx = p.currentPlan()
	}
	if n := len(p.phases()); ps.cursor >= n {
		ps.cursor = max(n-1, 0)
	}
	ps.clampMilestone(p.phases())
}

// clampMilestone keeps the milestone cursor inside the selected phase.
func (ps *planState) clampMilestone(phases []model.Phase) {
	n := 0
	if ps.cursor < len(phases) {
		n = len(phases[ps.cursor].Milestones)
	}
	ps.mcur = max(min(ps.mcur, n-1), 0)
}

// milestones returns the selected phase's milestones.
func (p *Pane) milestones() []model.Milestone {
	phases := p.phases()
	if p.plan.cursor >= len(phases) {
		return nil
	}
	return phases[p.plan.cursor].Milestones
}

// currentPlan picks the plan whose span holds the as-of day, else the last.
func (p *Pane) currentPlan() int {
	for i, pl := range p.plan.plans {
		if len(pl.Phases) > 0 && pl.Phases[0].From <= p.asOf && p.asOf <= pl.Phases[len(pl.Phases)-1].To {
			return i
		}
	}
	return max(len(p.plan.plans)-1, 0)
}

// phases returns the shown plan's phases.
func (p *Pane) phases() []model.Phase {
	ps := &p.plan
	if ps.idx < 0 || ps.idx >= len(ps.plans) {
		return nil
	}
	return ps.plans[ps.idx].Phases
}

func (p *Pane) planKey(msg tea.KeyMsg) tea.Cmd {
	ps, k := &p.plan, p.keys
	if ps.edit != nil {
		return p.planEditKey(msg)
	}
	if ps.saving {
		return nil
	}
	if ps.confirm {
		return p.confirmKey(msg)
	}
	n := len(p.phases())
	ms := p.milestones()
	switch {
	case key.Matches(msg, k.Back):
		p.view = viewList
		ps.msg = ""
	case key.Matches(msg, k.Up):
		ps.cursor = max(ps.cursor-1, 0)
		ps.mcur = 0
	case key.Matches(msg, k.Down):
		ps.cursor = max(min(ps.cursor+1, n-1), 0)
		ps.mcur = 0
	case key.Matches(msg, k.MsPrev):
		ps.mcur = max(ps.mcur-1, 0)
	case key.Matches(msg, k.MsNext):
		ps.mcur = max(min(ps.mcur+1, len(ms)-1), 0)
	case key.Matches(msg, k.MsToggle):
		if ps.mcur < len(ms) {
			return p.editPlan(func(pl model.Plan) (model.Plan, error) { return pl.ToggleMilestone(ps.cursor, ps.mcur) })
		}
	case key.Matches(msg, k.MsAdd):
		if n > 0 {
			ph := p.phases()[ps.cursor]
			day := ph.To
			if p.asOf >= ph.From && p.asOf <= ph.To {
				day = p.asOf
			}
			ps.edit = &planEdit{kind: editAddMilestone, phase: ps.cursor, inputs: []textinput.Model{
				p.newInput("", 30), p.newInput(day.String(), 10)}}
			ps.msg = ""
			return ps.edit.inputs[0].Focus()
		}
	case key.Matches(msg, k.MsMove):
		if ps.mcur < len(ms) {
			ps.edit = &planEdit{kind: editMoveMilestone, phase: ps.cursor, inputs: []textinput.Model{
				p.newInput(ms[ps.mcur].Day.String(), 10)}}
			ps.msg = ""
			return ps.edit.inputs[0].Focus()
		}
	case key.Matches(msg, k.MsDelete):
		if ps.mcur < len(ms) {
			ps.confirm = true
			ps.msg = ""
		}
	case key.Matches(msg, k.PrevPlan):
		if len(ps.plans) > 0 {
			ps.idx = (ps.idx + len(ps.plans) - 1) % len(ps.plans)
			ps.cursor, ps.mcur = 0, 0
		}
	case key.Matches(msg, k.NextPlan):
		if len(ps.plans) > 0 {
			ps.idx = (ps.idx + 1) % len(ps.plans)
			ps.cursor, ps.mcur = 0, 0
		}
	case !p.canWrite() && (key.Matches(msg, k.Generate) || key.Matches(msg, k.Rename) || key.Matches(msg, k.Redate)):
		var cmd tea.Cmd
		ps.msg, cmd = p.refuse("plan.put", "")
		return cmd
	case key.Matches(msg, k.Generate):
		if !ps.loaded {
			return nil
		}
		y := model.PlanYear(p.asOfOrToday())
		if i := model.PlanCovering(ps.plans, model.CivilDay(y, 1, 1)); i >= 0 {
			ps.idx, ps.cursor, ps.mcur = i, 0, 0
			ps.msg, ps.msgBad = p.c.T("ops.plan.exists", y), false
			return nil
		}
		return p.savePlan(model.DefaultPlan("", model.CivilDay(y, 1, 1)))
	case key.Matches(msg, k.Rename):
		if n > 0 {
			ph := p.phases()[ps.cursor]
			ps.edit = &planEdit{kind: editRename, phase: ps.cursor, inputs: []textinput.Model{p.newInput(ph.Name, 40)}}
			ps.msg = ""
			return ps.edit.inputs[0].Focus()
		}
	case key.Matches(msg, k.Redate):
		if n > 0 {
			ph := p.phases()[ps.cursor]
			ps.edit = &planEdit{kind: editRedate, phase: ps.cursor, inputs: []textinput.Model{
				p.newInput(ph.From.String(), 10), p.newInput(ph.To.String(), 10)}}
			ps.msg = ""
			return ps.edit.inputs[0].Focus()
		}
	}
	return nil
}

// confirmKey answers the delete question: y deletes the selected
// milestone, n or esc keeps it.
func (p *Pane) confirmKey(msg tea.KeyMsg) tea.Cmd {
	ps, k := &p.plan, p.keys
	switch {
	case key.Matches(msg, k.Yes):
		ps.confirm = false
		return p.editPlan(func(pl model.Plan) (model.Plan, error) { return pl.DeleteMilestone(ps.cursor, ps.mcur) })
	case key.Matches(msg, k.No):
		ps.confirm = false
	}
	return nil
}

// editPlan applies a milestone edit to the shown plan and saves the
// result; an edit the model refuses is reported and nothing is saved.
func (p *Pane) editPlan(edit func(model.Plan) (model.Plan, error)) tea.Cmd {
	ps := &p.plan
	if ps.idx < 0 || ps.idx >= len(ps.plans) {
		return nil
	}
	plan, err := edit(ps.plans[ps.idx])
	if err == nil {
		err = plan.Validate()
	}
	if err != nil {
		ps.msg, ps.msgBad = p.errText(err), true
		return nil
	}
	return p.savePlan(plan)
}

// asOfOrToday is the as-of day, or today before it is known.
func (p *Pane) asOfOrToday() model.Day {
	if p.asOf != 0 {
		return p.asOf
	}
	return model.DayOf(p.now(), p.c.Store.Location())
}

func (p *Pane) newInput(value string, width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 64
	in.Width = width
	in.TextStyle = p.c.Renderer.NewStyle()
	in.Cursor.Style = p.c.Renderer.NewStyle()
	in.Cursor.TextStyle = p.c.Renderer.NewStyle()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.SetValue(value)
	in.CursorEnd()
	return in
}

func (p *Pane) planEditKey(msg tea.KeyMsg) tea.Cmd {
	ps, k := &p.plan, p.keys
	e := ps.edit
	if ps.saving {
		return nil
	}
	switch {
	case key.Matches(msg, k.Cancel):
		ps.edit = nil
		return nil
	case key.Matches(msg, k.Submit), key.Matches(msg, k.Save):
		return p.submitPlanEdit()
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		if len(e.inputs) > 1 {
			e.inputs[e.focus].Blur()
			e.focus = (e.focus + 1) % len(e.inputs)
			return e.inputs[e.focus].Focus()
		}
		return nil
	}
	var cmd tea.Cmd
	before := e.inputs[e.focus].Value()
	e.inputs[e.focus], cmd = e.inputs[e.focus].Update(msg)
	if e.inputs[e.focus].Value() != before {
		e.err = ""
	}
	return cmd
}

// submitPlanEdit checks the edit and saves the plan with it.
func (p *Pane) submitPlanEdit() tea.Cmd {
	ps := &p.plan
	e := ps.edit
	if e.kind == editAddMilestone || e.kind == editMoveMilestone {
		return p.submitMilestoneEdit()
	}
	plan := clonePlan(ps.plans[ps.idx])
	ph := &plan.Phases[e.phase]
	switch e.kind {
	case editRename:
		name := strings.TrimSpace(e.inputs[0].Value())
		if name == "" {
			e.err = p.c.T("tg.plan.err.noname")
			return nil
		}
		ph.Name = name
	case editRedate:
		var days [2]model.Day
		for i := range days {
			s := strings.TrimSpace(e.inputs[i].Value())
			d, err := model.ParseDay(s)
			if err != nil {
				e.err = p.c.T("tg.form.err.date", s)
				e.inputs[e.focus].Blur()
				e.focus = i
				return e.inputs[i].Focus()
			}
			days[i] = d
		}
		ph.From, ph.To = days[0], days[1]
		if msg := p.phaseProblem(plan, e.phase); msg != "" {
			e.err = msg
			return nil
		}
	}
	if err := plan.Validate(); err != nil {
		e.err = strings.ReplaceAll(err.Error(), "\n", "; ")
		return nil
	}
	return p.savePlan(plan)
}

// submitMilestoneEdit checks an added or moved milestone and saves the
// plan with it; what is typed stays when something is wrong.
func (p *Pane) submitMilestoneEdit() tea.Cmd {
	ps := &p.plan
	e := ps.edit
	dayIn := e.inputs[len(e.inputs)-1]
	s := strings.TrimSpace(dayIn.Value())
	day, err := model.ParseDay(s)
	if err != nil {
		e.err = p.c.T("tg.form.err.date", s)
		return p.focusPlanInput(len(e.inputs) - 1)
	}
	pl := ps.plans[ps.idx]
	if pl.PhaseOf(day) < 0 {
		first, last := pl.Phases[0].From, pl.Phases[len(pl.Phases)-1].To
		e.err = p.c.T("ops.plan.err.outside", day.String(), first.String(), last.String())
		return p.focusPlanInput(len(e.inputs) - 1)
	}
	var out model.Plan
	if e.kind == editAddMilestone {
		name := strings.TrimSpace(e.inputs[0].Value())
		if name == "" {
			e.err = p.c.T("ops.plan.err.noname")
			return p.focusPlanInput(0)
		}
		out, err = pl.AddMilestone(name, day)
	} else {
		out, err = pl.MoveMilestone(e.phase, ps.mcur, day)
	}
	if err == nil {
		err = out.Validate()
	}
	if err != nil {
		e.err = strings.ReplaceAll(p.errText(err), "\n", "; ")
		return nil
	}
	// Follow the milestone to where it lands.
	ps.cursor = out.PhaseOf(day)
	for i, m := range out.Phases[ps.cursor].Milestones {
		if m.Day == day {
			ps.mcur = i
		}
	}
	return p.savePlan(out)
}

// focusPlanInput moves the inline edit's focus to input i.
func (p *Pane) focusPlanInput(i int) tea.Cmd {
	e := p.plan.edit
	e.inputs[e.focus].Blur()
	e.focus = i
	return e.inputs[i].Focus()
}

// phaseProblem says in the session's language what is wrong with phase i's
// dates ("" when nothing), before Plan.Validate has the last word.
func (p *Pane) phaseProblem(plan model.Plan, i int) string {
	ph := plan.Phases[i]
	if ph.To < ph.From {
		return p.c.T("tg.form.err.order", ph.To.String(), ph.From.String())
	}
	if i > 0 && ph.From <= plan.Phases[i-1].To {
		return p.c.T("tg.plan.err.prev", localName(plan.Phases[i-1].Name, p.c.Cat.Lang), plan.Phases[i-1].To.String())
	}
	if i+1 < len(plan.Phases) && ph.To >= plan.Phases[i+1].From {
		return p.c.T("tg.plan.err.next", localName(plan.Phases[i+1].Name, p.c.Cat.Lang), plan.Phases[i+1].From.String())
	}
	for _, m := range ph.Milestones {
		if m.Day < ph.From || m.Day > ph.To {
			return p.c.T("tg.plan.err.milestone", localName(m.Name, p.c.Cat.Lang), m.Day.String())
		}
	}
	return ""
}

func clonePlan(pl model.Plan) model.Plan {
	out := pl
	out.Phases = make([]model.Phase, len(pl.Phases))
	copy(out.Phases, pl.Phases)
	return out
}

// savePlan writes the plan in a command.
func (p *Pane) savePlan(plan model.Plan) tea.Cmd {
	ps := &p.plan
	was := p.busy()
	ps.saving = true
	ps.saveSeq = p.nextSeq()
	st, actor, seq := p.c.Store, p.c.Actor, ps.saveSeq
	save := func() tea.Msg {
		id, err := st.PutPlan(actor, plan)
		return planSaved{seq: seq, id: id, err: err}
	}
	return tea.Batch(save, p.startSpin(was))
}

func (p *Pane) onPlanSaved(msg planSaved) tea.Cmd {
	ps := &p.plan
	if msg.seq != ps.saveSeq {
		return nil
	}
	ps.saving = false
	if msg.err != nil {
		if ps.edit != nil {
			ps.edit.err = p.errText(msg.err) // keep what was typed
		} else {
			ps.msg, ps.msgBad = p.errText(msg.err), true
		}
		return nil
	}
	ps.edit = nil
	ps.want = msg.id
	ps.msg, ps.msgBad = p.c.T("tg.plan.saved", msg.id), false
	return p.requestPlans()
}

// planView draws the plan screen.
func (p *Pane) planView() []string {
	st, ps, w := p.c.Styles, &p.plan, p.width
	lang := p.c.Cat.Lang
	lines := make([]string, 0, p.height)
	title := p.c.T("tg.plan.title")
	if ps.idx >= 0 && ps.idx < len(ps.plans) {
		title += " · " + localName(ps.plans[ps.idx].Name, lang)
	}
	if ps.inFlight || ps.saving {
		title += " " + p.spin.View()
	}
	lines = append(lines, st.Title.Render(theme.Clip(title, w)))
	footer := func() []string {
		for len(lines) < p.height-2 {
			lines = append(lines, "")
		}
		return append(lines, p.planMessage(), st.Subtle.Render(theme.Clip(p.planHint(), w)))
	}
	switch {
	case !ps.loaded && ps.err != nil:
		lines = append(lines, "", st.ErrorLabel.Render(theme.Clip(p.errText(ps.err), w)))
		return footer()
	case !ps.loaded:
		lines = append(lines, "", st.Subtle.Render(p.c.T("tg.loading")))
		return footer()
	case len(ps.plans) == 0:
		y := model.PlanYear(p.asOfOrToday())
		lines = append(lines, "", theme.Clip(p.c.T("tg.plan.none"), w), st.Accent.Render(theme.Clip(p.c.T("tg.plan.offer", y), w)))
		return footer()
	}
	pl := ps.plans[ps.idx]
	phases := pl.Phases
	sub := []string{pl.ID}
	if len(phases) > 0 {
		sub = append(sub, phases[0].From.String()+" ~ "+phases[len(phases)-1].To.String())
	}
	if len(ps.plans) > 1 {
		sub = append(sub, p.c.T("tg.plan.which", ps.idx+1, len(ps.plans)))
	}
	if p.asOf != 0 {
		sub = append(sub, p.c.T("tg.asof", p.asOf.String()))
	}
	lines = append(lines, st.Subtle.Render(theme.Clip(joinDot(sub), w)), "")
	if len(phases) == 0 {
		lines = append(lines, p.c.T("tg.plan.nophases"))
		return footer()
	}
	lines = append(lines, p.timeline(phases, w)...)
	lines = append(lines, "")
	lines = append(lines, p.phaseTable(phases, w)...)
	lines = append(lines, "")
	// The selected phase's milestones in the lines left (two stay for the
	// edit line and the key hint, one more when an edit shows its error).
	room := p.height - len(lines) - 2
	if ps.edit != nil {
		room -= 2
	}
	ph := phases[min(ps.cursor, len(phases)-1)]
	if room > 0 {
		lines = append(lines, st.TableHeader.Render(theme.Clip(p.c.T("tg.plan.milestones", localName(ph.Name, lang)), w)))
		room--
	}
	// Scroll so that the selected milestone is shown.
	first := 0
	if room > 0 && ps.mcur >= room-1 {
		first = ps.mcur - room + 2
	}
	for i := first; i < len(ph.Milestones); i++ {
		m := ph.Milestones[i]
		if room <= 0 {
			break
		}
		if room == 1 && i < len(ph.Milestones)-1 {
			lines = append(lines, st.Subtle.Render(theme.Clip(p.c.T("tg.plan.more", len(ph.Milestones)-i), w)))
			break
		}
		mark := "[ ]"
		style := st.TableCell
		switch {
		case m.Done:
			mark, style = "[x]", st.Good
		case m.Day < p.asOf:
			style = st.Warn // overdue
		}
		lead := "  "
		if i == ps.mcur {
			lead = st.G.Selected + " "
			style = st.TableSelected
		}
		lines = append(lines, style.Render(theme.Clip(lead+mark+" "+m.Day.String()+"  "+localName(m.Name, lang), w)))
		room--
	}
	if len(ph.Milestones) == 0 && room > 0 {
		lines = append(lines, st.Subtle.Render("  "+p.c.T("tg.plan.nomilestones")))
	}
	if ps.edit != nil {
		for len(lines) < p.height-4 {
			lines = append(lines, "")
		}
		lines = append(lines, p.planEditLines(w)...)
	}
	return footer()
}

// milestoneQuestion is the delete question about the selected milestone.
func (p *Pane) milestoneQuestion() string {
	ms := p.milestones()
	if p.plan.mcur >= len(ms) {
		return ""
	}
	m := ms[p.plan.mcur]
	return p.c.T("ops.plan.confirm", m.Day.String(), localName(m.Name, p.c.Cat.Lang))
}

// timeline draws the phases as one bar, each phase as wide as its days,
// filled up to the as-of day, with the names under it.
func (p *Pane) timeline(phases []model.Phase, w int) []string {
	st := p.c.Styles
	lang := p.c.Cat.Lang
	from, to := phases[0].From, phases[len(phases)-1].To
	total := max(int(to-from)+1, 1)
	barW := max(w-2, len(phases)*2)
	var bar, names strings.Builder
	col := 0
	for i, ph := range phases {
		end := (int(ph.To-from) + 1) * barW / total
		if i == len(phases)-1 {
			end = barW
		}
		segW := max(end-col, 1)
		done := 0
		switch {
		case p.asOf > ph.To:
			done = segW
		case p.asOf >= ph.From:
			done = (int(p.asOf-ph.From) + 1) * segW / (int(ph.To-ph.From) + 1)
		}
		seg := strings.Repeat("█", done) + strings.Repeat(st.G.HLine, max(segW-1-done, 0))
		if done < segW {
			seg += st.G.VLine
		} else {
			seg = strings.Repeat("█", segW-1) + st.G.VLine
		}
		if i == p.plan.cursor {
			bar.WriteString(st.Accent.Render(seg))
		} else {
			bar.WriteString(st.Subtle.Render(seg))
		}
		names.WriteString(theme.Fit(localName(ph.Name, lang), segW))
		col += segW
	}
	return []string{" " + bar.String(), " " + names.String()}
}

// phaseTable lists the phases: name, dates, milestones done and the state
// of the targets that overlap the phase.
func (p *Pane) phaseTable(phases []model.Phase, w int) []string {
	st, ps := p.c.Styles, &p.plan
	lang := p.c.Cat.Lang
	cols := []column{
		{title: p.c.T("tg.plan.col.phase"), min: 4, flex: true},
		{title: p.c.T("tg.col.period"), prio: 3},
		{title: p.c.T("tg.plan.col.milestones"), prio: 2},
		{title: p.c.T("tg.plan.col.targets"), min: 10, flex: true},
	}
	cells := make([][]string, len(phases))
	for i, ph := range phases {
		done := 0
		for _, m := range ph.Milestones {
			if m.Done {
				done++
			}
		}
		cells[i] = []string{localName(ph.Name, lang), periodText(ph.From, ph.To), fmt.Sprintf("%d/%d", done, len(ph.Milestones)), p.phaseTargets(ph)}
	}
	for i := range cols {
		cols[i].width = textWidth(cols[i].title)
		for _, c := range cells {
			cols[i].width = max(cols[i].width, textWidth(c[i]))
		}
	}
	ws := layoutColumns(cols, w-2)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.title
	}
	out := []string{st.TableHeader.Render("  " + renderRow(cols, ws, header, nil))}
	for i := range phases {
		if i == ps.cursor {
			out = append(out, st.TableSelected.Render(theme.Fit(st.G.Selected+" "+renderRow(cols, ws, cells[i], nil), w)))
			continue
		}
		style := st.TableCell
		if p.asOf >= phases[i].From && p.asOf <= phases[i].To {
			style = st.Accent // the current phase
		}
		out = append(out, style.Render("  "+renderRow(cols, ws, cells[i], nil)))
	}
	return out
}

// phaseTargets counts the targets whose period overlaps the phase by their
// whole-period pace.
func (p *Pane) phaseTargets(ph model.Phase) string {
	var n [model.PaceTooEarly + 1]int // by model.PaceStatus
	any, loading := false, false
	for _, t := range p.list.targets {
		if t.From > ph.To || t.To < ph.From {
			continue
		}
		any = true
		s, ok := p.list.sums[t.ID]
		if !ok || s.err != nil {
			loading = loading || !ok
			continue
		}
		n[s.row.Status]++
	}
	if !any {
		if !p.list.loaded {
			return p.c.T("tg.loading.short")
		}
		return p.c.T("tg.plan.notargets")
	}
	s := p.c.T("tg.plan.counts", n[model.PaceAhead], n[model.PaceOnTrack], n[model.PaceBehind])
	if n[model.PaceNotStarted] > 0 {
		s += " · " + p.c.T("tg.plan.notstarted", n[model.PaceNotStarted])
	}
	if loading {
		s += " …"
	}
	return s
}

// planEditLines draws the inline edit: the inputs and the error.
func (p *Pane) planEditLines(w int) []string {
	st, e := p.c.Styles, p.plan.edit
	var line string
	switch e.kind {
	case editRename:
		line = st.Accent.Render(p.c.T("tg.plan.rename")) + " " + e.inputs[0].View()
	case editAddMilestone:
		line = st.Accent.Render(p.c.T("ops.plan.name")) + " " + e.inputs[0].View() + "  " +
			st.Accent.Render(p.c.T("ops.plan.day")) + " " + e.inputs[1].View()
	case editMoveMilestone:
		line = st.Accent.Render(p.c.T("ops.plan.moveto")) + " " + e.inputs[0].View()
	default:
		line = st.Accent.Render(p.c.T("tg.plan.from")) + " " + e.inputs[0].View() + "  " +
			st.Accent.Render(p.c.T("tg.plan.to")) + " " + e.inputs[1].View()
	}
	out := []string{theme.Clip(line, w)}
	if e.err != "" {
		out = append(out, st.ErrorLabel.Render(theme.Clip("✗ "+e.err, w)))
	} else {
		out = append(out, "")
	}
	return out
}

func (p *Pane) planMessage() string {
	st, ps := p.c.Styles, &p.plan
	switch {
	case ps.confirm:
		return st.Warn.Render(theme.Clip(p.milestoneQuestion(), p.width))
	case ps.msg != "" && ps.msgBad:
		return st.ErrorLabel.Render(theme.Clip(ps.msg, p.width))
	case ps.msg != "":
		return st.Good.Render(theme.Clip(ps.msg, p.width))
	}
	return ""
}

func (p *Pane) planHint() string {
	switch {
	case p.plan.confirm:
		return p.c.T("ops.hint.confirm")
	case p.plan.edit != nil && (p.plan.edit.kind == editRedate || p.plan.edit.kind == editAddMilestone):
		return p.c.T("tg.hint.redate")
	case p.plan.edit != nil && p.plan.edit.kind == editMoveMilestone:
		return p.c.T("tg.hint.rename")
	case p.plan.edit != nil:
		return p.c.T("tg.hint.rename")
	case p.plan.loaded && len(p.plan.plans) == 0:
		return p.c.T("tg.hint.plan.none")
	}
	return p.c.T("ops.hint.plan")
}
