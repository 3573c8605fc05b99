package targets

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// The list: every target with its pace over the whole period.

// summary is one target's whole-period row as of a day.
type summary struct {
	t      model.Target // the version summarised
	asOf   model.Day
	row    model.PeriodRow
	source model.HistorySource
	err    error
}

// listState is the list screen's state.
type listState struct {
	targets []model.Target
	sums    map[string]summary // by target ID; replaced whole, never mutated
	asOf    model.Day          // the day the figures are as of
	loaded  bool
	err     error

	cursor, offset int
	confirm        string // ID of the target waiting for a y/n to be deleted
	want           string // ID to select when the next load arrives (just saved)
	flash          string // the last action's outcome
	flashBad       bool

	loadGate
}

// listLoaded carries the first part of list request seq: the targets, the
// additive targets' figures and level figures that could be reused. level
// lists the level targets still to compute (one scan of the members, which
// follows as levelLoaded, so the list shows at once).
type listLoaded struct {
	seq     uint64
	asOf    model.Day
	targets []model.Target
	sums    map[string]summary
	level   []model.Target
	err     error
}

// levelLoaded carries the level targets' figures of list request seq.
type levelLoaded struct {
	seq  uint64
	sums []summary
}

// targetDeleted reports the outcome of a deletion.
type targetDeleted struct {
	seq uint64
	id  string
	err error
}

// requestList reloads the targets and their whole-period pace. One load
// runs at a time: a request during one is remembered and runs after it
// (under a live feed data arrives faster than a level metric's scan), so the
// last request always wins and no load piles up behind another. quick means
// only the day rollups changed: level-metric figures of unchanged targets
// are reused instead of scanning every member again.
func (p *Pane) requestList(quick bool) tea.Cmd {
	l := &p.list
	was := p.busy()
	if !l.ask(quick) {
		return nil
	}
	l.seq = p.nextSeq()
	return tea.Batch(loadList(p.c.Store, p.c.Rules, p.asOf, p.now(), l.sums, quick, l.seq), p.startSpin(was))
}

// loadList is the list's load: targets from the store (not from the
// dataset, which a quick refresh does not renew) and additive targets paced
// from the daily rollups (store.TargetReport). Level targets need a scan of
// the member summaries (loadLevel, next); meanwhile an unchanged level
// target keeps its previous figures (prev), and on a quick reload those
// figures are final.
func loadList(st *store.Store, rules model.Rules, asOf model.Day, now time.Time, prev map[string]summary, quick bool, seq uint64) tea.Cmd {
	return func() tea.Msg {
		res := listLoaded{seq: seq}
		if asOf == 0 {
			d, err := latestDay(st, now)
			if err != nil {
				res.err = err
				return res
			}
			asOf = d
		}
		res.asOf = asOf
		ts, err := st.Targets()
		if err != nil {
			res.err = err
			return res
		}
		res.targets = ts
		res.sums = make(map[string]summary, len(ts))
		for _, t := range ts {
			info, ok := model.Metric(t.Metric)
			switch {
			case !ok:
				res.sums[t.ID] = summary{t: t, asOf: asOf, err: fmt.Errorf("unknown metric %q", t.Metric)}
			case info.Additive:
				s := summary{t: t, asOf: asOf}
				rep, err := st.TargetReport(rules, t, asOf)
				if err != nil {
					s.err = err
				} else {
					s.row, s.source = rep.Whole, rep.Source
				}
				res.sums[t.ID] = s
			default:
				old, ok := prev[t.ID]
				if ok && old.err == nil && sameLevel(old.t, t) {
					res.sums[t.ID] = old // final when quick, a placeholder otherwise
					if quick && old.asOf == asOf {
						continue
					}
				}
				res.level = append(res.level, t)
			}
		}
		return res
	}
}

// levelKey names a level-target computation in the Hub: the as-of day and
// the targets' defining fields (sameLevel), in order.
type levelKey struct {
	asOf model.Day
	sig  string
}

