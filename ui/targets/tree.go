package targets

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// The decomposition tree of one target.
//
// Hierarchy. ISO weeks cross month boundaries, so a strict tree cannot have
// both calendar months and whole ISO weeks. The tree is period → months →
// ISO weeks clipped to their month → days: a week that straddles two months
// appears under each of them with the days it has there (both parts carry
// the same week number and show their clipped dates, e.g. "W27 06-29~30"
// and "W27 07-01~05"). Every row is then exactly the sum of its children for
// an additive metric (period = Σ months = Σ week parts = Σ days), which is
// what an operator checks first. The ISO weeks clipped to the period alone
// (as `target show --json` lists them) are the union of their parts.
//
// Figures. Every row is model.Tree's whole-period row of the row's window:
// additive metrics from the day targets and actuals of store.TargetReport,
// level metrics from the KPI over the row's window (clipped at the as-of
// day), all computed in one scan of the member summaries.

// tnode is one row of the tree.
type tnode struct {
	kind     model.PeriodKind
	row      model.PeriodRow
	depth    int
	parent   int // -1 for the root
	children []int
}

// nodeKey names a row across reloads (expansion and the cursor survive a
// reload when the target's period is unchanged).
type nodeKey struct {
	kind model.PeriodKind
	from model.Day
}

func (n *tnode) key() nodeKey { return nodeKey{n.kind, n.row.Window.From} }

// treeData is a target's tree as of a day, built in a command.
type treeData struct {
	t        model.Target
	asOf     model.Day
	source   model.HistorySource
	additive bool
	nodes    []tnode
	// Per day of the period (additive): the day targets and actuals to date.
	dayTargets, dayActuals []int64
	// Level: the KPI from the period's start to each day up to the as-of
	// day (the chart's actual line).
	toDate []int64
	// chart is the chart's series, made with the data (View only draws).
	chart chartSeries
}

// treeState is the tree screen's state.
type treeState struct {
	id   string
	t    model.Target // as listed, until the tree arrives
	data *treeData
	err  error

	loadGate

	expanded map[nodeKey]bool
	vis      []int // visible node indices in order
	cursor   int   // index into vis
	offset   int
	alt      bool // c: chart only (short panes) or tree only (tall panes)

	// Cells of every node, exact and compact, and the natural widths of the
	// figure columns, made when the data arrives so View only slices.
	cells   [2][][]string
	natural [2][]int
	labelW  int // widest label with its gutter, indent and fold mark
}

// treeLoaded carries the result of tree request seq.
type treeLoaded struct {
	seq  uint64
	id   string
	data *treeData
	err  error
}

// openTree shows the target's tree, loading it.
func (p *Pane) openTree(t model.Target) tea.Cmd {
	p.view = viewTree
	p.tree = &treeState{id: t.ID, t: t, expanded: map[nodeKey]bool{{model.PeriodWhole, t.From}: true}}
	return p.requestTree(false)
}

// requestTree reloads the opened target's tree (one load at a time, the
// last request winning, as for the list).
func (p *Pane) requestTree(quick bool) tea.Cmd {
	ts := p.tree
	if ts == nil {
		return nil
	}
	was := p.busy()
	if !ts.ask(quick) {
		return nil
	}
	ts.seq = p.nextSeq()
	asOf := p.asOf
	if asOf == 0 {
		asOf = p.list.asOf
	}
	var prev *treeData
	if quick {
		prev = ts.data
	}
	return tea.Batch(loadTree(p.c.Store, p.c.Rules, ts.id, asOf, p.now(), prev, ts.seq), p.startSpin(was))
}

func loadTree(st *store.Store, rules model.Rules, id string, asOf model.Day, now time.Time, prev *treeData, seq uint64) tea.Cmd {
	return func() tea.Msg {
		res := treeLoaded{seq: seq, id: id}
		if asOf == 0 {
			d, err := latestDay(st, now)
			if err != nil {
				res.err = err
				return res
			}
			asOf = d
		}
		t, err := st.Target(id)
		if err != nil {
			res.err = err
			return res
		}
		res.data, res.err = buildTreeData(st, rules, t, asOf, prev)
		if res.data != nil && res.data != prev {
			res.data.chart = res.data.series()
		}
		return res
	}
}

