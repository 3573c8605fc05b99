package model

import (
	"encoding/binary"
	"math"
	"math/big"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"
)

// dcDay parses a YYYY-MM-DD test date or fails the test.
func dcDay(t testing.TB, s string) Day {
	t.Helper()
	d, err := ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// dcSeries returns a daily func over a sparse map of day → value (missing days
// are 0) and records every window it was asked for.
func dcSeries(t testing.TB, values map[string]int64, calls *[]Window) func(Window) []int64 {
	byDay := map[Day]int64{}
	for s, v := range values {
		byDay[dcDay(t, s)] = v
	}
	return func(w Window) []int64 {
		if calls != nil {
			*calls = append(*calls, w)
		}
		out := make([]int64, w.Len())
		for i := range out {
			out[i] = byDay[w.From+Day(i)]
		}
		return out
	}
}

func TestAllocateVectors(t *testing.T) {
	tests := []struct {
		name    string
		total   int64
		weights []int64
		want    []int64
	}{
		// Contract vector 1: Σw = 100000; shares 4.7 1.6 1.58 1.2 0.61 0.31;
		// floors 4 1 1 1 0 0 = 7, 3 units left for the largest remainders
		// .70 (#0), .61 (#4), .60 (#1).
		{"contract 1", 10, []int64{47000, 16000, 15800, 12000, 6100, 3100}, []int64{5, 2, 1, 1, 1, 0}},
		// Contract vector 2: Σw = 580; shares 22.34 32.07 2.28 3.31; floors sum
		// 59, the 1 unit left goes to the largest remainder .34 (#0).
		{"contract 2", 60, []int64{216, 310, 22, 32}, []int64{23, 32, 2, 3}},
		// 2 over 3 equal weights: remainders all 2/3, earlier indices first.
		{"ties earlier first", 2, []int64{1, 1, 1}, []int64{1, 1, 0}},
		// Σw = 6, shares 1 .5 .5 1: the one unit left goes to #1, not #2.
		{"tie in the middle", 3, []int64{2, 1, 1, 2}, []int64{1, 1, 0, 1}},
		// Even over 7 days: 10 = 7·1 + 3, the first three days get one more.
		{"even days", 10, []int64{1, 1, 1, 1, 1, 1, 1}, []int64{2, 2, 2, 1, 1, 1, 1}},
		// All zero → even: 5 = 3·1 + 2.
		{"all zero is even", 5, []int64{0, 0, 0}, []int64{2, 2, 1}},
		// Negative weights are 0: still all zero → even.
		{"negative only is even", 4, []int64{-5, 0, 0, -1}, []int64{1, 1, 1, 1}},
		// Negative weights are 0: weights 0,3,1 over 8 → 0,6,2.
		{"negative is zero", 8, []int64{-5, 3, 1}, []int64{0, 6, 2}},
		{"one non-zero weight", 13, []int64{0, 0, 7, 0}, []int64{0, 0, 13, 0}},
		{"total zero", 0, []int64{3, 4}, []int64{0, 0}},
		{"total zero no parts", 0, nil, []int64{}},
		{"single part", 99, []int64{0}, []int64{99}},
		// 1e15+1 fen over weights 1e12 : 3e12 (products ~3e27 overflow int64):
		// shares 250000000000000.25 and 750000000000000.75, the unit left goes
		// to the .75 remainder.
		{"huge", 1e15 + 1, []int64{1e12, 3e12}, []int64{250000000000000, 750000000000001}},
		// MaxInt64 over 1:1 — share (2⁶³−1)/2 = 4611686018427387903.5 each; the
		// tie gives the unit to #0.
		{"max total", math.MaxInt64, []int64{5, 5}, []int64{4611686018427387904, 4611686018427387903}},
		// Σw = 3·(2⁶³−1) overflows 64 bits (math/big path): 10/3 each → 4 3 3.
		{"weight sum overflows", 10, []int64{math.MaxInt64, math.MaxInt64, math.MaxInt64}, []int64{4, 3, 3}},
		// Big path with a zero weight: 7 over MaxInt64:0:MaxInt64:MaxInt64 →
		// 7/3 each of three → 3 2 2 on the non-zero parts.
		{"big path with zero", 7, []int64{math.MaxInt64, 0, math.MaxInt64, math.MaxInt64}, []int64{3, 0, 2, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Allocate(tc.total, tc.weights)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Allocate(%d, %v) = %v, want %v", tc.total, tc.weights, got, tc.want)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	if _, err := Allocate(-1, []int64{1}); err == nil {
		t.Error("negative total: want an error")
	}
	if _, err := Allocate(5, nil); err == nil {
		t.Error("total over no parts: want an error")
	}
}

func TestAllocateDoesNotModifyWeights(t *testing.T) {
	w := []int64{-3, 0, 5}
	if _, err := Allocate(10, w); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w, []int64{-3, 0, 5}) {
		t.Fatalf("weights changed to %v", w)
	}
}

// refAllocate is an independent, slow reference of largest-remainder
// rounding in math/big: shares, floors, then a stable sort of remainders.
func refAllocate(total int64, weights []int64) []int64 {
	w := make([]*big.Int, len(weights))
	sum := new(big.Int)
	for i, x := range weights {
		w[i] = big.NewInt(max(x, 0))
		sum.Add(sum, w[i])
	}
	if sum.Sign() == 0 {
		for i := range w {
			w[i] = big.NewInt(1)
		}
		sum.SetInt64(int64(len(w)))
	}
	parts := make([]int64, len(w))
	rems := make([]*big.Int, len(w))
	left := total
	for i := range w {
		p := new(big.Int).Mul(big.NewInt(total), w[i])
		q, r := new(big.Int).DivMod(p, sum, new(big.Int))
		parts[i], rems[i] = q.Int64(), r
		left -= q.Int64()
	}
	idx := make([]int, len(w))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rems[idx[a]].Cmp(rems[idx[b]]) > 0 })
	for _, i := range idx[:left] {
		parts[i]++
	}
	return parts
}

