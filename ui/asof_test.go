package ui

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
)

// One event dated 2099 must not move the cockpit's default as-of day past
// today (issue 11, point 8): the loader follows the same rule as `kpi`.
func TestDefaultAsOfNeverAfterToday(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	st, err := store.Open(filepath.Join(t.TempDir(), "c.db"), store.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg := time.Date(2026, 1, 1, 10, 0, 0, 0, loc)
	if _, err := st.IngestMembers([]model.Member{{ID: "A", RegisteredAt: reg}}); err != nil {
		t.Fatal(err)
	}
	evs := []model.Event{{MemberID: "A", Kind: model.KindLogin, At: time.Date(2026, 6, 1, 10, 0, 0, 0, loc)}}
	if _, err := st.IngestEvents(evs); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, loc)
	info, _ := st.Info()
	if got := asOfFor(loadParams{latest: true}, info, now, st); got != model.CivilDay(2026, 6, 1) {
		t.Errorf("as of %v, want the last event's day", got)
	}
	evs[0].At = time.Date(2099, 1, 1, 10, 0, 0, 0, loc)
	if _, err := st.IngestEvents(evs); err != nil {
		t.Fatal(err)
	}
	info, _ = st.Info()
	if got := asOfFor(loadParams{latest: true}, info, now, st); got != model.CivilDay(2026, 12, 2) {
		t.Errorf("as of %v, want today", got)
	}
}
