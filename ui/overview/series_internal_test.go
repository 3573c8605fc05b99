package overview

import (
	"math"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func sameSeries(got, want []float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && !near(got[i], want[i])) {
			return false
		}
	}
	return true
}

// TestRollingSeries: AOV and redemption are plotted over the rolling
// window of the KPI window's length (here 3 days), exact sums divided once;
// a day whose window reaches before the rollups is NaN.
func TestRollingSeries(t *testing.T) {
	orders := []int64{1, 2, 0, 3, 1}
	gmv := []int64{100, 300, 0, 600, 100}
	issued := []int64{10, 0, 0, 0, 0}
	redeemed := []int64{0, 5, 0, 0, 1}
	d := &common.Dataset{Window: model.Window{From: 3, To: 5}, DailyWindow: model.Window{From: 1, To: 5}}
	for i := range orders {
		d.Daily = append(d.Daily, store.Rollup{Orders: orders[i], GMVFen: gmv[i], PointsIssued: issued[i], Redeemed: redeemed[i]})
	}
	nan := math.NaN()
	cases := []struct {
		s    seriesKind
		n    int
		want []float64
	}{
		// day 3: 400 fen / 3 orders; day 4: 900/5; day 5: 700/4 (yuan).
		{seriesAOV, 5, []float64{nan, nan, 400.0 / 3 / 100, 1.8, 1.75}},
		{seriesAOV, 2, []float64{1.8, 1.75}},
		// redeemed ÷ issued in %: day 3 (days 1–3): 5/10; day 4 (2–4): 5/0 →
		// NaN; day 5 (3–5): 1/0 → NaN.
		{seriesRedemption, 3, []float64{50, nan, nan}},
	}
	for _, c := range cases {
		if got := dailySeries(c.s, d, c.n); !sameSeries(got, c.want) {
			t.Errorf("series %d over %d days: %v, want %v", c.s, c.n, got, c.want)
		}
	}
}

// TestTargetSeriesGaps: a target's line has its value on the days it
// covers and NaN (a gap, never 0) elsewhere; lineTargets lists the targets
// covering the as-of day first.
func TestTargetSeriesGaps(t *testing.T) {
	const first = model.Day(100)
	d := &common.Dataset{
		AsOf: first + 4, DailyWindow: model.Window{From: first, To: first + 4},
		Daily: make([]store.Rollup, 5),
		Targets: []model.Target{
			{ID: "PROMO", Metric: "gmv", From: first + 1, To: first + 2, Value: 300},
			{ID: "YEAR", Metric: "gmv", From: first + 3, To: first + 40, Value: 3800},
			{ID: "RATE", Metric: "aov", From: first - 10, To: first + 1, Value: 12345},
			{ID: "OLD", Metric: "gmv", From: first - 30, To: first - 1, Value: 1},
		},
		TargetDaily: map[string][]int64{"PROMO": {100, 200}, "YEAR": make([]int64, 38), "OLD": make([]int64, 30)},
	}
	d.TargetDaily["YEAR"][0], d.TargetDaily["YEAR"][1] = 7000, 9000
	gmv := cards[6]
	ts := lineTargets(gmv, d, 5)
	if len(ts) != 2 || ts[0].ID != "YEAR" || ts[1].ID != "PROMO" {
		t.Fatalf("line targets %v, want YEAR (covers as-of) then PROMO", ts)
	}
	nan := math.NaN()
	if got := targetSeries(ts[1], d, 5); !sameSeries(got, []float64{nan, 1, 2, nan, nan}) {
		t.Errorf("PROMO line %v", got)
	}
	if got := targetSeries(ts[0], d, 5); !sameSeries(got, []float64{nan, nan, nan, 70, 90}) {
		t.Errorf("YEAR line %v", got)
	}
	aov := cards[7]
	if got := targetSeries(lineTargets(aov, d, 5)[0], d, 5); !sameSeries(got, []float64{123.45, 123.45, nan, nan, nan}) {
		t.Errorf("AOV level line %v", got)
	}
	// Cards whose chart is not the KPI's measure draw no target.
	for _, c := range cards {
		if !c.comparable && lineTargets(c, d, 5) != nil {
			t.Errorf("%s: a target line on a chart of another measure", c.key)
		}
	}
}

func TestBucketTextAndPeak(t *testing.T) {
	for _, c := range []struct {
		days, cols int
		want       string
	}{{365, 88, "4–5"}, {90, 45, "2"}, {365, 73, "5"}, {91, 90, "1–2"}} {
		if got := bucketText(c.days, c.cols); got != c.want {
			t.Errorf("bucketText(%d, %d) = %q, want %q", c.days, c.cols, got, c.want)
		}
	}
	if i, ok := peakIndex([]float64{math.NaN(), 3, 9, 9, math.NaN()}); !ok || i != 2 {
		t.Errorf("peak %d %v", i, ok)
	}
	if _, ok := peakIndex([]float64{math.NaN()}); ok {
		t.Error("peak of nothing")
	}
}

// TestWorstFirst orders paced targets: behind before on track before
// ahead before too early; inside a status the furthest from plan first
// (refunds: above plan is worse).
func TestWorstFirst(t *testing.T) {
	tp := func(id, metric string, st model.PaceStatus, actual, expected int64) common.TargetPace {
		return common.TargetPace{Target: model.Target{ID: id, Metric: metric}, Row: model.PeriodRow{Status: st, Actual: actual, Expected: expected}}
	}
	in := []common.TargetPace{
		tp("AHEAD", "gmv", model.PaceAhead, 120, 100),
		tp("EARLY", "active_rate", model.PaceTooEarly, 100, 1400),
		tp("BEHIND-A-LITTLE", "orders", model.PaceBehind, 90, 100),
		tp("ONTRACK", "gmv", model.PaceOnTrack, 100, 100),
		tp("BEHIND-A-LOT", "gmv", model.PaceBehind, 40, 100),
		tp("REFUNDS-OVER", "refunds", model.PaceBehind, 200, 100), // 2× the budget: score 0.5
	}
	want := []string{"BEHIND-A-LOT", "REFUNDS-OVER", "BEHIND-A-LITTLE", "ONTRACK", "AHEAD", "EARLY"}
	got := worstFirst(in)
	for i, w := range want {
		if got[i].Target.ID != w {
			t.Fatalf("order %v, want %v", ids(got), want)
		}
	}
}

func ids(ps []common.TargetPace) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Target.ID
	}
	return out
}
