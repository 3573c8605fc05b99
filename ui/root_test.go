package ui

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/mattn/go-runewidth"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/placeholder"
	"github.com/memberops/cockpit/ui/theme"
	"github.com/memberops/cockpit/ui/uitest"
)

// TestGolden compares the root's View at 100×30 with golden files: the
// Overview, its help overlay and each placeholder pane, in Chinese and
// English (the Targets pane loads level targets asynchronously; its goldens
// live in ui/targets, driven deterministically). Regenerate with `go test ./ui/... -update`.
func TestGolden(t *testing.T) {
	st := uitest.Store(t, 2000)
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		t.Run(lang.String(), func(t *testing.T) {
			d, _ := session(t, st, lang, 100, 30, Options{})
			cases := []struct {
				name string
				keys []string
			}{
				{"overview", nil},
				{"help", []string{"?"}},
				{"campaigns", []string{"5"}},
				{"retros", []string{"6"}},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					d.m.active, d.m.showHelp = 0, false
					for _, k := range c.keys {
						d.send(keyMsg(k))
					}
					view := d.m.View()
					checkScreen(t, view, 100, 30)
					golden.RequireEqual(t, []byte(view))
				})
			}
		})
	}
}

// checkScreen asserts the view is exactly h lines of at most w columns.
func checkScreen(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("%d×%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("%d×%d: line %d is %d wide: %q", w, h, i, lipgloss.Width(l), l)
		}
	}
}

func TestTabKeys(t *testing.T) {
	st := uitest.Store(t, 200)
	d, _ := session(t, st, i18n.En, 100, 30, Options{})
	for i := 6; i >= 1; i-- {
		d.send(keyMsg(string(rune('0' + i))))
		if d.m.Active() != i-1 {
			t.Fatalf("key %d: active %d", i, d.m.Active())
		}
	}
	d.send(keyMsg("7")) // not a pane: nothing happens
	if d.m.Active() != 0 {
		t.Fatalf("key 7 moved to %d", d.m.Active())
	}
	d.send(keyMsg("shift+tab"))
	if d.m.Active() != 5 {
		t.Fatalf("shift+tab from 0: %d", d.m.Active())
	}
	d.send(keyMsg("tab"))
	if d.m.Active() != 0 {
		t.Fatalf("tab from 5: %d", d.m.Active())
	}
	d.send(keyMsg("tab"))
	if d.m.Active() != 1 {
		t.Fatalf("tab from 0: %d", d.m.Active())
	}
	// The active tab is bracketed in the tab bar.
	if !strings.Contains(d.m.View(), "[2 "+d.m.Pane(1).Title()+"]") {
		t.Errorf("tab bar does not mark pane 2: %q", strings.Split(d.m.View(), "\n")[0])
	}
}

func TestHelpToggle(t *testing.T) {
	st := uitest.Store(t, 200)
	d, c := session(t, st, i18n.Zh, 100, 30, Options{})
	d.send(keyMsg("?"))
	if !d.m.HelpShown() {
		t.Fatal("? did not open help")
	}
	view := d.m.View()
	// Every key of the pane and every global key is listed.
	for _, g := range append(d.m.Pane(0).FullHelp(), d.m.keys.FullHelp()...) {
		for _, b := range g {
			if !strings.Contains(view, b.Help().Key) || !strings.Contains(view, b.Help().Desc) {
				t.Errorf("help lacks %q %q", b.Help().Key, b.Help().Desc)
			}
		}
	}
	if !strings.Contains(view, c.T("help.global")) {
		t.Error("no global section")
	}
	d.send(keyMsg("l")) // the overlay takes pane keys
	if d.m.Pane(0).(interface{ Selected() string }).Selected() != "new_members" {
		t.Error("a key went through the help overlay")
	}
	d.send(keyMsg("3")) // but switches panes
	if d.m.Active() != 2 || !d.m.HelpShown() {
		t.Error("3 under help")
	}
	d.send(keyMsg("esc"))
	if d.m.HelpShown() {
		t.Fatal("esc did not close help")
	}
	d.send(keyMsg("?"))
	d.send(keyMsg("?"))
	if d.m.HelpShown() {
		t.Fatal("? did not close help")
	}
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestQuitKeys(t *testing.T) {
	st := uitest.Store(t, 200)
	for _, k := range []string{"q", "ctrl+c"} {
		d, _ := session(t, st, i18n.En, 100, 30, Options{})
		_, cmd := d.m.Update(keyMsg(k))
		if !isQuit(cmd) {
			t.Errorf("%s did not quit", k)
		}
		if d.m.View() != "" {
			t.Errorf("%s: view after quit is not empty", k)
		}
	}
}

// capturePane is a pane that takes text input.
type capturePane struct{ got []string }

func (p *capturePane) Init() tea.Cmd { return nil }
func (p *capturePane) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		p.got = append(p.got, k.String())
	}
	return p, nil
}
func (p *capturePane) View() string              { return "typing" }
func (p *capturePane) ShortHelp() []key.Binding  { return nil }
func (p *capturePane) FullHelp() [][]key.Binding { return nil }
func (p *capturePane) SetSize(int, int)          {}
func (p *capturePane) Title() string             { return "Input" }
func (p *capturePane) Capturing() bool           { return true }

