package overview

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
)

// chart renders the selected KPI's daily series over the chosen range as
// exactly plotH+2 lines: a title, the plot (asciigraph, with y-axis labels)
// and a line of dates under it.
func (o *Overview) chart(d *common.Dataset, w, plotH int) []string {
	st := o.c.Styles
	c := cards[o.sel]
	days := min(Ranges[o.rng], len(d.Daily))
	actual := dailySeries(c.series, d, days)
	target := targetSeries(c, d, days)
	unit := seriesUnit(c.series)

	lines := make([]string, 0, plotH+2)
	lines = append(lines, o.chartTitle(c, d, target != nil, w))
	if !hasFinite(actual) {
		msg := st.Subtle.Render(o.c.T("ov.nodata"))
		lines = append(lines, lipgloss.PlaceHorizontal(w, lipgloss.Center, msg))
		for len(lines) < plotH+2 {
			lines = append(lines, "")
		}
		return lines
	}

	hi := maxFinite(actual, target)
	format := axisFormatter(hi, unit == "%", o.c.Cat.Lang == i18n.Zh)
	// Widest y label: asciigraph right-aligns labels to the widest one and
	// puts the axis after it.
	labelW := 0
	for k, rows := 0, max(plotH-1, 1); k <= rows; k++ {
		labelW = max(labelW, lipgloss.Width(format(hi*float64(k)/float64(rows))))
	}
	const offset = 2
	plotW := w - labelW - offset - 2
	if plotW < 8 {
		return append(lines, make([]string, plotH+1)...)
	}
	plot := o.plot(actual, target, plotW, plotH, offset, format)
	// asciigraph sizes its labels itself: if the estimate was short, narrow
	// the plot by the excess and draw again.
	if over := widest(plot) - w; over > 0 {
		plotW -= over
		if plotW < 8 {
			return append(lines, make([]string, plotH+1)...)
		}
		plot = o.plot(actual, target, plotW, plotH, offset, format)
	}
	rows := strings.Split(plot, "\n")
	axis := axisColumn(rows)
	if len(st.G.ChartReplacements) > 0 {
		r := strings.NewReplacer(st.G.ChartReplacements...)
		for i := range rows {
			rows[i] = r.Replace(rows[i])
		}
	}
	for len(rows) < plotH {
		rows = append([]string{""}, rows...)
	}
	if len(rows) > plotH { // asciigraph may add a row for rounding
		rows = rows[len(rows)-plotH:]
	}
	lines = append(lines, rows...)
	lines = append(lines, o.dateAxis(d, days, axis, plotW, w))
	return lines
}

func (o *Overview) chartTitle(c card, d *common.Dataset, hasTarget bool, w int) string {
	st := o.c.Styles
	parts := []string{
		st.ChartTitle.Render(o.c.T("ov.card." + c.key)),
		o.c.T("ov.series." + c.key),
		o.c.T("ov.range", Ranges[o.rng]),
	}
	if hasTarget {
		parts = append(parts, st.ChartTarget.Render(strings.Repeat(st.G.TargetLine, 2)+" "+o.c.T("ov.target")))
	} else if t, ok := levelTarget(c, d); ok {
		parts = append(parts, st.ChartTarget.Render(o.c.T("ov.target")+" "+targetValue(t, st.G.Dash)))
	}
	s := strings.Join(parts, st.Subtle.Render(" · "))
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w, st.G.Ellipsis)
	}
	return s
}

// axisFormatter formats y-axis labels with the same precision on every row,
// chosen from the top of the scale: two decimals below 10, one below 100,
// whole numbers with separators below 100,000, then compact units (k/M, 万/亿).
func axisFormatter(hi float64, percent, zh bool) func(float64) string {
	dec := 0
	switch {
	case hi < 10:
		dec = 2
	case hi < 100:
		dec = 1
	}
	suffix := ""
	if percent {
		suffix = "%"
	}
	return func(v float64) string {
		switch {
		case hi >= 1e5:
			return theme.Compact(v, zh) + suffix
		case dec == 0:
			return theme.Count(int64(math.Round(v))) + suffix
		}
		return strconv.FormatFloat(v, 'f', dec, 64) + suffix
	}
}

