package model

import (
	"errors"
	"reflect"
	"testing"
)

func cd(t testing.TB, s string) Day {
	t.Helper()
	d, err := ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCampaignStatusAndCountdown(t *testing.T) {
	base := Campaign{ID: "C1", WarmupStart: CivilDay(2026, 6, 1), Start: CivilDay(2026, 6, 10), End: CivilDay(2026, 6, 18)}
	noWarm := base
	noWarm.WarmupStart = 0
	cancelled := base
	cancelled.Cancelled = true
	reviewed := base
	reviewed.Reviewed = true
	tests := []struct {
		name string
		c    Campaign
		asOf string
		want CampaignStatus
		cd   Countdown
	}{
		{"draft before warm-up", base, "2026-05-25", StatusDraft, Countdown{CountWarmup, 7}},
		{"draft the day before warm-up", base, "2026-05-31", StatusDraft, Countdown{CountWarmup, 1}},
		{"warm-up first day", base, "2026-06-01", StatusWarmup, Countdown{CountStart, 9}},
		{"warm-up D-3", base, "2026-06-07", StatusWarmup, Countdown{CountStart, 3}},
		{"warm-up last day", base, "2026-06-09", StatusWarmup, Countdown{CountStart, 1}},
		{"live first day", base, "2026-06-10", StatusLive, Countdown{CountEnd, 8}},
		{"live 2 days to end", base, "2026-06-16", StatusLive, Countdown{CountEnd, 2}},
		{"live last day", base, "2026-06-18", StatusLive, Countdown{CountEnd, 0}},
		{"ended the day after", base, "2026-06-19", StatusEnded, Countdown{}},
		{"reviewed after end", reviewed, "2026-07-01", StatusReviewed, Countdown{}},
		{"reviewed flag but still live", reviewed, "2026-06-12", StatusLive, Countdown{CountEnd, 6}},
		{"no warm-up: draft to start", noWarm, "2026-06-05", StatusDraft, Countdown{CountStart, 5}},
		{"no warm-up: never warm-up", noWarm, "2026-06-09", StatusDraft, Countdown{CountStart, 1}},
		{"cancelled wins over dates", cancelled, "2026-06-12", StatusCancelled, Countdown{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := cd(t, tc.asOf)
			if got := tc.c.Status(d); got != tc.want {
				t.Errorf("Status = %v, want %v", got, tc.want)
			}
			if got := tc.c.Countdown(d); got != tc.cd {
				t.Errorf("Countdown = %+v, want %+v", got, tc.cd)
			}
		})
	}
	for s := StatusDraft; s < NumCampaignStatuses; s++ {
		if p, ok := ParseCampaignStatus(s.String()); !ok || p != s {
			t.Errorf("status %v does not round-trip", s)
		}
	}
}

func TestCampaignValidate(t *testing.T) {
	ok := Campaign{ID: "C1", Name: "x", Type: CampaignPromotion, Start: 10, End: 12, WarmupStart: 5,
		Coupon: Coupon{MinSpendFen: 10000, SaveFen: 2000}, Channels: []string{"sms"}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	mut := func(f func(*Campaign)) Campaign { c := ok; f(&c); return c }
	cases := []struct {
		c     Campaign
		field string
	}{
		{mut(func(c *Campaign) { c.ID = "" }), "id"},
		{mut(func(c *Campaign) { c.ID = "a b" }), "id"},
		{mut(func(c *Campaign) { c.Name = " " }), "name"},
		{mut(func(c *Campaign) { c.Type = "x" }), "type"},
		{mut(func(c *Campaign) { c.End = 9 }), "end"},
		{mut(func(c *Campaign) { c.WarmupStart = 11 }), "warmup"},
		{mut(func(c *Campaign) { c.BudgetFen = -1 }), "budget"},
		{mut(func(c *Campaign) { c.SpendFen = -1 }), "spend"},
		{mut(func(c *Campaign) { c.FreqCap = -1 }), "cap"},
		{mut(func(c *Campaign) { c.Coupon = Coupon{MinSpendFen: 100, SaveFen: 100} }), "coupon"}, // Y = X
		{mut(func(c *Campaign) { c.Coupon = Coupon{MinSpendFen: 100, SaveFen: 0} }), "coupon"},   // Y = 0
		{mut(func(c *Campaign) { c.Coupon = Coupon{MinSpendFen: 100, SaveFen: 200} }), "coupon"}, // Y > X
		{mut(func(c *Campaign) { c.Channels = []string{"fax"} }), "channels"},
		{mut(func(c *Campaign) { c.Tasks = []Task{{Start: 5, Due: 4}} }), "tasks"},
	}
	for _, tc := range cases {
		var fe *FieldError
		if err := tc.c.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%+v: got %v, want a %s error", tc.c, err, tc.field)
		}
	}
	c := mut(func(c *Campaign) { c.Coupon = Coupon{MinSpendFen: 101, SaveFen: 100} }) // Y = X − 1 fen
	if err := c.Validate(); err != nil {
		t.Errorf("coupon 1.01/1.00 refused: %v", err)
	}
}

func TestBirthdayMonthDay(t *testing.T) {
	for in, want := range map[string]MonthDay{
		"03-08": 3*32 + 8, "3-8": 3*32 + 8, "1990-12-31": 12*32 + 31, "1992/02/29": 2*32 + 29, "3月8日": 3*32 + 8,
		"": 0, "13-01": 0, "02-30": 0, "04-31": 0, "x": 0, "1990/1/5 0:00": 1*32 + 5,
	} {
		if got := BirthdayMonthDay(in); got != want {
			t.Errorf("BirthdayMonthDay(%q) = %d, want %d", in, got, want)
		}
	}
}

// members is an AudienceSource over a slice; a nil entry is not a member.
type members []*AudienceMember

func (m members) Len() int { return len(m) }
func (m members) At(i int, x *AudienceMember) bool {
	if m[i] == nil {
		return false
	}
	*x = *m[i]
	x.Seq = uint32(i)
	return true
}

func TestAudienceMatch(t *testing.T) {
	chans := []string{"公众号", "门店"}
	tags := []string{"宝妈", "白领", "学生"}
	src := members{
		{Stage: StageSilent, Tier: TierGold, Segment: ImportantKeep, HasSegment: true, Consent: true, Channel: 1, Tags: []uint32{1}, Birthday: 3*32 + 8},
		{Stage: StageSilent, Tier: TierRegular, Consent: false, Channel: 1, Tags: []uint32{1}, Birthday: 3*32 + 8}, // no consent
		{Stage: StageGrowth, Tier: TierSilver, Segment: GeneralValue, HasSegment: true, Consent: true, Channel: 2, Tags: []uint32{2, 3}},
		nil, // not yet registered
		{Stage: StageSilent, Tier: TierSilver, Consent: true, Channel: 0, Birthday: 2*32 + 29},
	}
	w := Window{From: cd(t, "2027-02-25"), To: cd(t, "2027-03-08")} // 2027 has no 29 Feb
	tests := []struct {
		name string
		a    Audience
		seg  []uint32 // the saved segment's members (WithSegment), when a.Segment is set
		want []uint32
	}{
		{"everyone who consented", Audience{}, nil, []uint32{0, 2, 4}},
		{"stage", Audience{Stages: []Stage{StageSilent}}, nil, []uint32{0, 4}},
		{"stage or stage", Audience{Stages: []Stage{StageSilent, StageGrowth}}, nil, []uint32{0, 2, 4}},
		{"tier and stage", Audience{Stages: []Stage{StageSilent}, Tiers: []Tier{TierSilver}}, nil, []uint32{4}},
		{"segment excludes non-buyers", Audience{Segments: []Segment{ImportantKeep, GeneralValue}}, nil, []uint32{0, 2}},
		{"tag any of", Audience{Tags: []string{"白领", "宝妈"}}, nil, []uint32{0, 2}},
		{"unknown tag matches nobody", Audience{Tags: []string{"老板"}}, nil, nil},
		{"channel", Audience{Channels: []string{"门店"}}, nil, []uint32{2}},
		{"unknown channel", Audience{Channels: []string{"APP"}}, nil, nil},
		{"birthday in dates, 29 Feb on 28 Feb", Audience{Birthday: true}, nil, []uint32{0, 4}},
		{"combined", Audience{Stages: []Stage{StageSilent}, Tags: []string{"宝妈"}, Channels: []string{"公众号"}, Birthday: true}, nil, []uint32{0}},
		// Saved segment: its members who consented (1 did not), and the
		// other fields still filter; 3 is not a member (not registered).
		{"saved segment, consent only", Audience{Segment: "S1"}, []uint32{0, 1, 2, 3}, []uint32{0, 2}},
		{"saved segment and stage", Audience{Segment: "S1", Stages: []Stage{StageSilent}}, []uint32{0, 1, 2, 4}, []uint32{0, 4}},
		{"saved segment beyond the source", Audience{Segment: "S1"}, []uint32{4, 9}, []uint32{4}},
		{"saved segment not given (deleted): nobody", Audience{Segment: "S1"}, nil, nil},
		{"empty saved segment", Audience{Segment: "S1"}, []uint32{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.a.Matcher(chans, tags, w)
			if tc.seg != nil {
				m.WithSegment(SegmentSet(tc.seg))
			}
			got := AudienceMembers(src, m)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("members = %v, want %v", got, tc.want)
			}
			if n := AudienceSize(src, m); n != int64(len(tc.want)) {
				t.Errorf("size = %d, want %d", n, len(tc.want))
			}
		})
	}
	// A window without 28 Feb in a leap year: 29 Feb only on 29 Feb.
	leap := Window{From: cd(t, "2028-02-29"), To: cd(t, "2028-03-01")}
	if got := AudienceMembers(src, Audience{Birthday: true}.Matcher(chans, tags, leap)); !reflect.DeepEqual(got, []uint32{4}) {
		t.Errorf("leap window: %v", got)
	}
}

