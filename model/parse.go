package model

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds the parsers of the contract's field values (amounts, points,
// timestamps, birthdays, consent) and the phone mask. They are pure and
// allocation-free on success, because the importer calls them for every row of
// files with tens of millions of rows.

// MaxFen is the largest amount in fen the parsers accept (9e15 fen, 90 trillion
// yuan): far beyond any real amount, and small enough that sums of many amounts
// stay far from int64 overflow.
const MaxFen int64 = 9_000_000_000_000_000

// MaxPoints is the largest points amount ParsePoints accepts.
const MaxPoints int64 = 9_000_000_000_000_000

// ValueError is the error of the parsers in this file: what was being parsed
// ("amount", "time" …), the value as given and the reason. Error() reads
// `amount "1.234": at most two decimals`; importers that report the field and
// the value themselves use Reason alone.
type ValueError struct {
	What   string
	Value  string
	Reason string
}

func (e *ValueError) Error() string {
	return e.What + " " + strconv.Quote(e.Value) + ": " + e.Reason
}

func newValueError(what, value, reason string) error {
	return &ValueError{What: what, Value: value, Reason: reason}
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// trimValue removes surrounding white space; it does not allocate and avoids the
// call to strings.TrimSpace in the common case of nothing to trim.
func trimValue(s string) string {
	if len(s) == 0 || (!isASCIISpace(s[0]) && !isASCIISpace(s[len(s)-1]) && s[0] < utf8.RuneSelf && s[len(s)-1] < utf8.RuneSelf) {
		return s
	}
	return strings.TrimSpace(s)
}

// ParseAmountFen parses a yuan amount with at most two decimals ("12", "12.5",
// "12.50", " 0.01 ") into fen exactly. Surrounding white space is ignored.
// Rejected, each with a clear reason: empty, negative, a sign ("+1"), more than
// two decimals, a point without digits on both sides ("12.", ".5"), exponents,
// thousands separators, anything not a digit (NaN, Inf, "¥"), and amounts above
// MaxFen. Leading zeros are fine ("007.50").
func ParseAmountFen(s string) (int64, error) {
	t := trimValue(s)
	if t == "" {
		return 0, newValueError("amount", s, "empty")
	}
	if t[0] == '-' {
		return 0, newValueError("amount", s, "must not be negative")
	}
	var v int64
	i := 0
	for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		if v > MaxFen/10 {
			return 0, newValueError("amount", s, "too large")
		}
		v = v*10 + int64(t[i]-'0')
	}
	if i == 0 {
		return 0, newValueError("amount", s, "not a number of yuan (want e.g. 12.50)")
	}
	if v > MaxFen/100 {
		return 0, newValueError("amount", s, "too large")
	}
	v *= 100
	if i == len(t) {
		return v, nil
	}
	switch t[i] {
	case '.':
	case ',':
		return 0, newValueError("amount", s, "no thousands separators (want e.g. 1234.50)")
	case 'e', 'E':
		return 0, newValueError("amount", s, "no exponents (want e.g. 1200.00)")
	default:
		return 0, newValueError("amount", s, "not a number of yuan (want e.g. 12.50)")
	}
	i++
	n := 0
	var frac int64
	for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		n++
		if n > 2 {
			break
		}
		frac = frac*10 + int64(t[i]-'0')
	}
	if n > 2 {
		// Distinguish "1.234" from "1.2e3" / "1.2.3" for a clearer message.
		for j := i; j < len(t); j++ {
			if t[j] < '0' || t[j] > '9' {
				return 0, newValueError("amount", s, "not a number of yuan (want e.g. 12.50)")
			}
		}
		return 0, newValueError("amount", s, "at most two decimals")
	}
	if i != len(t) {
		if t[i] == 'e' || t[i] == 'E' {
			return 0, newValueError("amount", s, "no exponents (want e.g. 1200.00)")
		}
		return 0, newValueError("amount", s, "not a number of yuan (want e.g. 12.50)")
	}
	if n == 0 {
		return 0, newValueError("amount", s, "digits needed after the decimal point (want e.g. 12.50)")
	}
	if n == 1 {
		frac *= 10
	}
	v += frac
	if v > MaxFen {
		return 0, newValueError("amount", s, "too large")
	}
	return v, nil
}

// FormatFen formats fen as yuan with exactly two decimals: 1234 -> "12.34",
// 5 -> "0.05", -150 -> "-1.50".
func FormatFen(f int64) string {
	var buf [24]byte
	return string(AppendFen(buf[:0], f))
}

