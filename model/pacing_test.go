package model

import (
	"math"
	"math/rand"
	"slices"
	"testing"
	"time"
)

func TestMonths(t *testing.T) {
	tests := []struct {
		from, to string
		want     [][2]string
	}{
		{"2026-01-20", "2026-03-10", [][2]string{{"2026-01-20", "2026-01-31"}, {"2026-02-01", "2026-02-28"}, {"2026-03-01", "2026-03-10"}}},
		{"2025-12-15", "2026-01-15", [][2]string{{"2025-12-15", "2025-12-31"}, {"2026-01-01", "2026-01-15"}}},
		{"2024-02-01", "2024-02-29", [][2]string{{"2024-02-01", "2024-02-29"}}},
		{"2026-05-31", "2026-05-31", [][2]string{{"2026-05-31", "2026-05-31"}}},
	}
	for _, tc := range tests {
		got := Months(Window{dcDay(t, tc.from), dcDay(t, tc.to)})
		if len(got) != len(tc.want) {
			t.Fatalf("Months(%s..%s) = %v", tc.from, tc.to, got)
		}
		for i, w := range got {
			if w.From.String() != tc.want[i][0] || w.To.String() != tc.want[i][1] {
				t.Errorf("Months(%s..%s)[%d] = %s..%s, want %s..%s", tc.from, tc.to, i, w.From, w.To, tc.want[i][0], tc.want[i][1])
			}
		}
	}
	if got := Months(Window{From: 10, To: 9}); got != nil {
		t.Errorf("empty period: %v", got)
	}
	if len(Months(Window{dcDay(t, "2026-01-01"), dcDay(t, "2026-12-31")})) != 12 {
		t.Error("a calendar year is 12 months")
	}
}

func TestISOWeeks(t *testing.T) {
	tests := []struct {
		from, to string
		want     [][3]string // from, to, label
	}{
		// 2026-12-28 (Mon) .. 2027-01-03 (Sun) is ISO week 53 of 2026.
		{"2026-12-21", "2027-01-10", [][3]string{
			{"2026-12-21", "2026-12-27", "2026-W52"},
			{"2026-12-28", "2027-01-03", "2026-W53"},
			{"2027-01-04", "2027-01-10", "2027-W01"}}},
		// Clipped on both sides around the year boundary: the 2027 days of
		// W53 keep the ISO year 2026.
		{"2026-12-30", "2027-01-05", [][3]string{
			{"2026-12-30", "2027-01-03", "2026-W53"},
			{"2027-01-04", "2027-01-05", "2027-W01"}}},
		// 2026-01-01 is a Thursday in 2026-W01 (which began 2025-12-29).
		{"2026-01-01", "2026-01-10", [][3]string{
			{"2026-01-01", "2026-01-04", "2026-W01"},
			{"2026-01-05", "2026-01-10", "2026-W02"}}},
		{"2026-01-04", "2026-01-04", [][3]string{{"2026-01-04", "2026-01-04", "2026-W01"}}},
	}
	for _, tc := range tests {
		got := ISOWeeks(Window{dcDay(t, tc.from), dcDay(t, tc.to)})
		if len(got) != len(tc.want) {
			t.Fatalf("ISOWeeks(%s..%s) = %v", tc.from, tc.to, got)
		}
		for i, w := range got {
			if w.From.String() != tc.want[i][0] || w.To.String() != tc.want[i][1] || weekLabel(w.From) != tc.want[i][2] {
				t.Errorf("ISOWeeks(%s..%s)[%d] = %s..%s %s, want %v", tc.from, tc.to, i, w.From, w.To, weekLabel(w.From), tc.want[i])
			}
		}
	}
	// Cross-check with time.ISOWeek over six years: every day lies in exactly
	// one window, every window's days share one ISO week, and a window starts
	// on a Monday unless it is the period's first.
	period := Window{dcDay(t, "2024-01-01"), dcDay(t, "2029-12-31")}
	next := period.From
	for i, w := range ISOWeeks(period) {
		if w.From != next {
			t.Fatalf("week %d starts %s, want %s", i, w.From, next)
		}
		if i > 0 && w.From.Weekday() != time.Monday {
			t.Fatalf("week %d starts on %v", i, w.From.Weekday())
		}
		y0, n0 := w.From.Time(time.UTC).ISOWeek()
		for d := w.From; d <= w.To; d++ {
			if y, n := d.Time(time.UTC).ISOWeek(); y != y0 || n != n0 {
				t.Fatalf("%s is in %d-W%02d, its window %s..%s in %d-W%02d", d, y, n, w.From, w.To, y0, n0)
			}
		}
		next = w.To + 1
	}
	if next != period.To+1 {
		t.Fatalf("weeks end at %s", next-1)
	}
}

