package insight

import (
	"os"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// dataset is what the root's full load delivers: the analysis with its
// insight over the 30 days ending at the data's last day.
func dataset(t testing.TB, st *store.Store) *common.Dataset {
	t.Helper()
	info, err := st.Info()
	if err != nil {
		t.Fatal(err)
	}
	asOf := info.LastDay
	w := model.Window{From: asOf - 29, To: asOf}
	d := &common.Dataset{Seq: 1, Info: info, AsOf: asOf, Window: w, Latest: true}
	if d.Analysis, d.Prev, err = st.AnalyzeWithInsight(model.DefaultRules(), w, model.Window{From: w.From - 30, To: w.From - 1},
		model.DefaultInsightConfig(asOf)); err != nil {
		t.Fatal(err)
	}
	return d
}

func keyOf(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// TestGolden draws every section in both languages at the pane sizes of a
// 100×30 and an 80×24 terminal.
func TestGolden(t *testing.T) {
	st := uitest.Store(t, 2000)
	d := dataset(t, st)
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		for _, size := range [][2]int{{100, 28}, {80, 22}} {
			for _, c := range []struct {
				name string
				keys []string
			}{
				{"cohorts", nil},
				{"cohorts-gmv", []string{"g"}},
				{"second", []string{"l"}},
				{"points", []string{"l", "l"}},
				{"lists", []string{"h"}},
			} {
				name := lang.String() + "/" + strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1]) + "/" + c.name
				t.Run(name, func(t *testing.T) {
					m := New(uitest.Common(st, lang, size[0], size[1]))
					m.SetSize(size[0], size[1])
					m.Update(common.DataMsg{Data: d})
					m.SetInsight(d.Analysis.Insight)
					for _, k := range c.keys {
						m.Update(keyOf(k))
					}
					v := m.View()
					lines := strings.Split(v, "\n")
					if len(lines) > size[1] {
						t.Fatalf("%d lines for a height of %d", len(lines), size[1])
					}
					for i, l := range lines {
						if lipgloss.Width(l) > size[0] {
							t.Fatalf("line %d is %d wide: %q", i, lipgloss.Width(l), l)
						}
					}
					golden.RequireEqual(t, []byte(v))
				})
			}
		}
	}
}

// TestListsOpenInMembers: enter on each list asks for the Members pane with
// that list; the risk list carries every member at risk, most urgent first.
func TestListsOpenInMembers(t *testing.T) {
	st := uitest.Store(t, 2000)
	d := dataset(t, st)
	in := d.Analysis.Insight
	if len(in.TierRisk) == 0 || len(in.NearUpgrade) == 0 {
		t.Fatalf("the sample should have members at risk (%d) and near an upgrade (%d)", len(in.TierRisk), len(in.NearUpgrade))
	}
	m := New(uitest.Common(st, i18n.Zh, 100, 26))
	m.Update(common.DataMsg{Data: d})
	m.SetInsight(in)
	m.SetSection(SectionLists)
	open := func() common.ShowMembersMsg {
		t.Helper()
		_, cmd := m.Update(keyOf("enter"))
		if cmd == nil {
			t.Fatal("enter gave no command")
		}
		msg, ok := cmd().(common.ShowMembersMsg)
		if !ok {
			t.Fatalf("enter gave %T", cmd())
		}
		return msg
	}
	msg := open()
	if msg.List == nil || msg.List.Len() != len(in.TierRisk) || msg.List.Rank(in.TierRisk[0].Seq) != 0 || msg.List.Name != "降级风险" {
		t.Fatalf("risk list %+v", msg.List)
	}
	first := in.TierRisk[0]
	if v := msg.List.Value(first.Seq); !strings.HasPrefix(v, "+") || !strings.Contains(v, "天") {
		t.Errorf("risk value %q", v)
	}
	m.Update(keyOf("j"))
	if msg := open(); msg.List == nil || msg.List.Len() != len(in.NearUpgrade) {
		t.Fatalf("near list %+v", msg.List)
	}
	m.Update(keyOf("j"))
	if msg := open(); msg.List != nil || msg.Birthdays != 7 {
		t.Fatalf("birthdays 7: %+v", msg)
	}
	m.Update(keyOf("j"))
	m.Update(keyOf("j")) // stays on the last
	if msg := open(); msg.Birthdays != 30 || m.Selected() != ListBirthdays30 {
		t.Fatalf("birthdays 30: %+v", msg)
	}
	m.SetSection(SectionPoints)
	if _, cmd := m.Update(keyOf("enter")); cmd != nil {
		t.Error("enter outside the lists gave a command")
	}
}

func TestSectionsCycle(t *testing.T) {
	st := uitest.Store(t, 300)
	m := New(uitest.Common(st, i18n.En, 100, 26))
	for i, want := range []Section{SectionSecond, SectionPoints, SectionLists, SectionCohorts} {
		m.Update(keyOf("right"))
		if m.Section() != want {
			t.Fatalf("step %d: %v", i, m.Section())
		}
	}
	m.Update(keyOf("left"))
	if m.Section() != SectionLists {
		t.Fatal("left does not wrap")
	}
	if v := m.View(); !strings.Contains(v, "computing the insight") {
		t.Fatalf("without data: %q", v)
	}
}

// BenchmarkView draws each section at 100×30. What a section draws is a
// fixed number of aggregated cells (12 cohorts × 12 months, 12 months of
// points, five tiers), so the cost should not depend on the member count;
// COCKPIT_BENCH_DB names a database file (e.g. a copy of the 1,000,000-member
// /work/data/m1.db, opened read-only) to draw its insight instead of the
// 2,000-member fixture's:
//
//	COCKPIT_BENCH_DB=/tmp/m1.db go test ./ui/insight -run '^$' -bench View
func BenchmarkView(b *testing.B) {
	var st *store.Store
	if path := os.Getenv("COCKPIT_BENCH_DB"); path != "" {
		var err error
		if st, err = store.Open(path, store.Options{ReadOnly: true, Populate: true}); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
	} else {
		st = uitest.Store(b, 2000)
	}
	d := dataset(b, st)
	suffix := "/members=" + strconv.FormatInt(d.Info.Members, 10)
	for s := Section(0); s < NumSections; s++ {
		b.Run(sectionKeys[s]+suffix, func(b *testing.B) {
			m := New(uitest.Common(st, i18n.Zh, 100, 30))
			m.SetSize(100, 30)
			m.Update(common.DataMsg{Data: d})
			m.SetInsight(d.Analysis.Insight)
			m.SetSection(s)
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
