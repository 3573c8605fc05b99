package model

import (
	"fmt"
	"time"
)

// RetroStatus is where a retrospective stands: a draft is still being
// written, a final one has been handed over. Marking a campaign's retro final
// marks the campaign reviewed (the store does both in one transaction).
type RetroStatus string

// Retro statuses.
const (
	RetroDraft RetroStatus = "draft"
	RetroFinal RetroStatus = "final"
)

// Final reports whether the retro has been marked final.
func (r *Retro) Final() bool { return r.Status == RetroFinal }

// LangOrDefault is the retro's template language: "en" or "zh" (the default,
// as the sample's retros are written in Chinese).
func (r *Retro) LangOrDefault() string {
	if r.Lang == "en" {
		return "en"
	}
	return "zh"
}

// RetroSection names one of the four narrative sections the operator writes
// (目标对比 is filled from data only and has no narrative of its own).
type RetroSection int

// Narrative sections, in document order.
const (
	SectionBackground RetroSection = iota // 背景说明
	SectionAnalysis                       // 各版块数据分析: notes beside the figures
	SectionLessons                        // 经验教训
	SectionPlaybook                       // 可复用经验
	NumRetroSections
)

// String is the section's English key ("background", "analysis", "lessons",
// "playbook").
func (s RetroSection) String() string {
	switch s {
	case SectionBackground:
		return "background"
	case SectionAnalysis:
		return "analysis"
	case SectionLessons:
		return "lessons"
	case SectionPlaybook:
		return "playbook"
	}
	return "unknown"
}

// RetroNarrative is the operator's words: the four narrative sections.
type RetroNarrative [NumRetroSections]string

// Narrative returns the retro's four narrative sections.
func (r *Retro) Narrative() RetroNarrative {
	return RetroNarrative{r.Background, r.Analysis, r.Lessons, r.Playbook}
}

// SetNarrative replaces the retro's four narrative sections.
func (r *Retro) SetNarrative(n RetroNarrative) {
	r.Background, r.Analysis, r.Lessons, r.Playbook = n[0], n[1], n[2], n[3]
}

// MonthWindow parses "YYYY-MM" into the month's days.
func MonthWindow(s string) (Window, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Window{}, fmt.Errorf("month %q: want YYYY-MM", s)
	}
	from := CivilDay(t.Year(), t.Month(), 1)
	next := t.AddDate(0, 1, 0)
	return Window{From: from, To: CivilDay(next.Year(), next.Month(), 1) - 1}, nil
}

// ClosedMonths lists, newest first, up to n calendar months that ended on or
// before asOf and start on or after first (the data's first day's month):
// the months a monthly retro can be written for.
func ClosedMonths(first, asOf Day, n int) []string {
	var out []string
	y, m, _ := asOf.Date()
	cur := CivilDay(y, m, 1) // the month of asOf is closed only on its last day
	if w, _ := MonthWindow(MonthOf(asOf).String()); w.To == asOf {
		cur = asOf + 1
	}
	for len(out) < n {
		prev := cur - 1 // last day of the previous month
		w, _ := MonthWindow(MonthOf(prev).String())
		if w.To < first {
			break
		}
		out = append(out, MonthOf(prev).String())
		cur = w.From
	}
	return out
}

// RetroPace is the pace of a sub-period of a target on metric whose rows a
// retro sums itself (ISO weeks clipped to a month): the same rule and band
// as the decomposition tree's rows.
func RetroPace(metric string, actual, expected int64, notStarted bool) PaceStatus {
	info, _ := Metric(metric)
	return paceOf(actual, expected, notStarted, info.LowerIsBetter())
}