// buildTreeData computes a target's tree. prev, when given, is reused for a
// level metric whose figures cannot have changed.
func buildTreeData(st *store.Store, rules model.Rules, t model.Target, asOf model.Day, prev *treeData) (*treeData, error) {
	info, ok := model.Metric(t.Metric)
	if !ok {
		return nil, fmt.Errorf("target %s: unknown metric %q", t.ID, t.Metric)
	}
	if t.To < t.From {
		return nil, fmt.Errorf("target %s: period %s..%s ends before it starts", t.ID, t.From, t.To)
	}
	d := &treeData{t: t, asOf: asOf, additive: info.Additive}
	skeleton(d)
	if info.Additive {
		rep, err := st.TargetReport(rules, t, asOf)
		if err != nil {
			return nil, err
		}
		d.source = rep.Source
		n := len(rep.Days)
		d.dayTargets, d.dayActuals = make([]int64, n), make([]int64, n)
		for i, r := range rep.Days {
			d.dayTargets[i], d.dayActuals[i] = r.Target, r.Actual
		}
		for i := range d.nodes {
			nd := &d.nodes[i]
			w := nd.row.Window
			lo := int(w.From - t.From)
			hi := lo + w.Len()
			sub := t
			sub.From, sub.To = w.From, w.To
			nd.row = withLabel(model.Tree(sub, d.dayTargets[lo:hi], d.dayActuals[lo:hi], asOf, nil)[0], nd.row.Label, nd.kind)
		}
		return d, nil
	}
	if prev != nil && prev.asOf == asOf && sameLevel(prev.t, t) {
		return prev, nil
	}
	// Level metric: every started row's window, clipped at asOf, and the
	// windows from the start to each day so far (the chart), in one scan.
	idx := map[model.Window]int{}
	var ws []model.Window
	want := func(w model.Window) {
		if _, ok := idx[w]; !ok {
			idx[w] = len(ws)
			ws = append(ws, w)
		}
	}
	for i := range d.nodes {
		w := d.nodes[i].row.Window
		if lw, _ := model.LevelWindow(w, asOf); lw.Len() > 0 {
			want(lw)
		}
	}
	for day := t.From; day <= min(t.To, asOf); day++ {
		want(model.Window{From: t.From, To: day})
	}
	vals, err := st.KPIOverWindows(rules, t.Metric, ws)
	if err != nil {
		return nil, err
	}
	lookup := func(w model.Window) int64 {
		if i, ok := idx[w]; ok {
			return vals[i]
		}
		return 0
	}
	for i := range d.nodes {
		nd := &d.nodes[i]
		sub := t
		sub.From, sub.To = nd.row.Window.From, nd.row.Window.To
		nd.row = withLabel(model.Tree(sub, nil, nil, asOf, lookup)[0], nd.row.Label, nd.kind)
	}
	for day := t.From; day <= min(t.To, asOf); day++ {
		d.toDate = append(d.toDate, lookup(model.Window{From: t.From, To: day}))
	}
	return d, nil
}

func withLabel(r model.PeriodRow, label string, kind model.PeriodKind) model.PeriodRow {
	r.Label, r.Kind = label, kind
	return r
}

// skeleton lays out the nodes (windows, labels, parents) of d's target.
func skeleton(d *treeData) {
	t := d.t
	period := model.Window{From: t.From, To: t.To}
	add := func(kind model.PeriodKind, w model.Window, label string, parent, depth int) int {
		i := len(d.nodes)
		d.nodes = append(d.nodes, tnode{kind: kind, row: model.PeriodRow{Kind: kind, Label: label, Window: w}, parent: parent, depth: depth})
		if parent >= 0 {
			d.nodes[parent].children = append(d.nodes[parent].children, i)
		}
		return i
	}
	root := add(model.PeriodWhole, period, period.From.String()+".."+period.To.String(), -1, 0)
	for _, m := range model.Months(period) {
		mi := add(model.PeriodMonth, m, m.From.String()[:7], root, 1)
		for _, wk := range model.ISOWeeks(m) {
			y, n := wk.From.ISOWeek()
			wi := add(model.PeriodWeek, wk, fmt.Sprintf("%04d-W%02d", y, n), mi, 2)
			for day := wk.From; day <= wk.To; day++ {
				add(model.PeriodDay, model.Window{From: day, To: day}, day.String(), wi, 3)
			}
		}
	}
}

