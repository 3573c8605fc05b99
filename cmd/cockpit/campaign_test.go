package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/ui/format"
)

// The campaign oracle recomputes `campaign show --json` (audience size and
// results) from the sample's CSV files and the contract's words, with its own
// parsing and loops, sharing no code with model or store: stages, tiers and
// RFM groups per member as of the as-of day, consent, tags, acquisition
// channel and birthday from members.csv, attribution from events.csv.

type coMember struct {
	id, channel, birthday string
	consent               bool
	tags                  []string
	reg                   int
	events                []coEvent
}

type coEvent struct {
	day    int
	kind   string
	amount int64
	camp   string
}

type coOracle struct {
	members []*coMember
	lastDay int
}

func newCampaignOracle(t *testing.T, membersCSV, eventsCSV string, loc *time.Location) *coOracle {
	o := &coOracle{}
	byID := map[string]*coMember{}
	for _, r := range readCSV(t, membersCSV) {
		if byID[r["member_id"]] != nil {
			continue
		}
		reg, err := time.ParseInLocation("2006-01-02 15:04:05", r["registered_at"], loc)
		if err != nil {
			t.Fatal(err)
		}
		m := &coMember{id: r["member_id"], channel: r["channel"], birthday: r["birthday"], consent: r["consent"] != "false",
			reg: oDay(reg, loc)}
		if r["tags"] != "" {
			m.tags = strings.Split(r["tags"], "|")
		}
		byID[m.id] = m
		o.members = append(o.members, m)
	}
	seenOrder, seenFull := map[string]bool{}, map[string]bool{}
	for _, r := range readCSV(t, eventsCSV) {
		m := byID[r["member_id"]]
		if m == nil {
			continue
		}
		if r["order_id"] != "" {
			k := r["kind"] + "\x00" + r["order_id"]
			if seenOrder[k] {
				continue
			}
			seenOrder[k] = true
		} else {
			k := strings.Join([]string{r["member_id"], r["kind"], r["at"], r["amount"], r["channel"], r["campaign_id"]}, "\x00")
			if seenFull[k] {
				continue
			}
			seenFull[k] = true
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05", r["at"], loc)
		if err != nil {
			t.Fatal(err)
		}
		e := coEvent{day: oDay(at, loc), kind: r["kind"], camp: r["campaign_id"]}
		if e.kind == "purchase" || e.kind == "refund" {
			e.amount = oFen(r["amount"])
		}
		m.events = append(m.events, e)
		o.lastDay = max(o.lastDay, e.day)
	}
	return o
}

// coState is a member's stage, tier and RFM group as of D (group "" for a
// member without a purchase).
type coState struct {
	m                    *coMember
	stage, tier, segment string
}

func (o *coOracle) states(D int) []coState {
	type rfm struct{ r, f, m int64 }
	var out []coState
	var buyers []rfm
	var idx []int
	tiers := []string{"regular", "silver", "gold", "platinum", "diamond"}
	for _, m := range o.members {
		if m.reg > D {
			continue
		}
		last, lastBuy := m.reg, -1
		var n, spend int64
		for _, e := range m.events {
			if e.day > D {
				continue
			}
			last = max(last, e.day)
			switch e.kind {
			case "purchase":
				n++
				spend += e.amount
				lastBuy = max(lastBuy, e.day)
			case "refund":
				spend -= e.amount
			}
		}
		s := coState{m: m, tier: tiers[oTier((&oMember{reg: m.reg, events: oEvents(m)}).growth(D))]}
		switch in := D - last; {
		case in >= 90:
			s.stage = "churned"
		case in >= 30:
			s.stage = "silent"
		case n > 2 || spend > 50000:
			s.stage = "maturity"
		case n >= 1:
			s.stage = "growth"
		default:
			s.stage = "introduction"
		}
		if n > 0 {
			buyers = append(buyers, rfm{int64(D - lastBuy), n, spend})
			idx = append(idx, len(out))
		}
		out = append(out, s)
	}
	var sr, sf, sm int64
	for _, b := range buyers {
		sr, sf, sm = sr+b.r, sf+b.f, sm+b.m
	}
	k := int64(len(buyers))
	names := map[[3]bool]string{
		{true, true, true}: "important_value", {true, false, true}: "important_develop",
		{false, true, true}: "important_keep", {false, false, true}: "important_retain",
		{true, true, false}: "general_value", {true, false, false}: "general_develop",
		{false, true, false}: "general_keep", {false, false, false}: "general_retain",
	}
	for i, b := range buyers {
		out[idx[i]].segment = names[[3]bool{b.r*k <= sr, b.f*k >= sf, b.m*k >= sm}]
	}
	return out
}

func oEvents(m *coMember) []oEvent {
	out := make([]oEvent, len(m.events))
	for i, e := range m.events {
		out[i] = oEvent{day: e.day, kind: e.kind, amount: e.amount}
	}
	return out
}

// coAudience is one campaign's filters as `campaign add` takes them.
type coAudience struct {
	stages, tiers, segments, tags, channels []string
	birthday                                bool
}

func (a coAudience) args() []string {
	var out []string
	for _, p := range []struct {
		flag string
		v    []string
	}{{"--stage", a.stages}, {"--tier", a.tiers}, {"--segment", a.segments}, {"--tag", a.tags}, {"--channel", a.channels}} {
		for _, v := range p.v {
			out = append(out, p.flag, v)
		}
	}
	if a.birthday {
		out = append(out, "--birthday")
	}
	return out
}

func in(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// audience returns the ids of the members who consented and match every
// given filter as of D; birthdays are matched on the month and day over the
// campaign's days [from, to].
func (o *coOracle) audience(a coAudience, D, from, to int) []string {
	bdays := map[string]bool{}
	for d := from; d <= to; d++ {
		md := oDayString(d)[5:]
		bdays[md] = true
		if md == "02-28" {
			y, _ := strconv.Atoi(oDayString(d)[:4])
			if !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
				bdays["02-29"] = true
			}
		}
	}
	var out []string
	for _, s := range o.states(D) {
		m := s.m
		if !m.consent ||
			len(a.stages) > 0 && !in(a.stages, s.stage) ||
			len(a.tiers) > 0 && !in(a.tiers, s.tier) ||
			len(a.segments) > 0 && !in(a.segments, s.segment) ||
			len(a.channels) > 0 && !in(a.channels, m.channel) {
			continue
		}
		if len(a.tags) > 0 {
			hit := false
			for _, t := range m.tags {
				hit = hit || in(a.tags, t)
			}
			if !hit {
				continue
			}
		}
		if a.birthday {
			b := m.birthday
			if len(b) == 10 {
				b = b[5:]
			}
			if b == "" || !bdays[b] {
				continue
			}
		}
		out = append(out, m.id)
	}
	sort.Strings(out)
	return out
}

// results counts every stored event carrying the id, as the contract says.
func (o *coOracle) results(id string, spendFen int64) map[string]any {
	var reached, converted, regs, gmv int64
	for _, m := range o.members {
		r, c := false, false
		for _, e := range m.events {
			if e.camp != id {
				continue
			}
			r = true
			switch e.kind {
			case "purchase":
				c = true
				gmv += e.amount
			case "register":
				regs++
			}
		}
		if r {
			reached++
		}
		if c {
			converted++
		}
	}
	yuan := func(f int64) float64 { v, _ := strconv.ParseFloat(fmt.Sprintf("%d.%02d", f/100, f%100), 64); return v }
	return map[string]any{"reached": float64(reached), "converted": float64(converted), "registrations": float64(regs),
		"gmv": yuan(gmv), "spend": yuan(spendFen), "roi": oRatio(gmv, spendFen), "cac": oRatio(spendFen, regs*100)}
}

func showJSON(t *testing.T, db string, args ...string) map[string]any {
	t.Helper()
	code, out, errs := cli(t, db, append([]string{"campaign", "show", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("campaign show %v: exit %d: %s", args, code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("show output %q: %v", out, err)
	}
	return m
}

func TestCampaignShowAgreesWithOracle(t *testing.T) {
	dir := writeSample(t, 2500, 60613, "2026-06-30") // a seed no other test uses
	db := filepath.Join(t.TempDir(), "c.db")
	members, events := filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv")
	if code, out, errs := cli(t, db, "import", members, events, "--tz", tz); code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
	}
	loc, _ := time.LoadLocation(tz)
	o := newCampaignOracle(t, members, events, loc)
	ids := map[string]bool{}
	for _, m := range o.members {
		for _, e := range m.events {
			if e.camp != "" {
				ids[e.camp] = true
			}
		}
	}
	var campIDs []string
	for id := range ids {
		campIDs = append(campIDs, id)
	}
	sort.Strings(campIDs)
	if len(campIDs) < 5 {
		t.Fatalf("the sample attributes only %v", campIDs)
	}
	audiences := []coAudience{
		{},
		{stages: []string{"silent"}},
		{stages: []string{"growth", "maturity"}, tiers: []string{"silver", "gold", "platinum", "diamond"}},
		{segments: []string{"important_value", "general_keep"}},
		{tags: []string{"白领", "宝妈"}},
		{channels: []string{"门店"}, stages: []string{"churned", "silent"}},
		{birthday: true},
		{tags: []string{"学生"}, birthday: true, segments: []string{"general_develop", "general_retain", "important_retain"}},
		{tags: []string{"没有这个标签"}},
	}
	spends := []string{"0", "1234.56", "88.8", "100000"}
	type added struct {
		id       string
		aud      coAudience
		from, to int
		spendFen int64
	}
	var cs []added
	for i, id := range campIDs {
		from, to := oParseDay("2026-06-01")+i, oParseDay("2026-06-20")+i
		a := added{id: id, aud: audiences[i%len(audiences)], from: from, to: to, spendFen: oFen(spends[i%len(spends)])}
		args := append([]string{"campaign", "add", "--id", id, "--name", "活动 " + id, "--type", "promotion",
			"--start", oDayString(from), "--end", oDayString(to), "--spend", spends[i%len(spends)]}, a.aud.args()...)
		if code, _, errs := cli(t, db, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		cs = append(cs, a)
	}
	// Every audience filter once more on one campaign id the events never carry.
	for i, a := range audiences {
		id := fmt.Sprintf("X%d", i)
		from, to := oParseDay("2026-02-20"), oParseDay("2026-03-05") // crosses 28 Feb
		args := append([]string{"campaign", "add", "--id", id, "--name", id, "--type", "winback",
			"--start", oDayString(from), "--end", oDayString(to)}, a.args()...)
		if code, _, errs := cli(t, db, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		cs = append(cs, added{id: id, aud: a, from: from, to: to})
	}
	checked := 0
	for _, asOf := range []string{"", "2026-03-31", "2025-10-15"} {
		D := o.lastDay
		var args []string
		if asOf != "" {
			D = oParseDay(asOf)
			args = []string{"--as-of", asOf}
		}
		for _, c := range cs {
			got := showJSON(t, db, append([]string{c.id}, args...)...)
			wantSize := len(o.audience(c.aud, D, c.from, c.to))
			if size := got["audience"].(map[string]any)["size"]; size != float64(wantSize) {
				t.Errorf("%s as of %s: audience %v, want %d (%+v)", c.id, oDayString(D), size, wantSize, c.aud)
			}
			wantRes := o.results(c.id, c.spendFen)
			gotRes := got["results"].(map[string]any)
			if len(gotRes) != len(wantRes) {
				t.Errorf("%s: results keys %v", c.id, gotRes)
			}
			for k, w := range wantRes {
				g := gotRes[k]
				if w == nil || g == nil {
					if w != g {
						t.Errorf("%s: %s = %v, want %v", c.id, k, g, w)
					}
					continue
				}
				tol := 0.0
				if k == "roi" || k == "cac" {
					tol = 1e-6
				}
				if d := g.(float64) - w.(float64); d > tol || d < -tol {
					t.Errorf("%s: %s = %v, want %v", c.id, k, g, w)
				}
			}
			for _, k := range []string{"id", "name", "type", "status", "start", "end"} {
				if _, ok := got[k]; !ok {
					t.Errorf("%s: no %q", c.id, k)
				}
			}
			if len(got) != 8 {
				t.Errorf("%s: %d keys, want the contract's 8: %v", c.id, len(got), got)
			}
			checked++
		}
	}
	if checked < 30 {
		t.Fatalf("only %d objects checked", checked)
	}

	// The hand-over: exactly the members `show` counts (the campaigns above
	// overlap, so the cap is ignored here; the cap has its own test), UTF-8
	// with BOM, masked phones.
	for _, c := range cs[:len(audiences)] {
		path := filepath.Join(t.TempDir(), c.id+".csv")
		code, _, errs := cli(t, db, "campaign", "audience", c.id, "--out", path, "--ignore-cap")
		if code != 0 {
			t.Fatalf("audience %s: exit %d: %s", c.id, code, errs)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
			t.Fatalf("%s: no BOM", c.id)
		}
		recs, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(recs[0], ",") != "member_id,name,phone,stage,tier,segment,tags" {
			t.Fatalf("header %v", recs[0])
		}
		var got []string
		for _, r := range recs[1:] {
			got = append(got, r[0])
			if !strings.Contains(r[2], "****") {
				t.Errorf("%s: phone %q not masked", c.id, r[2])
			}
		}
		sort.Strings(got)
		want := o.audience(c.aud, o.lastDay, c.from, c.to)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: exported %d members, want %d", c.id, len(got), len(want))
		}
	}
}

// TestCampaignCommands drives add, task add/done, list and show in words,
// the frequency cap on the hand-over, and bad usage.
func TestCampaignCommands(t *testing.T) {
	dir := writeSample(t, 800, 777, "2026-06-30")
	db := filepath.Join(t.TempDir(), "c.db")
	if code, _, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	add := func(args ...string) {
		t.Helper()
		if code, _, errs := cli(t, db, append([]string{"campaign", "add"}, args...)...); code != 0 {
			t.Fatalf("add %v: exit %d %s", args, code, errs)
		}
	}
	add("--id", "A1", "--name", "唤醒A", "--type", "reactivation", "--start", "2026-06-25", "--end", "2026-07-05",
		"--warmup", "2026-06-20", "--channels", "sms", "--budget", "500", "--coupon", "100/20")
	add("--id", "A2", "--name", "唤醒B", "--type", "reactivation", "--start", "2026-06-28", "--end", "2026-07-10", "--channels", "sms,push")
	for _, bad := range [][]string{
		{"--id", "A1", "--name", "dup", "--type", "promotion", "--start", "2026-06-01", "--end", "2026-06-02"},
		{"--id", "B", "--name", "x", "--type", "nope", "--start", "2026-06-01", "--end", "2026-06-02"},
		{"--id", "B", "--name", "x", "--type", "promotion", "--start", "2026-06-03", "--end", "2026-06-02"},
		{"--id", "B", "--name", "x", "--type", "promotion", "--start", "2026-06-01", "--end", "2026-06-02", "--coupon", "20/20"},
		{"--id", "B", "--name", "x", "--type", "promotion", "--start", "2026-06-01", "--end", "2026-06-02", "--stage", "sleepy"},
	} {
		if code, _, _ := cli(t, db, append([]string{"campaign", "add"}, bad...)...); code != exitUsage {
			t.Errorf("add %v: exit %d, want 2", bad, code)
		}
	}
	if code, out, _ := cli(t, db, "campaign", "task", "add", "A1", "--title", "短信文案", "--assignee", "李娜", "--due", "2026-06-24"); code != 0 || out != "1\n" {
		t.Errorf("task add: %d %q", code, out)
	}
	cli(t, db, "campaign", "task", "add", "A1", "--title", "人群包", "--assignee", "王磊", "--start", "2026-06-20", "--due", "2026-07-01")
	if code, _, _ := cli(t, db, "campaign", "task", "done", "A1", "2"); code != 0 {
		t.Error("task done")
	}
	if code, _, _ := cli(t, db, "campaign", "task", "done", "A1", "9"); code != exitUsage {
		t.Error("task done of a missing task must be bad usage")
	}
	code, out, _ := cli(t, db, "campaign", "show", "A1", "--as-of", "2026-06-30")
	for _, want := range []string{"A1  唤醒A  Reactivation  live  5 d to end", "LATE", "短信文案", "done", "人群包", "frequency cap", "coupon: spend ¥100.00 save ¥20.00"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = cli(t, db, "campaign", "list", "--as-of", "2026-06-22", "--lang", "zh")
	for _, want := range []string{"预热 D-3", "距开始 6 天"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "频次上限") {
		t.Errorf("a draft does not count for the cap:\n%s", out)
	}
	n28 := showJSON(t, db, "A2", "--as-of", "2026-06-28")["audience"].(map[string]any)["size"]
	code, out, _ = cli(t, db, "campaign", "list", "--as-of", "2026-06-28", "--lang", "zh")
	for _, want := range []string{"距结束 7 天", "距结束 12 天", fmt.Sprintf("频次上限：%s 名会员", format.Count(int64(n28.(float64)))), "A1 + A2，2026-06-28 至 2026-07-05", "!频次"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if _, out, _ := cli(t, db, "campaign", "list", "--as-of", "2026-07-20"); strings.Contains(out, "frequency cap") || !strings.Contains(out, "ended") {
		t.Errorf("after both ended:\n%s", out)
	}
	// The cap: A1 (1 touch, earlier) keeps its members; A2 (2 touches) would
	// put every shared member at 3: all of them are left out of A2's file.
	size := int(showJSON(t, db, "A2", "--as-of", "2026-06-30")["audience"].(map[string]any)["size"].(float64))
	code, out, errs := cli(t, db, "campaign", "audience", "A2", "--as-of", "2026-06-30")
	rows := strings.Count(out, "\n") - 1
	if code != 0 || size == 0 || rows != 0 || !strings.Contains(errs, fmt.Sprintf("%s members left out by the frequency cap", format.Count(int64(size)))) {
		t.Errorf("capped A2: exit %d, %d rows of %d, %q", code, rows, size, errs)
	}
	_, out, _ = cli(t, db, "campaign", "audience", "A1", "--as-of", "2026-06-30")
	if rows := strings.Count(out, "\n") - 1; rows != size {
		t.Errorf("A1 keeps its %d members: %d rows", size, rows)
	}
	// Unmasked: phones in full and an audit entry.
	_, out, _ = cli(t, db, "campaign", "audience", "A1", "--unmask", "--as-of", "2026-06-30")
	if strings.Contains(out, "****") {
		t.Error("--unmask still masks")
	}
	if code, _, _ := cli(t, db, "campaign", "show", "NOPE"); code != exitFatal {
		t.Errorf("show of an unknown id: exit %d", code)
	}
}
