package theme

import (
	"strconv"

	"github.com/memberops/cockpit/model"
)

// Count formats an integer with thousands separators: 1234567 → "1,234,567".
func Count(n int64) string {
	var buf [32]byte
	return string(appendGrouped(buf[:0], n))
}

func appendGrouped(dst []byte, n int64) []byte {
	u := uint64(n)
	if n < 0 {
		dst = append(dst, '-')
		u = -u
	}
	var digits [24]byte
	s := strconv.AppendUint(digits[:0], u, 10)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, c)
	}
	return dst
}

// Money formats fen as yuan with the ¥ sign, thousands separators and two
// decimals, from model.FormatFen: 123456789 → "¥1,234,567.89".
func Money(fen int64) string {
	s := model.FormatFen(fen) // "-1234567.89"
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	dot := len(s) - 3
	out := make([]byte, 0, len(s)+8)
	if neg {
		out = append(out, '-')
	}
	out = append(out, "¥"...)
	for i := 0; i < dot; i++ {
		if i > 0 && (dot-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(append(out, s[dot:]...))
}

// Percent formats a ratio as a percentage with one decimal ("12.3%"), or dash
// when the ratio is undefined.
func Percent(r model.Ratio, dash string) string {
	if !r.Valid() {
		return dash
	}
	return strconv.FormatFloat(r.Float()*100, 'f', 1, 64) + "%"
}

// Compact formats a non-negative quantity in few characters for chart axes:
// 1234 → "1,234", 123456 → "123.5k" (zh: "12.3万"), 12345678 → "12.3M" (zh:
// "1234.6万"; from 1e8 "1.2亿").
func Compact(v float64, zh bool) string {
	a := v
	if a < 0 {
		a = -a
	}
	f := func(x float64, suffix string) string {
		return strconv.FormatFloat(x, 'f', 1, 64) + suffix
	}
	switch {
	case zh && a >= 1e8:
		return f(v/1e8, "亿")
	case zh && a >= 1e5:
		return f(v/1e4, "万")
	case !zh && a >= 1e9:
		return f(v/1e9, "B")
	case !zh && a >= 1e6:
		return f(v/1e6, "M")
	case !zh && a >= 1e5:
		return f(v/1e3, "k")
	case a >= 100 || v == float64(int64(v)):
		return Count(int64(v + 0.5*sign(v)))
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}
