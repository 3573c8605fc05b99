package model

import (
	"encoding/json"
	"math"
	"testing"
)

func TestRatio(t *testing.T) {
	tests := []struct {
		r     Ratio
		valid bool
		f     float64
		json  string
	}{
		{Ratio{0, 0}, false, 0, "null"},
		{Ratio{5, 0}, false, 0, "null"},
		{Ratio{-5, 0}, false, 0, "null"},
		{Ratio{0, 5}, true, 0, "0"},
		{Ratio{1, 4}, true, 0.25, "0.25"},
		{Ratio{1, 3}, true, 1.0 / 3, "0.333333"},
		{Ratio{2, 3}, true, 2.0 / 3, "0.666667"},
		{Ratio{3, 1}, true, 3, "3"},
		{Ratio{-1, 3}, true, -1.0 / 3, "-0.333333"},
		{Ratio{-1, 10000000}, true, -1e-7, "0"}, // rounds to zero, never "-0"
		{Ratio{45050, 3}, true, 45050.0 / 3, "15016.666667"},
		{Ratio{1, 1000000}, true, 1e-6, "0.000001"},
	}
	for _, tt := range tests {
		if tt.r.Valid() != tt.valid {
			t.Errorf("%+v Valid = %v", tt.r, tt.r.Valid())
		}
		if f := tt.r.Float(); f != tt.f || math.IsNaN(f) {
			t.Errorf("%+v Float = %v, want %v", tt.r, f, tt.f)
		}
		b, err := json.Marshal(tt.r)
		if err != nil || string(b) != tt.json {
			t.Errorf("%+v JSON = %s, %v; want %s", tt.r, b, err, tt.json)
		}
	}
	// Inside a struct (pointer and value receivers both go through MarshalJSON).
	b, _ := json.Marshal(struct {
		A Ratio  `json:"a"`
		B *Ratio `json:"b"`
	}{Ratio{1, 2}, &Ratio{1, 0}})
	if string(b) != `{"a":0.5,"b":null}` {
		t.Errorf("struct JSON = %s", b)
	}
}
