package targets

import (
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

// kindRows returns the loaded tree's rows of one kind.
func kindRows(d *treeData, k model.PeriodKind) []model.PeriodRow {
	var out []model.PeriodRow
	for _, n := range d.nodes {
		if n.kind == k {
			out = append(out, n.row)
		}
	}
	return out
}

// TestTreeSumsExactly checks the pane's loaded tree of additive sample
// targets (history, custom weights, even): the day targets sum exactly to
// the value, every month, week part and the whole period are the sums of
// their days (targets, actuals and expected to date), every node is the sum
// of its children, and the days are the store's report's.
func TestTreeSumsExactly(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	for _, id := range []string{idYearGMV, idPlanGMV, idYearNew, idOrders} {
		h.open(id)
		d := h.p.tree.data
		tg := d.t
		days := kindRows(d, model.PeriodDay)
		if len(days) != periodDays(tg) {
			t.Fatalf("%s: %d days, period has %d", id, len(days), periodDays(tg))
		}
		var sum int64
		for _, r := range days {
			sum += r.Target
		}
		if sum != tg.Value {
			t.Errorf("%s: days sum to %d, value %d", id, sum, tg.Value)
		}
		type tot struct{ target, actual, expected int64 }
		sumOver := func(w model.Window) tot {
			var s tot
			for _, r := range days {
				if w.Contains(r.Window.From) {
					s.target += r.Target
					s.actual += r.Actual
					s.expected += r.Expected
				}
			}
			return s
		}
		for _, k := range []model.PeriodKind{model.PeriodWhole, model.PeriodMonth, model.PeriodWeek} {
			rows := kindRows(d, k)
			if len(rows) == 0 {
				t.Fatalf("%s: no %s rows", id, k)
			}
			for _, r := range rows {
				if s := sumOver(r.Window); s != (tot{r.Target, r.Actual, r.Expected}) {
					t.Errorf("%s %s %s: row %d/%d/%d, days %+v", id, k, r.Label, r.Target, r.Actual, r.Expected, s)
				}
			}
		}
		for _, n := range d.nodes {
			if len(n.children) == 0 {
				continue
			}
			var s int64
			for _, c := range n.children {
				s += d.nodes[c].row.Target
			}
			if s != n.row.Target {
				t.Errorf("%s %s: children sum %d, row %d", id, n.row.Label, s, n.row.Target)
			}
		}
		months := kindRows(d, model.PeriodMonth)
		if got := len(months); got != len(model.Months(model.Window{From: tg.From, To: tg.To})) {
			t.Errorf("%s: %d months", id, got)
		}
		rep, err := st.TargetReport(h.c.Rules, tg, uitest.End)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rep.Days {
			if days[i].Target != r.Target || days[i].Actual != r.Actual || days[i].Status != r.Status {
				t.Fatalf("%s day %s: tree %+v, report %+v", id, r.Label, days[i], r)
			}
		}
		for i, r := range rep.Months {
			if months[i].Target != r.Target || months[i].Actual != r.Actual || months[i].Forecast != r.Forecast {
				t.Errorf("%s month %s: tree %+v, report %+v", id, r.Label, months[i], r)
			}
		}
		if d.nodes[0].row.Forecast != rep.Whole.Forecast || d.nodes[0].row.RunRateNeeded != rep.Whole.RunRateNeeded {
			t.Errorf("%s whole: tree %+v, report %+v", id, d.nodes[0].row, rep.Whole)
		}
		if id == idYearGMV && d.source != rep.Source {
			t.Errorf("history source %s, report %s", d.source, rep.Source)
		}
		h.keys("esc")
	}
}

// TestLevelTree: a level target's rows all carry the whole value, and its
// actuals are the KPI over each row's window to date.
func TestLevelTree(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.open(idRepeatQ2)
	d := h.p.tree.data
	rep, err := st.TargetReport(h.c.Rules, d.t, uitest.End)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.nodes {
		if n.row.Target != d.t.Value {
			t.Fatalf("%s carries %d, not the whole value %d", n.row.Label, n.row.Target, d.t.Value)
		}
	}
	if d.nodes[0].row.Actual != rep.Whole.Actual || d.nodes[0].row.Actual != h.p.list.sums[idRepeatQ2].row.Actual {
		t.Errorf("whole actual %d, report %d, list %d", d.nodes[0].row.Actual, rep.Whole.Actual, h.p.list.sums[idRepeatQ2].row.Actual)
	}
	for i, m := range kindRows(d, model.PeriodMonth) {
		if m.Actual != rep.Months[i].Actual {
			t.Errorf("month %s actual %d, report %d", m.Label, m.Actual, rep.Months[i].Actual)
		}
	}
	for i, r := range kindRows(d, model.PeriodDay) {
		if r.Actual != rep.Days[i].Actual {
			t.Fatalf("day %s actual %d, report %d", r.Label, r.Actual, rep.Days[i].Actual)
		}
	}
	if !strings.Contains(h.view(), "level metric") {
		t.Errorf("the tree does not say the metric is not split:\n%s", h.view())
	}
}

// TestTreeFoldAndToday: space/enter fold and unfold, →/l open and step in,
// ←/h close and step out, t jumps to today with its month and week open.
func TestTreeFoldAndToday(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.open(idYearGMV)
	ts := h.p.tree
	nodes := ts.data.nodes
	cur := func() *tnode { return &nodes[ts.vis[ts.cursor]] }
	if len(ts.vis) != 13 || cur().kind != model.PeriodWhole {
		t.Fatalf("opened with %d rows visible, want the period and its 12 months", len(ts.vis))
	}
	h.keys("space")
	if len(ts.vis) != 1 {
		t.Fatalf("space left %d rows", len(ts.vis))
	}
	h.keys("enter")
	if len(ts.vis) != 13 {
		t.Fatalf("enter unfolded to %d rows", len(ts.vis))
	}
	h.keys("j", "j", "j", "j", "j", "j") // June
	if cur().row.Label != "2026-06" {
		t.Fatalf("on %s", cur().row.Label)
	}
	h.keys("right")
	if len(ts.vis) != 13+5 { // June's week parts: W23 … W26, W27 (29–30)
		t.Fatalf("→ showed %d rows", len(ts.vis))
	}
	h.keys("l")
	if cur().kind != model.PeriodWeek || cur().row.Window.From != model.CivilDay(2026, 6, 1) {
		t.Fatalf("l on an open row did not step in: %s", cur().row.Label)
	}
	h.keys("h")
	if cur().row.Label != "2026-06" {
		t.Fatalf("h on a closed row did not step out: %s", cur().row.Label)
	}
	h.keys("left")
	if len(ts.vis) != 13 {
		t.Fatalf("← did not fold: %d rows", len(ts.vis))
	}
	h.keys("home", "space", "t")
	c := cur()
	if c.kind != model.PeriodDay || c.row.Window.From != uitest.End {
		t.Fatalf("t is on %s", c.row.Label)
	}
	for a := c.parent; a >= 0; a = nodes[a].parent {
		if !ts.expanded[nodes[a].key()] {
			t.Errorf("%s is not open", nodes[a].row.Label)
		}
	}
	view := h.view()
	if !strings.Contains(view, "06-30 周二") || !strings.Contains(view, "W27 06-29~30") {
		t.Errorf("today is not on screen:\n%s", view)
	}
	h.keys("end")
	if ts.cursor != len(ts.vis)-1 {
		t.Error("end")
	}
	h.keys("pgup", "pgup", "pgup", "pgup", "pgup")
	if ts.cursor != 0 {
		t.Error("pgup")
	}
	h.keys("pgdown")
	if ts.cursor == 0 {
		t.Error("pgdown")
	}
	if len(h.p.FullHelp()) == 0 || h.p.Capturing() {
		t.Error("tree help or capture")
	}
}

// TestWeekStraddlingMonths: an ISO week across a month end appears under
// both months with the days each has.
func TestWeekStraddlingMonths(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.open(idYearGMV)
	var parts []model.PeriodRow
	for _, r := range kindRows(h.p.tree.data, model.PeriodWeek) {
		if r.Label == "2026-W27" {
			parts = append(parts, r)
		}
	}
	// W27 of 2026: Mon 06-29 … Sun 07-05
	if len(parts) != 2 || parts[0].Window != (model.Window{From: model.CivilDay(2026, 6, 29), To: model.CivilDay(2026, 6, 30)}) ||
		parts[1].Window != (model.Window{From: model.CivilDay(2026, 7, 1), To: model.CivilDay(2026, 7, 5)}) {
		t.Fatalf("W27 parts %+v", parts)
	}
}

// TestChartToggle: c shows the chart alone on a short pane and hides it on
// a tall one; the chart has the three series.
func TestChartToggle(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 80, 21)
	h.open(idYearGMV)
	if h.p.treeChartLines() != 0 || !h.p.treeShowsTable() {
		t.Fatal("a short pane starts with the chart")
	}
	h.keys("c")
	view := h.view()
	if h.p.treeShowsTable() || !strings.Contains(view, "forecast") || !strings.Contains(view, "┤") || !strings.Contains(view, "┄") {
		t.Fatalf("c did not show the chart:\n%s", view)
	}
	checkFits(t, "chart", view, 80, 21)
	h.p.SetSize(100, 30)
	h.keys("c")
	if h.p.treeChartLines() == 0 || !h.p.treeShowsTable() {
		t.Fatal("a tall pane does not show both")
	}
	h.keys("c")
	if h.p.treeChartLines() != 0 {
		t.Fatal("c did not hide the chart on a tall pane")
	}
}