// checkAllocation asserts the properties every allocation must have: one
// part per weight, parts ≥ 0, Σ parts = total, |part − exact share| < 1 unit
// (checked exactly as |part·Σw − total·w| < Σw), and zero-weight parts 0
// unless all weights are 0.
func checkAllocation(t testing.TB, total int64, weights, parts []int64) {
	t.Helper()
	if len(parts) != len(weights) {
		t.Fatalf("Allocate(%d, %v): %d parts", total, weights, len(parts))
	}
	w := make([]int64, len(weights))
	sum := new(big.Int)
	for i, x := range weights {
		w[i] = max(x, 0)
		sum.Add(sum, big.NewInt(w[i]))
	}
	if sum.Sign() == 0 {
		for i := range w {
			w[i] = 1
		}
		sum.SetInt64(int64(len(w)))
	}
	got := new(big.Int)
	for i, p := range parts {
		if p < 0 {
			t.Fatalf("Allocate(%d, %v): part %d is %d", total, weights, i, p)
		}
		got.Add(got, big.NewInt(p))
		diff := new(big.Int).Mul(big.NewInt(p), sum)
		diff.Sub(diff, new(big.Int).Mul(big.NewInt(total), big.NewInt(w[i])))
		if diff.Abs(diff).Cmp(sum) >= 0 {
			t.Fatalf("Allocate(%d, %v): part %d = %d is a unit or more from its share", total, weights, i, p)
		}
		if w[i] == 0 && p != 0 {
			t.Fatalf("Allocate(%d, %v): zero-weight part %d got %d", total, weights, i, p)
		}
	}
	if got.Cmp(big.NewInt(total)) != 0 {
		t.Fatalf("Allocate(%d, %v): parts sum to %v", total, weights, got)
	}
}

func TestAllocateProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(20260101))
	// weight draws of every magnitude, zeros and negatives included
	draw := func() int64 {
		switch rng.Intn(8) {
		case 0:
			return 0
		case 1:
			return -rng.Int63n(1000)
		case 2:
			return rng.Int63n(10)
		case 3:
			return rng.Int63n(100000)
		case 4:
			return rng.Int63n(1e12)
		case 5:
			return rng.Int63() // up to MaxInt64: Σw may overflow 64 bits
		default:
			return rng.Int63n(1000)
		}
	}
	for c := 0; c < 5000; c++ {
		n := 1 + rng.Intn(40)
		if rng.Intn(10) == 0 {
			n = 300 + rng.Intn(100) // a year of days
		}
		weights := make([]int64, n)
		for i := range weights {
			weights[i] = draw()
		}
		var total int64
		switch rng.Intn(4) {
		case 0:
			total = rng.Int63n(100)
		case 1:
			total = rng.Int63n(1e15 + 1)
		case 2:
			total = rng.Int63()
		default:
			total = rng.Int63n(10000)
		}
		parts, err := Allocate(total, weights)
		if err != nil {
			t.Fatal(err)
		}
		checkAllocation(t, total, weights, parts)
		if want := refAllocate(total, weights); !slices.Equal(parts, want) {
			t.Fatalf("Allocate(%d, %v) = %v, reference %v", total, weights, parts, want)
		}
	}
}

