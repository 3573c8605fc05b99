package sample

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

var testEnd = model.CivilDay(2026, 3, 14)

func shanghai(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	return loc
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWriteCSVDeterministic(t *testing.T) {
	cfg := Config{Members: 3000, Seed: 7, End: testEnd, Loc: shanghai(t)}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	m1, e1, err := WriteCSV(a, cfg)
	if err != nil {
		t.Fatal(err)
	}
	m2, e2, err := WriteCSV(filepath.Join(b, "nested", "dir"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if m1 != 3000 || m1 != m2 || e1 != e2 {
		t.Fatalf("counts differ: %d/%d vs %d/%d", m1, e1, m2, e2)
	}
	for _, f := range []string{"members.csv", "events.csv"} {
		if !bytes.Equal(readFile(t, filepath.Join(a, f)), readFile(t, filepath.Join(b, "nested", "dir", f))) {
			t.Errorf("%s differs between two runs of the same config", f)
		}
	}
	cfg.Seed = 8
	if _, _, err := WriteCSV(c, cfg); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"members.csv", "events.csv"} {
		if bytes.Equal(readFile(t, filepath.Join(a, f)), readFile(t, filepath.Join(c, f))) {
			t.Errorf("%s is the same for seeds 7 and 8", f)
		}
	}
}

// The output must not depend on the number of cores.
func TestGenerateIndependentOfCores(t *testing.T) {
	cfg := Config{Members: 4000, Seed: 3, End: testEnd, Loc: time.UTC}
	hash := func(procs int) [32]byte {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		var mb, eb bytes.Buffer
		if _, _, err := WriteCSVTo(&mb, &eb, cfg); err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(append(mb.Bytes(), eb.Bytes()...))
	}
	if hash(1) != hash(3) {
		t.Error("output differs between GOMAXPROCS=1 and 3")
	}
}

func TestCSVFormat(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{Members: 2000, Seed: 11, End: testEnd, Loc: shanghai(t)}
	if _, _, err := WriteCSV(dir, cfg); err != nil {
		t.Fatal(err)
	}
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	members, events := read("members.csv"), read("events.csv")
	if got := strings.Join(members[0], ","); got != "member_id,name,phone,channel,registered_at,birthday,consent,tags" {
		t.Errorf("members header %q", got)
	}
	if got := strings.Join(events[0], ","); got != "member_id,kind,at,amount,order_id,channel,campaign_id" {
		t.Errorf("events header %q", got)
	}
	phone := regexp.MustCompile(`^1[3-9]\d{9}$`)
	ts := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`)
	birthday := regexp.MustCompile(`^(\d{4}-)?\d\d-\d\d$`)
	yuan := regexp.MustCompile(`^\d+\.\d\d$`)
	channels := map[string]bool{}
	for _, c := range Channels {
		channels[c] = true
	}
	tags := map[string]bool{TagHighValue: true, TagBaby: true, TagStudent: true, TagMom: true, TagOffice: true, TagNew: true, TagOld: true}
	phones := map[string]bool{}
	consent := 0
	emptyTags, emptyBirthday := 0, 0
	for i, r := range members[1:] {
		if r[0] != MemberID(i) {
			t.Fatalf("member %d id %q, want %q", i, r[0], MemberID(i))
		}
		if n := []rune(r[1]); len(n) < 2 || len(n) > 4 {
			t.Errorf("name %q", r[1])
		}
		if !phone.MatchString(r[2]) || phones[r[2]] {
			t.Errorf("phone %q bad or duplicate", r[2])
		}
		phones[r[2]] = true
		if !channels[r[3]] {
			t.Errorf("channel %q", r[3])
		}
		if !ts.MatchString(r[4]) {
			t.Errorf("registered_at %q", r[4])
		}
		if r[5] == "" {
			emptyBirthday++
		} else if !birthday.MatchString(r[5]) {
			t.Errorf("birthday %q", r[5])
		}
		switch r[6] {
		case "true":
			consent++
		case "false":
		default:
			t.Errorf("consent %q", r[6])
		}
		if r[7] == "" {
			emptyTags++
		}
		for _, tg := range strings.Split(r[7], "|") {
			if tg != "" && !tags[tg] {
				t.Errorf("tag %q", tg)
			}
		}
	}
	n := len(members) - 1
	if share := float64(consent) / float64(n); share < 0.85 || share > 0.95 {
		t.Errorf("consent share %.2f, want about 0.9", share)
	}
	if emptyTags == 0 || emptyBirthday == 0 || emptyTags == n || emptyBirthday == n {
		t.Errorf("empty tags %d, empty birthdays %d of %d: want some", emptyTags, emptyBirthday, n)
	}
	// registered_at is non-decreasing with the member number
	for i := 2; i < len(members); i++ {
		if members[i][4] < members[i-1][4] {
			t.Fatalf("member %s registered before %s", members[i][0], members[i-1][0])
		}
	}
	for _, r := range events[1:] {
		k, ok := model.ParseKind(r[1])
		if !ok || r[1] != k.String() {
			t.Fatalf("kind %q", r[1])
		}
		if !ts.MatchString(r[2]) {
			t.Errorf("at %q", r[2])
		}
		switch k {
		case model.KindPurchase, model.KindRefund:
			if !yuan.MatchString(r[3]) || r[4] == "" {
				t.Errorf("%s amount %q order %q", k, r[3], r[4])
			}
		case model.KindRedeem:
			if p, err := strconv.Atoi(r[3]); err != nil || p <= 0 || r[4] != "" {
				t.Errorf("redeem amount %q order %q", r[3], r[4])
			}
		default:
			if r[3] != "" || r[4] != "" {
				t.Errorf("%s with amount %q order %q", k, r[3], r[4])
			}
		}
		if !channels[r[5]] {
			t.Errorf("event channel %q", r[5])
		}
	}
}

// TestSampleContract generates 20,000 members and checks every invariant of
// the events and the distribution at End, with model.DefaultRules and with a
// reference evaluation of the contract written in the test.
func TestSampleContract(t *testing.T) {
	members := 20000
	if testing.Short() {
		members = 5000
	}
	cfg := Config{Members: members, Seed: 1, End: testEnd, Loc: shanghai(t)}
	s := collect(t, cfg)
	t.Log("\n" + s.report())
	for _, e := range s.errs {
		t.Error(e)
	}
	if s.members != members {
		t.Fatalf("%d members, want %d", s.members, members)
	}
	if avg := float64(s.events) / float64(s.members); avg < 8 || avg > 14 {
		t.Errorf("%.2f events per member, want about 10", avg)
	}
	for st, c := range s.mStages {
		if share := float64(c) / float64(s.members); share < 0.03 {
			t.Errorf("stage %s: %.1f%% of members, want ≥ 3%%", model.Stage(st), 100*share)
		}
	}
	for tr, c := range s.mTiers {
		if c == 0 && (members >= 20000 || model.Tier(tr) < model.TierDiamond) {
			t.Errorf("no member in tier %s", model.Tier(tr))
		}
	}
	if s.mStages != s.stages || s.mTiers != s.tiers {
		t.Errorf("model rules %v %v vs reference %v %v", s.mStages, s.mTiers, s.stages, s.tiers)
	}
	for k := model.Kind(0); k < model.NumKinds; k++ {
		if s.kinds[k] == 0 {
			t.Errorf("no %s events", k)
		}
	}
	if r := float64(s.kinds[model.KindRefund]) / float64(s.kinds[model.KindPurchase]); r < 0.03 || r > 0.07 {
		t.Errorf("refunds are %.1f%% of purchases, want about 5%%", 100*r)
	}
	// every campaign that started by End has attributed events; the upcoming one none
	planned := map[string]bool{}
	for _, c := range plannedCampaigns(cfg) {
		planned[c.ID] = true
	}
	for _, c := range Campaigns(cfg) {
		got := s.campEvents[c.ID]
		if planned[c.ID] {
			if got != 0 {
				t.Errorf("planned campaign %s has %d events", c.ID, got)
			}
			continue
		}
		switch {
		case c.Start <= cfg.End && got == 0:
			t.Errorf("campaign %s has no events", c.ID)
		case c.Start > cfg.End && got != 0:
			t.Errorf("upcoming campaign %s has %d events", c.ID, got)
		}
	}
	for id := range s.campEvents {
		found := false
		for _, c := range Campaigns(cfg) {
			found = found || c.ID == id
		}
		if !found {
			t.Errorf("events carry unknown campaign %s", id)
		}
	}
	// seasonality: the 618 and Double 11 peak days beat their month's average
	for _, p := range []model.Day{model.CivilDay(2025, 6, 18), model.CivilDay(2025, 11, 11)} {
		var sum int64
		days := 0
		for d := monthStart(p); d <= monthEnd(p); d++ {
			sum += s.dailyGMV[d]
			days++
		}
		if s.dailyGMV[p]*int64(days) < 2*sum {
			t.Errorf("%s GMV %d not twice its month's daily average %d", p, s.dailyGMV[p], sum/int64(days))
		}
	}
	sf := springFestival(2026)
	var holiday, before int64
	for d := sf; d < sf+5; d++ {
		holiday += s.dailyGMV[d]
	}
	for d := sf - 40; d < sf-35; d++ {
		before += s.dailyGMV[d]
	}
	if holiday*10 > before*7 {
		t.Errorf("no Spring Festival dip: %d over the holiday vs %d a month before", holiday, before)
	}
}

// Other ends, a zone with daylight saving time, small samples: the invariants
// hold whatever the calendar.
func TestOtherEndsAndZones(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata")
	}
	for _, cfg := range []Config{
		{Members: 1500, Seed: 5, End: model.CivilDay(2026, 6, 10), Loc: ny},       // 618 live at End
		{Members: 1500, Seed: 6, End: model.CivilDay(2025, 11, 30), Loc: ny},      // DST change in the window
		{Members: 1500, Seed: 9, End: model.CivilDay(2027, 1, 20), Loc: time.UTC}, // 年货节 upcoming
		{Members: 50, Seed: 1, End: model.CivilDay(2028, 2, 29), Loc: time.UTC},
	} {
		s := collect(t, cfg)
		for _, e := range s.errs {
			t.Errorf("End %s: %s", cfg.End, e)
		}
		if s.members != cfg.Members || s.events == 0 {
			t.Errorf("End %s: %d members, %d events", cfg.End, s.members, s.events)
		}
		checkRecords(t, cfg)
	}
}

func TestRecords(t *testing.T) {
	checkRecords(t, Config{Members: 20000, Seed: 1, End: testEnd, Loc: time.UTC})
}

func checkRecords(t *testing.T, cfg Config) {
	t.Helper()
	end := cfg.End
	camps := Campaigns(cfg)
	types := map[model.CampaignType]int{}
	ids := map[string]bool{}
	upcoming, live := 0, 0
	targets := map[string]model.Target{}
	for _, tg := range Targets(cfg) {
		targets[tg.ID] = tg
	}
	for _, c := range camps {
		if ids[c.ID] {
			t.Errorf("duplicate campaign %s", c.ID)
		}
		ids[c.ID] = true
		types[c.Type]++
		if c.Start > end {
			upcoming++
		}
		if c.Start <= end && end <= c.End {
			live++
		}
		if !(c.WarmupStart <= c.Start && c.Start <= c.End) {
			t.Errorf("%s dates %s %s %s", c.ID, c.WarmupStart, c.Start, c.End)
		}
		if c.Name == "" || len(c.Channels) == 0 || c.BudgetFen <= 0 || c.SpendFen > c.BudgetFen || len(c.Tasks) < 4 || len(c.Goals) == 0 {
			t.Errorf("%s incomplete: %+v", c.ID, c)
		}
		if c.Coupon.SaveFen <= 0 || c.Coupon.SaveFen >= c.Coupon.MinSpendFen {
			t.Errorf("%s coupon %+v", c.ID, c.Coupon)
		}
		for _, tk := range c.Tasks {
			if tk.Assignee == "" || tk.Deliverable == "" || tk.Due < tk.Start {
				t.Errorf("%s task %+v", c.ID, tk)
			}
		}
		if c.TargetID != "" {
			if _, ok := targets[c.TargetID]; !ok {
				t.Errorf("%s links unknown target %s", c.ID, c.TargetID)
			}
		}
	}
	for _, ty := range []model.CampaignType{model.CampaignAcquisition, model.CampaignCultivation, model.CampaignPromotion, model.CampaignReactivation, model.CampaignWinback} {
		if types[ty] == 0 {
			t.Errorf("End %s: no %s campaign", end, ty)
		}
	}
	// The demo's whole launch step as of End: every status, the fatigue
	// guard's live pair, one late task.
	statuses := map[model.CampaignStatus]int{}
	late := 0
	for _, c := range camps {
		statuses[c.Status(end)]++
		for _, tk := range c.Tasks {
			if tk.Overdue(end) {
				late++
			}
		}
	}
	for _, st := range []model.CampaignStatus{model.StatusWarmup, model.StatusLive, model.StatusEnded, model.StatusReviewed} {
		if statuses[st] == 0 {
			t.Errorf("End %s: no %s campaign: %v", end, st, statuses)
		}
	}
	if late < 1 {
		t.Errorf("End %s: no late task", end)
	}
	if live := model.FatigueCandidates(camps, end); len(live) < 2 {
		t.Errorf("End %s: %d campaigns live or in warm-up", end, len(live))
	}
	if upcoming != 2 || live < 2 {
		t.Errorf("End %s: %d upcoming, %d live campaigns", end, upcoming, live)
	}
	covers := false
	for _, tg := range targets {
		if tg.From > tg.To || tg.Value <= 0 || tg.Metric == "" || tg.Name == "" {
			t.Errorf("target %+v", tg)
		}
		if tg.Method == model.MethodCustom {
			months := 0
			for d := monthStart(tg.From); d <= tg.To; d = addMonths(d, 1) {
				months++
			}
			if len(tg.Weights) != months {
				t.Errorf("target %s: %d weights for %d months", tg.ID, len(tg.Weights), months)
			}
		}
		covers = covers || tg.From <= end && end <= tg.To && tg.From >= monthStart(end)
	}
	if !covers {
		t.Errorf("End %s: no target of the current month", end)
	}
	p := Plan(cfg)
	if len(p.Phases) != 4 {
		t.Fatalf("plan phases %d", len(p.Phases))
	}
	if p.Phases[3].To != monthEnd(end) || p.Phases[0].From != addMonths(end, -11) {
		t.Errorf("plan spans %s … %s", p.Phases[0].From, p.Phases[3].To)
	}
	for i, ph := range p.Phases {
		if i > 0 && ph.From != p.Phases[i-1].To+1 {
			t.Errorf("phase %s does not follow %s", ph.Name, p.Phases[i-1].Name)
		}
		for _, m := range ph.Milestones {
			if m.Day < ph.From || m.Day > ph.To || m.Done != (m.Day <= end) {
				t.Errorf("milestone %+v in %s", m, ph.Name)
			}
		}
	}
	rs := Retros(cfg)
	if len(rs) < 2 || len(rs) > 3 {
		t.Errorf("End %s: %d retros", end, len(rs))
	}
	for _, r := range rs {
		if r.Title == "" || r.Background == "" || r.Analysis == "" || r.Lessons == "" || r.Playbook == "" || r.Window.To >= end {
			t.Errorf("retro %+v", r)
		}
		if r.Kind == model.RetroCampaign && !ids[r.Subject] {
			t.Errorf("retro of unknown campaign %s", r.Subject)
		}
	}
}

func TestLive(t *testing.T) {
	cfg := Config{Members: 2000, Seed: 4, End: testEnd, Loc: shanghai(t)}
	ids := map[string]time.Time{}
	if err := Generate(cfg, func(m *model.Member) error { ids[m.ID] = m.RegisteredAt; return nil }, nil); err != nil {
		t.Fatal(err)
	}
	l := NewLive(cfg, 99)
	now := (cfg.End + 1).Time(cfg.Loc).Add(20*time.Hour + 3*time.Minute) // an evening
	var prev time.Time
	orders := map[string]int64{}
	refunded := map[string]bool{}
	total, calls, maxPer := 0, 0, 0
	kinds := map[model.Kind]int{}
	for i := 0; i < 4*60*5; i++ { // five minutes of calls every 250 ms
		now = now.Add(250 * time.Millisecond)
		evs := l.Next(now)
		calls++
		total += len(evs)
		maxPer = max(maxPer, len(evs))
		for _, e := range evs {
			reg, ok := ids[e.MemberID]
			if !ok {
				t.Fatalf("live event for unknown member %q", e.MemberID)
			}
			if e.At.After(now) || e.At.Before(prev) || e.At.Before(reg) {
				t.Fatalf("live event at %v (now %v, previous %v, registered %v)", e.At, now, prev, reg)
			}
			prev = e.At
			kinds[e.Kind]++
			switch e.Kind {
			case model.KindPurchase:
				if _, dup := orders[e.OrderID]; dup || e.OrderID == "" || e.Amount <= 0 {
					t.Fatalf("purchase %+v", e)
				}
				orders[e.OrderID] = e.Amount
			case model.KindRefund:
				amt, ok := orders[e.OrderID]
				if !ok || refunded[e.OrderID] || e.Amount > amt {
					t.Fatalf("refund %+v", e)
				}
				refunded[e.OrderID] = true
			}
		}
	}
	avg := float64(total) / float64(calls)
	t.Logf("live: %d events in %d calls (%.2f per call, max %d): %v", total, calls, avg, maxPer, kinds)
	if avg < 0.3 || avg > 3 || kinds[model.KindPurchase] == 0 || kinds[model.KindBrowse] == 0 {
		t.Errorf("live produced %.2f events per call, %v", avg, kinds)
	}
	// a long pause does not produce a burst; the clock going back produces nothing
	evs := l.Next(now.Add(time.Hour))
	if len(evs) > 200 {
		t.Errorf("%d events after an hour's pause", len(evs))
	}
	if evs := l.Next(now); len(evs) != 0 {
		t.Errorf("%d events when the clock went back", len(evs))
	}
}

// sortMonth must give exactly key order.
func TestSortMonthOrdersKeys(t *testing.T) {
	cfg := Config{Members: 3000, Seed: 2, End: testEnd, Loc: time.UTC}.norm()
	g2 := newGen(cfg)
	g2.st = make([]mstate, cfg.Members)
	g2.ids = memberIDs(cfg.Members)
	w := newWorker(g2)
	for i := range g2.st {
		g2.seedMember(w.pcg, i, 0)
		g2.profile(w.r, i, &g2.st[i], nil)
	}
	for _, ck := range g2.cal.chunks() {
		w.out = w.out[:0]
		for i := range g2.st {
			w.month(i, &g2.st[i], ck)
		}
		w.sortMonth(ck)
		for i := 1; i < len(w.out); i++ {
			if w.out[i].key <= w.out[i-1].key {
				t.Fatalf("month %d: key %x after %x", ck.k, w.out[i].key, w.out[i-1].key)
			}
		}
		for _, e := range w.out {
			if d := int32(e.day()); d < ck.from || d > ck.to {
				t.Fatalf("month %d [%d,%d]: event on day %d", ck.k, ck.from, ck.to, d)
			}
		}
	}
}