// TestChartSeries: cumulative target ends on the value, actual stops at the
// as-of day on the whole row's actual, the forecast ends on its forecast.
func TestChartSeries(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.open(idYearGMV)
	d := h.p.tree.data
	s := d.series()
	n := len(s.target)
	k := int(d.asOf - d.t.From)
	whole := d.nodes[0].row
	near := func(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }
	if !near(s.target[n-1], float64(d.t.Value)/100) {
		t.Errorf("target ends on %v", s.target[n-1])
	}
	if !near(s.actual[k], float64(whole.Actual)/100) || s.actual[k+1] == s.actual[k+1] { // NaN after as-of
		t.Errorf("actual at as-of %v (want %v), after %v", s.actual[k], float64(whole.Actual)/100, s.actual[k+1])
	}
	if f := s.forecast[n-1]; f < float64(whole.Forecast)/100-1 || f > float64(whole.Forecast)/100+1 {
		t.Errorf("forecast ends on %v, whole forecast %v", f, float64(whole.Forecast)/100)
	}
	r := resample(s.actual, 50)
	if len(r) != 50 || r[0] != r[0] {
		t.Error("resample")
	}
}

// BenchmarkTargetsView measures a frame of the tree (chart and rows, today
// open) at 100×30; the budget is 10 ms.
func BenchmarkTargetsView(b *testing.B) {
	st := uitest.Store(b, members)
	h := newHarness(b, st, i18n.Zh, 100, 30)
	h.open(idYearGMV)
	h.keys("t")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = h.p.View()
	}
}

