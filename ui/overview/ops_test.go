package overview_test

import (
	"math"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/overview"
	"github.com/memberops/cockpit/ui/uitest"
)

// paneModel runs the Overview alone in a tea.Program for teatest.
type paneModel struct{ o *overview.Overview }

func (m paneModel) Init() tea.Cmd { return nil }

func (m paneModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyCtrlC {
		return m, tea.Quit
	}
	m.o.Update(msg) // commands for the root (window, show target) are dropped
	return m, nil
}

func (m paneModel) View() string { return m.o.View() }

func selectCard(o *overview.Overview, k string) {
	for o.Selected() != k {
		o.Update(key("right"))
	}
}

// TestChartGolden pins the chart screens of issue 14 through a real
// tea.Program (teatest) in both languages. Regenerate with
// `go test ./ui/overview/ -run TestChartGolden -update` and read the diff.
//
//   - gmv-365: the line follows one GMV target (the year's, named in the
//     title, f to switch among 3); the 365 days before 2026 draw no line;
//     the note says a column is the mean of 4–5 days and gives the peak.
//   - gmv-follow: f follows the next target; only its days have a line.
//   - active-rate: the chart says it plots DAU ÷ members, not the
//     window's rate, and draws no target line.
//   - aov: the 30-day rolling AOV, the card's own measure.
//   - pacing-80x22: on a short pane p shows the pacing list instead of
//     the chart, worst first, with the selection.
func TestChartGolden(t *testing.T) {
	st := uitest.Store(t, 2000)
	cases := []struct {
		name string
		w, h int
		keys []string
		card string
	}{
		{"gmv-365", 100, 28, []string{"r", "r"}, "gmv"},
		{"gmv-follow", 100, 28, []string{"f"}, "gmv"},
		{"active-rate", 100, 28, nil, "active_rate"},
		{"aov", 100, 28, nil, "aov"},
		{"pacing-80x22", 80, 22, []string{"p", "j"}, "new_members"},
	}
	for _, lang := range []i18n.Lang{i18n.En, i18n.Zh} {
		t.Run(lang.String(), func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					cc := uitest.Common(st, lang, c.w, c.h)
					d, err := ui.LoadDataset(cc, 0, 30)
					if err != nil {
						t.Fatal(err)
					}
					o := overview.New(cc)
					o.SetSize(c.w, c.h)
					o.Update(common.DataMsg{Data: d})
					selectCard(o, c.card)
					tm := teatest.NewTestModel(t, paneModel{o}, teatest.WithInitialTermSize(c.w, c.h))
					for _, k := range c.keys {
						tm.Send(key(k))
					}
					tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
					fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(paneModel)
					golden.RequireEqual(t, []byte(fm.View()))
				})
			}
		})
	}
}

// chartLines returns the chart's title and note lines (the line with
// "(r)" and the one after it).
func chartLines(view string) (string, string) {
	lines := strings.Split(view, "\n")
	for i, l := range lines {
		if strings.Contains(l, "(r)") && i+1 < len(lines) {
			return l, lines[i+1]
		}
	}
	return "", ""
}

// TestFollowKeyCyclesTargets: f steps the target line through every GMV
// target that covers part of the range, naming each in the title, and
// wraps; a card change starts again from the first.
func TestFollowKeyCyclesTargets(t *testing.T) {
	o, d := fixture(t, i18n.En, 100, 28)
	selectCard(o, "gmv")
	o.Update(key("r")) // 90 days: Apr–Jun 2026
	first := d.DailyWindow.To - 89
	var want []string
	for _, tg := range d.Targets {
		if tg.Metric == "gmv" && tg.To >= first && tg.From <= d.DailyWindow.To {
			want = append(want, tg.Name)
		}
	}
	if len(want) < 2 {
		t.Fatalf("fixture has %d GMV targets over the range", len(want))
	}
	seen := map[string]bool{}
	for i := 0; i < len(want); i++ {
		title, _ := chartLines(o.View())
		if !strings.Contains(title, "(f: "+itoa(i+1)+" of "+itoa(len(want))+")") {
			t.Fatalf("title %q does not say target %d of %d", title, i+1, len(want))
		}
		for _, n := range want {
			if strings.Contains(title, "target: "+n) {
				seen[n] = true
			}
		}
		o.Update(key("f"))
	}
	if len(seen) != len(want) {
		t.Errorf("f showed %v, want every one of %v", seen, want)
	}
	if title, _ := chartLines(o.View()); !strings.Contains(title, "(f: 1 of") {
		t.Errorf("f does not wrap: %q", title)
	}
	o.Update(key("f"))
	o.Update(key("left"))
	o.Update(key("right"))
	if o.Follow() != 0 {
		t.Errorf("follow %d after a card change", o.Follow())
	}
}

