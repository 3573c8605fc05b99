package model

// Breakdowns (拆解): the KPIs of a window split by a property of the members,
// so that a gap can be traced to where it comes from. Every member existing
// at the window's end belongs to exactly one part, and each part's KPIs are
// the KPIs of its members alone, so the parts of every additive KPI
// (members_total, new_members, active_members, buyers, orders, gmv, refunds)
// sum exactly to the whole, and the parts' numerators and denominators of
// every rate sum to the whole's (SumKPIs).

// Dimension is what a breakdown splits by.
type Dimension uint8

// Dimensions of a breakdown.
const (
	ByChannel Dimension = iota // the member's acquisition channel (from the profile)
	ByTier                     // the member's tier at the window's end
	ByStage                    // the member's lifecycle stage at the window's end
	ByNew                      // new (registered in the window) or returning
	NumDimensions
)

var dimensionNames = [NumDimensions]string{"channel", "tier", "stage", "new"}

// String is the dimension's name as `cockpit kpi --by` takes it.
func (d Dimension) String() string {
	if d < NumDimensions {
		return dimensionNames[d]
	}
	return "unknown"
}

// ParseDimension accepts a name of String.
func ParseDimension(s string) (Dimension, bool) {
	for d := Dimension(0); d < NumDimensions; d++ {
		if s == dimensionNames[d] {
			return d, true
		}
	}
	return 0, false
}

// Part keys of the ByNew dimension.
const (
	PartNew       = "new"
	PartReturning = "returning"
	// PartNoChannel is the ByChannel part of members without a channel.
	PartNoChannel = "(none)"
)

// BreakdownCalc computes a breakdown in one pass: every member is evaluated
// once and counted in the model.Calc of its part. For ByTier and ByStage the
// part is known from the evaluation; for ByChannel the caller names it (the
// profile holds the channel, the history does not); ByNew needs nothing.
// Like Calc it is not safe for concurrent use: give each goroutine its own
// and Merge them.
type BreakdownCalc struct {
	dim   Dimension
	r     Rules
	w     Window
	eval  *Calc
	parts []*Calc // by part index; grown on demand for channels
	pick  func(MemberStatus) *Calc
	cur   int // the part Add was told (ByChannel, ByNew)
}

// NewBreakdownCalc returns a calculator of the breakdown of w by dim.
func NewBreakdownCalc(r Rules, w Window, dim Dimension) *BreakdownCalc {
	b := &BreakdownCalc{dim: dim, r: r, w: w, eval: NewCalc(r, w)}
	n := 0
	switch dim {
	case ByTier:
		n = int(NumTiers)
	case ByStage:
		n = int(NumStages)
	case ByNew:
		n = 2
	}
	for i := 0; i < n; i++ {
		b.parts = append(b.parts, b.newPart())
	}
	// One closure for the whole pass (a closure per member would allocate).
	switch dim {
	case ByTier:
		b.pick = func(st MemberStatus) *Calc { return b.parts[st.Tier] }
	case ByStage:
		b.pick = func(st MemberStatus) *Calc { return b.parts[st.Stage] }
	default:
		b.pick = func(MemberStatus) *Calc { return b.part(b.cur) }
	}
	return b
}

// Dimension is the dimension the calculator splits by.
func (b *BreakdownCalc) Dimension() Dimension { return b.dim }

func (b *BreakdownCalc) part(i int) *Calc {
	for len(b.parts) <= i {
		b.parts = append(b.parts, b.newPart())
	}
	return b.parts[i]
}

// newPart is the Calc of one part: it keeps no buyers for RFM (see
// Breakdown).
func (b *BreakdownCalc) newPart() *Calc {
	c := NewCalc(b.r, b.w)
	c.noBuyers = true
	return c
}

// Add folds in one member. channel is the index of the member's channel part
// (ByChannel only; any small non-negative integer the caller maps to a name,
// e.g. a store.Profiles channel id with 0 for none); other dimensions ignore
// it. It returns what Calc.Add returns.
func (b *BreakdownCalc) Add(h *MemberHistory, channel int) (MemberStatus, bool) {
	switch b.dim {
	case ByChannel:
		b.cur = max(channel, 0)
	case ByNew:
		b.cur = 1
		if b.w.Contains(h.Reg) {
			b.cur = 0
		}
	}
	return b.eval.AddPart(h, b.pick)
}

// Merge folds another calculator of the same dimension, rules and window
// into b; o must not be used afterwards.
func (b *BreakdownCalc) Merge(o *BreakdownCalc) {
	for i, c := range o.parts {
		b.part(i).Merge(c)
	}
}