// AppendFen appends FormatFen(f) to dst.
func AppendFen(dst []byte, f int64) []byte {
	u := uint64(f)
	if f < 0 {
		dst = append(dst, '-')
		u = -u // two's complement: also right for math.MinInt64
	}
	dst = strconv.AppendUint(dst, u/100, 10)
	c := u % 100
	return append(dst, '.', byte('0'+c/10), byte('0'+c%10))
}

// ParsePoints parses a non-negative integer points amount (redeem), ignoring
// surrounding white space. Signs, decimals and separators are rejected.
func ParsePoints(s string) (int64, error) {
	t := trimValue(s)
	if t == "" {
		return 0, newValueError("points", s, "empty")
	}
	if t[0] == '-' {
		return 0, newValueError("points", s, "must not be negative")
	}
	var v int64
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' {
			if c == '.' {
				return 0, newValueError("points", s, "points are whole numbers")
			}
			return 0, newValueError("points", s, "not a whole number of points")
		}
		if v > MaxPoints/10 {
			return 0, newValueError("points", s, "too large")
		}
		v = v*10 + int64(c-'0')
	}
	if v > MaxPoints {
		return 0, newValueError("points", s, "too large")
	}
	return v, nil
}

// MinYear and MaxYear bound the years ParseTime accepts (see there).
const (
	MinYear = 1678
	MaxYear = 2261
)

const yearRangeReason = "year out of range (1678–2261)"

const timeFormsHint = "want RFC 3339, 2006-01-02 15:04:05, 2006/01/02 15:04 or 2006-01-02"

// civilStamp is a parsed zone-less timestamp.
type civilStamp struct {
	y, mo, d, h, mi, sec, ns int
	hasTime                  bool
	rest                     int // index of the first unparsed byte
}

// scanDigits reads 1..max decimal digits at s[i:], returning the value and the index
// after them (i itself when there is no digit).
func scanDigits(s string, i, max int) (int, int) {
	v, j := 0, i
	for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
		v = v*10 + int(s[j]-'0')
		j++
	}
	return v, j
}

