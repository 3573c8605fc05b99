package model

import (
	"fmt"
	"math"
	"math/bits"
	"time"
)

// PeriodKind is the level of a row in the decomposition tree
// (year → month → week → day on the targets screen).
type PeriodKind int

// Period kinds, coarsest first.
const (
	PeriodWhole PeriodKind = iota // the target's whole period
	PeriodMonth                   // a calendar month, clipped to the period
	PeriodWeek                    // an ISO week, clipped to the period
	PeriodDay                     // one day
)

// String returns the kind's English key, as `target show --json` groups rows:
// "whole", "month", "week", "day".
func (k PeriodKind) String() string {
	switch k {
	case PeriodWhole:
		return "whole"
	case PeriodMonth:
		return "month"
	case PeriodWeek:
		return "week"
	case PeriodDay:
		return "day"
	}
	return "unknown"
}

// PaceStatus says how a sub-period is doing against its plan to date.
type PaceStatus int

// Pace statuses. The zero value is PaceNotStarted so that an empty row reads as
// "nothing to judge yet".
const (
	PaceNotStarted PaceStatus = iota // as-of day is before the row's window
	PaceBehind                       // worse than plan by at least PaceBandPercent
	PaceOnTrack                      // within PaceBandPercent of plan
	PaceAhead                        // better than plan by at least PaceBandPercent
	// PaceTooEarly: a level metric's row has begun but too few of its days
	// have passed to judge it (see LevelWindow); shown as 数据不足.
	PaceTooEarly
)

// PaceBandPercent is the tolerance of the pace status: a row is ahead when its
// actual is at least 2% above the expected value (actual ≥ expected × 1.02),
// behind when at least 2% below it (actual ≤ expected × 0.98), on track in
// between. A band keeps a row from flickering between ahead and behind on
// every tiny change; 2% is a common operating tolerance. For a metric where
// lower is better (refunds) ahead and behind swap.
const PaceBandPercent = 2

// String returns the status's English key: "not_started", "behind",
// "on_track", "ahead".
func (s PaceStatus) String() string {
	switch s {
	case PaceBehind:
		return "behind"
	case PaceOnTrack:
		return "on_track"
	case PaceAhead:
		return "ahead"
	case PaceTooEarly:
		return "too_early"
	}
	return "not_started"
}

// Zh returns the Chinese label of the status for the targets screen.
func (s PaceStatus) Zh() string {
	switch s {
	case PaceBehind:
		return "落后"
	case PaceOnTrack:
		return "正常"
	case PaceAhead:
		return "领先"
	case PaceTooEarly:
		return "数据不足"
	}
	return "未开始"
}

// PeriodRow is one row of the decomposition tree: a sub-period of a target
// with its plan, its actual to date and its pace.
type PeriodRow struct {
	Kind PeriodKind
	// Label is "2026-01" (month), "2026-W01" (ISO week, with the ISO year),
	// "2026-01-01" (day) or "2026-01-01..2026-12-31" (whole period): the
	// "period" strings of `target show --json`.
	Label string
	// Window is the row's days, clipped to the target's period.
	Window Window
	// Target is, for an additive metric, the sum of the row's day targets; for
	// a level metric, the whole target value.
	Target int64
	// Actual is, for an additive metric, the sum of the row's day actuals up
	// to the as-of day; for a level metric, levelActual over LevelWindow(row
	// window, as-of day) (0 when the row has not started).
	Actual int64
	// Expected is the plan to date: the sum of the row's day targets up to the
	// as-of day (additive), or Target (level).
	Expected int64
	// Gap is Actual − Expected (additive) or Actual − Target (level).
	Gap int64
	// Forecast is the row's projected total: Actual ÷ Expected × Target,
	// rounded half away from zero, or Actual when Expected is 0 (nothing was
	// planned yet, so there is no pace to extrapolate). A level metric's
	// forecast is its Actual. Saturates at the int64 range.
	Forecast int64
	// RunRateNeeded is what each remaining day (after the as-of day, inside
	// the window) must bring to reach Target: max(Target − Actual, 0) divided
	// by those days, rounded up; 0 when no day remains, and always 0 for a
	// level metric (a rate is not reached by daily increments).
	RunRateNeeded int64
	// Status is the pace: PaceNotStarted before the window, PaceTooEarly
	// for a level metric in its first days (LevelWindow), else Actual
	// against Expected within PaceBandPercent.
	Status PaceStatus
}

// Months returns the calendar months the period touches, in order, each
// clipped to the period. An empty period has none.
func Months(period Window) []Window {
	var out []Window
	for cur := period.From; period.Len() > 0 && cur <= period.To; {
		y, m, _ := cur.Date()
		if m == time.December {
			y, m = y+1, time.January
		} else {
			m++
		}
		end := min(CivilDay(y, m, 1)-1, period.To)
		out = append(out, Window{From: cur, To: end})
		if end == period.To {
			break
		}
		cur = end + 1
	}
	return out
}

