package model

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// TestBreakdownAgainstReference splits random populations by every
// dimension and checks each part against the reference snapshot of its
// members alone, and the whole against the undivided Calc.
func TestBreakdownAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 2026))
	r := DefaultRules()
	windows := []Window{{tD - 29, tD}, {tD, tD}, {tD - 399, tD}, {tD - 100, tD - 50}}
	for trial := range 12 {
		pop := tRandomPopulation(rng, 200, tD)
		channels := make([]int, len(pop))
		for i := range channels {
			channels[i] = rng.IntN(4) // 0: no channel
		}
		for _, w := range windows {
			whole := NewCalc(r, w)
			for _, m := range pop {
				whole.Add(tHist(m.reg, m.evs...))
			}
			want := whole.Result().KPIs
			for dim := Dimension(0); dim < NumDimensions; dim++ {
				b := NewBreakdownCalc(r, w, dim)
				for i, m := range pop {
					b.Add(tHist(m.reg, m.evs...), channels[i])
				}
				got := b.Result()
				if got.Whole != want {
					t.Fatalf("trial %d %v by %v: whole\n got %+v\nwant %+v", trial, w, dim, got.Whole, want)
				}
				var sum int64
				for p := range got.Parts {
					var sub []tMember
					for i, m := range pop {
						if m.reg > w.To {
							continue
						}
						in := false
						switch dim {
						case ByChannel:
							in = channels[i] == p
						case ByTier:
							in = int(refStatus(r, m, w.To).Tier) == p
						case ByStage:
							in = int(refStatus(r, m, w.To).Stage) == p
						case ByNew:
							in = (p == 0) == w.Contains(m.reg)
						}
						if in {
							sub = append(sub, m)
						}
					}
					ref := refSnapshot(r, sub, w).KPIs
					if got.Parts[p].KPIs != ref {
						t.Fatalf("trial %d %v by %v part %d:\n got %+v\nwant %+v", trial, w, dim, p, got.Parts[p].KPIs, ref)
					}
					sum += got.Parts[p].KPIs.GMVFen
				}
				if sum != want.GMVFen {
					t.Fatalf("gmv parts sum %d, whole %d", sum, want.GMVFen)
				}
			}
		}
	}
}

// TestBreakdownMerge: two halves merged equal one pass.
func TestBreakdownMerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	pop := tRandomPopulation(rng, 300, tD)
	w := Window{tD - 29, tD}
	for dim := Dimension(0); dim < NumDimensions; dim++ {
		one, a, b := NewBreakdownCalc(DefaultRules(), w, dim), NewBreakdownCalc(DefaultRules(), w, dim), NewBreakdownCalc(DefaultRules(), w, dim)
		for i, m := range pop {
			one.Add(tHist(m.reg, m.evs...), i%3)
			if i < 150 {
				a.Add(tHist(m.reg, m.evs...), i%3)
			} else {
				b.Add(tHist(m.reg, m.evs...), i%3)
			}
		}
		a.Merge(b)
		x, y := one.Result(), a.Result()
		if x.Whole != y.Whole || len(x.Parts) != len(y.Parts) {
			t.Fatalf("by %v: merged differs", dim)
		}
		for i := range x.Parts {
			if x.Parts[i].KPIs != y.Parts[i].KPIs {
				t.Fatalf("by %v part %d: merged differs", dim, i)
			}
		}
	}
}