// BenchmarkTargetsListView measures a frame of the list.
func BenchmarkTargetsListView(b *testing.B) {
	st := uitest.Store(b, members)
	h := newHarness(b, st, i18n.Zh, 100, 30)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = h.p.View()
	}
}

// TestTreeEdgeCases: a target not started yet, one of a single day, one of
// value 0 and a level target in the future open and draw without trouble.
func TestTreeEdgeCases(t *testing.T) {
	st := uitest.Store(t, members)
	admin := store.Actor{Name: "t", Role: store.Admin}
	day := func(y, m, d int) model.Day { return model.CivilDay(y, time.Month(m), d) }
	add := []model.Target{
		{Name: "future", Metric: "gmv", From: day(2026, 8, 1), To: day(2026, 12, 31), Value: 100000, Method: model.MethodHistory},
		{Name: "one day", Metric: "orders", From: day(2026, 6, 30), To: day(2026, 6, 30), Value: 7, Method: model.MethodEven},
		{Name: "zero", Metric: "new_members", From: day(2026, 6, 1), To: day(2026, 7, 31), Value: 0, Method: model.MethodEven},
		{Name: "level future", Metric: "aov", From: day(2026, 9, 1), To: day(2026, 9, 30), Value: 15000, Method: model.MethodEven},
		{Name: "past", Metric: "refunds", From: day(2025, 8, 1), To: day(2025, 8, 31), Value: 50000, Method: model.MethodEven},
	}
	var ids []string
	for _, tg := range add {
		id, err := st.PutTarget(admin, tg)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for _, lang := range langs {
		for _, sz := range [][2]int{{100, 30}, {80, 21}} {
			h := newHarness(t, st, lang, sz[0], sz[1])
			for _, id := range ids {
				h.open(id)
				for _, k := range []string{"t", "c", "c", "end", "space", "home"} {
					h.keys(k)
					checkFits(t, id+" "+k, h.view(), sz[0], sz[1])
				}
				if r := h.p.tree.data.nodes[0].row; r.Target != h.p.tree.data.t.Value {
					t.Errorf("%s: whole target %d", id, r.Target)
				}
				h.keys("esc")
			}
		}
	}
}
