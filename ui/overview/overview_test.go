package overview_test

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/overview"
	"github.com/memberops/cockpit/ui/uitest"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	runewidth.DefaultCondition.EastAsianWidth = false
	os.Exit(m.Run())
}

// fixture returns an Overview of the 2000-member sample at w×h with its
// dataset delivered.
func fixture(t testing.TB, lang i18n.Lang, w, h int) (*overview.Overview, *common.Dataset) {
	return fixtureN(t, 2000, lang, w, h)
}

func fixtureN(t testing.TB, members int, lang i18n.Lang, w, h int) (*overview.Overview, *common.Dataset) {
	t.Helper()
	st := uitest.Store(t, members)
	c := uitest.Common(st, lang, w, h)
	d, err := ui.LoadDataset(c, 0, 30)
	if err != nil {
		t.Fatal(err)
	}
	o := overview.New(c)
	o.SetSize(w, h)
	o.Update(common.DataMsg{Data: d})
	return o, d
}

func key(s string) tea.KeyMsg {
	switch s {
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// cardCell returns line `line` (0 title, 1 value, 2 change, 3 sparkline)
// of card i inside its border, at 100 columns (5 cards of 20 per row).
func cardCell(view string, i, line int) string {
	lines := strings.Split(view, "\n")
	row, col := i/5, i%5
	l := lines[1+row*6+1+line] // header, then 6 lines per card row
	return strings.TrimSpace(ansi.Cut(l, col*20+1, col*20+19))
}

func TestCardValuesEqualSnapshot(t *testing.T) {
	o, d := fixture(t, i18n.En, 100, 28)
	k := d.Analysis.Snapshot.KPIs
	view := o.View()
	gmv := cardCell(view, 6, 1)
	if gmv != "¥"+groupYuan(model.FormatFen(k.GMVFen)) {
		t.Errorf("GMV card %q, snapshot %s", gmv, model.FormatFen(k.GMVFen))
	}
	if strings.ReplaceAll(gmv, ",", "") != "¥"+model.FormatFen(k.GMVFen) {
		t.Errorf("GMV card %q is not ¥%s", gmv, model.FormatFen(k.GMVFen))
	}
	aov := (2*k.AOV.Num + k.AOV.Den) / (2 * k.AOV.Den)
	want := map[int]string{
		0: format.Count(k.NewMembers),
		1: format.Count(d.Daily[len(d.Daily)-1].DAU),
		2: format.Rate(k.ActiveRate, "—"),
		3: format.Count(k.Buyers),
		4: format.Rate(k.RepurchaseRate, "—"),
		5: format.Count(k.Orders),
		6: format.Money(k.GMVFen),
		7: format.Money(aov),
		8: format.Rate(k.RetentionD7, "—"),
		9: format.Rate(k.PointsRedemptionRate, "—"),
	}
	for i, w := range want {
		if got := cardCell(view, i, 1); got != w {
			t.Errorf("card %d value %q, want %q", i, got, w)
		}
	}
	if k.Orders == 0 || k.GMVFen == 0 {
		t.Fatal("fixture has no orders in the window")
	}
	// Change against the previous window: orders in percent.
	pct := float64(k.Orders-d.Prev.KPIs.Orders) / float64(d.Prev.KPIs.Orders) * 100
	ch := cardCell(view, 5, 2)
	arrow := "▲"
	if pct < 0 {
		arrow = "▼"
	}
	if !strings.HasPrefix(ch, arrow) || !strings.HasSuffix(ch, "%") {
		t.Errorf("orders change %q, want %s…%% (%.1f%%)", ch, arrow, pct)
	}
}

// groupYuan puts thousands separators into "1234567.89".
func groupYuan(s string) string {
	dot := strings.IndexByte(s, '.')
	var b strings.Builder
	for i := 0; i < dot; i++ {
		if i > 0 && (dot-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String() + s[dot:]
}

func TestUndefinedRatiosShowDash(t *testing.T) {
	st := uitest.Store(t, 200)
	c := uitest.Common(st, i18n.Zh, 100, 28)
	day := uitest.End
	d := &common.Dataset{
		AsOf: day, Window: model.Window{From: day - 6, To: day}, Latest: true,
		Analysis:    &store.Analysis{Snapshot: model.Snapshot{KPIs: model.KPIs{MembersTotal: 10, GMVFen: 500}}},
		Daily:       make([]store.Rollup, 365),
		DailyWindow: model.Window{From: day - 364, To: day},
	}
	o := overview.New(c)
	o.SetSize(100, 28)
	o.Update(common.DataMsg{Data: d})
	view := o.View()
	for _, i := range []int{4, 7, 8, 9} { // repurchase, AOV, retention, redemption: 0/0
		if got := cardCell(view, i, 1); got != "—" {
			t.Errorf("card %d value %q, want —", i, got)
		}
	}
	if got := cardCell(view, 6, 2); got != "—" { // GMV against a previous 0
		t.Errorf("GMV change %q, want —", got)
	}
	if got := cardCell(view, 6, 1); got != "¥5.00" {
		t.Errorf("GMV %q", got)
	}
}

func TestCardMovement(t *testing.T) {
	o, _ := fixture(t, i18n.En, 100, 28)
	steps := []struct {
		key, want string
	}{
		{"right", "dau"}, {"l", "active_rate"}, {"down", "aov"}, {"j", "aov"}, // no row below
		{"up", "active_rate"}, {"k", "active_rate"}, {"left", "dau"}, {"h", "new_members"},
		{"h", "points_redemption_rate"}, // wraps
		{"l", "new_members"},
	}
	for _, s := range steps {
		o.Update(key(s.key))
		if got := o.Selected(); got != s.want {
			t.Fatalf("after %q selected %q, want %q", s.key, got, s.want)
		}
	}
}

func TestRangeKey(t *testing.T) {
	o, d := fixture(t, i18n.En, 100, 28)
	for _, want := range []int{90, 365, 7, 30} {
		o.Update(key("r"))
		if o.Range() != want {
			t.Fatalf("range %d, want %d", o.Range(), want)
		}
		axis := dateAxisLine(o.View())
		first := (d.DailyWindow.To - model.Day(want) + 1).String()
		if want <= 90 {
			first = first[5:]
		}
		if !strings.Contains(axis, first) || !strings.Contains(o.View(), "last "+itoa(want)+" days") {
			t.Errorf("range %d: axis %q lacks %s", want, axis, first)
		}
	}
}

// dateAxisLine returns the line under the chart's plot: the one after the
// last line with the y axis (┤ or ┼).
func dateAxisLine(view string) string {
	lines := strings.Split(view, "\n")
	for i := len(lines) - 2; i >= 0; i-- {
		if strings.ContainsAny(lines[i], "┤┼") {
			return lines[i+1]
		}
	}
	return ""
}

func itoa(n int) string { return strings.TrimSpace(format.Count(int64(n))) }

func TestWindowKeysAskTheRoot(t *testing.T) {
	o, _ := fixture(t, i18n.En, 100, 28)
	cases := map[string]common.WindowMsg{
		"[": {Shift: -1}, "]": {Shift: 1}, "t": {Latest: true}, "w": {CycleDays: true},
	}
	for k, want := range cases {
		_, cmd := o.Update(key(k))
		if cmd == nil {
			t.Fatalf("%q: no command", k)
		}
		if got, ok := cmd().(common.WindowMsg); !ok || got != want {
			t.Errorf("%q sent %#v, want %#v", k, got, want)
		}
	}
}

func TestTargetLineOnGMV(t *testing.T) {
	o, d := fixture(t, i18n.En, 100, 28)
	o.Update(key("right")) // dau
	if strings.Contains(chartTitle(o.View()), "target") {
		t.Error("DAU has no target but the chart shows one")
	}
	for o.Selected() != "gmv" {
		o.Update(key("right"))
	}
	has := false
	for _, tg := range d.Targets {
		if tg.Metric == "gmv" && tg.From <= d.AsOf && d.AsOf <= tg.To {
			has = true
		}
	}
	if !has {
		t.Fatal("fixture has no GMV target running at the as-of day")
	}
	title := chartTitle(o.View())
	if !strings.Contains(title, "┄┄ target") {
		t.Errorf("GMV chart title %q lacks the target legend", title)
	}
	if !strings.Contains(o.View(), "┄") {
		t.Error("no target line drawn")
	}
}

func chartTitle(view string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, "(r)") || strings.Contains(l, "r 切换") {
			return l
		}
	}
	return ""
}

func TestLayoutNeverExceedsPane(t *testing.T) {
	st := uitest.Store(t, 2000)
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		c := uitest.Common(st, lang, 100, 28)
		d, err := ui.LoadDataset(c, 0, 30)
		if err != nil {
			t.Fatal(err)
		}
		o := overview.New(c)
		o.Update(common.DataMsg{Data: d})
		for _, sz := range [][2]int{{80, 22}, {100, 28}, {120, 40}, {230, 60}, {79, 22}, {60, 18}, {40, 12}, {80, 8}, {16, 6}} {
			o.SetSize(sz[0], sz[1])
			for _, k := range []string{"", "r", "r", "r", "l", "l", "l", "l", "l", "l"} { // every range, several cards
				if k != "" {
					o.Update(key(k))
				}
				checkFits(t, lang.String(), o.View(), sz[0], sz[1])
			}
		}
	}
}

func checkFits(t *testing.T, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%s %dx%d: %d lines", name, w, h, len(lines))
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("%s %dx%d: line %d is %d wide: %q", name, w, h, i, lipgloss.Width(l), l)
		}
	}
}

