package overview

import (
	"math"
	"strings"
)

// resample fits series into n points: when it is longer, each point is the
// mean of its bucket of consecutive values (NaNs ignored; a bucket of only
// NaNs stays NaN); when it is shorter or equal it is returned as is.
func resample(series []float64, n int) []float64 {
	if n <= 0 || len(series) <= n {
		return series
	}
	out := make([]float64, n)
	for i := range out {
		lo := i * len(series) / n
		hi := (i + 1) * len(series) / n
		sum, k := 0.0, 0
		for _, v := range series[lo:hi] {
			if !math.IsNaN(v) {
				sum += v
				k++
			}
		}
		if k == 0 {
			out[i] = math.NaN()
		} else {
			out[i] = sum / float64(k)
		}
	}
	return out
}

// stretch widens series to n points by repeating each value over its share
// of the columns (a step per value, values kept exact); a series of n or
// more points is returned as is.
func stretch(series []float64, n int) []float64 {
	if len(series) == 0 || len(series) >= n {
		return series
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = series[i*len(series)/n]
	}
	return out
}

// sparkline draws series with one level glyph per value, scaled between the
// series' minimum and maximum; NaN draws as a space. A flat series draws at
// the lowest level.
func sparkline(series []float64, levels []rune) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range series {
		if math.IsNaN(v) {
			continue
		}
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	var b strings.Builder
	b.Grow(len(series) * 3)
	top := float64(len(levels) - 1)
	for _, v := range series {
		switch {
		case math.IsNaN(v):
			b.WriteByte(' ')
		case hi <= lo:
			b.WriteRune(levels[0])
		default:
			b.WriteRune(levels[int(math.Round((v-lo)/(hi-lo)*top))])
		}
	}
	return b.String()
}