func (p *Pane) onTree(msg treeLoaded) tea.Cmd {
	ts := p.tree
	if ts == nil || msg.id != ts.id || msg.seq != ts.seq {
		return nil
	}
	again, quick := ts.done()
	if msg.err != nil {
		ts.err = msg.err
	} else {
		selKey, hadSel := ts.selectedKey()
		ts.err = nil
		ts.data = msg.data
		ts.t = msg.data.t
		p.makeTreeCells()
		ts.rebuild()
		if hadSel {
			ts.selectKey(selKey)
		}
		ts.scroll(p.treeRows())
	}
	if again {
		return p.requestTree(quick)
	}
	return nil
}

func (ts *treeState) selectedKey() (nodeKey, bool) {
	if ts.data == nil || ts.cursor < 0 || ts.cursor >= len(ts.vis) {
		return nodeKey{}, false
	}
	return ts.data.nodes[ts.vis[ts.cursor]].key(), true
}

func (ts *treeState) selectKey(k nodeKey) {
	for i, n := range ts.vis {
		if ts.data.nodes[n].key() == k {
			ts.cursor = i
			return
		}
	}
}

// rebuild lists the visible nodes: a node's children show when it is
// expanded.
func (ts *treeState) rebuild() {
	ts.vis = ts.vis[:0]
	if ts.data == nil || len(ts.data.nodes) == 0 {
		ts.cursor = 0
		return
	}
	var walk func(i int)
	walk = func(i int) {
		ts.vis = append(ts.vis, i)
		n := &ts.data.nodes[i]
		if ts.expanded[n.key()] {
			for _, c := range n.children {
				walk(c)
			}
		}
	}
	walk(0)
	ts.cursor = max(min(ts.cursor, len(ts.vis)-1), 0)
}

// scroll keeps the cursor inside the rows shown.
func (ts *treeState) scroll(rows int) {
	rows = max(rows, 1)
	if ts.cursor < ts.offset {
		ts.offset = ts.cursor
	}
	if ts.cursor >= ts.offset+rows {
		ts.offset = ts.cursor - rows + 1
	}
	ts.offset = max(min(ts.offset, len(ts.vis)-rows), 0)
}

// jumpToday expands the month and week of the as-of day (clamped into the
// period) and puts the cursor on it, in the middle of the rows shown.
func (ts *treeState) jumpToday(rows int) {
	d := ts.data
	if d == nil || len(d.nodes) == 0 {
		return
	}
	day := max(min(d.asOf, d.t.To), d.t.From)
	target := -1
	for i := range d.nodes {
		if d.nodes[i].kind == model.PeriodDay && d.nodes[i].row.Window.From == day {
			target = i
			break
		}
	}
	if target < 0 {
		return
	}
	for a := d.nodes[target].parent; a >= 0; a = d.nodes[a].parent {
		ts.expanded[d.nodes[a].key()] = true
	}
	ts.rebuild()
	ts.selectKey(d.nodes[target].key())
	ts.offset = max(ts.cursor-max(rows, 1)/2, 0)
	ts.scroll(rows)
}

