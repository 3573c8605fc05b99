package model

import (
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"time"
)

// Allocate splits total into len(weights) non-negative integer parts
// proportional to weights, with largest-remainder rounding: every part first
// gets the floor of its exact share total·wᵢ/Σw, then the units still missing
// (fewer than len(weights)) go one each to the parts with the largest
// remainders, ties broken by the earlier index. This is the contract's rule
// for splitting additive targets into days, so days always sum exactly to the
// total and no part is a full unit away from its exact share.
//
// Negative weights count as 0. When every weight is 0 the weights are taken
// as even (all 1), so the first total mod n parts get one unit more.
// The maths is exact for any int64 inputs: products use 128 bits, and a
// weight sum that does not fit 64 bits switches to math/big.
//
// Errors: total < 0 (targets are never negative, and a mirrored split would
// round the other way), or total > 0 with no parts to put it in. Allocate(0,
// nil) is an empty slice and no error.
func Allocate(total int64, weights []int64) ([]int64, error) {
	if total < 0 {
		return nil, fmt.Errorf("allocate: total %d is negative", total)
	}
	n := len(weights)
	if n == 0 {
		if total == 0 {
			return []int64{}, nil
		}
		return nil, fmt.Errorf("allocate: no parts to split %d over", total)
	}
	w := make([]uint64, n)
	var sum uint64
	overflow := false
	for i, x := range weights {
		if x > 0 {
			w[i] = uint64(x)
			var carry uint64
			sum, carry = bits.Add64(sum, w[i], 0)
			if carry != 0 {
				overflow = true
			}
		}
	}
	if sum == 0 && !overflow {
		for i := range w {
			w[i] = 1
		}
		sum = uint64(n)
	}
	if overflow {
		return allocateBig(total, w), nil
	}

	parts := make([]int64, n)
	rems := make([]uint64, n)
	left := uint64(total)
	for i, wi := range w {
		// total·wᵢ < 2⁶³·Σw, so the high word is below Σw and Div64 cannot
		// overflow; the quotient is at most total.
		hi, lo := bits.Mul64(uint64(total), wi)
		q, r := bits.Div64(hi, lo, sum)
		parts[i] = int64(q)
		rems[i] = r
		left -= q
	}
	giveLargestRemainders(parts, int(left), func(a, b int) int {
		switch {
		case rems[a] > rems[b]:
			return -1
		case rems[a] < rems[b]:
			return 1
		}
		return 0
	})
	return parts, nil
}

// allocateBig is Allocate's exact path for weights whose sum overflows 64
// bits (only reachable with several weights near math.MaxInt64).
func allocateBig(total int64, w []uint64) []int64 {
	n := len(w)
	sum := new(big.Int)
	bw := make([]*big.Int, n)
	for i, x := range w {
		bw[i] = new(big.Int).SetUint64(x)
		sum.Add(sum, bw[i])
	}
	bt := big.NewInt(total)
	parts := make([]int64, n)
	rems := make([]*big.Int, n)
	left := total
	for i := range w {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(bt, bw[i]), sum, new(big.Int))
		parts[i] = q.Int64() // q ≤ total, so it fits
		rems[i] = r
		left -= parts[i]
	}
	giveLargestRemainders(parts, int(left), func(a, b int) int { return rems[b].Cmp(rems[a]) })
	return parts
}