// TestBreakdownByNewByHand: one returning buyer, one new member, one member
// registered after the window (nowhere).
func TestBreakdownByNewByHand(t *testing.T) {
	w := Window{tD - 29, tD}
	b := NewBreakdownCalc(DefaultRules(), w, ByNew)
	b.Add(tHist(tD-100, tE(tD-100, KindRegister, 0), tE(tD-3, KindPurchase, 12345)), 0)
	b.Add(tHist(tD-29, tE(tD-29, KindRegister, 0), tE(tD-28, KindLogin, 0)), 0)
	b.Add(tHist(tD+1, tE(tD+1, KindPurchase, 999)), 0)
	got := b.Result()
	if n, r := got.Parts[0].KPIs, got.Parts[1].KPIs; n.MembersTotal != 1 || n.NewMembers != 1 || n.GMVFen != 0 ||
		n.RetentionD1 != (Ratio{1, 1}) || r.MembersTotal != 1 || r.NewMembers != 0 || r.GMVFen != 12345 || r.Buyers != 1 {
		t.Fatalf("new %+v\nreturning %+v", n, r)
	}
	if got.Whole.MembersTotal != 2 || got.PartKey(0, nil) != "new" || got.PartKey(1, nil) != "returning" {
		t.Fatalf("whole %+v", got.Whole)
	}
	ch := Breakdown{Dim: ByChannel}
	if ch.PartKey(0, []string{"APP"}) != PartNoChannel || ch.PartKey(1, []string{"APP"}) != "APP" || ch.PartKey(2, []string{"APP"}) != PartNoChannel {
		t.Fatal("channel keys")
	}
}

func TestParseDimension(t *testing.T) {
	for d := Dimension(0); d < NumDimensions; d++ {
		if got, ok := ParseDimension(d.String()); !ok || got != d {
			t.Fatalf("%v", d)
		}
	}
	if _, ok := ParseDimension("rfm"); ok {
		t.Fatal("rfm is not a dimension")
	}
}

// TestCohortsByHand: as of 2026-03-10, three months of cohorts.
//
//	A reg 01-15: login 01-20 (m0), purchase 100.00 02-03 (m1), purchase 50.00 03-10 (m2)
//	B reg 01-31: register only → active nowhere
//	C reg 03-01: purchase 20.00 on 03-01 (m0), browse 03-11 (after as-of: ignored)
//	D reg 12-31 (before the first cohort): counts nowhere
//	E reg 03-11 (after as-of): counts nowhere
func TestCohortsByHand(t *testing.T) {
	asOf := CivilDay(2026, 3, 10)
	day := func(m time.Month, d int) Day { return CivilDay(2026, m, d) }
	c := NewInsightCalc(InsightConfig{AsOf: asOf, Months: 3, Expiry: DefaultExpiry()})
	c.Add(0, tHist(day(1, 15), tE(day(1, 15), KindRegister, 0), tE(day(1, 20), KindLogin, 0),
		tE(day(2, 3), KindPurchase, 10000), tE(day(3, 10), KindPurchase, 5000)))
	c.Add(1, tHist(day(1, 31), tE(day(1, 31), KindRegister, 0)))
	c.Add(2, tHist(day(3, 1), tE(day(3, 1), KindRegister, 0), tE(day(3, 1), KindPurchase, 2000), tE(day(3, 11), KindBrowse, 0)))
	c.Add(3, tHist(CivilDay(2025, 12, 31), tE(day(1, 5), KindLogin, 0)))
	c.Add(4, tHist(day(3, 11), tE(day(3, 11), KindPurchase, 100)))
	got := c.Result().Cohorts
	want := []CohortRow{
		{Month: MonthOf(day(1, 1)), Size: 2, Active: []int64{1, 1, 1}, GMVFen: []int64{0, 10000, 5000}},
		{Month: MonthOf(day(2, 1)), Size: 0, Active: []int64{0, 0}, GMVFen: []int64{0, 0}},
		{Month: MonthOf(day(3, 1)), Size: 1, Active: []int64{1}, GMVFen: []int64{2000}},
	}
	if !reflect.DeepEqual(got.Rows, want) {
		t.Fatalf("cohorts\n got %+v\nwant %+v", got.Rows, want)
	}
	r := got.Rows[0]
	if r.ActiveShare(1) != (Ratio{1, 2}) || r.CumGMVFen(2) != 15000 || r.CumGMVPerMember(2) != (Ratio{15000, 2}) {
		t.Fatal("row helpers")
	}
	if got.Rows[1].ActiveShare(0).Valid() {
		t.Fatal("empty cohort share must be undefined")
	}
	if got.Rows[0].Month.String() != "2026-01" || MonthOf(day(3, 1)).First() != day(3, 1) || MonthOf(day(2, 1)).Last() != day(2, 28) {
		t.Fatal("month helpers")
	}
}