// Breakdown is the result: the whole and one snapshot per part. A part's
// snapshot has its KPIs, stages, tiers and RFM means, but no RFM segment
// counts (RFM and RFMSpend are zero): nothing shows them per part, and
// keeping every buyer's R/F/M to classify them cost a third of the pass.
// Parts are
// indexed as the dimension numbers them (tiers and stages by their value,
// ByNew: 0 new, 1 returning, ByChannel: the caller's channel index); a part
// nobody belongs to has a zero snapshot with the window set.
type Breakdown struct {
	Dim    Dimension
	Window Window
	Whole  KPIs
	Parts  []Snapshot
}

// Result returns the breakdown; Whole is SumKPIs of the parts. It does not
// change the calculator.
func (b *BreakdownCalc) Result() Breakdown {
	out := Breakdown{Dim: b.dim, Window: b.w, Parts: make([]Snapshot, len(b.parts))}
	ks := make([]KPIs, len(b.parts))
	for i, c := range b.parts {
		out.Parts[i] = c.Result()
		ks[i] = out.Parts[i].KPIs
	}
	out.Whole = SumKPIs(ks)
	return out
}

// PartKey names part i of a breakdown: the tier's or stage's contract name,
// "new"/"returning", or for channels channels[i−1] with index 0 (and any
// index without a name) as PartNoChannel.
func (b *Breakdown) PartKey(i int, channels []string) string {
	switch b.Dim {
	case ByTier:
		return Tier(i).String()
	case ByStage:
		return Stage(i).String()
	case ByNew:
		if i == 0 {
			return PartNew
		}
		return PartReturning
	}
	if i >= 1 && i <= len(channels) && channels[i-1] != "" {
		return channels[i-1]
	}
	return PartNoChannel
}

// SumKPIs adds the KPIs of disjoint populations over the same window: counts
// and money add, and every ratio becomes Σ numerators / Σ denominators,
// which is exactly the ratio of the union.
func SumKPIs(parts []KPIs) KPIs {
	var k KPIs
	add := func(a *Ratio, b Ratio) { a.Num += b.Num; a.Den += b.Den }
	for i := range parts {
		p := &parts[i]
		k.MembersTotal += p.MembersTotal
		k.NewMembers += p.NewMembers
		k.ActiveMembers += p.ActiveMembers
		add(&k.ActiveRate, p.ActiveRate)
		k.Buyers += p.Buyers
		add(&k.RepurchaseRate, p.RepurchaseRate)
		k.Orders += p.Orders
		k.GMVFen += p.GMVFen
		k.RefundsFen += p.RefundsFen
		add(&k.AOV, p.AOV)
		add(&k.UpgradeRate, p.UpgradeRate)
		add(&k.RetentionD1, p.RetentionD1)
		add(&k.RetentionD7, p.RetentionD7)
		add(&k.RetentionD30, p.RetentionD30)
		add(&k.PointsRedemptionRate, p.PointsRedemptionRate)
	}
	return k
}

// IsAdditiveKPI reports whether the parts of the KPI sum to the whole
// (counts and money; not rates or aov).
func IsAdditiveKPI(key string) bool {
	switch key {
	case "members_total", "new_members", "active_members", "buyers", "orders", "gmv", "refunds":
		return true
	}
	return false
}

// KPIValue reads one KPI by its contract key: counts and money (fen) as an
// integer, rates and aov as a Ratio (isRatio). ok is false for an unknown
// key.
func KPIValue(k KPIs, key string) (n int64, r Ratio, isRatio, ok bool) {
	switch key {
	case "members_total":
		return k.MembersTotal, Ratio{}, false, true
	case "new_members":
		return k.NewMembers, Ratio{}, false, true
	case "active_members":
		return k.ActiveMembers, Ratio{}, false, true
	case "buyers":
		return k.Buyers, Ratio{}, false, true
	case "orders":
		return k.Orders, Ratio{}, false, true
	case "gmv":
		return k.GMVFen, Ratio{}, false, true
	case "refunds":
		return k.RefundsFen, Ratio{}, false, true
	case "active_rate":
		return 0, k.ActiveRate, true, true
	case "repurchase_rate":
		return 0, k.RepurchaseRate, true, true
	case "aov":
		return 0, k.AOV, true, true
	case "upgrade_rate":
		return 0, k.UpgradeRate, true, true
	case "retention_d1":
		return 0, k.RetentionD1, true, true
	case "retention_d7":
		return 0, k.RetentionD7, true, true
	case "retention_d30":
		return 0, k.RetentionD30, true, true
	case "points_redemption_rate":
		return 0, k.PointsRedemptionRate, true, true
	}
	return 0, Ratio{}, false, false
}
