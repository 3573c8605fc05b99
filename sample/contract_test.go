package sample

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

// The reference evaluation below follows DESIGN.md's domain contract directly
// (stage, growth value, tier), independent of package model's rules.

type agg struct {
	reg        model.Day
	regAt      time.Time
	last       model.Day
	purchases  int
	spend      int64 // fen
	growth     int64
	signDay    model.Day
	points     int64
	consent    bool
	lastEvent  time.Time
	orders     map[string]int64 // purchase order id → amount (fen)
	refunded   map[string]bool
	bought     bool
	eventCount int
	hist       model.MemberHistory // for model.Rules
}

type stats struct {
	cfg        Config
	members    int
	events     int
	byIdx      []*agg
	ids        map[string]int
	kinds      [model.NumKinds]int
	stages     [model.NumStages]int // reference evaluation (the contract, in this file)
	tiers      [model.NumTiers]int
	mStages    [model.NumStages]int // model.DefaultRules().Evaluate
	mTiers     [model.NumTiers]int
	campEvents map[string]int
	campGMV    map[string]int64
	campRegs   map[string]int
	dailyGMV   map[model.Day]int64
	dailyOrd   map[model.Day]int
	dailyReg   map[model.Day]int
	channels   map[string]int
	errs       []string
}

func (s *stats) errf(format string, a ...any) {
	if len(s.errs) < 20 {
		s.errs = append(s.errs, fmt.Sprintf(format, a...))
	}
}

func stageOf(a *agg, d model.Day) model.Stage {
	inactive := d - a.last
	switch {
	case inactive >= 90:
		return model.StageChurned
	case inactive >= 30:
		return model.StageSilent
	case a.purchases > 2 || a.spend > 500*100:
		return model.StageMaturity
	case a.purchases >= 1:
		return model.StageGrowth
	}
	return model.StageIntroduction
}

func tierOf(g int64) model.Tier {
	t := model.TierRegular
	for i := model.Tier(0); i < model.NumTiers; i++ {
		if g >= model.TierThresholds[i] {
			t = i
		}
	}
	return t
}

