package overview

import (
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
)

// Layout constants: a card is 4 lines inside its border; cards are at least
// minCardW columns wide (14 inside), so five fit in 80 columns.
const (
	cardLines = 4
	cardH     = cardLines + 2
	minCardW  = 16
	wideCardW = 22 // ten cards in a row from 220 columns
	minChartH = 3  // fewer plot lines than this: no chart
)

// layout is how the pane's height and width are spent.
type layout struct {
	cols, rows   int // card grid
	cardW        int // outer width of a card
	firstRow     int // first grid row shown (when not all rows fit)
	shownRows    int
	chartH       int // plot lines (0: no chart)
	pacingH      int // lines of the pacing list (0: not shown)
	header, foot int // lines above the grid, lines between grid and chart
}

// chartExtra is the chart's lines besides the plot: title, note, dates.
const chartExtra = 3

// bothMin is the least height under the cards that shows the chart and
// the pacing list together; below it the list replaces the chart while it
// has the keyboard (p).
const bothMin = 12

func (o *Overview) layout() layout {
	w, h := max(o.width, 1), max(o.height, 1)
	l := layout{header: 1, foot: 1}
	switch {
	case w >= len(cards)*wideCardW:
		l.cols = len(cards)
	case w >= 5*minCardW:
		l.cols = 5
	default:
		l.cols = max(1, w/minCardW)
	}
	l.cardW = w / l.cols
	l.rows = (len(cards) + l.cols - 1) / l.cols
	avail := h - l.header - l.foot
	l.shownRows = min(l.rows, max(avail/cardH, 1))
	selRow := o.sel / l.cols
	if selRow >= l.shownRows {
		l.firstRow = selRow - l.shownRows + 1
	}
	// Under the cards: the chart (title, note, plot, dates) and the pacing
	// list, together when there is room, else one of them.
	lower := h - l.header - l.shownRows*cardH - l.foot
	n := 0
	if o.data != nil {
		n = len(o.data.Pacing)
	}
	switch {
	case lower >= bothMin:
		l.pacingH = min(2+max(n, 1), max(lower*2/5, 3))
		l.chartH = lower - l.pacingH - chartExtra
	case o.pacing:
		l.pacingH = max(lower, 0)
	default:
		l.chartH = lower - chartExtra
	}
	if l.chartH < minChartH {
		l.chartH = 0
	}
	return l
}

// cardAt maps a pane-relative click to a card.
func (o *Overview) cardAt(x, y int) (int, bool) {
	l := o.layout()
	y -= l.header
	if x < 0 || y < 0 || x >= l.cols*l.cardW || y >= l.shownRows*cardH {
		return 0, false
	}
	i := (l.firstRow+y/cardH)*l.cols + x/l.cardW
	return i, i < len(cards)
}

// View formats the pane from the dataset it holds; it never reads the store.
func (o *Overview) View() string {
	w, h := o.width, o.height
	if w <= 0 || h <= 0 {
		return ""
	}
	d := o.data
	if d == nil {
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, o.c.Styles.Subtle.Render(o.c.T("ov.loading")))
	}
	if o.bd != nil {
		return o.breakdownView()
	}
	k := frameKey{data: d, w: w, h: h, sel: o.sel, rng: o.rng, follow: o.follow, pacing: o.pacing, pcur: o.pcur, today: o.todayDay()}
	if o.frame.ok && o.frame.key == k {
		return o.frame.out
	}
	out := o.draw(d, w, h)
	o.frame = frameMemo{key: k, out: out, ok: true}
	return out
}

// draw formats the frame of the cards, the day's line, the chart and the
// pacing list.
func (o *Overview) draw(d *common.Dataset, w, h int) string {
	l := o.layout()
	lines := make([]string, 0, h)
	lines = append(lines, o.header(d, w))
	for r := l.firstRow; r < l.firstRow+l.shownRows; r++ {
		row := make([]string, 0, l.cols)
		for i := r * l.cols; i < min((r+1)*l.cols, len(cards)); i++ {
			row = append(row, o.card(i, d, l.cardW))
		}
		lines = append(lines, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, row...), "\n")...)
	}
	lines = append(lines, o.today(d, w))
	if l.chartH > 0 {
		lines = append(lines, o.chart(d, w, l.chartH)...)
	}
	if l.pacingH > 0 {
		lines = append(lines, o.pacingView(w, l.pacingH)...)
	}
	return fit(lines, w, h)
}

