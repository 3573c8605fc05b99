package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/members"
	"github.com/memberops/cockpit/ui/overview"
	"github.com/memberops/cockpit/ui/uitest"
)

// TestRollupsBeforeAnalysis: the quick load Init starts draws the Overview
// from the daily rollups before the member-level analysis arrives; only the
// Overview gets that partial dataset; the full load then completes it and
// the status stops saying loading.
func TestRollupsBeforeAnalysis(t *testing.T) {
	st := uitest.Store(t, 300)
	c := uitest.Common(st, i18n.En, 100, 30)
	m := New(c, Options{})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Init() // starts the full load (seq 1) and the quick load (seq 2); run by hand below
	if m.fullSeq != 1 || !m.quickInFlight || m.seq != 2 {
		t.Fatalf("Init: fullSeq %d, quick in flight %v, seq %d; want 1, true, 2", m.fullSeq, m.quickInFlight, m.seq)
	}
	q := quickLoad(c, m.params, 2, 0)().(quickLoaded)
	m.Update(q)
	d := m.Data()
	if d == nil || d.Analysis != nil || len(d.Daily) == 0 {
		t.Fatalf("after the quick load: data %v; want rollups without the analysis", d)
	}
	if ov := m.Pane(PaneOverview).(*overview.Overview); ov.Data() != d {
		t.Error("the Overview did not get the rollups")
	}
	if !m.Loading() {
		t.Error("the status must still say loading while the analysis runs")
	}
	// The window's figures wait for the analysis: an ellipsis, never a 0.
	ov := m.Pane(PaneOverview).(*overview.Overview)
	if v := ov.View(); !strings.Contains(v, "…") {
		t.Errorf("the Overview before the analysis shows no pending figure:\n%s", v)
	}
	f := fullLoad(c, m.params, 1, 0)().(fullLoaded)
	m.Update(f)
	if m.Data() == nil || m.Data().Analysis == nil || m.Loading() {
		t.Fatalf("after the full load: analysis %v, loading %v", m.Data().Analysis != nil, m.Loading())
	}
	if ov := m.Pane(PaneOverview).(*overview.Overview); ov.Data() != m.Data() {
		t.Error("the Overview did not get the full dataset")
	}
}

// TestMembersIndexLoadsWhenOpened: the Members pane gets the data (and
// loads its index) only once its tab is first shown.
func TestMembersIndexLoadsWhenOpened(t *testing.T) {
	st := uitest.Store(t, 300)
	d, _ := session(t, st, i18n.En, 100, 30, Options{})
	mp := d.m.Pane(PaneMembers).(*members.Model)
	if d.m.membersOpened || mp.Total() != 0 {
		t.Fatalf("before the tab is opened: opened %v, %d rows", d.m.membersOpened, mp.Total())
	}
	d.send(keyMsg("3"))
	d.until("the members index", func() bool { return mp.Total() > 0 }, 20*time.Second)
	if d.m.Active() != PaneMembers || !d.m.membersOpened {
		t.Errorf("active %d, opened %v", d.m.Active(), d.m.membersOpened)
	}
}