// TestSecondPurchaseByHand with N = 30 as of 2026-03-31 over 3 months.
func TestSecondPurchaseByHand(t *testing.T) {
	asOf := CivilDay(2026, 3, 31)
	day := func(m time.Month, d int) Day { return CivilDay(2026, m, d) }
	c := NewInsightCalc(InsightConfig{AsOf: asOf, Months: 3, Expiry: DefaultExpiry()})
	reg := CivilDay(2025, 6, 1)
	add := func(evs ...tEv) { c.Add(0, tHist(reg, evs...)) }
	add(tE(day(1, 5), KindPurchase, 100), tE(day(2, 4), KindPurchase, 100))              // Jan: 30 days → yes
	add(tE(day(1, 5), KindPurchase, 100), tE(day(2, 5), KindPurchase, 100))              // Jan: 31 days → no
	add(tE(day(1, 9), KindPurchase, 100), tE(day(1, 9), KindPurchase, 100))              // Jan: same day → yes
	add(tE(day(1, 20), KindPurchase, 100))                                               // Jan: never → no
	add(tE(CivilDay(2025, 12, 30), KindPurchase, 100), tE(day(1, 2), KindPurchase, 100)) // Dec: before the range
	add(tE(day(3, 1), KindPurchase, 100), tE(day(3, 2), KindPurchase, 100))              // Mar 01 = asOf−30: counts, yes
	add(tE(day(3, 2), KindPurchase, 100), tE(day(3, 3), KindPurchase, 100))              // Mar 02 > asOf−30: pending
	add(tE(day(2, 10), KindRefund, 100), tE(day(2, 11), KindLogin, 0))                   // no purchase
	add(tE(day(2, 27), KindPurchase, 100), tE(CivilDay(2026, 4, 2), KindPurchase, 100))  // Feb, second after as-of → no
	sp := c.Result().SecondPurchase
	want := []SecondPurchaseMonth{
		{Month: MonthOf(day(1, 1)), FirstBuyer: 4, Rate: Ratio{2, 4}},
		{Month: MonthOf(day(2, 1)), FirstBuyer: 1, Rate: Ratio{0, 1}},
		{Month: MonthOf(day(3, 1)), FirstBuyer: 2, Rate: Ratio{1, 1}, Pending: 1},
	}
	if !reflect.DeepEqual(sp.Months, want) {
		t.Fatalf("second purchase\n got %+v\nwant %+v", sp.Months, want)
	}
	if sp.Overall() != (Ratio{3, 6}) {
		t.Fatalf("overall %v", sp.Overall())
	}
}