// ISOWeeks returns the ISO weeks (Monday to Sunday) the period touches, in
// order, each clipped to the period. An empty period has none.
func ISOWeeks(period Window) []Window {
	var out []Window
	for cur := period.From; period.Len() > 0 && cur <= period.To; {
		toSunday := (7 - Day(cur.Weekday())) % 7 // Sunday is 0 in time.Weekday
		end := min(cur+toSunday, period.To)
		out = append(out, Window{From: cur, To: end})
		if end == period.To {
			break
		}
		cur = end + 1
	}
	return out
}

// monthLabel formats the month of d as 2006-01.
func monthLabel(d Day) string {
	y, m, _ := d.Date()
	return fmt.Sprintf("%04d-%02d", y, int(m))
}

// weekLabel formats the ISO week of d as 2026-W01, with the ISO year (which
// differs from the calendar year around New Year).
func weekLabel(d Day) string {
	y, w := d.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// Tree builds the decomposition rows of a target as of asOf: the whole period
// first, then every month, every ISO week and every day, each group in date
// order (weeks cross month boundaries, so they are siblings of months rather
// than children; filter by Kind to draw one level).
//
// For an additive metric pass the per-day targets (DailyTargets) and per-day
// actuals, both indexed from t.From; actuals after asOf are ignored, and a
// slice shorter than the period counts its missing days as 0. Sums are plain
// int64 sums (fen totals up to 9.2×10¹⁶ yuan).
//
// For a level metric pass dailyTargets = nil and levelActual, the KPI computed
// over a window; every row then carries the whole target value. levelActual
// is called once per started row with the window LevelWindow gives (the
// pacing rule of level metrics) and never for a row that has not started; a
// nil levelActual reads as 0.
//
// Whether a metric is additive comes from Metric(t.Metric); for a key Metric
// does not know, a non-nil dailyTargets means additive. An empty period gives
// no rows.
func Tree(t Target, dailyTargets, dailyActuals []int64, asOf Day, levelActual func(Window) int64) []PeriodRow {
	period := Window{From: t.From, To: t.To}
	n := period.Len()
	if n == 0 {
		return nil
	}
	info, known := Metric(t.Metric)
	additive := info.Additive
	if !known {
		additive = dailyTargets != nil
	}
	lowerIsBetter := info.LowerIsBetter()

	months, weeks := Months(period), ISOWeeks(period)
	rows := make([]PeriodRow, 0, 1+len(months)+len(weeks)+n)
	rows = append(rows, PeriodRow{Kind: PeriodWhole, Label: period.From.String() + ".." + period.To.String(), Window: period})
	for _, w := range months {
		rows = append(rows, PeriodRow{Kind: PeriodMonth, Label: monthLabel(w.From), Window: w})
	}
	for _, w := range weeks {
		rows = append(rows, PeriodRow{Kind: PeriodWeek, Label: weekLabel(w.From), Window: w})
	}
	for i := range n {
		d := period.From + Day(i)
		rows = append(rows, PeriodRow{Kind: PeriodDay, Label: d.String(), Window: Window{From: d, To: d}})
	}

	// elapsed(w) is the number of the window's days on or before asOf.
	elapsed := func(w Window) int {
		if asOf < w.From {
			return 0
		}
		if asOf >= w.To {
			return w.Len()
		}
		return int(asOf-w.From) + 1
	}

	if !additive {
		for i := range rows {
			r := &rows[i]
			r.Target, r.Expected = t.Value, t.Value
			w, judge := LevelWindow(r.Window, asOf)
			if w.Len() > 0 && levelActual != nil {
				r.Actual = levelActual(w)
			}
			r.Gap = satSub(r.Actual, r.Target)
			r.Forecast = r.Actual
			r.Status = paceOf(r.Actual, r.Target, asOf < r.Window.From, lowerIsBetter)
			if r.Status != PaceNotStarted && !judge {
				r.Status = PaceTooEarly
			}
		}
		return rows
	}

	// Prefix sums over the period: plan[i] is the target of days [0, i),
	// done[i] the actual of those of them on or before asOf.
	plan := make([]int64, n+1)
	done := make([]int64, n+1)
	for i := range n {
		var tgt, act int64
		if i < len(dailyTargets) {
			tgt = dailyTargets[i]
		}
		if i < len(dailyActuals) && period.From+Day(i) <= asOf {
			act = dailyActuals[i]
		}
		plan[i+1] = plan[i] + tgt
		done[i+1] = done[i] + act
	}
	for i := range rows {
		r := &rows[i]
		lo := int(r.Window.From - period.From)
		hi := lo + r.Window.Len()
		cut := lo + elapsed(r.Window)
		r.Target = plan[hi] - plan[lo]
		r.Expected = plan[cut] - plan[lo]
		r.Actual = done[cut] - done[lo]
		r.Gap = satSub(r.Actual, r.Expected)
		r.Forecast = forecast(r.Actual, r.Expected, r.Target)
		if left := hi - cut; left > 0 && r.Actual < r.Target {
			r.RunRateNeeded = ceilDivPos(satSub(r.Target, r.Actual), int64(left))
		}
		r.Status = paceOf(r.Actual, r.Expected, asOf < r.Window.From, lowerIsBetter)
	}
	return rows
}

// LevelEarlyMaxDays caps the "too early to judge" days of a level metric's
// row (see LevelWindow).
const LevelEarlyMaxDays = 7

// LevelWindow is the pacing rule of a level metric (a rate, AOV, a count of
// distinct members: every KPI that is not a sum of days). It returns the
// window whose KPI is the actual of a row spanning row, as of asOf, and
// whether that actual may be judged against the target.
//
//   - A row that has ended (asOf ≥ row.To) is judged on its own window, as
//     the contract defines a sub-period's actual.
//   - A row in progress is judged on the rolling window of the row's own
//     length ending at the as-of day: [asOf − len + 1, asOf]. A level KPI
//     depends on the length of its window (a 30-day active rate is far above
//     a one-day one), so only a window of the length the target was set for
//     is comparable with it; the window reaches back before the row's first
//     day while the row is young.
//   - For its first ⌈len ÷ 4⌉ days, at most LevelEarlyMaxDays, a row in
//     progress is "too early to judge" (PaceTooEarly, 数据不足): its rolling
//     window still holds mostly days before the row, so the figure is shown
//     but no ahead/behind verdict is given. A month is judged from its 8th
//     day, an ISO week from its 3rd, a year from its 8th; a day row is
//     judged at once.
//   - A row that has not started has an empty window (and is not judged).
func LevelWindow(row Window, asOf Day) (Window, bool) {
	n := row.Len()
	switch {
	case n == 0 || asOf < row.From:
		return Window{From: 1, To: 0}, false
	case asOf >= row.To:
		return row, true
	}
	elapsed := int(asOf-row.From) + 1
	early := min((n+3)/4, LevelEarlyMaxDays)
	return Window{From: asOf - Day(n) + 1, To: asOf}, elapsed > early
}

// satSub returns a − b, saturated at the int64 range instead of wrapping, so
// an absurd actual cannot flip the sign of a gap.
func satSub(a, b int64) int64 {
	d := a - b
	if (b < 0 && d < a) || (b > 0 && d > a) { // overflowed
		if b < 0 {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return d
}

// ceilDivPos is ⌈a / b⌉ for a ≥ 0, b > 0, without the overflow of (a+b−1)/b.
func ceilDivPos(a, b int64) int64 {
	q := a / b
	if a%b != 0 {
		q++
	}
	return q
}

// forecast is actual × target ÷ expected rounded half away from zero, exact
// (128-bit product and division), saturated at the
// int64 range; actual itself when expected is 0.
func forecast(actual, expected, target int64) int64 {
	if expected == 0 {
		return actual
	}
	neg := (actual < 0) != (target < 0)
	hi, lo := bits.Mul64(absU(actual), absU(target))
	den := absU(expected)
	if expected < 0 {
		neg = !neg
	}
	if hi < den { // the quotient fits 64 bits
		q, r := bits.Div64(hi, lo, den)
		if r >= den-r { // 2r ≥ den, without overflowing 2r
			q++
		}
		if q == 0 {
			return 0
		}
		if neg {
			if q > 1<<63 {
				return math.MinInt64
			}
			return int64(-q) // q == 2⁶³ wraps to MinInt64, which is exact
		}
		if q > math.MaxInt64 {
			return math.MaxInt64
		}
		return int64(q)
	}
	// The quotient needs more than 64 bits: only possible with a tiny
	// expected against huge figures, and always out of int64 range.
	if neg {
		return math.MinInt64
	}
	return math.MaxInt64
}

// absU is |x| as a uint64, exact for math.MinInt64 too.
func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-(x + 1)) + 1
	}
	return uint64(x)
}

// paceOf compares actual with the plan ref within PaceBandPercent (exactly,
// in 128 bits: 100·|actual − ref| against PaceBandPercent·|ref|).
func paceOf(actual, ref int64, notStarted, lowerIsBetter bool) PaceStatus {
	if notStarted {
		return PaceNotStarted
	}
	if actual == ref {
		return PaceOnTrack
	}
	// |actual − ref| fits a uint64 for any two int64 values.
	var diff uint64
	if actual > ref {
		diff = uint64(actual) - uint64(ref)
	} else {
		diff = uint64(ref) - uint64(actual)
	}
	dh, dl := bits.Mul64(diff, 100)
	bh, bl := bits.Mul64(absU(ref), PaceBandPercent)
	outside := dh > bh || (dh == bh && dl >= bl)
	if !outside {
		return PaceOnTrack
	}
	if (actual > ref) != lowerIsBetter {
		return PaceAhead
	}
	return PaceBehind
}