// loadLevel computes the level targets' whole-period rows, once for every
// session of the process that shows the same targets at the same as-of day
// and data version (at least min, the version of the Dataset on screen).
func (p *Pane) loadLevel(ts []model.Target, asOf model.Day, seq uint64) tea.Cmd {
	st, rules, hub, ctx := p.c.Store, p.c.Rules, p.c.Hub, p.c.Context()
	var min uint64
	if p.data != nil {
		min = p.data.Version
	}
	var sig strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&sig, "%s|%s|%d|%d|%d;", t.ID, t.Metric, t.From, t.To, t.Value)
	}
	key := levelKey{asOf: asOf, sig: sig.String()}
	return func() tea.Msg {
		v, _, err := hub.Get(ctx, key, min, func() (any, error) { return levelWholeRows(st, rules, ts, asOf), nil })
		sums, _ := v.([]summary)
		if err != nil {
			sums = nil // the session is closing
		}
		return levelLoaded{seq: seq, sums: sums}
	}
}

// sameLevel reports whether a level target's figures computed for a are
// valid for b.
func sameLevel(a, b model.Target) bool {
	return a.ID == b.ID && a.Metric == b.Metric && a.From == b.From && a.To == b.To && a.Value == b.Value
}

// levelWholeRows paces the whole period of every level target as of asOf
// with one scan of the member summaries (a model.Calc per target).
func levelWholeRows(st *store.Store, rules model.Rules, ts []model.Target, asOf model.Day) []summary {
	return levelWholeRowsWith(st, rules, ts, asOf, nil)
}

// levelWholeRowsWith is levelWholeRows taking the snapshots known holds
// (nil: none) before the KPI cache.
func levelWholeRowsWith(st *store.Store, rules model.Rules, ts []model.Target, asOf model.Day, known map[model.Window]model.Snapshot) []summary {
	if len(ts) == 0 {
		return nil
	}
	out := make([]summary, len(ts))
	calcs := make([]*model.Calc, len(ts))
	wins := make([]model.Window, len(ts))
	for i, t := range ts {
		out[i] = summary{t: t, asOf: asOf}
		if w, _ := model.LevelWindow(model.Window{From: t.From, To: t.To}, asOf); w.Len() > 0 {
			wins[i] = w
			calcs[i] = model.NewCalc(rules, w)
		}
	}
	// A window whose snapshot the store's KPI cache holds (the full load
	// stores those of the active targets) needs no scan.
	cached := make([]*model.Snapshot, len(ts))
	scan := false
	for i := range ts {
		if calcs[i] == nil {
			continue
		}
		if snap, ok := known[wins[i]]; ok {
			cached[i], calcs[i] = &snap, nil
		} else if snap, ok, err := st.CachedSnapshot(rules, wins[i]); err == nil && ok {
			cached[i], calcs[i] = &snap, nil
		} else {
			scan = true
		}
	}
	var err error
	if scan {
		err = st.ForEachHistory(func(_ uint32, h *model.MemberHistory) error {
			for _, c := range calcs {
				if c != nil {
					c.Add(h)
				}
			}
			return nil
		})
	}
	for i, t := range ts {
		if err != nil && cached[i] == nil {
			out[i].err = err
			continue
		}
		var v int64
		switch {
		case cached[i] != nil:
			v = store.KPIValue(cached[i].KPIs, t.Metric)
		case calcs[i] != nil:
			v = store.KPIValue(calcs[i].Result().KPIs, t.Metric)
		}
		rows := model.Tree(t, nil, nil, asOf, func(w model.Window) int64 {
			if w == wins[i] {
				return v
			}
			return 0
		})
		if len(rows) > 0 {
			out[i].row = rows[0]
		} else {
			out[i].err = fmt.Errorf("target %s: empty period", t.ID)
		}
	}
	return out
}

func (p *Pane) onList(msg listLoaded) tea.Cmd {
	l := &p.list
	if msg.seq != l.seq {
		return nil
	}
	if msg.err != nil {
		l.err = msg.err
	} else {
		sel := l.selectedID()
		if l.want != "" {
			sel, l.want = l.want, ""
		}
		l.targets, l.sums, l.asOf, l.loaded, l.err = msg.targets, msg.sums, msg.asOf, true, nil
		if p.asOf == 0 {
			p.asOf = msg.asOf
		}
		l.selectID(sel)
		if l.confirm != "" && l.index(l.confirm) < 0 {
			l.confirm = ""
		}
		if len(msg.level) > 0 {
			l.clampOffset(p.listRows())
			return p.loadLevel(msg.level, msg.asOf, msg.seq) // still in flight
		}
	}
	return p.listDone()
}