func TestCapturingPaneGetsKeys(t *testing.T) {
	st := uitest.Store(t, 200)
	p := &capturePane{}
	opts := Options{Panes: func(c *common.Common) []common.TabComponent {
		return []common.TabComponent{p, placeholder.New(c, placeholder.Targets)}
	}}
	d, _ := session(t, st, i18n.En, 100, 30, opts)
	for _, k := range []string{"q", "2", "?", "tab"} {
		if cmd := d.send(keyMsg(k)); isQuit(cmd) {
			t.Fatalf("%s quit while the pane captures", k)
		}
	}
	if d.m.Active() != 0 || d.m.HelpShown() {
		t.Error("a captured key switched panes or opened help")
	}
	if strings.Join(p.got, " ") != "q 2 ? tab" {
		t.Errorf("pane got %q", p.got)
	}
	if cmd := d.send(keyMsg("ctrl+c")); !isQuit(cmd) {
		t.Error("ctrl+c did not quit while capturing")
	}
}

func TestMouseClickOnTab(t *testing.T) {
	st := uitest.Store(t, 200)
	d, _ := session(t, st, i18n.Zh, 100, 30, Options{})
	bar := strings.Split(d.m.View(), "\n")[0]
	for i := 5; i >= 0; i-- {
		label := d.m.tabLabel(i)
		x := strings.Index(bar, label)
		if x < 0 {
			t.Fatalf("tab %q not in %q", label, bar)
		}
		col := lipgloss.Width(bar[:x]) + 1
		d.send(tea.MouseMsg{X: col, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
		if d.m.Active() != i {
			t.Fatalf("click at %d on %q: active %d", col, label, d.m.Active())
		}
	}
	// A click below the tabs goes to the pane, not to the tab bar.
	d.send(tea.MouseMsg{X: 3, Y: 5, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if d.m.Active() != 0 {
		t.Error("a click in the pane switched tabs")
	}
}

func TestResize(t *testing.T) {
	st := uitest.Store(t, 2000)
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		d, c := session(t, st, lang, 100, 30, Options{})
		for _, sz := range [][2]int{{80, 24}, {100, 30}, {60, 20}, {79, 30}, {100, 23}, {81, 25}, {160, 48}} {
			d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			small := sz[0] < MinWidth || sz[1] < MinHeight
			for _, keys := range [][]string{nil, {"?"}, {"?", "2"}, {"4"}, {"5"}, {"6"}, {"1", "r", "l", "l"}} {
				d.m.active, d.m.showHelp = 0, false
				for _, k := range keys {
					d.send(keyMsg(k))
				}
				view := d.m.View()
				checkScreen(t, view, sz[0], sz[1])
				tooSmall := strings.Contains(view, c.T("shell.toosmall", MinWidth, MinHeight, sz[0], sz[1])[:12])
				if small != tooSmall {
					t.Errorf("%s %v: too-small message shown=%v", lang, sz, tooSmall)
				}
			}
		}
		d.send(tea.WindowSizeMsg{Width: 60, Height: 20})
		want := map[i18n.Lang]string{i18n.Zh: "终端窗口太小", i18n.En: "Terminal too small"}[lang]
		if !strings.Contains(d.m.View(), want) || !strings.Contains(d.m.View(), "80×24") {
			t.Errorf("60×20 %s: %q", lang, d.m.View())
		}
	}
}

func TestWindowKeys(t *testing.T) {
	st := uitest.Store(t, 500)
	d, _ := session(t, st, i18n.En, 100, 30, Options{})
	last := d.m.Data().Info.LastDay
	step := func(k string) *common.Dataset {
		t.Helper()
		_, cmd := d.m.Update(keyMsg(k))
		if cmd != nil {
			d.handle(cmd()) // the Overview's WindowMsg, at once
		}
		d.settle()
		return d.m.Data()
	}
	if got := d.m.Data(); got.AsOf != last || !got.Latest || got.Window.Len() != 30 {
		t.Fatalf("start: as of %s latest %v window %d", got.AsOf, got.Latest, got.Window.Len())
	}
	if got := step("w"); got.Window.Len() != 90 || got.Window.To != last {
		t.Errorf("w: window %d", got.Window.Len())
	}
	if got := step("w"); got.Window.Len() != 7 {
		t.Errorf("w: window %d", got.Window.Len())
	}
	if got := step("w"); got.Window.Len() != 30 {
		t.Errorf("w: window %d", got.Window.Len())
	}
	if got := step("["); got.AsOf != last-1 || got.Latest || got.Window != (model.Window{From: last - 30, To: last - 1}) {
		t.Errorf("[: as of %s latest %v window %v", got.AsOf, got.Latest, got.Window)
	}
	if got := step("["); got.AsOf != last-2 {
		t.Errorf("[[: as of %s", got.AsOf)
	}
	// The previous window and the daily rollups follow the as-of day.
	got := d.m.Data()
	if got.Prev.Window != (model.Window{From: last - 61, To: last - 32}) || got.DailyWindow.To != last-2 {
		t.Errorf("prev %v daily %v", got.Prev.Window, got.DailyWindow)
	}
	if !strings.Contains(d.m.statusView(), "(pinned)") {
		t.Errorf("status does not say pinned: %q", d.m.statusView())
	}
	if got := step("]"); got.AsOf != last-1 || got.Latest {
		t.Errorf("]: as of %s", got.AsOf)
	}
	if got := step("]"); got.AsOf != last || !got.Latest {
		t.Errorf("]]: as of %s latest %v (reaching the last day follows it again)", got.AsOf, got.Latest)
	}
	if got := step("]"); got.AsOf != last {
		t.Errorf("] past the last day: as of %s", got.AsOf)
	}
	step("[")
	step("[")
	if got := step("t"); got.AsOf != last || !got.Latest {
		t.Errorf("t: as of %s latest %v", got.AsOf, got.Latest)
	}
	// The snapshot is the store's for the same window (what `cockpit kpi` prints).
	snap, err := st.Snapshot(model.DefaultRules(), d.m.Data().Window)
	if err != nil {
		t.Fatal(err)
	}
	if snap.KPIs != d.m.Data().Analysis.Snapshot.KPIs {
		t.Errorf("KPIs differ from the store's snapshot:\n%+v\n%+v", snap.KPIs, d.m.Data().Analysis.Snapshot.KPIs)
	}
}

// TestStaleLoadsAreDropped checks the id tags: a full load older than the
// newest started, or for parameters no longer wanted, does not reach the
// panes; a quick refresh older than the data on screen neither.
func TestStaleLoadsAreDropped(t *testing.T) {
	st := uitest.Store(t, 200)
	d, c := session(t, st, i18n.En, 100, 30, Options{})
	cur := d.m.Data()
	old := fullLoad(c, d.m.params, 1, 0)().(fullLoaded)
	old.data.AsOf = 1 // recognisable
	d.m.fullSeq = d.m.seq + 1
	d.m.seq++
	d.m.fullInFlight = true
	d.send(old)
	if d.m.Data() != cur {
		t.Error("an older full load replaced the data")
	}
	if d.m.fullInFlight {
		t.Error("a dropped result did not end the in-flight state")
	}
	stale := fullLoad(c, loadParams{latest: true, days: 7}, d.m.fullSeq, 0)().(fullLoaded)
	d.send(stale)
	if d.m.Data() != cur {
		t.Error("a full load for other parameters replaced the data")
	}
	q := quickLoad(c, d.m.params, 0, 0)().(quickLoaded)
	d.send(q)
	if d.m.Data() != cur {
		t.Error("an older quick refresh replaced the data")
	}
	d.m.seq++
	q.seq = d.m.seq
	d.send(q)
	if d.m.Data() == cur || d.m.Data().Analysis != cur.Analysis {
		t.Error("a newer quick refresh did not patch the data (keeping the analysis)")
	}
}

// TestThrottle checks that store changes start at most one full load at a
// time and at most one per MinReload, while quick refreshes run each time.
func TestThrottle(t *testing.T) {
	st := uitest.Store(t, 200)
	d, _ := session(t, st, i18n.En, 100, 30, Options{MinReload: time.Hour})
	d.m.lastFull = time.Now()
	seq := d.m.seq
	cmd := d.m.onChange(storeChanged{})
	if cmd == nil || !d.m.quickInFlight || d.m.fullInFlight || !d.m.fullPending || !d.m.timerArmed {
		t.Fatalf("first change: quick %v full %v pending %v timer %v", d.m.quickInFlight, d.m.fullInFlight, d.m.fullPending, d.m.timerArmed)
	}
	d.m.onChange(storeChanged{})
	if !d.m.quickPending || d.m.seq != seq+1 {
		t.Errorf("second change during a quick refresh: pending %v, loads started %d", d.m.quickPending, d.m.seq-seq)
	}
	// The timer fires: one full load.
	d.m.Update(reloadDue{})
	if !d.m.fullInFlight || d.m.fullPending {
		t.Fatal("reloadDue did not start the pending full load")
	}
	// A user request during it waits for it, then runs without throttle.
	d.m.Update(common.WindowMsg{CycleDays: true})
	if !d.m.fullPending || !d.m.userPending {
		t.Fatal("a window change during a load is not pending")
	}
	before := d.m.fullSeq
	d.m.onFull(fullLoaded{seq: before, params: loadParams{}, err: errors.New("x")})
	if !d.m.fullInFlight || d.m.fullSeq == before {
		t.Error("the user's pending load did not start when the previous one ended")
	}
	if d.m.lastErr() == nil || !strings.Contains(d.m.statusView(), "error: x") {
		t.Errorf("load error not in the status bar: %q", d.m.statusView())
	}
}

// TestLiveUpdate ingests a purchase today through the store, as the live
// feed does, and checks that the Overview's today figures change within a
// second via the change feed, and the window KPIs after the full reload.
func TestLiveUpdate(t *testing.T) {
	st := uitest.Store(t, 2000)
	d, c := session(t, st, i18n.Zh, 100, 30, Options{MinReload: 100 * time.Millisecond})
	before := d.m.Data()
	today := model.DayOf(uitest.Now, uitest.Zone)
	if before.DailyWindow.To == today {
		t.Fatal("fixture already has events today")
	}
	ev := model.Event{MemberID: "M00000001", Kind: model.KindPurchase, At: uitest.Now, Amount: 1234567, OrderID: "LIVE-TEST-1", Channel: "APP"}
	start := time.Now()
	if _, err := st.IngestEvents([]model.Event{ev}); err != nil {
		t.Fatal(err)
	}
	d.until("today's figures", func() bool {
		dd := d.m.Data()
		return dd.DailyWindow.To == today && dd.Daily[len(dd.Daily)-1].GMVFen == 1234567
	}, 5*time.Second)
	if took := time.Since(start); took > time.Second {
		t.Errorf("today's figures took %s", took)
	}
	view := d.m.View()
	if !strings.Contains(view, "今日 "+today.String()) || !strings.Contains(view, "订单 1") || !strings.Contains(view, "GMV ¥12,345.67") {
		t.Errorf("today's line did not change:\n%s", view)
	}
	if d.m.EventsPerMinute() != 1 || !strings.Contains(d.m.statusView(), "● 实时 1/分") {
		t.Errorf("live indicator: %d, %q", d.m.EventsPerMinute(), d.m.statusView())
	}
	// The full reload moves the window to today and counts the order.
	d.until("the full reload", func() bool { return d.m.Data().AsOf == today && !d.m.Loading() }, 10*time.Second)
	k := d.m.Data().Analysis.Snapshot.KPIs
	snap, _ := st.Snapshot(c.Rules, model.Window{From: today - 29, To: today})
	if k != snap.KPIs {
		t.Error("window KPIs after the live event differ from the store's")
	}
	if !strings.Contains(d.m.View(), format.Money(k.GMVFen)) {
		t.Error("GMV card does not show the new total")
	}
}

// TestTeatestFlow runs the root in a real tea.Program (teatest) at 100×30:
// it waits for the Overview, switches to Campaigns with the keyboard and
// compares the final model's View with a golden file.
func TestTeatestFlow(t *testing.T) {
	st := uitest.Store(t, 2000)
	c := uitest.Common(st, i18n.En, 100, 30)
	tm := teatest.NewTestModel(t, New(c, Options{}), teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Redemption")) && bytes.Contains(b, []byte("2,000 members"))
	}, teatest.WithDuration(10*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("5")})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("shown · status")) && bytes.Contains(b, []byte("ROI"))
	}, teatest.WithDuration(5*time.Second))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.Active() != PaneCampaigns {
		t.Fatalf("active pane %d", fm.Active())
	}
	golden.RequireEqual(t, []byte(fm.View()))
}

