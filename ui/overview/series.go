package overview

import (
	"math"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
)

// valueKind is how a card's value is measured and compared.
type valueKind uint8

const (
	kindCount valueKind = iota // members, orders: change in percent
	kindMoney                  // fen: change in percent
	kindAOV                    // fen per order (a Ratio): change in percent
	kindRate                   // a Ratio shown as a percentage: change in points
)

// seriesKind is the series a card's sparkline and chart draw. Where the
// card's KPI is a window measure that the daily rollups can give for every
// day (AOV, points redemption: a ratio of two sums), the series is that
// measure over the rolling window of the KPI window's length ending on each
// day. Where it cannot (active rate, repurchase rate, retention: they count
// distinct members over the window, which only the member summaries know),
// the series is a daily measure, the chart's title says so, and no target
// line is drawn (card.comparable is false).
type seriesKind uint8

const (
	seriesNewMembers seriesKind = iota // registrations per day
	seriesDAU                          // members with a non-register event per day
	seriesDAURate                      // DAU ÷ members registered by that day, %
	seriesBuyers                       // members with a purchase per day
	seriesOrders                       // purchase events per day
	seriesGMV                          // Σ purchases per day, yuan
	seriesAOV                          // Σ GMV ÷ Σ orders over the rolling window, yuan
	seriesRedemption                   // Σ redeemed ÷ Σ issued over the rolling window, %
)

// rolling reports whether the series is a rolling-window measure.
func (s seriesKind) rolling() bool { return s == seriesAOV || s == seriesRedemption }

// card is one KPI card of the grid.
type card struct {
	key    string // the KPI key of the contract ("dau" for today's daily active members)
	kind   valueKind
	series seriesKind
	// comparable reports whether the series is the KPI's own measure (per
	// day for an additive KPI, over the rolling window for a level one), so
	// that a target on the KPI can be drawn as a line beside it.
	comparable bool
}

// cards is the grid, in reading order.
var cards = [...]card{
	{key: "new_members", kind: kindCount, series: seriesNewMembers, comparable: true},
	{key: "dau", kind: kindCount, series: seriesDAU, comparable: true},
	{key: "active_rate", kind: kindRate, series: seriesDAURate},
	{key: "buyers", kind: kindCount, series: seriesBuyers},
	{key: "repurchase_rate", kind: kindRate, series: seriesBuyers},
	{key: "orders", kind: kindCount, series: seriesOrders, comparable: true},
	{key: "gmv", kind: kindMoney, series: seriesGMV, comparable: true},
	{key: "aov", kind: kindAOV, series: seriesAOV, comparable: true},
	{key: "retention_d7", kind: kindRate, series: seriesNewMembers},
	{key: "points_redemption_rate", kind: kindRate, series: seriesRedemption, comparable: true},
}

// cardValue is a card's current and previous value, exact.
type cardValue struct {
	count, prevCount int64       // kindCount, kindMoney
	ratio, prevRatio model.Ratio // kindAOV, kindRate
	// daily: the value is one day's (DAU): the change compares it with the
	// day before instead of the previous window.
	daily bool
	// partial: the day is today and not over (set by the view, which
	// knows the clock).
	partial bool
	// sameHours: the previous value is the day before up to the same time
	// of day (partial days only).
	sameHours bool
	ok        bool // the previous value exists
}

// valueOf reads a card's value from the dataset: window KPIs from the
// analysis snapshot and the previous window, DAU from the last daily rollup.
func valueOf(c card, d *common.Dataset) cardValue {
	var k, p model.KPIs
	if d.Analysis != nil {
		k = d.Analysis.Snapshot.KPIs
	}
	p = d.Prev.KPIs
	v := cardValue{ok: true}
	switch c.key {
	case "new_members":
		v.count, v.prevCount = k.NewMembers, p.NewMembers
	case "dau":
		v.daily = true
		n := len(d.Daily)
		if n > 0 {
			v.count = d.Daily[n-1].DAU
		}
		if n > 1 {
			v.prevCount = d.Daily[n-2].DAU
		} else {
			v.ok = false
		}
	case "active_rate":
		v.ratio, v.prevRatio = k.ActiveRate, p.ActiveRate
	case "buyers":
		v.count, v.prevCount = k.Buyers, p.Buyers
	case "repurchase_rate":
		v.ratio, v.prevRatio = k.RepurchaseRate, p.RepurchaseRate
	case "orders":
		v.count, v.prevCount = k.Orders, p.Orders
	case "gmv":
		v.count, v.prevCount = k.GMVFen, p.GMVFen
	case "aov":
		v.ratio, v.prevRatio = k.AOV, p.AOV
	case "retention_d7":
		v.ratio, v.prevRatio = k.RetentionD7, p.RetentionD7
	case "points_redemption_rate":
		v.ratio, v.prevRatio = k.PointsRedemptionRate, p.PointsRedemptionRate
	}
	return v
}

// dailySeries returns the series s over the last n days of the dataset's
// daily rollups (fewer when there are fewer), oldest first. Days where a
// ratio is undefined, or whose rolling window reaches before the rollups,
// are NaN. A rolling series uses the KPI window's length (d.Window).
func dailySeries(s seriesKind, d *common.Dataset, n int) []float64 {
	daily := d.Daily
	if n > len(daily) {
		n = len(daily)
	}
	start := len(daily) - n
	out := make([]float64, n)
	if s.rolling() {
		rollingSeries(s, daily, start, max(d.Window.Len(), 1), out)
		return out
	}
	var totals []int64
	if s == seriesDAURate {
		totals = membersByDay(d)
	}
	for i := 0; i < n; i++ {
		r := &daily[start+i]
		out[i] = seriesValue(s, r, totals, start+i)
	}
	return out
}