// TestPointsByHand under the default rule (end of the year after earning),
// as of 2026-12-15, series over 2026-10 … 2026-12.
//
//	2024-03-01 earn 100 (expires 2025-12-31: lapses, before the series)
//	2025-06-01 earn 300 (expires 2026-12-31)
//	2026-02-01 earn 200 (expires 2027-12-31)
//	2026-10-05 redeem 250: oldest first → 250 off the 2025 lot (50 left)
//	2026-11-01 refund 20 points: 20 off the 2025 lot (30 left)
//	2026-12-01 earn 7
//	as of 12-15: held 30 (2026-12-31, in 30 days) + 207 (2027-12-31) = 237; expiring 30 within 30/60/90
//	series: Oct issued 0 redeemed 250 out 450−250 = 250; Nov refunded 20 out 230; Dec issued 7 out 237
//
// A second member overdraws: earn 10 on 2026-10-01, redeem 15 on 10-02 → overdraft 5;
// earn 8 on 11-01 repays 5 and holds 3 (expires 2027-12-31).
func TestPointsByHand(t *testing.T) {
	asOf := CivilDay(2026, 12, 15)
	c := NewInsightCalc(InsightConfig{AsOf: asOf, Months: 3, Expiry: DefaultExpiry()})
	reg := CivilDay(2024, 1, 1)
	c.Add(0, tHist(reg, tE(CivilDay(2024, 3, 1), KindPurchase, 10000), tE(CivilDay(2025, 6, 1), KindPurchase, 30099),
		tE(CivilDay(2026, 2, 1), KindPurchase, 20000), tE(CivilDay(2026, 10, 5), KindRedeem, 250),
		tE(CivilDay(2026, 11, 1), KindRefund, 2000), tE(CivilDay(2026, 12, 1), KindPurchase, 700)))
	p := c.Result().Points
	if p.Outstanding != 237 || p.Overdrawn != 0 || p.Expiring != [3]int64{30, 30, 30} || p.ExpiringMembers != [3]int64{1, 1, 1} {
		t.Fatalf("points %+v", p)
	}
	want := []PointsMonth{
		{Month: MonthOf(CivilDay(2026, 10, 1)), Redeemed: 250, Outstanding: 250},
		{Month: MonthOf(CivilDay(2026, 11, 1)), Refunded: 20, Outstanding: 230},
		{Month: MonthOf(CivilDay(2026, 12, 1)), Issued: 7, Outstanding: 237},
	}
	if !reflect.DeepEqual(p.Months, want) {
		t.Fatalf("months\n got %+v\nwant %+v", p.Months, want)
	}

	c = NewInsightCalc(InsightConfig{AsOf: asOf, Months: 3, Expiry: DefaultExpiry()})
	c.Add(0, tHist(reg, tE(CivilDay(2026, 10, 1), KindPurchase, 1000), tE(CivilDay(2026, 10, 2), KindRedeem, 15)))
	if p := c.Result().Points; p.Overdrawn != 5 || p.Outstanding != 0 || p.Months[0].Outstanding != 0 {
		t.Fatalf("overdraft %+v", p)
	}
	c = NewInsightCalc(InsightConfig{AsOf: asOf, Months: 3, Expiry: DefaultExpiry()})
	c.Add(0, tHist(reg, tE(CivilDay(2026, 10, 1), KindPurchase, 1000), tE(CivilDay(2026, 10, 2), KindRedeem, 15),
		tE(CivilDay(2026, 11, 1), KindPurchase, 800)))
	if p := c.Result().Points; p.Overdrawn != 0 || p.Outstanding != 3 || p.Months[1].Outstanding != 3 || p.Months[1].Issued != 8 {
		t.Fatalf("repaid %+v", p)
	}
}

// TestPointsExpiryInSeries: a lot lapsing inside the series is booked as
// expired in its month; rolling rules expire day by day.
func TestPointsExpiryInSeries(t *testing.T) {
	asOf := CivilDay(2026, 1, 20)
	reg := CivilDay(2024, 1, 1)
	h := tHist(reg, tE(CivilDay(2024, 5, 1), KindPurchase, 4000), tE(CivilDay(2025, 5, 1), KindPurchase, 1000))
	c := NewInsightCalc(InsightConfig{AsOf: asOf, Months: 2, Expiry: DefaultExpiry()})
	c.Add(0, h)
	p := c.Result().Points
	// 40 from 2024 lapse at the end of 2025-12-31 (month 2025-12); 10 from 2025 held.
	if p.Months[0].Expired != 40 || p.Months[0].Outstanding != 10 || p.Months[1].Outstanding != 10 || p.Outstanding != 10 {
		t.Fatalf("year-end %+v", p)
	}
	c = NewInsightCalc(InsightConfig{AsOf: asOf, Months: 2, Expiry: ExpiryRule{Kind: ExpireAfterDays, N: 270}})
	c.Add(0, h)
	p = c.Result().Points
	// 2025-05-01 + 270 = 2026-01-26: in 6 days.
	if p.Outstanding != 10 || p.Expiring != [3]int64{10, 10, 10} || p.Months[0].Expired != 0 {
		t.Fatalf("rolling %+v", p)
	}
	c = NewInsightCalc(InsightConfig{AsOf: asOf, Months: 2, Expiry: ExpiryRule{Kind: ExpireNever}})
	c.Add(0, h)
	if p := c.Result().Points; p.Outstanding != 50 || p.Expiring != [3]int64{} {
		t.Fatalf("never %+v", p)
	}
}