// paceRowsOf returns the rows of one kind.
func paceRowsOf(rows []PeriodRow, k PeriodKind) []PeriodRow {
	var out []PeriodRow
	for _, r := range rows {
		if r.Kind == k {
			out = append(out, r)
		}
	}
	return out
}

// paceRowByLabel returns the row with the label or fails.
func paceRowByLabel(t *testing.T, rows []PeriodRow, label string) PeriodRow {
	t.Helper()
	for _, r := range rows {
		if r.Label == label {
			return r
		}
	}
	t.Fatalf("no row %q", label)
	return PeriodRow{}
}

func TestTreeAdditive(t *testing.T) {
	// 100 orders over 2026-01-01..10, even: 10 a day. As of 2026-01-04 the
	// actuals are 10, 8, 15, 11 (and 50 on the 5th, after as-of: ignored).
	tg := Target{Metric: "orders", From: dcDay(t, "2026-01-01"), To: dcDay(t, "2026-01-10"), Value: 100, Method: MethodEven}
	days, _, err := DailyTargets(tg, 0, -1, nil)
	if err != nil {
		t.Fatal(err)
	}
	actuals := []int64{10, 8, 15, 11, 50, 0, 0, 0, 0, 0}
	rows := Tree(tg, days, actuals, dcDay(t, "2026-01-04"), nil)

	// 1 whole + 1 month + 2 weeks (W01 Jan 1–4, W02 Jan 5–10) + 10 days.
	if len(rows) != 14 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0].Kind != PeriodWhole || rows[1].Kind != PeriodMonth || rows[2].Kind != PeriodWeek || rows[4].Kind != PeriodDay {
		t.Fatalf("row order %v %v %v %v", rows[0].Kind, rows[1].Kind, rows[2].Kind, rows[4].Kind)
	}
	want := []PeriodRow{
		// actual 10+8+15+11 = 44, expected 4·10 = 40, gap 4,
		// forecast 44·100/40 = 110, run rate ⌈(100−44)/6⌉ = ⌈9.33⌉ = 10,
		// 44 ≥ 40·1.02 = 40.8 → ahead.
		{Kind: PeriodWhole, Label: "2026-01-01..2026-01-10", Target: 100, Actual: 44, Expected: 40, Gap: 4, Forecast: 110, RunRateNeeded: 10, Status: PaceAhead},
		{Kind: PeriodMonth, Label: "2026-01", Target: 100, Actual: 44, Expected: 40, Gap: 4, Forecast: 110, RunRateNeeded: 10, Status: PaceAhead},
		// W01 is over: expected = target = 40, forecast = actual, no run rate.
		{Kind: PeriodWeek, Label: "2026-W01", Target: 40, Actual: 44, Expected: 40, Gap: 4, Forecast: 44, RunRateNeeded: 0, Status: PaceAhead},
		// W02 has not started: nothing expected, forecast = actual = 0, the
		// whole 60 still needed over 6 days = 10 a day.
		{Kind: PeriodWeek, Label: "2026-W02", Target: 60, Actual: 0, Expected: 0, Gap: 0, Forecast: 0, RunRateNeeded: 10, Status: PaceNotStarted},
		{Kind: PeriodDay, Label: "2026-01-01", Target: 10, Actual: 10, Expected: 10, Gap: 0, Forecast: 10, Status: PaceOnTrack},
		// 8 ≤ 10·0.98 = 9.8 → behind.
		{Kind: PeriodDay, Label: "2026-01-02", Target: 10, Actual: 8, Expected: 10, Gap: -2, Forecast: 8, Status: PaceBehind},
		{Kind: PeriodDay, Label: "2026-01-03", Target: 10, Actual: 15, Expected: 10, Gap: 5, Forecast: 15, Status: PaceAhead},
		// 11 ≥ 10.2 → ahead.
		{Kind: PeriodDay, Label: "2026-01-04", Target: 10, Actual: 11, Expected: 10, Gap: 1, Forecast: 11, Status: PaceAhead},
		// After as-of: the 50 is not counted.
		{Kind: PeriodDay, Label: "2026-01-05", Target: 10, Actual: 0, Expected: 0, Gap: 0, Forecast: 0, RunRateNeeded: 10, Status: PaceNotStarted},
	}
	for _, w := range want {
		got := paceRowByLabel(t, rows, w.Label)
		w.Window = got.Window
		if got != w {
			t.Errorf("row %s:\n got %+v\nwant %+v", w.Label, got, w)
		}
	}
	if w := paceRowByLabel(t, rows, "2026-W01").Window; w.From.String() != "2026-01-01" || w.To.String() != "2026-01-04" {
		t.Errorf("W01 window %s..%s, want clipped to 2026-01-01..04", w.From, w.To)
	}
}

