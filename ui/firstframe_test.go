package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

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