func TestExpiryRule(t *testing.T) {
	tests := []struct {
		s    string
		d    Day
		want Day
	}{
		{"year-end+1", CivilDay(2026, 1, 1), CivilDay(2027, 12, 31)},
		{"year-end+1", CivilDay(2026, 12, 31), CivilDay(2027, 12, 31)},
		{"year-end+0", CivilDay(2026, 3, 3), CivilDay(2026, 12, 31)},
		{"days:365", CivilDay(2026, 3, 3), CivilDay(2027, 3, 3)},
		{"never", CivilDay(2026, 3, 3), neverDay},
	}
	for _, tc := range tests {
		r, err := ParseExpiry(tc.s)
		if err != nil || r.Expires(tc.d) != tc.want || r.String() != tc.s {
			t.Errorf("%s: %v %v %v", tc.s, err, r.Expires(tc.d), r)
		}
	}
	for _, bad := range []string{"", "year-end", "days:-1", "year-end+x", "monthly"} {
		if _, err := ParseExpiry(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if DefaultExpiry().String() != "year-end+1" {
		t.Fatal("default")
	}
}

// TestTierRiskByHand as of D = 2026-06-30; window D−364 … D; day D−364 leaves
// on D+1, day D−335 on D+30.
func TestTierRiskByHand(t *testing.T) {
	D := tD
	reg := D - 1000
	tests := []struct {
		name   string
		h      *MemberHistory
		growth int64
		drop   int
		keep   int64
		ok     bool
	}{
		// 1500 ages out on D+10 (day D−355): 2100 → 600, below silver 2000.
		{"drops on day 10", tHist(reg, tE(D-355, KindPurchase, 150000), tE(D-10, KindPurchase, 60000)), 2100, 10, 1400, true},
		// The same 1500 earned on D−334 leaves on D+31: outside the horizon.
		{"drops on day 31", tHist(reg, tE(D-334, KindPurchase, 150000), tE(D-10, KindPurchase, 60000)), 2100, 0, 0, false},
		// The day leaving first holds a refund: growth rises, then falls.
		// −100 + 150 + 1990 = 2040 → 2140 on D+1 → 1990 on D+2.
		{"refund ages out first", tHist(reg, tE(D-364, KindRefund, 10000), tE(D-363, KindPurchase, 15000),
			tE(D-10, KindPurchase, 199000)), 2040, 2, 10, true},
		{"regular never at risk", tHist(reg, tE(D-360, KindPurchase, 150000)), 1500, 0, 0, false},
		// Registration bonus ages out: reg D−350 leaves on D+15; 1900+100 = 2000 → 1900.
		{"registration bonus", tHist(D-350, tE(D-10, KindPurchase, 190000)), 2000, 15, 100, true},
		{"after d ignored", tHist(reg, tE(D-355, KindPurchase, 150000), tE(D-10, KindPurchase, 60000), tE(D+1, KindPurchase, 999900)), 2100, 10, 1400, true},
	}
	for _, tc := range tests {
		g, drop, keep, ok := EvaluateTierRisk(tc.h, D, 30)
		if g != tc.growth || drop != tc.drop || keep != tc.keep || ok != tc.ok {
			t.Errorf("%s: got %d %d %d %v, want %d %d %d %v", tc.name, g, drop, keep, ok, tc.growth, tc.drop, tc.keep, tc.ok)
		}
		if g != GrowthValue(tc.h, D) {
			t.Errorf("%s: growth %d != GrowthValue %d", tc.name, g, GrowthValue(tc.h, D))
		}
	}
}

// TestTierRiskAgainstGrowthValue: for random members, the drop day is the
// first k ≤ 30 with TierOf(GrowthValue(h, D+k)) below the tier at D, when
// nothing happens after D.
func TestTierRiskAgainstGrowthValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, m := range tRandomPopulation(rng, 2000, tD) {
		var evs []tEv
		for _, e := range m.evs {
			if e.d <= tD {
				evs = append(evs, e)
			}
		}
		if m.reg > tD {
			continue
		}
		h := tHist(m.reg, evs...)
		_, drop, keep, ok := EvaluateTierRisk(h, tD, 30)
		t0 := TierOf(GrowthValue(h, tD))
		want := 0
		low := int64(1 << 62)
		for k := 1; k <= 30; k++ {
			g := GrowthValue(h, tD+Day(k))
			if TierOf(g) < t0 && want == 0 {
				want = k
			}
			low = min(low, g)
		}
		if drop != want || ok != (want > 0) {
			t.Fatalf("member %+v: drop %d, want %d", m, drop, want)
		}
		if ok && keep != TierThresholds[t0]-low {
			t.Fatalf("member %+v: keep %d, want %d", m, keep, TierThresholds[t0]-low)
		}
	}
}

func TestNearUpgrade(t *testing.T) {
	tests := []struct {
		g    int64
		pct  int
		next Tier
		need int64
		ok   bool
	}{
		{1800, 10, TierSilver, 200, true},
		{1799, 10, TierSilver, 201, false},
		{9000, 10, TierGold, 1000, true},
		{60000, 10, TierDiamond, 0, false},
		{1999, 0, TierSilver, 1, false},
	}
	for _, tc := range tests {
		next, need, ok := NearUpgrade(tc.g, tc.pct)
		if next != tc.next || need != tc.need || ok != tc.ok {
			t.Errorf("%d/%d: %v %d %v", tc.g, tc.pct, next, need, ok)
		}
	}
}

// TestInsightLists: risk and near lists sorted, counted by tier, merged.
func TestInsightLists(t *testing.T) {
	D := tD
	reg := D - 1000
	cfg := DefaultInsightConfig(D)
	a, b := NewInsightCalc(cfg), NewInsightCalc(cfg)
	a.Add(5, tHist(reg, tE(D-355, KindPurchase, 150000), tE(D-10, KindPurchase, 60000))) // risk, 10 days
	b.Add(2, tHist(reg, tE(D-360, KindPurchase, 150000), tE(D-10, KindPurchase, 60000))) // risk, 5 days
	b.Add(7, tHist(reg, tE(D-10, KindPurchase, 185000)))                                 // near silver, 150
	a.Add(9, tHist(D+3, tE(D+3, KindPurchase, 185000)))                                  // after as-of: nowhere
	a.Merge(b)
	in := a.Result()
	if len(in.TierRisk) != 2 || in.TierRisk[0].Seq != 2 || in.TierRisk[1].Seq != 5 || in.RiskByTier[TierSilver] != 2 {
		t.Fatalf("risk %+v", in.TierRisk)
	}
	if len(in.NearUpgrade) != 1 || in.NearUpgrade[0] != (NearUpgradeEntry{Seq: 7, Tier: TierRegular, Growth: 1850, Next: TierSilver, Need: 150}) {
		t.Fatalf("near %+v", in.NearUpgrade)
	}
}

func TestBirthday(t *testing.T) {
	tests := []struct {
		s    string
		ok   bool
		d    Day
		days int
	}{
		{"03-05", true, CivilDay(2026, 3, 5), 0},
		{"1990-03-05", true, CivilDay(2026, 3, 4), 1},
		{"03/05", true, CivilDay(2026, 3, 6), 364},
		{"02-29", true, CivilDay(2026, 2, 27), 1},  // falls on 02-28 in 2026
		{"02-29", true, CivilDay(2027, 12, 1), 90}, // 2028 is leap: 2028-02-29
		{"12-31", true, CivilDay(2026, 12, 31), 0},
		{"04-31", false, 0, -1},
		{"", false, 0, -1},
		{"13-01", false, 0, -1},
		{"ab-cd", false, 0, -1},
	}
	for _, tc := range tests {
		b, ok := BirthdayOf(tc.s)
		if ok != tc.ok || b.DaysUntil(tc.d) != tc.days {
			t.Errorf("%q: %v %v %d, want %v %d", tc.s, b, ok, b.DaysUntil(tc.d), tc.ok, tc.days)
		}
	}
}

// BenchmarkInsightCalc is one insight pass over 1,000,000 synthetic members
// on one core (the store splits it over the cores); ns/member per member.
func BenchmarkInsightCalc(b *testing.B) {
	pop := benchMembers()
	cfg := DefaultInsightConfig(tD)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c := NewInsightCalc(cfg)
		for i := range pop {
			c.Add(uint32(i), &pop[i])
		}
		_ = c.Result()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pop)), "ns/member")
}

