package model

// MetricInfo describes a KPI as a target metric: whether a target on it is
// split over days, and in which unit its values are kept. Decomposition,
// pacing and every screen that prints a target value need these three facts,
// so they live in one table instead of being re-derived from the key.
type MetricInfo struct {
	// Key is the contract's KPI key, e.g. "gmv".
	Key string
	// Additive metrics (new_members, orders, gmv, refunds) are split per day:
	// a sub-period's actual is the sum of its days. Every other KPI is a level
	// metric whose sub-periods all carry the whole target value.
	Additive bool
	// Money values are integer fen (gmv, refunds, aov).
	Money bool
	// Rate values are ratios scaled by RatioScale (2500 means 25.00%).
	Rate bool
}

// LowerIsBetter reports whether beating the plan means staying below it.
// Only refunds works that way: a refunds target is a ceiling, so pacing marks a
// refunds total above plan as behind, not ahead (see Tree).
func (m MetricInfo) LowerIsBetter() bool { return m.Key == "refunds" }

// targetMetricTable lists every KPI of the contract in the contract's order
// (the order of the `kpi --json` object), which is also the order pickers
// show them in.
var targetMetricTable = [...]MetricInfo{
	{Key: "members_total"},
	{Key: "new_members", Additive: true},
	{Key: "active_members"},
	{Key: "active_rate", Rate: true},
	{Key: "buyers"},
	{Key: "repurchase_rate", Rate: true},
	{Key: "orders", Additive: true},
	{Key: "gmv", Additive: true, Money: true},
	{Key: "refunds", Additive: true, Money: true},
	{Key: "aov", Money: true},
	{Key: "upgrade_rate", Rate: true},
	{Key: "retention_d1", Rate: true},
	{Key: "retention_d7", Rate: true},
	{Key: "retention_d30", Rate: true},
	{Key: "points_redemption_rate", Rate: true},
}

// Metric returns the description of the KPI key, and false for a key that is
// not a KPI of the contract (callers reject such a target).
func Metric(key string) (MetricInfo, bool) {
	for _, m := range targetMetricTable {
		if m.Key == key {
			return m, true
		}
	}
	return MetricInfo{}, false
}

// TargetMetrics returns every KPI usable as a target metric, in the contract's
// order, so that a form or a `--metric` help text can list them without
// keeping its own copy of the keys. The slice is a fresh copy.
func TargetMetrics() []MetricInfo {
	out := make([]MetricInfo, len(targetMetricTable))
	copy(out, targetMetricTable[:])
	return out
}
