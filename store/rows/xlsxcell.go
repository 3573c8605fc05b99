package rows

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Workbook cells are read as the workbook holds them (excelize's raw cell
// values), not as a spreadsheet displays them: a date is a serial number of
// days, an amount the binary double the program computed, a phone typed into a
// number cell an integer. The functions here turn such a raw value into the
// text the CSV path would have read for the same data, so every rule of the
// CSV path (parsing, limits, reasons, rejects) applies unchanged.
//
// The conversion depends on the column's field, not on the cell's number
// format: Excel stores a date as a number whatever format shows it (a date
// column re-formatted as General still holds dates), and a streaming read does
// not see the cell's style. So:
//
//   - In a timestamp column (registered_at/注册时间, at/时间, birthday/生日) a
//     plain number is an Excel serial date-time in the workbook's date system
//     (1900 or 1904), a wall-clock time in the database's zone; it becomes
//     "2006-01-02 15:04:05" (with ".000" milliseconds when it has any; a
//     birthday at midnight becomes "2006-01-02"). Text is read as text, so a
//     date typed as text in one of the accepted forms works too.
//   - In the amount column (金额) a plain number with more than 15 significant
//     digits is a double that a calculation left a hair off a decimal
//     (=10.1+2.2 holds 12.299999999999999): it is taken to 15 significant
//     digits, Excel's own precision, so it reads as 12.3 and is ¥12.30
//     exactly. A value with 15 or fewer digits is used as written, so 12.345
//     has three real decimals and is rejected, never truncated.
//   - In every other column a number keeps its digits: Excel and LibreOffice
//     write 13800138000, never 1.38E+10; the exponent form some writers use
//     ("1.3800138E+10", a mantissa with a point and a signed exponent) is
//     written out in full when it is a whole number below 2^53. Leading zeros
//     survive only where the cell is text (a number has none).
//
// A text cell holding a number in a timestamp or amount column cannot be told
// from a number cell in a streaming read; it is read as the number it spells.

// cellKind is how the cells of a column are converted.
type cellKind uint8

const (
	cellText     cellKind = iota // ids, names, phones, kinds, channels, tags, consent
	cellTime                     // registered_at, at
	cellBirthday                 // birthday
	cellAmount                   // amount (yuan, or points for redeem)
)

// cellKindOf is the conversion for a field.
func cellKindOf(f int) cellKind {
	switch f {
	case fRegisteredAt, fAt:
		return cellTime
	case fBirthday:
		return cellBirthday
	case fAmount:
		return cellAmount
	}
	return cellText
}

// convertCell turns a raw cell value of a column of kind k into the text the
// CSV path reads. Values it does not recognise are returned unchanged, so the
// reader rejects them with the same reason as in a CSV file.
func convertCell(raw string, k cellKind, date1904 bool) string {
	switch k {
	case cellTime, cellBirthday:
		if !isPlainNumber(raw) {
			return raw
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return raw
		}
		if s, ok := serialText(v, date1904, k == cellBirthday); ok {
			return s
		}
		return raw
	case cellAmount:
		return amountText(raw)
	}
	return numberText(raw)
}

// isPlainNumber reports whether s is a decimal number as spreadsheet programs
// write a cell's value: an optional minus, digits, optionally a point and
// digits. No exponent, no sign '+', no spaces.
func isPlainNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if digits == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' {
		return false
	}
	i++
	frac := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		frac++
	}
	return frac > 0 && i == len(s)
}

// significantDigits counts the significant digits of a plain number.
func significantDigits(s string) int {
	n, lead := 0, true
	trailingZeros := 0
	seenPoint := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			seenPoint = true
			continue
		}
		if c < '0' || c > '9' {
			continue
		}
		if lead && c == '0' {
			continue
		}
		lead = false
		n++
		if c == '0' {
			trailingZeros++
		} else {
			trailingZeros = 0
		}
	}
	if seenPoint {
		return n - trailingZeros // zeros after the point add nothing
	}
	return n
}

