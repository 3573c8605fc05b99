package format

import (
	"math"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/i18n"
)

func TestCount(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {1050000, "1,050,000"},
		{1234567, "1,234,567"}, {-45678, "-45,678"},
		{math.MinInt64, "-9,223,372,036,854,775,808"},
	}
	for _, c := range cases {
		if got := Count(c.n); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestMoney(t *testing.T) {
	cases := []struct {
		fen         int64
		want, whole string
	}{
		{0, "¥0.00", "¥0"},
		{5, "¥0.05", "¥0"},
		{50, "¥0.50", "¥1"},
		{-150, "-¥1.50", "-¥2"},
		{100000, "¥1,000.00", "¥1,000"},
		{123456789, "¥1,234,567.89", "¥1,234,568"},
		{1410000000, "¥14,100,000.00", "¥14,100,000"},
		{1098056214, "¥10,980,562.14", "¥10,980,562"},
	}
	for _, c := range cases {
		if got := Money(c.fen); got != c.want {
			t.Errorf("Money(%d) = %q, want %q", c.fen, got, c.want)
		}
		if got := MoneyWhole(c.fen); got != c.whole {
			t.Errorf("MoneyWhole(%d) = %q, want %q", c.fen, got, c.whole)
		}
	}
}

func TestRate(t *testing.T) {
	cases := []struct {
		r    model.Ratio
		want string
	}{
		{model.Ratio{Num: 1, Den: 3}, "33.3%"},
		{model.Ratio{Num: 2, Den: 3}, "66.7%"},
		{model.Ratio{Num: 1, Den: 8}, "12.5%"},     // 12.5 exactly
		{model.Ratio{Num: 1, Den: 16}, "6.3%"},     // 6.25 rounds half away
		{model.Ratio{Num: 1, Den: 2000}, "0.1%"},   // 0.05 rounds up
		{model.Ratio{Num: 1, Den: 2001}, "0.0%"},   // just under 0.05
		{model.Ratio{Num: -1, Den: 16}, "-6.3%"},   // a negative rate of change
		{model.Ratio{Num: 1, Den: -16}, "-6.3%"},   // sign on the denominator
		{model.Ratio{Num: 15, Den: 1}, "1,500.0%"}, // separators
		{model.Ratio{Num: 0, Den: 5}, "0.0%"},
		{model.Ratio{Num: 5, Den: 0}, "—"},
		{model.Ratio{Num: math.MaxInt64 / 2, Den: math.MaxInt64}, "50.0%"}, // beyond the exact path
	}
	for _, c := range cases {
		if got := Rate(c.r, Dash); got != c.want {
			t.Errorf("Rate(%v) = %q, want %q", c.r, got, c.want)
		}
	}
	if Rate(model.Ratio{}, "-") != "-" {
		t.Error("Rate uses the dash it is given")
	}
}

func TestRateValue(t *testing.T) {
	cases := []struct {
		v    int64
		want string
	}{
		{1400, "14.0%"}, {1425, "14.3%"}, {1424, "14.2%"}, {78, "0.8%"}, {3972, "39.7%"}, {4500, "45.0%"},
		{0, "0.0%"}, {10000, "100.0%"}, {5, "0.1%"}, {4, "0.0%"}, {-1322, "-13.2%"}, {-1300, "-13.0%"},
	}
	for _, c := range cases {
		if got := RateValue(c.v); got != c.want {
			t.Errorf("RateValue(%d) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	cases := []struct {
		p    float64
		want string
	}{
		{12.34, "12.3%"}, {12.35, "12.4%"}, {-98.2, "-98.2%"}, {1234.5, "1,234.5%"}, {0, "0.0%"},
		{math.NaN(), "—"}, {math.Inf(1), "—"},
	}
	for _, c := range cases {
		if got := Percent(c.p, Dash); got != c.want {
			t.Errorf("Percent(%v) = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestPoints(t *testing.T) {
	cases := []struct {
		pp     float64
		en, zh string
	}{
		{-5.28, "-5.3pt", "-5.3个百分点"},
		{5.25, "5.3pt", "5.3个百分点"},
		{0, "0.0pt", "0.0个百分点"},
		{0.04, "0.0pt", "0.0个百分点"},
	}
	for _, c := range cases {
		if got := Points(c.pp, i18n.En); got != c.en {
			t.Errorf("Points(%v, en) = %q, want %q", c.pp, got, c.en)
		}
		if got := Points(c.pp, i18n.Zh); got != c.zh {
			t.Errorf("Points(%v, zh) = %q, want %q", c.pp, got, c.zh)
		}
	}
}

func TestPointsGap(t *testing.T) {
	// RatioScale units: 100 = one percentage point.
	cases := []struct {
		v      int64
		en, zh string
	}{
		{-528, "-5.3pt", "-5.3个百分点"},
		{-1322, "-13.2pt", "-13.2个百分点"}, // `target show` printed "-13.-22%"
		{40, "+0.4pt", "+0.4个百分点"},
		{45, "+0.5pt", "+0.5个百分点"},
		{-45, "-0.5pt", "-0.5个百分点"},
		{4, "0.0pt", "0.0个百分点"},
		{0, "0.0pt", "0.0个百分点"},
	}
	for _, c := range cases {
		if got := PointsGap(c.v, i18n.En); got != c.en {
			t.Errorf("PointsGap(%d, en) = %q, want %q", c.v, got, c.en)
		}
		if got := PointsGap(c.v, i18n.Zh); got != c.zh {
			t.Errorf("PointsGap(%d, zh) = %q, want %q", c.v, got, c.zh)
		}
	}
}

func TestDecimal(t *testing.T) {
	cases := []struct {
		x    float64
		dec  int
		want string
	}{
		{1234.56, 1, "1,234.6"}, {12.5, 0, "13"}, {0.25, 2, "0.25"}, {-0.04, 1, "0.0"},
		{-1234.5, 1, "-1,234.5"}, {7, 3, "7.000"}, {1.05e6, 0, "1,050,000"},
	}
	for _, c := range cases {
		if got := Decimal(c.x, c.dec); got != c.want {
			t.Errorf("Decimal(%v, %d) = %q, want %q", c.x, c.dec, got, c.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := model.CivilDay(2026, 2, 5)
	if got := Date(d); got != "2026-02-05" {
		t.Errorf("Date = %q, want 2026-02-05", got)
	}
	if got := Period(d, model.CivilDay(2026, 12, 31)); got != "2026-02-05~2026-12-31" {
		t.Errorf("Period = %q", got)
	}
}

func TestCompact(t *testing.T) {
	cases := []struct {
		v      float64
		en, zh string
	}{
		{7, "7", "7"},
		{1234, "1,234", "1,234"},
		{9999.4, "9,999", "9,999"},
		{17827, "17.8k", "1.78万"},
		{91359, "91.4k", "9.14万"},
		{123456, "123.5k", "12.3万"},
		{167000, "167.0k", "16.7万"},
		{1050000, "1.05M", "105.0万"},
		{1081643, "1.08M", "108.2万"}, {1197534, "1.20M", "119.8万"},
		{12345678, "12.3M", "1,234.6万"},
		{3e8, "300.0M", "3.00亿"},
		{2.5e9, "2.50B", "25.0亿"},
		{-123456, "-123.5k", "-12.3万"},
	}
	for _, c := range cases {
		if got := Compact(c.v, i18n.En); got != c.en {
			t.Errorf("Compact(%v, en) = %q, want %q", c.v, got, c.en)
		}
		if got := Compact(c.v, i18n.Zh); got != c.zh {
			t.Errorf("Compact(%v, zh) = %q, want %q", c.v, got, c.zh)
		}
	}
	if got := CompactMoney(-1234500, i18n.Zh); got != "-¥1.23万" {
		t.Errorf("CompactMoney = %q", got)
	}
	if got := CompactMoney(1410000000, i18n.Zh); got != "¥1,410.0万" {
		t.Errorf("CompactMoney = %q", got)
	}
}

func TestValueAndGap(t *testing.T) {
	cases := []struct {
		metric         string
		v              int64
		value, gap, gc string // Value, Gap exact, Gap compact (en)
	}{
		{"gmv", 1410000000, "¥14,100,000.00", "+¥14,100,000.00", "+¥14.1M"},
		{"gmv", -1234500, "-¥12,345.00", "-¥12,345.00", "-¥12.3k"},
		{"gmv", -685100, "-¥6,851.00", "-¥6,851.00", "-¥6,851"},
		{"gmv", 1098056214, "¥10,980,562.14", "+¥10,980,562.14", "+¥11.0M"}, // was 1.098056214e+07
		{"new_members", 1050000, "1,050,000", "+1,050,000", "+1.05M"},
		{"new_members", -20, "-20", "-20", "-20"},
		{"new_members", 0, "0", "0", "0"},
		{"repurchase_rate", 4500, "45.0%", "+45.0pt", "+45.0pt"},
		{"new_members", 10000, "10,000", "+10,000", "+10.0k"},
		{"repurchase_rate", -1322, "-13.2%", "-13.2pt", "-13.2pt"},
	}
	for _, c := range cases {
		if got := Value(c.metric, c.v); got != c.value {
			t.Errorf("Value(%s, %d) = %q, want %q", c.metric, c.v, got, c.value)
		}
		if got := Gap(c.metric, c.v, false, i18n.En); got != c.gap {
			t.Errorf("Gap(%s, %d) = %q, want %q", c.metric, c.v, got, c.gap)
		}
		if got := Gap(c.metric, c.v, true, i18n.En); got != c.gc {
			t.Errorf("Gap(%s, %d, compact) = %q, want %q", c.metric, c.v, got, c.gc)
		}
	}
	if got := Gap("repurchase_rate", -528, false, i18n.Zh); got != "-5.3个百分点" {
		t.Errorf("zh rate gap = %q", got)
	}
	if got := Gap("repurchase_rate", -528, true, i18n.Zh); got != "-5.3个百分点" {
		t.Errorf("zh rate gap in a tight column = %q", got)
	}
}

// TestAxisOneUnit checks that all labels of one axis share unit and
// precision, chosen from the top of the scale.
func TestAxisOneUnit(t *testing.T) {
	cases := []struct {
		hi     float64
		u      Unit
		lang   i18n.Lang
		values []float64
		want   []string
	}{
		// the reported axis: 16.7万 beside 91,359
		{167000, UnitCount, i18n.Zh, []float64{0, 91359, 167000}, []string{"0.0万", "9.1万", "16.7万"}},
		{167000, UnitCount, i18n.En, []float64{0, 91359, 167000}, []string{"0k", "91k", "167k"}},
		{1.3e6, UnitMoney, i18n.En, []float64{0, 1.04e6, 1.3e6}, []string{"0.00M", "1.04M", "1.30M"}},
		{1.3e6, UnitMoney, i18n.Zh, []float64{0, 1.04e6, 1.3e6}, []string{"0万", "104万", "130万"}},
		{13066, UnitMoney, i18n.Zh, []float64{0, 6584, 13066}, []string{"0", "6,584", "13,066"}},
		{91359, UnitCount, i18n.Zh, []float64{0, 45679.5, 91359}, []string{"0", "45,680", "91,359"}},
		{9135, UnitCount, i18n.Zh, []float64{0, 4567.5, 9135}, []string{"0", "4,568", "9,135"}},
		// counts never fractional: no "1.82" members
		{3, UnitCount, i18n.En, []float64{0, 1.82, 3}, []string{"0", "2", "3"}},
		{5.2, UnitMoney, i18n.En, []float64{0, 2.6, 5.2}, []string{"0.00", "2.60", "5.20"}},
		{4.8, UnitRate, i18n.Zh, []float64{0, 2.45, 4.8}, []string{"0.0%", "2.5%", "4.8%"}},
		{0.78, UnitRate, i18n.En, []float64{0, 0.78}, []string{"0.00%", "0.78%"}},
		{2.5e8, UnitMoney, i18n.Zh, []float64{5e7, 2.5e8}, []string{"0.50亿", "2.50亿"}},
		{2.5e8, UnitMoney, i18n.En, []float64{5e7, 2.5e8}, []string{"50M", "250M"}},
	}
	for _, c := range cases {
		f := Axis(c.hi, c.u, c.lang)
		for i, v := range c.values {
			if got := f(v); got != c.want[i] {
				t.Errorf("Axis(%v, %d, %v)(%v) = %q, want %q", c.hi, c.u, c.lang, v, got, c.want[i])
			}
		}
	}
}

func TestUnitOf(t *testing.T) {
	if UnitOf("gmv") != UnitMoney || UnitOf("repurchase_rate") != UnitRate || UnitOf("orders") != UnitCount || UnitOf("nope") != UnitCount {
		t.Error("UnitOf")
	}
}

// TestInputReadsBack: what a form shows for editing parses back to the
// same value.
func TestInputReadsBack(t *testing.T) {
	cases := []struct {
		metric string
		v      int64
		want   string
	}{
		{"gmv", 123450, "1234.50"}, {"gmv", 1410000000, "14100000"}, {"gmv", 5, "0.05"},
		{"repurchase_rate", 1425, "14.25%"}, {"repurchase_rate", 1400, "14%"}, {"repurchase_rate", 1450, "14.5%"},
		{"repurchase_rate", 5, "0.05%"}, {"repurchase_rate", 0, "0%"}, {"orders", 4960, "4960"},
	}
	for _, c := range cases {
		got := Input(c.metric, c.v)
		if got != c.want {
			t.Errorf("Input(%s, %d) = %q, want %q", c.metric, c.v, got, c.want)
		}
		if back, err := model.ParseTargetValue(c.metric, got); err != nil || back != c.v {
			t.Errorf("Input(%s, %d) = %q reads back as %d, %v", c.metric, c.v, got, back, err)
		}
	}
}
