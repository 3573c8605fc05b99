package sample

import (
	"fmt"
	"math"
	"time"

	"github.com/memberops/cockpit/model"
)

// DefaultMembers is the member count used when Config.Members is 0.
const DefaultMembers = 20000

// MaxMembers is the largest member count Generate accepts (member indexes are
// packed into 24 bits of the event sort key).
const MaxMembers = 1<<24 - 1

// Config selects one deterministic sample.
type Config struct {
	Members int            // number of members (default 20000 when 0)
	Seed    uint64         // same Seed + End + Members => same bytes
	End     model.Day      // last day of the 12 months of events (0 => yesterday in Loc)
	Loc     *time.Location // zone for timestamps (nil => time.Local)
}

// norm fills the defaults of a Config.
func (c Config) norm() Config {
	if c.Members <= 0 {
		c.Members = DefaultMembers
	}
	if c.Loc == nil {
		c.Loc = time.Local
	}
	if c.End == 0 {
		c.End = model.DayOf(time.Now(), c.Loc) - 1
	}
	return c
}

// Window returns the twelve months of events of the config: the 365 days
// ending at End (the same span as the growth-value window at End).
func (c Config) Window() model.Window {
	c = c.norm()
	return model.Window{From: c.End - 364, To: c.End}
}

// WindowDays is the number of days of events (End−364 … End).
const WindowDays = 365

// preWindowDays is how far before the window the oldest members registered:
// together with the window, members registered up to three years before End.
const preWindowDays = 730

// springFestivals are the dates (month, day) of 春节 by year.
var springFestivals = map[int][2]int{
	2022: {2, 1}, 2023: {1, 22}, 2024: {2, 10}, 2025: {1, 29}, 2026: {2, 17},
	2027: {2, 6}, 2028: {1, 26}, 2029: {2, 13}, 2030: {2, 3},
}

// springFestival returns the first day of the lunar new year (春节) of year y.
// Known dates are hard-coded; other years fall back to February 1st.
func springFestival(y int) model.Day {
	if md, ok := springFestivals[y]; ok {
		return model.CivilDay(y, time.Month(md[0]), md[1])
	}
	return model.CivilDay(y, time.February, 1)
}

// salesMultiplier is the seasonal factor of purchase intensity on day d:
// Spring Festival dip (with the 年货节 rush before it), 3.8, 618, Double 11,
// 12.12, a summer lull and slightly busier weekends.
func salesMultiplier(d model.Day) float64 {
	y, m, dd := d.Date()
	f := 1.0
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		f *= 1.12
	case time.Friday:
		f *= 1.04
	}
	// Spring Festival of this year or next (a late-January day may precede it).
	for _, sf := range []model.Day{springFestival(y), springFestival(y + 1)} {
		k := int(d - sf)
		switch {
		case k >= -24 && k <= -9:
			f *= 1.22 // 年货节
		case k >= -8 && k <= -2:
			f *= 0.72 // couriers stop, people travel
		case k >= -1 && k <= 6:
			f *= 0.42 // the holiday itself
		case k >= 7 && k <= 14:
			f *= 0.8
		}
	}
	switch {
	case m == time.March && dd <= 8:
		if dd == 8 {
			f *= 1.55
		} else {
			f *= 1.12
		}
	case m == time.May && dd >= 20:
		f *= 1.1 // 618 pre-sale
	case m == time.June && dd <= 17:
		f *= 1.3 + 0.04*float64(dd-1)
	case m == time.June && dd == 18:
		f *= 3.8
	case m == time.June && dd <= 20:
		f *= 1.1
	case m == time.July || m == time.August:
		f *= 0.9
	case m == time.October && dd >= 20:
		f *= 1.22 // Double 11 pre-sale
	case m == time.November && dd <= 10:
		f *= 1.55 + 0.05*float64(dd-1)
	case m == time.November && dd == 11:
		f *= 4.6
	case m == time.November && dd <= 13:
		f *= 1.1
	case m == time.December && (dd == 10 || dd == 11):
		f *= 1.2
	case m == time.December && dd == 12:
		f *= 2.1
	}
	return f
}

// activityMultiplier is the seasonal factor of sessions (logins, browsing):
// the same shape as sales, flattened.
func activityMultiplier(d model.Day) float64 {
	return math.Pow(salesMultiplier(d), 0.5)
}

// Hour-of-day weights (0–23): a morning ramp, a lunch bump and an evening peak.
var (
	sessionHours  = [24]float64{2, 1, 0.6, 0.4, 0.4, 0.6, 1.5, 3.5, 5, 5, 5, 5.5, 7, 6, 5, 5, 5, 5.5, 6.5, 8, 9.5, 9.5, 7, 4}
	purchaseHours = [24]float64{2, 1, 0.5, 0.3, 0.3, 0.4, 1, 2.5, 4, 4.5, 5, 5.5, 6.5, 6, 5, 5, 5, 5.5, 6.5, 8, 10, 10.5, 8, 4.5}
	registerHours = [24]float64{0.8, 0.4, 0.2, 0.1, 0.1, 0.3, 1, 3, 5, 6, 6.5, 6.5, 7, 6.5, 6, 6, 6, 6.5, 7, 8, 9, 8.5, 6, 2.5}
)

// cumulative turns weights into a cumulative table normalised to 1 (len+1
// entries, starting at 0).
func cumulative(w []float64) []float64 {
	c := make([]float64, len(w)+1)
	for i, x := range w {
		c[i+1] = c[i] + x
	}
	t := c[len(w)]
	for i := range c {
		c[i] /= t
	}
	c[len(w)] = 1
	return c
}

