package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
)

// The retro tests run on a sample seed no other test uses (and the code was
// not written against): the Markdown's figures must be exactly those of
// `campaign show --json` and of `kpi` for the same window.

var retroHeadingsByLang = map[string][]string{
	"zh": {"## 背景说明", "## 目标对比", "## 各版块数据分析", "## 经验教训", "## 可复用经验"},
	"en": {"## Background", "## Target vs actual", "## Analysis by section", "## Lessons", "## Reusable playbook"},
}

func retroSample(t *testing.T) string {
	t.Helper()
	dir := writeSample(t, 1800, 90731, "2026-06-30")
	db := filepath.Join(t.TempDir(), "r.db")
	if code, out, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
	}
	return db
}

func checkMarkdown(t *testing.T, md, lang string) {
	t.Helper()
	last := -1
	for _, h := range retroHeadingsByLang[lang] {
		i := strings.Index(md, "\n"+h+"\n")
		if i < 0 || i < last {
			t.Fatalf("heading %q missing or out of order in\n%s", h, md)
		}
		last = i
	}
	if strings.Contains(md, "\x1b") || strings.Contains(md, "<no value>") {
		t.Fatalf("escape codes or missing values in\n%s", md)
	}
}

// yuanToFen reads a JSON yuan amount.
func yuanToFen(v any) int64 {
	f, _ := v.(float64)
	return int64(math.Round(f * 100))
}

func TestCampaignRetroCarriesCampaignShowFigures(t *testing.T) {
	db := retroSample(t)
	// Campaign ids the sample's events carry, with their first and last day.
	code, out, errs := cli(t, db, "export", "events", "--format", "jsonl")
	if code != 0 {
		t.Fatal(errs)
	}
	span := map[string][2]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e map[string]any
		if json.Unmarshal([]byte(line), &e) != nil {
			continue
		}
		id, _ := e["campaign_id"].(string)
		at, _ := e["at"].(string)
		if id == "" || len(at) < 10 {
			continue
		}
		d := at[:10]
		s, ok := span[id]
		if !ok || d < s[0] {
			s[0] = d
		}
		if d > s[1] {
			s[1] = d
		}
		span[id] = s
	}
	if len(span) < 2 {
		t.Fatalf("the sample attributes %d campaigns", len(span))
	}
	ids := make([]string, 0, len(span))
	for id := range span {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	n := 0
	for _, id := range ids[:2] {
		s := span[id]
		n++
		lang := []string{"zh", "en"}[n-1]
		if code, _, errs := cli(t, db, "campaign", "add", "--id", id, "--name", "活动|"+id, "--type", "promotion",
			"--start", s[0], "--end", s[1], "--spend", "1234.56", "--budget", "2000"); code != 0 {
			t.Fatalf("campaign add: %s", errs)
		}
		code, rid, errs := cli(t, db, "retro", "new", "--campaign", id, "--lang", lang)
		if code != 0 {
			t.Fatalf("retro new: exit %d %s", code, errs)
		}
		rid = strings.TrimSpace(rid)
		code, md, errs := cli(t, db, "retro", "export", rid)
		if code != 0 {
			t.Fatalf("retro export: %s", errs)
		}
		checkMarkdown(t, md, lang)
		code, js, errs := cli(t, db, "campaign", "show", id, "--json")
		if code != 0 {
			t.Fatalf("campaign show: %s", errs)
		}
		var show struct {
			Status  string         `json:"status"`
			Results map[string]any `json:"results"`
		}
		if err := json.Unmarshal([]byte(js), &show); err != nil {
			t.Fatal(err)
		}
		r := show.Results
		num := func(k string) int64 { f, _ := r[k].(float64); return int64(f) }
		roi := "—"
		if v, ok := r["roi"].(float64); ok {
			roi = fmt.Sprintf("%.2f", v)
		}
		cac := "—"
		if r["cac"] != nil {
			cac = format.Money(yuanToFen(r["cac"]))
		}
		status := map[string]map[string]string{"zh": {"ended": "已结束", "reviewed": "已复盘"}, "en": {"ended": "ended", "reviewed": "reviewed"}}[lang][show.Status]
		typ := map[string]string{"zh": "促销", "en": "Promotion"}[lang]
		row := fmt.Sprintf("| 活动\\|%s (%s) | %s | %s | %s | %s | %s | %s | %s | %s | %s |", id, id, typ, status,
			format.Count(num("reached")), format.Count(num("converted")), format.Count(num("registrations")),
			format.Money(yuanToFen(r["gmv"])), format.Money(yuanToFen(r["spend"])), roi, cac)
		if !strings.Contains(md, row) {
			t.Errorf("%s (%s): the results row\n%s\nis not in\n%s", id, lang, row, md)
		}
		if num("reached") == 0 {
			t.Errorf("%s: nothing reached: %s", id, js)
		}
		// Marking the retro final marks the campaign reviewed.
		if code, _, errs := cli(t, db, "retro", "final", rid); code != 0 {
			t.Fatal(errs)
		}
		_, js, _ = cli(t, db, "campaign", "show", id, "--json")
		if !strings.Contains(js, `"status":"reviewed"`) {
			t.Errorf("after retro final: %s", js)
		}
	}
}

// kpiTableRows reads `cockpit kpi`'s key figures as label → value.
func kpiTableRows(out string) map[string]string {
	rows := map[string]string{}
	in := false
	re := regexp.MustCompile(`^  (\S+(?: \S+)*?)\s{2,}(\S+)$`)
	for _, l := range strings.Split(out, "\n") {
		if l == "KPIs" || l == "核心指标" {
			in = true
			continue
		}
		if m := re.FindStringSubmatch(l); in && m != nil {
			rows[m[1]] = m[2]
		}
	}
	return rows
}

