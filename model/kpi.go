package model

// KPIs are the contract's KPIs over a window [From, To]. Counts are members or
// events, money is fen; rates are exact Ratios (Den == 0: undefined).
type KPIs struct {
	// MembersTotal counts members registered on or before To; NewMembers those
	// registered in the window.
	MembersTotal, NewMembers int64
	// ActiveMembers have ≥1 purchase in the window or ≥3 login/signin events
	// in it (events, not days: two check-ins on one day count twice).
	ActiveMembers int64
	ActiveRate    Ratio // ActiveMembers / MembersTotal
	// Buyers have ≥1 purchase in the window.
	Buyers int64
	// RepurchaseRate is members with ≥2 purchases in the window / Buyers.
	RepurchaseRate Ratio
	// Orders counts purchase events in the window; GMVFen and RefundsFen sum
	// their purchase and refund amounts.
	Orders             int64
	GMVFen, RefundsFen int64
	AOV                Ratio // GMVFen / Orders (fen per order; divide by 100 for yuan)
	// UpgradeRate is members whose tier at To is above their tier at From−1,
	// over members_total at From−1. Both sides count only members that
	// existed at From−1 (registered on or before it): a member registered
	// inside the window has no tier at From−1, so it is in neither the
	// numerator nor the denominator, however high it climbs.
	UpgradeRate Ratio
	// RetentionDN (N = 1, 7, 30): of the members registered in [From, To−N],
	// the share with any non-register event on the day registered+N. When
	// To−N < From nobody qualifies and the ratio is undefined.
	RetentionD1, RetentionD7, RetentionD30 Ratio
	// PointsRedemptionRate is points redeemed / points issued in the window
	// (issued = Σ floor(yuan) of the window's purchases).
	PointsRedemptionRate Ratio
}

// KPIKeys lists the contract's KPI keys in contract (JSON) order.
var KPIKeys = []string{
	"members_total", "new_members", "active_members", "active_rate",
	"buyers", "repurchase_rate", "orders", "gmv", "refunds", "aov",
	"upgrade_rate", "retention_d1", "retention_d7", "retention_d30",
	"points_redemption_rate",
}

// IsRatioKPI reports whether the KPI key is a rate (a Ratio that may be
// undefined): active_rate, repurchase_rate, upgrade_rate, retention_d1/d7/d30
// and points_redemption_rate. aov is a Ratio too but it is money, not a rate.
func IsRatioKPI(key string) bool {
	switch key {
	case "active_rate", "repurchase_rate", "upgrade_rate",
		"retention_d1", "retention_d7", "retention_d30",
		"points_redemption_rate":
		return true
	}
	return false
}

// Snapshot is everything the lifecycle screens and `cockpit kpi` show for one
// window: the KPIs over [From, To] and stages, tiers and RFM evaluated at To
// over the members registered on or before To.
type Snapshot struct {
	Window   Window // KPIs are over [From, To]; stages/tiers/RFM are evaluated at To
	Stages   [NumStages]int64
	Tiers    [NumTiers]int64
	RFM      [NumSegments]int64
	RFMSpend [NumSegments]int64 // Σ spend fen of each segment (for average spend per group)
	Means    RFMMeans
	KPIs     KPIs
}

// Calc computes a Snapshot in one pass over the members: NewCalc, Add every
// member's history, then Result. A Calc is not safe for concurrent use; for a
// parallel pass give each goroutine its own Calc (same rules and window) and
// Merge them before Result. Reset reuses a Calc for the next pass.
//
// The window is expected to satisfy From <= To. (With From > To every window
// figure is zero, and tiers "at From−1" only see events up to To.)
type Calc struct {
	rules Rules
	w     Window

	// Add walks a member's entries in two phases: up to end1 = min(From−1,
	// To), then the KPI window (From−1, To]. cuts are the days in phase one,
	// ascending, after which it notes the running growth sum (cutKind says
	// which growth window starts the day after). The cut before To's growth
	// window falls inside the KPI window when the window is longer than 365
	// days; then toCutInWindow is set and phase two handles it.
	end1          Day
	cuts          [2]Day
	cutKind       [2]uint8
	ncuts         int
	toCut         Day // To−365: the last day before To's growth window
	toCutInWindow bool

	stages [NumStages]int64
	tiers  [NumTiers]int64
	means  RFMMeans

	// Buyers' R, F and M, kept until Result can compare them to the means,
	// in fixed-size chunks so that growing never copies. The first nchunk
	// chunks are in use; later ones are spare capacity kept by Reset.
	chunks [][]buyerRFM
	nchunk int

	total, newMembers, active, buyers, repeat int64
	orders, gmv, refunds                      int64
	issued, redeemed                          int64
	upNum, upDen                              int64
	retNum, retDen                            [3]int64
}