func camp(id string, warm, start, end string, channels int, cap int) Campaign {
	c := Campaign{ID: id, FreqCap: cap}
	if warm != "" {
		c.WarmupStart, _ = ParseDay(warm)
	}
	c.Start, _ = ParseDay(start)
	c.End, _ = ParseDay(end)
	for i := range channels {
		c.Channels = append(c.Channels, CampaignChannels[i])
	}
	return c
}

func TestFrequencyCheck(t *testing.T) {
	a := camp("A", "", "2026-06-01", "2026-06-10", 1, 0)
	b := camp("B", "", "2026-06-05", "2026-06-12", 1, 0)
	c := camp("C", "", "2026-06-08", "2026-06-20", 1, 0)
	far := camp("F", "", "2026-06-18", "2026-06-30", 1, 0)  // 8 days after A ends: never in A's window
	near := camp("N", "", "2026-06-16", "2026-06-30", 1, 0) // 6 days after A ends: shares a window with A
	two := camp("T", "", "2026-06-01", "2026-06-03", 2, 0)
	strict := camp("S", "", "2026-06-01", "2026-06-10", 1, 1)
	warm := camp("W", "2026-06-01", "2026-06-20", "2026-06-25", 1, 0) // warm-up touches from 06-01

	tests := []struct {
		name  string
		cs    []Campaign
		masks map[uint32]int64
		over  int64
		conf  []CapConflict
	}{
		{"two one-channel campaigns are at the cap, not over", []Campaign{a, b}, map[uint32]int64{3: 5}, 0, nil},
		{"three overlapping campaigns: over", []Campaign{a, b, c}, map[uint32]int64{7: 4, 3: 10, 1: 7},
			4, []CapConflict{{Campaigns: []string{"A", "B", "C"}, From: cd(t, "2026-06-08"), To: cd(t, "2026-06-10"), Members: 4}}},
		{"a campaign 8 days later is outside every window", []Campaign{a, b, far}, map[uint32]int64{7: 3}, 0, nil},
		{"6 days apart share a window", []Campaign{a, b, near}, map[uint32]int64{7: 3},
			3, []CapConflict{{Campaigns: []string{"A", "B", "N"}, From: cd(t, "2026-06-10"), To: cd(t, "2026-06-16"), Members: 3}}},
		{"two channels plus one", []Campaign{two, b}, map[uint32]int64{3: 2, 1: 9},
			2, []CapConflict{{Campaigns: []string{"T", "B"}, From: cd(t, "2026-06-03"), To: cd(t, "2026-06-05"), Members: 2}}},
		{"the strictest cap wins", []Campaign{strict, b}, map[uint32]int64{3: 6},
			6, []CapConflict{{Campaigns: []string{"S", "B"}, From: cd(t, "2026-06-05"), To: cd(t, "2026-06-10"), Members: 6}}},
		{"warm-up touches count", []Campaign{a, b, warm}, map[uint32]int64{7: 1},
			1, []CapConflict{{Campaigns: []string{"A", "B", "W"}, From: cd(t, "2026-06-05"), To: cd(t, "2026-06-10"), Members: 1}}},
		{"members in one campaign only", []Campaign{a, b, c}, map[uint32]int64{1: 10, 2: 10, 4: 10}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := FrequencyCheck(tc.cs, tc.masks)
			if f.OverCap != tc.over {
				t.Errorf("over = %d, want %d", f.OverCap, tc.over)
			}
			if !reflect.DeepEqual(f.Conflicts, tc.conf) {
				t.Errorf("conflicts = %+v, want %+v", f.Conflicts, tc.conf)
			}
		})
	}
	// Two long overlapping campaigns meet in many windows with the same
	// group: its members count once.
	long1 := camp("L1", "", "2026-06-01", "2026-06-30", 2, 0)
	long2 := camp("L2", "", "2026-06-01", "2026-06-30", 1, 0)
	short := camp("S2", "", "2026-06-10", "2026-06-11", 1, 0)
	f0 := FrequencyCheck([]Campaign{long1, long2, short}, map[uint32]int64{3: 5})
	if f0.OverCap != 5 || len(f0.Conflicts) != 1 || f0.Conflicts[0].Members != 5 {
		t.Errorf("counted per window: %+v", f0)
	}
	// Over-cap members are counted once however many windows they are over in.
	f := FrequencyCheck([]Campaign{a, b, c, near}, map[uint32]int64{15: 2})
	if f.OverCap != 2 || !reflect.DeepEqual(f.Involved, []string{"A", "B", "C", "N"}) {
		t.Errorf("distinct: %+v", f)
	}
}

