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

// seriesKind is the daily series a card's sparkline and chart draw. For the
// rates, whose KPI is defined over the whole window, it is the closest daily
// measure the rollups give, and the chart says which (seriesLabel).
type seriesKind uint8

const (
	seriesNewMembers seriesKind = iota // registrations per day
	seriesDAU                          // members with a non-register event per day
	seriesDAURate                      // DAU ÷ members registered by that day, %
	seriesBuyers                       // members with a purchase per day
	seriesOrders                       // purchase events per day
	seriesGMV                          // Σ purchases per day, yuan
	seriesAOV                          // GMV ÷ orders per day, yuan
	seriesRedemption                   // points redeemed ÷ issued per day, %
)

// card is one KPI card of the grid.
type card struct {
	key    string // the KPI key of the contract ("dau" for today's daily active members)
	kind   valueKind
	series seriesKind
	// comparable reports whether the daily series is the KPI's own measure
	// per day, so that a target on the KPI can be drawn as a line beside it.
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
	ok    bool // the previous value exists
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
// per-day ratio is undefined are NaN.
func dailySeries(s seriesKind, d *common.Dataset, n int) []float64 {
	daily := d.Daily
	if n > len(daily) {
		n = len(daily)
	}
	start := len(daily) - n
	out := make([]float64, n)
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
	case seriesAOV:
		return ratio(r.GMVFen, r.Orders, 0.01)
	case seriesRedemption:
		return ratio(r.Redeemed, r.PointsIssued, 100)
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

// targetSeries returns the target line for card c over the last n days of
// the daily window (NaN where no target applies), or nil when no target on
// the card's metric covers any of those days. Additive targets use their
// per-day split (Dataset.TargetDaily); level targets are a constant level.
func targetSeries(c card, d *common.Dataset, n int) []float64 {
	if !c.comparable {
		return nil
	}
	info, ok := model.Metric(c.key)
	if !ok {
		return nil
	}
	if n > len(d.Daily) {
		n = len(d.Daily)
	}
	first := d.DailyWindow.To - model.Day(n) + 1
	var out []float64
	for _, t := range d.Targets {
		if t.Metric != c.key || t.To < first || t.From > d.DailyWindow.To {
			continue
		}
		var perDay []int64
		if info.Additive {
			perDay = d.TargetDaily[t.ID]
			if len(perDay) != (model.Window{From: t.From, To: t.To}).Len() {
				continue
			}
		}
		if out == nil {
			out = make([]float64, n)
			for i := range out {
				out[i] = math.NaN()
			}
		}
		for i := range out {
			day := first + model.Day(i)
			if day < t.From || day > t.To {
				continue
			}
			switch {
			case info.Additive:
				v := float64(perDay[day-t.From])
				if info.Money {
					v /= 100
				}
				out[i] = v
			case info.Rate:
				out[i] = float64(t.Value) / model.RatioScale * 100
			case info.Money:
				out[i] = float64(t.Value) / 100
			default:
				out[i] = float64(t.Value)
			}
		}
	}
	return out
}

// levelTarget returns the target of a non-comparable card (a window-level
// rate such as active_rate) that covers the as-of day, for the chart title.
func levelTarget(c card, d *common.Dataset) (model.Target, bool) {
	for _, t := range d.Targets {
		if t.Metric == c.key && t.From <= d.AsOf && d.AsOf <= t.To {
			return t, true
		}
	}
	return model.Target{}, false
}
