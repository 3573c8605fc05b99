package model

import (
	"math"
	"testing"
)

func TestRFMSegmentMapping(t *testing.T) {
	// Means R̄ = 10, F̄ = 2, M̄ = 1000 yuan (N = 4). High R: r ≤ 10; high F:
	// f ≥ 2; high M: m ≥ 100000.
	m := RFMMeans{N: 4, SumR: 40, SumF: 8, SumM: 400000}
	const (
		rH, rL = 3, 30
		fH, fL = 5, 1
		mH, mL = 500000, 100
	)
	tests := []struct {
		r, f, mm int64
		want     Segment
		key      string
	}{
		{rH, fH, mH, ImportantValue, "important_value"},
		{rH, fL, mH, ImportantDevelop, "important_develop"},
		{rL, fH, mH, ImportantKeep, "important_keep"},
		{rL, fL, mH, ImportantRetain, "important_retain"},
		{rH, fH, mL, GeneralValue, "general_value"},
		{rH, fL, mL, GeneralDevelop, "general_develop"},
		{rL, fH, mL, GeneralKeep, "general_keep"},
		{rL, fL, mL, GeneralRetain, "general_retain"},
	}
	for _, tt := range tests {
		got := m.Segment(tt.r, tt.f, tt.mm)
		if got != tt.want || got.String() != tt.key {
			t.Errorf("Segment(%d,%d,%d) = %v, want %v", tt.r, tt.f, tt.mm, got, tt.key)
		}
	}
}

func TestRFMTiesAtMean(t *testing.T) {
	// Integer means R̄ = 10, F̄ = 2, M̄ = 100000: a value equal to the mean is high
	// for all three (R ≤ R̄, F ≥ F̄, M ≥ M̄).
	m := RFMMeans{N: 4, SumR: 40, SumF: 8, SumM: 400000}
	tests := []struct {
		r, f, mm   int64
		rh, fh, mh bool
	}{
		{10, 2, 100000, true, true, true},   // exactly the means: 40 ≤ 40, 8 ≥ 8, 400000 ≥ 400000
		{11, 1, 99999, false, false, false}, // one past each: 44 > 40, 4 < 8, 399996 < 400000
		{9, 3, 100001, true, true, true},
	}
	for _, tt := range tests {
		rh, fh, mh := m.High(tt.r, tt.f, tt.mm)
		if rh != tt.rh || fh != tt.fh || mh != tt.mh {
			t.Errorf("High(%d,%d,%d) = %v %v %v", tt.r, tt.f, tt.mm, rh, fh, mh)
		}
	}
	if s := m.Segment(10, 2, 100000); s != ImportantValue {
		t.Errorf("tie segment = %v", s)
	}
	// Fractional means: R̄ = 10/3 ≈ 3.33, F̄ = 7/3 ≈ 2.33, M̄ = −1/3 (refunds).
	// r=3: 9 ≤ 10 high; r=4: 12 > 10 low. f=3: 9 ≥ 7 high; f=2: 6 < 7 low.
	// m=0: 0 ≥ −1 high; m=−1: −3 < −1 low.
	fm := RFMMeans{N: 3, SumR: 10, SumF: 7, SumM: -1}
	if s := fm.Segment(3, 3, 0); s != ImportantValue {
		t.Errorf("got %v", s)
	}
	if s := fm.Segment(4, 2, -1); s != GeneralRetain {
		t.Errorf("got %v", s)
	}
}

func TestRFMAsymmetric(t *testing.T) {
	// Three buyers, means computed from them:
	//   A: R 5,  F 1, M 1000      B: R 50, F 6, M 90000     C: R 20, F 2, M −500
	// ΣR = 75 (R̄ 25), ΣF = 9 (F̄ 3), ΣM = 90500 (M̄ ≈ 30166.67).
	//   A: 5·3=15 ≤ 75 H; 1·3=3 < 9 L; 3000 < 90500 L     → general_develop
	//   B: 150 > 75 L;    18 ≥ 9 H;    270000 ≥ 90500 H   → important_keep
	//   C: 60 ≤ 75 H;     6 < 9 L;     −1500 < 90500 L    → general_develop
	var m RFMMeans
	m.Add(5, 1, 1000)
	m.Add(50, 6, 90000)
	m.Add(20, 2, -500)
	if m != (RFMMeans{N: 3, SumR: 75, SumF: 9, SumM: 90500}) {
		t.Fatalf("means %+v", m)
	}
	for _, c := range []struct {
		r, f, mm int64
		want     Segment
	}{{5, 1, 1000, GeneralDevelop}, {50, 6, 90000, ImportantKeep}, {20, 2, -500, GeneralDevelop}} {
		if got := m.Segment(c.r, c.f, c.mm); got != c.want {
			t.Errorf("Segment(%d,%d,%d) = %v, want %v", c.r, c.f, c.mm, got, c.want)
		}
	}
}

func TestRFMHugeValues(t *testing.T) {
	// M: three buyers 9e18, 0, 0 → ΣM = 9e18 fits int64, but 9e18·3 = 2.7e19
	// does not: wrapped it would be 8.55e18 < 9e18 ("low"). Exactly: high.
	m := RFMMeans{N: 3, SumR: 3, SumF: 3, SumM: 9e18}
	if _, _, mh := m.High(1, 1, 9e18); !mh {
		t.Error("9e18·3 ≥ 9e18 must be high")
	}
	if _, _, mh := m.High(1, 1, 0); mh {
		t.Error("0 < 9e18 must be low")
	}
	// Negative: −9e18, 0, 0 → ΣM = −9e18; −9e18·3 = −2.7e19 < −9e18 → low
	// (wrapped it would be −8.55e18 ≥ −9e18, "high"). 0·3 = 0 ≥ −9e18 → high.
	neg := RFMMeans{N: 3, SumR: 3, SumF: 3, SumM: -9e18}
	if _, _, mh := neg.High(1, 1, -9e18); mh {
		t.Error("−9e18 must be low")
	}
	if _, _, mh := neg.High(1, 1, 0); !mh {
		t.Error("0 must be high")
	}
	// R: MaxInt64 with N = 2, ΣR = MaxInt64: MaxInt64·2 > MaxInt64 → low
	// (wrapped: −2 ≤ MaxInt64, "high").
	r := RFMMeans{N: 2, SumR: math.MaxInt64, SumF: 2, SumM: 2}
	if rh, _, _ := r.High(math.MaxInt64, 1, 1); rh {
		t.Error("R = MaxInt64 must be low")
	}
	// F: huge N and F: (2^40)·(2^40) = 2^80 ≥ ΣF = MaxInt64 → high.
	f := RFMMeans{N: 1 << 40, SumR: 0, SumF: math.MaxInt64, SumM: 0}
	if _, fh, _ := f.High(0, 1<<40, 0); !fh {
		t.Error("F·N = 2^80 must be high")
	}
	if _, fh, _ := f.High(0, 1<<22, 0); fh {
		t.Error("F·N = 2^62 < MaxInt64 must be low")
	}
}