// rollingSeries fills out with the rolling-window ratio of s for the days
// daily[start:], each over the k days ending on it (exact sums, one
// division per day).
func rollingSeries(s seriesKind, daily []store.Rollup, start, k int, out []float64) {
	parts := func(r *store.Rollup) (num, den int64) {
		if s == seriesAOV {
			return r.GMVFen, r.Orders
		}
		return r.Redeemed, r.PointsIssued
	}
	// num, den: sums over the days added so far, daily[lo:day+1] at the
	// end of each step (lo is the first day of the current window).
	var num, den int64
	lo := max(start-k+1, 0)
	for i := lo; i < start; i++ {
		a, b := parts(&daily[i])
		num, den = num+a, den+b
	}
	for i := range out {
		day := start + i
		a, b := parts(&daily[day])
		num, den = num+a, den+b
		if j := day - k; j >= lo { // the day that just left the window
			a, b := parts(&daily[j])
			num, den = num-a, den-b
		}
		switch {
		case day-k+1 < 0 || den == 0:
			out[i] = math.NaN()
		case s == seriesAOV:
			out[i] = float64(num) / float64(den) / 100
		default:
			out[i] = float64(num) / float64(den) * 100
		}
	}
}

func seriesValue(s seriesKind, r *store.Rollup, totals []int64, i int) float64 {
	ratio := func(num, den int64, scale float64) float64 {
		if den == 0 {
			return math.NaN()
		}
		return float64(num) / float64(den) * scale
	}
	switch s {
	case seriesNewMembers:
		return float64(r.NewMembers)
	case seriesDAU:
		return float64(r.DAU)
	case seriesDAURate:
		return ratio(r.DAU, totals[i], 100)
	case seriesBuyers:
		return float64(r.Buyers)
	case seriesOrders:
		return float64(r.Orders)
	case seriesGMV:
		return float64(r.GMVFen) / 100
	}
	return math.NaN()
}

// membersByDay returns, for each day of d.Daily, the members registered on
// or before it: the snapshot's members_total at AsOf, moved by the days'
// registrations.
func membersByDay(d *common.Dataset) []int64 {
	out := make([]int64, len(d.Daily))
	if d.Analysis == nil || len(out) == 0 {
		return out
	}
	base := d.Analysis.Snapshot.KPIs.MembersTotal // registered on or before AsOf
	// Registrations between AsOf and the end of the daily window (a quick
	// refresh may have moved the daily window past AsOf).
	first := d.DailyWindow.From
	for day := d.AsOf + 1; day <= d.DailyWindow.To; day++ {
		if i := int(day - first); i >= 0 && i < len(d.Daily) {
			base += d.Daily[i].NewMembers
		}
	}
	total := base
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = total
		total -= d.Daily[i].NewMembers
	}
	return out
}

// lineTargets returns the targets whose line can be drawn on card c's chart
// of the last n days: targets on the card's own metric whose period
// overlaps those days (additive ones only with their per-day split). Those
// covering the as-of day come first, the rest in the dataset's order; the
// chart follows one of them at a time (the f key).
func lineTargets(c card, d *common.Dataset, n int) []model.Target {
	if !c.comparable {
		return nil
	}
	info, ok := model.Metric(c.key)
	if !ok {
		return nil
	}
	n = min(n, len(d.Daily))
	first := d.DailyWindow.To - model.Day(n) + 1
	var now, other []model.Target
	for _, t := range d.Targets {
		if t.Metric != c.key || t.To < first || t.From > d.DailyWindow.To || t.To < t.From {
			continue
		}
		if info.Additive && len(d.TargetDaily[t.ID]) != (model.Window{From: t.From, To: t.To}).Len() {
			continue
		}
		if t.From <= d.AsOf && d.AsOf <= t.To {
			now = append(now, t)
		} else {
			other = append(other, t)
		}
	}
	return append(now, other...)
}

// targetSeries returns target t's line over the last n days of the daily
// window: its per-day split for an additive metric, its value for a level
// one, and NaN on every day the target does not cover (drawn as a gap,
// never as 0).
func targetSeries(t model.Target, d *common.Dataset, n int) []float64 {
	info, _ := model.Metric(t.Metric)
	n = min(n, len(d.Daily))
	first := d.DailyWindow.To - model.Day(n) + 1
	perDay := d.TargetDaily[t.ID]
	out := make([]float64, n)
	for i := range out {
		day := first + model.Day(i)
		out[i] = math.NaN()
		if day < t.From || day > t.To {
			continue
		}
		switch {
		case info.Additive:
			if k := int(day - t.From); k < len(perDay) {
				out[i] = float64(perDay[k])
				if info.Money {
					out[i] /= 100
				}
			}
		case info.Rate:
			out[i] = float64(t.Value) / model.RatioScale * 100
		case info.Money:
			out[i] = float64(t.Value) / 100
		default:
			out[i] = float64(t.Value)
		}
	}
	return out
}
