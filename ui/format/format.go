// Package format is the one place where the cockpit writes a figure as text,
// for the TUI and for the command line alike (cmd/cockpit imports it too), so
// that the same value reads the same everywhere. It is organised by metric
// unit:
//
//   - money, kept in integer fen: Money "¥14,100,000.00" (always separators,
//     always two decimals), MoneyWhole "¥14,100,000" where cents are noise;
//   - counts: Count "1,050,000", never e-notation, never a fraction;
//   - rates (ratios): Rate "12.3%" from an exact model.Ratio, RateValue
//     for RatioScale target values ("14.0%"), Percent for a
//     quantity already in percent (a change, a progress);
//   - rate gaps: percentage points, PointsGap "-5.3pt" / "-5.3个百分点",
//     never "-5.28%";
//   - dates: Date "2026-02-05" (ISO, in every language);
//   - tight spaces: Compact "12.3万" / "123.5k", and Axis, which writes every
//     label of one chart axis in one unit and one precision.
//
// Why a package of its own and not ui/theme: theme is about how things look
// (styles, glyphs, widths) and needs a lipgloss renderer; formatting figures
// is about what they say, is needed by cmd/cockpit, which has no session
// renderer, and is language-aware (the words "pt"/"个百分点" come from the
// catalogue in ui/i18n). Figures that are undefined (a ratio with a zero
// denominator) are written as Dash.
//
// Every function is pure and safe for many sessions at once.
package format

import (
	"math"
	"strconv"
	"strings"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/i18n"
)

// Dash stands for a figure that is not defined (a ratio over zero members).
// Panes in ASCII mode pass their own glyph where a function takes a dash.
const Dash = "—"

// Unit is what a metric's numbers measure; it picks the format.
type Unit uint8

// The units of the cockpit's metrics.
const (
	UnitCount Unit = iota // members, orders, events
	UnitMoney             // fen (Axis: yuan)
	UnitRate              // ratios (Axis: values already in percent)
)

// UnitOf is the unit of a metric by its key (model.Metric); unknown metrics
// are counts.
func UnitOf(metric string) Unit {
	info, _ := model.Metric(metric)
	switch {
	case info.Money:
		return UnitMoney
	case info.Rate:
		return UnitRate
	}
	return UnitCount
}

// Count writes an integer with thousands separators: 1234567 → "1,234,567".
func Count(n int64) string {
	var buf [32]byte
	return string(appendGrouped(buf[:0], n))
}

