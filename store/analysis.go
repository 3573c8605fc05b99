package store

import "github.com/memberops/cockpit/model"

// Analysis is everything the Lifecycle and Members panes need, computed in one
// scan of the member summaries: the snapshot, the stage flow over the window
// and a compact per-member index (stage, tier, RFM group, spend …) that tables
// filter and sort without touching the database again.
type Analysis struct {
	Snapshot model.Snapshot
	// Flow[from][to] counts members by stage at Window.From−1 (row; row
	// model.NumStages = not registered yet) and stage at Window.To (column).
	Flow [model.NumStages + 1][model.NumStages]int64
	// Members has one entry per member existing at Window.To, in seq order.
	Members []IndexEntry
}

// IndexEntry is one member's evaluated state at the end of the window.
type IndexEntry struct {
	Seq        uint32
	Stage      model.Stage
	Tier       model.Tier
	Segment    int8 // a model.Segment, or -1 for members without a purchase
	SpendFen   int64
	LastActive model.Day
	Reg        model.Day
	Growth     int64
}

// Analyze scans every member summary once and returns the analysis of w.
func (s *Store) Analyze(r model.Rules, w model.Window) (*Analysis, error) {
	a := &Analysis{}
	c := model.NewCalc(r, w)
	type rfm struct{ r, f, m int64 }
	var buyers []rfm
	err := s.ForEachHistory(func(seq uint32, h *model.MemberHistory) error {
		st, ok := c.Add(h)
		if !ok {
			return nil
		}
		from := model.Stage(model.NumStages)
		if h.Reg <= w.From-1 {
			from = r.Evaluate(h, w.From-1).Stage
		}
		a.Flow[from][st.Stage]++
		e := IndexEntry{Seq: seq, Stage: st.Stage, Tier: st.Tier, Segment: -1, SpendFen: st.SpendFen,
			LastActive: st.LastActive, Reg: h.Reg, Growth: st.Growth}
		a.Members = append(a.Members, e)
		if st.Purchases > 0 {
			buyers = append(buyers, rfm{int64(w.To - st.LastPurchase), st.Purchases, st.SpendFen})
		} else {
			buyers = append(buyers, rfm{-1, 0, 0})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	a.Snapshot = c.Result()
	for i := range a.Members {
		if b := buyers[i]; b.r >= 0 {
			a.Members[i].Segment = int8(a.Snapshot.Means.Segment(b.r, b.f, b.m))
		}
	}
	return a, nil
}
