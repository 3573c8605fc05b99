package model

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func big128(x int128) *big.Int {
	v := new(big.Int).SetInt64(x.hi)
	v.Lsh(v, 64)
	return v.Add(v, new(big.Int).SetUint64(x.lo))
}

func TestMul128(t *testing.T) {
	edge := []int64{0, 1, -1, 2, -2, 3, 1 << 31, -(1 << 31), 1<<62 + 12345, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1, 9e18, -9e18}
	rng := rand.New(rand.NewPCG(1, 2))
	vals := append([]int64(nil), edge...)
	for range 200 {
		vals = append(vals, int64(rng.Uint64()), rng.Int64N(1<<20)-1<<19)
	}
	for _, a := range vals {
		for _, b := range vals {
			got := big128(mul128(a, b))
			want := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
			if got.Cmp(want) != 0 {
				t.Fatalf("mul128(%d,%d) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestInt128Cmp(t *testing.T) {
	vals := []int64{math.MinInt64, -5, -1, 0, 1, 5, math.MaxInt64}
	for _, a := range vals {
		for _, b := range vals {
			want := 0
			if a < b {
				want = -1
			} else if a > b {
				want = 1
			}
			if got := int128Of(a).cmp(int128Of(b)); got != want {
				t.Errorf("cmp(%d,%d) = %d", a, b, got)
			}
		}
	}
	// Products beyond int64 compare correctly against sign-extended values.
	if mul128(math.MaxInt64, 2).cmp(int128Of(math.MaxInt64)) != 1 {
		t.Error("MaxInt64·2 > MaxInt64")
	}
	if mul128(math.MinInt64, 2).cmp(int128Of(math.MinInt64)) != -1 {
		t.Error("MinInt64·2 < MinInt64")
	}
	if mul128(math.MinInt64, -1).cmp(int128Of(math.MaxInt64)) != 1 {
		t.Error("−MinInt64 > MaxInt64")
	}
}
