package model

import (
	"errors"
	"fmt"
	"time"
)

// planMilestoneSpec is a milestone of the default plan: its name and the
// month of its phase (1-based) on whose last day it falls.
type planMilestoneSpec struct {
	name  string
	month int
}

// defaultPhases is the common 12-month operating plan of the contract, three
// months per phase. Phase and milestone names are bilingual in one string,
// "中文 English", because Phase and Milestone carry a single Name and the plan
// is shown to both audiences (the UI may split at the first space).
var defaultPhases = [...]struct {
	name       string
	milestones []planMilestoneSpec
}{
	{"启动 Launch", []planMilestoneSpec{{"会员体系上线 Programme live", 1}, {"基线复盘 Baseline review", 3}}},
	{"增长 Growth", []planMilestoneSpec{{"拉新目标过半 Half of acquisition target", 2}, {"增长复盘 Growth review", 3}}},
	{"优化 Optimise", []planMilestoneSpec{{"分层运营上线 Segmented campaigns live", 1}, {"优化复盘 Optimisation review", 3}}},
	{"稳定 Stabilise", []planMilestoneSpec{{"留存稳定 Retention steady", 2}, {"年度复盘 Annual retrospective", 3}}},
}

// DefaultPlan returns the common 12-month plan (启动 launch months 1–3, 增长
// growth 4–6, 优化 optimise 7–9, 稳定 stabilise 10–12) starting on the first
// day of the month that contains start (the day of month is ignored: plans
// run in whole months). Each phase has two milestones on month ends, the
// second a review on the phase's last day. Names are "中文 English".
func DefaultPlan(id string, start Day) Plan {
	y, m, _ := start.Date()
	// monthStart returns the first day of the k-th month (0-based) of the plan.
	monthStart := func(k int) Day {
		mm := int(m) - 1 + k
		return CivilDay(y+mm/12, time.Month(mm%12+1), 1)
	}
	p := Plan{ID: id, Name: "年度运营计划 12-month plan"}
	for i, ph := range defaultPhases {
		phase := Phase{Name: ph.name, From: monthStart(3 * i), To: monthStart(3*i+3) - 1}
		for _, ms := range ph.milestones {
			phase.Milestones = append(phase.Milestones, Milestone{Name: ms.name, Day: monthStart(3*i+ms.month) - 1})
		}
		p.Phases = append(p.Phases, phase)
	}
	return p
}

// Validate checks that the plan can be drawn as a timeline: every phase and
// milestone is named, every phase ends on or after it starts, phases come in
// date order without overlapping (gaps between phases are allowed), and every
// milestone lies inside its phase. A plan without phases is valid (phases are
// optional). All problems are reported at once, joined, so a form can show
// them together.
func (p Plan) Validate() error {
	var errs []error
	for i, ph := range p.Phases {
		where := fmt.Sprintf("phase %d %q", i+1, ph.Name)
		if ph.Name == "" {
			errs = append(errs, fmt.Errorf("%s: has no name", where))
		}
		if ph.To < ph.From {
			errs = append(errs, fmt.Errorf("%s: ends %s before it starts %s", where, ph.To, ph.From))
		}
		if i > 0 {
			prev := p.Phases[i-1]
			if ph.From <= prev.To {
				errs = append(errs, fmt.Errorf("%s: starts %s, not after phase %d %q ends %s", where, ph.From, i, prev.Name, prev.To))
			}
		}
		for j, ms := range ph.Milestones {
			if ms.Name == "" {
				errs = append(errs, fmt.Errorf("%s: milestone %d has no name", where, j+1))
			}
			if ms.Day < ph.From || ms.Day > ph.To {
				errs = append(errs, fmt.Errorf("%s: milestone %q on %s is outside %s..%s", where, ms.Name, ms.Day, ph.From, ph.To))
			}
		}
	}
	return errors.Join(errs...)
}
