package store

import (
	"reflect"
	"testing"

	"github.com/memberops/cockpit/model"
)

// TestBreakdownWholeIsSnapshot: on the sample, every dimension's parts add
// up to the whole, which is the snapshot's KPIs, split in parts or not.
func TestBreakdownWholeIsSnapshot(t *testing.T) {
	s := sampleStore(t, 3000)
	in, err := s.Info()
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	r := model.DefaultRules()
	for _, w := range []model.Window{{From: in.LastDay - 29, To: in.LastDay}, {From: in.LastDay - 200, To: in.LastDay - 100}} {
		snap, err := s.Snapshot(r, w)
		if err != nil {
			t.Fatal(err)
		}
		for dim := model.Dimension(0); dim < model.NumDimensions; dim++ {
			var first model.Breakdown
			for _, parts := range []int{1, 3} {
				b, err := s.breakdown(r, w, dim, p.ChannelID, parts)
				if err != nil {
					t.Fatal(err)
				}
				if b.Whole != snap.KPIs {
					t.Fatalf("%v by %v: whole %+v\nsnapshot %+v", w, dim, b.Whole, snap.KPIs)
				}
				var members, gmv, orders int64
				for _, pt := range b.Parts {
					members += pt.KPIs.MembersTotal
					gmv += pt.KPIs.GMVFen
					orders += pt.KPIs.Orders
				}
				if members != snap.KPIs.MembersTotal || gmv != snap.KPIs.GMVFen || orders != snap.KPIs.Orders {
					t.Fatalf("%v by %v: parts do not add up", w, dim)
				}
				if parts == 1 {
					first = b
				} else if !reflect.DeepEqual(b.Whole, first.Whole) || len(b.Parts) != len(first.Parts) {
					t.Fatalf("%v by %v: split scan differs", w, dim)
				}
			}
			switch dim {
			case model.ByStage:
				for i, pt := range first.Parts {
					if pt.KPIs.MembersTotal != snap.Stages[i] {
						t.Fatalf("stage part %d has %d members, snapshot %d", i, pt.KPIs.MembersTotal, snap.Stages[i])
					}
				}
			case model.ByTier:
				for i, pt := range first.Parts {
					if pt.KPIs.MembersTotal != snap.Tiers[i] {
						t.Fatalf("tier part %d has %d members, snapshot %d", i, pt.KPIs.MembersTotal, snap.Tiers[i])
					}
				}
			case model.ByChannel:
				if len(first.Parts) != len(p.Channels())+1 {
					t.Fatalf("%d channel parts for %d channels", len(first.Parts), len(p.Channels()))
				}
			}
		}
	}
}

// TestBreakdownWithPrevious: one scan gives the two breakdowns.
func TestBreakdownWithPrevious(t *testing.T) {
	s := sampleStore(t, 3000)
	in, _ := s.Info()
	w := model.Window{From: in.LastDay - 29, To: in.LastDay}
	prev := model.Window{From: w.From - 30, To: w.From - 1}
	p, _ := s.LoadProfiles()
	for dim := model.Dimension(0); dim < model.NumDimensions; dim++ {
		cur, before, err := s.BreakdownWithPrevious(model.DefaultRules(), w, prev, dim, p.ChannelID)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := s.Breakdown(model.DefaultRules(), w, dim, p.ChannelID)
		b, _ := s.Breakdown(model.DefaultRules(), prev, dim, p.ChannelID)
		if !reflect.DeepEqual(cur, a) || !reflect.DeepEqual(before, b) {
			t.Fatalf("by %v: differs from two scans", dim)
		}
	}
}

// TestInsightSplitEqualsOnePass: the store's parallel scan gives what one
// model pass over ForEachHistory gives.
func TestInsightSplitEqualsOnePass(t *testing.T) {
	s := sampleStore(t, 3000)
	in, err := s.Info()
	if err != nil {
		t.Fatal(err)
	}
	cfg := model.DefaultInsightConfig(in.LastDay)
	c := model.NewInsightCalc(cfg)
	if err := s.ForEachHistory(func(seq uint32, h *model.MemberHistory) error { c.Add(seq, h); return nil }); err != nil {
		t.Fatal(err)
	}
	want := c.Result()
	for _, parts := range []int{1, 2, 5} {
		got, err := s.insight(cfg, parts)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("parts %d: insight differs", parts)
		}
	}
	if len(want.TierRisk) == 0 || len(want.NearUpgrade) == 0 || want.Points.Outstanding == 0 || want.Cohorts.Rows[0].Size == 0 {
		t.Fatalf("the sample should exercise every list: risk %d near %d outstanding %d",
			len(want.TierRisk), len(want.NearUpgrade), want.Points.Outstanding)
	}
}

// TestAnalyzeWithInsight: the insight computed in the analysis scan is the
// one of Store.Insight as of the window's end.
func TestAnalyzeWithInsight(t *testing.T) {
	s := sampleStore(t, 3000)
	in, err := s.Info()
	if err != nil {
		t.Fatal(err)
	}
	w := model.Window{From: in.LastDay - 29, To: in.LastDay}
	cfg := model.DefaultInsightConfig(0)
	a, prev, err := s.AnalyzeWithInsight(model.DefaultRules(), w, model.Window{From: w.From - 30, To: w.From - 1}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.AsOf = w.To
	want, err := s.insight(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Insight, want) {
		t.Fatal("insight of the analysis differs")
	}
	plain, wantPrev, _ := s.AnalyzeWithPrevious(model.DefaultRules(), w, model.Window{From: w.From - 30, To: w.From - 1})
	if plain.Insight != nil || !reflect.DeepEqual(plain.Snapshot, a.Snapshot) || !reflect.DeepEqual(prev, wantPrev) {
		t.Fatal("the rest of the analysis changed")
	}
}

func TestChannelIndexMatchesProfiles(t *testing.T) {
	s := profilePopulation(t)
	ids, names, err := s.ChannelIndex()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.LoadProfiles()
	if !reflect.DeepEqual(names, p.Channels()) || len(ids) != p.Len() {
		t.Fatalf("names %q ids %v", names, ids)
	}
	for seq := range ids {
		if int(ids[seq]) != p.ChannelID(uint32(seq)) {
			t.Fatalf("seq %d: %d, profiles %d", seq, ids[seq], p.ChannelID(uint32(seq)))
		}
	}
}