func TestTreeRounding(t *testing.T) {
	// 1000 fen over 2026-03-01..03 with weights 1:1:1 → 334, 333, 333.
	// As of 03-01, actual 101: forecast 101·1000/334 = 302.39 → 302; gap
	// −233; run rate ⌈(1000−101)/2⌉ = ⌈449.5⌉ = 450; 101 < 334·0.98 → behind.
	tg := Target{Metric: "gmv", From: dcDay(t, "2026-03-01"), To: dcDay(t, "2026-03-03"), Value: 1000}
	days, _, _ := DailyTargets(tg, 0, -1, nil)
	if !slices.Equal(days, []int64{334, 333, 333}) {
		t.Fatalf("days %v", days)
	}
	whole := Tree(tg, days, []int64{101, 999, 999}, dcDay(t, "2026-03-01"), nil)[0]
	want := PeriodRow{Kind: PeriodWhole, Label: "2026-03-01..2026-03-03", Window: Window{tg.From, tg.To},
		Target: 1000, Actual: 101, Expected: 334, Gap: -233, Forecast: 302, RunRateNeeded: 450, Status: PaceBehind}
	if whole != want {
		t.Fatalf("got %+v\nwant %+v", whole, want)
	}
	// After the period the forecast is the actual and nothing remains.
	whole = Tree(tg, days, []int64{101, 999, 999}, dcDay(t, "2026-04-30"), nil)[0]
	if whole.Actual != 2099 || whole.Expected != 1000 || whole.Forecast != 2099 || whole.RunRateNeeded != 0 || whole.Status != PaceAhead {
		t.Fatalf("after the period: %+v", whole)
	}
}

func TestForecast(t *testing.T) {
	tests := []struct{ actual, expected, target, want int64 }{
		{44, 40, 100, 110},
		{7, 3, 10, 23},  // 70/3 = 23.33
		{1, 4, 10, 3},   // 2.5 → 3 (half away from zero)
		{-1, 4, 10, -3}, // −2.5 → −3
		{1, 4, 6, 2},    // 1.5 → 2
		{2, 3, 1, 1},    // 0.67 → 1
		{1, 3, 1, 0},    // 0.33 → 0
		{5, 0, 100, 5},  // nothing expected: the actual
		{0, 50, 100, 0}, // nothing done yet
		{1e15, 1e15, 3e15, 3e15},
		{1e18, 1e17, 5e18, math.MaxInt64}, // 5e19 saturates
		{-1e18, 1e17, 5e18, math.MinInt64},
		{math.MaxInt64, 1, math.MaxInt64, math.MaxInt64},
		// (2⁶³−1)² / (2⁶³−1) = 2⁶³−1 exactly (128-bit product).
		{math.MaxInt64, math.MaxInt64, math.MaxInt64, math.MaxInt64},
		{math.MinInt64, 1, 1, math.MinInt64},
		// 3e18·3e18/9e18 = 1e18 — the product overflows 64 bits, the result does not.
		{3e18, 9e18, 3e18, 1e18},
		// (2⁶³−1)·3/2 ≈ 1.4e19: the quotient fits 64 bits but not int64.
		{math.MaxInt64, 2, 3, math.MaxInt64},
		{-math.MaxInt64, 2, 3, math.MinInt64},
		{3, -2, 1, -2}, // a negative plan flips the sign: −1.5 → −2
	}
	for _, tc := range tests {
		if got := forecast(tc.actual, tc.expected, tc.target); got != tc.want {
			t.Errorf("forecast(%d, %d, %d) = %d, want %d", tc.actual, tc.expected, tc.target, got, tc.want)
		}
	}
}

