package model

import "testing"

// Helpers shared by the rules/KPI tests (t-prefixed to stay out of the way of
// other test files in the package).

// tEv is one raw event for building a history: day, kind, amount (fen for
// purchase/refund, points for redeem).
type tEv struct {
	d   Day
	k   Kind
	amt int64
}

func tE(d Day, k Kind, amt int64) tEv { return tEv{d, k, amt} }

// tHist builds a MemberHistory the way the store does, event by event.
func tHist(reg Day, evs ...tEv) *MemberHistory {
	h := &MemberHistory{Reg: reg, Consent: true}
	for _, e := range evs {
		h.Activity(e.d).Add(e.k, e.amt)
	}
	return h
}

// tD is the as-of day most tests use: 2026-06-30.
var tD = CivilDay(2026, 6, 30)

func TestDefaultRules(t *testing.T) {
	r := DefaultRules()
	want := Rules{ChurnDays: 90, SilentDays: 30, MaturityPurchases: 2, MaturitySpendFen: 50000}
	if r != want {
		t.Fatalf("DefaultRules() = %+v, want %+v", r, want)
	}
}

func TestRulesStage(t *testing.T) {
	r := DefaultRules()
	tests := []struct {
		name      string
		inactive  int
		purchases int64
		spend     int64
		want      Stage
	}{
		// Silent/churned take precedence over everything (first match wins).
		{"inactive 29, no purchase", 29, 0, 0, StageIntroduction},
		{"inactive 30 is silent", 30, 0, 0, StageSilent},
		{"inactive 89 is still silent", 89, 5, 999999, StageSilent},
		{"inactive 90 is churned", 90, 5, 999999, StageChurned},
		{"inactive 29 big spender is maturity", 29, 5, 999999, StageMaturity},
		// purchases: 2 is not > 2, 3 is.
		{"2 purchases, small spend", 0, 2, 100, StageGrowth},
		{"3 purchases, small spend", 0, 3, 100, StageMaturity},
		// spend: 500.00 yuan is not > 500, 500.01 is.
		{"1 purchase 500.00", 0, 1, 50000, StageGrowth},
		{"1 purchase 500.01", 0, 1, 50001, StageMaturity},
		{"1 purchase", 5, 1, 1, StageGrowth},
		{"1 purchase refunded to negative", 5, 1, -300, StageGrowth},
		{"no purchase", 0, 0, 0, StageIntroduction},
	}
	for _, tt := range tests {
		if got := r.Stage(tt.inactive, tt.purchases, tt.spend); got != tt.want {
			t.Errorf("%s: Stage(%d,%d,%d) = %v, want %v", tt.name, tt.inactive, tt.purchases, tt.spend, got, tt.want)
		}
	}
	custom := Rules{ChurnDays: 60, SilentDays: 14, MaturityPurchases: 4, MaturitySpendFen: 100000}
	if got := custom.Stage(14, 0, 0); got != StageSilent {
		t.Errorf("custom silent: %v", got)
	}
	if got := custom.Stage(60, 0, 0); got != StageChurned {
		t.Errorf("custom churned: %v", got)
	}
	if got := custom.Stage(0, 4, 100000); got != StageGrowth {
		t.Errorf("custom growth: %v", got)
	}
}

