package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Points liability (积分负债): the points members hold are a debt of the
// brand, and under an expiry rule part of it lapses on known days.
//
// Each member's points are kept as lots by expiry day. A purchase's points
// (floor(yuan) per event, as the summary keeps them) form or join the lot
// of the day they expire on. Points leave the balance oldest lot first,
// whether redeemed or taken back by a refund. A lot expires at the end of
// its expiry day. Should a member spend more points than they hold (possible
// in imported data), the excess is an overdraft that later earnings repay
// first; it is reported, never hidden in the liability.

// ExpiryKind is the shape of an expiry rule.
type ExpiryKind uint8

// Expiry rules.
const (
	// ExpireYearEnd: points earned in year Y expire at the end of year
	// Y+N (N = 1: the end of the year after the year they were earned).
	ExpireYearEnd ExpiryKind = iota
	// ExpireAfterDays: points earned on day d expire at the end of day d+N.
	ExpireAfterDays
	// ExpireNever: points never expire.
	ExpireNever
)

// ExpiryRule is when points expire.
type ExpiryRule struct {
	Kind ExpiryKind
	N    int
}

// DefaultExpiry is the default rule: points expire at the end of the year
// after the year they were earned.
func DefaultExpiry() ExpiryRule { return ExpiryRule{Kind: ExpireYearEnd, N: 1} }

// neverDay is an expiry day beyond any as-of day.
const neverDay = Day(1<<31 - 1)

// Expires is the last day on which points earned on d are still held.
func (r ExpiryRule) Expires(d Day) Day {
	switch r.Kind {
	case ExpireYearEnd:
		y, _, _ := d.Date()
		return CivilDay(y+max(r.N, 0), 12, 31)
	case ExpireAfterDays:
		return d + Day(max(r.N, 0))
	}
	return neverDay
}

// String is the rule as ParseExpiry reads it: "year-end+1", "days:365",
// "never".
func (r ExpiryRule) String() string {
	switch r.Kind {
	case ExpireYearEnd:
		return "year-end+" + strconv.Itoa(r.N)
	case ExpireAfterDays:
		return "days:" + strconv.Itoa(r.N)
	}
	return "never"
}

// ParseExpiry reads a rule written as String writes it.
func ParseExpiry(s string) (ExpiryRule, error) {
	switch {
	case s == "never":
		return ExpiryRule{Kind: ExpireNever}, nil
	case strings.HasPrefix(s, "year-end+"):
		n, err := strconv.Atoi(s[len("year-end+"):])
		if err == nil && n >= 0 && n <= 100 {
			return ExpiryRule{Kind: ExpireYearEnd, N: n}, nil
		}
	case strings.HasPrefix(s, "days:"):
		n, err := strconv.Atoi(s[len("days:"):])
		if err == nil && n >= 0 && n <= 36500 {
			return ExpiryRule{Kind: ExpireAfterDays, N: n}, nil
		}
	}
	return ExpiryRule{}, fmt.Errorf("expiry rule %q: want year-end+N, days:N or never", s)
}

// ExpiryHorizons are the look-ahead spans of PointsLiability.Expiring.
var ExpiryHorizons = [3]int{30, 60, 90}

// PointsLiability is the programme's points over time and what will lapse.
type PointsLiability struct {
	AsOf   Day
	Rule   ExpiryRule
	Months []PointsMonth // oldest first, ending with the as-of month (cut at AsOf)
	// Outstanding is the points held at the end of AsOf, Overdrawn the
	// members' unpaid overdrafts then.
	Outstanding, Overdrawn int64
	// Expiring[i] is the points held at AsOf that expire on AsOf+1 …
	// AsOf+ExpiryHorizons[i]; ExpiringMembers[i] how many members hold them.
	Expiring        [3]int64
	ExpiringMembers [3]int64
}

// PointsMonth is one month's flows and its closing balance.
type PointsMonth struct {
	Month    Month
	Issued   int64 // Σ floor(yuan) of the month's purchases
	Redeemed int64 // Σ redeem amounts
	Refunded int64 // points taken back by refunds
	Expired  int64 // points that lapsed at the end of a day of the month
	// Outstanding is the points held at the end of the month (at AsOf for
	// the as-of month).
	Outstanding int64
}

// RedemptionRate is Redeemed / Issued of the month.
func (m PointsMonth) RedemptionRate() Ratio { return Ratio{m.Redeemed, m.Issued} }

// pointsLot is points that expire at the end of day e.
type pointsLot struct {
	e   Day
	amt int64
}

type pointsCalc struct {
	asOf  Day
	rule  ExpiryRule
	first Month
	// flows by month index; base is the Σ lots at the end of the month
	// before first.
	issued, redeemed, refunded, expired, delta []int64
	base                                       int64
	outstanding, overdrawn                     int64
	expiring, expMembers                       [3]int64
	lots                                       []pointsLot // reused per member
	// expires' answers for the as-of year [yLo, yHi] and the year before
	// [pLo, yLo), where most earning days fall.
	yLo, yHi, yExp, pLo, pExp Day
}

func newPointsCalc(asOf Day, months int, rule ExpiryRule) pointsCalc {
	months = min(max(months, 1), maxInsightMonths)
	c := pointsCalc{asOf: asOf, rule: rule, first: MonthOf(asOf) - Month(months) + 1,
		issued: make([]int64, months), redeemed: make([]int64, months), refunded: make([]int64, months),
		expired: make([]int64, months), delta: make([]int64, months)}
	y, _, _ := asOf.Date()
	c.yLo, c.yHi, c.pLo = CivilDay(y, 1, 1), CivilDay(y, 12, 31), CivilDay(y-1, 1, 1)
	c.yExp, c.pExp = rule.Expires(c.yLo), rule.Expires(c.pLo)
	return c
}

