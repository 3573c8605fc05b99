package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestKPIByPartsSumToWhole: on a sample no other test uses, `kpi --by X
// --json` has the contract's shape, its whole is `kpi --json`'s "kpis", the
// parts of every additive KPI sum exactly to the whole, and (by channel) each
// part is what the raw-CSV oracle computes for that channel's members alone.
func TestKPIByPartsSumToWhole(t *testing.T) {
	dir := writeSample(t, 2500, 88031, "2026-05-20")
	db := filepath.Join(t.TempDir(), "c.db")
	members, events := filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv")
	if code, out, errs := cli(t, db, "import", members, events, "--tz", tz); code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
	}
	loc, _ := time.LoadLocation(tz)
	o := newOracle(t, members, events, loc)
	channelOf := map[string]string{}
	for _, r := range readCSV(t, members) {
		if _, ok := channelOf[r["member_id"]]; !ok {
			channelOf[r["member_id"]] = r["channel"]
		}
	}
	additive := []string{"members_total", "new_members", "active_members", "buyers", "orders", "gmv", "refunds"}
	for _, args := range [][]string{nil, {"--from", "2026-01-01", "--to", "2026-03-31"}, {"--as-of", "2025-12-31"}} {
		kpi := kpiJSONOf(t, db, args...)
		for _, by := range []string{"channel", "tier", "stage", "new"} {
			code, out, errs := cli(t, db, append([]string{"kpi", "--by", by, "--json"}, args...)...)
			if code != 0 {
				t.Fatalf("kpi --by %s: exit %d: %s", by, code, errs)
			}
			var got struct {
				By    string                    `json:"by"`
				AsOf  string                    `json:"as_of"`
				From  string                    `json:"from"`
				To    string                    `json:"to"`
				Whole map[string]any            `json:"whole"`
				Parts map[string]map[string]any `json:"parts"`
			}
			dec := json.NewDecoder(strings.NewReader(out))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("kpi --by %s: %v\n%s", by, err, out)
			}
			label := by + " " + strings.Join(args, " ")
			if got.By != by || got.AsOf != kpi["as_of"] || got.From != kpi["from"] || got.To != kpi["to"] {
				t.Fatalf("%s: header %+v", label, got)
			}
			want := kpi["kpis"].(map[string]any)
			sameJSON(t, label+" whole", map[string]any{"as_of": 0, "kpis": got.Whole}, map[string]any{"as_of": 0, "kpis": want})
			for _, k := range additive {
				var sum float64
				for name, p := range got.Parts {
					if len(p) != len(want) {
						t.Fatalf("%s: part %s has %d keys, want %d", label, name, len(p), len(want))
					}
					sum += p[k].(float64)
				}
				if k == "gmv" || k == "refunds" { // yuan with two decimals: compare in fen
					if math.Round(sum*100) != math.Round(want[k].(float64)*100) {
						t.Errorf("%s: %s parts sum to %v, whole %v", label, k, sum, want[k])
					}
				} else if sum != want[k].(float64) {
					t.Errorf("%s: %s parts sum to %v, whole %v", label, k, sum, want[k])
				}
			}
			switch by {
			case "tier", "stage":
				counts := kpi[by+"s"].(map[string]any)
				if len(got.Parts) != len(counts) {
					t.Fatalf("%s: %d parts for %d %ss", label, len(got.Parts), len(counts), by)
				}
				for name, n := range counts {
					if got.Parts[name]["members_total"] != n {
						t.Errorf("%s: part %s has %v members, kpi says %v", label, name, got.Parts[name]["members_total"], n)
					}
				}
			case "new":
				if len(got.Parts) != 2 || got.Parts["new"]["members_total"] != want["new_members"] || got.Parts["returning"]["new_members"] != 0.0 {
					t.Errorf("%s: new/returning %v", label, got.Parts)
				}
			case "channel":
				asOf, from, to := oParseDay(got.AsOf), oParseDay(got.From), oParseDay(got.To)
				for name, part := range got.Parts {
					sub := &oracle{members: map[string]*oMember{}, loc: loc}
					for id, m := range o.members {
						if channelOf[id] == name {
							sub.members[id] = m
						}
					}
					if len(sub.members) == 0 {
						t.Fatalf("%s: part %q matches no member of the CSV", label, name)
					}
					sameJSON(t, label+" part "+name, map[string]any{"as_of": 0, "kpis": part},
						map[string]any{"as_of": 0, "kpis": sub.kpi(asOf, from, to)["kpis"]})
				}
			}
		}
	}
	if code, _, _ := cli(t, db, "kpi", "--by", "rfm"); code != exitUsage {
		t.Errorf("--by rfm: exit %d, want %d", code, exitUsage)
	}
}