// FuzzAllocate checks the allocation properties on arbitrary input. raw
// encodes the weights: when its first byte is even every following byte is a
// small signed weight, otherwise every 8 bytes are one int64 weight.
func FuzzAllocate(f *testing.F) {
	f.Add(int64(10), []byte{0, 47, 16, 16, 12, 6, 3})
	f.Add(int64(60), []byte{0, 100, 110, 22, 32})
	f.Add(int64(0), []byte{})
	f.Add(int64(-3), []byte{0, 1})
	f.Add(int64(math.MaxInt64), []byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Add(int64(1e15), []byte{1, 0, 0x10, 0xa5, 0xd4, 0xe8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, total int64, raw []byte) {
		var weights []int64
		if len(raw) > 0 {
			if raw[0]%2 == 0 {
				for _, b := range raw[1:] {
					weights = append(weights, int64(int8(b)))
				}
			} else {
				for rest := raw[1:]; len(rest) > 0; {
					var buf [8]byte
					k := copy(buf[:], rest)
					rest = rest[k:]
					weights = append(weights, int64(binary.LittleEndian.Uint64(buf[:])))
				}
			}
		}
		if len(weights) > 2000 {
			weights = weights[:2000]
		}
		parts, err := Allocate(total, weights)
		switch {
		case total < 0 || (total > 0 && len(weights) == 0):
			if err == nil {
				t.Fatalf("Allocate(%d, %v): want an error", total, weights)
			}
			return
		case err != nil:
			t.Fatalf("Allocate(%d, %v): %v", total, weights, err)
		}
		checkAllocation(t, total, weights, parts)
		if want := refAllocate(total, weights); !slices.Equal(parts, want) {
			t.Fatalf("Allocate(%d, %v) = %v, reference %v", total, weights, parts, want)
		}
	})
}

func TestYearAgo(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-03-15", "2025-03-15"},
		{"2024-02-29", "2023-02-28"}, // no Feb 29 in 2023
		{"2024-02-28", "2023-02-28"},
		{"2025-03-01", "2024-03-01"},
		{"2026-01-01", "2025-01-01"},
	}
	for _, tc := range tests {
		if got := YearAgo(dcDay(t, tc.in)); got.String() != tc.want {
			t.Errorf("YearAgo(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestHistoryWeights(t *testing.T) {
	tests := []struct {
		name            string
		from, to        string
		first, last     string
		data            map[string]int64
		want            []int64
		wantSrc         HistorySource
		wantFirstWindow Window // the first window daily was asked for (zero: not checked)
	}{
		{
			name: "year ago", from: "2026-03-01", to: "2026-03-03", first: "2025-01-01", last: "2026-02-28",
			data:    map[string]int64{"2025-03-01": 5, "2025-03-02": 0, "2025-03-03": 7, "2026-02-28": 100},
			want:    []int64{5, 0, 7},
			wantSrc: HistoryYearAgo,
		},
		{
			// 2025-01-01..05 starts before firstData 2025-01-03: recent span
			// of 5 days ending at period.From−1 = 2025-12-31.
			name: "year ago partly before first data", from: "2026-01-01", to: "2026-01-05", first: "2025-01-03", last: "2025-12-31",
			data: map[string]int64{"2025-01-03": 9, "2025-01-04": 9, "2025-01-05": 9,
				"2025-12-27": 1, "2025-12-28": 2, "2025-12-29": 3, "2025-12-30": 4, "2025-12-31": 5},
			want:    []int64{1, 2, 3, 4, 5},
			wantSrc: HistoryRecent,
		},
		{
			// Last data long before the period: the recent span ends at lastData.
			name: "recent ends at last data", from: "2026-01-01", to: "2026-01-03", first: "2025-06-01", last: "2025-11-30",
			data:    map[string]int64{"2025-11-28": 3, "2025-11-29": -4, "2025-11-30": 6},
			want:    []int64{3, 0, 6}, // negative weighs 0
			wantSrc: HistoryRecent,
		},
		{
			// The period has begun (data to 2026-01-10): the recent span ends
			// the day before it starts, never inside it.
			name: "recent ends before period", from: "2026-01-01", to: "2026-01-02", first: "2025-06-01", last: "2026-01-10",
			data:    map[string]int64{"2025-12-30": 8, "2025-12-31": 2, "2026-01-01": 50},
			want:    []int64{8, 2},
			wantSrc: HistoryRecent,
		},
		{
			name: "year ago sums to zero", from: "2026-03-01", to: "2026-03-02", first: "2025-01-01", last: "2026-02-28",
			data:    map[string]int64{"2026-02-27": 1, "2026-02-28": 3},
			want:    []int64{1, 3},
			wantSrc: HistoryRecent,
		},
		{
			// A period longer than the data reaches: year-ago span 2025-01-01..
			// 2026-01-31 runs past lastData 2025-12-31, so it is missing.
			name: "year ago past last data", from: "2026-01-01", to: "2027-01-31", first: "2020-01-01", last: "2025-12-31",
			data:    map[string]int64{"2025-01-01": 1},
			wantSrc: HistoryRecent,
		},
		{
			// Recent span 2025-12-27..31 starts before firstData 2025-12-30.
			name: "recent before first data is even", from: "2026-01-01", to: "2026-01-05", first: "2025-12-30", last: "2025-12-31",
			data:    map[string]int64{"2025-12-30": 4, "2025-12-31": 4},
			want:    []int64{1, 1, 1, 1, 1},
			wantSrc: HistoryEven,
		},
		{
			name: "recent sums to zero is even", from: "2026-01-01", to: "2026-01-03", first: "2025-12-01", last: "2025-12-31",
			data:    map[string]int64{"2025-12-01": 4},
			want:    []int64{1, 1, 1},
			wantSrc: HistoryEven,
		},
		{
			name: "no data is even", from: "2026-01-01", to: "2026-01-02", first: "2026-01-01", last: "2025-12-31",
			want:    []int64{1, 1},
			wantSrc: HistoryEven,
		},
		{
			// Leap period: 2024-02-28 and 2024-02-29 both read 2023-02-28, so
			// daily is asked for 2023-02-28..2023-03-01 (2 days) only.
			name: "feb 29 in the period", from: "2024-02-28", to: "2024-03-01", first: "2020-01-01", last: "2024-02-27",
			data:            map[string]int64{"2023-02-28": 4, "2023-03-01": 6},
			want:            []int64{4, 4, 6},
			wantSrc:         HistoryYearAgo,
			wantFirstWindow: Window{dcDay(t, "2023-02-28"), dcDay(t, "2023-03-01")},
		},
		{
			// Feb 29 a year back is nobody's year-ago day: its 100 is unused.
			name: "feb 29 a year back", from: "2025-02-28", to: "2025-03-01", first: "2020-01-01", last: "2025-02-27",
			data:    map[string]int64{"2024-02-28": 4, "2024-02-29": 100, "2024-03-01": 6},
			want:    []int64{4, 6},
			wantSrc: HistoryYearAgo,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var calls []Window
			period := Window{dcDay(t, tc.from), dcDay(t, tc.to)}
			got, src := HistoryWeights(period, dcDay(t, tc.first), dcDay(t, tc.last), dcSeries(t, tc.data, &calls))
			if src != tc.wantSrc {
				t.Fatalf("source %v, want %v", src, tc.wantSrc)
			}
			if len(got) != period.Len() {
				t.Fatalf("%d weights for %d days", len(got), period.Len())
			}
			if tc.want != nil && !slices.Equal(got, tc.want) {
				t.Fatalf("weights %v, want %v", got, tc.want)
			}
			if tc.wantFirstWindow != (Window{}) && (len(calls) == 0 || calls[0] != tc.wantFirstWindow) {
				t.Fatalf("daily asked for %v, want %v first", calls, tc.wantFirstWindow)
			}
		})
	}
}

func TestHistoryWeightsBadDaily(t *testing.T) {
	// A daily func that returns the wrong length is missing history.
	short := func(w Window) []int64 { return []int64{1} }
	period := Window{dcDay(t, "2026-01-01"), dcDay(t, "2026-01-03")}
	got, src := HistoryWeights(period, dcDay(t, "2020-01-01"), dcDay(t, "2025-12-31"), short)
	if src != HistoryEven || !slices.Equal(got, []int64{1, 1, 1}) {
		t.Fatalf("got %v %v, want even", got, src)
	}
	if got, src := HistoryWeights(period, 0, 100000, nil); src != HistoryEven || len(got) != 3 {
		t.Fatalf("nil daily: got %v %v", got, src)
	}
	if got, src := HistoryWeights(Window{From: 10, To: 9}, 0, 100, short); got != nil || src != HistoryEven {
		t.Fatalf("empty period: got %v %v", got, src)
	}
}

func TestHistorySourceStrings(t *testing.T) {
	for s, want := range map[HistorySource]string{HistoryNone: "none", HistoryYearAgo: "year_ago", HistoryRecent: "recent", HistoryEven: "even"} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", s, s.String(), want)
		}
		if (s.Zh() == "") != (s == HistoryNone) {
			t.Errorf("%v.Zh() = %q", s, s.Zh())
		}
	}
}