func (p *Pane) treeKey(msg tea.KeyMsg) tea.Cmd {
	k, ts := p.keys, p.tree
	if ts == nil {
		p.view = viewList
		return nil
	}
	if key.Matches(msg, k.Back) {
		p.view, p.tree = viewList, nil
		return nil
	}
	if key.Matches(msg, k.Chart) {
		ts.alt = !ts.alt
		ts.scroll(p.treeRows())
		return nil
	}
	if ts.data == nil {
		return nil
	}
	rows := p.treeRows()
	nodes := ts.data.nodes
	cur := -1
	if ts.cursor < len(ts.vis) {
		cur = ts.vis[ts.cursor]
	}
	switch {
	case key.Matches(msg, k.Up):
		ts.cursor = max(ts.cursor-1, 0)
	case key.Matches(msg, k.Down):
		ts.cursor = min(ts.cursor+1, len(ts.vis)-1)
	case key.Matches(msg, k.PageUp):
		ts.cursor = max(ts.cursor-rows, 0)
	case key.Matches(msg, k.PageDown):
		ts.cursor = min(ts.cursor+rows, len(ts.vis)-1)
	case key.Matches(msg, k.Top):
		ts.cursor = 0
	case key.Matches(msg, k.Bottom):
		ts.cursor = len(ts.vis) - 1
	case key.Matches(msg, k.Toggle):
		if cur >= 0 && len(nodes[cur].children) > 0 {
			kk := nodes[cur].key()
			ts.expanded[kk] = !ts.expanded[kk]
			ts.rebuild()
		}
	case key.Matches(msg, k.Expand):
		if cur >= 0 && len(nodes[cur].children) > 0 {
			kk := nodes[cur].key()
			if !ts.expanded[kk] {
				ts.expanded[kk] = true
				ts.rebuild()
			} else {
				ts.cursor++ // the first child follows its parent
			}
		}
	case key.Matches(msg, k.Collapse):
		if cur >= 0 {
			kk := nodes[cur].key()
			if ts.expanded[kk] && len(nodes[cur].children) > 0 {
				ts.expanded[kk] = false
				ts.rebuild()
			} else if par := nodes[cur].parent; par >= 0 {
				ts.selectKey(nodes[par].key())
			}
		}
	case key.Matches(msg, k.Today):
		ts.jumpToday(rows)
		return nil
	}
	ts.cursor = max(min(ts.cursor, len(ts.vis)-1), 0)
	ts.scroll(rows)
	return nil
}

// Tree layout: two header lines, the chart (when shown), the table header,
// the rows, the selected row's figures and the key hint.
const (
	treeHeaderLines = 2
	chartMinTall    = 26 // a pane at least this tall shows chart and tree together
)

// treeChartLines is the height of the chart block, or 0 when the tree is
// shown alone.
func (p *Pane) treeChartLines() int {
	ts := p.tree
	tall := p.height >= chartMinTall
	switch {
	case ts == nil:
		return 0
	case tall && !ts.alt:
		return min(max((p.height-treeHeaderLines-3)/3, 8), 12)
	case !tall && ts.alt:
		return max(p.height-treeHeaderLines-1, 0)
	}
	return 0
}

// treeShowsTable reports whether the table is on screen (not in the
// chart-only mode of a short pane).
func (p *Pane) treeShowsTable() bool {
	return p.tree == nil || p.height >= chartMinTall || !p.tree.alt
}

// treeRows is how many tree rows fit.
func (p *Pane) treeRows() int {
	return max(p.height-treeHeaderLines-p.treeChartLines()-3, 1)
}

// Columns of the tree.
const (
	tcLabel = iota
	tcTarget
	tcActual
	tcExpected
	tcGap
	tcStatus
	tcRunRate
	tcCount
)

// makeTreeCells formats every node's cells once per load.
func (p *Pane) makeTreeCells() {
	ts := p.tree
	d := ts.data
	for mode := 0; mode < 2; mode++ {
		f := valueFormat{metric: d.t.Metric, compact: mode == 1, lang: p.c.Cat.Lang}
		cells := make([][]string, len(d.nodes))
		nat := make([]int, tcCount)
		for i := range d.nodes {
			r := d.nodes[i].row
			c := make([]string, tcCount)
			c[tcTarget] = f.format(r.Target)
			if r.Status == model.PaceNotStarted {
				// nothing to date yet: no figures to compare
				c[tcActual], c[tcExpected], c[tcGap] = p.c.Styles.G.Dash, p.c.Styles.G.Dash, p.c.Styles.G.Dash
			} else {
				c[tcActual] = f.format(r.Actual)
				c[tcExpected] = f.format(r.Expected)
				c[tcGap] = f.signed(r.Gap)
			}
			c[tcStatus] = p.c.T("pace." + r.Status.String())
			if d.additive && r.Window.Contains(d.asOf) && r.RunRateNeeded > 0 {
				c[tcRunRate] = f.format(r.RunRateNeeded)
			}
			for k := tcTarget; k < tcCount; k++ {
				nat[k] = max(nat[k], textWidth(c[k]))
			}
			cells[i] = c
		}
		ts.cells[mode], ts.natural[mode] = cells, nat
	}
	ts.labelW = 0
	for i := range d.nodes {
		n := &d.nodes[i]
		ts.labelW = max(ts.labelW, treeGutter+2*n.depth+2+textWidth(p.nodeLabel(n)))
	}
}

