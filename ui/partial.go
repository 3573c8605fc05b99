package ui

import (
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
)

// A day in progress
//
// When the data's last day is today (a live feed), its rollup holds only
// the hours so far. Comparing it with the whole day before reads as a
// collapse a minute after midnight or after a start. The full load
// therefore also works out the day before up to the same time of day (the
// daily rollups have no hours): the members active the day before, found
// in their summaries, and their events of that day, read member by member
// (a few reads each). It costs one more pass over the summaries and one
// read per member active the day before, and runs only while the last day
// is today.

// sameHours returns the day before today, up to the clock time of now, as
// a rollup (DAU, orders, GMV, buyers; the other fields stay 0), or nil when
// the as-of day is not today.
func sameHours(st *store.Store, asOf model.Day, now time.Time) (*common.SameHours, error) {
	loc := st.Location()
	now = now.In(loc)
	if model.DayOf(now, loc) != asOf {
		return nil, nil
	}
	yesterday := asOf - 1
	y, m, d := yesterday.Time(loc).Date()
	cut := time.Date(y, m, d, now.Hour(), now.Minute(), now.Second(), now.Nanosecond(), loc)
	var seqs []uint32
	err := st.ForEachHistory(func(seq uint32, h *model.MemberHistory) error {
		for i := len(h.Days) - 1; i >= 0 && h.Days[i].Day >= yesterday; i-- {
			if h.Days[i].Day == yesterday {
				seqs = append(seqs, seq)
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := &common.SameHours{Until: cut}
	for _, seq := range seqs {
		evs, err := st.MemberEvents(seq, 0)
		if err != nil {
			return nil, err
		}
		active, bought := false, false
		for i := range evs {
			e := &evs[i]
			if model.DayOf(e.At, loc) != yesterday || !e.At.Before(cut) {
				continue
			}
			if e.Kind != model.KindRegister {
				active = true
			}
			if e.Kind == model.KindPurchase {
				bought = true
				out.Orders++
				out.GMVFen += e.Amount
			}
		}
		if active {
			out.DAU++
		}
		if bought {
			out.Buyers++
		}
	}
	return out, nil
}