// BenchmarkBreakdownCalc is one breakdown pass by stage over 1,000,000
// synthetic members on one core.
func BenchmarkBreakdownCalc(b *testing.B) {
	pop := benchMembers()
	w := Window{tD - 29, tD}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c := NewBreakdownCalc(DefaultRules(), w, ByStage)
		for i := range pop {
			c.Add(&pop[i], 0)
		}
		_ = c.Result()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pop)), "ns/member")
}

func TestKPIValue(t *testing.T) {
	k := KPIs{MembersTotal: 9, GMVFen: 1234, Orders: 2, AOV: Ratio{1234, 2}, RetentionD7: Ratio{1, 3}}
	for _, key := range KPIKeys {
		n, r, isRatio, ok := KPIValue(k, key)
		if !ok || isRatio != (IsRatioKPI(key) || key == "aov") || isRatio == IsAdditiveKPI(key) {
			t.Fatalf("%s: %d %v %v %v", key, n, r, isRatio, ok)
		}
	}
	if n, _, _, _ := KPIValue(k, "gmv"); n != 1234 {
		t.Fatal("gmv")
	}
	if _, r, _, _ := KPIValue(k, "retention_d7"); r != (Ratio{1, 3}) {
		t.Fatal("retention_d7")
	}
	if _, _, _, ok := KPIValue(k, "dau"); ok {
		t.Fatal("dau is no window KPI")
	}
}