func TestMonthlyRetroAgreesWithKPI(t *testing.T) {
	db := retroSample(t)
	for _, c := range []struct{ month, from, to, lang string }{
		{"2026-05", "2026-05-01", "2026-05-31", "en"},
		{"2026-02", "2026-02-01", "2026-02-28", "zh"},
		{"2025-12", "2025-12-01", "2025-12-31", "en"},
	} {
		code, rid, errs := cli(t, db, "retro", "new", "--month", c.month, "--lang", c.lang)
		if code != 0 {
			t.Fatalf("retro new: %s", errs)
		}
		_, md, errs := cli(t, db, "retro", "export", strings.TrimSpace(rid))
		checkMarkdown(t, md, c.lang)
		code, out, errs := cli(t, db, "kpi", "--from", c.from, "--to", c.to, "--lang", c.lang)
		if code != 0 {
			t.Fatal(errs)
		}
		rows := kpiTableRows(out)
		if len(rows) != len(model.KPIKeys) {
			t.Fatalf("kpi table rows %v", rows)
		}
		for label, v := range rows {
			prefix := "| " + label + " | " + v + " | "
			if !strings.Contains(md, prefix) {
				t.Errorf("%s: %s is %s in kpi, but the retro has no row %q:\n%s", c.month, label, v, prefix, md)
			}
		}
		// The same window's JSON: GMV to the fen.
		js := kpiJSONOf(t, db, "--from", c.from, "--to", c.to)
		gmv := format.Money(yuanToFen(js["kpis"].(map[string]any)["gmv"]))
		if !strings.Contains(md, " | "+gmv+" | ") {
			t.Errorf("%s: GMV %s not in the retro", c.month, gmv)
		}
	}
}

func TestRetroCommands(t *testing.T) {
	db := retroSample(t)
	if code, out, _ := cli(t, db, "retro", "list"); code != 0 || !strings.Contains(out, "no retrospectives") {
		t.Fatalf("empty list: %d %q", code, out)
	}
	if code, _, _ := cli(t, db, "target", "add", "--metric", "gmv", "--from", "2026-04-01", "--to", "2026-06-30", "--value", "300000", "--name", "Q2 GMV"); code != 0 {
		t.Fatal("target add")
	}
	code, tid, _ := cli(t, db, "target", "list", "--json")
	if code != 0 {
		t.Fatal("target list")
	}
	var ts []map[string]any
	json.Unmarshal([]byte(tid), &ts)
	id := ts[0]["id"].(string)
	code, rid, errs := cli(t, db, "retro", "new", "--target", id, "--title", "二季度 GMV 复盘")
	if code != 0 {
		t.Fatal(errs)
	}
	rid = strings.TrimSpace(rid)
	out := filepath.Join(t.TempDir(), "q2.md")
	if code, _, errs := cli(t, db, "retro", "export", rid, "--out", out); code != 0 {
		t.Fatal(errs)
	}
	md, _ := os.ReadFile(out)
	checkMarkdown(t, string(md), "en")
	_, show, _ := cli(t, db, "target", "show", id, "--json")
	var tj map[string]any
	json.Unmarshal([]byte(show), &tj)
	whole := fmt.Sprintf("| 2026-04-01..2026-06-30 | %s | %s |", format.Money(yuanToFen(tj["value"])), format.Money(yuanToFen(tj["actual_to_date"])))
	if !strings.Contains(string(md), whole) {
		t.Errorf("target row %q not in\n%s", whole, md)
	}
	for _, m := range tj["months"].([]any) {
		mm := m.(map[string]any)
		row := fmt.Sprintf("| %s | %s | %s |", mm["period"], format.Money(yuanToFen(mm["target"])), format.Money(yuanToFen(mm["actual"])))
		if !strings.Contains(string(md), row) {
			t.Errorf("month row %q missing", row)
		}
	}
	code, js, _ := cli(t, db, "retro", "list", "--json")
	var items []map[string]any
	if code != 0 || json.Unmarshal([]byte(js), &items) != nil || len(items) != 1 {
		t.Fatalf("list --json: %s", js)
	}
	it := items[0]
	if it["id"] != rid || it["kind"] != "target" || it["status"] != "draft" || it["title"] != "二季度 GMV 复盘" ||
		it["from"] != "2026-04-01" || it["to"] != "2026-06-30" || it["template"] != "target.en.md.tmpl" {
		t.Errorf("list item %v", it)
	}
	for _, bad := range [][]string{
		{"retro"}, {"retro", "nope"}, {"retro", "new"}, {"retro", "new", "--month", "2026-13"},
		{"retro", "new", "--month", "2026-05", "--target", id}, {"retro", "export"},
	} {
		if code, _, _ := cli(t, db, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, exitUsage)
		}
	}
	for _, bad := range [][]string{
		{"retro", "new", "--campaign", "C-NONE"}, {"retro", "export", "R404"}, {"retro", "final", "R404"},
		{"retro", "new", "--month", "2026-05", "--template", "nosuch.md.tmpl"},
	} {
		if code, _, _ := cli(t, db, bad...); code != exitFatal {
			t.Errorf("%v: exit %d, want %d", bad, code, exitFatal)
		}
	}
	// A broken custom template: the error names the file and the line.
	dir := filepath.Join(filepath.Dir(db), "retro-templates")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "team.md.tmpl"), []byte("# {{.Title}}\n{{range .KPIs}}\n"), 0o644)
	code, _, errs = cli(t, db, "retro", "new", "--month", "2026-05", "--template", "team.md.tmpl")
	if code != exitFatal || !strings.Contains(errs, filepath.Join(dir, "team.md.tmpl")+":3:") {
		t.Errorf("broken template: exit %d %q", code, errs)
	}
}
