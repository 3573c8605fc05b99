package store

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"
	"unsafe"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
)

// handPopulation stores five members whose stages, flow and RFM groups over
// June 2026 are worked out by hand in TestAnalyzeHandChecked, plus one
// registered after the window.
func handPopulation(t *testing.T) *Store {
	t.Helper()
	s, _ := openTemp(t)
	ms := []model.Member{
		member("A", "2026-01-01 10:00:00"),
		member("B", "2026-03-01 10:00:00"),
		member("C", "2026-06-15 09:00:00"),
		member("D", "2026-07-05 10:00:00"), // after the window: not a member yet
		member("E", "2026-02-01 10:00:00"),
		member("F", "2026-05-01 10:00:00"),
	}
	if _, err := s.IngestMembers(ms); err != nil {
		t.Fatal(err)
	}
	evs := []model.Event{
		ev("A", model.KindPurchase, "2026-01-05 12:00:00", 10000, "OA1"),
		ev("B", model.KindLogin, "2026-05-20 08:00:00", 0, ""),
		ev("B", model.KindPurchase, "2026-06-10 12:00:00", 30000, "OB1"),
		ev("C", model.KindPurchase, "2026-06-15 12:00:00", 80000, "OC1"),
		ev("D", model.KindPurchase, "2026-07-06 12:00:00", 90000, "OD1"),
		ev("E", model.KindPurchase, "2026-04-01 12:00:00", 5000, "OE1"),
		ev("E", model.KindPurchase, "2026-04-02 12:00:00", 5000, "OE2"),
		ev("E", model.KindPurchase, "2026-04-03 12:00:00", 5000, "OE3"),
		ev("F", model.KindLogin, "2026-05-02 08:00:00", 0, ""),
	}
	if _, err := s.IngestEvents(evs); err != nil {
		t.Fatal(err)
	}
	return s
}

var june = model.Window{From: day("2026-06-01"), To: day("2026-06-30")}

// TestAnalyzeHandChecked: window June 2026, stage at 05-31 (row) → 06-30.
//
//	A reg 01-01, bought 01-05 (100 yuan): inactive 146 → 176 days: churned → churned
//	B reg 03-01, login 05-20, bought 06-10 (300): introduction (11 days) → growth
//	C reg 06-15, bought 06-15 (800 > 500): new → maturity
//	D reg 07-05: not a member at 06-30
//	E reg 02-01, 3 purchases 04-01…04-03 (150): inactive 58 → 88: silent → silent
//	F reg 05-01, login 05-02: introduction (29 days) → silent (59 days)
//
// Buyers A, B, C, E: R = 176, 20, 15, 88 (ΣR 299, R̄ 74.75); F = 1, 1, 1, 3
// (ΣF 6, F̄ 1.5); M = 10000, 30000, 80000, 15000 fen (ΣM 135000, M̄ 33750).
// A: R low F low M low → general_retain; B: high low low → general_develop;
// C: high low high → important_develop; E: low high low → general_keep.
// Growth = 100 for registering in the year + floor(yuan) bought.
func TestAnalyzeHandChecked(t *testing.T) {
	s := handPopulation(t)
	for _, parts := range []int{0, 1, 2, 3, 7} {
		a, _, err := s.analyze(model.DefaultRules(), june, nil, parts)
		if err != nil {
			t.Fatal(err)
		}
		var want [model.NumStages + 1][model.NumStages]int64
		want[model.StageChurned][model.StageChurned] = 1
		want[model.StageIntroduction][model.StageGrowth] = 1
		want[FlowNew][model.StageMaturity] = 1
		want[model.StageSilent][model.StageSilent] = 1
		want[model.StageIntroduction][model.StageSilent] = 1
		if a.Flow != want {
			t.Errorf("parts %d: flow = %v, want %v", parts, a.Flow, want)
		}
		seg := func(s model.Segment) int8 { return int8(s) }
		wantMembers := []IndexEntry{
			{Seq: 0, Stage: model.StageChurned, Tier: model.TierRegular, Segment: seg(model.GeneralRetain), Prev: int8(model.StageChurned),
				LastActive: day("2026-01-05"), Reg: day("2026-01-01"), LastPurchase: day("2026-01-05"), Purchases: 1, SpendFen: 10000, Growth: 200},
			{Seq: 1, Stage: model.StageGrowth, Segment: seg(model.GeneralDevelop), Prev: int8(model.StageIntroduction),
				LastActive: day("2026-06-10"), Reg: day("2026-03-01"), LastPurchase: day("2026-06-10"), Purchases: 1, SpendFen: 30000, Growth: 400},
			{Seq: 2, Stage: model.StageMaturity, Segment: seg(model.ImportantDevelop), Prev: int8(FlowNew),
				LastActive: day("2026-06-15"), Reg: day("2026-06-15"), LastPurchase: day("2026-06-15"), Purchases: 1, SpendFen: 80000, Growth: 900},
			{Seq: 4, Stage: model.StageSilent, Segment: seg(model.GeneralKeep), Prev: int8(model.StageSilent),
				LastActive: day("2026-04-03"), Reg: day("2026-02-01"), LastPurchase: day("2026-04-03"), Purchases: 3, SpendFen: 15000, Growth: 250},
			{Seq: 5, Stage: model.StageSilent, Segment: -1, Prev: int8(model.StageIntroduction),
				LastActive: day("2026-05-02"), Reg: day("2026-05-01"), Growth: 100},
		}
		if !reflect.DeepEqual(a.Members, wantMembers) {
			t.Errorf("parts %d: members\n got %+v\nwant %+v", parts, a.Members, wantMembers)
		}
		sn := a.Snapshot
		if sn.Stages != [model.NumStages]int64{0, 1, 1, 2, 1} || sn.KPIs.MembersTotal != 5 {
			t.Errorf("parts %d: stages %v total %d", parts, sn.Stages, sn.KPIs.MembersTotal)
		}
		if sn.Means != (model.RFMMeans{N: 4, SumR: 299, SumF: 6, SumM: 135000}) {
			t.Errorf("parts %d: means %+v", parts, sn.Means)
		}
		var rfm [model.NumSegments]int64
		rfm[model.GeneralRetain], rfm[model.GeneralDevelop], rfm[model.ImportantDevelop], rfm[model.GeneralKeep] = 1, 1, 1, 1
		if sn.RFM != rfm {
			t.Errorf("parts %d: rfm %v, want %v", parts, sn.RFM, rfm)
		}
	}
}

