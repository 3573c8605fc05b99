package model

import (
	"errors"
	"testing"
)

func TestParseTargetValue(t *testing.T) {
	cases := []struct {
		metric, in string
		want       int64
		bad        bool
	}{
		{"gmv", "1000000", 100000000, false},
		{"gmv", "12.34", 1234, false},
		{"gmv", "12.345", 0, true},
		{"repurchase_rate", "0.25", 2500, false},
		{"repurchase_rate", "25%", 2500, false},
		{"repurchase_rate", "12.34%", 1234, false},
		{"repurchase_rate", "12.345%", 0, true},
		{"repurchase_rate", "1.5", 0, true},
		{"active_rate", "-0.1", 0, true},
		{"new_members", "5000", 5000, false},
		{"new_members", "50.5", 0, true},
		{"orders", "-1", 0, true},
		{"nope", "1", 0, true},
	}
	for _, c := range cases {
		got, err := ParseTargetValue(c.metric, c.in)
		if (err != nil) != c.bad || (!c.bad && got != c.want) {
			t.Errorf("ParseTargetValue(%s, %q) = %d, %v", c.metric, c.in, got, err)
		}
	}
}

func TestTargetValidate(t *testing.T) {
	d := func(s string) Day { x, _ := ParseDay(s); return x }
	base := Target{Metric: "gmv", From: d("2026-01-15"), To: d("2026-03-10"), Value: 100, Method: MethodEven}
	field := func(err error) string {
		var te *TargetError
		if errors.As(err, &te) {
			return te.Field
		}
		return ""
	}
	if err := base.Validate(); err != nil {
		t.Fatal(err)
	}
	mut := func(f func(*Target)) Target { x := base; f(&x); return x }
	cases := []struct {
		t     Target
		field string
	}{
		{mut(func(x *Target) { x.Metric = "x" }), "metric"},
		{mut(func(x *Target) { x.To = x.From - 1 }), "to"},
		{mut(func(x *Target) { x.Value = -1 }), "value"},
		{mut(func(x *Target) { x.Method = "magic" }), "method"},
		{mut(func(x *Target) { x.Weights = []int64{1, 2, 3} }), "weights"},                                        // even with weights
		{mut(func(x *Target) { x.Method = MethodCustom; x.Weights = []int64{1, 2} }), "weights"},                  // Jan, Feb, Mar: 3 months
		{mut(func(x *Target) { x.Method = MethodCustom; x.Weights = []int64{1, -2, 1} }), "weights"},              //
		{mut(func(x *Target) { x.Method = MethodCustom; x.Weights = []int64{1, 2, 1} }), ""},                      // valid
		{mut(func(x *Target) { x.From = d("2026-01-01"); x.To = d("2026-01-01"); x.Method = MethodHistory }), ""}, // one day
	}
	for i, c := range cases {
		if got := field(c.t.Validate()); got != c.field {
			t.Errorf("case %d: field %q, want %q (%v)", i, got, c.field, c.t.Validate())
		}
	}
}