// TestTeatestQuit checks that q ends the program.
func TestTeatestQuit(t *testing.T) {
	st := uitest.Store(t, 200)
	c := uitest.Common(st, i18n.Zh, 100, 30)
	tm := teatest.NewTestModel(t, New(c, Options{}), teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("积分兑换率")) },
		teatest.WithDuration(10*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	out, _ := io.ReadAll(tm.FinalOutput(t))
	_ = out
}

// BenchmarkRootView measures the root's View (tabs, Overview, status bar) on
// a 20,000-member sample. Panes draw from the Dataset's summaries, so the
// cost does not depend on the member count; at 1,000,000 members it is the
// same (that fixture is too slow to build in the suite).
func BenchmarkRootView(b *testing.B) {
	st := uitest.Store(b, 20000)
	d, _ := session(b, st, i18n.Zh, 100, 30, Options{})
	for _, k := range []string{"l", "l", "l", "l", "l", "l"} {
		d.send(keyMsg(k))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = d.m.View()
	}
}

// BenchmarkRootViewHelp measures a frame with the help overlay open.
func BenchmarkRootViewHelp(b *testing.B) {
	st := uitest.Store(b, 20000)
	d, _ := session(b, st, i18n.Zh, 100, 30, Options{})
	d.send(keyMsg("?"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = d.m.View()
	}
}

// TestASCIIMode checks that --ascii leaves no character of ambiguous East
// Asian width on screen, in any pane or the help overlay.
func TestASCIIMode(t *testing.T) {
	st := uitest.Store(t, 500)
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		c := uitest.Common(st, lang, 100, 30)
		c.Styles = theme.New(c.Renderer, true)
		d := newDriver(t, New(c, Options{})).start(100, 30).settle()
		for _, keys := range [][]string{nil, {"?"}, {"2"}, {"3"}, {"4"}, {"5"}, {"6"}, {"1", "l", "l", "l", "l", "l", "l", "r", "r"}} {
			d.m.active, d.m.showHelp = 0, false
			for _, k := range keys {
				d.send(keyMsg(k))
			}
			view := d.m.View()
			for _, r := range view {
				if runewidth.IsAmbiguousWidth(r) {
					t.Errorf("%s %v: ambiguous %q (%U) on screen", lang, keys, r, r)
					break
				}
			}
			checkScreen(t, view, 100, 30)
		}
	}
}

