package lifecycle

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/insight"
	"github.com/memberops/cockpit/ui/uitest"
)

// insightData is the Dataset with the insight, as the root's full load
// delivers it.
func insightData(t *testing.T, st *store.Store) *common.Dataset {
	t.Helper()
	d := dataset(t, st)
	a, _, err := st.AnalyzeWithInsight(model.DefaultRules(), d.Window, model.Window{From: d.Window.From - 30, To: d.Window.From - 1},
		model.DefaultInsightConfig(d.AsOf))
	if err != nil {
		t.Fatal(err)
	}
	d.Analysis = a
	return d
}

// deliver hands the pane the Dataset and runs the insight computation it
// asks for, as the root would.
func deliver(t *testing.T, m *Model, d *common.Dataset) {
	t.Helper()
	m.ins.quiet = time.Millisecond
	_, cmd := m.Update(common.DataMsg{Data: d})
	if cmd == nil {
		t.Fatal("a new Dataset asked for no insight")
	}
	due, ok := cmd().(insightDue)
	if !ok {
		t.Fatal("the insight of a new Dataset did not wait for the data to settle")
	}
	_, cmd = m.Update(due)
	m.Update(cmd())
	if _, again := m.Update(common.DataMsg{Data: d}); again != nil {
		t.Fatal("the same as-of day asked for the insight again")
	}
}

// TestFlowCellDrillsDown: the selected cell's members are asked for, and
// the selection line names the cell with its count.
func TestFlowCellDrillsDown(t *testing.T) {
	m, d := pane(t, i18n.Zh, 100, 28)
	keys(m, "h") // stages → the flow matrix (the last block)
	if m.Block() != BlockFlow {
		t.Fatalf("block %v", m.Block())
	}
	keys(m, "j", "j", "l", "l", "l") // maturity → silent
	if r, c := m.FlowCell(); r != int(model.StageMaturity) || c != int(model.StageSilent) {
		t.Fatalf("cell %d,%d", r, c)
	}
	want := d.Analysis.Flow[model.StageMaturity][model.StageSilent]
	if v := m.View(); !strings.Contains(v, "成熟期 → 沉默期  "+itoa(want)+" 人") {
		t.Fatalf("selection line:\n%s", v)
	}
	cmd := keys(m, "enter")
	msg, ok := cmd().(common.ShowMembersMsg)
	if !ok || msg.Stage == nil || *msg.Stage != model.StageSilent || msg.Flow == nil || *msg.Flow != int(model.StageMaturity) {
		t.Fatalf("drill %+v", msg)
	}
	m.SetFlowCell(99, -3) // clamped: the new members' row, first column
	if r, c := m.FlowCell(); r != int(model.NumStages) || c != 0 {
		t.Fatalf("clamped cell %d,%d", r, c)
	}
	if msg := keys(m, "enter")().(common.ShowMembersMsg); *msg.Flow != int(store.FlowNew) {
		t.Fatalf("new row drill %+v", msg)
	}
}

func itoa(n int64) string {
	s := []byte{}
	for {
		s = append([]byte{byte('0' + n%10)}, s...)
		n /= 10
		if n == 0 {
			break
		}
	}
	if len(s) > 3 {
		return string(s[:len(s)-3]) + "," + string(s[len(s)-3:])
	}
	return string(s)
}

// TestInsightOpensAndCloses: i opens the insight view over the pane, keys
// go to it, esc comes back; the tiers block shows the risk counts.
func TestInsightOpensAndCloses(t *testing.T) {
	st := uitest.Store(t, 2000)
	d := insightData(t, st)
	m := newPane(st, i18n.Zh, 100, 28)
	deliver(t, m, d)
	in := d.Analysis.Insight
	if v := m.View(); !strings.Contains(v, "降级风险 "+itoa(int64(len(in.TierRisk)))+" · 临近升级 "+itoa(int64(len(in.NearUpgrade)))) {
		t.Fatalf("counts missing:\n%s", v)
	}
	if cmd := keys(m, "i"); cmd != nil {
		m.Update(cmd()) // the view refreshes its insight when it opens
	}
	if m.Insight() == nil || !strings.Contains(m.View(), "洞察 [同期群]") {
		t.Fatalf("i did not open the insight:\n%s", m.View())
	}
	keys(m, "l")
	if m.Insight().Section() != insight.SectionSecond || m.Block() != BlockStages {
		t.Fatal("keys did not go to the insight view")
	}
	golden.RequireEqual(t, []byte(m.View()))
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if m.Insight() != nil || !strings.Contains(m.View(), "阶段流转") {
		t.Fatal("esc did not close the insight view")
	}
}

// TestGoldenFlowAndCounts draws the pane with a flow cell selected and the
// insight counts, in both languages at 100×28 and 80×22.
func TestGoldenFlowAndCounts(t *testing.T) {
	st := uitest.Store(t, 2000)
	d := insightData(t, st)
	for _, lang := range langs {
		for _, size := range [][2]int{{100, 28}, {80, 22}} {
			t.Run(lang.String()+"/"+itoa(int64(size[0])), func(t *testing.T) {
				m := newPane(st, lang, size[0], size[1])
				deliver(t, m, d)
				keys(m, "h", "j", "j", "l", "l", "l")
				golden.RequireEqual(t, []byte(m.View()))
			})
		}
	}
}

// TestSessionsShareTheInsight: the sessions of one process on one Hub
// compute the insight once per as-of day and data version, the first
// version (0: the store as opened, before any change) included, and hold
// the same value; a newer version of the data computes it once more.
func TestSessionsShareTheInsight(t *testing.T) {
	// The file reopened, as a server starts on it: no change announced yet.
	filled := uitest.Store(t, 2000)
	path := filled.Path()
	if err := filled.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v := st.ChangeSeq(); v != 0 {
		t.Fatalf("a fresh store at change %d, want 0", v)
	}
	hub := common.NewHub(st)
	cases := []struct {
		name     string
		version  uint64
		sessions int
		computed int64 // the Hub's computations so far
	}{
		{"as opened (version 0)", 0, 3, 1},
		{"the same version again", 0, 2, 1},
		{"after a change (version 1)", 1, 3, 2},
	}
	for _, tc := range cases {
		if st.ChangeSeq() < tc.version {
			// A save, as an editor's in another session.
			from, _ := model.ParseDay("2026-01-01")
			tg := model.Target{Name: "T", Metric: "gmv", From: from, To: from + 30, Value: 1}
			if _, err := st.PutTarget(store.Actor{Name: "test", Role: store.Admin}, tg); err != nil {
				t.Fatal(err)
			}
		}
		if v := st.ChangeSeq(); v != tc.version {
			t.Fatalf("%s: the store at change %d", tc.name, v)
		}
		d := dataset(t, st)
		d.Version = tc.version
		var got []*model.Insight
		for range tc.sessions {
			c := uitest.Common(st, i18n.En, 100, 28)
			c.Hub = hub
			m := New(c).(*Model)
			m.SetSize(100, 28)
			deliver(t, m, d)
			got = append(got, m.ins.in)
		}
		for i, in := range got {
			if in == nil || in != got[0] {
				t.Fatalf("%s: session %d holds insight %p, session 0 %p", tc.name, i, in, got[0])
			}
		}
		if n := hub.Computed(); n != tc.computed {
			t.Fatalf("%s: %d computations, want %d", tc.name, n, tc.computed)
		}
	}
}
