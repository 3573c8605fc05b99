package model

import (
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestKPIKeys(t *testing.T) {
	want := "members_total,new_members,active_members,active_rate,buyers,repurchase_rate,orders,gmv,refunds,aov,upgrade_rate,retention_d1,retention_d7,retention_d30,points_redemption_rate"
	if got := strings.Join(KPIKeys, ","); got != want {
		t.Fatalf("KPIKeys = %s", got)
	}
	ratios := map[string]bool{"active_rate": true, "repurchase_rate": true, "upgrade_rate": true,
		"retention_d1": true, "retention_d7": true, "retention_d30": true, "points_redemption_rate": true}
	for _, k := range KPIKeys {
		if IsRatioKPI(k) != ratios[k] {
			t.Errorf("IsRatioKPI(%q) = %v", k, IsRatioKPI(k))
		}
	}
	if IsRatioKPI("aov") || IsRatioKPI("nonsense") {
		t.Error("aov/unknown are not rates")
	}
}

// TestSnapshotPopulation is the whole calculation on a small population
// worked out by hand. Window June 2026: from F = 06-01 = T−29, to T = 06-30;
// from−1 = T−30 (the upgrade rate's "before" day). Growth windows:
// at T: T−364 … T; at T−30: T−394 … T−30.
//
// M1 loyal buyer, reg T−400 (no bonus in either window)
//
//	T−380 purchase 1500.00   (in the T−30 window only)
//	T−100 purchase  600.00
//	T−20  purchase  300.50, signin          (window)
//	T−5   purchase  100.00, redeem 200 pts  (window)
//	T−2   login                             (window)
//	growth T: 600+300+5+100 = 1005 regular; T−30: 1500+600 = 2100 silver (a drop, not an upgrade)
//	status: last active T−2, 4 purchases > 2 → maturity; spend 250050; points 1500+600+300+100−200 = 2300
//	window: 2 purchases (buyer, repeat), gmv 40050, issued 400, redeemed 200, active
//
// M2 upgrader, reg T−200 (bonus in both windows)
//
//	T−50  purchase 1800.00
//	T−10  invite, review, purchase 50.00    (window)
//	growth T: 100+1800+200+20+50 = 2170 silver; T−30: 100+1800 = 1900 regular → upgrade
//	status: last active T−10, 2 purchases, spend 185000 > 50000 → maturity; points 1850
//	window: 1 purchase (buyer), gmv 5000, issued 50, active
//
// M3 new in window, reg T−27 = F+2
//
//	T−27 register; T−26 login (reg+1); T−20 (reg+7) signin ×2, invite ×10
//	growth T: 100 + 5 (two check-ins, one day) + 2000 = 2105 silver — but it did not exist at T−30, so
//	it is in neither side of the upgrade rate
//	window: login 1 + signin 2 = 3 events → active (no purchase)
//	retention: d1 yes (T−26), d7 yes (T−20); d30 not eligible (T−27 > T−30)
//	status: last active T−20, inactive 20, no purchase → introduction
//
// M4 new in window, reg T−10, register only; a purchase on T+1 is after `to` and ignored
//
//	retention: d1 eligible, no event on T−9; d7 eligible, no event on T−3 → neither
//	status: inactive 10, introduction, growth 100 regular
//
// M5 churned, reg T−300
//
//	T−120 purchase 600.00; T−95 refund 150.00
//	status: last active T−95, inactive 95 → churned; spend 45000; points 450; growth 100+600−150 = 550 both days
//
// M6 refund in window, reg T−150
//
//	T−60 purchase 300.00 and 200.01 (spend 50001, 2 purchases); T−40 login; T−25 refund 0.02 (window)
//	status: last active T−25, inactive 25; 2 purchases, spend 49999 → growth (was maturity before the refund)
//	growth 100+300+200−0 = 600 both days, regular; points 500; window: refunds 2 fen, not active
//
// M7 silent, reg T−70: T−70 register, T−45 browse, T−40 signin, T−35 login (all before the window)
//
//	status: inactive 35 → silent; growth 105 regular both days; not active (its login/signin is outside)
//
// M8 registered T+5 (after to), purchase T+6: does not exist, counts nowhere.
func TestSnapshotPopulation(t *testing.T) {
	T := CivilDay(2026, 6, 30)
	F := CivilDay(2026, 6, 1)
	if F != T-29 {
		t.Fatal("calendar")
	}
	members := []struct {
		h    *MemberHistory
		ok   bool
		want MemberStatus
	}{
		{tHist(T-400, tE(T-400, KindRegister, 0), tE(T-380, KindPurchase, 150000), tE(T-100, KindPurchase, 60000),
			tE(T-20, KindPurchase, 30050), tE(T-20, KindSignin, 0), tE(T-5, KindPurchase, 10000), tE(T-5, KindRedeem, 200),
			tE(T-2, KindLogin, 0)), true,
			MemberStatus{LastActive: T - 2, InactiveDays: 2, Purchases: 4, SpendFen: 250050, LastPurchase: T - 5,
				Growth: 1005, Tier: TierRegular, Points: 2300, Stage: StageMaturity}},
		{tHist(T-200, tE(T-200, KindRegister, 0), tE(T-50, KindPurchase, 180000),
			tE(T-10, KindInvite, 0), tE(T-10, KindReview, 0), tE(T-10, KindPurchase, 5000)), true,
			MemberStatus{LastActive: T - 10, InactiveDays: 10, Purchases: 2, SpendFen: 185000, LastPurchase: T - 10,
				Growth: 2170, Tier: TierSilver, Points: 1850, Stage: StageMaturity}},
		{tHist(T-27, tE(T-27, KindRegister, 0), tE(T-26, KindLogin, 0), tE(T-20, KindSignin, 0), tE(T-20, KindSignin, 0),
			tE(T-20, KindInvite, 0), tE(T-20, KindInvite, 0), tE(T-20, KindInvite, 0), tE(T-20, KindInvite, 0),
			tE(T-20, KindInvite, 0), tE(T-20, KindInvite, 0), tE(T-20, KindInvite, 0), tE(T-20, KindInvite, 0),
			tE(T-20, KindInvite, 0), tE(T-20, KindInvite, 0)), true,
			MemberStatus{LastActive: T - 20, InactiveDays: 20, Growth: 2105, Tier: TierSilver, Stage: StageIntroduction}},
		{tHist(T-10, tE(T-10, KindRegister, 0), tE(T+1, KindPurchase, 99900)), true,
			MemberStatus{LastActive: T - 10, InactiveDays: 10, Growth: 100, Tier: TierRegular, Stage: StageIntroduction}},
		{tHist(T-300, tE(T-300, KindRegister, 0), tE(T-120, KindPurchase, 60000), tE(T-95, KindRefund, 15000)), true,
			MemberStatus{LastActive: T - 95, InactiveDays: 95, Purchases: 1, SpendFen: 45000, LastPurchase: T - 120,
				Growth: 550, Tier: TierRegular, Points: 450, Stage: StageChurned}},
		{tHist(T-150, tE(T-150, KindRegister, 0), tE(T-60, KindPurchase, 30000), tE(T-60, KindPurchase, 20001),
			tE(T-40, KindLogin, 0), tE(T-25, KindRefund, 2)), true,
			MemberStatus{LastActive: T - 25, InactiveDays: 25, Purchases: 2, SpendFen: 49999, LastPurchase: T - 60,
				Growth: 600, Tier: TierRegular, Points: 500, Stage: StageGrowth}},
		{tHist(T-70, tE(T-70, KindRegister, 0), tE(T-45, KindBrowse, 0), tE(T-40, KindSignin, 0), tE(T-35, KindLogin, 0)), true,
			MemberStatus{LastActive: T - 35, InactiveDays: 35, Growth: 105, Tier: TierRegular, Stage: StageSilent}},
		{tHist(T+5, tE(T+5, KindRegister, 0), tE(T+6, KindPurchase, 10000), tE(T-3, KindPurchase, 10000)), false,
			MemberStatus{}},
	}
	r := DefaultRules()
	c := NewCalc(r, Window{F, T})
	for i, m := range members {
		st, ok := c.Add(m.h)
		if ok != m.ok || st != m.want {
			t.Errorf("M%d: Add = %+v, %v\n                  want %+v, %v", i+1, st, ok, m.want, m.ok)
		}
		if ok {
			if ev := r.Evaluate(m.h, T); ev != st {
				t.Errorf("M%d: Evaluate %+v differs from Add", i+1, ev)
			}
		}
	}
	// M6 before its refund (T−26): spend 50001 > 500 yuan → maturity.
	if st := r.Evaluate(members[5].h, T-26); st.Stage != StageMaturity || st.SpendFen != 50001 {
		t.Errorf("M6 at T−26: %+v", st)
	}

	// RFM over the buyers up to T: M1 (R 5, F 4, M 250050), M2 (10, 2, 185000),
	// M5 (120, 1, 45000), M6 (60, 2, 49999). N 4, ΣR 195, ΣF 9, ΣM 530049.
	//   M1: 20 ≤ 195 H, 16 ≥ 9 H, 1000200 ≥ 530049 H → important_value
	//   M2: 40 ≤ 195 H,  8 < 9 L,  740000 ≥ 530049 H → important_develop
	//   M5: 480 > 195 L, 4 < 9 L,  180000 < 530049 L → general_retain
	//   M6: 240 > 195 L, 8 < 9 L,  199996 < 530049 L → general_retain
	want := Snapshot{
		Window:   Window{F, T},
		Stages:   [NumStages]int64{StageIntroduction: 2, StageGrowth: 1, StageMaturity: 2, StageSilent: 1, StageChurned: 1},
		Tiers:    [NumTiers]int64{TierRegular: 5, TierSilver: 2},
		RFM:      [NumSegments]int64{ImportantValue: 1, ImportantDevelop: 1, GeneralRetain: 2},
		RFMSpend: [NumSegments]int64{ImportantValue: 250050, ImportantDevelop: 185000, GeneralRetain: 94999},
		Means:    RFMMeans{N: 4, SumR: 195, SumF: 9, SumM: 530049},
		KPIs: KPIs{
			MembersTotal:   7,               // M1–M7
			NewMembers:     2,               // M3, M4
			ActiveMembers:  3,               // M1, M2 (purchases), M3 (3 login/signin events)
			ActiveRate:     Ratio{3, 7},     //
			Buyers:         2,               // M1, M2
			RepurchaseRate: Ratio{1, 2},     // M1
			Orders:         3,               // M1 ×2, M2 ×1
			GMVFen:         45050,           // 30050 + 10000 + 5000
			RefundsFen:     2,               // M6
			AOV:            Ratio{45050, 3}, // 150.17 yuan
			UpgradeRate:    Ratio{1, 5},     // M2 of M1, M2, M5, M6, M7 (M3, M4 registered in the window)
			RetentionD1:    Ratio{1, 2},     // M3 of M3, M4
			RetentionD7:    Ratio{1, 2},     // M3 of M3 (T−27), M4 (T−10 ≤ T−7)
			RetentionD30:   Ratio{0, 0},     // [F, T−30] is empty
			// redeemed 200 (M1) / issued 300 + 100 (M1) + 50 (M2)
			PointsRedemptionRate: Ratio{200, 450},
		},
	}
	got := c.Result()
	if got != want {
		t.Errorf("Result:\n got %+v\nwant %+v", got, want)
	}
	if again := c.Result(); again != got {
		t.Error("Result is not repeatable")
	}
	b, err := json.Marshal(got.KPIs)
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"ActiveRate":0.428571`, `"AOV":15016.666667`, `"RetentionD30":null`, `"PointsRedemptionRate":0.444444`} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("JSON %s lacks %s", b, frag)
		}
	}
}

func TestCalcZeroDenominators(t *testing.T) {
	// No members at all: every ratio is undefined and null in JSON.
	s := NewCalc(DefaultRules(), Window{tD - 29, tD}).Result()
	k := s.KPIs
	ratios := map[string]Ratio{"active_rate": k.ActiveRate, "repurchase_rate": k.RepurchaseRate, "aov": k.AOV,
		"upgrade_rate": k.UpgradeRate, "retention_d1": k.RetentionD1, "retention_d7": k.RetentionD7,
		"retention_d30": k.RetentionD30, "points_redemption_rate": k.PointsRedemptionRate}
	for name, r := range ratios {
		b, _ := json.Marshal(r)
		if r.Valid() || r.Float() != 0 || string(b) != "null" {
			t.Errorf("%s = %+v (%s), want undefined", name, r, b)
		}
	}
	// One old member, no purchases in the window, registered before it: the
	// member-based rates are defined (0/1), the order-based ones and the
	// retention ones are not.
	c := NewCalc(DefaultRules(), Window{tD - 29, tD})
	c.Add(tHist(tD-100, tE(tD-100, KindRegister, 0), tE(tD-3, KindLogin, 0)))
	k = c.Result().KPIs
	if k.ActiveRate != (Ratio{0, 1}) || k.UpgradeRate != (Ratio{0, 1}) {
		t.Errorf("active %+v upgrade %+v", k.ActiveRate, k.UpgradeRate)
	}
	for name, r := range map[string]Ratio{"repurchase": k.RepurchaseRate, "aov": k.AOV, "points": k.PointsRedemptionRate,
		"d1": k.RetentionD1, "d7": k.RetentionD7, "d30": k.RetentionD30} {
		if r.Valid() {
			t.Errorf("%s = %+v, want undefined", name, r)
		}
	}
}

func TestRetentionWindows(t *testing.T) {
	// Window of 5 days [T−4, T]. Members registered on each day, each with a
	// login exactly 1 day later (if ≤ T).
	// d1: eligible reg in [T−4, T−1] = 4 members; each has its reg+1 login → 4/4.
	// d7: [T−4, T−7] empty → undefined. d30: empty → undefined.
	T := tD
	c := NewCalc(DefaultRules(), Window{T - 4, T})
	for reg := T - 4; reg <= T; reg++ {
		c.Add(tHist(reg, tE(reg, KindRegister, 0), tE(reg+1, KindLogin, 0)))
	}
	k := c.Result().KPIs
	if k.RetentionD1 != (Ratio{4, 4}) || k.RetentionD7.Valid() || k.RetentionD30.Valid() {
		t.Errorf("d1 %+v d7 %+v d30 %+v", k.RetentionD1, k.RetentionD7, k.RetentionD30)
	}
	// Window [T−40, T]: registrations on T−40 (returns on +1, +7, +30 with a
	// browse, a signin, a purchase), T−30 (returns only on +7, and on +30 = T
	// with a register event only, which does not count), T−29 (not d30-eligible:
	// T−29 > T−30), T−7 (d7-eligible, returns on +6 and +8 only: no), T (d1 not eligible).
	// Also T−41: registered before the window, returns on +1 — not counted.
	// d1: eligible T−40, T−30, T−29, T−7 → returned: T−40 → 1/4.
	// d7: eligible T−40, T−30, T−29, T−7 → returned: T−40, T−30 → 2/4.
	// d30: eligible T−40, T−30 → returned: T−40 → 1/2.
	c = NewCalc(DefaultRules(), Window{T - 40, T})
	c.Add(tHist(T-40, tE(T-39, KindBrowse, 0), tE(T-33, KindSignin, 0), tE(T-10, KindPurchase, 100)))
	c.Add(tHist(T-30, tE(T-23, KindShare, 0), tE(T, KindRegister, 0)))
	c.Add(tHist(T - 29))
	c.Add(tHist(T-7, tE(T-1, KindLogin, 0), tE(T+1, KindLogin, 0)))
	c.Add(tHist(T, tE(T, KindRegister, 0)))
	c.Add(tHist(T-41, tE(T-40, KindLogin, 0)))
	k = c.Result().KPIs
	if k.RetentionD1 != (Ratio{1, 4}) || k.RetentionD7 != (Ratio{2, 4}) || k.RetentionD30 != (Ratio{1, 2}) {
		t.Errorf("d1 %+v d7 %+v d30 %+v", k.RetentionD1, k.RetentionD7, k.RetentionD30)
	}
	if k.NewMembers != 5 || k.MembersTotal != 6 {
		t.Errorf("new %d total %d", k.NewMembers, k.MembersTotal)
	}
}

func TestUpgradeRate(t *testing.T) {
	// Window [F, T] = [T−29, T]; "before" day P = T−30.
	T := tD
	F := T - 29
	c := NewCalc(DefaultRules(), Window{F, T})
	// A: registered on P itself: exists at P (growth 100, regular); buys
	// 1900 yuan in the window → 2000 at T, silver → upgraded. Counted.
	c.Add(tHist(F-1, tE(F-1, KindRegister, 0), tE(T-3, KindPurchase, 190000)))
	// B: registered on F (inside the window), reaches gold: not counted at all.
	c.Add(tHist(F, tE(F+1, KindPurchase, 1000000)))
	// C: registered long ago, silver at P (2000 yuan on P−300), still silver
	// at T (P−300 = T−330 is inside T−364 … T): no upgrade, counted.
	c.Add(tHist(T-1000, tE(F-1-300, KindPurchase, 200000)))
	// D: silver at P from 2000 yuan on P−364 (= T−394, out of T's window),
	// regular at T: a downgrade, counted in the denominator only.
	c.Add(tHist(T-1000, tE(F-1-364, KindPurchase, 200000)))
	// E: regular at P (1999), gold at T after +8001 → upgraded two tiers: one member.
	c.Add(tHist(T-1000, tE(T-100, KindPurchase, 199900), tE(T, KindPurchase, 800100)))
	// G: registered on P−364, the first day of P's growth window (+100 there,
	// gone by T): 1900 yuan on P−5 → 2000 at P, silver; at T 1900 + 100 yuan
	// bought in the window = 2000, still silver → no upgrade, counted.
	c.Add(tHist(F-1-364, tE(F-1-5, KindPurchase, 190000), tE(T-1, KindPurchase, 10000)))
	// Upgraded: A, E. Existing at P: A, C, D, E, G → 2/5.
	k := c.Result().KPIs
	if k.UpgradeRate != (Ratio{2, 5}) {
		t.Errorf("upgrade = %+v, want 2/5", k.UpgradeRate)
	}
}

func TestActiveRule(t *testing.T) {
	T := tD
	F := T - 29
	old := T - 500
	c := NewCalc(DefaultRules(), Window{F, T})
	// Two check-ins on one day and one login: 3 events → active.
	c.Add(tHist(old, tE(T-3, KindSignin, 0), tE(T-3, KindSignin, 0), tE(T-1, KindLogin, 0)))
	// Two check-ins on one day only: 2 → not active.
	c.Add(tHist(old, tE(T-3, KindSignin, 0), tE(T-3, KindSignin, 0)))
	// Three logins, one of them the day before the window: 2 → not active.
	c.Add(tHist(old, tE(F-1, KindLogin, 0), tE(F, KindLogin, 0), tE(T, KindLogin, 0)))
	// Browse/share events do not count toward the 3.
	c.Add(tHist(old, tE(T-3, KindBrowse, 0), tE(T-3, KindBrowse, 0), tE(T-3, KindShare, 0), tE(T-2, KindLogin, 0)))
	// One purchase on the last day → active (and a buyer).
	c.Add(tHist(old, tE(T, KindPurchase, 1)))
	// One purchase after `to` → not active.
	c.Add(tHist(old, tE(T+1, KindPurchase, 1)))
	k := c.Result().KPIs
	if k.ActiveMembers != 2 || k.ActiveRate != (Ratio{2, 6}) || k.Buyers != 1 || k.Orders != 1 || k.GMVFen != 1 {
		t.Errorf("%+v", k)
	}
}

func TestAddNotExisting(t *testing.T) {
	// Registered the day after `to`, with (odd) events inside the window:
	// the member does not exist as of `to` and counts nowhere.
	c := NewCalc(DefaultRules(), Window{tD - 29, tD})
	st, ok := c.Add(tHist(tD+1, tE(tD-5, KindPurchase, 10000), tE(tD-4, KindLogin, 0)))
	if ok || st != (MemberStatus{}) {
		t.Fatalf("Add = %+v, %v", st, ok)
	}
	if s := c.Result(); s != (Snapshot{Window: Window{tD - 29, tD}, KPIs: s.KPIs}) || s.KPIs != (KPIs{}) {
		t.Errorf("snapshot not empty: %+v", s)
	}
	// Registered on `to` itself exists.
	if _, ok := c.Add(tHist(tD)); !ok {
		t.Error("registered on to must exist")
	}
}

func TestAddDoesNotAllocate(t *testing.T) {
	c := NewCalc(DefaultRules(), Window{tD - 29, tD})
	nonBuyer := tHist(tD-100, tE(tD-100, KindRegister, 0), tE(tD-3, KindLogin, 0), tE(tD-2, KindSignin, 0))
	if n := testing.AllocsPerRun(1000, func() { c.Add(nonBuyer) }); n != 0 {
		t.Errorf("Add allocates %v per call", n)
	}
	buyer := tHist(tD-100, tE(tD-3, KindPurchase, 1000))
	if n := testing.AllocsPerRun(10000, func() { c.Add(buyer) }); n != 0 { // amortised growth rounds to 0
		t.Errorf("Add (buyer) allocates %v per call", n)
	}
}

func TestCalcMerge(t *testing.T) {
	pop := tRandomPopulation(rand.New(rand.NewPCG(7, 7)), 500, tD)
	w := Window{tD - 29, tD}
	all := NewCalc(DefaultRules(), w)
	a, b := NewCalc(DefaultRules(), w), NewCalc(DefaultRules(), w)
	for i, m := range pop {
		h := tHist(m.reg, m.evs...)
		all.Add(h)
		if i%3 == 0 {
			a.Add(h)
		} else {
			b.Add(h)
		}
	}
	a.Merge(b)
	if got, want := a.Result(), all.Result(); got != want {
		t.Errorf("merged\n%+v\nwant\n%+v", got, want)
	}
}

func TestCalcReset(t *testing.T) {
	pop := tRandomPopulation(rand.New(rand.NewPCG(9, 9)), 40000, tD)
	hs := make([]*MemberHistory, len(pop))
	for i, m := range pop {
		hs[i] = tHist(m.reg, m.evs...)
	}
	run := func(c *Calc) Snapshot {
		for _, h := range hs {
			c.Add(h)
		}
		return c.Result()
	}
	w1, w2 := Window{tD - 29, tD}, Window{tD - 6, tD}
	c := NewCalc(DefaultRules(), w1)
	first := run(c)
	c.Reset(DefaultRules(), w2) // a different window: nothing of the first pass remains
	if got, want := run(c), run(NewCalc(DefaultRules(), w2)); got != want {
		t.Errorf("after Reset:\n got %+v\nwant %+v", got, want)
	}
	c.Reset(DefaultRules(), w1)
	if got := run(c); got != first {
		t.Errorf("second pass differs")
	}
	// A reused Calc adds no memory for the same population.
	c.Reset(DefaultRules(), w1)
	if n := testing.AllocsPerRun(3, func() { c.Reset(DefaultRules(), w1); run(c) }); n != 0 {
		t.Errorf("reused pass allocates %v", n)
	}
}

func TestCalcEmptyWindow(t *testing.T) {
	// From > To: no window figures; stages and tiers still at To; no panic.
	c := NewCalc(DefaultRules(), Window{tD + 1, tD})
	st, ok := c.Add(tHist(tD-10, tE(tD-10, KindRegister, 0), tE(tD-2, KindPurchase, 2000)))
	if !ok || st.Stage != StageGrowth || st.Growth != 120 {
		t.Fatalf("status %+v", st)
	}
	k := c.Result().KPIs
	if k.Orders != 0 || k.Buyers != 0 || k.NewMembers != 0 || k.MembersTotal != 1 || k.UpgradeRate != (Ratio{0, 1}) {
		t.Errorf("%+v", k)
	}
}

// --- Reference implementation from raw events, straight from the contract text ---

type tMember struct {
	reg Day
	evs []tEv
}

func refGrowth(m tMember, d Day) int64 {
	lo := d - 364
	var g int64
	if m.reg >= lo && m.reg <= d {
		g += 100
	}
	signed := map[Day]bool{}
	for _, e := range m.evs {
		if e.d < lo || e.d > d {
			continue
		}
		switch e.k {
		case KindSignin:
			if !signed[e.d] {
				signed[e.d] = true
				g += 5
			}
		case KindInvite:
			g += 200
		case KindReview:
			g += 20
		case KindShare:
			g += 10
		case KindPurchase:
			g += e.amt / 100
		case KindRefund:
			g -= e.amt / 100
		}
	}
	return max(g, 0)
}

func refStatus(r Rules, m tMember, d Day) MemberStatus {
	var st MemberStatus
	found := false
	for _, e := range m.evs {
		if e.d > d {
			continue
		}
		if !found || e.d > st.LastActive {
			st.LastActive, found = e.d, true
		}
		switch e.k {
		case KindPurchase:
			st.Purchases++
			st.SpendFen += e.amt
			st.Points += e.amt / 100
			if e.d > st.LastPurchase || st.Purchases == 1 {
				st.LastPurchase = e.d
			}
		case KindRefund:
			st.SpendFen -= e.amt
			st.Points -= e.amt / 100
		case KindRedeem:
			st.Points -= e.amt
		}
	}
	if !found {
		st.LastActive = m.reg
	}
	st.InactiveDays = int(d - st.LastActive)
	st.Growth = refGrowth(m, d)
	st.Tier = TierOf(st.Growth)
	switch {
	case st.InactiveDays >= r.ChurnDays:
		st.Stage = StageChurned
	case st.InactiveDays >= r.SilentDays:
		st.Stage = StageSilent
	case st.Purchases > r.MaturityPurchases || st.SpendFen > r.MaturitySpendFen:
		st.Stage = StageMaturity
	case st.Purchases >= 1:
		st.Stage = StageGrowth
	default:
		st.Stage = StageIntroduction
	}
	return st
}

func refSnapshot(r Rules, pop []tMember, w Window) Snapshot {
	s := Snapshot{Window: w}
	k := &s.KPIs
	var upNum, upDen, repeat, issued, redeemed int64
	var retNum, retDen [3]int64
	type rfm struct{ r, f, m int64 }
	var buyers []rfm
	for _, m := range pop {
		if m.reg > w.To {
			continue
		}
		st := refStatus(r, m, w.To)
		k.MembersTotal++
		s.Stages[st.Stage]++
		s.Tiers[st.Tier]++
		if st.Purchases > 0 {
			buyers = append(buyers, rfm{int64(w.To - st.LastPurchase), st.Purchases, st.SpendFen})
		}
		if w.Contains(m.reg) {
			k.NewMembers++
		}
		var np, nls int64
		for _, e := range m.evs {
			if !w.Contains(e.d) {
				continue
			}
			switch e.k {
			case KindPurchase:
				np++
				k.GMVFen += e.amt
				issued += e.amt / 100
			case KindRefund:
				k.RefundsFen += e.amt
			case KindRedeem:
				redeemed += e.amt
			case KindLogin, KindSignin:
				nls++
			}
		}
		k.Orders += np
		if np >= 1 {
			k.Buyers++
		}
		if np >= 2 {
			repeat++
		}
		if np >= 1 || nls >= 3 {
			k.ActiveMembers++
		}
		if m.reg <= w.From-1 {
			upDen++
			if TierOf(refGrowth(m, w.To)) > TierOf(refGrowth(m, w.From-1)) {
				upNum++
			}
		}
		for i, n := range []Day{1, 7, 30} {
			if m.reg >= w.From && m.reg <= w.To-n {
				retDen[i]++
				for _, e := range m.evs {
					if e.d == m.reg+n && e.k != KindRegister {
						retNum[i]++
						break
					}
				}
			}
		}
	}
	k.ActiveRate = Ratio{k.ActiveMembers, k.MembersTotal}
	k.RepurchaseRate = Ratio{repeat, k.Buyers}
	k.AOV = Ratio{k.GMVFen, k.Orders}
	k.UpgradeRate = Ratio{upNum, upDen}
	k.RetentionD1 = Ratio{retNum[0], retDen[0]}
	k.RetentionD7 = Ratio{retNum[1], retDen[1]}
	k.RetentionD30 = Ratio{retNum[2], retDen[2]}
	k.PointsRedemptionRate = Ratio{redeemed, issued}
	// RFM with exact rational means.
	n := int64(len(buyers))
	s.Means.N = n
	for _, b := range buyers {
		s.Means.SumR += b.r
		s.Means.SumF += b.f
		s.Means.SumM += b.m
	}
	if n > 0 {
		mr := big.NewRat(s.Means.SumR, n)
		mf := big.NewRat(s.Means.SumF, n)
		mm := big.NewRat(s.Means.SumM, n)
		for _, b := range buyers {
			rh := new(big.Rat).SetInt64(b.r).Cmp(mr) <= 0
			fh := new(big.Rat).SetInt64(b.f).Cmp(mf) >= 0
			mh := new(big.Rat).SetInt64(b.m).Cmp(mm) >= 0
			var seg Segment
			switch {
			case rh && fh && mh:
				seg = ImportantValue
			case rh && !fh && mh:
				seg = ImportantDevelop
			case !rh && fh && mh:
				seg = ImportantKeep
			case !rh && !fh && mh:
				seg = ImportantRetain
			case rh && fh && !mh:
				seg = GeneralValue
			case rh && !fh && !mh:
				seg = GeneralDevelop
			case !rh && fh && !mh:
				seg = GeneralKeep
			default:
				seg = GeneralRetain
			}
			s.RFM[seg]++
			s.RFMSpend[seg] += b.m
		}
	}
	return s
}

// tRandomPopulation makes members whose events cluster on the days the rules
// care about (window edges, the growth windows' edges, reg+1/7/30).
func tRandomPopulation(rng *rand.Rand, n int, to Day) []tMember {
	pop := make([]tMember, n)
	for i := range pop {
		reg := to - Day(rng.IntN(800)) + 5
		if rng.IntN(5) == 0 { // registrations on the edges of the windows
			edges := []Day{to, to + 1, to - 1, to - 7, to - 29, to - 30, to - 31, to - 364, to - 365, to - 394, to - 395}
			reg = edges[rng.IntN(len(edges))]
		}
		m := tMember{reg: reg}
		if rng.IntN(4) > 0 {
			m.evs = append(m.evs, tE(reg, KindRegister, 0))
		}
		special := []Day{reg + 1, reg + 7, reg + 30, to, to + 1, to - 29, to - 30, to - 364, to - 365, to - 394, to - 395, reg - 2}
		for range rng.IntN(16) {
			var d Day
			if rng.IntN(3) == 0 {
				d = special[rng.IntN(len(special))]
			} else {
				d = reg - 3 + Day(rng.IntN(int(to-reg)+10))
			}
			k := Kind(rng.IntN(int(NumKinds)))
			var amt int64
			switch k {
			case KindPurchase:
				amt = rng.Int64N(120000)
			case KindRefund:
				amt = rng.Int64N(200000)
			case KindRedeem:
				amt = rng.Int64N(3000)
			}
			m.evs = append(m.evs, tE(d, k, amt))
		}
		pop[i] = m
	}
	return pop
}

func TestAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 2026))
	rules := []Rules{DefaultRules(), {ChurnDays: 60, SilentDays: 7, MaturityPurchases: 1, MaturitySpendFen: 10000}}
	windows := []Window{{tD - 29, tD}, {tD, tD}, {tD - 4, tD}, {tD - 6, tD}, {tD - 30, tD}, {tD - 399, tD}, {tD - 100, tD - 50}}
	for trial := range 40 {
		pop := tRandomPopulation(rng, 300, tD)
		r := rules[trial%len(rules)]
		for _, w := range windows {
			c := NewCalc(r, w)
			for _, m := range pop {
				h := tHist(m.reg, m.evs...)
				st, ok := c.Add(h)
				if ok != (m.reg <= w.To) {
					t.Fatalf("exists = %v for reg %v to %v", ok, m.reg, w.To)
				}
				if !ok {
					continue
				}
				if want := refStatus(r, m, w.To); st != want {
					t.Fatalf("trial %d window %v: status\n got %+v\nwant %+v\nmember %+v", trial, w, st, want, m)
				}
				if ev := r.Evaluate(h, w.To); ev != st {
					t.Fatalf("Evaluate %+v != Add %+v", ev, st)
				}
				if g := GrowthValue(h, w.From-1); g != refGrowth(m, w.From-1) {
					t.Fatalf("GrowthValue at from-1 = %d, want %d", g, refGrowth(m, w.From-1))
				}
			}
			got, want := c.Result(), refSnapshot(r, pop, w)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("trial %d window %v:\n got %+v\nwant %+v", trial, w, got, want)
			}
		}
	}
}

// --- Benchmark ---

var (
	benchOnce sync.Once
	benchPop  []MemberHistory
)

// benchMembers builds 1,000,000 synthetic histories with 8 day entries on
// average (4–12), all entries in one contiguous slab as a decoder would fill.
func benchMembers() []MemberHistory {
	benchOnce.Do(func() {
		const n = 1_000_000
		rng := rand.New(rand.NewPCG(1, 1))
		slab := make([]DayActivity, 0, n*8+n)
		benchPop = make([]MemberHistory, n)
		for i := range benchPop {
			reg := tD - Day(rng.IntN(730))
			k := 4 + rng.IntN(9)
			start := len(slab)
			d := reg
			for j := 0; j < k; j++ {
				if j > 0 {
					d += 1 + Day(rng.IntN(40))
				}
				a := DayActivity{Day: d}
				if j == 0 {
					a.Add(KindRegister, 0)
				}
				for range 1 + rng.IntN(3) {
					switch x := rng.IntN(10); {
					case x < 3:
						a.Add(KindLogin, 0)
					case x < 5:
						a.Add(KindBrowse, 0)
					case x < 6:
						a.Add(KindSignin, 0)
					case x < 8:
						a.Add(KindPurchase, rng.Int64N(60000))
					case x < 9:
						a.Add(Kind(int(KindInvite)+rng.IntN(3)), 0)
					default:
						if rng.IntN(2) == 0 {
							a.Add(KindRefund, rng.Int64N(20000))
						} else {
							a.Add(KindRedeem, rng.Int64N(500))
						}
					}
				}
				slab = append(slab, a)
			}
			benchPop[i] = MemberHistory{Reg: reg, Consent: true, Days: slab[start:len(slab):len(slab)]}
		}
	})
	return benchPop
}

// BenchmarkCalc is one full recompute: 1,000,000 members through Add, then
// Result. ns/op is the whole pass; ns/member is per member.
func BenchmarkCalc(b *testing.B) {
	pop := benchMembers()
	w := Window{tD - 29, tD}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c := NewCalc(DefaultRules(), w)
		for i := range pop {
			c.Add(&pop[i])
		}
		_ = c.Result()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pop)), "ns/member")
}

// BenchmarkCalcMerge2 is the same pass split over two goroutines, one Calc
// each, merged before Result.
func BenchmarkCalcMerge2(b *testing.B) {
	pop := benchMembers()
	w := Window{tD - 29, tD}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c0, c1 := NewCalc(DefaultRules(), w), NewCalc(DefaultRules(), w)
		half := len(pop) / 2
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := half; i < len(pop); i++ {
				c1.Add(&pop[i])
			}
		}()
		for i := 0; i < half; i++ {
			c0.Add(&pop[i])
		}
		wg.Wait()
		c0.Merge(c1)
		_ = c0.Result()
	}
}
