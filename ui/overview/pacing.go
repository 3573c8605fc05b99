package overview

import (
	"sort"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// The pacing list: every target active on the as-of day with its actual
// against the plan to date, the gap, the run-rate still needed per day and
// the forecast, worst first; enter opens the selected one in the Targets
// pane (common.ShowTargetMsg, routed by the root).

// pacingRows returns the dataset's active targets, worst first.
func (o *Overview) pacingRows() []common.TargetPace {
	if o.data == nil {
		return nil
	}
	return worstFirst(o.data.Pacing)
}

// worstFirst orders paced targets from the worst to the best: behind, on
// track, ahead, too early to judge, not started, failed; inside a status by
// how far actual is from the plan to date (actual ÷ expected, the inverse
// for a metric where lower is better), the furthest behind first; ties by
// target ID so the order is stable.
func worstFirst(ps []common.TargetPace) []common.TargetPace {
	out := append([]common.TargetPace(nil), ps...)
	rank := func(p common.TargetPace) int {
		if p.Err != nil {
			return 9
		}
		switch p.Row.Status {
		case model.PaceBehind:
			return 0
		case model.PaceOnTrack:
			return 1
		case model.PaceAhead:
			return 2
		case model.PaceTooEarly:
			return 3
		}
		return 4
	}
	score := func(p common.TargetPace) float64 {
		a, e := float64(p.Row.Actual), float64(p.Row.Expected)
		info, _ := model.Metric(p.Target.Metric)
		if info.LowerIsBetter() {
			a, e = e, a
		}
		if e == 0 {
			return 1
		}
		return a / e
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(out[i]), rank(out[j])
		if ri != rj {
			return ri < rj
		}
		si, sj := score(out[i]), score(out[j])
		if si != sj {
			return si < sj
		}
		return out[i].Target.ID < out[j].Target.ID
	})
	return out
}

// pacingView draws the list in exactly h lines of at most w columns: a
// header, then the rows around the selection.
func (o *Overview) pacingView(w, h int) []string {
	st := o.c.Styles
	rows := o.pacingRows()
	lines := make([]string, 0, h)
	title := o.c.T("ops.pace.title", len(rows))
	if o.pacing {
		title += " · " + o.c.T("ops.pace.keys")
	} else {
		title += " · " + o.c.T("ops.pace.focus")
	}
	lines = append(lines, st.ChartTitle.Render(o.cut(title, w)))
	if len(rows) == 0 {
		lines = append(lines, st.Subtle.Render(o.cut(o.c.T("ops.pace.none"), w)))
	}
	n := h - 1
	first := 0
	if o.pcur >= n {
		first = o.pcur - n + 1
	}
	for i := first; i < len(rows) && len(lines) < h; i++ {
		lines = append(lines, o.pacingLine(rows[i], i == o.pcur && o.pacing, w))
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// pacingLine is one target: marker, name, then its figures, the exact
// form when it fits and the compact one otherwise.
func (o *Overview) pacingLine(p common.TargetPace, selected bool, w int) string {
	st := o.c.Styles
	mark := "  "
	if selected {
		mark = st.G.Selected + " "
	}
	name := p.Target.Name
	if name == "" {
		name = p.Target.ID
	}
	nameW := min(max(w/4, 8), 24)
	head := mark + theme.Fit(name, nameW) + " "
	if p.Err != nil {
		return st.Bad.Render(o.cut(head+p.Err.Error(), w))
	}
	status := o.c.T("pace." + p.Row.Status.String())
	style := st.Subtle
	switch p.Row.Status {
	case model.PaceBehind:
		style = st.Bad
	case model.PaceAhead:
		style = st.Good
	case model.PaceOnTrack:
		style = st.Accent
	}
	rest := w - lipgloss.Width(head) - lipgloss.Width(status) - 3
	figs := o.pacingFigures(p, false)
	if lipgloss.Width(figs) > rest {
		figs = o.pacingFigures(p, true)
	}
	figs = o.cut(figs, max(rest, 0))
	if selected {
		head = st.CardSelectedTitle.Render(head)
	}
	return head + figs + "  " + style.Render(status)
}

// pacingFigures writes actual against expected to date, the gap, the
// run-rate needed per day and the forecast (the last two for additive
// metrics only: a level metric is not reached by daily increments).
func (o *Overview) pacingFigures(p common.TargetPace, compact bool) string {
	r := p.Row
	m := p.Target.Metric
	info, _ := model.Metric(m)
	lang := o.c.Cat.Lang
	f := func(v int64) string {
		if compact {
			return format.CompactValue(m, v, lang)
		}
		return format.Value(m, v)
	}
	parts := []string{
		o.c.T("ops.pace.actual", f(r.Actual), f(r.Expected)),
		o.c.T("ops.pace.gap", format.Gap(m, r.Gap, compact, lang)),
	}
	if info.Additive {
		if r.RunRateNeeded > 0 {
			parts = append(parts, o.c.T("ops.pace.runrate", f(r.RunRateNeeded)))
		}
		parts = append(parts, o.c.T("ops.pace.forecast", f(r.Forecast)))
	}
	return strings.Join(parts, " · ")
}