func TestCapGuard(t *testing.T) {
	a := camp("A", "", "2026-06-01", "2026-06-10", 1, 0)
	b := camp("B", "", "2026-06-05", "2026-06-12", 1, 0)
	c := camp("C", "", "2026-06-08", "2026-06-20", 1, 0)
	cs := []Campaign{a, b, c}
	// Exporting C: members also in A and B already have 2 touches.
	g := NewCapGuard(cs, 2)
	for mask, want := range map[uint32]bool{4: true, 5: true, 6: true, 7: false} {
		if got := g.Allowed(mask); got != want {
			t.Errorf("C, mask %03b: %v, want %v", mask, got, want)
		}
	}
	// Exporting A (first in priority): nobody is left out for later campaigns.
	if !NewCapGuard(cs, 0).Allowed(7) {
		t.Error("A must keep its touches")
	}
	// A two-channel campaign with the default cap: 2 touches, allowed alone.
	two := []Campaign{camp("T", "", "2026-06-01", "2026-06-03", 2, 0), b}
	if !NewCapGuard(two, 0).Allowed(1) || NewCapGuard(two, 1).Allowed(3) {
		t.Error("two-channel guard")
	}
}

func TestFatigueCandidates(t *testing.T) {
	cs := []Campaign{
		camp("L", "", "2026-06-01", "2026-06-30", 1, 0),
		camp("W", "2026-06-10", "2026-06-20", "2026-06-25", 1, 0),
		camp("D", "", "2026-07-01", "2026-07-05", 1, 0),
		camp("E", "", "2026-05-01", "2026-05-05", 1, 0),
		camp("A", "", "2026-06-01", "2026-06-30", 1, 0),
	}
	var ids []string
	for _, c := range FatigueCandidates(cs, cd(t, "2026-06-12")) {
		ids = append(ids, c.ID)
	}
	if !reflect.DeepEqual(ids, []string{"A", "L", "W"}) {
		t.Errorf("candidates = %v", ids)
	}
}

