package targets

import (
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// The tree's chart: cumulative actual against cumulative target over the
// period's days, with the forecast from the as-of day to the end at the
// current pace (the plan's remaining shape scaled by actual ÷ expected, so
// it ends on the whole period's Forecast). A level metric is not summed over
// days: its chart is the KPI from the period's start to each day (what the
// period's actual was on that day) against the flat target value.

// chartSeries are the chart's series in display units (yuan, percent,
// counts), one value per day of the period; NaN where a series has no point.
type chartSeries struct {
	target, actual, forecast []float64
}

// series builds the chart's series from the loaded tree.
func (d *treeData) series() chartSeries {
	n := periodDays(d.t)
	info, _ := model.Metric(d.t.Metric)
	scale := 1.0
	switch {
	case info.Money:
		scale = 0.01
	case info.Rate:
		scale = 100.0 / model.RatioScale
	}
	s := chartSeries{target: make([]float64, n), actual: make([]float64, n), forecast: make([]float64, n)}
	k := int(d.asOf - d.t.From) // index of the as-of day (may lie outside)
	if !d.additive {
		for i := 0; i < n; i++ {
			s.target[i] = float64(d.t.Value) * scale
			s.forecast[i] = math.NaN()
			s.actual[i] = math.NaN()
			if i < len(d.toDate) {
				s.actual[i] = float64(d.toDate[i]) * scale
			}
		}
		return s
	}
	whole := d.nodes[0].row
	ratio := 1.0
	if whole.Expected > 0 {
		ratio = float64(whole.Actual) / float64(whole.Expected)
	}
	var cumT, cumA, atK, tAtK float64
	for i := 0; i < n; i++ {
		cumT += float64(d.dayTargets[i])
		s.target[i] = cumT * scale
		s.actual[i], s.forecast[i] = math.NaN(), math.NaN()
		if i <= k {
			cumA += float64(d.dayActuals[i])
			s.actual[i] = cumA * scale
			atK, tAtK = cumA, cumT
		}
		if k >= 0 && k < n-1 && i >= k {
			s.forecast[i] = (atK + (cumT-tAtK)*ratio) * scale
		}
	}
	return s
}

// periodDays is the number of days of t's period.
func periodDays(t model.Target) int { return model.Window{From: t.From, To: t.To}.Len() }

// resample picks, for each of w columns, the value of the last day the
// column covers (cumulative series), stretching a short period over the
// width. A column whose last day has no point takes the nearest earlier
// point inside the column, so a series that ends mid-column still shows.
func resample(v []float64, w int) []float64 {
	n := len(v)
	out := make([]float64, w)
	for j := 0; j < w; j++ {
		lo := j * n / w
		hi := ((j+1)*n - 1) / w
		out[j] = math.NaN()
		for i := hi; i >= lo && i >= 0; i-- {
			if !math.IsNaN(v[i]) {
				out[j] = v[i]
				break
			}
		}
	}
	return out
}

// chart renders the chart in exactly h lines of at most w columns: a title
// with the legend, the plot, and a line of dates.
func (p *Pane) chart(w, h int) []string {
	st := p.c.Styles
	d := p.tree.data
	out := make([]string, 0, h)
	actualSet := asciigraph.DefaultCharSet
	actualSet.EndCap, actualSet.StartCap = "─", "─"
	targetGlyph, forecastGlyph := "┄", "·"
	legend := []string{
		st.Accent.Render("──") + " " + p.c.T("tg.chart.actual"),
		st.ChartTarget.Render(strings.Repeat(targetGlyph, 2)) + " " + p.c.T("tg.chart.target"),
	}
	title := p.c.T("tg.chart.title")
	if !d.additive {
		title = p.c.T("tg.chart.level")
	} else {
		legend = append(legend, st.Subtle.Render(strings.Repeat(forecastGlyph, 2))+" "+p.c.T("tg.chart.forecast"))
	}
	out = append(out, theme.Clip(st.ChartTitle.Render(title)+"  "+strings.Join(legend, "  "), w))
	plotH := h - 2
	if plotH < 2 || w < 20 {
		for len(out) < h {
			out = append(out, "")
		}
		return out
	}
	s := d.chart
	hi := 0.0
	for _, v := range [][]float64{s.target, s.actual, s.forecast} {
		for _, x := range v {
			if !math.IsNaN(x) && x > hi {
				hi = x
			}
		}
	}
	// Money is charted in yuan, rates in percent: format.Axis's units.
	label := format.Axis(hi, format.UnitOf(d.t.Metric), p.c.Cat.Lang)
	labelW := max(textWidth(label(hi)), textWidth(label(0)))
	const offset = 2
	plotW := w - labelW - offset - 1
	if plotW < 8 {
		for len(out) < h {
			out = append(out, "")
		}
		return out
	}
	draw := func(pw int) string {
		series := [][]float64{resample(s.target, pw), resample(s.forecast, pw), resample(s.actual, pw)}
		opts := []asciigraph.Option{
			asciigraph.Height(max(plotH-1, 1)),
			asciigraph.LowerBound(0),
			asciigraph.Offset(offset),
			asciigraph.YAxisValueFormatter(label),
			asciigraph.SeriesChars(asciigraph.CreateCharSet(targetGlyph), asciigraph.CreateCharSet(forecastGlyph), actualSet),
		}
		if st.Color {
			opts = append(opts, asciigraph.SeriesColors(asciigraph.Goldenrod, asciigraph.Gray, asciigraph.MediumPurple))
		}
		return asciigraph.PlotMany(series, opts...)
	}
	plot := draw(plotW)
	if over := widestLine(plot) - w; over > 0 { // labels wider than estimated
		plotW -= over
		if plotW < 8 {
			for len(out) < h {
				out = append(out, "")
			}
			return out
		}
		plot = draw(plotW)
	}
	rows := strings.Split(plot, "\n")
	axis := axisColumn(rows)
	if len(st.G.ChartReplacements) > 0 {
		r := strings.NewReplacer(append(append([]string{}, st.G.ChartReplacements...), "·", ".")...)
		for i := range rows {
			rows[i] = r.Replace(rows[i])
		}
	}
	if len(rows) > plotH {
		rows = rows[len(rows)-plotH:]
	}
	for len(rows) < plotH {
		rows = append([]string{""}, rows...)
	}
	out = append(out, rows...)
	out = append(out, p.chartDates(axis, plotW, w))
	return out
}

// chartDates writes the first day, the as-of day (under its column, with a
// caret) and the last day under the plot.
func (p *Pane) chartDates(axis, plotW, w int) string {
	d := p.tree.data
	n := periodDays(d.t)
	line := []rune(strings.Repeat(" ", axis+plotW+1))
	put := func(col int, s string) bool {
		if col < 0 || col+len(s) > len(line) {
			return false
		}
		for i, ch := range []rune(s) {
			line[col+i] = ch
		}
		return true
	}
	short := func(day model.Day) string { return day.String()[5:] }
	first, last := short(d.t.From), short(d.t.To)
	put(axis, first)
	lastCol := axis + plotW - len(last)
	if lastCol > axis+len(first)+1 {
		put(lastCol, last)
	}
	if k := int(d.asOf - d.t.From); k >= 0 && k < n-1 {
		col := axis + k*plotW/n
		mark := "^" + short(d.asOf)
		if col > axis+len(first) && col+len(mark) < lastCol {
			put(col, mark)
		}
	}
	return p.c.Styles.Subtle.Render(theme.Clip(strings.TrimRight(string(line), " "), w))
}

// axisColumn finds the column of asciigraph's y axis in the plot.
func axisColumn(rows []string) int {
	for _, r := range rows {
		plain := ansi.Strip(r)
		if i := strings.IndexAny(plain, "┤┼"); i >= 0 {
			return textWidth(plain[:i])
		}
	}
	return 0
}

func widestLine(s string) int {
	m := 0
	for _, l := range strings.Split(s, "\n") {
		m = max(m, textWidth(l))
	}
	return m
}
