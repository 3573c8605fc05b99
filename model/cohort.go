package model

import (
	"fmt"
	"time"
)

// Month is a calendar month counted from year 0 (year*12 + month−1), so that
// "months since registration" is a subtraction.
type Month int32

// MonthOf is the month of a day.
func MonthOf(d Day) Month {
	y, m, _ := d.Date()
	return Month(y*12 + int(m) - 1)
}

// First is the month's first day.
func (m Month) First() Day { return CivilDay(int(m)/12, time.Month(int(m)%12+1), 1) }

// Last is the month's last day.
func (m Month) Last() Day { return (m + 1).First() - 1 }

// String formats the month as 2006-01.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", int(m)/12, int(m)%12+1) }

// monthTable maps the days of the months an insight covers to the index of
// their month (0 = the first month) with one load, instead of a calendar
// conversion per day: the insight's passes look up every day of every
// member, and the conversion was most of their cost.
type monthTable struct {
	lo  Day    // the first day of the first month
	idx []int8 // by day − lo, up to the as-of day
}

// maxInsightMonths bounds the months an insight covers (int8 indices).
const maxInsightMonths = 120

func newMonthTable(first Month, asOf Day) monthTable {
	t := monthTable{lo: first.First()}
	n := max(int(asOf-t.lo)+1, 0)
	t.idx = make([]int8, n)
	m, next := 0, (first + 1).First()
	for i := range t.idx {
		if t.lo+Day(i) == next {
			m++
			next = (first + Month(m) + 1).First()
		}
		t.idx[i] = int8(m)
	}
	return t
}

// of is the index of d's month: −1 before the first month, −2 after the
// as-of day.
func (t *monthTable) of(d Day) int {
	i := int(d - t.lo)
	if i < 0 {
		return -1
	}
	if i >= len(t.idx) {
		return -2
	}
	return int(t.idx[i])
}

// Cohorts are members grouped by registration month (rows, oldest first)
// and followed month by month since registration (columns: 0 = the
// registration month itself). Cells after the as-of month do not exist, so
// row i has len(Active) = months from its month to the as-of month + 1; the
// as-of month's cells cover its days up to the as-of day only.
type Cohorts struct {
	AsOf Day
	Rows []CohortRow
}

// CohortRow is one registration month.
type CohortRow struct {
	Month Month
	Size  int64 // members registered in the month, on or before the as-of day
	// Active[k] counts the members with any non-register event in month
	// Month+k; the share is Active[k] / Size.
	Active []int64
	// GMVFen[k] is Σ purchase amounts of the cohort in month Month+k (fen);
	// CumGMVFen(k) sums it up to k.
	GMVFen []int64
}

// ActiveShare is the share of the cohort active in month k since
// registration (undefined for an empty cohort).
func (r *CohortRow) ActiveShare(k int) Ratio { return Ratio{r.Active[k], r.Size} }

// CumGMVFen is the cohort's GMV from its registration month to month k
// since registration, in fen.
func (r *CohortRow) CumGMVFen(k int) int64 {
	var s int64
	for _, v := range r.GMVFen[:k+1] {
		s += v
	}
	return s
}

// CumGMVPerMember is CumGMVFen(k) per member of the cohort (fen per member;
// undefined for an empty cohort).
func (r *CohortRow) CumGMVPerMember(k int) Ratio { return Ratio{r.CumGMVFen(k), r.Size} }

// cohortCalc accumulates Cohorts over members.
type cohortCalc struct {
	asOf         Day
	first, last  Month // registration months covered: [first, last]
	size         []int64
	active, gmvs [][]int64
}

func newCohortCalc(asOf Day, months int) cohortCalc {
	last := MonthOf(asOf)
	months = min(max(months, 1), maxInsightMonths)
	c := cohortCalc{asOf: asOf, first: last - Month(months) + 1, last: last}
	c.size = make([]int64, months)
	c.active = make([][]int64, months)
	c.gmvs = make([][]int64, months)
	for i := range c.active {
		n := int(last-c.first) - i + 1
		c.active[i] = make([]int64, n)
		c.gmvs[i] = make([]int64, n)
	}
	return c
}