// collect runs Generate and checks the per-event invariants on the way.
func collect(t testing.TB, cfg Config) *stats {
	t.Helper()
	cfg = cfg.norm()
	s := &stats{cfg: cfg, ids: map[string]int{}, campEvents: map[string]int{}, campGMV: map[string]int64{}, campRegs: map[string]int{},
		dailyGMV: map[model.Day]int64{}, dailyOrd: map[model.Day]int{}, dailyReg: map[model.Day]int{}, channels: map[string]int{}}
	win := cfg.Window()
	endT := (cfg.End + 1).Time(cfg.Loc)
	var prev time.Time
	allOrders := map[string]bool{}
	err := Generate(cfg, func(m *model.Member) error {
		if _, dup := s.ids[m.ID]; dup {
			s.errf("duplicate member %s", m.ID)
		}
		s.ids[m.ID] = len(s.byIdx)
		a := &agg{reg: model.DayOf(m.RegisteredAt, cfg.Loc), regAt: m.RegisteredAt, consent: m.Consent,
			orders: map[string]int64{}, refunded: map[string]bool{}, signDay: -1}
		a.hist.Reg, a.hist.Consent = a.reg, m.Consent
		a.last = a.reg
		if win.Contains(a.reg) {
			a.growth += 100
			s.dailyReg[a.reg]++
		}
		if !m.RegisteredAt.Before(endT) {
			s.errf("member %s registered after End: %v", m.ID, m.RegisteredAt)
		}
		s.channels[m.Channel]++
		s.byIdx = append(s.byIdx, a)
		s.members++
		return nil
	}, func(e *model.Event) error {
		s.events++
		if e.At.Before(prev) {
			s.errf("event %d at %v before previous %v", s.events, e.At, prev)
		}
		prev = e.At
		if !e.At.Before(endT) {
			s.errf("event after End: %+v", *e)
		}
		i, ok := s.ids[e.MemberID]
		if !ok {
			s.errf("event for unknown member %q", e.MemberID)
			return nil
		}
		a := s.byIdx[i]
		if e.At.Before(a.regAt) {
			s.errf("event before registration: %+v (registered %v)", *e, a.regAt)
		}
		d := model.DayOf(e.At, cfg.Loc)
		if !win.Contains(d) {
			s.errf("event outside the window: %+v", *e)
		}
		a.eventCount++
		a.last = d
		a.hist.Activity(d).Add(e.Kind, e.Amount)
		a.lastEvent = e.At
		s.kinds[e.Kind]++
		if e.CampaignID != "" {
			s.campEvents[e.CampaignID]++
			switch e.Kind {
			case model.KindPurchase:
				s.campGMV[e.CampaignID] += e.Amount
			case model.KindRegister:
				s.campRegs[e.CampaignID]++
			}
		}
		if (e.OrderID != "") != (e.Kind == model.KindPurchase || e.Kind == model.KindRefund) {
			s.errf("order id on the wrong kind: %+v", *e)
		}
		if !e.Kind.HasAmount() && e.Amount != 0 || e.Kind.HasAmount() && e.Amount <= 0 {
			s.errf("bad amount: %+v", *e)
		}
		switch e.Kind {
		case model.KindRegister:
			if d != a.reg || !e.At.Equal(a.regAt) {
				s.errf("register event not at registration: %+v", *e)
			}
		case model.KindSignin:
			if a.signDay != d {
				a.growth += 5
				a.signDay = d
			}
		case model.KindInvite:
			a.growth += 200
		case model.KindReview:
			a.growth += 20
		case model.KindShare:
			a.growth += 10
		case model.KindPurchase:
			if allOrders[e.OrderID] {
				s.errf("duplicate order id %s", e.OrderID)
			}
			allOrders[e.OrderID] = true
			a.orders[e.OrderID] = e.Amount
			a.purchases++
			a.spend += e.Amount
			a.growth += e.Amount / 100
			a.points += e.Amount / 100
			s.dailyGMV[d] += e.Amount
			s.dailyOrd[d]++
		case model.KindRefund:
			amt, ok := a.orders[e.OrderID]
			if !ok {
				s.errf("refund without an earlier purchase of the member: %+v", *e)
			} else if e.Amount > amt {
				s.errf("refund above its purchase: %+v (purchase %d)", *e, amt)
			}
			if a.refunded[e.OrderID] {
				s.errf("second refund of %s", e.OrderID)
			}
			a.refunded[e.OrderID] = true
			a.spend -= e.Amount
			a.growth -= e.Amount / 100
			a.points -= e.Amount / 100
		case model.KindRedeem:
			if e.Amount > a.points {
				s.errf("redeem of %d points with %d available: %+v", e.Amount, a.points, *e)
			}
			a.points -= e.Amount
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rules := model.DefaultRules()
	for _, a := range s.byIdx {
		s.stages[stageOf(a, cfg.End)]++
		g := a.growth
		if g < 0 {
			g = 0
		}
		s.tiers[tierOf(g)]++
		st := rules.Evaluate(&a.hist, cfg.End)
		s.mStages[st.Stage]++
		s.mTiers[st.Tier]++
		if st.Stage != stageOf(a, cfg.End) || st.Growth != g {
			s.errf("model.Rules disagrees with the reference: stage %v vs %v, growth %d vs %d", st.Stage, stageOf(a, cfg.End), st.Growth, g)
		}
		a.orders, a.refunded, a.hist.Days = nil, nil, nil
	}
	return s
}

func (s *stats) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "members %d, events %d (%.2f per member)\n", s.members, s.events, float64(s.events)/float64(s.members))
	fmt.Fprintf(&b, "stages:")
	for i, c := range s.stages {
		fmt.Fprintf(&b, " %s %d (%.1f%%)", model.Stage(i), c, 100*float64(c)/float64(s.members))
	}
	fmt.Fprintf(&b, "\ntiers:")
	for i, c := range s.tiers {
		fmt.Fprintf(&b, " %s %d (%.2f%%)", model.Tier(i), c, 100*float64(c)/float64(s.members))
	}
	fmt.Fprintf(&b, "\nkinds:")
	for i, c := range s.kinds {
		fmt.Fprintf(&b, " %s %d", model.Kind(i), c)
	}
	fmt.Fprintf(&b, "\ncampaign events:")
	var ids []string
	for id := range s.campEvents {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "\n  %-15s events %6d  gmv %11.2f  registrations %d", id, s.campEvents[id], float64(s.campGMV[id])/100, s.campRegs[id])
	}
	fmt.Fprintf(&b, "\nchannels: %v\n", s.channels)
	// monthly GMV / orders / registrations
	type mrow struct {
		gmv      int64
		ord, reg int
	}
	months := map[string]*mrow{}
	var keys []string
	get := func(d model.Day) *mrow {
		k := d.String()[:7]
		if months[k] == nil {
			months[k] = &mrow{}
			keys = append(keys, k)
		}
		return months[k]
	}
	for d := s.cfg.End - 364; d <= s.cfg.End; d++ {
		r := get(d)
		r.gmv += s.dailyGMV[d]
		r.ord += s.dailyOrd[d]
		r.reg += s.dailyReg[d]
	}
	var total int64
	for _, k := range keys {
		r := months[k]
		total += r.gmv
		fmt.Fprintf(&b, "%s gmv %12.2f orders %7d new %6d\n", k, float64(r.gmv)/100, r.ord, r.reg)
	}
	fmt.Fprintf(&b, "gmv total %.2f yuan (%.2f per member)\n", float64(total)/100, float64(total)/100/float64(s.members))
	return b.String()
}
