package model

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseAmountFen(t *testing.T) {
	good := []struct {
		in   string
		want int64
	}{
		{"12", 1200},
		{"12.5", 1250},
		{"12.50", 1250},
		{" 0.01 ", 1},
		{"0", 0},
		{"0.00", 0},
		{"007.50", 750},
		{"\t3.07\r", 307},
		{"90000000000000", 9_000_000_000_000_000},
		{"89999999999999.99", 8_999_999_999_999_999},
		{"0.1", 10},
	}
	for _, c := range good {
		got, err := ParseAmountFen(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseAmountFen(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, reason string }{
		{"", "empty"},
		{"   ", "empty"},
		{"-1", "must not be negative"},
		{"-0.01", "must not be negative"},
		{"1.234", "at most two decimals"},
		{"0.001", "at most two decimals"},
		{"1e3", "no exponents"},
		{"1.5E2", "no exponents"},
		{"1,234.00", "no thousands separators"},
		{"NaN", "not a number"},
		{"Inf", "not a number"},
		{"+1", "not a number"},
		{"¥12", "not a number"},
		{"12元", "not a number"},
		{".5", "not a number"},
		{"12.", "digits needed after the decimal point"},
		{"1.2.3", "not a number"},
		{"1.234.5", "not a number"},
		{"1 2", "not a number"},
		{"90000000000000.01", "too large"},
		{"90000000000001", "too large"},
		{"99999999999999999999999", "too large"},
	}
	for _, c := range bad {
		got, err := ParseAmountFen(c.in)
		if err == nil {
			t.Errorf("ParseAmountFen(%q) = %d, want error %q", c.in, got, c.reason)
			continue
		}
		var ve *ValueError
		if !errors.As(err, &ve) || !strings.Contains(ve.Reason, c.reason) || ve.Value != c.in || ve.What != "amount" {
			t.Errorf("ParseAmountFen(%q) error %#v, want reason containing %q", c.in, err, c.reason)
		}
	}
	_, err := ParseAmountFen("1.234")
	if got, want := err.Error(), `amount "1.234": at most two decimals`; got != want {
		t.Errorf("error text %q, want %q", got, want)
	}
}

func TestFormatFen(t *testing.T) {
	cases := []struct {
		in   int64
		want string
	}{
		{1234, "12.34"}, {5, "0.05"}, {-150, "-1.50"}, {0, "0.00"}, {100, "1.00"}, {-5, "-0.05"},
		{9_000_000_000_000_000, "90000000000000.00"},
		{math.MaxInt64, "92233720368547758.07"},
		{math.MinInt64, "-92233720368547758.08"},
	}
	for _, c := range cases {
		if got := FormatFen(c.in); got != c.want {
			t.Errorf("FormatFen(%d) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := string(AppendFen([]byte("¥"), 1999)); got != "¥19.99" {
		t.Errorf("AppendFen = %q", got)
	}
}

func TestParsePoints(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "500": 500, " 42 ": 42, "0007": 7, "9000000000000000": 9e15} {
		got, err := ParsePoints(in)
		if err != nil || got != want {
			t.Errorf("ParsePoints(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-5", "1.5", "1e3", "abc", "+3", "9000000000000001", "1,000", "99999999999999999999"} {
		if got, err := ParsePoints(in); err == nil {
			t.Errorf("ParsePoints(%q) = %d, want error", in, got)
		}
	}
}

func TestParseTime(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	good := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-15 10:04:05", time.Date(2024, 3, 15, 10, 4, 5, 0, sh)},
		{" 2024-03-15 10:04:05 ", time.Date(2024, 3, 15, 10, 4, 5, 0, sh)},
		{"2024/03/15 10:04", time.Date(2024, 3, 15, 10, 4, 0, 0, sh)},
		{"2024-03-15", time.Date(2024, 3, 15, 0, 0, 0, 0, sh)},
		{"2024/03/15", time.Date(2024, 3, 15, 0, 0, 0, 0, sh)},
		{"2024-03-15 10:04", time.Date(2024, 3, 15, 10, 4, 0, 0, sh)},
		{"2024/03/15 10:04:05", time.Date(2024, 3, 15, 10, 4, 5, 0, sh)},
		{"2024/3/5 9:05", time.Date(2024, 3, 5, 9, 5, 0, 0, sh)},
		{"2024-3-5", time.Date(2024, 3, 5, 0, 0, 0, 0, sh)},
		{"2024-03-15T10:04:05", time.Date(2024, 3, 15, 10, 4, 5, 0, sh)},
		{"2024-03-15 10:04:05.5", time.Date(2024, 3, 15, 10, 4, 5, 500_000_000, sh)},
		{"2024-03-15 10:04:05.123456789", time.Date(2024, 3, 15, 10, 4, 5, 123456789, sh)},
		{"2024-03-15T10:04:05+08:00", time.Date(2024, 3, 15, 10, 4, 5, 0, sh)},
		{"2024-03-15T02:04:05Z", time.Date(2024, 3, 15, 10, 4, 5, 0, sh)},
		{"2024-03-15T02:04:05.25Z", time.Date(2024, 3, 15, 10, 4, 5, 250_000_000, sh)},
		{"2024-03-14T21:04:05.000000001-05:00", time.Date(2024, 3, 15, 10, 4, 5, 1, sh)},
		{"2024-03-15 02:04:05Z", time.Date(2024, 3, 15, 10, 4, 5, 0, sh)},
		{"2024-02-29 23:59:59", time.Date(2024, 2, 29, 23, 59, 59, 0, sh)},
		{"2000-02-29", time.Date(2000, 2, 29, 0, 0, 0, 0, sh)},
		{"1678-01-01", time.Date(1678, 1, 1, 0, 0, 0, 0, sh)},
		{"2261-12-31 23:59:59", time.Date(2261, 12, 31, 23, 59, 59, 0, sh)},
	}
	for _, c := range good {
		got, err := ParseTime(c.in, sh)
		if err != nil || !got.Equal(c.want) || got.Location() != sh {
			t.Errorf("ParseTime(%q) = %v, %v; want %v in %v", c.in, got, err, c.want, sh)
		}
	}
	bad := []struct{ in, reason string }{
		{"", "want RFC 3339"},
		{"yesterday", "want RFC 3339"},
		{"2024-13-01", "month out of range"},
		{"2024-00-01", "month out of range"},
		{"2023-02-29", "day out of range"},
		{"1900-02-29", "day out of range"},
		{"2024-04-31", "day out of range"},
		{"2024-01-00", "day out of range"},
		{"2024-01-01 24:00:00", "hour out of range"},
		{"2024-01-01 23:60", "minute out of range"},
		{"2024-01-01 23:59:60", "second out of range"},
		{"2024-01-01 23", "want RFC 3339"},
		{"2024-01-01 23:5", "want RFC 3339"},
		{"2024-01-01 10:00:", "want RFC 3339"},
		{"2024-01-01 10:00:0", "want RFC 3339"},
		{"2024-01-01x", "want RFC 3339"},
		{"2024-01/01", "want RFC 3339"},
		{"24-01-01", "want RFC 3339"},
		{"20240101", "want RFC 3339"},
		{"2024-01-01 10:00:00 +08:00", "want RFC 3339"},
		{"2024-01-01T10:00:00+25:00", "want RFC 3339"},
		{"2024-01-01 10:00:00.1234567891", "more than nine"},
		{"9999-12-31T23:59:59-08:00", "year out of range"},
		{"2261-12-31T23:59:59-08:00", "year out of range"},
		// Beyond int64 nanoseconds: once stored as 1816-03-30 and 1754-08-30.
		{"9999-12-31 23:59:59", "year out of range"},
		{"0001-01-01", "year out of range"},
		{"1677-12-31 23:59:59", "year out of range"},
		{"2262/1/1 0:00", "year out of range"},
		{"03/15/2024", "want RFC 3339"},
	}
	for _, c := range bad {
		got, err := ParseTime(c.in, sh)
		if err == nil {
			t.Errorf("ParseTime(%q) = %v, want error %q", c.in, got, c.reason)
			continue
		}
		var ve *ValueError
		if !errors.As(err, &ve) || !strings.Contains(ve.Reason, c.reason) || ve.What != "time" {
			t.Errorf("ParseTime(%q) error %v, want reason containing %q", c.in, err, c.reason)
		}
	}
	// nil loc is UTC.
	if got, err := ParseTime("2024-03-15 10:04:05", nil); err != nil || !got.Equal(time.Date(2024, 3, 15, 10, 4, 5, 0, time.UTC)) {
		t.Errorf("nil loc: %v %v", got, err)
	}
}

func TestParseTimeDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	for _, in := range []string{"2024-03-10 01:30:00", "2024-07-01 12:00:00", "2024-11-03 01:30:00", "2024-12-01"} {
		got, err := ParseTime(in, ny)
		want, _ := time.ParseInLocation("2006-01-02 15:04:05", strings.TrimSpace(in+strings.Repeat(" 00:00:00", boolInt(len(in) == 10))), ny)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q, NY) = %v, %v; want %v", in, got, err, want)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestParseBirthday(t *testing.T) {
	good := map[string]string{
		"":                    "",
		"  ":                  "",
		"03-05":               "03-05",
		"3-5":                 "03-05",
		"03/05":               "03-05",
		"12-31":               "12-31",
		"02-29":               "02-29",
		"3月5日":                "03-05",
		"11月30号":              "11-30",
		"1990-03-05":          "1990-03-05",
		"1990/3/5":            "1990-03-05",
		" 1990/03/05 ":        "1990-03-05",
		"1990/3/5 0:00":       "1990-03-05",
		"2000-02-29":          "2000-02-29",
		"1990-03-05 00:00:00": "1990-03-05",
	}
	for in, want := range good {
		got, err := ParseBirthday(in)
		if err != nil || got != want {
			t.Errorf("ParseBirthday(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"13-01", "02-30", "04-31", "00-10", "1-0", "1999-02-29", "1990-03-05 10:00", "abc", "3", "3-", "-5", "12345", "3-5日", "3月5天", "1990-03-05T00:00:00Z"} {
		if got, err := ParseBirthday(in); err == nil {
			t.Errorf("ParseBirthday(%q) = %q, want error", in, got)
		}
	}
}

func TestParseConsent(t *testing.T) {
	for in, want := range map[string]bool{
		"": true, " ": true, "true": true, "TRUE": true, "True": true, "1": true, "yes": true, "Y": true, "y": true, "是": true, " t ": true,
		"false": false, "FALSE": false, "0": false, "no": false, "N": false, "否": false, "f": false,
	} {
		got, err := ParseConsent(in)
		if err != nil || got != want {
			t.Errorf("ParseConsent(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2", "maybe", "ok", "是的", "truee", "-1"} {
		if _, err := ParseConsent(in); err == nil {
			t.Errorf("ParseConsent(%q): want error", in)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"13812341234":    "138****1234",
		" 13812341234 ":  "138****1234",
		"+8613812341234": "+86*******1234",
		"88881234":       "88****34",
		"1234567":        "12***67",
		"123456":         "1***56",
		"1234":           "1*34",
		"123":            "1*3",
		"12":             "**",
		"1":              "*",
	} {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := MaskPhone("电话一二三四五六七八九十"), "电话一*****七八九十"; got != want {
		t.Errorf("MaskPhone(runes) = %q, want %q", got, want)
	}
}

func FuzzParseAmountFen(f *testing.F) {
	for _, s := range []string{"12", "12.5", "12.50", " 0.01 ", "0", "-1", "1.234", "1e3", "1,000", "NaN", "", ".5", "12.", "90000000000000.00", "90000000000000.01", "007.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseAmountFen(s)
		if err != nil {
			if v != 0 {
				t.Fatalf("error with value %d", v)
			}
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Value != s {
				t.Fatalf("error %v is not a ValueError for the input", err)
			}
			return
		}
		if v < 0 || v > MaxFen {
			t.Fatalf("ParseAmountFen(%q) = %d out of range", s, v)
		}
		out := FormatFen(v)
		v2, err := ParseAmountFen(out)
		if err != nil || v2 != v {
			t.Fatalf("round trip %q -> %d -> %q -> %d, %v", s, v, out, v2, err)
		}
		if FormatFen(v2) != out {
			t.Fatalf("format not stable: %q", out)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2024-03-15 10:04:05", "2024/03/15 10:04", "2024-03-15", "2024/3/5 9:05", "2024-03-15T10:04:05+08:00",
		"2024-03-15T02:04:05.123456789Z", "2024-03-15 10:04:05.5", "2024-02-29", "2023-02-29", "0000-01-01T00:00:00+01:00",
		"9999-12-31T23:59:59-01:00", "2024-01-01 24:00:00", "",
	} {
		f.Add(s)
	}
	locs := []*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("W", -9*3600-30*60)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range locs {
			tt, err := ParseTime(s, loc)
			if err != nil {
				if !tt.IsZero() {
					t.Fatalf("error with a value")
				}
				continue
			}
			if tt.Location() != loc {
				t.Fatalf("ParseTime(%q) in %v, want %v", s, tt.Location(), loc)
			}
			// The store keeps UnixNano: it must hold the instant exactly.
			if back := time.Unix(0, tt.UnixNano()); !back.Equal(tt) {
				t.Fatalf("ParseTime(%q) = %v does not survive UnixNano (%v)", s, tt, back)
			}
			// RFC 3339 with nanoseconds re-parses to the same instant.
			r := tt.Format(time.RFC3339Nano)
			t2, err := ParseTime(r, loc)
			if err != nil || !t2.Equal(tt) {
				t.Fatalf("ParseTime(%q) = %v; re-parse of %q = %v, %v", s, tt, r, t2, err)
			}
			// The zone-less form in loc (fixed zones: no DST) re-parses too.
			z := tt.Format("2006-01-02 15:04:05.999999999")
			t3, err := ParseTime(z, loc)
			if err != nil || !t3.Equal(tt) {
				t.Fatalf("ParseTime(%q) = %v; re-parse of %q = %v, %v", s, tt, z, t3, err)
			}
		}
	})
}

var sinkTime time.Time

func BenchmarkParseTime(b *testing.B) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	for _, s := range []string{"2024-03-15 10:04:05", "2024/03/15 10:04", "2024-03-15", "2024-03-15T10:04:05+08:00"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkTime, _ = ParseTime(s, loc)
			}
		})
	}
}

var sinkInt int64

func BenchmarkParseAmountFen(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkInt, _ = ParseAmountFen("1234.50")
	}
}