// onLevel merges the level targets' figures into the list.
func (p *Pane) onLevel(msg levelLoaded) tea.Cmd {
	l := &p.list
	if msg.seq != l.seq {
		return nil
	}
	sums := make(map[string]summary, len(l.sums)+len(msg.sums))
	for id, s := range l.sums {
		sums[id] = s
	}
	for _, s := range msg.sums {
		sums[s.t.ID] = s
	}
	l.sums = sums
	return p.listDone()
}

// listDone ends a list load and starts the one asked for meanwhile.
func (p *Pane) listDone() tea.Cmd {
	l := &p.list
	again, quick := l.done()
	l.clampOffset(p.listRows())
	if again {
		return p.requestList(quick)
	}
	return nil
}

func (l *listState) index(id string) int {
	for i, t := range l.targets {
		if t.ID == id {
			return i
		}
	}
	return -1
}

func (l *listState) selectedID() string {
	if l.cursor >= 0 && l.cursor < len(l.targets) {
		return l.targets[l.cursor].ID
	}
	return ""
}

// selectID moves the cursor to the target with id, or keeps it in range.
func (l *listState) selectID(id string) {
	if i := l.index(id); i >= 0 {
		l.cursor = i
	}
	l.cursor = max(min(l.cursor, len(l.targets)-1), 0)
}

func (l *listState) selected() (model.Target, bool) {
	if l.cursor >= 0 && l.cursor < len(l.targets) {
		return l.targets[l.cursor], true
	}
	return model.Target{}, false
}

// clampOffset keeps the cursor inside the window of rows shown.
func (l *listState) clampOffset(rows int) {
	rows = max(rows, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	l.offset = max(min(l.offset, len(l.targets)-rows), 0)
}

// listRows is how many target rows fit: the pane less the title, the
// header, two detail lines, the message line and the key hint.
func (p *Pane) listRows() int { return max(p.height-6, 1) }

func (p *Pane) listKey(msg tea.KeyMsg) tea.Cmd {
	k, l := p.keys, &p.list
	if l.confirm != "" {
		switch {
		case key.Matches(msg, k.Yes):
			id := l.confirm
			l.confirm = ""
			return p.deleteTarget(id)
		case key.Matches(msg, k.No):
			l.confirm = ""
			l.flash, l.flashBad = "", false
		}
		return nil
	}
	n := len(l.targets)
	rows := p.listRows()
	switch {
	case key.Matches(msg, k.Up):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(msg, k.Down):
		l.cursor = max(min(l.cursor+1, n-1), 0)
	case key.Matches(msg, k.PageUp):
		l.cursor = max(l.cursor-rows, 0)
	case key.Matches(msg, k.PageDown):
		l.cursor = max(min(l.cursor+rows, n-1), 0)
	case key.Matches(msg, k.Top):
		l.cursor = 0
	case key.Matches(msg, k.Bottom):
		l.cursor = max(n-1, 0)
	case key.Matches(msg, k.Open):
		if t, ok := l.selected(); ok {
			return p.openTree(t)
		}
	case !p.canWrite() && (key.Matches(msg, k.New) || key.Matches(msg, k.Edit) || key.Matches(msg, k.Delete)):
		action, object := "target.put", ""
		if t, ok := l.selected(); ok && !key.Matches(msg, k.New) {
			object = t.ID
			if key.Matches(msg, k.Delete) {
				action = "target.delete"
			}
		}
		var cmd tea.Cmd
		l.flash, cmd = p.refuse(action, object)
		l.flashBad = true
		return cmd
	case key.Matches(msg, k.New):
		l.flash = ""
		return p.openForm(nil)
	case key.Matches(msg, k.Edit):
		if t, ok := l.selected(); ok {
			l.flash = ""
			return p.openForm(&t)
		}
	case key.Matches(msg, k.Delete):
		if t, ok := l.selected(); ok {
			l.confirm = t.ID
		}
	case key.Matches(msg, k.Plan):
		return p.openPlan()
	case key.Matches(msg, k.Back):
		l.flash = ""
	}
	l.clampOffset(rows)
	return nil
}

// deleteTarget deletes in a command; the store announces the change, and
// the pane reloads its list itself as well.
func (p *Pane) deleteTarget(id string) tea.Cmd {
	st, actor, seq := p.c.Store, p.c.Actor, p.nextSeq()
	return func() tea.Msg {
		return targetDeleted{seq: seq, id: id, err: st.DeleteTarget(actor, id)}
	}
}

func (p *Pane) onDeleted(msg targetDeleted) tea.Cmd {
	l := &p.list
	if msg.err != nil {
		l.flash, l.flashBad = p.c.T("tg.list.deletefailed", msg.id, p.errText(msg.err)), true
		return nil
	}
	l.flash, l.flashBad = p.c.T("tg.list.deleted", msg.id), false
	return p.requestList(false)
}

// listView draws the list screen.
func (p *Pane) listView() []string {
	st, l, w := p.c.Styles, &p.list, p.width
	lines := make([]string, 0, p.height)

	title := p.c.T("tg.list.title")
	if l.asOf != 0 {
		title += st.Subtle.Render(" · " + p.c.T("tg.asof", l.asOf.String()))
	}
	if l.loaded {
		title += st.Subtle.Render(" · " + p.c.Cat.N("tg.list.count", int64(len(l.targets)), len(l.targets)))
	}
	if l.inFlight {
		title += " " + st.Accent.Render(p.spin.View())
	}
	lines = append(lines, st.Title.Render(theme.Clip(title, w)))

	switch {
	case !l.loaded && l.err != nil:
		return append(lines, "", st.ErrorLabel.Render(p.c.T("tg.loadfailed")), st.Subtle.Render(l.err.Error()))
	case !l.loaded:
		return append(lines, "", st.Subtle.Render(p.spin.View()+" "+p.c.T("tg.loading")))
	case len(l.targets) == 0:
		lines = append(lines, "", p.c.T("tg.list.empty"))
		for len(lines) < p.height-2 {
			lines = append(lines, "")
		}
		return append(lines, p.messageLine(), p.hintLine())
	}

	cols, cells, styles := p.listTable()
	ws := layoutColumns(cols, w-2)
	if ws[lcName] < cols[lcName].width {
		// Names are cut: the exact values give way first (¥14.1M, ¥1410.0万).
		p.compactValues(cols, cells)
		ws = layoutColumns(cols, w-2)
	}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.title
	}
	lines = append(lines, st.TableHeader.Render("  "+renderRow(cols, ws, header, nil)))
	rows := p.listRows()
	end := min(l.offset+rows, len(l.targets))
	for i := l.offset; i < end; i++ {
		if i == l.cursor {
			plain := st.G.Selected + " " + renderRow(cols, ws, cells[i], nil)
			lines = append(lines, st.TableSelected.Render(theme.Fit(plain, w)))
			continue
		}
		row := renderRow(cols, ws, cells[i], func(c int, s string) string {
			if sty := styles[i][c]; sty != nil {
				return sty(s)
			}
			return s
		})
		lines = append(lines, "  "+row)
	}
	for len(lines) < 2+rows {
		lines = append(lines, "")
	}
	lines = append(lines, p.listDetail()...)
	return append(lines, p.messageLine(), p.hintLine())
}