// monthDays returns the number of days of month m (1-12) of year y.
func monthDays(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseCivil parses "YYYY-M-D" or "YYYY/M/D" (one or two digits for month and
// day), optionally followed by ' ' or 'T' and "H:MM[:SS[.fraction]]" (one or two
// digits for the hour). It stops at the first byte it does not understand and
// reports its index in rest; the caller decides whether anything may follow.
// reason is non-empty when the text is recognisably a date but a value is out
// of range.
func parseCivil(s string) (c civilStamp, ok bool, reason string) {
	if len(s) < 8 {
		return c, false, ""
	}
	var j int
	c.y, j = scanDigits(s, 0, 4)
	if j != 4 || (s[4] != '-' && s[4] != '/') {
		return c, false, ""
	}
	sep := s[4]
	c.mo, j = scanDigits(s, 5, 2)
	if j == 5 || j >= len(s) || s[j] != sep {
		return c, false, ""
	}
	k := j + 1
	c.d, j = scanDigits(s, k, 2)
	if j == k {
		return c, false, ""
	}
	if c.mo < 1 || c.mo > 12 {
		return c, false, "month out of range"
	}
	if c.d < 1 || c.d > monthDays(c.y, c.mo) {
		return c, false, "day out of range"
	}
	c.rest = j
	if j == len(s) || (s[j] != ' ' && s[j] != 'T') {
		return c, true, ""
	}
	k = j + 1
	c.h, j = scanDigits(s, k, 2)
	if j == k || j+3 > len(s) || s[j] != ':' {
		return c, false, ""
	}
	k = j + 1
	c.mi, j = scanDigits(s, k, 2)
	if j != k+2 {
		return c, false, ""
	}
	if j+1 < len(s) && s[j] == ':' {
		k = j + 1
		c.sec, j = scanDigits(s, k, 2)
		if j != k+2 {
			return c, false, ""
		}
		if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && s[j+1] >= '0' && s[j+1] <= '9' {
			k = j + 1
			var f int
			f, j = scanDigits(s, k, 9)
			if j < len(s) && s[j] >= '0' && s[j] <= '9' {
				return c, false, "more than nine fractional digits"
			}
			for n := j - k; n < 9; n++ {
				f *= 10
			}
			c.ns = f
		}
	}
	if c.h > 23 {
		return c, false, "hour out of range"
	}
	if c.mi > 59 {
		return c, false, "minute out of range"
	}
	if c.sec > 59 {
		return c, false, "second out of range"
	}
	c.hasTime = true
	c.rest = j
	return c, true, ""
}

// parseFixed is the fast path of ParseTime for the fixed-width zone-less
// layouts "2006-01-02", "2006-01-02 15:04" and "2006-01-02 15:04:05" (also with
// '/' and with 'T'). It reports ok only for a well-formed, in-range value;
// everything else goes to parseCivil, which also explains what is wrong.
func parseFixed(s string) (y, mo, d, h, mi, sec int, ok bool) {
	n := len(s)
	if n != 10 && n != 16 && n != 19 {
		return
	}
	if s[4] != s[7] || (s[4] != '-' && s[4] != '/') {
		return
	}
	d0, d1, d2, d3 := s[0]-'0', s[1]-'0', s[2]-'0', s[3]-'0'
	m0, m1, a0, a1 := s[5]-'0', s[6]-'0', s[8]-'0', s[9]-'0'
	if d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || m0 > 9 || m1 > 9 || a0 > 9 || a1 > 9 { // bytes below '0' wrap
		return
	}
	y = int(d0)*1000 + int(d1)*100 + int(d2)*10 + int(d3)
	mo = int(m0)*10 + int(m1)
	d = int(a0)*10 + int(a1)
	if mo < 1 || mo > 12 || d < 1 || (d > 28 && d > monthDays(y, mo)) {
		return
	}
	if n == 10 {
		return y, mo, d, 0, 0, 0, true
	}
	if (s[10] != ' ' && s[10] != 'T') || s[13] != ':' {
		return
	}
	h0, h1, i0, i1 := s[11]-'0', s[12]-'0', s[14]-'0', s[15]-'0'
	if h0 > 9 || h1 > 9 || i0 > 9 || i1 > 9 {
		return
	}
	h = int(h0)*10 + int(h1)
	mi = int(i0)*10 + int(i1)
	if h > 23 || mi > 59 {
		return
	}
	if n == 19 {
		s0, s1 := s[17]-'0', s[18]-'0'
		if s[16] != ':' || s0 > 9 || s1 > 9 {
			return
		}
		sec = int(s0)*10 + int(s1)
		if sec > 59 {
			return
		}
	}
	return y, mo, d, h, mi, sec, true
}

// ParseTime parses the contract's timestamp forms, ignoring surrounding white
// space:
//
//   - RFC 3339 with a zone, with or without fractional seconds
//     ("2024-03-15T10:04:05+08:00", "2024-03-15T02:04:05.123Z"); a space in
//     place of the 'T' is accepted too;
//   - "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02" (midnight), and
//     the same with '/' ("2006/01/02 15:04", as Excel writes them);
//     month, day and hour may have one digit ("2024/3/5 9:05", Excel's zh-CN
//     default), 'T' may separate date and time, and seconds may carry a
//     fraction of up to nine digits.
//
// A timestamp without a zone is read in loc (nil means UTC); the result is
// always in loc, whatever zone the text named. Years are MinYear–MaxYear (in
// loc for a zoned timestamp): the store keeps instants as int64 nanoseconds,
// which reach from 1677-09-21 to 2262-04-11, and a time outside them would
// wrap silently. Importers narrow the range further to what real data holds.
//
// The zone-less forms are parsed by hand (no time.Parse): this runs for every
// row of an import.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	t := trimValue(s)
	if y, mo, d, h, mi, sec, ok := parseFixed(t); ok {
		if y < MinYear || y > MaxYear {
			return time.Time{}, newValueError("time", s, yearRangeReason)
		}
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc), nil
	}
	c, ok, reason := parseCivil(t)
	if !ok {
		if reason == "" {
			reason = timeFormsHint
		}
		return time.Time{}, newValueError("time", s, reason)
	}
	if c.rest == len(t) {
		if c.y < MinYear || c.y > MaxYear {
			return time.Time{}, newValueError("time", s, yearRangeReason)
		}
		return time.Date(c.y, time.Month(c.mo), c.d, c.h, c.mi, c.sec, c.ns, loc), nil
	}
	// Something follows: a zone (RFC 3339) or garbage.
	if !c.hasTime {
		return time.Time{}, newValueError("time", s, timeFormsHint)
	}
	z := t
	if z[10] == ' ' && len(z) >= 20 {
		z = z[:10] + "T" + z[11:] // allocation only on this rare path
	}
	tt, err := time.Parse(time.RFC3339Nano, z)
	if err != nil {
		return time.Time{}, newValueError("time", s, timeFormsHint)
	}
	tt = tt.In(loc)
	if y := tt.Year(); y < MinYear || y > MaxYear {
		return time.Time{}, newValueError("time", s, yearRangeReason+" in the store's zone")
	}
	return tt, nil
}

