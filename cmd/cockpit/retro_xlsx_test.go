package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// openWorkbook reads every sheet of a workbook as raw cell values, and the
// sheet names in order.
func openWorkbook(t *testing.T, path string) ([]string, map[string][][]string, *excelize.File) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	sheets := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rs, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		sheets[name] = rs
	}
	return f.GetSheetList(), sheets, f
}

// cellFen reads a money cell (yuan) as fen.
func cellFen(t *testing.T, s string) int64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("money cell %q: %v", s, err)
	}
	return int64(math.Round(v * 100))
}

// sameAsJSON reports whether a number cell, rounded as the JSON rounds
// (six decimals), is the JSON number's text.
func sameAsJSON(cell string, js json.Number) bool {
	v, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		return false
	}
	want, err := js.Float64()
	return err == nil && math.Round(v*1e6)/1e6 == want
}

// kpiNumbers is `kpi --json`'s kpis object with its numbers as written.
func kpiNumbers(t *testing.T, db string, args ...string) map[string]json.Number {
	t.Helper()
	code, out, errs := cli(t, db, append([]string{"kpi", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("kpi %v: %s", args, errs)
	}
	var obj struct {
		KPIs map[string]*json.Number `json:"kpis"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		t.Fatal(err)
	}
	m := map[string]json.Number{}
	for k, v := range obj.KPIs {
		if v != nil {
			m[k] = *v
		} else {
			m[k] = ""
		}
	}
	return m
}

// checkKPICell compares one key-figures cell with kpi --json's value.
func checkKPICell(t *testing.T, what, key, cell string, js json.Number) {
	t.Helper()
	switch {
	case js == "": // undefined: the table's dash
		if cell != "—" {
			t.Errorf("%s %s: %q; want —", what, key, cell)
		}
	case key == "gmv" || key == "refunds" || key == "aov":
		want, _ := js.Float64()
		if cellFen(t, cell) != int64(math.Round(want*100)) {
			t.Errorf("%s %s: %q; want ¥%s", what, key, cell, js)
		}
	default:
		if !sameAsJSON(cell, js) {
			t.Errorf("%s %s: %q; want %s", what, key, cell, js)
		}
	}
}

// retro export --format xlsx (or --out FILE.xlsx) writes the retro's tables
// as sheets whose figures are exactly those of kpi --json for the same
// windows and of campaign show --json for the campaign.
func TestRetroWorkbookHoldsTheFigures(t *testing.T) {
	db := retroSample(t)
	tid := addTarget(t, db, "--metric", "gmv", "--from", "2026-05-01", "--to", "2026-05-31", "--value", "150000")

	// A monthly retro in Chinese, written to a file ending in .xlsx.
	code, rid, errs := cli(t, db, "retro", "new", "--month", "2026-05", "--lang", "zh")
	if code != 0 {
		t.Fatalf("retro new: %s", errs)
	}
	rid = strings.TrimSpace(rid)
	path := filepath.Join(t.TempDir(), "月度复盘.xlsx")
	if code, _, errs := cli(t, db, "retro", "export", rid, "--out", path); code != 0 || !strings.Contains(errs, "(7 sheets)") {
		t.Fatalf("retro export: exit %d %s", code, errs)
	}
	names, sheets, f := openWorkbook(t, path)
	if got := strings.Join(names, ","); got != "目标对比,核心指标对比,阶段流转,等级流转,渠道,活动效果,每日趋势" {
		t.Fatalf("sheets %q", got)
	}
	cur := kpiNumbers(t, db, "--from", "2026-05-01", "--to", "2026-05-31")
	prev := kpiNumbers(t, db, "--from", "2026-03-31", "--to", "2026-04-30") // the 31 days before
	kp := sheets["核心指标对比"]
	if kp[0][0] != "指标" || kp[0][1] != "本期" || kp[0][2] != "上期" {
		t.Errorf("key figures header %q", kp[0])
	}
	for cell, want := range map[string]string{"B2": "2026-05-01", "B3": "2026-05-31", "C2": "2026-03-31", "C3": "2026-04-30"} {
		if got, _ := f.GetCellValue("核心指标对比", cell); got != want {
			t.Errorf("key figures %s shows %q; want %s", cell, got, want)
		}
	}
	seen := 0
	for _, r := range kp[3:] {
		key := r[4]
		js, ok := cur[key]
		if !ok {
			t.Errorf("key figures: unknown key %q", key)
			continue
		}
		seen++
		checkKPICell(t, "this", key, r[1], js)
		checkKPICell(t, "prev", key, r[2], prev[key])
	}
	if seen != len(cur) || seen != 15 {
		t.Errorf("key figures: %d KPIs; want %d", seen, len(cur))
	}
	if got, _ := f.GetCellValue("核心指标对比", "B11"); !strings.HasPrefix(got, "¥") {
		t.Errorf("GMV shows %q; want the ¥ format", got)
	}
	// The target's whole month: its actual is the month's GMV.
	tg := sheets["目标对比"]
	if len(tg) < 2 || tg[1][0] != tid || tg[1][3] != "整体" {
		t.Fatalf("target rows %q", tg)
	}
	gmv, _ := cur["gmv"].Float64()
	if cellFen(t, tg[1][5]) != 15000000 || cellFen(t, tg[1][6]) != int64(math.Round(gmv*100)) ||
		cellFen(t, tg[1][7]) != int64(math.Round(gmv*100))-15000000 {
		t.Errorf("target whole row %q; want 150000, %s and the gap", tg[1], cur["gmv"])
	}
	weeks := 0
	for _, r := range tg[2:] {
		if r[3] == "周" {
			weeks++
		}
	}
	if weeks != 5 { // 2026-W18 … W22 meet May
		t.Errorf("%d week rows; want 5", weeks)
	}
	// The stage flow's total row is the members at the month's end.
	sf := sheets["阶段流转"]
	var total []string
	for _, r := range sf {
		if r[0] == "合计" {
			total = r
		}
	}
	if total == nil || total[len(total)-1] != cur["members_total"].String() {
		t.Errorf("stage flow total %q; want %s members", total, cur["members_total"])
	}
	// The daily sheet: 31 days whose GMV sums to the month's.
	daily := sheets["每日趋势"]
	var sum int64
	for _, r := range daily[1:] {
		sum += cellFen(t, r[1])
	}
	if len(daily) != 32 || sum != int64(math.Round(gmv*100)) {
		t.Errorf("daily: %d rows, GMV %d fen; want 31 and %s", len(daily)-1, sum, cur["gmv"])
	}

	// A campaign retro in English, --format xlsx to a file of another name.
	spans := campaignSpans(t, db)
	var cid string
	for id := range spans {
		if cid == "" || id < cid {
			cid = id
		}
	}
	s := spans[cid]
	if code, _, errs := cli(t, db, "campaign", "add", "--id", cid, "--name", "Spring "+cid, "--type", "promotion",
		"--start", s[0], "--end", s[1], "--spend", "1234.56", "--budget", "2000"); code != 0 {
		t.Fatalf("campaign add: %s", errs)
	}
	code, rid, errs = cli(t, db, "retro", "new", "--campaign", cid, "--lang", "en")
	if code != 0 {
		t.Fatalf("retro new: %s", errs)
	}
	rid = strings.TrimSpace(rid)
	path = filepath.Join(t.TempDir(), "campaign.bin")
	if code, _, errs := cli(t, db, "retro", "export", rid, "--format", "xlsx", "--out", path); code != 0 {
		t.Fatalf("retro export: %s", errs)
	}
	names, sheets, f = openWorkbook(t, path)
	if got := strings.Join(names, ","); !strings.HasPrefix(got, "Target vs actual,Key figures,Stage flow,Tier flow,Channels,Campaigns") {
		t.Fatalf("sheets %q", got)
	}
	_, js, _ := cli(t, db, "campaign", "show", cid, "--json")
	var show struct {
		Start, End string
		Results    map[string]json.Number `json:"results"`
	}
	dec := json.NewDecoder(strings.NewReader(js))
	dec.UseNumber()
	if err := dec.Decode(&show); err != nil {
		t.Fatal(err)
	}
	cp := sheets["Campaigns"]
	if len(cp) != 2 || cp[0][0] != "ID" || cp[1][0] != cid {
		t.Fatalf("campaign rows %q", cp)
	}
	r, res := cp[1], show.Results
	for col, key := range map[int]string{6: "reached", 7: "converted", 8: "registrations"} {
		if r[col] != res[key].String() {
			t.Errorf("%s: %q; want %s", key, r[col], res[key])
		}
	}
	for col, key := range map[int]string{9: "gmv", 10: "spend"} {
		want, _ := res[key].Float64()
		if cellFen(t, r[col]) != int64(math.Round(want*100)) {
			t.Errorf("%s: %q; want %s", key, r[col], res[key])
		}
	}
	if cellFen(t, r[11]) != 200000 {
		t.Errorf("budget %q", r[11])
	}
	for col, key := range map[int]string{12: "roi", 13: "cac"} {
		if res[key] == "" {
			if len(r) > col && r[col] != "" {
				t.Errorf("%s: %q; want empty", key, r[col])
			}
		} else if !sameAsJSON(r[col], res[key]) {
			t.Errorf("%s: %q; want %s", key, r[col], res[key])
		}
	}
	for cell, want := range map[string]string{"E2": s[0], "F2": s[1]} {
		if got, _ := f.GetCellValue("Campaigns", cell); got != want {
			t.Errorf("campaign %s shows %q; want %s", cell, got, want)
		}
	}
	// The campaign's KPIs are kpi --json over its dates.
	kc := kpiNumbers(t, db, "--from", s[0], "--to", s[1])
	for _, row := range sheets["Key figures"][3:] {
		checkKPICell(t, "campaign", row[4], row[1], kc[row[4]])
	}

	// Markdown stays the default; a bad format is bad usage.
	if code, md, _ := cli(t, db, "retro", "export", rid); code != 0 || !strings.Contains(md, "## Background") {
		t.Errorf("default export: exit %d\n%s", code, md)
	}
	if code, _, _ := cli(t, db, "retro", "export", rid, "--format", "pdf"); code != 2 {
		t.Errorf("--format pdf: exit %d; want 2", code)
	}
}

// campaignSpans lists the campaign ids the sample's events carry, with their
// first and last day.
func campaignSpans(t *testing.T, db string) map[string][2]string {
	t.Helper()
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
	if len(span) == 0 {
		t.Fatal("the sample attributes no campaign")
	}
	return span
}
