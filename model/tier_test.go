package model

import "testing"

func TestTierOf(t *testing.T) {
	tests := []struct {
		g    int64
		want Tier
	}{
		{-5, TierRegular}, {0, TierRegular}, {1999, TierRegular},
		{2000, TierSilver}, {9999, TierSilver},
		{10000, TierGold}, {19999, TierGold},
		{20000, TierPlatinum}, {49999, TierPlatinum},
		{50000, TierDiamond}, {1 << 40, TierDiamond},
	}
	for _, tt := range tests {
		if got := TierOf(tt.g); got != tt.want {
			t.Errorf("TierOf(%d) = %v, want %v", tt.g, got, tt.want)
		}
	}
}

func TestNextTier(t *testing.T) {
	tests := []struct {
		g    int64
		next Tier
		need int64
		ok   bool
	}{
		{0, TierSilver, 2000, true},
		{1999, TierSilver, 1, true},
		{2000, TierGold, 8000, true},
		{9999, TierGold, 1, true},
		{10000, TierPlatinum, 10000, true},
		{20000, TierDiamond, 30000, true},
		{49999, TierDiamond, 1, true},
		{50000, TierDiamond, 0, false},
		{80000, TierDiamond, 0, false},
	}
	for _, tt := range tests {
		next, need, ok := NextTier(tt.g)
		if next != tt.next || need != tt.need || ok != tt.ok {
			t.Errorf("NextTier(%d) = %v,%d,%v want %v,%d,%v", tt.g, next, need, ok, tt.next, tt.need, tt.ok)
		}
	}
}

func TestGrowthValue(t *testing.T) {
	D := tD
	old := D - 1000 // no registration bonus
	tests := []struct {
		name string
		h    *MemberHistory
		d    Day
		want int64
	}{
		{"registered today: +100", tHist(D), D, 100},
		{"registered D-364: still in window, +100", tHist(D - 364), D, 100},
		{"registered D-365: out of window", tHist(D - 365), D, 0},
		{"registered after d: no bonus", tHist(D + 1), D, 0},
		// Two check-ins on one day: +5 once. Check-ins on two days: +10.
		{"two signins one day", tHist(old, tE(D-3, KindSignin, 0), tE(D-3, KindSignin, 0)), D, 5},
		{"signins on two days", tHist(old, tE(D-3, KindSignin, 0), tE(D-3, KindSignin, 0), tE(D-2, KindSignin, 0)), D, 10},
		// invite 2×200 + review 3×20 + share 1×10 = 470.
		{"invite review share", tHist(old, tE(D-1, KindInvite, 0), tE(D-1, KindInvite, 0),
			tE(D-2, KindReview, 0), tE(D-2, KindReview, 0), tE(D-2, KindReview, 0), tE(D, KindShare, 0)), D, 470},
		// floor per event: two purchases of 0.99 yuan give 0, not floor(1.98) = 1.
		{"purchase floored per event", tHist(old, tE(D-1, KindPurchase, 99), tE(D-1, KindPurchase, 99)), D, 0},
		// 1234.56 → 1234; refund 34.99 → −34: 1200.
		{"purchase minus refund", tHist(old, tE(D-9, KindPurchase, 123456), tE(D-1, KindRefund, 3499)), D, 1200},
		// 100 yuan purchase, 5000 yuan refund: −4900 → floored at 0.
		{"large refund floors at 0", tHist(old, tE(D-9, KindPurchase, 10000), tE(D-1, KindRefund, 500000)), D, 0},
		// Purchase aged out (D-400), its refund inside (D-10): −3000 + 5 signin → 0.
		{"refund of an aged-out purchase", tHist(old, tE(D-400, KindPurchase, 300000), tE(D-10, KindRefund, 300000),
			tE(D-10, KindSignin, 0)), D, 0},
		// 2000 yuan on D-364: silver at D (2000) …
		{"2000 on D-364, at D", tHist(old, tE(D-364, KindPurchase, 200000)), D, 2000},
		// … and it ages out at D+1: 0, regular.
		{"2000 on D-364, at D+1", tHist(old, tE(D-364, KindPurchase, 200000)), D + 1, 0},
		// Registration on D-364 (+100) and 1900 yuan on D-100 = 2000 at D; the bonus ages out at D+1 → 1900.
		{"reg bonus in window", tHist(D-364, tE(D-100, KindPurchase, 190000)), D, 2000},
		{"reg bonus aged out", tHist(D-364, tE(D-100, KindPurchase, 190000)), D + 1, 1900},
		// Events after d are ignored.
		{"future ignored", tHist(old, tE(D+1, KindPurchase, 500000)), D, 0},
		// redeem and browse/login do not earn growth.
		{"redeem, browse, login earn nothing", tHist(old, tE(D-1, KindRedeem, 500), tE(D-1, KindBrowse, 0), tE(D-1, KindLogin, 0)), D, 0},
	}
	for _, tt := range tests {
		if got := GrowthValue(tt.h, tt.d); got != tt.want {
			t.Errorf("%s: GrowthValue = %d, want %d", tt.name, got, tt.want)
		}
		// Evaluate computes the same figure in its own walk.
		if tt.h.Reg <= tt.d {
			if st := DefaultRules().Evaluate(tt.h, tt.d); st.Growth != tt.want || st.Tier != TierOf(tt.want) {
				t.Errorf("%s: Evaluate growth %d tier %v, want %d", tt.name, st.Growth, st.Tier, tt.want)
			}
		}
	}
}

