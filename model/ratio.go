package model

import (
	"math"
	"strconv"
)

// Ratio is an exact ratio of two integers, kept unreduced so that the
// numerator and denominator stay meaningful (e.g. 12 buyers of 40 members).
// Den == 0 means the ratio is undefined: the contract shows it as null in JSON
// and "—" on screen.
type Ratio struct{ Num, Den int64 }

// Valid reports whether the ratio is defined (its denominator is not zero).
func (r Ratio) Valid() bool { return r.Den != 0 }

// Float returns Num/Den, or 0 when the ratio is undefined (never NaN or Inf).
func (r Ratio) Float() float64 {
	if r.Den == 0 {
		return 0
	}
	return float64(r.Num) / float64(r.Den)
}

// MarshalJSON encodes an undefined ratio as null and a defined one as a
// number rounded to at most 6 decimals (0.333333, 0.25, 1).
func (r Ratio) MarshalJSON() ([]byte, error) {
	if r.Den == 0 {
		return []byte("null"), nil
	}
	v := math.Round(r.Float()*1e6) / 1e6
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.AppendFloat(nil, v, 'f', -1, 64), nil
}
