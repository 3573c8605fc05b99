package model

import (
	"errors"
	"strings"
	"testing"
)

// milestoneList writes a plan's milestones phase by phase as
// "phase: day name[x] …" for comparing with a hand-written expectation.
func milestoneList(p Plan) string {
	var b strings.Builder
	for i, ph := range p.Phases {
		if i > 0 {
			b.WriteString(" | ")
		}
		for j, m := range ph.Milestones {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(m.Day.String()[5:] + " " + strings.Fields(m.Name)[0])
			if m.Done {
				b.WriteString("[x]")
			}
		}
	}
	return b.String()
}

func TestMilestoneEdits(t *testing.T) {
	d := func(s string) Day { return dcDay(t, s) }
	base := DefaultPlan("P", d("2026-01-01"))
	const orig = "01-31 会员体系上线, 03-31 基线复盘 | 05-31 拉新目标过半, 06-30 增长复盘 | 07-31 分层运营上线, 09-30 优化复盘 | 11-30 留存稳定, 12-31 年度复盘"
	if got := milestoneList(base); got != orig {
		t.Fatalf("default plan milestones:\n%s\nwant\n%s", got, orig)
	}
	cases := []struct {
		name string
		edit func(Plan) (Plan, error)
		want string // milestones after; "" when err is set
		err  error
	}{
		{"tick done", func(p Plan) (Plan, error) { return p.ToggleMilestone(0, 1) },
			"01-31 会员体系上线, 03-31 基线复盘[x] | 05-31 拉新目标过半, 06-30 增长复盘 | 07-31 分层运营上线, 09-30 优化复盘 | 11-30 留存稳定, 12-31 年度复盘", nil},
		{"tick twice is undone", func(p Plan) (Plan, error) {
			p, _ = p.ToggleMilestone(3, 0)
			return p.ToggleMilestone(3, 0)
		}, orig, nil},
		{"add in date order inside its phase", func(p Plan) (Plan, error) { return p.AddMilestone("  618 大促  ", d("2026-06-18")) },
			"01-31 会员体系上线, 03-31 基线复盘 | 05-31 拉新目标过半, 06-18 618, 06-30 增长复盘 | 07-31 分层运营上线, 09-30 优化复盘 | 11-30 留存稳定, 12-31 年度复盘", nil},
		{"add on a phase's first day", func(p Plan) (Plan, error) { return p.AddMilestone("开工", d("2026-04-01")) },
			"01-31 会员体系上线, 03-31 基线复盘 | 04-01 开工, 05-31 拉新目标过半, 06-30 增长复盘 | 07-31 分层运营上线, 09-30 优化复盘 | 11-30 留存稳定, 12-31 年度复盘", nil},
		{"add outside the plan", func(p Plan) (Plan, error) { return p.AddMilestone("明年", d("2027-01-01")) }, "", ErrOutsidePlan},
		{"add without a name", func(p Plan) (Plan, error) { return p.AddMilestone("  ", d("2026-05-01")) }, "", nil},
		{"move inside its phase, keeps done", func(p Plan) (Plan, error) {
			p, _ = p.ToggleMilestone(1, 1)
			return p.MoveMilestone(1, 1, d("2026-04-15"))
		}, "01-31 会员体系上线, 03-31 基线复盘 | 04-15 增长复盘[x], 05-31 拉新目标过半 | 07-31 分层运营上线, 09-30 优化复盘 | 11-30 留存稳定, 12-31 年度复盘", nil},
		{"move into the next phase", func(p Plan) (Plan, error) { return p.MoveMilestone(0, 1, d("2026-04-10")) },
			"01-31 会员体系上线 | 04-10 基线复盘, 05-31 拉新目标过半, 06-30 增长复盘 | 07-31 分层运营上线, 09-30 优化复盘 | 11-30 留存稳定, 12-31 年度复盘", nil},
		{"move outside the plan", func(p Plan) (Plan, error) { return p.MoveMilestone(0, 0, d("2025-12-31")) }, "", ErrOutsidePlan},
		{"delete", func(p Plan) (Plan, error) { return p.DeleteMilestone(2, 0) },
			"01-31 会员体系上线, 03-31 基线复盘 | 05-31 拉新目标过半, 06-30 增长复盘 | 09-30 优化复盘 | 11-30 留存稳定, 12-31 年度复盘", nil},
		{"delete the last of a phase", func(p Plan) (Plan, error) {
			p, _ = p.DeleteMilestone(2, 1)
			return p.DeleteMilestone(2, 0)
		}, "01-31 会员体系上线, 03-31 基线复盘 | 05-31 拉新目标过半, 06-30 增长复盘 |  | 11-30 留存稳定, 12-31 年度复盘", nil},
		{"index out of range", func(p Plan) (Plan, error) { return p.DeleteMilestone(2, 2) }, "", ErrNoMilestone},
		{"phase out of range", func(p Plan) (Plan, error) { return p.ToggleMilestone(4, 0) }, "", ErrNoMilestone},
		{"negative index", func(p Plan) (Plan, error) { return p.MoveMilestone(0, -1, d("2026-02-01")) }, "", ErrNoMilestone},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.edit(base)
			if c.want == "" {
				if err == nil {
					t.Fatalf("no error; plan %s", milestoneList(got))
				}
				if c.err != nil && !errors.Is(err, c.err) {
					t.Fatalf("error %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := milestoneList(got); s != c.want {
				t.Errorf("milestones:\n%s\nwant\n%s", s, c.want)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("edited plan invalid: %v", err)
			}
			// The receiver is never changed.
			if s := milestoneList(base); s != orig {
				t.Fatalf("the edit changed the original plan: %s", s)
			}
		})
	}
}

func TestPlanYear(t *testing.T) {
	cases := map[string]int{
		"2026-01-01": 2026, "2026-06-30": 2026, "2026-11-30": 2026,
		"2026-12-01": 2027, "2026-12-31": 2027,
	}
	for day, want := range cases {
		if got := PlanYear(dcDay(t, day)); got != want {
			t.Errorf("PlanYear(%s) = %d, want %d", day, got, want)
		}
	}
	plans := []Plan{DefaultPlan("A", dcDay(t, "2026-01-01")), {ID: "EMPTY"}, DefaultPlan("B", dcDay(t, "2027-01-01"))}
	for day, want := range map[string]int{"2026-12-31": 0, "2027-01-01": 2, "2025-12-31": -1, "2028-01-01": -1} {
		if got := PlanCovering(plans, dcDay(t, day)); got != want {
			t.Errorf("PlanCovering(%s) = %d, want %d", day, got, want)
		}
	}
}