func TestTierDropsWhenGrowthAgesOut(t *testing.T) {
	// 2000 yuan on D-364 (registered long ago): silver at D, regular at D+1.
	h := tHist(tD-1000, tE(tD-364, KindPurchase, 200000))
	r := DefaultRules()
	if st := r.Evaluate(h, tD); st.Tier != TierSilver || st.Growth != 2000 {
		t.Errorf("at D: %+v", st)
	}
	if st := r.Evaluate(h, tD+1); st.Tier != TierRegular || st.Growth != 0 {
		t.Errorf("at D+1: %+v", st)
	}
	// What ages out in the next day is exactly the 2000.
	if got := GrowthAgingOut(h, tD, 1); got != 2000 {
		t.Errorf("aging out = %d", got)
	}
}

func TestGrowthAgingOut(t *testing.T) {
	D := tD
	// Window at D is D-364 … D. Earned in it:
	//   reg D-364            +100
	//   purchase 500 D-364   +500
	//   signin D-350         +5
	//   refund 100 D-340     −100
	//   share D-335          +10   (last day of the 30-day range D-364 … D-335)
	//   invite D-334         +200  (first day after it)
	//   purchase 50 D-1      +50
	h := tHist(D-364,
		tE(D-364, KindPurchase, 50000), tE(D-350, KindSignin, 0), tE(D-340, KindRefund, 10000),
		tE(D-335, KindShare, 0), tE(D-334, KindInvite, 0), tE(D-1, KindPurchase, 5000))
	tests := []struct {
		days int
		want int64
	}{
		{0, 0},
		{-3, 0},
		{1, 600},    // D-364 only: 100 + 500
		{15, 605},   // … D-350: + signin 5
		{30, 515},   // … D-335: 600 + 5 − 100 + 10
		{31, 715},   // … D-334: + invite 200
		{364, 765},  // … D-1: + purchase 50 (nothing on D)
		{365, 765},  // whole window = GrowthValue
		{1000, 765}, // never past D
	}
	for _, tt := range tests {
		if got := GrowthAgingOut(h, D, tt.days); got != tt.want {
			t.Errorf("GrowthAgingOut(%d) = %d, want %d", tt.days, got, tt.want)
		}
	}
	if g := GrowthValue(h, D); g != 765 {
		t.Errorf("GrowthValue = %d", g)
	}
	// Raw sum: a refund alone ages out as a negative amount.
	neg := tHist(D-1000, tE(D-364, KindRefund, 20000))
	if got := GrowthAgingOut(neg, D, 30); got != -200 {
		t.Errorf("negative aging = %d", got)
	}
}
