package store

import (
	"fmt"

	"github.com/memberops/cockpit/model"
)

// TargetReport is a target decomposed and paced as of a day: what the
// Targets pane draws and `cockpit target show` prints.
type TargetReport struct {
	Target model.Target
	AsOf   model.Day
	// Source says which data the history method used (none for other methods).
	Source model.HistorySource
	// Whole, Months, Weeks and Days are the decomposition tree's rows.
	Whole  model.PeriodRow
	Months []model.PeriodRow
	Weeks  []model.PeriodRow
	Days   []model.PeriodRow
}

// RollupMetric is an additive target metric's value on one day (0 for other
// metrics): the one place that maps metric keys to rollup fields.
func RollupMetric(metric string, r *Rollup) int64 {
	switch metric {
	case "new_members":
		return r.NewMembers
	case "orders":
		return r.Orders
	case "gmv":
		return r.GMVFen
	case "refunds":
		return r.RefundFen
	}
	return 0
}

// MetricDaily returns an additive metric's value on each day of w, from the
// daily rollups.
func (s *Store) MetricDaily(metric string, w model.Window) ([]int64, error) {
	rs, err := s.Daily(w)
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(rs))
	for i := range rs {
		out[i] = RollupMetric(metric, &rs[i])
	}
	return out, nil
}

// KPIValue is a KPI of a snapshot in a target's units: counts as counts, money
// in fen, rates scaled by model.RatioScale (rounded half up; 0 when undefined).
func KPIValue(k model.KPIs, key string) int64 {
	scaled := func(r model.Ratio) int64 {
		if !r.Valid() || r.Num < 0 {
			return 0
		}
		return (r.Num*model.RatioScale*2 + r.Den) / (2 * r.Den)
	}
	switch key {
	case "members_total":
		return k.MembersTotal
	case "new_members":
		return k.NewMembers
	case "active_members":
		return k.ActiveMembers
	case "active_rate":
		return scaled(k.ActiveRate)
	case "buyers":
		return k.Buyers
	case "repurchase_rate":
		return scaled(k.RepurchaseRate)
	case "orders":
		return k.Orders
	case "gmv":
		return k.GMVFen
	case "refunds":
		return k.RefundsFen
	case "aov":
		if k.Orders == 0 {
			return 0
		}
		return (k.GMVFen*2 + k.Orders) / (2 * k.Orders)
	case "upgrade_rate":
		return scaled(k.UpgradeRate)
	case "retention_d1":
		return scaled(k.RetentionD1)
	case "retention_d7":
		return scaled(k.RetentionD7)
	case "retention_d30":
		return scaled(k.RetentionD30)
	case "points_redemption_rate":
		return scaled(k.PointsRedemptionRate)
	}
	return 0
}

// KPIOverWindows computes one KPI over many windows in a single scan of the
// member summaries (a level target needs it for every row of its tree).
func (s *Store) KPIOverWindows(r model.Rules, key string, ws []model.Window) ([]int64, error) {
	calcs := make([]*model.Calc, len(ws))
	for i, w := range ws {
		calcs[i] = model.NewCalc(r, w)
	}
	err := s.ForEachHistory(func(_ uint32, h *model.MemberHistory) error {
		for _, c := range calcs {
			c.Add(h)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(ws))
	for i, c := range calcs {
		out[i] = KPIValue(c.Result().KPIs, key)
	}
	return out, nil
}

// TargetReport decomposes t and paces it as of asOf: day targets by the
// target's method (history from the daily rollups), actuals from the rollups
// for additive metrics and from the member summaries for level metrics.
func (s *Store) TargetReport(r model.Rules, t model.Target, asOf model.Day) (*TargetReport, error) {
	info, ok := model.Metric(t.Metric)
	if !ok {
		return nil, fmt.Errorf("target %s: unknown metric %q", t.ID, t.Metric)
	}
	in, err := s.Info()
	if err != nil {
		return nil, err
	}
	rep := &TargetReport{Target: t, AsOf: asOf}
	period := model.Window{From: t.From, To: t.To}
	var tree []model.PeriodRow
	if info.Additive {
		var dailyErr error
		daily := func(w model.Window) []int64 {
			v, err := s.MetricDaily(t.Metric, w)
			if err != nil {
				dailyErr = err
			}
			return v
		}
		first, last := in.FirstDay, in.LastDay
		if in.Events == 0 {
			first, last = 1, 0 // no data: history falls back to even
		}
		targets, src, err := model.DailyTargets(t, first, last, daily)
		if err != nil {
			return nil, err
		}
		if dailyErr != nil {
			return nil, dailyErr
		}
		actuals, err := s.MetricDaily(t.Metric, period)
		if err != nil {
			return nil, err
		}
		rep.Source = src
		tree = model.Tree(t, targets, actuals, asOf, nil)
	} else {
		// Tree asks for the KPI of each started row; collect the windows, compute
		// them in one scan, then build the tree again from the results.
		var ws []model.Window
		model.Tree(t, nil, nil, asOf, func(w model.Window) int64 { ws = append(ws, w); return 0 })
		vals, err := s.KPIOverWindows(r, t.Metric, ws)
		if err != nil {
			return nil, err
		}
		byWindow := make(map[model.Window]int64, len(ws))
		for i, w := range ws {
			byWindow[w] = vals[i]
		}
		tree = model.Tree(t, nil, nil, asOf, func(w model.Window) int64 { return byWindow[w] })
	}
	for _, row := range tree {
		switch row.Kind {
		case model.PeriodWhole:
			rep.Whole = row
		case model.PeriodMonth:
			rep.Months = append(rep.Months, row)
		case model.PeriodWeek:
			rep.Weeks = append(rep.Weeks, row)
		case model.PeriodDay:
			rep.Days = append(rep.Days, row)
		}
	}
	return rep, nil
}