// TestTierRiskHorizonsAgainstGrowthValue is TestTierRiskAgainstGrowthValue
// over other horizons (none, a day, a week, a quarter, a year less a day),
// with keep against the lowest raw growth of the horizon (not floored at 0:
// after refunds a member may need more than the threshold to stay).
func TestTierRiskHorizonsAgainstGrowthValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pop := tRandomPopulation(rng, 600, tD)
	raw := func(h *MemberHistory, d Day) int64 { // GrowthValue before the floor
		lo := d - (growthWindow - 1)
		var g int64
		for i := range h.Days {
			if a := &h.Days[i]; a.Day >= lo && a.Day <= d {
				g += dayGrowth(a)
			}
		}
		if h.Reg >= lo && h.Reg <= d {
			g += growthRegister
		}
		return g
	}
	for _, hz := range []int{0, 1, 7, 90, 364} {
		for _, m := range pop {
			if m.reg > tD {
				continue
			}
			var evs []tEv
			for _, e := range m.evs {
				if e.d <= tD {
					evs = append(evs, e)
				}
			}
			h := tHist(m.reg, evs...)
			g, drop, keep, ok := EvaluateTierRisk(h, tD, hz)
			if g != GrowthValue(h, tD) {
				t.Fatalf("horizon %d member %+v: growth %d, want %d", hz, m, g, GrowthValue(h, tD))
			}
			t0 := TierOf(g)
			want, low := 0, raw(h, tD)
			for k := 1; k <= hz; k++ {
				if TierOf(GrowthValue(h, tD+Day(k))) < t0 && want == 0 {
					want = k
				}
				low = min(low, raw(h, tD+Day(k)))
			}
			if drop != want || ok != (want > 0) {
				t.Fatalf("horizon %d member %+v: drop %d, want %d", hz, m, drop, want)
			}
			if ok && keep != TierThresholds[t0]-low {
				t.Fatalf("horizon %d member %+v: keep %d, want %d", hz, m, keep, TierThresholds[t0]-low)
			}
		}
	}
}