// TestTeatestTargets drives the Targets pane in a real tea.Program through the
// root: open the first target's decomposition tree, and open the form and type
// a Chinese name; each final View is compared with a golden file.
func TestTeatestTargets(t *testing.T) {
	st := uitest.Store(t, 2000)
	for _, c := range []struct {
		name string
		keys []tea.KeyMsg
		wait string
	}{
		{"tree", []tea.KeyMsg{{Type: tea.KeyEnter}}, "+ 2026-06"},
		{"form", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("n")}, {Type: tea.KeyTab},
			{Type: tea.KeyRunes, Runes: []rune("七月冲刺")}}, "七月冲刺"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cm := uitest.Common(st, i18n.En, 100, 30)
			tm := teatest.NewTestModel(t, New(cm, Options{}), teatest.WithInitialTermSize(100, 30))
			// The active rate is a member-level figure: it shows only once the
			// full analysis has arrived, after the quick load from the rollups.
			// Keys sent before then race a second Dataset that makes the tree
			// reload (a spinner in its title).
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("16.3%")) },
				teatest.WithDuration(10*time.Second))
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("4")})
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("T-PLAN-GMV")) },
				teatest.WithDuration(10*time.Second))
			for _, k := range c.keys {
				tm.Send(k)
			}
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(c.wait)) },
				teatest.WithDuration(10*time.Second))
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
			if fm.Active() != PaneTargets {
				t.Fatalf("active pane %d", fm.Active())
			}
			view := fm.View()
			checkScreen(t, view, 100, 30)
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// TestCampaignsComputeWhenShown: the Campaigns pane (common.Lazy) is
// deferred while another tab is shown, so a session that never opens it
// costs no profile or audience index; its tab shows the campaigns' figures
// once opened.
func TestCampaignsComputeWhenShown(t *testing.T) {
	st := uitest.Store(t, 2000)
	c := uitest.Common(st, i18n.En, 100, 30)
	c.Hub = common.NewHub(st)
	d := newDriver(t, New(c, Options{})).start(100, 30).settle()
	p := d.m.Pane(PaneCampaigns)
	if _, ok := p.(common.Lazy); !ok {
		t.Fatal("the Campaigns pane does not defer its work")
	}
	if v := p.View(); strings.Contains(v, "ROI") {
		t.Fatalf("the Campaigns pane computed before its tab was shown:\n%s", v)
	}
	d.send(keyMsg("5"))
	d.until("the campaigns' figures", func() bool { return strings.Contains(d.m.View(), "ROI") }, 20*time.Second)
}
