package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

// TestStatusMembersAtPinnedDay: with the as-of day pinned in the past, the
// status bar counts the members registered by that day (what Lifecycle and
// Members show), not today's total; following the latest day it counts
// every member.
func TestStatusMembersAtPinnedDay(t *testing.T) {
	st := uitest.Store(t, 2000)
	d, _ := session(t, st, i18n.En, 120, 30, Options{})
	all := d.m.Data().Info.Members
	if !strings.Contains(d.m.statusView(), format.Count(all)+" members") {
		t.Fatalf("latest: status %q lacks %d members", d.m.statusView(), all)
	}
	d.send(common.WindowMsg{Shift: -120})
	d.settle()
	data := d.m.Data()
	pinned := data.Analysis.Snapshot.KPIs.MembersTotal
	if data.Latest || pinned >= all {
		t.Fatalf("fixture: pinned %s has %d members of %d", data.AsOf, pinned, all)
	}
	snap, err := st.Snapshot(model.DefaultRules(), data.Window)
	if err != nil {
		t.Fatal(err)
	}
	status := d.m.statusView()
	if !strings.Contains(status, format.Count(snap.KPIs.MembersTotal)+" members") || strings.Contains(status, format.Count(all)+" members") {
		t.Errorf("pinned at %s: status %q, want %d members (store: %d)", data.AsOf, status, pinned, snap.KPIs.MembersTotal)
	}
}

// TestStatusShowsTimeOfLatestData: after events arrive the status bar says
// when the newest data was committed, in the store's zone.
func TestStatusShowsTimeOfLatestData(t *testing.T) {
	st := uitest.Store(t, 200)
	d, _ := session(t, st, i18n.Zh, 120, 30, Options{})
	if strings.Contains(d.m.statusView(), "数据更新于") {
		t.Fatalf("time of data before any arrived: %q", d.m.statusView())
	}
	at := time.Date(2026, time.July, 1, 9, 41, 7, 0, uitest.Zone)
	d.send(storeChanged{changes: []store.Change{{Kind: store.ChangeEvents, Count: 3, At: at}}})
	if got := d.m.statusView(); !strings.Contains(got, "数据更新于 09:41:07") {
		t.Errorf("status %q lacks the time of the latest data", got)
	}
}

// TestShowTargetOpensTree: the Overview's pacing list asks for a target
// with common.ShowTargetMsg; the root switches to Targets, which opens the
// target's tree.
func TestShowTargetOpensTree(t *testing.T) {
	st := uitest.Store(t, 500)
	d, _ := session(t, st, i18n.En, 100, 30, Options{})
	ps := d.m.Data().Pacing
	if len(ps) == 0 {
		t.Fatal("no active target in the fixture's pacing")
	}
	id := ""
	for _, p := range ps {
		if p.Target.ID == "T-2026-GMV" {
			id = p.Target.ID
		}
	}
	if id == "" {
		t.Fatalf("T-2026-GMV not among the active targets %v", ps)
	}
	// From the Overview: p focuses the list, enter opens the selected row.
	d.send(keyMsg("p"))
	var cmd tea.Cmd
	for i := 0; i < len(ps); i++ {
		_, cmd = d.m.Update(tea.KeyMsg{Type: tea.KeyEnter})
		if msg, ok := cmd().(common.ShowTargetMsg); ok && msg.ID == id {
			break
		}
		cmd = nil
		d.send(keyMsg("j"))
	}
	if cmd == nil {
		t.Fatal("enter on the pacing list never asked for T-2026-GMV")
	}
	d.send(cmd())
	if d.m.Active() != PaneTargets {
		t.Fatalf("active pane %d, want Targets", d.m.Active())
	}
	d.until("the tree of "+id, func() bool {
		v := d.m.View()
		return strings.Contains(v, id) && strings.Contains(v, "2026-01-01") && !strings.Contains(v, "splitting")
	}, 20*time.Second)
}

// TestSameHoursOfTheDayBefore: when the last day is today the full load
// works out the day before up to the same clock time; checked against a
// walk over every stored event (another path: ForEachEvent).
func TestSameHoursOfTheDayBefore(t *testing.T) {
	st := uitest.Store(t, 500)
	c := uitest.Common(st, i18n.Zh, 100, 30)
	today := model.DayOf(uitest.Now, uitest.Zone) // 2026-07-01, noon
	ev := model.Event{MemberID: "M00000001", Kind: model.KindLogin, At: uitest.Now.Add(-time.Hour), Channel: "APP"}
	if _, err := st.IngestEvents([]model.Event{ev}); err != nil {
		t.Fatal(err)
	}
	d, err := LoadDataset(c, 0, 30)
	if err != nil {
		t.Fatal(err)
	}
	if d.AsOf != today || d.SameHours == nil {
		t.Fatalf("as of %s, same hours %v", d.AsOf, d.SameHours)
	}
	cut := uitest.Now.AddDate(0, 0, -1)
	active, buyers := map[string]bool{}, map[string]bool{}
	var want common.SameHours
	err = st.ForEachEvent(func(e *model.Event) error {
		if model.DayOf(e.At, uitest.Zone) != today-1 || !e.At.Before(cut) {
			return nil
		}
		if e.Kind != model.KindRegister {
			active[e.MemberID] = true
		}
		if e.Kind == model.KindPurchase {
			buyers[e.MemberID] = true
			want.Orders++
			want.GMVFen += e.Amount
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want.DAU, want.Buyers, want.Until = int64(len(active)), int64(len(buyers)), cut
	got := *d.SameHours
	if !got.Until.Equal(want.Until) || got.DAU != want.DAU || got.Orders != want.Orders || got.GMVFen != want.GMVFen || got.Buyers != want.Buyers {
		t.Errorf("same hours %+v, want %+v", got, want)
	}
	full := d.Daily[len(d.Daily)-2] // the whole day before
	if want.DAU == 0 || want.DAU >= full.DAU {
		t.Fatalf("fixture: %d active by noon of %d that day", want.DAU, full.DAU)
	}
	// Yesterday's load has no day in progress.
	d2, err := LoadDataset(c, today-1, 30)
	if err != nil || d2.SameHours != nil {
		t.Errorf("pinned yesterday: same hours %v, %v", d2.SameHours, err)
	}
}
