package lifecycle

import (
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// dataset loads what the root delivers: as-of the data's last day, a 30-day
// window, the analysis, the previous window, 365 daily rollups, targets.
func dataset(t testing.TB, st *store.Store) *common.Dataset {
	t.Helper()
	info, err := st.Info()
	if err != nil {
		t.Fatal(err)
	}
	asOf := info.LastDay
	w := model.Window{From: asOf - 29, To: asOf}
	d := &common.Dataset{Seq: 1, Info: info, AsOf: asOf, Window: w, Latest: true,
		DailyWindow: model.Window{From: asOf - 364, To: asOf}}
	if d.Analysis, err = st.Analyze(model.DefaultRules(), w); err != nil {
		t.Fatal(err)
	}
	if d.Prev, err = st.Snapshot(model.DefaultRules(), model.Window{From: w.From - 30, To: w.From - 1}); err != nil {
		t.Fatal(err)
	}
	if d.Daily, err = st.Daily(d.DailyWindow); err != nil {
		t.Fatal(err)
	}
	if d.Targets, err = st.Targets(); err != nil {
		t.Fatal(err)
	}
	return d
}

// pane builds the pane over a fresh 2000-member sample at w×h in lang, with
// the Dataset delivered.
func pane(t testing.TB, lang i18n.Lang, w, h int) (*Model, *common.Dataset) {
	t.Helper()
	st := uitest.Store(t, 2000)
	c := uitest.Common(st, lang, w, h)
	m := New(c).(*Model)
	m.SetSize(w, h)
	d := dataset(t, st)
	m.Update(common.DataMsg{Data: d})
	return m, d
}

func keys(m *Model, ks ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range ks {
		_, cmd = m.Update(keyMsg(k))
	}
	return cmd
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

var langs = []i18n.Lang{i18n.Zh, i18n.En}

func TestGolden(t *testing.T) {
	st := uitest.Store(t, 2000)
	d := dataset(t, st)
	for _, lang := range langs {
		t.Run(lang.String(), func(t *testing.T) {
			cases := []struct {
				name string
				keys []string
			}{
				{"stages", nil},
				{"stage-selected", []string{"j", "j", "j"}},     // silent: reactivation
				{"tiers", []string{"j", "l", "j", "j"}},         // growth marked, gold focused
				{"rfm", []string{"h", "j", "j", "j", "j", "j"}}, // general develop
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					m := newPane(st, lang, 100, 30)
					m.Update(common.DataMsg{Data: d})
					keys(m, c.keys...)
					golden.RequireEqual(t, []byte(m.View()))
				})
			}
		})
	}
}

func newPane(st *store.Store, lang i18n.Lang, w, h int) *Model {
	m := New(uitest.Common(st, lang, w, h)).(*Model)
	m.SetSize(w, h)
	return m
}

func TestKeys(t *testing.T) {
	m, _ := pane(t, i18n.Zh, 100, 27)
	if m.Capturing() || m.Title() != "生命周期" {
		t.Error("capturing, or a wrong title")
	}
	if m.Block() != BlockStages || m.Selected(BlockStages) != 0 {
		t.Fatal("starts elsewhere than the first stage")
	}
	steps := []struct {
		key   string
		block Block
		sel   int
	}{
		{"k", BlockStages, 0}, // stays at the top
		{"j", BlockStages, 1},
		{"down", BlockStages, 2},
		{"up", BlockStages, 1},
		{"j", BlockStages, 2}, {"j", BlockStages, 3}, {"j", BlockStages, 4},
		{"j", BlockStages, 4}, // stays at the bottom
		{"l", BlockTiers, 0},
		{"j", BlockTiers, 1},
		{"right", BlockRFM, 0},
		{"j", BlockRFM, 1}, {"j", BlockRFM, 2}, {"j", BlockRFM, 3}, {"j", BlockRFM, 4}, {"j", BlockRFM, 5},
		{"j", BlockRFM, 6}, {"j", BlockRFM, 7}, {"j", BlockRFM, 7},
		{"l", BlockStages, 4}, // wraps, the stage kept
		{"left", BlockRFM, 7}, // wraps back
		{"h", BlockTiers, 1},  // each block keeps its selection
	}
	for i, s := range steps {
		keys(m, s.key)
		if m.Block() != s.block || m.Selected(s.block) != s.sel {
			t.Fatalf("step %d (%s): block %v selected %d, want %v %d", i, s.key, m.Block(), m.Selected(m.Block()), s.block, s.sel)
		}
	}
	if m.Selected(BlockStages) != 4 {
		t.Errorf("the stage selection was lost: %d", m.Selected(BlockStages))
	}
}

