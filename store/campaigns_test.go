package store

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
)

func cev(id string, k model.Kind, when string, amount int64, order, camp string) model.Event {
	e := ev(id, k, when, amount, order)
	e.CampaignID = camp
	return e
}

// TestCampaignRollupHandChecked stores attributed events over three batches,
// the last one bringing earlier events, duplicates and other campaigns, and
// checks the rollup against hand-counted results.
func TestCampaignRollupHandChecked(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.IngestMembers([]model.Member{member("A", "2026-01-01 10:00:00"), member("B", "2026-01-01 10:00:00"),
		member("C", "2026-01-01 10:00:00")}); err != nil {
		t.Fatal(err)
	}
	batches := [][]model.Event{
		{
			cev("A", model.KindBrowse, "2026-06-10 09:00:00", 0, "", "C1"),
			cev("A", model.KindPurchase, "2026-06-10 10:00:00", 12345, "o1", "C1"),
			cev("B", model.KindLogin, "2026-06-11 10:00:00", 0, "", "C1"),
			cev("B", model.KindPurchase, "2026-06-11 11:00:00", 5000, "o2", "C2"),
			ev("C", model.KindPurchase, "2026-06-11 12:00:00", 9999, "o3"), // not attributed
		},
		{
			cev("A", model.KindPurchase, "2026-06-12 10:00:00", 100, "o4", "C1"),
			cev("A", model.KindRefund, "2026-06-13 10:00:00", 100, "o4", "C1"),
			cev("B", model.KindPurchase, "2026-06-12 10:00:00", 700, "o5", "C1"),
			cev("A", model.KindPurchase, "2026-06-10 10:00:00", 12345, "o1", "C1"), // duplicate order
		},
		{
			cev("B", model.KindShare, "2026-06-09 10:00:00", 0, "", "C1"),      // B reached earlier than stored
			cev("C", model.KindRegister, "2026-06-09 10:00:00", 0, "", "C1"),   // a registration
			cev("A", model.KindBrowse, "2026-06-10 09:00:00", 0, "", "C1"),     // exact duplicate
			cev("B", model.KindPurchase, "2026-06-11 09:00:00", 1, "o6", "C1"), // B converted earlier than stored
		},
	}
	for _, b := range batches {
		if _, err := s.IngestEvents(b); err != nil {
			t.Fatal(err)
		}
	}
	c := model.Campaign{ID: "C1", SpendFen: 50000}
	r, days, err := s.CampaignResults(&c)
	if err != nil {
		t.Fatal(err)
	}
	// C1: reached A, B, C = 3; converted A, B = 2; GMV 12345 + 100 + 700 + 1 =
	// 13146; orders 4; registrations 1; refund 100; events 9 (browse, purchase,
	// login, purchase, refund, purchase, share, register, purchase).
	want := model.CampaignResults{Reached: 3, Converted: 2, Registrations: 1, Orders: 4, Events: 9, GMVFen: 13146,
		RefundFen: 100, SpendFen: 50000, ROI: model.Ratio{Num: 13146, Den: 50000}, CAC: model.Ratio{Num: 50000, Den: 1},
		ConversionRate: model.Ratio{Num: 2, Den: 3}, BudgetUsed: model.Ratio{Num: 50000}, FirstDay: day("2026-06-09"), LastDay: day("2026-06-13")}
	if r != want {
		t.Errorf("results %+v\nwant    %+v", r, want)
	}
	// First reach: B and C on 06-09, A on 06-10; first conversion: A 06-10, B 06-11.
	reached := map[model.Day]int64{}
	conv := map[model.Day]int64{}
	for _, d := range days {
		if d.NewReached != 0 {
			reached[d.Day] = d.NewReached
		}
		if d.NewConverted != 0 {
			conv[d.Day] = d.NewConverted
		}
	}
	if !reflect.DeepEqual(reached, map[model.Day]int64{day("2026-06-09"): 2, day("2026-06-10"): 1}) ||
		!reflect.DeepEqual(conv, map[model.Day]int64{day("2026-06-10"): 1, day("2026-06-11"): 1}) {
		t.Errorf("first days: reached %v converted %v", reached, conv)
	}
	r2, _, _ := s.CampaignResults(&model.Campaign{ID: "C2"})
	if r2.Reached != 1 || r2.Converted != 1 || r2.GMVFen != 5000 || r2.ROI.Valid() {
		t.Errorf("C2 %+v", r2)
	}
	// A prefix of another id is not mixed in.
	if r3, _, _ := s.CampaignResults(&model.Campaign{ID: "C"}); r3.Events != 0 {
		t.Errorf("C %+v", r3)
	}

	// A file from before the rollup: drop the buckets; reading falls back to
	// the events, and the next write rebuilds them; both agree.
	if err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bCampDaily); err != nil {
			return err
		}
		return tx.DeleteBucket(bCampMembers)
	}); err != nil {
		t.Fatal(err)
	}
	fb, fbDays, err := s.CampaignResults(&c)
	if err != nil || fb != want || !reflect.DeepEqual(fbDays, days) {
		t.Errorf("fallback %+v %v\nwant %+v", fb, err, want)
	}
	if _, err := s.IngestEvents([]model.Event{cev("C", model.KindPurchase, "2026-06-14 10:00:00", 200, "o7", "C1")}); err != nil {
		t.Fatal(err)
	}
	rb, _, _ := s.CampaignResults(&c)
	want.Converted, want.Orders, want.Events, want.GMVFen, want.LastDay = 3, 5, 10, 13346, day("2026-06-14")
	want.ROI, want.ConversionRate = model.Ratio{Num: 13346, Den: 50000}, model.Ratio{Num: 3, Den: 3}
	if rb != want {
		t.Errorf("rebuilt %+v\nwant    %+v", rb, want)
	}
}

