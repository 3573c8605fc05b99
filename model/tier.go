package model

// Growth-value (成长值) weights of the contract.
const (
	growthWindow   = 365 // days D-364 … D
	growthRegister = 100 // once, when the registration day is in the window
	growthSignin   = 5   // at most once per day
	growthInvite   = 200
	growthReview   = 20
	growthShare    = 10
)

// dayGrowth is the growth value earned on one day: signin +5 once however many
// check-ins, invite +200, review +20, share +10 each, purchases +Σ floor(yuan),
// refunds −Σ floor(yuan). The registration bonus is not per day; see
// GrowthValue.
func dayGrowth(a *DayActivity) int64 {
	g := int64(a.Count[KindInvite])*growthInvite +
		int64(a.Count[KindReview])*growthReview +
		int64(a.Count[KindShare])*growthShare +
		a.PurchasePoints - a.RefundPoints
	if a.Count[KindSignin] > 0 {
		g += growthSignin
	}
	return g
}

// GrowthValue is the member's growth value at the end of day d: what was earned
// on the 365 days d-364 … d, plus 100 if the registration day falls in that
// window, floored at 0. Value that ages out of the window no longer counts,
// which is the contract's downgrade rule.
func GrowthValue(h *MemberHistory, d Day) int64 {
	lo := d - (growthWindow - 1)
	var g int64
	for i := range h.Days {
		a := &h.Days[i]
		if a.Day > d {
			break
		}
		if a.Day >= lo {
			g += dayGrowth(a)
		}
	}
	if h.Reg >= lo && h.Reg <= d {
		g += growthRegister
	}
	return max(g, 0)
}

// GrowthAgingOut is the growth counted at d that leaves the window within the
// next `days` days: what was earned on d-364 … d-364+days-1 (the registration
// bonus included when the registration day is in that range). It is the raw
// sum, so refunds in the range make it smaller or negative, and it is not
// floored; the range never extends past d. days <= 0 gives 0.
func GrowthAgingOut(h *MemberHistory, d Day, days int) int64 {
	if days <= 0 {
		return 0
	}
	lo := d - (growthWindow - 1)
	hi := d
	if days < growthWindow {
		hi = lo + Day(days) - 1
	}
	var g int64
	for i := range h.Days {
		a := &h.Days[i]
		if a.Day > hi {
			break
		}
		if a.Day >= lo {
			g += dayGrowth(a)
		}
	}
	if h.Reg >= lo && h.Reg <= hi {
		g += growthRegister
	}
	return g
}

// TierOf is the tier of a growth value: the highest tier whose threshold in
// TierThresholds the value reaches (regular for anything below silver,
// negative values included).
func TierOf(growth int64) Tier {
	t := TierRegular
	for t+1 < NumTiers && growth >= TierThresholds[t+1] {
		t++
	}
	return t
}

// NextTier returns the tier above TierOf(growth) and the growth value still
// needed to reach it; ok is false at the top tier (diamond).
func NextTier(growth int64) (next Tier, need int64, ok bool) {
	t := TierOf(growth)
	if t+1 >= NumTiers {
		return t, 0, false
	}
	return t + 1, TierThresholds[t+1] - growth, true
}