// Kinds of Calc.cuts.
const (
	cutPrevGrowth = iota // From−1−365: the last day before the growth window at From−1
	cutToGrowth          // To−365: the last day before the growth window at To
)

// buyerRFM is one buyer's R (days since the last purchase), F and M.
type buyerRFM struct {
	m, f int64
	r    int32
}

const buyerChunk = 1 << 14

// NewCalc returns a calculator for the window w with the stage rules r.
func NewCalc(r Rules, w Window) *Calc {
	c := &Calc{}
	c.Reset(r, w)
	return c
}

// Reset empties the calculator for a new pass with rules r over window w,
// keeping the memory it holds for buyers so that a recompute of the same
// population allocates nothing.
func (c *Calc) Reset(r Rules, w Window) {
	chunks := c.chunks
	for i := range chunks {
		chunks[i] = chunks[i][:0]
	}
	*c = Calc{rules: r, w: w, chunks: chunks}
	prev := w.From - 1
	c.end1 = min(prev, w.To)
	c.toCut = w.To - growthWindow
	c.toCutInWindow = c.toCut > c.end1
	c.cuts[0], c.cutKind[0] = min(prev-growthWindow, c.end1), cutPrevGrowth
	c.ncuts = 1
	if !c.toCutInWindow {
		c.cuts[1], c.cutKind[1] = c.toCut, cutToGrowth
		c.ncuts = 2
		if c.cuts[1] < c.cuts[0] { // only when From > To
			c.cuts[0], c.cuts[1] = c.cuts[1], c.cuts[0]
			c.cutKind[0], c.cutKind[1] = c.cutKind[1], c.cutKind[0]
		}
	}
}

func (c *Calc) addBuyer(b buyerRFM) {
	if c.nchunk == 0 || len(c.chunks[c.nchunk-1]) == buyerChunk {
		if c.nchunk == len(c.chunks) {
			c.chunks = append(c.chunks, make([]buyerRFM, 0, buyerChunk))
		}
		c.nchunk++
	}
	ch := &c.chunks[c.nchunk-1]
	*ch = append(*ch, b)
}

