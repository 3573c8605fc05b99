package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

type targetShowJSON struct {
	ID, Name, Metric, From, To, Method string
	Source                             string `json:"history_source"`
	Value                              float64
	Months, Weeks, Days                []struct {
		Period                        string
		Target, Actual, Expected, Gap float64
		Status                        string
	}
	ExpectedToDate float64 `json:"expected_to_date"`
	ActualToDate   float64 `json:"actual_to_date"`
	Forecast       float64 `json:"forecast"`
	RunRate        float64 `json:"run_rate_needed"`
}

func showTarget(t *testing.T, db, id string, args ...string) targetShowJSON {
	t.Helper()
	code, out, errs := cli(t, db, append([]string{"target", "show", id, "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("target show: %d %s", code, errs)
	}
	var v targetShowJSON
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return v
}

func addTarget(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errs := cli(t, db, append([]string{"target", "add"}, args...)...)
	if code != 0 {
		t.Fatalf("target add %v: %d %s", args, code, errs)
	}
	return strings.TrimSpace(out)
}

func TestTargetsSplitExactlyAndAgreeWithKPI(t *testing.T) {
	dir := writeSample(t, 2000, 4242, "2026-06-30")
	db := filepath.Join(t.TempDir(), "c.db")
	if code, _, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	cents := func(f float64) int64 { return int64(math.Round(f * 100)) }

	// A future GMV target split by last year's July.
	id := addTarget(t, db, "--metric", "gmv", "--from", "2026-07-01", "--to", "2026-07-31", "--value", "1234567.89", "--method", "history", "--name", "七月GMV")
	if id != "T1" {
		t.Errorf("first id = %q", id)
	}
	g := showTarget(t, db, id)
	if g.Source != "year_ago" || len(g.Days) != 31 || g.Name != "七月GMV" || g.Value != 1234567.89 {
		t.Fatalf("show = %+v", g)
	}
	var sum int64
	for _, d := range g.Days {
		sum += cents(d.Target)
	}
	if sum != 123456789 {
		t.Errorf("days sum to %d fen, want 123456789", sum)
	}
	// Weights: GMV of 2025-07-01..31 from `kpi` day by day.
	var w []int64
	var wsum int64
	for _, d := range g.Days {
		ly := "2025" + d.Period[4:]
		k := kpiJSONOf(t, db, "--from", ly, "--to", ly)["kpis"].(map[string]any)
		w = append(w, cents(k["gmv"].(float64)))
		wsum += w[len(w)-1]
	}
	for i, d := range g.Days {
		exact := float64(123456789) * float64(w[i]) / float64(wsum)
		if math.Abs(float64(cents(d.Target))-exact) >= 1 {
			t.Errorf("%s: %d fen, exact share %.2f", d.Period, cents(d.Target), exact)
		}
	}
	// Weeks and the month are sums of days.
	if len(g.Months) != 1 || cents(g.Months[0].Target) != 123456789 {
		t.Errorf("months = %+v", g.Months)
	}
	var wkSum int64
	for _, wk := range g.Weeks {
		wkSum += cents(wk.Target)
	}
	if wkSum != 123456789 || g.Weeks[0].Period != "2026-W27" {
		t.Errorf("weeks sum %d, first %s", wkSum, g.Weeks[0].Period)
	}

	// A past orders target: actuals agree with `kpi` over the same windows.
	id = addTarget(t, db, "--metric", "orders", "--from", "2026-05-01", "--to", "2026-06-30", "--value", "5000", "--method", "custom", "--weights", "1,3")
	o := showTarget(t, db, id)
	if cents(o.Months[0].Target)+cents(o.Months[1].Target) != 500000 || o.Months[0].Target != 1250 {
		t.Errorf("custom months = %+v", o.Months)
	}
	for _, m := range o.Months {
		from, to := m.Period+"-01", map[string]string{"2026-05": "2026-05-31", "2026-06": "2026-06-30"}[m.Period]
		k := kpiJSONOf(t, db, "--from", from, "--to", to)["kpis"].(map[string]any)
		if m.Actual != k["orders"].(float64) {
			t.Errorf("%s: target actual %v, kpi orders %v", m.Period, m.Actual, k["orders"])
		}
	}
	d := o.Days[17]
	k := kpiJSONOf(t, db, "--from", d.Period, "--to", d.Period)["kpis"].(map[string]any)
	if d.Actual != k["orders"].(float64) {
		t.Errorf("%s: day actual %v, kpi %v", d.Period, d.Actual, k["orders"])
	}
	if o.ActualToDate != o.Months[0].Actual+o.Months[1].Actual {
		t.Errorf("actual to date %v", o.ActualToDate)
	}

	// A level metric: every row carries the whole value; the month's actual is
	// the KPI over the month.
	id = addTarget(t, db, "--metric", "repurchase_rate", "--from", "2026-06-01", "--to", "2026-06-30", "--value", "30%")
	r := showTarget(t, db, id)
	k = kpiJSONOf(t, db, "--from", "2026-06-01", "--to", "2026-06-30")["kpis"].(map[string]any)
	if r.Months[0].Target != 0.3 || r.Days[3].Target != 0.3 || math.Abs(r.Months[0].Actual-k["repurchase_rate"].(float64)) > 0.00005 {
		t.Errorf("level target months %+v, kpi %v", r.Months, k["repurchase_rate"])
	}

	// Bad input is refused with the field named, and nothing is stored.
	code, _, errs := cli(t, db, "target", "add", "--metric", "gmv", "--from", "2026-07-01", "--to", "2026-06-01", "--value", "1")
	if code != exitUsage || !strings.Contains(errs, "to") {
		t.Errorf("bad period: %d %s", code, errs)
	}
	code, _, errs = cli(t, db, "target", "add", "--metric", "gmv", "--from", "2026-07-01", "--to", "2026-07-31", "--value", "1.234")
	if code != exitUsage || !strings.Contains(errs, "value") {
		t.Errorf("bad value: %d %s", code, errs)
	}
	_, out, _ := cli(t, db, "target", "list", "--json")
	var list []map[string]any
	json.Unmarshal([]byte(out), &list)
	if len(list) != 3 {
		t.Errorf("list has %d targets: %s", len(list), out)
	}
}