func TestEvaluate(t *testing.T) {
	r := DefaultRules()
	D := tD
	old := D - 1000 // registration far outside the 365-day growth window
	tests := []struct {
		name string
		h    *MemberHistory
		d    Day
		want MemberStatus
	}{
		{
			// Registered 29 days ago, nothing since: inactive 29 → introduction.
			// Growth: registration bonus 100 (D-29 is in D-364..D).
			name: "registered 29 days ago",
			h:    tHist(D-29, tE(D-29, KindRegister, 0)),
			d:    D,
			want: MemberStatus{LastActive: D - 29, InactiveDays: 29, Growth: 100, Stage: StageIntroduction},
		},
		{
			// No event at all (not even register): last_active = Reg.
			// Inactive 30 → silent.
			name: "no events, 30 days",
			h:    tHist(D - 30),
			d:    D,
			want: MemberStatus{LastActive: D - 30, InactiveDays: 30, Growth: 100, Stage: StageSilent},
		},
		{
			// Last event (browse) 89 days ago → silent, even with 3 purchases.
			// Purchases on D-200 of 10, 20, 30 yuan: spend 6000, points 60,
			// growth 60 (no reg bonus: registered D-1000).
			name: "inactive 89 with 3 purchases",
			h: tHist(old, tE(old, KindRegister, 0),
				tE(D-200, KindPurchase, 1000), tE(D-200, KindPurchase, 2000), tE(D-200, KindPurchase, 3000),
				tE(D-89, KindBrowse, 0)),
			d: D,
			want: MemberStatus{LastActive: D - 89, InactiveDays: 89, Purchases: 3, SpendFen: 6000,
				LastPurchase: D - 200, Growth: 60, Points: 60, Stage: StageSilent},
		},
		{
			// Same but the browse was 90 days ago → churned.
			name: "inactive 90 with 3 purchases",
			h: tHist(old, tE(old, KindRegister, 0),
				tE(D-200, KindPurchase, 1000), tE(D-200, KindPurchase, 2000), tE(D-200, KindPurchase, 3000),
				tE(D-90, KindBrowse, 0)),
			d: D,
			want: MemberStatus{LastActive: D - 90, InactiveDays: 90, Purchases: 3, SpendFen: 6000,
				LastPurchase: D - 200, Growth: 60, Points: 60, Stage: StageChurned},
		},
		{
			// 2 purchases of 100 yuan, last on D-3: 2 is not > 2, spend 200 ≤ 500 → growth.
			name: "2 purchases",
			h:    tHist(old, tE(D-10, KindPurchase, 10000), tE(D-3, KindPurchase, 10000)),
			d:    D,
			want: MemberStatus{LastActive: D - 3, InactiveDays: 3, Purchases: 2, SpendFen: 20000,
				LastPurchase: D - 3, Growth: 200, Points: 200, Stage: StageGrowth},
		},
		{
			// A third purchase of 1 yuan: 3 > 2 → maturity.
			name: "3 purchases",
			h: tHist(old, tE(D-10, KindPurchase, 10000), tE(D-3, KindPurchase, 10000),
				tE(D-3, KindPurchase, 100)),
			d: D,
			want: MemberStatus{LastActive: D - 3, InactiveDays: 3, Purchases: 3, SpendFen: 20100,
				LastPurchase: D - 3, Growth: 201, Points: 201, Stage: StageMaturity},
		},
		{
			// One purchase of exactly 500.00 yuan: not > 500 → growth. Points 500.
			name: "spend 500.00",
			h:    tHist(old, tE(D-1, KindPurchase, 50000)),
			d:    D,
			want: MemberStatus{LastActive: D - 1, InactiveDays: 1, Purchases: 1, SpendFen: 50000,
				LastPurchase: D - 1, Growth: 500, Points: 500, Stage: StageGrowth},
		},
		{
			// 500.01 yuan: > 500 → maturity. floor(500.01) = 500 points.
			name: "spend 500.01",
			h:    tHist(old, tE(D-1, KindPurchase, 50001)),
			d:    D,
			want: MemberStatus{LastActive: D - 1, InactiveDays: 1, Purchases: 1, SpendFen: 50001,
				LastPurchase: D - 1, Growth: 500, Points: 500, Stage: StageMaturity},
		},
		{
			// 600 yuan on D-5, refund of 100.01 yuan on D-2: spend 49999 ≤ 500 → growth.
			// Points/growth: 600 − floor(100.01)=100 → 500. Last active is the refund day.
			name: "refund drops spend to 499.99",
			h:    tHist(old, tE(D-5, KindPurchase, 60000), tE(D-2, KindRefund, 10001)),
			d:    D,
			want: MemberStatus{LastActive: D - 2, InactiveDays: 2, Purchases: 1, SpendFen: 49999,
				LastPurchase: D - 5, Growth: 500, Points: 500, Stage: StageGrowth},
		},
		{
			// Same member evaluated on D-3, before the refund: spend 600 → maturity.
			name: "before the refund",
			h:    tHist(old, tE(D-5, KindPurchase, 60000), tE(D-2, KindRefund, 10001)),
			d:    D - 3,
			want: MemberStatus{LastActive: D - 5, InactiveDays: 2, Purchases: 1, SpendFen: 60000,
				LastPurchase: D - 5, Growth: 600, Points: 600, Stage: StageMaturity},
		},
		{
			// Events after D are ignored: the purchase on D+1 does not exist yet.
			// Registered D-5 (+100), signin D-1 (+5).
			name: "future events ignored",
			h:    tHist(D-5, tE(D-5, KindRegister, 0), tE(D-1, KindSignin, 0), tE(D+1, KindPurchase, 99900)),
			d:    D,
			want: MemberStatus{LastActive: D - 1, InactiveDays: 1, Growth: 105, Stage: StageIntroduction},
		},
		{
			// An event before the registration day is the latest event → last_active.
			// (Reg D-40 gives +100 growth.) Inactive 45 → silent.
			name: "event before registration",
			h:    tHist(D-40, tE(D-45, KindLogin, 0)),
			d:    D,
			want: MemberStatus{LastActive: D - 45, InactiveDays: 45, Growth: 100, Stage: StageSilent},
		},
		{
			// Points: 300 + 200 purchase points − 50 refund − 120 redeemed = 330.
			// Growth: same purchases/refund → 450, +5 signin, +200 invite, +20 review, +10 share = 685.
			name: "points and growth",
			h: tHist(old, tE(D-9, KindPurchase, 30099), tE(D-8, KindPurchase, 20050),
				tE(D-7, KindRefund, 5099), tE(D-6, KindRedeem, 120), tE(D-5, KindSignin, 0),
				tE(D-4, KindInvite, 0), tE(D-4, KindReview, 0), tE(D-4, KindShare, 0)),
			d: D,
			want: MemberStatus{LastActive: D - 4, InactiveDays: 4, Purchases: 2, SpendFen: 30099 + 20050 - 5099,
				LastPurchase: D - 8, Growth: 685, Points: 330, Stage: StageGrowth},
		},
	}
	for _, tt := range tests {
		if got := r.Evaluate(tt.h, tt.d); got != tt.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

func TestEvaluateEmptyEntryIsNotActivity(t *testing.T) {
	// An entry with no events (Activity called but nothing added) is not
	// activity: last_active stays on the registration day.
	D := tD
	h := tHist(D - 50)
	h.Activity(D - 3)
	st := DefaultRules().Evaluate(h, D)
	if st.LastActive != D-50 || st.InactiveDays != 50 || st.Stage != StageSilent {
		t.Fatalf("got %+v", st)
	}
}

func TestStageReason(t *testing.T) {
	r := DefaultRules()
	tests := []struct {
		st     MemberStatus
		en, zh string
	}{
		{MemberStatus{InactiveDays: 42, Stage: StageSilent},
			"inactive 42 days ≥ 30 → silent", "未活跃 42 天 ≥ 30 → 沉默期"},
		{MemberStatus{InactiveDays: 90, Purchases: 7, Stage: StageChurned},
			"inactive 90 days ≥ 90 → churned", "未活跃 90 天 ≥ 90 → 流失期"},
		{MemberStatus{Purchases: 3, SpendFen: 100, Stage: StageMaturity},
			"3 purchases > 2 → maturity", "购买 3 次 > 2 → 成熟期"},
		// Both maturity conditions hold: the purchase count is named.
		{MemberStatus{Purchases: 4, SpendFen: 90000, Stage: StageMaturity},
			"4 purchases > 2 → maturity", "购买 4 次 > 2 → 成熟期"},
		{MemberStatus{Purchases: 1, SpendFen: 50001, Stage: StageMaturity},
			"spend 500.01 > 500 → maturity", "消费 500.01 元 > 500 → 成熟期"},
		{MemberStatus{Purchases: 2, SpendFen: 123450, Stage: StageMaturity},
			"spend 1234.50 > 500 → maturity", "消费 1234.50 元 > 500 → 成熟期"},
		{MemberStatus{Purchases: 1, SpendFen: 100, Stage: StageGrowth},
			"1 purchase ≥ 1 → growth", "购买 1 次 ≥ 1 → 成长期"},
		{MemberStatus{Purchases: 2, SpendFen: 100, Stage: StageGrowth},
			"2 purchases ≥ 1 → growth", "购买 2 次 ≥ 1 → 成长期"},
		{MemberStatus{Stage: StageIntroduction},
			"no purchase → introduction", "未购买 → 引入期"},
	}
	for _, tt := range tests {
		if got := r.StageReason(tt.st, "en"); got != tt.en {
			t.Errorf("en: got %q, want %q", got, tt.en)
		}
		if got := r.StageReason(tt.st, "zh"); got != tt.zh {
			t.Errorf("zh: got %q, want %q", got, tt.zh)
		}
	}
	// A custom threshold with fen is written with its decimals; one day is singular.
	c := Rules{ChurnDays: 90, SilentDays: 1, MaturityPurchases: 2, MaturitySpendFen: 30050}
	if got := c.StageReason(MemberStatus{InactiveDays: 1, Stage: StageSilent}, "en"); got != "inactive 1 day ≥ 1 → silent" {
		t.Errorf("got %q", got)
	}
	if got := c.StageReason(MemberStatus{Purchases: 1, SpendFen: 30100, Stage: StageMaturity}, "en"); got != "spend 301 > 300.50 → maturity" {
		t.Errorf("got %q", got)
	}
	// Evaluate and StageReason agree end to end.
	st := r.Evaluate(tHist(tD-100, tE(tD-42, KindLogin, 0)), tD)
	if got := r.StageReason(st, "en"); got != "inactive 42 days ≥ 30 → silent" {
		t.Errorf("got %q", got)
	}
}

func TestAppendYuan(t *testing.T) {
	for fen, want := range map[int64]string{0: "0", 5: "0.05", 50: "0.50", 50000: "500", 50001: "500.01", -50: "-0.50", -12345: "-123.45"} {
		if got := string(appendYuan(nil, fen)); got != want {
			t.Errorf("appendYuan(%d) = %q, want %q", fen, got, want)
		}
	}
}

func TestZhNames(t *testing.T) {
	if StageChurned.Zh() != "流失期" || TierDiamond.Zh() != "钻石会员" || GeneralRetain.Zh() != "一般挽留客户" || ImportantValue.Zh() != "重要价值客户" {
		t.Fatal("zh names")
	}
}