// Column indices of the list.
const (
	lcName = iota
	lcMetric
	lcPeriod
	lcValue
	lcProgress
	lcStatus
	lcGap
	lcCount
)

// barWidth is the width of a progress bar in the list.
const barWidth = 10

// listTable builds the list's columns and every row's cells (a few dozen
// targets: cheap) with the style of each styled cell.
func (p *Pane) listTable() ([]column, [][]string, [][]func(string) string) {
	st, l := p.c.Styles, &p.list
	cols := []column{
		lcName:     {title: p.c.T("tg.col.name"), min: 8, flex: true},
		lcMetric:   {title: p.c.T("tg.col.metric"), min: 8, flex: true, prio: 3},
		lcPeriod:   {title: p.c.T("tg.col.period"), prio: 2},
		lcValue:    {title: p.c.T("tg.col.value"), right: true, prio: 5},
		lcProgress: {title: p.c.T("tg.col.progress"), prio: 6},
		lcStatus:   {title: p.c.T("tg.col.status")},
		lcGap:      {title: p.c.T("tg.col.gap"), right: true, prio: 4},
	}
	cells := make([][]string, len(l.targets))
	styles := make([][]func(string) string, len(l.targets))
	for i, t := range l.targets {
		c := make([]string, lcCount)
		sty := make([]func(string) string, lcCount)
		c[lcName] = t.Name
		if c[lcName] == "" {
			c[lcName] = t.ID
		}
		c[lcMetric] = p.c.T("kpi." + t.Metric)
		c[lcPeriod] = periodText(t.From, t.To)
		c[lcValue] = format.Value(t.Metric, t.Value)
		s, ok := l.sums[t.ID]
		switch {
		case !ok:
			c[lcStatus] = p.spin.View() + " " + p.c.T("tg.loading.short")
			sty[lcStatus] = renderer(st.Subtle)
		case s.err != nil:
			c[lcStatus] = p.c.T("tg.status.error")
			sty[lcStatus] = renderer(st.Bad)
		default:
			c[lcProgress] = progressCell(s.row, st.G.HLine)
			c[lcStatus] = p.c.T("pace." + s.row.Status.String())
			c[lcGap] = valueFormat{metric: t.Metric, compact: true, lang: p.c.Cat.Lang}.signed(s.row.Gap)
			sty[lcStatus] = p.statusStyle(s.row.Status)
			sty[lcProgress] = sty[lcStatus]
		}
		cells[i], styles[i] = c, sty
	}
	for i := range cols {
		cols[i].width = textWidth(cols[i].title)
		for _, c := range cells {
			cols[i].width = max(cols[i].width, textWidth(c[i]))
		}
	}
	cols[lcName].width = min(cols[lcName].width, 30)
	return cols, cells, styles
}