// giveLargestRemainders adds one unit to each of the first `left` parts in
// the order "largest remainder first" (cmp compares two indices' remainders,
// negative when a's is larger), ties broken by the earlier index.
func giveLargestRemainders(parts []int64, left int, cmp func(a, b int) int) {
	if left <= 0 {
		return
	}
	idx := make([]int, len(parts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, cmp) // stable: equal remainders keep index order
	for _, i := range idx[:left] {
		parts[i]++
	}
}

// evenWeights returns n weights of 1: the `even` method and the last fallback
// of `history`.
func evenWeights(n int) []int64 {
	w := make([]int64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// HistorySource says which span the `history` method took its weights from.
// The targets screen shows it, because a target split "by history" that in
// fact fell back to even weights should say so.
type HistorySource int

// History sources. HistoryNone is the zero value, returned by DailyTargets for
// methods other than `history` and for level metrics.
const (
	HistoryNone    HistorySource = iota // the method is not history
	HistoryYearAgo                      // same calendar span one year earlier (去年同期)
	HistoryRecent                       // most recent span of the same length (近期)
	HistoryEven                         // no usable history: even weights (平均)
)

// String returns a stable English key: "none", "year_ago", "recent", "even".
func (s HistorySource) String() string {
	switch s {
	case HistoryYearAgo:
		return "year_ago"
	case HistoryRecent:
		return "recent"
	case HistoryEven:
		return "even"
	}
	return "none"
}

// Zh returns the Chinese label of the source for the targets screen.
func (s HistorySource) Zh() string {
	switch s {
	case HistoryYearAgo:
		return "去年同期"
	case HistoryRecent:
		return "近期"
	case HistoryEven:
		return "平均"
	}
	return ""
}

// YearAgo returns the same month and day one year before d, the day the
// `history` method reads for d. February 29 maps to February 28 of the year
// before (which is never a leap year); conversely a February 29 in the year
// before is no day's year-ago day, so its value is not used.
func YearAgo(d Day) Day {
	y, m, dd := d.Date()
	if m == time.February && dd == 29 {
		dd = 28
	}
	return CivilDay(y-1, m, dd)
}

// HistoryWeights returns one non-negative weight per day of period for the
// `history` method, and which span they came from:
//
//  1. HistoryYearAgo: day d weighs the metric's value on YearAgo(d). The span
//     [YearAgo(From), YearAgo(To)] is used only if it lies wholly inside
//     [firstData, lastData] (a span partly before the first day of data, or
//     partly after the last, would give its uncovered days a weight of 0) and
//     its mapped values are not all 0.
//  2. HistoryRecent: otherwise the span of period.Len() days ending at
//     min(period.From−1, lastData), day i of the period weighing day i of that
//     span, used only if it starts on or after firstData and its values are
//     not all 0.
//  3. HistoryEven: otherwise all weights are 1.
//
// daily(w) returns the metric's value for each day of w (len == w.Len()); a
// slice of any other length is treated as missing history. Negative values
// weigh 0. lastData < firstData (or a nil daily) means the store has no data.
// An empty period returns nil and HistoryEven.
func HistoryWeights(period Window, firstData, lastData Day, daily func(Window) []int64) ([]int64, HistorySource) {
	n := period.Len()
	if n == 0 {
		return nil, HistoryEven
	}
	if daily != nil && lastData >= firstData {
		ya := Window{From: YearAgo(period.From), To: YearAgo(period.To)}
		if ya.From >= firstData && ya.To <= lastData {
			if vals := daily(ya); len(vals) == ya.Len() {
				w := make([]int64, n)
				found := false
				for i := range w {
					if v := vals[YearAgo(period.From+Day(i))-ya.From]; v > 0 {
						w[i], found = v, true
					}
				}
				if found {
					return w, HistoryYearAgo
				}
			}
		}
		end := min(period.From-1, lastData)
		if int64(end)-int64(n-1) >= int64(firstData) {
			rec := Window{From: end - Day(n-1), To: end}
			if vals := daily(rec); len(vals) == n {
				w := make([]int64, n)
				found := false
				for i, v := range vals {
					if v > 0 {
						w[i], found = v, true
					}
				}
				if found {
					return w, HistoryRecent
				}
			}
		}
	}
	return evenWeights(n), HistoryEven
}

// CustomWeights prepares the `custom` split of a period: monthWeights holds one
// weight per calendar month the period touches (Months(period), clipped months
// included). Splitting per-day weights would not give each month its exact
// share (a month's days would each carry an inexact fraction), so the split is
// two-level and CustomWeights returns the splitter instead of weights:
//
//  1. Allocate(total, monthWeights) gives each month its part (largest
//     remainder across months; a clipped month gets its whole weight's share
//     for the days of it inside the period);
//  2. each month's part is Allocated evenly over that month's days inside the
//     period (earlier days take the leftover units).
//
// Both levels are exact, so the days sum to each month's part and the months
// to the total. When every weight is 0 the split is even over days (not over
// months, which would favour a short clipped month). Errors: a weight count
// other than the number of months, or a negative weight (user input, so it is
// rejected rather than read as 0), or an empty period. The splitter errs
// only for total < 0.
func CustomWeights(period Window, monthWeights []int64) (func(total int64) ([]int64, error), error) {
	months := Months(period)
	if len(months) == 0 {
		return nil, fmt.Errorf("custom weights: empty period %s..%s", period.From, period.To)
	}
	if len(monthWeights) != len(months) {
		return nil, fmt.Errorf("custom weights: want %d (one per month %s..%s), got %d",
			len(months), monthLabel(months[0].From), monthLabel(months[len(months)-1].From), len(monthWeights))
	}
	allZero := true
	for i, w := range monthWeights {
		if w < 0 {
			return nil, fmt.Errorf("custom weights: weight %d for %s is negative", w, monthLabel(months[i].From))
		}
		if w != 0 {
			allZero = false
		}
	}
	weights := slices.Clone(monthWeights)
	return func(total int64) ([]int64, error) {
		if allZero {
			return Allocate(total, evenWeights(period.Len()))
		}
		perMonth, err := Allocate(total, weights)
		if err != nil {
			return nil, err
		}
		days := make([]int64, 0, period.Len())
		for k, m := range months {
			part, err := Allocate(perMonth[k], evenWeights(m.Len()))
			if err != nil {
				return nil, err
			}
			days = append(days, part...)
		}
		return days, nil
	}, nil
}

// DailyTargets returns the per-day targets of an additive target: one per day
// of [t.From, t.To], summing exactly to t.Value, split by t.Method (`even`;
// `history` via HistoryWeights with firstData, lastData and daily; `custom`
// via CustomWeights with t.Weights). An empty method means even, the CLI's
// default. The HistorySource is HistoryNone unless the method is history.
//
// For a level metric it returns nil, HistoryNone and no error: level targets
// are not split, every sub-period carries the whole value (see Tree).
// Errors: unknown metric or method, an empty period (To < From), a negative
// value, or bad custom weights.
func DailyTargets(t Target, firstData, lastData Day, daily func(Window) []int64) ([]int64, HistorySource, error) {
	info, ok := Metric(t.Metric)
	if !ok {
		return nil, HistoryNone, fmt.Errorf("target %s: unknown metric %q", t.ID, t.Metric)
	}
	if !info.Additive {
		return nil, HistoryNone, nil
	}
	period := Window{From: t.From, To: t.To}
	if period.Len() == 0 {
		return nil, HistoryNone, fmt.Errorf("target %s: period %s..%s ends before it starts", t.ID, t.From, t.To)
	}
	if t.Value < 0 {
		return nil, HistoryNone, fmt.Errorf("target %s: value %d is negative", t.ID, t.Value)
	}
	switch t.Method {
	case MethodEven, "":
		days, err := Allocate(t.Value, evenWeights(period.Len()))
		return days, HistoryNone, err
	case MethodHistory:
		w, src := HistoryWeights(period, firstData, lastData, daily)
		days, err := Allocate(t.Value, w)
		return days, src, err
	case MethodCustom:
		split, err := CustomWeights(period, t.Weights)
		if err != nil {
			return nil, HistoryNone, fmt.Errorf("target %s: %w", t.ID, err)
		}
		days, err := split(t.Value)
		return days, HistoryNone, err
	}
	return nil, HistoryNone, fmt.Errorf("target %s: unknown method %q (want even, history or custom)", t.ID, t.Method)
}