// book adds v to the month of d in the series s (nothing before the first
// month).
func (c *pointsCalc) book(s []int64, d Day, v int64, mt *monthTable) {
	if v == 0 {
		return
	}
	if i := mt.of(d); i >= 0 {
		s[i] += v
	}
}

// bookDelta records a change of the lots' total on day d: in its month, or
// in base before the first month.
func (c *pointsCalc) bookDelta(d Day, v int64, mt *monthTable) {
	if v == 0 {
		return
	}
	if i := mt.of(d); i >= 0 {
		c.delta[i] += v
	} else {
		c.base += v
	}
}

// deltaAt is bookDelta for a day whose month index i (mt.of) is known.
func (c *pointsCalc) deltaAt(i int, v int64) {
	if i >= 0 {
		c.delta[i] += v
	} else {
		c.base += v
	}
}

// expires is c.rule.Expires(d), remembering the last year's span for the
// year-end rule (a member's earning days mostly share a few years).
func (c *pointsCalc) expires(d Day) Day {
	if c.rule.Kind != ExpireYearEnd {
		return c.rule.Expires(d)
	}
	if d >= c.yLo && d <= c.yHi {
		return c.yExp
	}
	if d >= c.pLo && d < c.yLo {
		return c.pExp
	}
	return c.rule.Expires(d)
}

// lapse expires the held lots lots[h:] whose expiry day is before d (they
// lapsed at the end of that day, in its month) and returns the index of the
// first lot still held.
func (c *pointsCalc) lapse(lots []pointsLot, h int, d Day, mt *monthTable) int {
	for h < len(lots) && lots[h].e < d {
		c.book(c.expired, lots[h].e, lots[h].amt, mt)
		c.bookDelta(lots[h].e, -lots[h].amt, mt)
		h++
	}
	return h
}

// add runs one member's ledger. Only days that move points are looked at;
// lots are lapsed before a debit (which takes the oldest first) and at the
// end, which books every expiry in the month of its day all the same. The
// member's lots are lots[h:], oldest first: a lot spent or lapsed moves h
// on instead of shifting the others down.
func (c *pointsCalc) add(h *MemberHistory, mt *monthTable) {
	lots, held0 := c.lots[:0], 0
	var debt int64
	for j := range h.Days {
		a := &h.Days[j]
		earn, debit := a.PurchasePoints, a.RefundPoints+a.Redeemed
		if earn == 0 && debit == 0 {
			continue
		}
		d := a.Day
		if d > c.asOf {
			break
		}
		i := mt.of(d)
		if earn > 0 {
			if i >= 0 {
				c.issued[i] += earn
			}
			repay := min(debt, earn)
			debt -= repay
			if keep := earn - repay; keep > 0 {
				e := c.expires(d)
				if n := len(lots); n > held0 && lots[n-1].e == e {
					lots[n-1].amt += keep
				} else {
					if held0 == len(lots) { // nothing held: reuse the buffer from its start
						lots, held0 = lots[:0], 0
					}
					lots = append(lots, pointsLot{e, keep})
				}
				c.deltaAt(i, keep)
			}
		}
		if debit == 0 {
			continue
		}
		if i >= 0 {
			c.refunded[i] += a.RefundPoints
			c.redeemed[i] += a.Redeemed
		}
		if held0 < len(lots) && lots[held0].e < d {
			held0 = c.lapse(lots, held0, d, mt)
		}
		take := debit
		for take > 0 && held0 < len(lots) {
			t := min(take, lots[held0].amt)
			lots[held0].amt -= t
			take -= t
			if lots[held0].amt == 0 {
				held0++
			}
		}
		c.deltaAt(i, take-debit) // what left the lots, booked once
		debt += take
	}
	held0 = c.lapse(lots, held0, c.asOf+1, mt)
	var held int64
	var exp [3]int64
	for _, l := range lots[held0:] {
		held += l.amt
		for i, hz := range ExpiryHorizons {
			if l.e <= c.asOf+Day(hz) {
				exp[i] += l.amt
			}
		}
	}
	c.outstanding += held
	c.overdrawn += debt
	for i := range exp {
		c.expiring[i] += exp[i]
		if exp[i] > 0 {
			c.expMembers[i]++
		}
	}
	c.lots = lots[:0]
}

func (c *pointsCalc) merge(o *pointsCalc) {
	for i := range c.issued {
		c.issued[i] += o.issued[i]
		c.redeemed[i] += o.redeemed[i]
		c.refunded[i] += o.refunded[i]
		c.expired[i] += o.expired[i]
		c.delta[i] += o.delta[i]
	}
	c.base += o.base
	c.outstanding += o.outstanding
	c.overdrawn += o.overdrawn
	for i := range c.expiring {
		c.expiring[i] += o.expiring[i]
		c.expMembers[i] += o.expMembers[i]
	}
}

func (c *pointsCalc) result() PointsLiability {
	out := PointsLiability{AsOf: c.asOf, Rule: c.rule, Months: make([]PointsMonth, len(c.issued)),
		Outstanding: c.outstanding, Overdrawn: c.overdrawn, Expiring: c.expiring, ExpiringMembers: c.expMembers}
	bal := c.base
	for i := range c.issued {
		bal += c.delta[i]
		out.Months[i] = PointsMonth{Month: c.first + Month(i), Issued: c.issued[i], Redeemed: c.redeemed[i],
			Refunded: c.refunded[i], Expired: c.expired[i], Outstanding: bal}
	}
	return out
}
