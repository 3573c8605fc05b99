package model

import (
	"strings"
	"testing"
)

func TestDefaultPlan(t *testing.T) {
	tests := []struct {
		start  string
		phases [4][2]string // from, to of each phase
	}{
		// The day of month is ignored: the plan starts 2026-03-01.
		{"2026-03-15", [4][2]string{{"2026-03-01", "2026-05-31"}, {"2026-06-01", "2026-08-31"}, {"2026-09-01", "2026-11-30"}, {"2026-12-01", "2027-02-28"}}},
		{"2026-01-01", [4][2]string{{"2026-01-01", "2026-03-31"}, {"2026-04-01", "2026-06-30"}, {"2026-07-01", "2026-09-30"}, {"2026-10-01", "2026-12-31"}}},
		// Across a leap February.
		{"2023-11-30", [4][2]string{{"2023-11-01", "2024-01-31"}, {"2024-02-01", "2024-04-30"}, {"2024-05-01", "2024-07-31"}, {"2024-08-01", "2024-10-31"}}},
	}
	names := []string{"启动 Launch", "增长 Growth", "优化 Optimise", "稳定 Stabilise"}
	for _, tc := range tests {
		p := DefaultPlan("plan-1", dcDay(t, tc.start))
		if p.ID != "plan-1" || p.Name == "" || len(p.Phases) != 4 {
			t.Fatalf("DefaultPlan(%s) = %+v", tc.start, p)
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("DefaultPlan(%s) invalid: %v", tc.start, err)
		}
		for i, ph := range p.Phases {
			if ph.Name != names[i] || ph.From.String() != tc.phases[i][0] || ph.To.String() != tc.phases[i][1] {
				t.Errorf("DefaultPlan(%s) phase %d = %s %s..%s, want %s %v", tc.start, i, ph.Name, ph.From, ph.To, names[i], tc.phases[i])
			}
			if len(ph.Milestones) < 1 || len(ph.Milestones) > 2 {
				t.Errorf("phase %s has %d milestones", ph.Name, len(ph.Milestones))
			}
			// The last milestone of every phase is its review on its last day.
			if last := ph.Milestones[len(ph.Milestones)-1]; last.Day != ph.To {
				t.Errorf("phase %s ends with %s on %s", ph.Name, last.Name, last.Day)
			}
		}
	}
	// Launch's first milestone is the end of the first month.
	if ms := DefaultPlan("p", dcDay(t, "2026-01-10")).Phases[0].Milestones[0]; ms.Day.String() != "2026-01-31" {
		t.Errorf("launch milestone on %s", ms.Day)
	}
}

func TestPlanValidate(t *testing.T) {
	d := func(s string) Day { return dcDay(t, s) }
	ok := func() Plan { return DefaultPlan("p", d("2026-01-01")) }
	tests := []struct {
		name   string
		edit   func(p *Plan)
		errHas []string // substrings the error must contain; nil means valid
	}{
		{"default", func(p *Plan) {}, nil},
		{"no phases", func(p *Plan) { p.Phases = nil }, nil},
		{"gap between phases", func(p *Plan) { p.Phases[1].From = d("2026-04-10") }, nil},
		{"overlap", func(p *Plan) { p.Phases[1].From = d("2026-03-31") }, []string{"phase 2", "not after phase 1"}},
		{"out of order", func(p *Plan) { p.Phases[0], p.Phases[1] = p.Phases[1], p.Phases[0] }, []string{"not after phase 1"}},
		{"ends before start", func(p *Plan) { p.Phases[3].To = d("2026-09-01"); p.Phases[3].Milestones = nil }, []string{"phase 4", "ends 2026-09-01 before"}},
		{"milestone outside", func(p *Plan) { p.Phases[0].Milestones[0].Day = d("2026-04-01") }, []string{"outside 2026-01-01..2026-03-31"}},
		{"milestone before", func(p *Plan) { p.Phases[2].Milestones[1].Day = d("2026-06-30") }, []string{"phase 3", "outside"}},
		{"no names", func(p *Plan) { p.Phases[0].Name = ""; p.Phases[0].Milestones[0].Name = "" }, []string{"has no name", "milestone 1 has no name"}},
		{"all reported", func(p *Plan) {
			p.Phases[1].From = d("2026-03-01")
			p.Phases[3].Milestones[0].Day = d("2027-01-01")
		}, []string{"phase 2", "phase 4"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := ok()
			tc.edit(&p)
			err := p.Validate()
			if tc.errHas == nil {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("want an error")
			}
			for _, s := range tc.errHas {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
		})
	}
}