func TestCustomWeights(t *testing.T) {
	// 2026-01-20..2026-03-10: Jan 20–31 (12 days), Feb (28), Mar 1–10 (10).
	period := Window{dcDay(t, "2026-01-20"), dcDay(t, "2026-03-10")}
	rep := func(v int64, n int) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = v
		}
		return out
	}
	cat := func(parts ...[]int64) []int64 { return slices.Concat(parts...) }
	tests := []struct {
		name    string
		weights []int64
		total   int64
		want    []int64
	}{
		// Months 1:2:2 of 1000 → 200, 400, 400. Jan: 200 = 12·16 + 8, the
		// first 8 days get 17. Feb: 400 = 28·14 + 8, the first 8 get 15.
		// Mar: 400 = 10·40.
		{"mid-month start and end", []int64{1, 2, 2}, 1000,
			cat(rep(17, 8), rep(16, 4), rep(15, 8), rep(14, 20), rep(40, 10))},
		// Equal weights of 10 → 4, 3, 3 (tie: earlier month first); each
		// month's units go to its first days.
		{"ties", []int64{5, 5, 5}, 10,
			cat(rep(1, 4), rep(0, 8), rep(1, 3), rep(0, 25), rep(1, 3), rep(0, 7))},
		// A zero month gets nothing.
		{"zero month", []int64{0, 1, 0}, 56, cat(rep(0, 12), rep(2, 28), rep(0, 10))},
		// All zero: even over the 50 days, not over months.
		{"all zero is even by day", []int64{0, 0, 0}, 50, rep(1, 50)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			split, err := CustomWeights(period, tc.weights)
			if err != nil {
				t.Fatal(err)
			}
			got, err := split(tc.total)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %v\nwant %v", got, tc.want)
			}
		})
	}
	if _, err := CustomWeights(period, []int64{1, 2}); err == nil || !strings.Contains(err.Error(), "want 3") {
		t.Errorf("two weights for three months: err %v", err)
	}
	if _, err := CustomWeights(period, []int64{1, -2, 3}); err == nil {
		t.Error("negative weight: want an error")
	}
	if _, err := CustomWeights(Window{From: 5, To: 4}, nil); err == nil {
		t.Error("empty period: want an error")
	}
	split, _ := CustomWeights(period, []int64{1, 1, 1})
	if _, err := split(-1); err == nil {
		t.Error("negative total: want an error")
	}
}

