package sample

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

// TestUniformShape: the same config gives the same bytes; 10 events per
// member; times never decrease and carry the zone; ids are numeric and in
// range.
func TestUniformShape(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	cfg := Config{Members: 500, Seed: 7, End: model.CivilDay(2026, time.June, 30), Loc: loc}
	var m1, e1, m2, e2 bytes.Buffer
	nm, ne, err := WriteUniformCSVTo(&m1, &e1, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := WriteUniformCSVTo(&m2, &e2, cfg); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m1.Bytes(), m2.Bytes()) || !bytes.Equal(e1.Bytes(), e2.Bytes()) {
		t.Fatal("two runs of the same config differ")
	}
	if nm != 500 || ne != 5000 {
		t.Fatalf("rows: %d members, %d events; want 500, 5000", nm, ne)
	}
	lines := strings.Split(strings.TrimSuffix(e1.String(), "\n"), "\n")
	if lines[0] != "member_id,kind,at,amount,order_id" || len(lines) != 5001 {
		t.Fatalf("header %q, %d lines", lines[0], len(lines))
	}
	var last time.Time
	for i, l := range lines[1:] {
		f := strings.Split(l, ",")
		if len(f) != 5 {
			t.Fatalf("line %d: %q", i+2, l)
		}
		at, err := time.Parse(time.RFC3339, f[2])
		if err != nil || !strings.HasSuffix(f[2], "+08:00") {
			t.Fatalf("line %d: time %q: %v", i+2, f[2], err)
		}
		if at.Before(last) {
			t.Fatalf("line %d: %s before %s", i+2, at, last)
		}
		last = at
		if d := model.DayOf(at, loc); d < cfg.End-364 || d > cfg.End {
			t.Fatalf("line %d: day %s outside the window", i+2, d)
		}
	}
}