// amountText reads an amount cell. Spreadsheet programs write a double with
// 15 significant digits (excelize, which also cuts rather than rounds) or 17
// (Excel, LibreOffice): =10.1+2.2 arrives as "12.2999999999999" or
// "12.299999999999999". Noise of that kind sits in the last digits, so a plain
// number is rounded to 13 significant digits (15 from 10^10 yuan up, where
// 13 would reach the fen), which leaves at least three decimals beyond the
// fen: 12.2999999999999 reads as 12.3, while 12.345 or 12.3001 keep their
// real decimals and are rejected. Anything else is returned as it is.
func amountText(raw string) string {
	if !isPlainNumber(raw) {
		return raw
	}
	keep := 13
	if i := strings.IndexByte(raw, '.'); i > 11 || (i < 0 && len(raw) > 11) {
		keep = 15 // ten or more integer digits (with a sign, eleven bytes)
	}
	if significantDigits(raw) <= keep {
		return raw
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return raw
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'e', keep-1, 64), 64)
	if err != nil {
		return raw
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// numberText writes a number that a writer put in exponent form
// ("1.3800138E+10") with all its digits, when it is a whole number below 2^53;
// every other value is returned as it is.
func numberText(raw string) string {
	e := strings.IndexAny(raw, "eE")
	if e < 2 || e+2 >= len(raw) || (raw[e+1] != '+' && raw[e+1] != '-') || !strings.Contains(raw[:e], ".") {
		return raw
	}
	if !isPlainNumber(raw[:e]) {
		return raw
	}
	for i := e + 2; i < len(raw); i++ {
		if raw[i] < '0' || raw[i] > '9' {
			return raw
		}
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v != math.Trunc(v) || math.Abs(v) >= 1<<53 {
		return raw
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Day numbers of the date systems' epochs, as days since 1970-01-01.
var (
	epoch1900 = daysSinceUnix(1899, time.December, 30) // serial 61 is 1900-03-01
	epoch1904 = daysSinceUnix(1904, time.January, 1)   // serial 0 is 1904-01-01
)

func daysSinceUnix(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// msPerDay is the number of milliseconds in a day.
const msPerDay = 86_400_000

// maxSerial is the serial of 9999-12-31 23:59:59.999 in the 1900 system
// (2958465 is 9999-12-31); nothing later is a date a workbook can hold.
const maxSerial = 2958466

// serialText converts an Excel serial date-time to wall-clock text:
// "2006-01-02 15:04:05", with ".000" when the value has milliseconds (the
// serial is rounded to the millisecond, the finest a time cell shows). For a
// birthday at midnight it is "2006-01-02". In the 1900 system serial 1 is
// 1900-01-01 and 60 is Excel's fictitious 1900-02-29 (refused); in the 1904
// system serial 0 is 1904-01-01. Negative values, values below 1 in the 1900
// system (a time without a date) and values after 9999 are refused.
func serialText(v float64, date1904, birthday bool) (string, bool) {
	if math.IsNaN(v) || v < 0 || v >= maxSerial {
		return "", false
	}
	ms := int64(math.Round(v * msPerDay))
	days, msOfDay := ms/msPerDay, ms%msPerDay
	var unixDay int64
	if date1904 {
		unixDay = epoch1904 + days
	} else {
		switch {
		case days < 1:
			return "", false
		case days == 60:
			return "", false // 1900-02-29 does not exist; Excel keeps it for Lotus 1-2-3
		case days < 60:
			unixDay = epoch1900 + days + 1 // before the fictitious day, serials are one ahead
		default:
			unixDay = epoch1900 + days
		}
	}
	t := time.Unix(unixDay*86400+msOfDay/1000, (msOfDay%1000)*1e6).UTC()
	if t.Year() > 9999 {
		return "", false
	}
	if birthday && msOfDay == 0 {
		return t.Format(time.DateOnly), true
	}
	if msOfDay%1000 != 0 {
		return t.Format("2006-01-02 15:04:05.000"), true
	}
	return t.Format(time.DateTime), true
}

// excelSerial is the 1900-system serial of a wall-clock time (its fields as
// they read, whatever its zone), for dates from 1900-03-01 on; ok is false
// before that (Excel's 1900 calendar is off by one day there) or after 9999.
func excelSerial(t time.Time) (float64, bool) {
	y, m, d := t.Date()
	if y > 9999 || y < 1900 || (y == 1900 && m < time.March) {
		return 0, false
	}
	days := daysSinceUnix(y, m, d) - epoch1900
	h, mi, s := t.Clock()
	ms := int64(h)*3_600_000 + int64(mi)*60_000 + int64(s)*1000 + int64(t.Nanosecond()/1e6)
	// One correctly rounded division of an exact integer: the serial reads
	// back (serialText) to the same millisecond.
	return float64(days*msPerDay+ms) / msPerDay, true
}