// appendGrouped appends n with a comma every three digits.
func appendGrouped(dst []byte, n int64) []byte {
	u := uint64(n)
	if n < 0 {
		dst = append(dst, '-')
		u = -u // two's complement: right for math.MinInt64 too
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

// Money writes fen as yuan with the ¥ sign, separators and two decimals:
// 1410000000 → "¥14,100,000.00", -150 → "-¥1.50". Exact: no float.
func Money(fen int64) string {
	u := uint64(fen)
	out := make([]byte, 0, 32)
	if fen < 0 {
		out = append(out, '-')
		u = -u
	}
	out = append(out, "¥"...)
	out = appendGroupedU(out, u/100)
	c := u % 100
	return string(append(out, '.', byte('0'+c/10), byte('0'+c%10)))
}

// MoneyWhole writes fen as whole yuan, rounded half away from zero, with
// separators: 123450 → "¥1,235". For averages and tight cells where cents
// are noise.
func MoneyWhole(fen int64) string {
	u := uint64(fen)
	out := make([]byte, 0, 32)
	if fen < 0 {
		out = append(out, '-')
		u = -u
	}
	out = append(out, "¥"...)
	y := u / 100
	if u%100 >= 50 {
		y++
	}
	return string(appendGroupedU(out, y))
}

func appendGroupedU(dst []byte, u uint64) []byte {
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

// Rate writes a ratio as a percentage with one decimal, rounded half away
// from zero exactly (1/8 → "12.5%", 1/3 → "33.3%"), or dash when the ratio
// is undefined.
func Rate(r model.Ratio, dash string) string {
	if !r.Valid() {
		return dash
	}
	return tenths(roundedTenthsOfPercent(r), "%")
}

// roundedTenthsOfPercent is Num/Den in tenths of a percent (×1000), rounded
// half away from zero; exact while Num×2000 fits in an int64, by float beyond.
func roundedTenthsOfPercent(r model.Ratio) int64 {
	num, den := r.Num, r.Den
	if den < 0 {
		num, den = -num, -den
	}
	const lim = math.MaxInt64 / 2000
	if num > lim || num < -lim || den > lim {
		return int64(math.Round(float64(num) / float64(den) * 1000))
	}
	neg := num < 0
	if neg {
		num = -num
	}
	q := (num*2000 + den) / (2 * den)
	if neg {
		return -q
	}
	return q
}

// tenths writes t/10 with one decimal and separators, then suffix.
func tenths(t int64, suffix string) string {
	u := uint64(t)
	out := make([]byte, 0, 24)
	if t < 0 {
		out = append(out, '-')
		u = -u
	}
	out = appendGroupedU(out, u/10)
	out = append(out, '.', byte('0'+u%10))
	return string(out) + suffix
}

// RateValue writes a rate stored in RatioScale units (a target's value, a
// rate target's actual or expected) as Rate does: one decimal, rounded half
// away from zero, so a column of rates reads alike: 1400 → "14.0%", 3972 →
// "39.7%", 78 → "0.8%". (The form shows the exact value when editing.)
func RateValue(v int64) string {
	return Rate(model.Ratio{Num: v, Den: model.RatioScale}, Dash)
}

// Percent writes a quantity already in percent (a change against the
// previous window, a progress) with one decimal and separators:
// 12.34 → "12.3%", -1234.5 → "-1,234.5%". NaN and infinities are dash.
func Percent(p float64, dash string) string {
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return dash
	}
	return tenths(roundHalfAway(p*10), "%")
}

// Points writes a difference of two rates in percentage points, one
// decimal, with the language's unit: -5.28 → "-5.3pt" / "-5.3个百分点". The
// sign is written for negatives only (see PointsGap for a signed gap).
func Points(pp float64, lang i18n.Lang) string {
	if math.IsNaN(pp) || math.IsInf(pp, 0) {
		return Dash
	}
	return tenths(roundHalfAway(pp*10), i18n.New(lang).T("fmt.pt"))
}

// PointsGap writes a gap between two rates kept in RatioScale units (a rate
// target's actual minus expected) in percentage points with an explicit
// sign: -528 → "-5.3pt", 40 → "+0.4pt", 0 → "0.0pt". Exact: no float.
func PointsGap(v int64, lang i18n.Lang) string {
	// v/100 points; tenths of a point are v/10, rounded half away from zero.
	t := v / 10
	if r := v % 10; r >= 5 {
		t++
	} else if r <= -5 {
		t--
	}
	s := tenths(t, i18n.New(lang).T("fmt.pt"))
	if t > 0 {
		s = "+" + s
	}
	return s
}

// Decimal writes x with dec decimals (0–3) and separators: an average
// number of days, a mean frequency. 1234.56, 1 → "1,234.6".
func Decimal(x float64, dec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return Dash
	}
	dec = min(max(dec, 0), 3)
	scale := math.Pow10(dec)
	n := roundHalfAway(x * scale)
	u := uint64(n)
	out := make([]byte, 0, 32)
	if n < 0 {
		out = append(out, '-')
		u = -u
	}
	p := uint64(scale)
	out = appendGroupedU(out, u/p)
	if dec > 0 {
		frac := strconv.FormatUint(u%p+p, 10)[1:] // zero-padded
		out = append(out, '.')
		out = append(out, frac...)
	}
	return string(out)
}

func roundHalfAway(x float64) int64 {
	if x > math.MaxInt64/2 || x < math.MinInt64/2 {
		return int64(math.Copysign(math.MaxInt64/2, x))
	}
	return int64(math.Round(x))
}

// Date writes a day in ISO form, "2026-02-05", in every language: never a
// two-digit year.
func Date(d model.Day) string { return d.String() }

// Period writes a period from … to as "2026-01-01~2026-12-31".
func Period(from, to model.Day) string { return from.String() + "~" + to.String() }

// magnitude is one compact step: values from min up are divided by div and
// written with suffix.
type magnitude struct {
	min, div float64
	suffix   string
}

// magnitudes are the compact steps of a language, largest first: English
// groups by thousands (k, M, B), Chinese by 万 and 亿. Both start at 10,000,
// where Chinese starts counting in 万; below it figures stay whole.
func magnitudes(lang i18n.Lang) []magnitude {
	if lang == i18n.Zh {
		return []magnitude{{1e8, 1e8, "亿"}, {1e4, 1e4, "万"}}
	}
	return []magnitude{{1e9, 1e9, "B"}, {1e6, 1e6, "M"}, {1e4, 1e3, "k"}}
}

// Compact writes a quantity in few columns: whole numbers with separators
// below 10,000, then the language's magnitude with one decimal, two when
// fewer than ten units (three significant digits at least): 123456 →
// "123.5k" / "12.3万", 1081643 → "1.08M" / "108.2万", 3e8 → "300.0M" /
// "3.00亿". Money callers pass yuan and put the ¥ in front (CompactMoney).
func Compact(v float64, lang i18n.Lang) string {
	a := math.Abs(v)
	for _, m := range magnitudes(lang) {
		if a >= m.min {
			// At least three significant digits: ¥1.08M and ¥1.20M stay
			// apart (one decimal would write both ¥1.1M/¥1.2M-like).
			dec := 1
			if a/m.div < 10 {
				dec = 2
			}
			return Decimal(v/m.div, dec) + m.suffix
		}
	}
	return Count(roundHalfAway(v))
}

// CompactMoney is Compact for fen, with the ¥ sign: "¥12.3万", "-¥1,234".
func CompactMoney(fen int64, lang i18n.Lang) string {
	if fen < 0 && fen != math.MinInt64 {
		return "-" + CompactMoney(-fen, lang)
	}
	return "¥" + Compact(float64(fen)/100, lang)
}

// Value writes a value in its metric's unit (a target's value, an actual, an
// expected-to-date): money as Money, rates as RateValue (RatioScale units),
// counts as Count.
func Value(metric string, v int64) string {
	switch UnitOf(metric) {
	case UnitMoney:
		return Money(v)
	case UnitRate:
		return RateValue(v)
	}
	return Count(v)
}

// CompactValue is Value in few columns: rates are already short and stay
// exact; money and counts are Compact.
func CompactValue(metric string, v int64, lang i18n.Lang) string {
	switch UnitOf(metric) {
	case UnitMoney:
		return CompactMoney(v, lang)
	case UnitRate:
		return RateValue(v)
	}
	return Compact(float64(v), lang)
}

// Gap writes a difference of two values of a metric with an explicit sign:
// money "+¥1,234.00", counts "-1,234", rates in percentage points "-5.3pt"
// / "-5.3个百分点" (also in a tight column: no English unit in Chinese).
// compact (a tight column) writes money and counts as CompactValue does.
func Gap(metric string, v int64, compact bool, lang i18n.Lang) string {
	if UnitOf(metric) == UnitRate {
		return PointsGap(v, lang)
	}
	var s string
	if compact {
		s = CompactValue(metric, v, lang)
	} else {
		s = Value(metric, v)
	}
	if v > 0 {
		s = "+" + s
	}
	return s
}

// Axis returns the formatter of one chart axis whose labels go up to hi in
// absolute value: every label in the same unit and with the same number of
// decimals, chosen from hi, so no axis shows "16.7万" beside "91,359" and
// labels line up; compact units keep three significant digits at the top of
// the scale. Money axes take yuan and write no ¥ (the chart's title
// names the unit); rate axes take values already in percent and write "%";
// count axes write whole numbers only (no "1.82" members).
func Axis(hi float64, u Unit, lang i18n.Lang) func(float64) string {
	hi = math.Abs(hi)
	if u == UnitRate {
		dec := 1
		if hi < 1 {
			dec = 2
		}
		return func(v float64) string { return Decimal(v, dec) + "%" }
	}
	for _, m := range magnitudes(lang) {
		// An axis stays in whole units below 100,000 ("91,359"): its labels
		// have the room, and 0.66万 reads worse than 6,584.
		if hi >= m.min && hi >= 1e5 {
			// Three significant digits at the top: 1.04M, 16.7万, 167k.
			dec := 0
			switch top := hi / m.div; {
			case top < 10:
				dec = 2
			case top < 100:
				dec = 1
			}
			return func(v float64) string { return Decimal(v/m.div, dec) + m.suffix }
		}
	}
	dec := 0
	if u == UnitMoney && hi < 100 {
		dec = 2
	}
	return func(v float64) string { return Decimal(v, dec) }
}

// Input writes a stored value the way a form field reads it back
// (model.ParseTargetValue): yuan without separators and without ".00"
// ("1234.5" stays "1234.50"), a rate as an exact percentage ("14.25%",
// "14%"), a count as digits. It is the editable form of Value, never shown
// as a figure.
func Input(metric string, v int64) string {
	switch UnitOf(metric) {
	case UnitMoney:
		return strings.TrimSuffix(model.FormatFen(v), ".00")
	case UnitRate:
		s := model.FormatFen(v) // RatioScale/100 is a percent with two decimals, as fen are yuan
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		return s + "%"
	}
	return strconv.FormatInt(v, 10)
}