// refLapse and refPointsAdd are the points ledger as it was before the lots
// got a head index and a debit's change was booked once: the reference of
// TestPointsLedgerAgainstReference.

// refLapse (the reference) expires the lots whose expiry day is before d (they lapsed at the
// end of that day, in its month) and returns what remains.
func refLapse(c *pointsCalc, lots []pointsLot, d Day, mt *monthTable) []pointsLot {
	n := 0
	for n < len(lots) && lots[n].e < d {
		c.book(c.expired, lots[n].e, lots[n].amt, mt)
		c.bookDelta(lots[n].e, -lots[n].amt, mt)
		n++
	}
	if n == 0 {
		return lots
	}
	return lots[:copy(lots, lots[n:])]
}

// refPointsAdd runs one member's ledger. Only days that move points are looked at;
// lots are lapsed before a debit (which takes the oldest first) and at the
// end, which books every expiry in the month of its day all the same.
func refPointsAdd(c *pointsCalc, h *MemberHistory, mt *monthTable) {
	lots := c.lots[:0]
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
				if n := len(lots); n > 0 && lots[n-1].e == e {
					lots[n-1].amt += keep
				} else {
					lots = append(lots, pointsLot{e, keep})
				}
				c.bookDelta(d, keep, mt)
			}
		}
		if debit == 0 {
			continue
		}
		if i >= 0 {
			c.refunded[i] += a.RefundPoints
			c.redeemed[i] += a.Redeemed
		}
		if len(lots) > 0 && lots[0].e < d {
			lots = refLapse(c, lots, d, mt)
		}
		take := debit
		for take > 0 && len(lots) > 0 {
			t := min(take, lots[0].amt)
			lots[0].amt -= t
			take -= t
			c.bookDelta(d, -t, mt)
			if lots[0].amt == 0 {
				lots = lots[:copy(lots, lots[1:])]
			}
		}
		debt += take
	}
	lots = refLapse(c, lots, c.asOf+1, mt)
	var held int64
	var exp [3]int64
	for _, l := range lots {
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

// TestPointsLedgerAgainstReference: on random members, under every kind of
// expiry rule and at several as-of days, the points liability equals the
// reference ledger's.
func TestPointsLedgerAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pop := tRandomPopulation(rng, 1500, tD)
	for _, rule := range []ExpiryRule{DefaultExpiry(), {Kind: ExpireYearEnd}, {Kind: ExpireAfterDays, N: 90}, {Kind: ExpireAfterDays}, {Kind: ExpireNever}} {
		for _, asOf := range []Day{tD, tD - 45, tD - 400} {
			got, want := newPointsCalc(asOf, 12, rule), newPointsCalc(asOf, 12, rule)
			mt := newMonthTable(MonthOf(asOf)-11, asOf)
			for _, m := range pop {
				h := tHist(m.reg, m.evs...)
				got.add(h, &mt)
				refPointsAdd(&want, h, &mt)
			}
			if g, w := got.result(), want.result(); !reflect.DeepEqual(g, w) {
				t.Fatalf("%v as of %v:\n got %+v\nwant %+v", rule, asOf, g, w)
			}
			if g := got.result(); g.Months[11].Issued == 0 || (g.Outstanding == 0 && rule.Kind != ExpireAfterDays) {
				t.Fatalf("%v as of %v: a weak case %+v", rule, asOf, g)
			}
		}
	}
}