// treeGutter is the column left of every row that marks the cursor (the
// selected row is visible without colour too).
const treeGutter = 2

// nodeLabel is a row's label in the session's language: the period's
// dates, the month, the week part with its clipped dates, the day with its
// weekday.
func (p *Pane) nodeLabel(n *tnode) string {
	w := n.row.Window
	switch n.kind {
	case model.PeriodWhole:
		return periodText(w.From, w.To)
	case model.PeriodMonth:
		return w.From.String()[:7]
	case model.PeriodWeek:
		_, wk := w.From.ISOWeek()
		if w.From == w.To {
			return fmt.Sprintf("W%02d %s", wk, w.From.String()[5:])
		}
		return fmt.Sprintf("W%02d %s~%s", wk, w.From.String()[5:], w.To.String()[8:])
	}
	return w.From.String()[5:] + " " + p.c.T(fmt.Sprintf("tg.wd.%d", int(w.From.Weekday())))
}

// treeView draws the tree screen.
func (p *Pane) treeView() []string {
	st, ts, w := p.c.Styles, p.tree, p.width
	lines := make([]string, 0, p.height)
	lines = append(lines, p.treeHeader()...)
	switch {
	case ts.data == nil && ts.err != nil:
		lines = append(lines, "", st.ErrorLabel.Render(theme.Clip(p.c.T("tg.loadfailed"), w)), st.Subtle.Render(theme.Clip(p.errText(ts.err), w)))
		for len(lines) < p.height-1 {
			lines = append(lines, "")
		}
		return append(lines, st.Subtle.Render(theme.Clip(p.c.T("tg.hint.back"), w)))
	case ts.data == nil:
		return append(lines, "", st.Accent.Render(p.spin.View())+" "+st.Subtle.Render(p.c.T("tg.tree.loading")))
	}
	if ch := p.treeChartLines(); ch > 0 {
		lines = append(lines, p.chart(w, ch)...)
	}
	if p.treeShowsTable() {
		lines = append(lines, p.treeTable(p.treeRows())...)
		lines = append(lines, p.treeDetail())
	}
	for len(lines) < p.height-1 {
		lines = append(lines, "")
	}
	return append(lines, st.Subtle.Render(theme.Clip(p.c.T("tg.hint.tree"), w)))
}

// treeHeader is two lines: the target and what it is.
func (p *Pane) treeHeader() []string {
	st, ts, w := p.c.Styles, p.tree, p.width
	t := ts.t
	var src model.HistorySource
	asOf := p.asOf
	if ts.data != nil {
		src, asOf = ts.data.source, ts.data.asOf
	}
	name := t.Name
	if name == "" {
		name = t.ID
	}
	first := st.Title.Render(name) + st.Subtle.Render(" · "+p.c.T("kpi."+t.Metric)+" · "+p.c.T("tg.tree.value", format.Value(t.Metric, t.Value)))
	if ts.inFlight && ts.data != nil {
		first += " " + st.Accent.Render(p.spin.View())
	}
	parts := []string{t.ID, t.From.String() + " ~ " + t.To.String(), p.methodText(t, src)}
	if asOf != 0 {
		parts = append(parts, p.c.T("tg.asof", asOf.String()))
	}
	if t.Owner != "" {
		parts = append(parts, p.c.T("tg.owner", t.Owner))
	}
	second := st.Subtle.Render(theme.Clip(joinDot(parts), w))
	if ts.err != nil && ts.data != nil {
		second = st.ErrorLabel.Render(theme.Clip(p.errText(ts.err), w))
	}
	return []string{theme.Clip(first, w), second}
}

