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
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// chart renders the selected KPI's series over the chosen range as exactly
// plotH+3 lines: a title, a note (how many days a column holds when the
// range is wider than the plot, and the peak day), the plot (asciigraph,
// with y-axis labels) and a line of dates under it.
func (o *Overview) chart(d *common.Dataset, w, plotH int) []string {
	st := o.c.Styles
	c := cards[o.sel]
	days := min(Ranges[o.rng], len(d.Daily))
	actual := dailySeries(c.series, d, days)
	var target []float64
	followed, nth, of := o.followed(c, d, days)
	if of > 0 {
		target = targetSeries(followed, d, days)
	}
	unit := seriesUnit(c.series)

	lines := make([]string, 0, plotH+3)
	lines = append(lines, o.chartTitle(c, followed, nth, of, w))
	if !hasFinite(actual) {
		msg := st.Subtle.Render(o.c.T("ov.nodata"))
		lines = append(lines, lipgloss.PlaceHorizontal(w, lipgloss.Center, msg))
		for len(lines) < plotH+3 {
			lines = append(lines, "")
		}
		return lines
	}

	hi := maxFinite(actual, target)
	label := format.Axis(hi, unit, o.c.Cat.Lang)
	// Widest y label: asciigraph right-aligns labels to the widest one and
	// puts the axis after it.
	labelW := 0
	for k, rows := 0, max(plotH-1, 1); k <= rows; k++ {
		labelW = max(labelW, lipgloss.Width(label(hi*float64(k)/float64(rows))))
	}
	const offset = 2
	plotW := w - labelW - offset - 2
	if plotW < 8 {
		return append(lines, make([]string, plotH+2)...)
	}
	plot := o.plot(actual, target, plotW, plotH, offset, label)
	// asciigraph sizes its labels itself: if the estimate was short, narrow
	// the plot by the excess and draw again.
	if over := widest(plot) - w; over > 0 {
		plotW -= over
		if plotW < 8 {
			return append(lines, make([]string, plotH+2)...)
		}
		plot = o.plot(actual, target, plotW, plotH, offset, label)
	}
	lines = append(lines, o.chartNote(c, d, actual, days, plotW, w))
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

// followed returns the target whose line the chart of card c draws, its
// 1-based position among the targets that can be drawn, and their number
// (0: no line).
func (o *Overview) followed(c card, d *common.Dataset, days int) (model.Target, int, int) {
	ts := lineTargets(c, d, days)
	if len(ts) == 0 {
		return model.Target{}, 0, 0
	}
	i := o.follow % len(ts)
	return ts[i], i + 1, len(ts)
}

// chartTitle names the card, what the chart plots, the range and the
// followed target (with f to switch when there are several); a card whose
// chart is not its KPI's measure says that no target line is drawn.
func (o *Overview) chartTitle(c card, t model.Target, nth, of, w int) string {
	st := o.c.Styles
	what := o.c.T("ops.series." + c.key)
	if c.series.rolling() {
		what = o.c.T("ops.series."+c.key, o.rollDays())
	}
	parts := []string{
		st.ChartTitle.Render(o.c.T("ov.card." + c.key)),
		what,
		o.c.T("ov.range", Ranges[o.rng]),
	}
	switch {
	case of > 0:
		name := t.Name
		if name == "" {
			name = t.ID
		}
		legend := strings.Repeat(st.G.TargetLine, 2) + " " + o.c.T("ops.chart.target", name)
		if of > 1 {
			legend += " " + o.c.T("ops.chart.follow", nth, of)
		}
		parts = append(parts, st.ChartTarget.Render(legend))
	case !c.comparable:
		parts = append(parts, st.Subtle.Render(o.c.T("ops.chart.noline")))
	}
	s := strings.Join(parts, st.Subtle.Render(" · "))
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w, st.G.Ellipsis)
	}
	return s
}

// chartNote says how the range is fitted into plotW columns (each column
// the mean of so many days, when the range is wider than the plot) and
// where the series peaks, with the peak's exact value and day.
func (o *Overview) chartNote(c card, d *common.Dataset, actual []float64, days, plotW, w int) string {
	var parts []string
	if days > plotW {
		parts = append(parts, o.c.T("ops.chart.bucket", bucketText(days, plotW)))
	}
	if i, ok := peakIndex(actual); ok {
		day := d.DailyWindow.To - model.Day(days-1-i)
		parts = append(parts, o.c.T("ops.chart.peak", o.pointValue(c.series, actual[i]), day.String()))
	}
	s := strings.Join(parts, " · ")
	return o.c.Styles.Subtle.Render(o.cut(s, w))
}

// bucketText is how many days one column holds: "4" or "3–4" when the
// buckets differ by one (resample splits days as evenly as it can).
func bucketText(days, cols int) string {
	lo, hi := days/cols, (days+cols-1)/cols
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
}

// peakIndex is the index of the series' largest finite value (the first
// one on a tie).
func peakIndex(s []float64) (int, bool) {
	at, ok := 0, false
	for i, v := range s {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if !ok || v > s[at] {
			at, ok = i, true
		}
	}
	return at, ok
}

// pointValue formats one value of a series exactly, in its unit.
func (o *Overview) pointValue(s seriesKind, v float64) string {
	switch seriesUnit(s) {
	case format.UnitMoney:
		return format.Money(int64(math.Round(v * 100)))
	case format.UnitRate:
		return format.Percent(v, o.c.Styles.G.Dash)
	}
	return format.Count(int64(math.Round(v)))
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

func seriesUnit(s seriesKind) format.Unit {
	switch s {
	case seriesDAURate, seriesRedemption:
		return format.UnitRate
	case seriesGMV, seriesAOV:
		return format.UnitMoney
	}
	return format.UnitCount
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
func (o *Overview) plot(actual, target []float64, plotW, plotH, offset int, label func(float64) string) string {
	st := o.c.Styles
	actual = stretch(resample(actual, plotW), plotW)
	if target != nil {
		target = stretch(resample(target, plotW), plotW)
	}
	opts := []asciigraph.Option{
		asciigraph.Height(max(plotH-1, 1)),
		asciigraph.LowerBound(0),
		asciigraph.Offset(offset),
		asciigraph.YAxisValueFormatter(label),
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

// rollDays is the length of the rolling window of a rolling series: the
// KPI window's.
func (o *Overview) rollDays() int {
	if o.data == nil {
		return 0
	}
	return o.data.Window.Len()
}
