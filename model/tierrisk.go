package model

// Tier risk and near-upgrade. A member's growth value counts the 365 days
// ending at the as-of day; each day that passes drops the oldest day of the
// window. A member who does nothing more therefore loses, on day D+k, what
// was earned on D−365+k (and the registration bonus when that was the
// registration day): TierRisk finds who falls below their tier's threshold
// that way within the horizon, and what growth (成长值; 1 per yuan spent)
// earned now keeps them there throughout.

// TierRiskEntry is one member at risk of dropping a tier.
type TierRiskEntry struct {
	Seq    uint32
	Tier   Tier  // the tier at the as-of day
	Growth int64 // growth value at the as-of day
	DropIn int   // days from the as-of day to the first day below the tier
	Keep   int64 // growth to earn now to stay in the tier through the horizon
}

// NearUpgradeEntry is one member close to the next tier.
type NearUpgradeEntry struct {
	Seq    uint32
	Tier   Tier
	Growth int64
	Next   Tier
	Need   int64 // growth still needed to reach Next
}

// riskMaxHorizon bounds the horizon of TierRisk.
const riskMaxHorizon = 365

// EvaluateTierRisk returns the member's growth at d and, when it would drop
// below its tier within horizon days without any further activity, the day
// it drops and the growth that keeps it (ok true).
func EvaluateTierRisk(h *MemberHistory, d Day, horizon int) (growth int64, drop int, keep int64, ok bool) {
	horizon = min(max(horizon, 0), riskMaxHorizon)
	lo := d - (growthWindow - 1)
	// Only the entries of the window count: find the first from the end
	// (most of a long history is older than a year), then sum the window.
	days := h.Days
	j := len(days)
	for j > 0 && days[j-1].Day >= lo {
		j--
	}
	days = days[j:]
	var g int64
	for i := range days {
		a := &days[i]
		if a.Day > d {
			days = days[:i]
			break
		}
		g += dayGrowth(a)
	}
	regIn := h.Reg >= lo && h.Reg <= d
	if regIn {
		g += growthRegister
	}
	growth = max(g, 0)
	t := TierOf(growth)
	if t == TierRegular {
		return growth, 0, 0, false
	}
	// Day lo−1+k leaves the window on day d+k, so the growth on day d+k is
	// g less what the window's first k days earned: it changes only on the
	// days that earned something, which are walked in order (the
	// registration bonus merged in on its day) instead of every day of the
	// horizon.
	base := lo - 1
	regK := -1
	if regIn {
		if k := int(h.Reg - base); k <= horizon {
			regK = k
		}
	}
	thr := TierThresholds[t]
	low := g
	i := 0
	for {
		k := horizon + 1
		if i < len(days) {
			k = min(k, int(days[i].Day-base))
		}
		if regK >= 0 {
			k = min(k, regK)
		}
		if k > horizon {
			break
		}
		var out int64
		if i < len(days) && int(days[i].Day-base) == k {
			out += dayGrowth(&days[i])
			i++
		}
		if regK == k {
			out += growthRegister
			regK = -1
		}
		g -= out
		if g < thr && drop == 0 {
			drop = k
		}
		low = min(low, g)
	}
	if drop == 0 {
		return growth, 0, 0, false
	}
	return growth, drop, thr - low, true
}

// NearUpgrade reports whether growth is within pct percent of the next
// tier's threshold (need ≤ threshold × pct / 100), with the next tier and
// the growth still needed.
func NearUpgrade(growth int64, pct int) (next Tier, need int64, ok bool) {
	next, need, has := NextTier(growth)
	if !has || pct <= 0 {
		return next, need, false
	}
	return next, need, need*100 <= TierThresholds[next]*int64(pct)
}