// TestAnalyzeAgreesWithEvaluate checks the analysis of the sample against the
// model's per-member rules and the plain snapshot, whole and split in parts.
func TestAnalyzeAgreesWithEvaluate(t *testing.T) {
	s := sampleStore(t, 3000)
	in, err := s.Info()
	if err != nil {
		t.Fatal(err)
	}
	r := model.DefaultRules()
	for _, w := range []model.Window{
		{From: in.LastDay - 29, To: in.LastDay},
		{From: in.LastDay - 200, To: in.LastDay - 100},
	} {
		snap, err := s.Snapshot(r, w)
		if err != nil {
			t.Fatal(err)
		}
		single, _, err := s.analyze(r, w, nil, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(single.Snapshot, snap) {
			t.Errorf("window %v: snapshot differs from Store.Snapshot", w)
		}
		var flowSum int64
		for _, row := range single.Flow {
			for _, c := range row {
				flowSum += c
			}
		}
		var wantFlow [model.NumStages + 1][model.NumStages]int64
		var segs [model.NumSegments]int64
		i := 0
		err = s.ForEachHistory(func(seq uint32, h *model.MemberHistory) error {
			if h.Reg > w.To {
				return nil
			}
			e := single.Members[i]
			i++
			st := r.Evaluate(h, w.To)
			from := FlowNew
			if h.Reg < w.From {
				from = int(r.Evaluate(h, w.From-1).Stage)
			}
			wantFlow[from][st.Stage]++
			wantSeg := int8(-1)
			if st.Purchases > 0 {
				sg := snap.Means.Segment(int64(w.To-st.LastPurchase), st.Purchases, st.SpendFen)
				wantSeg = int8(sg)
				segs[sg]++
			}
			want := IndexEntry{Seq: seq, Stage: st.Stage, Tier: st.Tier, Segment: wantSeg, Prev: int8(from), LastActive: st.LastActive,
				Reg: h.Reg, LastPurchase: st.LastPurchase, Purchases: uint32(st.Purchases), SpendFen: st.SpendFen, Growth: st.Growth}
			if e != want {
				t.Fatalf("window %v seq %d: entry %+v, want %+v", w, seq, e, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if i != len(single.Members) || int64(i) != snap.KPIs.MembersTotal || flowSum != snap.KPIs.MembersTotal {
			t.Errorf("window %v: %d entries, %d members, flow sums to %d", w, len(single.Members), snap.KPIs.MembersTotal, flowSum)
		}
		if single.Flow != wantFlow {
			t.Errorf("window %v: flow %v, want %v", w, single.Flow, wantFlow)
		}
		if segs != snap.RFM {
			t.Errorf("window %v: index segments %v, snapshot %v", w, segs, snap.RFM)
		}
		for _, p := range []int{2, 3, 5} {
			prevW := model.Window{From: w.From - 30, To: w.From - 1}
			split, prev, err := s.analyze(r, w, &prevW, p)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(split, single) {
				t.Errorf("window %v: %d parts differ from one", w, p)
			}
			if wantPrev, _ := s.Snapshot(r, prevW); !reflect.DeepEqual(prev, wantPrev) {
				t.Errorf("window %v: the previous window's snapshot differs from Store.Snapshot", w)
			}
		}
	}
}

// TestIndexEntrySize: the index of a million members stays at 40 MB, and a
// profile record at 32 bytes.
func TestIndexEntrySize(t *testing.T) {
	if n := unsafe.Sizeof(IndexEntry{}); n != 40 {
		t.Errorf("IndexEntry is %d bytes", n)
	}
	if n := unsafe.Sizeof(profileRec{}); n != 32 {
		t.Errorf("profileRec is %d bytes", n)
	}
}

// TestStageBeforeMatchesEvaluate compares the backward walk with the rule on
// random histories.
func TestStageBeforeMatchesEvaluate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := model.DefaultRules()
	to := day("2026-06-30")
	for n := 0; n < 5000; n++ {
		h := model.MemberHistory{Reg: to - model.Day(rng.IntN(500))}
		d := h.Reg - 20 + model.Day(rng.IntN(40))
		for k := rng.IntN(12); k > 0; k-- {
			a := h.Activity(h.Reg - 10 + model.Day(rng.IntN(560)))
			switch rng.IntN(4) {
			case 0:
				a.Add(model.KindPurchase, int64(rng.IntN(40000)))
			case 1:
				a.Add(model.KindRefund, int64(rng.IntN(20000)))
			case 2:
				a.Add(model.KindLogin, 0)
			}
		}
		for _, d := range []model.Day{d, to - 30, to - 1, to - 200} {
			if d < h.Reg || d >= to {
				continue
			}
			st := r.Evaluate(&h, to)
			if got, want := stageBefore(r, &h, &st, d, to), r.Evaluate(&h, d).Stage; got != want {
				t.Fatalf("history %+v at %v: %v, want %v", h, d, got, want)
			}
		}
	}
}

// benchMembers is the population of the Analyze benchmark: 100,000 members
// unless COCKPIT_BENCH_MEMBERS asks for another number (the budget is stated
// at 1,000,000; building that store takes a few minutes, so it is opt-in).
func benchMembers(b *testing.B) int {
	if v := os.Getenv("COCKPIT_BENCH_MEMBERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("COCKPIT_BENCH_MEMBERS=%q: want a positive number", v)
		}
		return n
	}
	return 100_000
}

var sampleEnd = model.CivilDay(2026, time.June, 30)

// sampleStore fills a store in the test's temp dir with the fixed-seed sample
// through the ingest path, in batches.
func sampleStore(tb testing.TB, members int) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "sample.db"), Options{Location: shanghai})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	start := time.Now()
	var ms []model.Member
	var evs []model.Event
	flush := func() error {
		if len(ms) > 0 {
			if _, err := s.IngestMembers(ms); err != nil {
				return err
			}
			ms = ms[:0]
		}
		if len(evs) > 0 {
			if _, err := s.IngestEvents(evs); err != nil {
				return err
			}
			evs = evs[:0]
		}
		return nil
	}
	err = sample.Generate(sample.Config{Members: members, Seed: 7, End: sampleEnd, Loc: shanghai},
		func(m *model.Member) error {
			ms = append(ms, *m)
			if len(ms) >= 100_000 {
				return flush()
			}
			return nil
		}, func(e *model.Event) error {
			if len(ms) > 0 {
				if err := flush(); err != nil {
					return err
				}
			}
			evs = append(evs, *e)
			if len(evs) >= 500_000 {
				return flush()
			}
			return nil
		})
	if err == nil {
		err = flush()
	}
	if err != nil {
		tb.Fatal(err)
	}
	in, _ := s.Info()
	tb.Logf("built a store of %d members and %d events in %v", in.Members, in.Events, time.Since(start).Round(time.Millisecond))
	return s
}