// Add folds in one member. It returns the member's status at w.To and true,
// or false (and a zero status) when the member did not exist at w.To
// (registered after it); such a member counts nowhere, not even its events.
//
// Add reads the history's entries once, ignoring those after w.To. It keeps
// running sums and notes the growth sum at the cuts, so that the growth value
// at To and at From−1 (for the upgrade rate) are differences of running sums;
// entries inside the KPI window are summed apart for the window's figures.
// It does not allocate apart from the amortised growth of the buyers' R/F/M
// storage.
func (c *Calc) Add(h *MemberHistory) (MemberStatus, bool) {
	reg := h.Reg
	from, to := c.w.From, c.w.To
	if reg > to {
		return MemberStatus{}, false
	}
	days := h.Days
	i, n := 0, len(days)

	// lastActive starts at reg and is overwritten by every day that holds an
	// event: the latest such day wins, or reg when there is none.
	lastActive, lastPurchase := reg, Day(0)

	// Phase one, up to From−1: only what the status and the growth values
	// need, few enough sums to stay in registers. g is the growth earned
	// (without the registration bonus).
	var purchases, spend, points, g int64
	var gCut [2]int64
	for cut := 0; ; cut++ {
		limit := c.end1
		if cut < c.ncuts {
			limit = c.cuts[cut]
		}
		for ; i < n; i++ {
			a := &days[i]
			d := a.Day
			if d > limit {
				break
			}
			k := &a.Count
			if (k[0]|k[1])|(k[2]|k[3])|(k[4]|k[5])|(k[6]|k[7])|(k[8]|k[9]) != 0 {
				lastActive = d
			}
			np := int64(k[KindPurchase])
			purchases += np
			if np != 0 {
				lastPurchase = d
			}
			spend += a.PurchaseFen - a.RefundFen
			pts := a.PurchasePoints - a.RefundPoints
			points += pts - a.Redeemed
			g += pts + dayGrowthExtra(k)
		}
		if cut == c.ncuts {
			break
		}
		gCut[c.cutKind[cut]] = g
	}
	gAtPrev := g

	// Phase two, the KPI window (From−1, To].
	var wPurchases, wGMV, wRefunds, wIssued, wRefundPts, wRedeemed, wLoginSignin, wG, wGBeforeTo int64
	for ; i < n; i++ {
		a := &days[i]
		d := a.Day
		if d > to {
			break
		}
		k := &a.Count
		if (k[0]|k[1])|(k[2]|k[3])|(k[4]|k[5])|(k[6]|k[7])|(k[8]|k[9]) != 0 {
			lastActive = d
		}
		np := int64(k[KindPurchase])
		wPurchases += np
		if np != 0 {
			lastPurchase = d
		}
		wGMV += a.PurchaseFen
		wRefunds += a.RefundFen
		wIssued += a.PurchasePoints
		wRefundPts += a.RefundPoints
		wRedeemed += a.Redeemed
		wLoginSignin += int64(k[KindLogin]) + int64(k[KindSignin])
		dg := a.PurchasePoints - a.RefundPoints + dayGrowthExtra(k)
		wG += dg
		if d <= c.toCut { // only in windows longer than 365 days
			wGBeforeTo += dg
		}
	}
	purchases += wPurchases
	spend += wGMV - wRefunds
	points += wIssued - wRefundPts - wRedeemed

	// Status at To.
	st := MemberStatus{
		LastActive:   lastActive,
		InactiveDays: int(to - lastActive),
		Purchases:    purchases,
		SpendFen:     spend,
		LastPurchase: lastPurchase,
		Points:       points,
	}
	growthTo := gAtPrev + wG
	if c.toCutInWindow {
		growthTo -= gAtPrev + wGBeforeTo
	} else {
		growthTo -= gCut[cutToGrowth]
	}
	if reg > c.toCut {
		growthTo += growthRegister
	}
	st.Growth = max(growthTo, 0)
	st.Tier = TierOf(st.Growth)
	st.Stage = c.rules.Stage(st.InactiveDays, purchases, spend)

	c.total++
	c.stages[st.Stage]++
	c.tiers[st.Tier]++
	if purchases > 0 {
		r := int64(to - lastPurchase)
		c.means.Add(r, purchases, spend)
		c.addBuyer(buyerRFM{m: spend, f: purchases, r: int32(r)})
	}

	// The KPI window's figures.
	if wPurchases > 0 {
		c.buyers++
		if wPurchases >= 2 {
			c.repeat++
		}
	}
	if wPurchases > 0 || wLoginSignin >= 3 {
		c.active++
	}
	c.orders += wPurchases
	c.gmv += wGMV
	c.refunds += wRefunds
	c.issued += wIssued
	c.redeemed += wRedeemed

	prev := from - 1
	if reg <= prev { // existed at From−1: the upgrade rate's population
		c.upDen++
		growthPrev := gAtPrev - gCut[cutPrevGrowth]
		if reg > prev-growthWindow {
			growthPrev += growthRegister
		}
		if st.Tier > TierOf(max(growthPrev, 0)) {
			c.upNum++
		}
	} else { // registered in the window
		c.newMembers++
		if reg < to {
			c.retention(days, reg, to)
		}
	}
	return st, true
}

