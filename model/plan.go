package model

import (
	"errors"
	"fmt"
	"sort"
	"strings"
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

// Milestone edits. Each returns a new Plan (phases and milestones copied,
// the receiver untouched, so a plan a view holds never changes under it)
// with every phase's milestones in date order (ties keep their order), or
// an error naming what is wrong; the result is not saved and passes
// Validate when the plan did.

// ErrNoMilestone reports a phase or milestone index out of range.
var ErrNoMilestone = errors.New("no such milestone")

// ErrOutsidePlan reports a milestone day that no phase of the plan holds.
var ErrOutsidePlan = errors.New("day is in no phase of the plan")

// clone returns a deep copy of the plan's phases and milestones.
func (p Plan) clone() Plan {
	out := p
	out.Phases = make([]Phase, len(p.Phases))
	for i, ph := range p.Phases {
		out.Phases[i] = ph
		out.Phases[i].Milestones = append([]Milestone(nil), ph.Milestones...)
	}
	return out
}

func (p Plan) milestone(phase, i int) error {
	if phase < 0 || phase >= len(p.Phases) || i < 0 || i >= len(p.Phases[phase].Milestones) {
		return fmt.Errorf("phase %d milestone %d: %w", phase+1, i+1, ErrNoMilestone)
	}
	return nil
}

// sortMilestones puts a phase's milestones in date order, stably.
func sortMilestones(ms []Milestone) {
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].Day < ms[b].Day })
}

// PhaseOf returns the index of the phase holding day, or -1.
func (p Plan) PhaseOf(day Day) int {
	for i, ph := range p.Phases {
		if ph.From <= day && day <= ph.To {
			return i
		}
	}
	return -1
}

// ToggleMilestone marks milestone i of a phase done, or not done again.
func (p Plan) ToggleMilestone(phase, i int) (Plan, error) {
	if err := p.milestone(phase, i); err != nil {
		return p, err
	}
	out := p.clone()
	m := &out.Phases[phase].Milestones[i]
	m.Done = !m.Done
	return out, nil
}

// AddMilestone adds a milestone, not done, to the phase that holds its day.
// The name is trimmed and must not be empty.
func (p Plan) AddMilestone(name string, day Day) (Plan, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return p, errors.New("milestone has no name")
	}
	ph := p.PhaseOf(day)
	if ph < 0 {
		return p, fmt.Errorf("milestone %q on %s: %w", name, day, ErrOutsidePlan)
	}
	out := p.clone()
	ms := append(out.Phases[ph].Milestones, Milestone{Name: name, Day: day})
	sortMilestones(ms)
	out.Phases[ph].Milestones = ms
	return out, nil
}

// MoveMilestone moves milestone i of a phase to day, keeping its name and
// whether it is done. A day in another phase moves it into that phase.
func (p Plan) MoveMilestone(phase, i int, day Day) (Plan, error) {
	if err := p.milestone(phase, i); err != nil {
		return p, err
	}
	to := p.PhaseOf(day)
	if to < 0 {
		return p, fmt.Errorf("milestone %q to %s: %w", p.Phases[phase].Milestones[i].Name, day, ErrOutsidePlan)
	}
	out := p.clone()
	from := out.Phases[phase].Milestones
	m := from[i]
	m.Day = day
	out.Phases[phase].Milestones = append(from[:i:i], from[i+1:]...)
	ms := append(out.Phases[to].Milestones, m)
	sortMilestones(ms)
	out.Phases[to].Milestones = ms
	return out, nil
}

// DeleteMilestone removes milestone i of a phase.
func (p Plan) DeleteMilestone(phase, i int) (Plan, error) {
	if err := p.milestone(phase, i); err != nil {
		return p, err
	}
	out := p.clone()
	ms := out.Phases[phase].Milestones
	out.Phases[phase].Milestones = append(ms[:i:i], ms[i+1:]...)
	return out, nil
}

// PlanYear is the calendar year an operator plans for on day asOf: the
// year of asOf, except in December, when next year's plan is the one to
// prepare.
func PlanYear(asOf Day) int {
	y, m, _ := asOf.Date()
	if m == time.December {
		return y + 1
	}
	return y
}

// PlanCovering returns the index of the first plan whose phases span day
// (first phase's start to last phase's end), or -1.
func PlanCovering(plans []Plan, day Day) int {
	for i, pl := range plans {
		if n := len(pl.Phases); n > 0 && pl.Phases[0].From <= day && day <= pl.Phases[n-1].To {
			return i
		}
	}
	return -1
}