// add folds in one member (mt maps its days to the months covered).
func (c *cohortCalc) add(h *MemberHistory, mt *monthTable) {
	if h.Reg > c.asOf {
		return
	}
	i := mt.of(h.Reg)
	if i < 0 {
		return
	}
	c.size[i]++
	act, gmv := c.active[i], c.gmvs[i]
	lastK := -1
	for j := range h.Days {
		a := &h.Days[j]
		if a.Day > c.asOf {
			break
		}
		if a.Day < h.Reg {
			continue
		}
		k := mt.of(a.Day) - i
		gmv[k] += a.PurchaseFen
		if k != lastK && a.NonRegister() > 0 {
			act[k]++
			lastK = k
		}
	}
}

func (c *cohortCalc) merge(o *cohortCalc) {
	for i := range c.size {
		c.size[i] += o.size[i]
		for k := range c.active[i] {
			c.active[i][k] += o.active[i][k]
			c.gmvs[i][k] += o.gmvs[i][k]
		}
	}
}

func (c *cohortCalc) result() Cohorts {
	out := Cohorts{AsOf: c.asOf, Rows: make([]CohortRow, len(c.size))}
	for i := range c.size {
		out.Rows[i] = CohortRow{
			Month:  c.first + Month(i),
			Size:   c.size[i],
			Active: append([]int64(nil), c.active[i]...),
			GMVFen: append([]int64(nil), c.gmvs[i]...),
		}
	}
	return out
}

// SecondPurchase is the new-member second-purchase rate (新客二单率) by
// month of first purchase: of the members whose first purchase was in the
// month, the share whose second purchase came within Within days of the
// first (two purchases on the first day count, at 0 days). Only first
// purchases on or before AsOf−Within count in the ratio, so that every member
// counted had the whole Within days to buy again; the younger ones are
// Pending.
type SecondPurchase struct {
	AsOf   Day
	Within int
	Months []SecondPurchaseMonth // oldest first, ending with the as-of month
}

// SecondPurchaseMonth is one month of first purchases.
type SecondPurchaseMonth struct {
	Month      Month
	FirstBuyer int64 // members whose first purchase was in the month
	Rate       Ratio // second purchase within Within days / matured first buyers
	Pending    int64 // first buyers of the month too recent to count yet
}

// Overall is the rate over all the months together.
func (s *SecondPurchase) Overall() Ratio {
	var r Ratio
	for _, m := range s.Months {
		r.Num += m.Rate.Num
		r.Den += m.Rate.Den
	}
	return r
}

type secondCalc struct {
	asOf                Day
	within              int
	first               Month
	buyers, num, den, p []int64
}

func newSecondCalc(asOf Day, months, within int) secondCalc {
	months = min(max(months, 1), maxInsightMonths)
	return secondCalc{asOf: asOf, within: max(within, 0), first: MonthOf(asOf) - Month(months) + 1,
		buyers: make([]int64, months), num: make([]int64, months), den: make([]int64, months), p: make([]int64, months)}
}

func (c *secondCalc) add(h *MemberHistory, mt *monthTable) {
	var first, second Day
	n := 0
	for j := range h.Days {
		a := &h.Days[j]
		if a.Day > c.asOf {
			break
		}
		p := a.Count[KindPurchase]
		if p == 0 {
			continue
		}
		if n == 0 {
			first, n = a.Day, 1
			if p >= 2 {
				second, n = a.Day, 2
				break
			}
			continue
		}
		second, n = a.Day, 2
		break
	}
	if n == 0 {
		return
	}
	i := mt.of(first)
	if i < 0 {
		return
	}
	c.buyers[i]++
	if first > c.asOf-Day(c.within) {
		c.p[i]++
		return
	}
	c.den[i]++
	if n == 2 && second-first <= Day(c.within) {
		c.num[i]++
	}
}

func (c *secondCalc) merge(o *secondCalc) {
	for i := range c.buyers {
		c.buyers[i] += o.buyers[i]
		c.num[i] += o.num[i]
		c.den[i] += o.den[i]
		c.p[i] += o.p[i]
	}
}

func (c *secondCalc) result() SecondPurchase {
	out := SecondPurchase{AsOf: c.asOf, Within: c.within, Months: make([]SecondPurchaseMonth, len(c.buyers))}
	for i := range c.buyers {
		out.Months[i] = SecondPurchaseMonth{Month: c.first + Month(i), FirstBuyer: c.buyers[i],
			Rate: Ratio{c.num[i], c.den[i]}, Pending: c.p[i]}
	}
	return out
}
