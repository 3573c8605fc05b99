package model

import "math/bits"

// int128 is a signed 128-bit integer in two's complement, just enough to
// compare products of two int64 values exactly (the RFM rule compares x·n
// against Σx without floats and without overflow).
type int128 struct {
	hi int64
	lo uint64
}

// int128Of sign-extends x.
func int128Of(x int64) int128 { return int128{hi: x >> 63, lo: uint64(x)} }

// mul128 returns the exact product a·b.
func mul128(a, b int64) int128 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	// The unsigned product of the two's-complement bit patterns differs from
	// the signed product by b·2^64 when a < 0 and by a·2^64 when b < 0.
	h := int64(hi)
	if a < 0 {
		h -= b
	}
	if b < 0 {
		h -= a
	}
	return int128{hi: h, lo: lo}
}

// cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x int128) cmp(y int128) int {
	switch {
	case x.hi < y.hi:
		return -1
	case x.hi > y.hi:
		return 1
	case x.lo < y.lo:
		return -1
	case x.lo > y.lo:
		return 1
	}
	return 0
}