func TestSatSub(t *testing.T) {
	tests := []struct{ a, b, want int64 }{
		{5, 3, 2},
		{3, 5, -2},
		{math.MaxInt64, -1, math.MaxInt64},
		{math.MinInt64, 1, math.MinInt64},
		{-1, math.MinInt64, math.MaxInt64},
		{0, math.MinInt64, math.MaxInt64},
		{-2, math.MaxInt64, math.MinInt64},
	}
	for _, tc := range tests {
		if got := satSub(tc.a, tc.b); got != tc.want {
			t.Errorf("satSub(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestPaceOf(t *testing.T) {
	tests := []struct {
		actual, ref int64
		lower       bool
		want        PaceStatus
	}{
		{102, 100, false, PaceAhead},   // exactly +2%
		{101, 100, false, PaceOnTrack}, // +1%
		{99, 100, false, PaceOnTrack},
		{98, 100, false, PaceBehind}, // exactly −2%
		{0, 0, false, PaceOnTrack},
		{1, 0, false, PaceAhead},
		{-1, 0, false, PaceBehind},
		{102, 100, true, PaceBehind}, // refunds over plan
		{90, 100, true, PaceAhead},
		{math.MaxInt64, math.MinInt64, false, PaceAhead},
		{math.MinInt64, math.MaxInt64, false, PaceBehind},
	}
	for _, tc := range tests {
		if got := paceOf(tc.actual, tc.ref, false, tc.lower); got != tc.want {
			t.Errorf("paceOf(%d, %d, lower=%v) = %v, want %v", tc.actual, tc.ref, tc.lower, got, tc.want)
		}
	}
	if paceOf(1, 100, true, false) != PaceNotStarted {
		t.Error("not started wins")
	}
}

func TestTreeRefundsLowerIsBetter(t *testing.T) {
	// Refunds budget 1000 fen over 10 days; 300 refunded by day 2 against 200
	// planned is behind, not ahead.
	tg := Target{Metric: "refunds", From: dcDay(t, "2026-02-01"), To: dcDay(t, "2026-02-10"), Value: 1000}
	days, _, _ := DailyTargets(tg, 0, -1, nil)
	r := Tree(tg, days, []int64{150, 150}, dcDay(t, "2026-02-02"), nil)[0]
	if r.Status != PaceBehind || r.Gap != 100 || r.Forecast != 1500 {
		t.Fatalf("refunds row %+v", r)
	}
}

func TestTreeLevel(t *testing.T) {
	// Repurchase rate 25.00% over 2026-01-01..2026-02-15, as of 2026-01-20.
	// The fake KPI is 100 per day of its window, so a window ending at
	// as-of tells from its value how long it was.
	tg := Target{Metric: "repurchase_rate", From: dcDay(t, "2026-01-01"), To: dcDay(t, "2026-02-15"), Value: 2500}
	asOf := dcDay(t, "2026-01-20")
	var calls []Window
	kpi := func(w Window) int64 {
		calls = append(calls, w)
		return int64(w.Len()) * 100
	}
	rows := Tree(tg, nil, nil, asOf, kpi)
	months, weeks, days := paceRowsOf(rows, PeriodMonth), paceRowsOf(rows, PeriodWeek), paceRowsOf(rows, PeriodDay)
	// 46 days; ISO weeks: Jan 1–4, 5–11, 12–18, 19–25, 26–Feb 1, 2–8, 9–15.
	if len(months) != 2 || len(weeks) != 7 || len(days) != 46 || len(rows) != 56 {
		t.Fatalf("%d rows: %d months %d weeks %d days", len(rows), len(months), len(weeks), len(days))
	}
	for _, r := range rows {
		if r.Target != 2500 || r.Expected != 2500 || r.RunRateNeeded != 0 || r.Forecast != r.Actual || r.Gap != r.Actual-2500 {
			t.Errorf("level row %s: %+v", r.Label, r)
		}
		for _, w := range calls {
			if w.To > asOf || w.Len() > 46 {
				t.Fatalf("levelActual asked for %s..%s past as-of", w.From, w.To)
			}
		}
	}
	// The pacing rule (LevelWindow): a row in progress is judged on the
	// rolling window of its own length ending at as-of.
	// Whole: 46 days ending 01-20 → 4600; day 20 > 7 → judged; 4600 ≥ 2550 → ahead.
	if r := rows[0]; r.Actual != 4600 || r.Gap != 2100 || r.Status != PaceAhead {
		t.Errorf("whole %+v", r)
	}
	// January in progress: 31 days ending 01-20 → 3100, judged (day 20 > 7).
	if r := paceRowByLabel(t, rows, "2026-01"); r.Actual != 3100 || r.Status != PaceAhead {
		t.Errorf("Jan %+v", r)
	}
	// Week 01-19..25 in progress on its 2nd day: 7-day rolling window → 700,
	// too early (a week is judged from its 3rd day).
	if r := paceRowByLabel(t, rows, "2026-W04"); r.Actual != 700 || r.Window.From.String() != "2026-01-19" || r.Status != PaceTooEarly {
		t.Errorf("W04 %+v", r)
	}
	// Week 01-12..18 has ended: its own window, 7 days → 700, behind 2500.
	if r := paceRowByLabel(t, rows, "2026-W03"); r.Actual != 700 || r.Status != PaceBehind {
		t.Errorf("W03 %+v", r)
	}
	// W01 (01-01..04) ended: its own 4 days → 400, behind.
	if r := paceRowByLabel(t, rows, "2026-W01"); r.Actual != 400 || r.Status != PaceBehind {
		t.Errorf("W01 %+v", r)
	}
	// February has not started: no KPI call, actual 0.
	if r := paceRowByLabel(t, rows, "2026-02"); r.Actual != 0 || r.Status != PaceNotStarted || r.Target != 2500 {
		t.Errorf("Feb %+v", r)
	}
	// One call per started row: whole, Jan, W01–W04, 20 days = 26.
	if len(calls) != 26 {
		t.Errorf("%d levelActual calls, want 26", len(calls))
	}
	// A nil levelActual reads as 0.
	if r := Tree(tg, nil, nil, asOf, nil)[0]; r.Actual != 0 || r.Target != 2500 || r.Status != PaceBehind {
		t.Errorf("nil levelActual: %+v", r)
	}
}

func TestTreeEmptyAndShort(t *testing.T) {
	if rows := Tree(Target{Metric: "gmv", From: 5, To: 4}, nil, nil, 0, nil); rows != nil {
		t.Fatalf("empty period: %v", rows)
	}
	// Short slices: missing days count 0.
	tg := Target{Metric: "orders", From: dcDay(t, "2026-01-01"), To: dcDay(t, "2026-01-03"), Value: 3}
	r := Tree(tg, []int64{1, 1}, []int64{4}, dcDay(t, "2026-01-03"), nil)[0]
	if r.Target != 2 || r.Actual != 4 {
		t.Fatalf("short slices: %+v", r)
	}
	// An unknown metric with daily targets is treated as additive.
	tg.Metric = "custom_count"
	if r := Tree(tg, []int64{1, 1, 1}, nil, dcDay(t, "2026-01-01"), nil)[0]; r.Target != 3 || r.Expected != 1 {
		t.Fatalf("unknown additive: %+v", r)
	}
}

// TestTreeSums checks on random additive targets that months, weeks and days
// each add up to the whole (target, actual, expected), and that the whole
// period's target is the target value.
func TestTreeSums(t *testing.T) {
	rng := rand.New(rand.NewSource(42))
	base := dcDay(t, "2025-06-01")
	for c := 0; c < 500; c++ {
		from := base + Day(rng.Intn(400))
		to := from + Day(rng.Intn(400))
		tg := Target{Metric: "new_members", From: from, To: to, Value: rng.Int63n(1e9)}
		days, _, err := DailyTargets(tg, 0, -1, nil)
		if err != nil {
			t.Fatal(err)
		}
		actuals := make([]int64, len(days))
		for i := range actuals {
			actuals[i] = rng.Int63n(1e7)
		}
		asOf := from + Day(rng.Intn(int(to-from)+20)) - 5
		rows := Tree(tg, days, actuals, asOf, nil)
		whole := rows[0]
		if whole.Target != tg.Value {
			t.Fatalf("whole target %d, want %d", whole.Target, tg.Value)
		}
		for _, k := range []PeriodKind{PeriodMonth, PeriodWeek, PeriodDay} {
			var tsum, asum, esum int64
			next := from
			for _, r := range paceRowsOf(rows, k) {
				if r.Window.From != next {
					t.Fatalf("%v rows not contiguous at %s", k, r.Window.From)
				}
				next = r.Window.To + 1
				tsum += r.Target
				asum += r.Actual
				esum += r.Expected
				if r.RunRateNeeded < 0 || (r.Status == PaceNotStarted) != (asOf < r.Window.From) {
					t.Fatalf("row %+v", r)
				}
			}
			if next != to+1 || tsum != whole.Target || asum != whole.Actual || esum != whole.Expected {
				t.Fatalf("%v: sums %d %d %d, whole %d %d %d", k, tsum, asum, esum, whole.Target, whole.Actual, whole.Expected)
			}
		}
	}
}

func TestKindAndStatusStrings(t *testing.T) {
	kinds := map[PeriodKind]string{PeriodWhole: "whole", PeriodMonth: "month", PeriodWeek: "week", PeriodDay: "day", 9: "unknown"}
	for k, want := range kinds {
		if k.String() != want {
			t.Errorf("%d: %q", k, k.String())
		}
	}
	statuses := map[PaceStatus][2]string{
		PaceNotStarted: {"not_started", "未开始"}, PaceBehind: {"behind", "落后"},
		PaceOnTrack: {"on_track", "正常"}, PaceAhead: {"ahead", "领先"},
	}
	for s, want := range statuses {
		if s.String() != want[0] || s.Zh() != want[1] {
			t.Errorf("%d: %q %q", s, s.String(), s.Zh())
		}
	}
}

func TestLevelWindow(t *testing.T) {
	d := func(s string) Day { return dcDay(t, s) }
	w := func(a, b string) Window { return Window{From: d(a), To: d(b)} }
	dec := w("2026-12-01", "2026-12-31")
	cases := []struct {
		name   string
		row    Window
		asOf   string
		want   Window
		judged bool
	}{
		// The case: a December rate target on 12-01 is not judged on
		// one day of data but shown on the 31 days ending 12-01.
		{"month day 1", dec, "2026-12-01", w("2026-11-01", "2026-12-01"), false},
		{"month day 7 still early", dec, "2026-12-07", w("2026-11-07", "2026-12-07"), false},
		{"month day 8 judged", dec, "2026-12-08", w("2026-11-08", "2026-12-08"), true},
		{"month last day: own window", dec, "2026-12-31", dec, true},
		{"month ended", dec, "2027-01-15", dec, true},
		{"month not started", dec, "2026-11-30", Window{From: 1, To: 0}, false},
		{"week day 2 early", w("2026-01-19", "2026-01-25"), "2026-01-20", w("2026-01-14", "2026-01-20"), false},
		{"week day 3 judged", w("2026-01-19", "2026-01-25"), "2026-01-21", w("2026-01-15", "2026-01-21"), true},
		{"clipped week of 2 days, day 1", w("2026-01-01", "2026-01-02"), "2026-01-01", w("2025-12-31", "2026-01-01"), false},
		{"year day 7 early", w("2026-01-01", "2026-12-31"), "2026-01-07", w("2025-01-08", "2026-01-07"), false},
		{"year day 8 judged", w("2026-01-01", "2026-12-31"), "2026-01-08", w("2025-01-09", "2026-01-08"), true},
		{"one day", w("2026-03-03", "2026-03-03"), "2026-03-03", w("2026-03-03", "2026-03-03"), true},
		{"empty row", Window{From: 5, To: 4}, "2026-03-03", Window{From: 1, To: 0}, false},
	}
	for _, c := range cases {
		got, judged := LevelWindow(c.row, d(c.asOf))
		if got.Len() != c.want.Len() || (c.want.Len() > 0 && got != c.want) || judged != c.judged {
			t.Errorf("%s: LevelWindow(%s..%s, %s) = %s..%s %v, want %s..%s %v", c.name, c.row.From, c.row.To, c.asOf,
				got.From, got.To, judged, c.want.From, c.want.To, c.judged)
		}
	}
}