func TestAudienceIndexAndCap(t *testing.T) {
	s, _ := openTemp(t)
	ms := []model.Member{member("A", "2026-01-01 10:00:00"), member("B", "2026-01-01 10:00:00"),
		member("C", "2026-01-01 10:00:00"), member("D", "2026-07-01 10:00:00")}
	ms[0].Tags, ms[0].Birthday = []string{"宝妈"}, "06-15"
	ms[1].Consent = false
	ms[2].Channel, ms[2].Birthday = "门店", "1990-06-20"
	if _, err := s.IngestMembers(ms); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IngestEvents([]model.Event{ev("A", model.KindPurchase, "2026-05-01 10:00:00", 1000, "o1"),
		ev("A", model.KindLogin, "2026-06-01 10:00:00", 0, "")}); err != nil {
		t.Fatal(err)
	}
	asOf := day("2026-06-10")
	a, err := s.Analyze(model.DefaultRules(), model.Window{From: asOf - 29, To: asOf})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	bd, err := s.LoadBirthdays()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(bd, []model.MonthDay{6*32 + 15, 0, 6*32 + 20, 0}) {
		t.Errorf("birthdays %v", bd)
	}
	ix := NewAudienceIndex(a, p, bd)
	camp := func(aud model.Audience, start, end string, ch ...string) model.Campaign {
		return model.Campaign{ID: start + aud.Tags[0], Audience: aud, Start: day(start), End: day(end), Channels: ch}
	}
	// A: growth (1 purchase, active 06-01); B: no consent; C: silent? registered
	// 01-01 with no events: inactive 160 days, churned; D: not yet registered.
	for _, tc := range []struct {
		aud  model.Audience
		want int64
	}{
		{model.Audience{}, 2},
		{model.Audience{Stages: []model.Stage{model.StageGrowth}}, 1},
		{model.Audience{Stages: []model.Stage{model.StageChurned}}, 1},
		{model.Audience{Tags: []string{"宝妈"}}, 1},
		{model.Audience{Channels: []string{"门店"}}, 1},
		{model.Audience{Birthday: true}, 1}, // 06-15 in 06-10..06-16; 06-20 not
	} {
		c := model.Campaign{Audience: tc.aud, Start: day("2026-06-10"), End: day("2026-06-16")}
		if got := ix.Size(&c); got != tc.want {
			t.Errorf("%+v: size %d, want %d", tc.aud, got, tc.want)
		}
	}
	// Three live one-channel campaigns for everyone: the third is over the cap.
	all := model.Audience{Tags: nil}
	cs := []model.Campaign{
		{ID: "X1", Audience: all, Start: day("2026-06-01"), End: day("2026-06-20"), Channels: []string{"sms"}},
		{ID: "X2", Audience: all, Start: day("2026-06-05"), End: day("2026-06-20"), Channels: []string{"sms"}},
		{ID: "X3", Audience: all, Start: day("2026-06-08"), End: day("2026-06-20"), Channels: []string{"sms"}},
	}
	f := ix.Fatigue(model.FatigueCandidates(cs, asOf))
	if f.OverCap != 2 || len(f.Conflicts) != 1 || f.Conflicts[0].Members != 2 {
		t.Errorf("fatigue %+v", f)
	}
	h := ix.CappedAudience(cs, cs[2], asOf, false)
	if h.Audience != 2 || h.OverCap != 2 || len(h.Seqs) != 0 {
		t.Errorf("capped X3 %+v", h)
	}
	h = ix.CappedAudience(cs, cs[0], asOf, false)
	if h.Audience != 2 || h.OverCap != 0 || !reflect.DeepEqual(h.Seqs, []uint32{0, 2}) {
		t.Errorf("capped X1 %+v", h)
	}
	if h = ix.CappedAudience(cs, cs[2], asOf, true); len(h.Seqs) != 2 {
		t.Errorf("ignore cap %+v", h)
	}
	_ = camp
	mv, err := s.AudienceMovement([]uint32{0, 2}, model.Window{From: day("2026-04-25"), To: day("2026-05-04")},
		model.Window{From: day("2026-05-05"), To: day("2026-05-14")})
	if err != nil || mv.Members != 2 || mv.BeforeAct != (model.PeriodActivity{Buyers: 1, GMVFen: 1000}) || mv.DuringAct.Buyers != 0 {
		t.Errorf("movement %+v %v", mv, err)
	}
}