// TestNonComparableChartsDrawNoTarget: the active-rate, repurchase and
// retention charts plot a daily measure, say so, and draw no target line
// although targets on those KPIs are active.
func TestNonComparableChartsDrawNoTarget(t *testing.T) {
	o, d := fixture(t, i18n.En, 100, 28)
	for _, k := range []string{"active_rate", "repurchase_rate", "retention_d7"} {
		selectCard(o, k)
		title, _ := chartLines(o.View())
		if !strings.Contains(title, "not ") || strings.Contains(title, "target:") {
			t.Errorf("%s: title %q", k, title)
		}
		if strings.Contains(o.View(), "┄") {
			t.Errorf("%s: a target line is drawn", k)
		}
	}
	active := false
	for _, tg := range d.Targets {
		if (tg.Metric == "active_rate" || tg.Metric == "repurchase_rate") && tg.From <= d.AsOf && d.AsOf <= tg.To {
			active = true
		}
	}
	if !active {
		t.Fatal("fixture has no active rate target: the test proves nothing")
	}
}

// TestChartNoteBucketsAndPeak: on the 365-day range the chart says how
// many days a column averages and gives the true peak day with its exact
// value (the daily maximum of the rollups, not a column's mean).
func TestChartNoteBucketsAndPeak(t *testing.T) {
	o, d := fixture(t, i18n.En, 100, 28)
	selectCard(o, "gmv")
	o.Update(key("r"))
	o.Update(key("r")) // 365
	if o.Range() != 365 {
		t.Fatalf("range %d", o.Range())
	}
	peak, at := int64(math.MinInt64), model.Day(0)
	for i, r := range d.Daily {
		if r.GMVFen > peak {
			peak, at = r.GMVFen, d.DailyWindow.From+model.Day(i)
		}
	}
	_, note := chartLines(o.View())
	if !strings.Contains(note, "each column is the mean of 4–5 days") {
		t.Errorf("note %q does not say the days are averaged", note)
	}
	if want := "peak " + format.Money(peak) + " on " + at.String(); !strings.Contains(note, want) {
		t.Errorf("note %q, want %q", note, want)
	}
	// 30 days fit the plot: no averaging to declare.
	o.Update(key("r"))
	o.Update(key("r"))
	if _, note := chartLines(o.View()); strings.Contains(note, "mean") || !strings.Contains(note, "peak") {
		t.Errorf("30 days: note %q", note)
	}
}

// TestSparklineFollowsWindow: a card's sparkline covers the KPI window: 7
// columns for a 7-day window, the card's width (averaged) for 90 days.
func TestSparklineFollowsWindow(t *testing.T) {
	st := uitest.Store(t, 500)
	c := uitest.Common(st, i18n.En, 100, 28)
	for _, w := range []struct{ days, cols int }{{7, 7}, {30, 18}, {90, 18}} {
		d, err := ui.LoadDataset(c, 0, w.days)
		if err != nil {
			t.Fatal(err)
		}
		o := overview.New(c)
		o.SetSize(100, 28)
		o.Update(common.DataMsg{Data: d})
		spark := cardCell(o.View(), 5, 3) // orders: some every day
		if n := len([]rune(spark)); n != w.cols {
			t.Errorf("%d-day window: sparkline %q has %d columns, want %d", w.days, spark, n, w.cols)
		}
	}
}