// targetValue formats a target's value in its metric's unit.
func targetValue(t model.Target, dash string) string {
	info, ok := model.Metric(t.Metric)
	switch {
	case !ok:
		return dash
	case info.Rate:
		return theme.Percent(model.Ratio{Num: t.Value, Den: model.RatioScale}, dash)
	case info.Money:
		return theme.Money(t.Value)
	}
	return theme.Count(t.Value)
}

// dateAxis writes the first, middle and last day of the range under the
// plot, starting at the axis column.
func (o *Overview) dateAxis(d *common.Dataset, days, axis, plotW, w int) string {
	last := d.DailyWindow.To
	first := last - model.Day(days) + 1
	mid := first + model.Day(days/2)
	short := func(day model.Day) string {
		s := day.String()
		if days <= 90 {
			return s[5:] // MM-DD
		}
		return s
	}
	l, m, r := short(first), short(mid), short(last)
	line := []rune(strings.Repeat(" ", axis+plotW))
	put := func(col int, s string) {
		for i, ch := range s {
			if col+i >= 0 && col+i < len(line) {
				line[col+i] = ch
			}
		}
	}
	put(axis, l)
	end := axis + plotW - 1 // the plot's last column
	if c := end - len(r) + 1; c > axis+len(l)+1 {
		put(c, r)
	}
	if mc := axis + plotW/2 - len(m)/2; mc > axis+len(l)+1 && mc+len(m) < end-len(r) {
		put(mc, m)
	}
	s := strings.TrimRight(string(line), " ")
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w, "")
	}
	return o.c.Styles.Subtle.Render(s)
}

// axisColumn finds the column of asciigraph's y axis in the plot.
func axisColumn(rows []string) int {
	for _, r := range rows {
		plain := ansi.Strip(r)
		if i := strings.IndexAny(plain, "┤┼"); i >= 0 {
			return lipgloss.Width(plain[:i])
		}
	}
	return 0
}

func seriesUnit(s seriesKind) string {
	switch s {
	case seriesDAURate, seriesRedemption:
		return "%"
	case seriesGMV, seriesAOV:
		return "¥"
	}
	return ""
}

func hasFinite(s []float64) bool {
	for _, v := range s {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			return true
		}
	}
	return false
}

func maxFinite(ss ...[]float64) float64 {
	m := 0.0
	for _, s := range ss {
		for _, v := range s {
			if !math.IsNaN(v) && v > m {
				m = v
			}
		}
	}
	return m
}

// plot draws the series plotW columns wide (resampling longer series,
// stretching shorter ones into steps, one per day) and about plotH rows high.
func (o *Overview) plot(actual, target []float64, plotW, plotH, offset int, format func(float64) string) string {
	st := o.c.Styles
	actual = stretch(resample(actual, plotW), plotW)
	if target != nil {
		target = stretch(resample(target, plotW), plotW)
	}
	opts := []asciigraph.Option{
		asciigraph.Height(max(plotH-1, 1)),
		asciigraph.LowerBound(0),
		asciigraph.Offset(offset),
		asciigraph.YAxisValueFormatter(format),
	}
	series := [][]float64{actual}
	if target != nil {
		series = [][]float64{target, actual} // the actual line is drawn over the target
		opts = append(opts, asciigraph.SeriesChars(asciigraph.CreateCharSet(theme.UnicodeGlyphs().TargetLine), asciigraph.DefaultCharSet))
		if st.Color {
			opts = append(opts, asciigraph.SeriesColors(asciigraph.Goldenrod, asciigraph.DodgerBlue))
		}
	} else if st.Color {
		opts = append(opts, asciigraph.SeriesColors(asciigraph.DodgerBlue))
	}
	return asciigraph.PlotMany(series, opts...)
}

func widest(s string) int {
	m := 0
	for _, l := range strings.Split(s, "\n") {
		m = max(m, lipgloss.Width(l))
	}
	return m
}