// fit truncates every line to w columns and keeps at most h lines.
func fit(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, s := range lines {
		if lipgloss.Width(s) > w {
			lines[i] = ansi.Truncate(s, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// cut truncates plain text to w columns with an ellipsis.
func (o *Overview) cut(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, o.c.Styles.G.Ellipsis)
}

// pad truncates or right-pads plain text to exactly w columns.
func (o *Overview) pad(s string, w int) string {
	s = o.cut(s, w)
	if n := w - lipgloss.Width(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

func (o *Overview) header(d *common.Dataset, w int) string {
	n := d.Window.Len()
	s := o.c.T("ov.window", n, d.Window.From.String(), d.Window.To.String(), n)
	if d.Latest {
		s += " · " + o.c.T("ov.following")
	} else {
		s += " · " + o.c.T("ov.pinned")
	}
	return o.c.Styles.Subtle.Render(o.cut(s, w))
}

func (o *Overview) card(i int, d *common.Dataset, cw int) string {
	st := o.c.Styles
	iw := cw - 2
	c := cards[i]
	v := valueOf(c, d)
	v.partial = v.daily && d.DailyWindow.To == o.todayDay()
	if v.partial && d.SameHours != nil && d.AsOf == d.DailyWindow.To {
		// A day in progress against the day before up to the same time.
		v.prevCount, v.ok, v.sameHours = d.SameHours.DAU, true, true
	}

	title := o.c.T("ov.card." + c.key)
	titleStyle := st.CardTitle
	frame := st.KPICard
	if i == o.sel {
		title = st.G.Selected + " " + title
		titleStyle = st.CardSelectedTitle
		frame = st.KPICardSelected
	}
	value := o.value(c, v, iw)
	change, dir := o.change(c, v)
	if d.Analysis == nil && !v.daily {
		// The rollups are on screen, the window's member-level figures are
		// still being computed: not a zero.
		value, change, dir = st.G.Ellipsis, "", 0
	}
	changeStyle := st.Subtle
	switch {
	case dir > 0:
		changeStyle = st.Good
	case dir < 0:
		changeStyle = st.Bad
	}
	// The sparkline covers the KPI window (7, 30 or 90 days), so it
	// follows w; a window wider than the card is averaged into columns.
	days := max(d.Window.Len(), 1)
	spark := sparkline(resample(dailySeries(c.series, d, days), min(days, iw)), st.G.Spark)

	body := strings.Join([]string{
		titleStyle.Render(o.pad(title, iw)),
		st.CardValue.Render(o.pad(value, iw)),
		changeStyle.Render(o.pad(change, iw)),
		st.Spark.Render(o.pad(spark, iw)),
	}, "\n")
	return frame.Width(iw).Render(body)
}

// value formats a card's value; a value wider than the card is abbreviated.
func (o *Overview) value(c card, v cardValue, iw int) string {
	lang := o.c.Cat.Lang
	dash := o.c.Styles.G.Dash
	switch c.kind {
	case kindCount:
		s := format.Count(v.count)
		if lipgloss.Width(s) > iw {
			s = format.Compact(float64(v.count), lang)
		}
		return s
	case kindMoney:
		s := format.Money(v.count)
		if lipgloss.Width(s) > iw {
			s = format.CompactMoney(v.count, lang)
		}
		return s
	case kindAOV:
		if !v.ratio.Valid() {
			return dash
		}
		return format.Money(roundDiv(v.ratio.Num, v.ratio.Den))
	default:
		return format.Rate(v.ratio, dash)
	}
}

// roundDiv is num/den rounded half away from zero (den > 0).
func roundDiv(num, den int64) int64 {
	if num >= 0 {
		return (2*num + den) / (2 * den)
	}
	return -((-2*num + den) / (2 * den))
}

// change formats a card's change against the previous window (the previous
// day for DAU): percent for counts and money, points for rates. dir is the
// sign of the change as shown (0 when flat or undefined). A day still in
// progress (DAU on today) is compared with the day before up to the same
// time of day (Dataset.SameHours, from the full load), never with the whole
// day before; until that figure is there the card says the day is in
// progress instead of showing a meaningless drop.
func (o *Overview) change(c card, v cardValue) (string, int) {
	g := o.c.Styles.G
	dash := g.Dash
	if v.partial && !v.sameHours {
		return o.c.T("ops.partial"), 0
	}
	var diff float64
	rate := false
	switch c.kind {
	case kindCount, kindMoney:
		if !v.ok || v.prevCount == 0 {
			return dash, 0
		}
		diff = float64(v.count-v.prevCount) / float64(v.prevCount) * 100
	case kindAOV:
		if !v.ratio.Valid() || !v.prevRatio.Valid() || v.prevRatio.Num == 0 {
			return dash, 0
		}
		diff = (v.ratio.Float() - v.prevRatio.Float()) / v.prevRatio.Float() * 100
	case kindRate:
		if !v.ratio.Valid() || !v.prevRatio.Valid() {
			return dash, 0
		}
		diff = (v.ratio.Float() - v.prevRatio.Float()) * 100
		rate = true
	}
	r := math.Round(diff*10) / 10
	arrow, dir := g.Flat, 0
	switch {
	case r > 0:
		arrow, dir = g.Up, 1
	case r < 0:
		arrow, dir = g.Down, -1
	}
	var s string
	if rate {
		s = arrow + format.Points(math.Abs(r), o.c.Cat.Lang)
	} else {
		s = arrow + format.Percent(math.Abs(r), dash)
	}
	switch {
	case v.sameHours:
		s += " " + o.c.T("ops.samehours")
	case v.daily:
		s += " " + o.c.T("ov.dod")
	}
	return s, dir
}

// today is the line of the last daily rollup: what live events move.
func (o *Overview) today(d *common.Dataset, w int) string {
	st := o.c.Styles
	if len(d.Daily) == 0 {
		return ""
	}
	r := d.Daily[len(d.Daily)-1]
	day := d.DailyWindow.To
	label := o.c.T("ov.day", day.String())
	if day == o.todayDay() {
		label = o.c.T("ov.today", day.String())
	}
	parts := []string{
		st.Title.Render(label),
		o.c.T("ov.t.new") + " " + st.CardValue.Render(format.Count(r.NewMembers)),
		o.c.T("ov.t.dau") + " " + st.CardValue.Render(format.Count(r.DAU)),
		o.c.T("ov.t.orders") + " " + st.CardValue.Render(format.Count(r.Orders)),
		o.c.T("ov.t.gmv") + " " + st.CardValue.Render(format.Money(r.GMVFen)),
		o.c.T("ov.t.buyers") + " " + st.CardValue.Render(format.Count(r.Buyers)),
	}
	sep := st.Subtle.Render(" · ")
	// Drop trailing fields rather than cut a number in half.
	for len(parts) > 1 && lipgloss.Width(strings.Join(parts, sep)) > w {
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, sep)
}

func (o *Overview) todayDay() model.Day {
	loc := time.Local
	if o.c.Store != nil {
		loc = o.c.Store.Location()
	}
	return model.DayOf(o.c.Now(), loc)
}