func TestLoadingBeforeData(t *testing.T) {
	st := uitest.Store(t, 100)
	c := uitest.Common(st, i18n.Zh, 80, 22)
	o := overview.New(c)
	o.SetSize(80, 22)
	if !strings.Contains(o.View(), "正在加载") {
		t.Errorf("no loading message: %q", o.View())
	}
	checkFits(t, "loading", o.View(), 80, 22)
}

func TestClickSelectsCard(t *testing.T) {
	o, _ := fixture(t, i18n.En, 100, 28)
	// Card 7 (AOV): second row, third column.
	o.Update(tea.MouseMsg{X: 2*20 + 5, Y: 1 + 6 + 2, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if o.Selected() != "aov" {
		t.Errorf("click selected %q", o.Selected())
	}
}

// BenchmarkOverviewView measures View on a 20,000-member sample. View reads
// only the Dataset's summaries (window KPIs, 365 daily rollups, targets), so
// its cost does not depend on the member count: the figure holds at
// 1,000,000 members, whose fixture is too slow to build in the test suite.
func BenchmarkOverviewView(b *testing.B) {
	o, _ := fixtureN(b, 20000, i18n.Zh, 100, 28)
	for _, k := range []string{"l", "l", "l", "l", "l", "l"} { // GMV: target line
		o.Update(key(k))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = o.View()
	}
}

// TestFrameFollowsState: the Overview keeps its last frame for the
// messages that leave it as it was (another pane's spinner, twenty
// sessions' worth), so each step below must still draw exactly what a
// pane that never drew before draws in the same state.
func TestFrameFollowsState(t *testing.T) {
	st := uitest.Store(t, 2000)
	now := uitest.Now.Add(-24 * time.Hour) // the data's last day, in progress
	clock := func() time.Time { return now }
	base, err := ui.LoadDataset(uitest.Common(st, i18n.En, 100, 28), 0, 30)
	if err != nil {
		t.Fatal(err)
	}
	pinned := *base
	pinned.Latest = false
	fresh := func() *overview.Overview {
		c := uitest.Common(st, i18n.En, 100, 28)
		c.Now = clock
		o := overview.New(c)
		o.SetSize(100, 28)
		o.Update(common.DataMsg{Data: base})
		return o
	}
	steps := []struct {
		name string
		do   func(o *overview.Overview)
	}{
		{"as delivered", func(*overview.Overview) {}},
		{"a message of another pane", func(o *overview.Overview) { o.Update(struct{ other int }{1}) }},
		{"next card", func(o *overview.Overview) { o.Update(key("right")) }},
		{"chart range", func(o *overview.Overview) { o.Update(key("r")) }},
		{"pacing list", func(o *overview.Overview) { o.Update(key("p")) }},
		{"pacing row", func(o *overview.Overview) { o.Update(key("down")) }},
		{"pacing list left", func(o *overview.Overview) { o.Update(key("p")) }},
		{"card below", func(o *overview.Overview) { o.Update(key("down")) }},
		{"resize", func(o *overview.Overview) { o.SetSize(120, 30) }},
		{"a new Dataset", func(o *overview.Overview) { o.Update(common.DataMsg{Data: &pinned}) }},
		{"the day turns", func(*overview.Overview) { now = now.Add(24 * time.Hour) }},
	}
	kept := fresh()
	var frames []string
	for i, s := range steps {
		s.do(kept)
		// The reference replays every step so far on a pane that draws now
		// for the first time.
		ref := fresh()
		for _, p := range steps[:i+1] {
			if p.name != "the day turns" {
				p.do(ref)
			}
		}
		got, want := kept.View(), ref.View()
		if got != want {
			t.Fatalf("%s: the kept frame differs from a fresh one:\n%s\n--- want ---\n%s", s.name, got, want)
		}
		frames = append(frames, got)
	}
	// Each step but the foreign message changes what is drawn: the test
	// would pass trivially if a step did nothing.
	for i := 1; i < len(frames); i++ {
		if same := frames[i] == frames[i-1]; same != (steps[i].name == "a message of another pane") {
			t.Errorf("%s: frame unchanged %v", steps[i].name, same)
		}
	}
}