// TestPacingListKeys: p gives the pacing list the keyboard (j/k move in
// it, not between cards), enter asks the root to open the selected target,
// esc gives the keyboard back; the rows come worst first.
func TestPacingListKeys(t *testing.T) {
	o, d := fixture(t, i18n.En, 100, 28)
	if len(d.Pacing) < 2 {
		t.Fatalf("fixture has %d active targets", len(d.Pacing))
	}
	view := o.View()
	if !strings.Contains(view, "Pacing of "+itoa(len(d.Pacing))+" active targets") {
		t.Fatalf("no pacing list on the Overview:\n%s", view)
	}
	o.Update(key("p"))
	if !o.PacingFocused() {
		t.Fatal("p did not focus the pacing list")
	}
	o.Update(key("j"))
	if o.Selected() != "new_members" {
		t.Errorf("j moved the cards to %s while the list had the keyboard", o.Selected())
	}
	_, cmd := o.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd == nil {
		t.Fatal("enter sent nothing")
	}
	msg, ok := cmd().(common.ShowTargetMsg)
	if !ok {
		t.Fatalf("enter sent %T", cmd())
	}
	// The second row: the second worst of the dataset's pacing.
	rows := d.Pacing
	var behind []common.TargetPace
	for _, r := range rows {
		if r.Row.Status == model.PaceBehind {
			behind = append(behind, r)
		}
	}
	if len(behind) < 2 {
		t.Fatalf("fixture: %d targets behind", len(behind))
	}
	found := false
	for _, r := range behind {
		found = found || r.Target.ID == msg.ID
	}
	if !found {
		t.Errorf("enter opened %s, not one of the targets behind", msg.ID)
	}
	o.Update(tea.KeyMsg{Type: tea.KeyEsc})
	o.Update(key("j"))
	if o.PacingFocused() || o.Selected() != "orders" {
		t.Errorf("after esc: focused %v, card %s", o.PacingFocused(), o.Selected())
	}
}

// TestPacingMatchesTargetsPane: the Overview's pacing figures are the
// Targets pane's whole-period rows (one computation).
func TestPacingMatchesStore(t *testing.T) {
	st := uitest.Store(t, 500)
	c := uitest.Common(st, i18n.En, 100, 28)
	d, err := ui.LoadDataset(c, 0, 30)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Pacing {
		if p.Err != nil {
			t.Fatalf("%s: %v", p.Target.ID, p.Err)
		}
		rep, err := st.TargetReport(c.Rules, p.Target, d.AsOf)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Whole != p.Row {
			t.Errorf("%s: pacing %+v, report %+v", p.Target.ID, p.Row, rep.Whole)
		}
	}
}

// TestPartialDayNotCompared: DAU on a day still in progress (the last
// rollup is today by the clock) is never compared with the whole day
// before: with the same hours of the day before when the load has them,
// else it says the day is in progress.
func TestPartialDayNotCompared(t *testing.T) {
	st := uitest.Store(t, 200)
	c := uitest.Common(st, i18n.Zh, 100, 28)
	today := model.DayOf(uitest.Now, uitest.Zone)
	d := &common.Dataset{
		AsOf: today, Window: model.Window{From: today - 29, To: today}, Latest: true,
		Analysis:    &store.Analysis{},
		Daily:       []store.Rollup{{DAU: 500}, {DAU: 9}},
		DailyWindow: model.Window{From: today - 1, To: today},
	}
	o := overview.New(c)
	o.SetSize(100, 28)
	o.Update(common.DataMsg{Data: d})
	if got := cardCell(o.View(), 1, 2); got != "当日进行中" {
		t.Errorf("DAU change on a day in progress: %q", got)
	}
	// With the day before up to the same time of day: compared with that.
	dh := *d
	dh.SameHours = &common.SameHours{DAU: 10, Until: uitest.Now.AddDate(0, 0, -1)}
	o.Update(common.DataMsg{Data: &dh})
	if got := cardCell(o.View(), 1, 2); got != "▼10.0% 同时段" {
		t.Errorf("DAU change against the same hours: %q", got)
	}
	// The same figures a day later are a finished day: compared.
	d2 := *d
	d2.DailyWindow = model.Window{From: today - 2, To: today - 1}
	o.Update(common.DataMsg{Data: &d2})
	if got := cardCell(o.View(), 1, 2); !strings.HasPrefix(got, "▼98.2%") {
		t.Errorf("DAU change on a finished day: %q", got)
	}
}