// BenchmarkAnalyze measures the whole stage/tier/RFM/KPI recompute with the
// flow and the per-member index, on the fixed-seed sample (budget: ≤ 300 ms
// at 1,000,000 members on 2 cores). The store is built once, outside the
// timing; cpu-ms/op is the CPU time spent, which a busy machine does not
// inflate as it does ns/op. LoadProfiles is measured on the same store,
// with its memory (MB) reported.
func BenchmarkAnalyze(b *testing.B) {
	n := benchMembers(b)
	s := sampleStore(b, n)
	w := model.Window{From: sampleEnd - 29, To: sampleEnd}
	r := model.DefaultRules()
	name := "members=" + strconv.Itoa(n)
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		c0 := cpuTime()
		for b.Loop() {
			if _, err := s.Analyze(r, w); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	})
	b.Run("with-previous/"+name, func(b *testing.B) {
		c0 := cpuTime()
		prev := model.Window{From: w.From - 30, To: w.From - 1}
		for b.Loop() {
			if _, _, err := s.AnalyzeWithPrevious(r, w, prev); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	})
	b.Run("snapshot-only/"+name, func(b *testing.B) {
		c0 := cpuTime()
		for b.Loop() {
			if _, err := s.Snapshot(r, w); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	})
	b.Run("profiles/"+name, func(b *testing.B) {
		var p *Profiles
		for b.Loop() {
			var err error
			if p, err = s.LoadProfiles(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(p.Bytes())/1e6, "MB")
		m := p.Matcher(ProfileFilter{Text: "张"})
		n := 0
		for i := 0; i < p.Len(); i++ {
			if m.Match(uint32(i)) {
				n++
			}
		}
		b.Logf("%d profiles, %.1f MB, %d named 张…", p.Count(), float64(p.Bytes())/1e6, n)
	})
}