// compactValues writes the value column compactly and narrows it.
func (p *Pane) compactValues(cols []column, cells [][]string) {
	cols[lcValue].width = textWidth(cols[lcValue].title)
	for i, t := range p.list.targets {
		cells[i][lcValue] = format.CompactValue(t.Metric, t.Value, p.c.Cat.Lang)
		cols[lcValue].width = max(cols[lcValue].width, textWidth(cells[i][lcValue]))
	}
}

// latestDay is the day "to date" means when no dataset has come yet: the
// store's default as-of day (the data's last day, never after today).
func latestDay(st *store.Store, now time.Time) (model.Day, error) {
	in, err := st.Info()
	if err != nil {
		return 0, err
	}
	return in.DefaultAsOf(model.DayOf(now, st.Location())), nil
}

// textWidth is the display width of s.
func textWidth(s string) int { return lipgloss.Width(s) }

// periodText writes a period compactly: 2026-01-01~12-31 within a year.
func periodText(from, to model.Day) string {
	f, t := from.String(), to.String()
	if f[:4] == t[:4] {
		return f + "~" + t[5:]
	}
	return f + "~" + t
}

// progress is actual to date against expected to date, in percent (false
// when nothing was expected yet).
func progress(r model.PeriodRow) (int64, bool) {
	if r.Expected <= 0 {
		return 0, false
	}
	a := max(r.Actual, 0)
	if a > r.Expected*10 {
		return 1000, true
	}
	return a * 100 / r.Expected, true
}

// progressCell draws a bar of barWidth block characters (eighths for the
// partial cell) and the percentage; the bar is capped at 100%.
func progressCell(r model.PeriodRow, empty string) string {
	pct, ok := progress(r)
	if !ok {
		return strings.Repeat(empty, barWidth) + "    -"
	}
	return bar(min(pct, 100), barWidth, empty) + " " + fmt.Sprintf("%4s", pctText(pct))
}

func pctText(pct int64) string {
	if pct >= 1000 {
		return ">999%"
	}
	return fmt.Sprintf("%d%%", pct)
}

// bar draws pct (0–100) as w cells of block characters.
func bar(pct int64, w int, empty string) string {
	eighths := int(pct) * w * 8 / 100
	full, part := eighths/8, eighths%8
	var b strings.Builder
	b.WriteString(strings.Repeat("█", full))
	n := full
	if part > 0 && n < w {
		b.WriteRune([]rune("▏▎▍▌▋▊▉")[part-1])
		n++
	}
	b.WriteString(strings.Repeat(empty, w-n))
	return b.String()
}

// statusStyle colours a pace status: ahead good, behind bad.
func (p *Pane) statusStyle(s model.PaceStatus) func(string) string {
	st := p.c.Styles
	switch s {
	case model.PaceAhead:
		return renderer(st.Good)
	case model.PaceBehind:
		return renderer(st.Bad)
	case model.PaceOnTrack:
		return renderer(st.Accent)
	}
	return renderer(st.Subtle)
}

// renderer is a style's Render for one string.
func renderer(s lipgloss.Style) func(string) string {
	return func(x string) string { return s.Render(x) }
}