// dayGrowthExtra is a day's growth value apart from purchase and refund
// points: invites, reviews, shares, and the check-in bonus once a day, taken
// branch-free ((s | −s) has its top bit set exactly when s != 0).
func dayGrowthExtra(k *[NumKinds]uint32) int64 {
	s := k[KindSignin]
	return int64(k[KindInvite])*growthInvite + int64(k[KindReview])*growthReview +
		int64(k[KindShare])*growthShare + int64((s|-s)>>31)*growthSignin
}

// retention counts a member registered on reg (From <= reg < To) in the
// retention_dN denominators whose day reg+N is not after to, and in the
// numerators when that day holds a non-register event.
func (c *Calc) retention(days []DayActivity, reg, to Day) {
	var ret [3]bool
	for i := range days {
		a := &days[i]
		off := a.Day - reg
		if off > 30 {
			break
		}
		if off == 1 || off == 7 || off == 30 {
			if a.NonRegister() > 0 {
				switch off {
				case 1:
					ret[0] = true
				case 7:
					ret[1] = true
				default:
					ret[2] = true
				}
			}
		}
	}
	for k, n := range [3]Day{1, 7, 30} {
		if reg <= to-n {
			c.retDen[k]++
			if ret[k] {
				c.retNum[k]++
			}
		}
	}
}

// Merge folds another Calc's members into c, as if they had been added to c.
// Both must have the same rules and window; o must not be used afterwards.
func (c *Calc) Merge(o *Calc) {
	for i := range c.stages {
		c.stages[i] += o.stages[i]
	}
	for i := range c.tiers {
		c.tiers[i] += o.tiers[i]
	}
	c.means.N += o.means.N
	c.means.SumR += o.means.SumR
	c.means.SumF += o.means.SumF
	c.means.SumM += o.means.SumM
	for _, ch := range o.chunks[:o.nchunk] {
		for _, b := range ch {
			c.addBuyer(b)
		}
	}
	c.total += o.total
	c.newMembers += o.newMembers
	c.active += o.active
	c.buyers += o.buyers
	c.repeat += o.repeat
	c.orders += o.orders
	c.gmv += o.gmv
	c.refunds += o.refunds
	c.issued += o.issued
	c.redeemed += o.redeemed
	c.upNum += o.upNum
	c.upDen += o.upDen
	for i := range c.retNum {
		c.retNum[i] += o.retNum[i]
		c.retDen[i] += o.retDen[i]
	}
}

// Result classifies the buyers into RFM segments against the means and
// returns the snapshot. It does not change the Calc, so calling it again
// gives the same snapshot (each call classifies afresh).
func (c *Calc) Result() Snapshot {
	s := Snapshot{
		Window: c.w,
		Stages: c.stages,
		Tiers:  c.tiers,
		Means:  c.means,
	}
	for _, ch := range c.chunks[:c.nchunk] {
		for _, b := range ch {
			seg := c.means.Segment(int64(b.r), b.f, b.m)
			s.RFM[seg]++
			s.RFMSpend[seg] += b.m
		}
	}
	s.KPIs = KPIs{
		MembersTotal:         c.total,
		NewMembers:           c.newMembers,
		ActiveMembers:        c.active,
		ActiveRate:           Ratio{c.active, c.total},
		Buyers:               c.buyers,
		RepurchaseRate:       Ratio{c.repeat, c.buyers},
		Orders:               c.orders,
		GMVFen:               c.gmv,
		RefundsFen:           c.refunds,
		AOV:                  Ratio{c.gmv, c.orders},
		UpgradeRate:          Ratio{c.upNum, c.upDen},
		RetentionD1:          Ratio{c.retNum[0], c.retDen[0]},
		RetentionD7:          Ratio{c.retNum[1], c.retDen[1]},
		RetentionD30:         Ratio{c.retNum[2], c.retDen[2]},
		PointsRedemptionRate: Ratio{c.redeemed, c.issued},
	}
	return s
}