// TestCohortsAgreeWithRawCSV recomputes every cohort cell and the
// second-purchase rate from the raw CSV, with the oracle's own parsing and
// calendar arithmetic from package time only.
func TestCohortsAgreeWithRawCSV(t *testing.T) {
	dir := writeSample(t, 2000, 51307, "2026-04-12")
	db := filepath.Join(t.TempDir(), "c.db")
	members, events := filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv")
	if code, out, errs := cli(t, db, "import", members, events, "--tz", tz); code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
	}
	loc, _ := time.LoadLocation(tz)
	o := newOracle(t, members, events, loc)
	for _, tc := range []struct {
		asOf           string
		months, within int
	}{{"2026-04-12", 12, 30}, {"2026-01-31", 5, 14}, {"2025-12-01", 1, 60}} {
		code, out, errs := cli(t, db, "cohorts", "--json", "--as-of", tc.asOf, "--months", itoa(tc.months), "--within", itoa(tc.within))
		if code != 0 {
			t.Fatalf("cohorts: exit %d: %s", code, errs)
		}
		var got struct {
			Cohorts []struct {
				Month           string     `json:"month"`
				Size            int64      `json:"size"`
				Active          []*float64 `json:"active"`
				CumGMVPerMember []*float64 `json:"cum_gmv_per_member"`
			} `json:"cohorts"`
			SecondPurchase struct {
				Within int `json:"within_days"`
				Months []struct {
					Month       string   `json:"month"`
					FirstBuyers int64    `json:"first_buyers"`
					Rate        *float64 `json:"rate"`
					Pending     int64    `json:"pending"`
				} `json:"months"`
			} `json:"second_purchase"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		asOf := oParseDay(tc.asOf)
		monthOf := func(d int) int { // months since year 0, from time alone
			tt := time.Unix(int64(d)*86400, 0).UTC()
			return tt.Year()*12 + int(tt.Month()) - 1
		}
		last := monthOf(asOf)
		first := last - tc.months + 1
		if len(got.Cohorts) != tc.months {
			t.Fatalf("%s: %d cohorts, want %d", tc.asOf, len(got.Cohorts), tc.months)
		}
		type cell struct{ active, gmv int64 }
		size := map[int]int64{}
		cells := map[[2]int]*cell{}
		firstBuyers, num, den, pending := map[int]int64{}, map[int]int64{}, map[int]int64{}, map[int]int64{}
		for _, m := range o.members {
			if m.reg > asOf {
				continue
			}
			rm := monthOf(m.reg)
			if rm >= first {
				size[rm]++
				seen := map[int]bool{}
				for _, e := range m.events {
					if e.day > asOf || e.day < m.reg {
						continue
					}
					k := monthOf(e.day) - rm
					c := cells[[2]int{rm, k}]
					if c == nil {
						c = &cell{}
						cells[[2]int{rm, k}] = c
					}
					if e.kind == "purchase" {
						c.gmv += e.amount
					}
					if e.kind != "register" && !seen[k] {
						seen[k] = true
						c.active++
					}
				}
			}
			// Second purchase: the purchase days in order.
			var days []int
			for _, e := range m.events {
				if e.kind == "purchase" && e.day <= asOf {
					days = append(days, e.day)
				}
			}
			if len(days) == 0 {
				continue
			}
			sortInts(days)
			fm := monthOf(days[0])
			if fm < first {
				continue
			}
			firstBuyers[fm]++
			if days[0] > asOf-tc.within {
				pending[fm]++
				continue
			}
			den[fm]++
			if len(days) > 1 && days[1]-days[0] <= tc.within {
				num[fm]++
			}
		}
		for i, c := range got.Cohorts {
			rm := first + i
			if c.Month != time.Date(rm/12, time.Month(rm%12+1), 1, 0, 0, 0, 0, time.UTC).Format("2006-01") {
				t.Fatalf("row %d month %s", i, c.Month)
			}
			if c.Size != size[rm] || len(c.Active) != last-rm+1 || len(c.CumGMVPerMember) != len(c.Active) {
				t.Fatalf("%s %s: size %d (want %d), %d cells (want %d)", tc.asOf, c.Month, c.Size, size[rm], len(c.Active), last-rm+1)
			}
			var cum int64
			for k := range c.Active {
				cl := cells[[2]int{rm, k}]
				if cl == nil {
					cl = &cell{}
				}
				cum += cl.gmv
				if size[rm] == 0 {
					if c.Active[k] != nil || c.CumGMVPerMember[k] != nil {
						t.Fatalf("%s %s M%d: an empty cohort has values", tc.asOf, c.Month, k)
					}
					continue
				}
				if !sameRatio(c.Active[k], cl.active, size[rm]) {
					t.Errorf("%s %s M%d: active %v, want %d/%d", tc.asOf, c.Month, k, c.Active[k], cl.active, size[rm])
				}
				wantYuan := math.Round(float64(cum)/float64(size[rm])) / 100
				if math.Abs(*c.CumGMVPerMember[k]-wantYuan) > 0.0051 {
					t.Errorf("%s %s M%d: gmv per member %v, want %v", tc.asOf, c.Month, k, *c.CumGMVPerMember[k], wantYuan)
				}
			}
		}
		sp := got.SecondPurchase
		if sp.Within != tc.within || len(sp.Months) != tc.months {
			t.Fatalf("second purchase header %+v", sp)
		}
		for i, m := range sp.Months {
			fm := first + i
			if m.FirstBuyers != firstBuyers[fm] || m.Pending != pending[fm] || !sameRatio(m.Rate, num[fm], den[fm]) {
				t.Errorf("%s second purchase %s: %+v, want first %d pending %d rate %d/%d", tc.asOf, m.Month, m, firstBuyers[fm], pending[fm], num[fm], den[fm])
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// sameRatio compares a JSON ratio (six decimals, null when undefined) with
// num/den.
func sameRatio(got *float64, num, den int64) bool {
	if den == 0 {
		return got == nil
	}
	return got != nil && math.Abs(*got-float64(num)/float64(den)) <= 1e-6
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