func joinDot(parts []string) string {
	s := ""
	for i, x := range parts {
		if i > 0 {
			s += " · "
		}
		s += x
	}
	return s
}

// treeColumns lays out the tree's columns for the width: exact figures when
// they fit, compact ones otherwise.
func (p *Pane) treeColumns(w int) ([]column, []int, int) {
	ts := p.tree
	labelW := ts.labelW
	titles := [tcCount]string{p.c.T("tg.col.period"), p.c.T("target.col.target"), p.c.T("target.col.actual"),
		p.c.T("target.col.expected"), p.c.T("target.col.gap"), p.c.T("target.col.status"), p.c.T("tg.col.runrate")}
	prio := [tcCount]int{0, 7, 8, 4, 6, 0, 5}
	for mode := 0; mode < 2; mode++ {
		cols := make([]column, tcCount)
		for i := range cols {
			cols[i] = column{title: titles[i], width: max(textWidth(titles[i]), ts.natural[mode][i]), right: i != tcLabel && i != tcStatus, prio: prio[i]}
		}
		cols[tcLabel].width = max(labelW, textWidth(titles[tcLabel]))
		if ts.natural[mode][tcRunRate] == 0 {
			cols[tcRunRate].width = 0 // no row needs a run-rate (the period is over, or a level metric)
		}
		cols[tcLabel].min, cols[tcLabel].flex = 12, true
		if mode == 0 {
			total := colGap * (tcCount - 1)
			for _, c := range cols {
				total += c.width
			}
			if total > w {
				continue // try compact figures
			}
		}
		return cols, layoutColumns(cols, w), mode
	}
	panic("unreachable")
}

// treeTable draws the header and the visible rows.
func (p *Pane) treeTable(rows int) []string {
	st, ts, w := p.c.Styles, p.tree, p.width
	cols, ws, mode := p.treeColumns(w)
	header := make([]string, tcCount)
	for i, c := range cols {
		header[i] = c.title
	}
	header[tcLabel] = spaces(treeGutter) + header[tcLabel]
	out := []string{st.TableHeader.Render(renderRow(cols, ws, header, nil))}
	// Fold marks are plain ASCII: they read the same in every terminal and
	// do not look like the cursor mark.
	const expandedGlyph, collapsedGlyph = "-", "+"
	end := min(ts.offset+rows, len(ts.vis))
	for vi := ts.offset; vi < end; vi++ {
		ni := ts.vis[vi]
		n := &ts.data.nodes[ni]
		cells := make([]string, tcCount)
		copy(cells, ts.cells[mode][ni])
		mark := "  "
		if len(n.children) > 0 {
			if ts.expanded[n.key()] {
				mark = expandedGlyph + " "
			} else {
				mark = collapsedGlyph + " "
			}
		}
		current := n.row.Window.Contains(ts.data.asOf)
		label := p.nodeLabel(n)
		gutter := spaces(treeGutter)
		if vi == ts.cursor {
			gutter = st.G.Selected + " "
		}
		cells[tcLabel] = gutter + spaces(2*n.depth) + mark + label
		if vi == ts.cursor {
			out = append(out, st.TableSelected.Render(theme.Fit(renderRow(cols, ws, cells, nil), w)))
			continue
		}
		status := p.statusStyle(n.row.Status)
		out = append(out, renderRow(cols, ws, cells, func(i int, s string) string {
			switch {
			case i == tcStatus:
				return status(s)
			case i == tcLabel && current:
				return st.Accent.Render(s)
			case i == tcRunRate:
				return st.Warn.Render(s)
			}
			return s
		}))
	}
	for len(out) < rows+1 {
		out = append(out, "")
	}
	return out
}

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("%*s", n, "")
}

// treeDetail is the selected row's figures in full.
func (p *Pane) treeDetail() string {
	st, ts, w := p.c.Styles, p.tree, p.width
	if ts.cursor >= len(ts.vis) {
		return ""
	}
	n := &ts.data.nodes[ts.vis[ts.cursor]]
	return st.Subtle.Render(p.fitFigures(p.nodeLabel(n)+": ", ts.data.t, n.row, w))
}