// TestEarlyFromKPICache: after a full load stored the window's snapshots in
// the store's KPI cache, the next session's early load gives the Overview
// the same member-level figures before the full analysis (only the Overview
// gets that dataset, and it draws exactly what the full load draws, the
// active targets' pacing included); the full load then replaces it.
// A record written after the full load keeps it a hit; an event makes the
// early load a miss.
func TestEarlyFromKPICache(t *testing.T) {
	st := uitest.Store(t, 300)
	c := uitest.Common(st, i18n.En, 100, 30)
	full, err := LoadDataset(c, 0, 30)
	if err != nil {
		t.Fatal(err)
	}

	m := New(c, Options{})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Init()
	if m.OverviewComplete() {
		t.Fatal("complete before any load")
	}
	e := earlyLoad(c, m.params, m.fullSeq)().(earlyLoaded)
	if e.err != nil || e.data == nil || !e.complete {
		t.Fatalf("early load: err %v, data %v, complete %v", e.err, e.data != nil, e.complete)
	}
	m.Update(e)
	d := m.Data()
	if d == nil || !d.Early || d.Analysis == nil || len(d.Daily) == 0 {
		t.Fatalf("after the early load: %+v", d)
	}
	if !reflect.DeepEqual(d.Analysis.Snapshot, full.Analysis.Snapshot) || !reflect.DeepEqual(d.Prev, full.Prev) {
		t.Fatalf("early snapshots differ from the full load's:\n%+v\n%+v", d.Analysis.Snapshot, full.Analysis.Snapshot)
	}
	if d.Window != full.Window || d.AsOf != full.AsOf {
		t.Fatalf("early window %v as of %v, full %v as of %v", d.Window, d.AsOf, full.Window, full.AsOf)
	}
	if ov := m.Pane(PaneOverview).(*overview.Overview); ov.Data() != d {
		t.Error("the Overview did not get the early dataset")
	}
	if !m.OverviewComplete() || !m.Loading() {
		t.Errorf("complete %v (want true), loading %v (want true: the analysis runs)", m.OverviewComplete(), m.Loading())
	}
	early := m.Pane(PaneOverview).(*overview.Overview).View()
	m.Update(fullLoad(c, m.params, m.fullSeq, 0)().(fullLoaded))
	if m.Data().Early || m.Data().Analysis.Members == nil {
		t.Fatal("the full load did not replace the early dataset")
	}
	// The early frame is the full frame: every figure, the pacing list too.
	if v := m.Pane(PaneOverview).(*overview.Overview).View(); v != early {
		t.Errorf("the Overview from the cache differs from the full load's:\n%s\n---\n%s", early, v)
	}

	// A record written after the snapshots were stored (a target) changes
	// no member figure: still a hit. An event is a miss.
	if _, err := st.PutTarget(store.Actor{Name: "t", Role: store.Editor},
		model.Target{Name: "G", Metric: "gmv", From: full.Window.From, To: full.Window.To, Value: 1, Method: model.MethodEven}); err != nil {
		t.Fatal(err)
	}
	m2 := New(c, Options{})
	m2.Init()
	if e := earlyLoad(c, m2.params, m2.fullSeq)().(earlyLoaded); e.err != nil || e.data == nil {
		t.Fatalf("early load after a target was saved: err %v, data %v", e.err, e.data != nil)
	}
	mem, _, err := st.Member(0)
	if err != nil {
		t.Fatal(err)
	}
	at := full.AsOf.Time(st.Location()).Add(9 * time.Hour)
	if _, err := st.IngestEvents([]model.Event{{MemberID: mem.ID, Kind: model.KindLogin, At: at}}); err != nil {
		t.Fatal(err)
	}
	m3 := New(c, Options{})
	m3.Init()
	if e := earlyLoad(c, m3.params, m3.fullSeq)().(earlyLoaded); e.err != nil || e.data != nil {
		t.Fatalf("early load after an event: err %v, data %v", e.err, e.data != nil)
	}
}

// TestPrimeFirstFrame: after PrimeFirstFrame (what an import calls), the
// first session's early load finds every snapshot its Overview needs (the
// window, the previous one, the active level targets' windows), equal to
// the full load's.
func TestPrimeFirstFrame(t *testing.T) {
	st := uitest.Store(t, 300)
	c := uitest.Common(st, i18n.En, 100, 30)
	if err := PrimeFirstFrame(st, c.Rules, c.Now(), 30); err != nil {
		t.Fatal(err)
	}
	m := New(c, Options{})
	m.Init()
	e := earlyLoad(c, m.params, m.fullSeq)().(earlyLoaded)
	if e.err != nil || e.data == nil || !e.complete || len(e.data.Pacing) == 0 {
		t.Fatalf("early load after priming: err %v, data %v, complete %v", e.err, e.data != nil, e.complete)
	}
	full, err := LoadDataset(c, 0, 30)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(e.data.Analysis.Snapshot, full.Analysis.Snapshot) || !reflect.DeepEqual(e.data.Prev, full.Prev) ||
		!reflect.DeepEqual(e.data.Pacing, full.Pacing) {
		t.Fatal("primed snapshots or pacing differ from the full load's")
	}
}