func TestEnterDrillsDown(t *testing.T) {
	m, _ := pane(t, i18n.En, 100, 27)
	drill := func() common.ShowMembersMsg {
		t.Helper()
		cmd := keys(m, "enter")
		if cmd == nil {
			t.Fatal("enter gave no command")
		}
		msg, ok := cmd().(common.ShowMembersMsg)
		if !ok {
			t.Fatalf("enter gave %T", cmd())
		}
		return msg
	}
	keys(m, "j", "j")
	if msg := drill(); msg.Stage == nil || *msg.Stage != model.StageMaturity || msg.Tier != nil || msg.Segment != nil {
		t.Errorf("stages: %+v", msg)
	}
	keys(m, "l", "j", "j", "j")
	if msg := drill(); msg.Tier == nil || *msg.Tier != model.TierPlatinum || msg.Stage != nil || msg.Segment != nil {
		t.Errorf("tiers: %+v", msg)
	}
	keys(m, "l", "j", "j", "j", "j")
	if msg := drill(); msg.Segment == nil || *msg.Segment != model.GeneralValue || msg.Stage != nil || msg.Tier != nil {
		t.Errorf("rfm: %+v", msg)
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}); cmd != nil {
		t.Error("an unbound key gave a command")
	}
}

// TestCountsMatchTheAnalysis reads the stage, tier and RFM counts off the
// screen and compares them with the snapshot, and the snapshot with the
// index and the member count.
func TestCountsMatchTheAnalysis(t *testing.T) {
	for _, lang := range langs {
		m, d := pane(t, lang, 100, 27)
		sn := d.Analysis.Snapshot
		var sum int64
		var byStage [model.NumStages]int64
		for _, e := range d.Analysis.Members {
			byStage[e.Stage]++
		}
		for s := range model.NumStages {
			sum += sn.Stages[s]
			if byStage[s] != sn.Stages[s] {
				t.Errorf("stage %v: index %d, snapshot %d", s, byStage[s], sn.Stages[s])
			}
		}
		if sum != d.Info.Members {
			t.Errorf("stages sum to %d, %d members", sum, d.Info.Members)
		}
		lines := strings.Split(m.View(), "\n")
		find := func(label string, n int64) {
			t.Helper()
			for _, l := range lines {
				if i := strings.Index(l, label+" "); i >= 0 {
					if f := strings.Fields(l[i+len(label):]); len(f) > 0 && f[0] == format.Count(n) {
						return
					}
				}
			}
			t.Errorf("%v: no line shows %q with %s:\n%s", lang, label, format.Count(n), m.View())
		}
		c := m.c
		for s := range model.NumStages {
			find(c.T("stage."+s.String()), sn.Stages[s])
		}
		for tr := range model.NumTiers {
			find(c.T("tier."+tr.String()), sn.Tiers[tr])
		}
		for r, row := range rfmRows {
			find(c.T("lifecycle.rfm."+row), sn.RFM[r])
		}
		var flow int64
		for _, row := range d.Analysis.Flow {
			for _, n := range row {
				flow += n
			}
		}
		if flow != d.Info.Members {
			t.Errorf("the flow counts %d members of %d", flow, d.Info.Members)
		}
	}
}

func TestResize(t *testing.T) {
	st := uitest.Store(t, 2000)
	d := dataset(t, st)
	for _, lang := range langs {
		for _, sz := range [][2]int{{80, 21}, {100, 27}, {100, 30}, {60, 12}, {20, 5}} {
			w, h := sz[0], sz[1]
			for _, ks := range [][]string{nil, {"l", "j"}, {"h", "j", "j"}} {
				m := newPane(st, lang, 100, 30)
				m.Update(common.DataMsg{Data: d})
				keys(m, ks...)
				m.SetSize(w, h)
				v := m.View()
				lines := strings.Split(v, "\n")
				if len(lines) > h {
					t.Errorf("%v %dx%d after %v: %d lines", lang, w, h, ks, len(lines))
				}
				for _, l := range lines {
					if lipgloss.Width(l) > w {
						t.Errorf("%v %dx%d after %v: line %d wide: %q", lang, w, h, ks, lipgloss.Width(l), l)
					}
				}
				if w >= 80 && h >= 21 && len(lines) < 18 {
					t.Errorf("%v %dx%d: only %d lines:\n%s", lang, w, h, len(lines), v)
				}
			}
		}
	}
}

func TestBeforeData(t *testing.T) {
	st := uitest.Store(t, 10)
	m := newPane(st, i18n.Zh, 80, 21)
	if v := m.View(); !strings.Contains(v, "加载") {
		t.Errorf("before data: %q", v)
	}
	m.SetSize(0, 0)
	if m.View() != "" {
		t.Error("a zero size draws something")
	}
}

// BenchmarkLifecycleView draws the pane over a 20,000-member sample at
// 100×30. View formats the Analysis' counts only, so the member count does
// not matter (budget: 10 ms at a million).
func BenchmarkLifecycleView(b *testing.B) {
	st := uitest.Store(b, 20000)
	m := newPane(st, i18n.Zh, 100, 30)
	m.Update(common.DataMsg{Data: dataset(b, st)})
	for b.Loop() {
		_ = m.View()
	}
}