// listDetail is two lines about the selected target: what it is, then its
// figures to date.
func (p *Pane) listDetail() []string {
	st, l, w := p.c.Styles, &p.list, p.width
	t, ok := l.selected()
	if !ok {
		return []string{"", ""}
	}
	parts := []string{t.ID, p.c.T("kpi." + t.Metric), t.From.String() + " ~ " + t.To.String(), p.methodText(t, l.sums[t.ID].source)}
	if t.Owner != "" {
		parts = append(parts, p.c.T("tg.owner", t.Owner))
	}
	first := st.Subtle.Render(theme.Clip(strings.Join(parts, " · "), w))
	s, ok := l.sums[t.ID]
	var second string
	switch {
	case !ok:
		second = st.Subtle.Render(p.c.T("tg.loading"))
	case s.err != nil:
		second = st.Bad.Render(theme.Clip(s.err.Error(), w))
	default:
		second = p.fitFigures("", t, s.row, w)
	}
	return []string{first, second}
}

// methodText names the split method, with the history source when known.
func (p *Pane) methodText(t model.Target, src model.HistorySource) string {
	info, _ := model.Metric(t.Metric)
	if !info.Additive {
		return p.c.T("tg.method.level")
	}
	m := t.Method
	if m == "" {
		m = model.MethodEven
	}
	s := p.c.T("tg.method." + string(m))
	if m == model.MethodHistory && src != model.HistoryNone {
		s += p.c.T("tg.source.paren", p.c.T("tg.source."+src.String()))
	}
	return s
}

// figures writes a row's figures to date in one line: actual against
// expected, gap, forecast and the run-rate still needed.
func (p *Pane) figures(t model.Target, r model.PeriodRow, compact bool) string {
	f := valueFormat{metric: t.Metric, compact: compact, lang: p.c.Cat.Lang}
	info, _ := model.Metric(t.Metric)
	if r.Status == model.PaceNotStarted {
		parts := []string{p.c.T("tg.fig.target", f.format(r.Target)), p.c.T("tg.fig.starts", r.Window.From.String())}
		if r.RunRateNeeded > 0 {
			parts = append(parts, p.c.T("tg.fig.runrate", f.format(r.RunRateNeeded)))
		}
		return strings.Join(append(parts, p.c.T("pace."+r.Status.String())), " · ")
	}
	parts := []string{
		p.c.T("tg.fig.actual", f.format(r.Actual), f.format(r.Expected)),
		p.c.T("tg.fig.gap", f.signed(r.Gap)),
	}
	if info.Additive {
		parts = append(parts, p.c.T("tg.fig.forecast", f.format(r.Forecast)))
		if r.RunRateNeeded > 0 {
			parts = append(parts, p.c.T("tg.fig.runrate", f.format(r.RunRateNeeded)))
		}
	}
	parts = append(parts, p.c.T("pace."+r.Status.String()))
	return strings.Join(parts, " · ")
}

// fitFigures writes prefix and a row's figures in w columns: exact when
// they fit, else compact, else compact without the prefix, else clipped.
func (p *Pane) fitFigures(prefix string, t model.Target, r model.PeriodRow, w int) string {
	for _, c := range []struct {
		prefix  string
		compact bool
	}{{prefix, false}, {prefix, true}, {"", true}} {
		if s := c.prefix + p.figures(t, r, c.compact); textWidth(s) <= w {
			return s
		}
	}
	return theme.Clip(p.figures(t, r, true), w)
}

// messageLine shows the last action's outcome or the delete question.
func (p *Pane) messageLine() string {
	st, l := p.c.Styles, &p.list
	switch {
	case l.confirm != "":
		name := l.confirm
		if i := l.index(l.confirm); i >= 0 && l.targets[i].Name != "" {
			name = l.targets[i].Name
		}
		return st.Warn.Render(theme.Clip(p.c.T("tg.list.confirm", name), p.width))
	case l.flash != "" && l.flashBad:
		return st.ErrorLabel.Render(theme.Clip(l.flash, p.width))
	case l.flash != "":
		return st.Good.Render(theme.Clip(l.flash, p.width))
	case l.err != nil:
		return st.ErrorLabel.Render(theme.Clip(l.err.Error(), p.width))
	}
	return ""
}

// hintLine is the list's key hint.
func (p *Pane) hintLine() string {
	if p.list.confirm != "" {
		return p.c.Styles.Subtle.Render(theme.Clip(p.c.T("tg.hint.confirm"), p.width))
	}
	return p.c.Styles.Subtle.Render(theme.Clip(p.c.T("tg.hint.list"), p.width))
}