// BenchmarkCampaigns measures what the Campaigns pane and `campaign show`
// compute, on the fixed-seed sample (100,000 members unless
// COCKPIT_BENCH_MEMBERS says otherwise), once the analysis, profiles and
// birthdays are loaded (outside the timing). Budgets at 1,000,000 members:
// audience size ≤ 50 ms, results ≤ 50 ms, overlap of 10 live campaigns ≤
// 200 ms. Each sub-benchmark reports cpu-ms/op beside ns/op.
func BenchmarkCampaigns(b *testing.B) {
	n := benchMembers(b)
	s := sampleStore(b, n)
	a, err := s.Analyze(model.DefaultRules(), model.Window{From: sampleEnd - 29, To: sampleEnd})
	if err != nil {
		b.Fatal(err)
	}
	p, err := s.LoadProfiles()
	if err != nil {
		b.Fatal(err)
	}
	bd, err := s.LoadBirthdays()
	if err != nil {
		b.Fatal(err)
	}
	ix := NewAudienceIndex(a, p, bd)
	live := model.Window{From: sampleEnd - 5, To: sampleEnd + 10}
	camp := func(id string, aud model.Audience, ch ...string) model.Campaign {
		return model.Campaign{ID: id, Audience: aud, Start: live.From, End: live.To, Channels: ch}
	}
	// ns/op is wall time; cpu-ms/op the CPU time spent, which a machine
	// shared with other work inflates much less.
	var c0 time.Duration
	ms := func(b *testing.B, _ time.Time) {
		b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	}
	audiences := map[string]model.Audience{
		"everyone": {},
		"stage":    {Stages: []model.Stage{model.StageSilent}},
		"tags":     {Tags: []string{"白领", "宝妈"}},
		"combined": {Stages: []model.Stage{model.StageGrowth, model.StageMaturity}, Tiers: []model.Tier{model.TierSilver, model.TierGold},
			Segments: []model.Segment{model.ImportantValue, model.GeneralValue}, Channels: []string{"小程序"}, Birthday: true},
	}
	name := "members=" + strconv.Itoa(n)
	for k, aud := range audiences {
		c := camp("X", aud)
		b.Run("audience-size/"+k+"/"+name, func(b *testing.B) {
			var size int64
			start := time.Now()
			c0 = cpuTime()
			for b.Loop() {
				size = ix.Size(&c)
			}
			ms(b, start)
			b.ReportMetric(float64(size), "members")
		})
	}
	// The campaign with the most attributed days and events.
	var best model.Campaign
	var most int64
	for _, c := range sample.Campaigns(sample.Config{Members: n, Seed: 7, End: sampleEnd, Loc: shanghai}) {
		r, _, err := s.CampaignResults(&c)
		if err != nil {
			b.Fatal(err)
		}
		if r.Events > most {
			best, most = c, r.Events
		}
	}
	b.Run("results/"+name, func(b *testing.B) {
		start := time.Now()
		c0 = cpuTime()
		for b.Loop() {
			if _, _, err := s.CampaignResults(&best); err != nil {
				b.Fatal(err)
			}
		}
		ms(b, start)
		b.ReportMetric(float64(most), "events")
	})
	var ten []model.Campaign
	stages := []model.Stage{model.StageIntroduction, model.StageGrowth, model.StageMaturity, model.StageSilent, model.StageChurned}
	for i := range 10 {
		aud := model.Audience{Stages: []model.Stage{stages[i%5], stages[(i+1)%5]}}
		if i%3 == 0 {
			aud.Tags = []string{"白领"}
		}
		ten = append(ten, camp(fmt.Sprintf("L%d", i), aud, model.CampaignChannels[:1+i%3]...))
	}
	b.Run("overlap-10-live/"+name, func(b *testing.B) {
		var f model.Fatigue
		start := time.Now()
		c0 = cpuTime()
		for b.Loop() {
			f = ix.Fatigue(ten)
		}
		ms(b, start)
		b.ReportMetric(float64(f.OverCap), "over-cap")
	})
}