// search returns the largest i with c[i] <= x, clamped to [0, len(c)-2], for
// a non-decreasing cumulative table c (zero-width entries are skipped).
func search(c []float64, x float64) int {
	lo, hi := 0, len(c)-1 // invariant: c[lo] <= x (or lo == 0), c[hi] > x (or hi == len-1)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if c[mid] <= x {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// secondOfDay maps a fraction in [0,1) to a second of the day following an
// hour profile (monotone in frac).
func secondOfDay(hours []float64, frac float64) int32 {
	h := search(hours, frac)
	w := hours[h+1] - hours[h]
	in := 0.0
	if w > 0 {
		in = (frac - hours[h]) / w
	}
	s := int32(h)*3600 + int32(in*3600)
	if s > 86399 {
		s = 86399
	}
	if s < 0 {
		s = 0
	}
	return s
}

// calendar is everything about the days of one config that the generator
// looks up per event: midnights, seasonal intensity tables, the registration
// curve and the campaign schedule.
type calendar struct {
	cfg      Config
	start    model.Day // first day of the window (End−364)
	n        int       // days in the window
	midnight []int64   // Unix second of each day's midnight in cfg.Loc, n+1 entries
	sales    []float64 // salesMultiplier per window day
	cumSales []float64 // cumulative purchase intensity, n+1 entries, mean 1 per day
	cumAct   []float64 // cumulative session intensity, n+1 entries, mean 1 per day
	regFrom  model.Day // first registration day (start − preWindowDays)
	regCum   []float64 // cumulative registration share per day from regFrom to End
	preShare float64   // share of members registered before the window
	hourS    []float64 // cumulative hour profiles
	hourP    []float64
	hourR    []float64
	camps    []camp
	// Per window day: index into camps (or -1) of the campaign of each type
	// running that day.
	promo, acq, cult, react, winback []int8
	dayStr                           []string // "2006-01-02" per window day
	dayCompact                       []string // "20060102" per window day
}

func newCalendar(cfg Config) *calendar {
	c := &calendar{cfg: cfg, start: cfg.End - (WindowDays - 1), n: WindowDays, preShare: 0.3}
	c.midnight = make([]int64, c.n+1)
	for i := 0; i <= c.n; i++ {
		c.midnight[i] = (c.start + model.Day(i)).Time(cfg.Loc).Unix()
	}
	s := make([]float64, c.n)
	a := make([]float64, c.n)
	for i := range s {
		d := c.start + model.Day(i)
		s[i] = salesMultiplier(d)
		a[i] = activityMultiplier(d)
	}
	c.sales = s
	c.cumSales = meanOneCumulative(s)
	c.cumAct = meanOneCumulative(a)
	c.hourS = cumulative(sessionHours[:])
	c.hourP = cumulative(purchaseHours[:])
	c.hourR = cumulative(registerHours[:])
	c.camps = schedule(cfg)
	c.promo = c.campDays(model.CampaignPromotion)
	c.acq = c.campDays(model.CampaignAcquisition)
	c.cult = c.campDays(model.CampaignCultivation)
	c.react = c.campDays(model.CampaignReactivation)
	c.winback = c.campDays(model.CampaignWinback)

	// Registration curve: preShare spread over the two years before the
	// window (growing), the rest over the window following the season, a
	// growth trend and the acquisition campaign.
	c.regFrom = c.start - preWindowDays
	nreg := preWindowDays + c.n
	w := make([]float64, nreg)
	var pre, in float64
	for i := 0; i < preWindowDays; i++ {
		w[i] = 0.6 + 0.4*float64(i)/preWindowDays
		pre += w[i]
	}
	for i := 0; i < c.n; i++ {
		x := (0.85 + 0.3*float64(i)/float64(c.n)) * (1 + 0.45*(c.sales[i]-1))
		if c.acq[i] >= 0 {
			x *= 1.45
		}
		w[preWindowDays+i] = x
		in += x
	}
	for i := range w {
		if i < preWindowDays {
			w[i] *= c.preShare / pre
		} else {
			w[i] *= (1 - c.preShare) / in
		}
	}
	c.regCum = cumulative(w)
	c.dayStr = make([]string, c.n)
	c.dayCompact = make([]string, c.n)
	for i := range c.dayStr {
		d := c.start + model.Day(i)
		y, m, dd := d.Date()
		c.dayStr[i] = d.String()
		c.dayCompact[i] = fmt.Sprintf("%04d%02d%02d", y, int(m), dd)
	}
	return c
}

func meanOneCumulative(w []float64) []float64 {
	c := cumulative(w)
	for i := range c {
		c[i] *= float64(len(w))
	}
	return c
}

// campDays marks, per window day, the campaign of type t running that day
// (start … end, clipped to the window).
func (c *calendar) campDays(t model.CampaignType) []int8 {
	out := make([]int8, c.n)
	for i := range out {
		out[i] = -1
	}
	for k, cp := range c.camps {
		if cp.typ != t {
			continue
		}
		for d := cp.start; d <= cp.end; d++ {
			i := int(d - c.start)
			if i >= 0 && i < c.n {
				out[i] = int8(k)
			}
		}
	}
	return out
}

// unix returns the Unix second of window day i at second sec of a nominal
// 86,400-second day. On a day with a clock change the seconds are stretched
// or squeezed to the day's real length, so times stay in order and inside
// the day.
func (c *calendar) unix(i int, sec int32) int64 {
	return dayUnix(c.midnight[i], c.midnight[i+1], sec)
}

func dayUnix(midnight, next int64, sec int32) int64 {
	if l := next - midnight; l != 86400 {
		return midnight + int64(sec)*l/86400
	}
	return midnight + int64(sec)
}
