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

// Columns of the pacing table.
const (
	pcName = iota
	pcActual
	pcGap
	pcRunRate
	pcForecast
	pcStatus
	pcCount
)

// pacingView draws the list in exactly h lines of at most w columns: a
// title, a header, then the rows around the selection.
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
		for len(lines) < h {
			lines = append(lines, "")
		}
		return lines
	}
	header := []string{o.c.T("ops.pace.col.target"), o.c.T("ops.pace.col.actual"), o.c.T("ops.pace.col.gap"),
		o.c.T("ops.pace.col.runrate"), o.c.T("ops.pace.col.forecast"), o.c.T("ops.pace.col.status")}
	cells, widths := o.pacingCells(rows, header, w-2)
	if h > 2 {
		lines = append(lines, st.TableHeader.Render(o.cut("  "+joinCells(header, widths), w)))
	}
	n := max(h-len(lines), 0)
	first := 0
	if o.pcur >= n {
		first = o.pcur - n + 1
	}
	for i := first; i < len(rows) && len(lines) < h; i++ {
		lines = append(lines, o.pacingLine(rows[i], cells[i], widths, i == o.pcur && o.pacing, w))
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// pacingCells formats every row's cells, exact when the table fits w
// columns, compact (万, k) otherwise; the target's name takes what is left.
func (o *Overview) pacingCells(rows []common.TargetPace, header []string, w int) ([][]string, []int) {
	var cells [][]string
	var widths []int
	for _, compact := range []bool{false, true} {
		cells = make([][]string, len(rows))
		for i, p := range rows {
			cells[i] = o.pacingRow(p, compact)
		}
		widths = make([]int, pcCount)
		for c := range widths {
			widths[c] = lipgloss.Width(header[c])
			for _, r := range cells {
				widths[c] = max(widths[c], lipgloss.Width(r[c]))
			}
		}
		widths[pcName] = min(widths[pcName], 24)
		if total(widths) <= w {
			break
		}
	}
	if over := total(widths) - w; over > 0 {
		widths[pcName] = max(widths[pcName]-over, 6)
	}
	return cells, widths
}

// total is the width of a row of cells with two spaces between columns.
func total(ws []int) int {
	n := 2 * (len(ws) - 1)
	for _, w := range ws {
		n += w
	}
	return n
}

// joinCells lays cells out in their columns: text left, figures right.
func joinCells(cells []string, ws []int) string {
	parts := make([]string, len(cells))
	for i, c := range cells {
		if i == pcName || i == pcStatus {
			parts[i] = theme.Fit(c, ws[i])
		} else {
			parts[i] = theme.FitRight(c, ws[i])
		}
	}
	return strings.Join(parts, "  ")
}

// pacingRow is one target's cells: name, actual against expected to date,
// gap, run-rate still needed per day and forecast (the last two only for
// additive metrics: a level metric is not reached by daily increments),
// and the status.
func (o *Overview) pacingRow(p common.TargetPace, compact bool) []string {
	dash := o.c.Styles.G.Dash
	name := p.Target.Name
	if name == "" {
		name = p.Target.ID
	}
	c := []string{name, dash, dash, dash, dash, ""}
	if p.Err != nil {
		c[pcStatus] = o.c.T("ops.pace.failed")
		return c
	}
	r, m, lang := p.Row, p.Target.Metric, o.c.Cat.Lang
	f := func(v int64) string {
		if compact {
			return format.CompactValue(m, v, lang)
		}
		return format.Value(m, v)
	}
	c[pcActual] = f(r.Actual) + " / " + f(r.Expected)
	c[pcGap] = format.Gap(m, r.Gap, compact, lang)
	if info, _ := model.Metric(m); info.Additive {
		if r.RunRateNeeded > 0 {
			c[pcRunRate] = f(r.RunRateNeeded)
		}
		c[pcForecast] = f(r.Forecast)
	}
	c[pcStatus] = o.c.T("pace." + r.Status.String())
	return c
}

// pacingLine draws one row, the status coloured, the selection marked.
func (o *Overview) pacingLine(p common.TargetPace, cells []string, ws []int, selected bool, w int) string {
	st := o.c.Styles
	mark := "  "
	if selected {
		mark = st.G.Selected + " "
	}
	style := st.Subtle
	switch {
	case p.Err != nil:
		style = st.Bad
	case p.Row.Status == model.PaceBehind:
		style = st.Bad
	case p.Row.Status == model.PaceAhead:
		style = st.Good
	case p.Row.Status == model.PaceOnTrack:
		style = st.Accent
	}
	body := joinCells(cells[:pcStatus], ws[:pcStatus])
	line := mark + body + "  "
	if selected {
		line = st.CardSelectedTitle.Render(line)
	}
	return o.cut(line+style.Render(theme.Fit(cells[pcStatus], ws[pcStatus])), w)
}