// ParseBirthday validates a birthday and returns it normalised in the form it
// was given: "MM-DD" for a month and day ("3-5", "03/05", "3月5日" all give
// "03-05"; 02-29 is allowed), "YYYY-MM-DD" for a date ("1990/3/5" gives
// "1990-03-05"; a date followed by a midnight time such as Excel's
// "1990/3/5 0:00" is accepted as the date). Empty (or white space) gives "".
func ParseBirthday(s string) (string, error) {
	t := trimValue(s)
	if t == "" {
		return "", nil
	}
	if len(t) >= 8 && t[4] == '-' || len(t) >= 8 && t[4] == '/' {
		c, ok, reason := parseCivil(t)
		if !ok || c.rest != len(t) || c.h != 0 || c.mi != 0 || c.sec != 0 || c.ns != 0 {
			if reason == "" {
				reason = "want MM-DD or YYYY-MM-DD"
			}
			return "", newValueError("birthday", s, reason)
		}
		out := []byte{byte('0' + c.y/1000), byte('0' + c.y/100%10), byte('0' + c.y/10%10), byte('0' + c.y%10),
			'-', byte('0' + c.mo/10), byte('0' + c.mo%10), '-', byte('0' + c.d/10), byte('0' + c.d%10)}
		return string(out), nil
	}
	// Month and day: "M-D", "MM/DD", "M月D日".
	m, j := scanDigits(t, 0, 2)
	if j == 0 || j == len(t) {
		return "", newValueError("birthday", s, "want MM-DD or YYYY-MM-DD")
	}
	var k int
	switch {
	case t[j] == '-' || t[j] == '/':
		k = j + 1
	case strings.HasPrefix(t[j:], "月"):
		k = j + len("月")
	default:
		return "", newValueError("birthday", s, "want MM-DD or YYYY-MM-DD")
	}
	d, e := scanDigits(t, k, 2)
	rest := t[e:]
	if e == k || !(rest == "" || (t[j] != '-' && t[j] != '/' && (rest == "日" || rest == "号"))) {
		return "", newValueError("birthday", s, "want MM-DD or YYYY-MM-DD")
	}
	if m < 1 || m > 12 {
		return "", newValueError("birthday", s, "month out of range")
	}
	if d < 1 || d > monthDays(2000, m) { // 2000 is a leap year: 02-29 is a birthday
		return "", newValueError("birthday", s, "day out of range")
	}
	return string([]byte{byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}), nil
}

// ParseConsent parses the consent flag: true/false, 1/0, yes/no, y/n, t/f,
// 是/否, case-insensitive, ignoring white space. Empty means true (the
// contract's default).
func ParseConsent(s string) (bool, error) {
	t := trimValue(s)
	switch t {
	case "", "1", "是":
		return true, nil
	case "0", "否":
		return false, nil
	}
	if len(t) <= 5 {
		switch strings.ToLower(t) {
		case "true", "yes", "y", "t":
			return true, nil
		case "false", "no", "n", "f":
			return false, nil
		}
	}
	return false, newValueError("consent", s, "want true/false, 1/0, yes/no or 是/否")
}

// MaskPhone masks a phone number for display, keeping its length (so columns
// stay aligned) and counting characters, not bytes. Surrounding white space is
// dropped. With n characters:
//
//	n ≥ 11      first 3 and last 4 kept   "13812341234"  -> "138****1234"
//	7 ≤ n ≤ 10  first 2 and last 2 kept   "88881234"     -> "88****34"
//	4 ≤ n ≤ 6   first 1 and last 2 kept   "12345"        -> "1**45"
//	n = 3       first 1 and last 1 kept   "123"          -> "1*3"
//	n ≤ 2       all masked                "12"           -> "**"
//
// Empty gives "". At least one character is always masked.
func MaskPhone(p string) string {
	t := trimValue(p)
	if t == "" {
		return ""
	}
	n := utf8.RuneCountInString(t)
	var head, tail int
	switch {
	case n >= 11:
		head, tail = 3, 4
	case n >= 7:
		head, tail = 2, 2
	case n >= 4:
		head, tail = 1, 2
	case n == 3:
		head, tail = 1, 1
	}
	var b strings.Builder
	b.Grow(len(t))
	i := 0
	for _, r := range t {
		if i < head || i >= n-tail {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
		i++
	}
	return b.String()
}
