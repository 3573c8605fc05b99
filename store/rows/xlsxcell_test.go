package rows

import (
	"math"
	"strconv"
	"testing"
	"time"
)

func TestSerialText(t *testing.T) {
	// 17:54:03 is 64443 s; 45896 is 2025-08-27 in the 1900 system (45658 is
	// 2025-01-01, and Aug 27 is day 238 of 2025 counting from 0); the 1904
	// system is 1462 days behind.
	at := 45896 + 64443.0/86400
	cases := []struct {
		name     string
		v        float64
		date1904 bool
		birthday bool
		want     string
		ok       bool
	}{
		{"date-time with seconds", at, false, false, "2025-08-27 17:54:03", true},
		{"shown as 8/27/25 17:54, a hair below", at - 1e-11, false, false, "2025-08-27 17:54:03", true},
		{"a hair above", at + 1e-11, false, false, "2025-08-27 17:54:03", true},
		{"1904 system", at - 1462, true, false, "2025-08-27 17:54:03", true},
		{"date only", 45896, false, false, "2025-08-27 00:00:00", true},
		{"birthday at midnight", 32937, false, true, "1990-03-05", true},
		{"birthday with a time stays a time (then rejected)", 32937.5, false, true, "1990-03-05 12:00:00", true},
		{"milliseconds", 45896.5 + 0.123/86400, false, false, "2025-08-27 12:00:00.123", true},
		{"999.6 ms rounds up to the next second", 45896.5 + 0.9996/86400, false, false, "2025-08-27 12:00:01", true},
		{"serial 1", 1, false, false, "1900-01-01 00:00:00", true},
		{"serial 59", 59, false, false, "1900-02-28 00:00:00", true},
		{"serial 60 is Excel's fictitious 1900-02-29", 60, false, false, "", false},
		{"serial 61", 61, false, false, "1900-03-01 00:00:00", true},
		{"1970-01-01", 25569, false, false, "1970-01-01 00:00:00", true},
		{"1904 serial 0", 0, true, false, "1904-01-01 00:00:00", true},
		{"time without a date (1900)", 0.5, false, false, "", false},
		{"zero (1900)", 0, false, false, "", false},
		{"negative", -1, false, false, "", false},
		{"9999-12-31", 2958465, false, false, "9999-12-31 00:00:00", true},
		{"after 9999", 2958466, false, false, "", false},
		{"NaN", math.NaN(), false, false, "", false},
		{"Inf", math.Inf(1), false, false, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := serialText(c.v, c.date1904, c.birthday)
			if got != c.want || ok != c.ok {
				t.Errorf("serialText(%v, %v, %v) = %q, %v; want %q, %v", c.v, c.date1904, c.birthday, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestExcelSerialRoundTrip(t *testing.T) {
	if v, ok := excelSerial(time.Date(2025, 8, 27, 17, 54, 3, 0, time.UTC)); !ok || v != 45896+64443.0/86400 {
		t.Errorf("excelSerial = %v, %v; want %v", v, ok, 45896+64443.0/86400)
	}
	if _, ok := excelSerial(time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("1900-02-28 must not get a serial (Excel's calendar is off by one there)")
	}
	// Every millisecond of a day, and days across the range, read back.
	for _, day := range []time.Time{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 8, 27, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)} {
		for ms := int64(0); ms < msPerDay; ms += 997 {
			tm := day.Add(time.Duration(ms) * time.Millisecond)
			v, ok := excelSerial(tm)
			if !ok {
				t.Fatalf("excelSerial(%v) refused", tm)
			}
			want := tm.Format(time.DateTime)
			if ms%1000 != 0 {
				want = tm.Format("2006-01-02 15:04:05.000")
			}
			if got, _ := serialText(v, false, false); got != want {
				t.Fatalf("%v: serial %v reads back as %q", tm, v, got)
			}
		}
	}
}

func TestAmountText(t *testing.T) {
	cases := []struct{ raw, want string }{
		{"12.3", "12.3"},                         // the double nearest 12.3, as Excel writes it
		{"12.299999999999999", "12.3"},           // =10.1+2.2
		{"12.300000000000001", "12.3"},           // the next double up
		{"0.30000000000000004", "0.3"},           // =0.1+0.2
		{"-12.299999999999999", "-12.3"},         // still negative: rejected by the parser
		{"12.345", "12.345"},                     // three real decimals: rejected, never rounded
		{"12.344999999999999", "12.345"},         // the double nearest 12.345: still three decimals
		{"100", "100"},                           // an integer cell
		{"12.2999999999999", "12.3"},             // excelize cuts =10.1+2.2 to 15 digits
		{"12.3001", "12.3001"},                   // a real fourth decimal: rejected
		{"12.3000000000001", "12.3"},             // noise in the 15th digit
		{"12.30000000001", "12.30000000001"},     // 13 digits: kept, rejected
		{"1234567890123.45", "1234567890123.45"}, // 15 digits from 10^10 up: as written
		{"1234567890123.4500001", "1234567890123.45"},
		{"-12345678901.234567", "-12345678901.2346"},
		{"90000000000000", "90000000000000"},
		{"1,234.50", "1,234.50"}, // text: the parser says why
		{"1e3", "1e3"},           // text: no exponents, as in CSV
		{"¥12.30", "¥12.30"},
		{"", ""},
		{" 12.3", " 12.3"},
	}
	for _, c := range cases {
		if got := amountText(c.raw); got != c.want {
			t.Errorf("amountText(%q) = %q; want %q", c.raw, got, c.want)
		}
	}
}

func TestNumberText(t *testing.T) {
	cases := []struct{ raw, want string }{
		{"13800138000", "13800138000"},             // a phone in a number cell keeps its digits
		{"1.3800138E+10", "13800138000"},           // exponent form from some writers
		{"1.38001380001e+10", "1.38001380001e+10"}, // 13800138000.1: not a whole number
		{"1.38001380001e+11", "138001380001"},
		{"00123", "00123"}, // text keeps its zeros
		{"1E5", "1E5"},     // text: no point, no sign
		{"1.5E+00", "1.5E+00"},
		{"1.2345678901234568E+19", "1.2345678901234568E+19"}, // beyond 2^53: as it is
		{"M0001", "M0001"},
		{"", ""},
		{"张三", "张三"},
	}
	for _, c := range cases {
		if got := numberText(c.raw); got != c.want {
			t.Errorf("numberText(%q) = %q; want %q", c.raw, got, c.want)
		}
	}
}

func TestConvertCell(t *testing.T) {
	at := strconv.FormatFloat(45896+64443.0/86400, 'f', -1, 64)
	cases := []struct {
		raw  string
		k    cellKind
		want string
	}{
		{at, cellTime, "2025-08-27 17:54:03"},
		{"2025/8/27 17:54:03", cellTime, "2025/8/27 17:54:03"}, // a date typed as text
		{"2025-08-27T17:54:03", cellTime, "2025-08-27T17:54:03"},
		{"20250827", cellTime, "20250827"}, // no such serial: the parser rejects it as in CSV
		{"60", cellTime, "60"},
		{"32937", cellBirthday, "1990-03-05"},
		{"03-05", cellBirthday, "03-05"},
		{"12.299999999999999", cellAmount, "12.3"},
		{"13800138000", cellText, "13800138000"},
		{"1", cellText, "1"}, // a TRUE boolean cell in the consent column
	}
	for _, c := range cases {
		if got := convertCell(c.raw, c.k, false); got != c.want {
			t.Errorf("convertCell(%q, %d) = %q; want %q", c.raw, c.k, got, c.want)
		}
	}
}

func TestSignificantDigits(t *testing.T) {
	for s, want := range map[string]int{"12.3": 3, "0.30000000000000004": 17, "100": 3, "0.0012": 2, "12.30": 3, "-7": 1, "0": 0} {
		if got := significantDigits(s); got != want {
			t.Errorf("significantDigits(%q) = %d; want %d", s, got, want)
		}
	}
}
