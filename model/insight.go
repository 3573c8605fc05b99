package model

import (
	"cmp"
	"slices"
)

// InsightConfig sets what an Insight pass computes. A zero Months,
// SecondWithin, RiskDays or NearPct means its default (DefaultInsightConfig).
type InsightConfig struct {
	AsOf Day
	// Months is how many months, ending with the as-of month, the cohorts,
	// the second-purchase trend and the points series cover (default 12,
	// at most 120).
	Months int
	// SecondWithin is N of the second-purchase rate: days from the first
	// purchase to the second (default 30).
	SecondWithin int
	// Expiry is the points expiry rule, used as given (its zero value is
	// ExpireYearEnd with N = 0); DefaultInsightConfig sets the default.
	Expiry ExpiryRule
	// RiskDays is the horizon of tier risk (default 30).
	RiskDays int
	// NearPct is the near-upgrade distance: within NearPct percent of the
	// next tier's threshold (default 10).
	NearPct int
}

// DefaultInsightConfig returns the defaults for the as-of day d.
func DefaultInsightConfig(d Day) InsightConfig {
	return InsightConfig{AsOf: d, Months: 12, SecondWithin: 30, Expiry: DefaultExpiry(), RiskDays: 30, NearPct: 10}
}

func (c InsightConfig) withDefaults() InsightConfig {
	def := DefaultInsightConfig(c.AsOf)
	if c.Months <= 0 {
		c.Months = def.Months
	}
	if c.SecondWithin <= 0 {
		c.SecondWithin = def.SecondWithin
	}
	if c.RiskDays <= 0 {
		c.RiskDays = def.RiskDays
	}
	if c.NearPct <= 0 {
		c.NearPct = def.NearPct
	}
	return c
}

// Insight is what the insight views show, computed in one pass over the
// per-member summaries (InsightCalc): cohorts, the second-purchase rate,
// the points liability, and the members at risk of dropping a tier or close
// to the next one. It is immutable once returned.
type Insight struct {
	Config         InsightConfig
	Cohorts        Cohorts
	SecondPurchase SecondPurchase
	Points         PointsLiability
	// TierRisk is sorted by DropIn, then by Keep, then by Seq; NearUpgrade
	// by Need, then by Seq.
	TierRisk    []TierRiskEntry
	NearUpgrade []NearUpgradeEntry
	// RiskByTier and NearByTier count the lists by the member's tier.
	RiskByTier, NearByTier [NumTiers]int64
}

// InsightCalc computes an Insight: NewInsightCalc, Add every member, Result.
// Not safe for concurrent use: give each goroutine its own (same config) and
// Merge them.
type InsightCalc struct {
	cfg    InsightConfig
	mt     monthTable
	cohort cohortCalc
	second secondCalc
	points pointsCalc
	risk   []TierRiskEntry
	near   []NearUpgradeEntry
}

// NewInsightCalc returns a calculator for cfg (zero fields: defaults).
func NewInsightCalc(cfg InsightConfig) *InsightCalc {
	cfg = cfg.withDefaults()
	return &InsightCalc{
		cfg:    cfg,
		cohort: newCohortCalc(cfg.AsOf, cfg.Months),
		second: newSecondCalc(cfg.AsOf, cfg.Months, cfg.SecondWithin),
		points: newPointsCalc(cfg.AsOf, cfg.Months, cfg.Expiry),
		mt:     newMonthTable(MonthOf(cfg.AsOf)-Month(min(cfg.Months, maxInsightMonths))+1, cfg.AsOf),
	}
}

// Add folds in the member with sequence seq. Members registered after the
// as-of day count nowhere.
func (c *InsightCalc) Add(seq uint32, h *MemberHistory) {
	if h.Reg > c.cfg.AsOf {
		return
	}
	c.cohort.add(h, &c.mt)
	c.second.add(h, &c.mt)
	c.points.add(h, &c.mt)
	g, drop, keep, risk := EvaluateTierRisk(h, c.cfg.AsOf, c.cfg.RiskDays)
	t := TierOf(g)
	if risk {
		c.risk = append(c.risk, TierRiskEntry{Seq: seq, Tier: t, Growth: g, DropIn: drop, Keep: keep})
	}
	if next, need, ok := NearUpgrade(g, c.cfg.NearPct); ok {
		c.near = append(c.near, NearUpgradeEntry{Seq: seq, Tier: t, Growth: g, Next: next, Need: need})
	}
}

// Merge folds o into c; o must not be used afterwards.
func (c *InsightCalc) Merge(o *InsightCalc) {
	c.cohort.merge(&o.cohort)
	c.second.merge(&o.second)
	c.points.merge(&o.points)
	c.risk = append(c.risk, o.risk...)
	c.near = append(c.near, o.near...)
}

// Result returns the insight. The lists are sorted in place: call it once.
func (c *InsightCalc) Result() *Insight {
	in := &Insight{
		Config:         c.cfg,
		Cohorts:        c.cohort.result(),
		SecondPurchase: c.second.result(),
		Points:         c.points.result(),
		TierRisk:       c.risk,
		NearUpgrade:    c.near,
	}
	// Typed sorts (sort.Slice's reflective swaps cost a few times more on
	// lists of a hundred thousand); the keys end with the seq, so the order
	// is total.
	slices.SortFunc(in.TierRisk, func(a, b TierRiskEntry) int {
		return cmp.Or(cmp.Compare(a.DropIn, b.DropIn), cmp.Compare(a.Keep, b.Keep), cmp.Compare(a.Seq, b.Seq))
	})
	slices.SortFunc(in.NearUpgrade, func(a, b NearUpgradeEntry) int {
		return cmp.Or(cmp.Compare(a.Need, b.Need), cmp.Compare(a.Seq, b.Seq))
	})
	for _, e := range in.TierRisk {
		in.RiskByTier[e.Tier]++
	}
	for _, e := range in.NearUpgrade {
		in.NearByTier[e.Tier]++
	}
	return in
}
