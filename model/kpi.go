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
	// To), then the KPI window (From−1, To]. Growth values are differences
	// of running sums: what was earned up to To minus what was earned up to
	// toCut = To−365, and likewise up to From−1 minus up to prevCut.
	end1, prevCut, toCut Day

	stages [NumStages]int64
	tiers  [NumTiers]int64
	means  RFMMeans

	// Buyers' R, F and M, kept until Result can compare them to the means,
	// in fixed-size chunks so that growing never copies. The first nchunk
	// chunks are in use; later ones are spare capacity kept by Reset.
	chunks [][]buyerRFM
	nchunk int
	// noBuyers keeps no buyers, so Result classifies none into RFM
	// segments: a breakdown's parts, of which only the KPIs are read
	// (storing a million buyers' R/F/M was a third of a breakdown's pass).
	noBuyers bool

	total, newMembers, active, buyers, repeat int64
	orders, gmv, refunds                      int64
	issued, redeemed                          int64
	upNum, upDen                              int64
	retNum, retDen                            [3]int64
}

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
	prev := w.From - 1
	*c = Calc{
		rules:   r,
		w:       w,
		chunks:  chunks,
		end1:    min(prev, w.To),
		prevCut: prev - growthWindow,
		toCut:   w.To - growthWindow,
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
// Add reads the history's entries once, ignoring those after w.To: the
// growth values at To and at From−1 (for the upgrade rate) are differences
// of running sums taken on the way, and the entries inside the KPI window are
// summed apart for the window's figures. It does not allocate apart from the
// amortised growth of the buyers' R/F/M storage.
func (c *Calc) Add(h *MemberHistory) (MemberStatus, bool) {
	return c.add(h, nil)
}

// AddPart is Add, except that the member is counted in the Calc that part
// returns for the member's status at w.To instead of in c: c only evaluates.
// Every Calc part returns must have c's rules and window. This is how a
// breakdown by stage or tier (known only once the member is evaluated) walks
// each history once.
func (c *Calc) AddPart(h *MemberHistory, part func(MemberStatus) *Calc) (MemberStatus, bool) {
	return c.add(h, part)
}

func (c *Calc) add(h *MemberHistory, part func(MemberStatus) *Calc) (MemberStatus, bool) {
	reg := h.Reg
	to := c.w.To
	if reg > to {
		return MemberStatus{}, false
	}
	days := h.Days
	i := 0

	// Phase one, up to From−1 (the call is skipped when nothing is due).
	var r1 phase1
	if len(days) > 0 && days[0].Day <= c.end1 {
		i = r1.walk(days, c.end1, c.prevCut, c.toCut)
	}
	// Phase two, the KPI window (From−1, To].
	r2 := phase2{lastPurchase: r1.lastPurchase}
	if i < len(days) && days[i].Day <= to {
		i = r2.walk(days, i, to, c.toCut)
	}
	// last_active: the latest of days[:i] (those up to To) holding an event,
	// else the registration day. Entries always hold events in practice, so
	// this looks at one entry instead of testing every entry on the way.
	lastActive := reg
	for j := i - 1; j >= 0; j-- {
		if days[j].Events() != 0 {
			lastActive = days[j].Day
			break
		}
	}
	lastPurchase := r2.lastPurchase
	wPurchases := r2.purchases
	purchases := r1.purchases + wPurchases
	spend := r1.spend + r2.gmv - r2.refunds
	points := r1.points + r2.issued - r2.refundPts - r2.redeemed

	// Status at To.
	st := MemberStatus{
		LastActive:   lastActive,
		InactiveDays: int(to - lastActive),
		Purchases:    purchases,
		SpendFen:     spend,
		LastPurchase: lastPurchase,
		Points:       points,
	}
	growthTo := r1.g + r2.g - r1.gToCut - r2.gToCut
	if reg > c.toCut {
		growthTo += growthRegister
	}
	st.Growth = max(growthTo, 0)
	st.Tier = TierOf(st.Growth)
	st.Stage = c.rules.Stage(st.InactiveDays, purchases, spend)
	// From here on the member is counted, in d.
	d := c
	if part != nil {
		d = part(st)
	}
	d.count(&st, h, &r1, &r2)
	return st, true
}

// count folds an evaluated member into c's sums: st is its status at w.To,
// r1 and r2 the sums of the two phases of add.
func (c *Calc) count(st *MemberStatus, h *MemberHistory, r1 *phase1, r2 *phase2) {
	reg := h.Reg
	from, to := c.w.From, c.w.To
	purchases, spend, wPurchases := st.Purchases, st.SpendFen, r2.purchases
	c.total++
	c.stages[st.Stage]++
	c.tiers[st.Tier]++
	if purchases > 0 {
		r := int64(to - st.LastPurchase)
		c.means.Add(r, purchases, spend)
		if !c.noBuyers {
			c.addBuyer(buyerRFM{m: spend, f: purchases, r: int32(r)})
		}
	}

	// The KPI window's figures.
	if wPurchases > 0 {
		c.buyers++
		if wPurchases >= 2 {
			c.repeat++
		}
	}
	if wPurchases > 0 || r2.loginSignin >= 3 {
		c.active++
	}
	c.orders += wPurchases
	c.gmv += r2.gmv
	c.refunds += r2.refunds
	c.issued += r2.issued
	c.redeemed += r2.redeemed

	if reg < from { // existed at From−1: the upgrade rate's population
		c.upDen++
		growthPrev := r1.g - r1.gPrevCut
		if reg > c.prevCut {
			growthPrev += growthRegister
		}
		if st.Tier > TierOf(max(growthPrev, 0)) {
			c.upNum++
		}
	} else { // registered in the window
		c.newMembers++
		if reg < to {
			c.retention(h.Days, reg, to)
		}
	}
}

// phase1 holds the running sums of Add's first phase, up to From−1: only
// what the status and the growth values need. g is the growth earned
// (without the registration bonus), gPrevCut and gToCut the part of it
// earned on or before prevCut and toCut.
type phase1 struct {
	lastPurchase                                  Day
	purchases, spend, points, g, gPrevCut, gToCut int64
}

// walk folds in days up to the first entry after end and returns its index.
// It works on locals so that the sums stay in registers, and it is
// branch-free apart from the loop: the cuts are applied with masks.
//
//go:noinline
func (p *phase1) walk(days []DayActivity, end, prevCut, toCut Day) int {
	var lastPurchase Day
	var purchases, spend, points, g, gPrevCut, gToCut int64
	i := 0
	for ; i < len(days); i++ {
		a := &days[i]
		d := a.Day
		if d > end {
			break
		}
		k := &a.Count
		np := int64(k[KindPurchase])
		purchases += np
		if np != 0 {
			lastPurchase = d
		}
		spend += a.PurchaseFen - a.RefundFen
		pts := a.PurchasePoints - a.RefundPoints
		points += pts - a.Redeemed
		dg := pts + dayGrowthExtra(k)
		g += dg
		// (x − cut − 1) >> 63 is all ones exactly when x <= cut.
		gPrevCut += dg & ((int64(d) - int64(prevCut) - 1) >> 63)
		gToCut += dg & ((int64(d) - int64(toCut) - 1) >> 63)
	}
	*p = phase1{lastPurchase, purchases, spend, points, g, gPrevCut, gToCut}
	return i
}

// phase2 holds the sums of Add's second phase, the KPI window (From−1, To].
// gToCut is the growth earned on or before toCut, which falls in the window
// only when the window is longer than 365 days.
type phase2 struct {
	lastPurchase                                                      Day
	purchases, gmv, refunds, issued, refundPts, redeemed, loginSignin int64
	g, gToCut                                                         int64
}

func (p *phase2) walk(days []DayActivity, i int, to, toCut Day) int {
	for ; i < len(days); i++ {
		a := &days[i]
		d := a.Day
		if d > to {
			break
		}
		k := &a.Count
		np := int64(k[KindPurchase])
		p.purchases += np
		if np != 0 {
			p.lastPurchase = d
		}
		p.gmv += a.PurchaseFen
		p.refunds += a.RefundFen
		p.issued += a.PurchasePoints
		p.refundPts += a.RefundPoints
		p.redeemed += a.Redeemed
		p.loginSignin += int64(k[KindLogin]) + int64(k[KindSignin])
		dg := a.PurchasePoints - a.RefundPoints + dayGrowthExtra(k)
		p.g += dg
		if d <= toCut {
			p.gToCut += dg
		}
	}
	return i
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