func TestResultsOf(t *testing.T) {
	c := Campaign{SpendFen: 50000, BudgetFen: 100000}
	days := []CampaignDay{
		{Day: 12, Events: 5, Purchases: 2, GMVFen: 30000, Registrations: 1, NewReached: 3, NewConverted: 2},
		{Day: 10, Events: 4, Purchases: 1, GMVFen: 12345, RefundFen: 500, Registrations: 1, NewReached: 2, NewConverted: 0},
	}
	r := ResultsOf(&c, days)
	want := CampaignResults{Reached: 5, Converted: 2, Registrations: 2, Orders: 3, Events: 9, GMVFen: 42345, RefundFen: 500,
		SpendFen: 50000, BudgetFen: 100000, ROI: Ratio{42345, 50000}, CAC: Ratio{50000, 2}, ConversionRate: Ratio{2, 5},
		BudgetUsed: Ratio{50000, 100000}, FirstDay: 10, LastDay: 12}
	if r != want {
		t.Errorf("results = %+v\nwant %+v", r, want)
	}
	zero := ResultsOf(&Campaign{}, nil)
	if zero.ROI.Valid() || zero.CAC.Valid() || zero.ConversionRate.Valid() {
		t.Errorf("zero denominators must be undefined: %+v", zero)
	}
	s := DailySeries(days, Window{From: 9, To: 12})
	if len(s) != 4 || s[0].Day != 9 || s[1].GMVFen != 12345 || s[2].Events != 0 || s[3].Purchases != 2 {
		t.Errorf("series = %+v", s)
	}
	g := GoalProgress(&Campaign{Goals: map[string]int64{"orders": 6, "gmv": 100000, "active_rate": 1400, "new_members": 4}}, r,
		func(m string) (int64, bool) { return 700, m == "active_rate" })
	wantG := []GoalRow{
		{Metric: "active_rate", Goal: 1400, Actual: 700, Known: true, Progress: Ratio{700, 1400}},
		{Metric: "gmv", Goal: 100000, Actual: 42345, Known: true, Progress: Ratio{42345, 100000}},
		{Metric: "new_members", Goal: 4, Actual: 2, Known: true, Progress: Ratio{2, 4}},
		{Metric: "orders", Goal: 6, Actual: 3, Known: true, Progress: Ratio{3, 6}},
	}
	if !reflect.DeepEqual(g, wantG) {
		t.Errorf("goals = %+v", g)
	}
}