func TestDailyTargets(t *testing.T) {
	jan := func(m Method, v int64, w ...int64) Target {
		return Target{ID: "t1", Metric: "orders", From: dcDay(t, "2026-01-01"), To: dcDay(t, "2026-01-05"), Value: v, Method: m, Weights: w}
	}
	data := dcSeries(t, map[string]int64{"2025-01-01": 1, "2025-01-02": 1, "2025-01-03": 2, "2025-01-04": 0, "2025-01-05": 6}, nil)
	first, last := dcDay(t, "2024-06-01"), dcDay(t, "2025-12-31")

	tests := []struct {
		name    string
		t       Target
		want    []int64
		wantSrc HistorySource
	}{
		{"even", jan(MethodEven, 12), []int64{3, 3, 2, 2, 2}, HistoryNone},           // 12 = 5·2 + 2
		{"empty method is even", jan("", 7), []int64{2, 2, 1, 1, 1}, HistoryNone},    // 7 = 5·1 + 2
		{"history", jan(MethodHistory, 20), []int64{2, 2, 4, 0, 12}, HistoryYearAgo}, // Σw = 10, 20·w/10
		{"custom", jan(MethodCustom, 9, 4), []int64{2, 2, 2, 2, 1}, HistoryNone},     // one month; 9 = 5·1 + 4
		{"level metric is not split", Target{Metric: "repurchase_rate", From: 1, To: 30, Value: 2500}, nil, HistoryNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, src, err := DailyTargets(tc.t, first, last, data)
			if err != nil {
				t.Fatal(err)
			}
			if src != tc.wantSrc || !slices.Equal(got, tc.want) {
				t.Fatalf("got %v %v, want %v %v", got, src, tc.want, tc.wantSrc)
			}
		})
	}

	bad := []struct {
		name string
		t    Target
	}{
		{"unknown metric", Target{Metric: "nps", From: 1, To: 2, Value: 1}},
		{"unknown method", jan("weekly", 5)},
		{"empty period", Target{Metric: "gmv", From: 5, To: 4, Value: 1}},
		{"negative value", jan(MethodEven, -1)},
		{"custom weight count", jan(MethodCustom, 5, 1, 2)},
	}
	for _, tc := range bad {
		if _, _, err := DailyTargets(tc.t, first, last, data); err == nil {
			t.Errorf("%s: want an error", tc.name)
		}
	}
}

// TestDailyTargetsSumExactly draws random additive targets of every method
// and checks the days sum to the value and are never negative.
func TestDailyTargetsSumExactly(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	base := dcDay(t, "2025-01-01")
	daily := func(w Window) []int64 {
		out := make([]int64, w.Len())
		for i := range out {
			d := int64(w.From) + int64(i)
			out[i] = (d * 7919) % 1000 // deterministic, some zeros
		}
		return out
	}
	methods := []Method{MethodEven, MethodHistory, MethodCustom}
	for c := 0; c < 2000; c++ {
		from := base + Day(rng.Intn(800))
		to := from + Day(rng.Intn(400))
		tg := Target{Metric: "gmv", From: from, To: to, Value: rng.Int63n(1e13), Method: methods[rng.Intn(3)]}
		if tg.Method == MethodCustom {
			for range Months(Window{from, to}) {
				tg.Weights = append(tg.Weights, rng.Int63n(5))
			}
		}
		days, _, err := DailyTargets(tg, base, base+600, daily)
		if err != nil {
			t.Fatal(err)
		}
		if len(days) != (Window{from, to}).Len() {
			t.Fatalf("%d days for %s..%s", len(days), from, to)
		}
		var sum int64
		for _, v := range days {
			if v < 0 {
				t.Fatalf("negative day target %d", v)
			}
			sum += v
		}
		if sum != tg.Value {
			t.Fatalf("%+v: days sum to %d", tg, sum)
		}
	}
}