// TestAudienceOnSavedSegment: a campaign's audience naming a saved segment is
// its consenting members as of the day, with the other filters; a name is
// found like an id unless two segments share it; a deleted segment is empty.
func TestAudienceOnSavedSegment(t *testing.T) {
	s, _ := openTemp(t)
	ms := []model.Member{member("A", "2026-01-01 10:00:00"), member("B", "2026-01-01 10:00:00"),
		member("C", "2026-01-01 10:00:00"), member("D", "2026-07-01 10:00:00")}
	ms[1].Consent = false
	ms[2].Channel = "门店"
	if _, err := s.IngestMembers(ms); err != nil {
		t.Fatal(err)
	}
	ed := Actor{Name: "ed", Role: Editor}
	// A, B (no consent), C, D (not registered by the day) and an unknown id.
	id1, err := s.PutSegment(ed, model.SavedSegment{Name: "四人", MemberIDs: []string{"A", "B", "C", "D", "Z"}})
	if err != nil {
		t.Fatal(err)
	}
	id2, _ := s.PutSegment(ed, model.SavedSegment{Name: "同名", MemberIDs: []string{"C"}})
	s.PutSegment(ed, model.SavedSegment{Name: "同名", MemberIDs: []string{"A"}})
	if seg, err := s.FindSegment("四人"); err != nil || seg.ID != id1 {
		t.Errorf("by name: %+v %v", seg, err)
	}
	if seg, err := s.FindSegment(id2); err != nil || seg.ID != id2 {
		t.Errorf("by id: %+v %v", seg, err)
	}
	if _, err := s.FindSegment("同名"); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("shared name: %v", err)
	}
	if _, err := s.FindSegment("无"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown: %v", err)
	}
	if seg, seqs, err := s.SegmentSeqs(id1); err != nil || seg.Name != "四人" || !reflect.DeepEqual(seqs, []uint32{0, 1, 2, 3}) {
		t.Errorf("seqs %v %v", seqs, err)
	}
	asOf := day("2026-06-10")
	a, err := s.Analyze(model.DefaultRules(), model.Window{From: asOf - 29, To: asOf})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	sets, err := s.SegmentSets()
	if err != nil || len(sets) != 3 {
		t.Fatalf("sets %v %v", sets, err)
	}
	ix := NewAudienceIndex(a, p, nil).WithSegments(sets)
	for _, tc := range []struct {
		aud  model.Audience
		want []uint32
	}{
		{model.Audience{Segment: id1}, []uint32{0, 2}},
		{model.Audience{Segment: id1, Channels: []string{"门店"}}, []uint32{2}},
		{model.Audience{Segment: id2}, []uint32{2}},
		{model.Audience{Segment: "S-gone"}, nil},
	} {
		c := model.Campaign{Audience: tc.aud, Start: asOf, End: asOf + 6}
		if got := model.AudienceMembers(ix, ix.CampaignMatcher(&c)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.aud, got, tc.want)
		}
		if got := ix.Size(&c); got != int64(len(tc.want)) {
			t.Errorf("%+v: size %d", tc.aud, got)
		}
	}
	// Without the sets (an index that was not given them) nobody matches.
	c := model.Campaign{Audience: model.Audience{Segment: id1}, Start: asOf, End: asOf}
	if n := NewAudienceIndex(a, p, nil).Size(&c); n != 0 {
		t.Errorf("unresolved segment: %d", n)
	}
}