func TestMovement(t *testing.T) {
	c := Campaign{Start: 20, End: 29}
	before, during, ok := MovementWindows(&c, 24) // 5 days so far: before = 15..19
	if !ok || before != (Window{15, 19}) || during != (Window{20, 24}) {
		t.Fatalf("windows %v %v %v", before, during, ok)
	}
	if _, _, ok := MovementWindows(&c, 19); ok {
		t.Error("not started: no movement")
	}
	m := NewMovement(before, during)
	buy := func(d Day, fen int64) DayActivity {
		a := DayActivity{Day: d}
		a.Add(KindPurchase, fen)
		return a
	}
	m.Add(&MemberHistory{Days: []DayActivity{buy(14, 999), buy(15, 1000), buy(20, 2000), buy(24, 500), buy(25, 7)}})
	m.Add(&MemberHistory{Days: []DayActivity{buy(19, 300)}})
	m.Add(&MemberHistory{})
	rb, rd, gb, gd := m.Rates()
	if rb != (Ratio{2, 3}) || rd != (Ratio{1, 3}) || gb != (Ratio{1300, 3}) || gd != (Ratio{2500, 3}) {
		t.Errorf("rates %v %v %v %v", rb, rd, gb, gd)
	}
}

func TestTasksDueThisWeek(t *testing.T) {
	asOf := cd(t, "2026-06-10") // a Wednesday; the week ends Sunday 06-14
	cs := []Campaign{
		{ID: "C1", Tasks: []Task{
			{Title: "late", Assignee: "李娜", Due: cd(t, "2026-06-08")},
			{Title: "sunday", Assignee: "李娜", Due: cd(t, "2026-06-14")},
			{Title: "next monday", Assignee: "李娜", Due: cd(t, "2026-06-15")},
			{Title: "done", Assignee: "王磊", Due: cd(t, "2026-06-11"), Done: true},
		}},
		{ID: "C2", Tasks: []Task{{Title: "friday", Assignee: "王磊", Due: cd(t, "2026-06-12")}}},
		{ID: "X", Cancelled: true, Tasks: []Task{{Title: "cancelled", Assignee: "王磊", Due: cd(t, "2026-06-12")}}},
	}
	got := TasksDueThisWeek(cs, asOf)
	if len(got) != 2 || got[0].Assignee != "李娜" || len(got[0].Tasks) != 2 || got[0].Tasks[0].Task.Title != "late" ||
		got[1].Assignee != "王磊" || len(got[1].Tasks) != 1 || got[1].Tasks[0].Campaign != "C2" {
		t.Errorf("got %+v", got)
	}
	if !cs[0].Tasks[0].Overdue(asOf) || cs[0].Tasks[1].Overdue(asOf) || cs[0].Tasks[3].Overdue(asOf) {
		t.Error("overdue")
	}
}
