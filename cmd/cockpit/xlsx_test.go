package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// toWorkbook rewrites a CSV file of the sample as an Excel workbook the way an
// operator's spreadsheet holds it, with excelize's own API (none of the
// cockpit's writer code): Chinese headers and kind names, timestamps as
// date-time cells (shown without seconds, "m/d/yy h:mm"), birthdays as date
// cells, amounts as number cells, phones as number cells, consent as TRUE/FALSE.
func toWorkbook(t *testing.T, src, dst, sheet string, loc *time.Location) {
	t.Helper()
	fh, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	zh := map[string]string{"member_id": "会员ID", "name": "姓名", "phone": "手机号", "channel": "渠道", "registered_at": "注册时间",
		"birthday": "生日", "consent": "授权", "tags": "标签", "kind": "类型", "at": "时间", "amount": "金额", "order_id": "订单号", "campaign_id": "活动ID"}
	kinds := map[string]string{"purchase": "购买", "refund": "退款", "signin": "签到", "login": "登录", "redeem": "兑换"}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	dateTime, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	money, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	serial := func(s string, layout string) float64 {
		tm, err := time.ParseInLocation(layout, s, loc)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		y, m, d := tm.Date()
		wall := time.Date(y, m, d, tm.Hour(), tm.Minute(), tm.Second(), 0, time.UTC)
		return wall.Sub(epoch).Seconds() / 86400
	}
	header := recs[0]
	for i, rec := range recs {
		row := make([]any, len(rec))
		for j, v := range rec {
			if i == 0 {
				row[j] = zh[v]
				continue
			}
			switch col := header[j]; {
			case v == "":
				row[j] = nil
			case col == "at" || col == "registered_at":
				row[j] = excelize.Cell{StyleID: dateTime, Value: serial(v, "2006-01-02 15:04:05")}
			case col == "birthday" && len(v) == 10:
				row[j] = excelize.Cell{StyleID: date, Value: serial(v, "2006-01-02")}
			case col == "amount":
				x, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatal(err)
				}
				row[j] = excelize.Cell{StyleID: money, Value: x}
			case col == "phone" && regexp.MustCompile(`^[1-9][0-9]{6,14}$`).MatchString(v):
				n, _ := strconv.ParseInt(v, 10, 64)
				row[j] = n
			case col == "consent":
				row[j] = v == "true"
			case col == "kind" && kinds[v] != "":
				row[j] = kinds[v]
			default:
				row[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
}

// The acceptance test: on a sample no other test uses, the same members and
// events imported from CSV and from workbooks give byte-identical kpi --json,
// and the same exports.
func TestWorkbooksGiveTheIdenticalKPIJSON(t *testing.T) {
	dir := writeSample(t, 2500, 60917, "2026-07-31")
	a := filepath.Join(t.TempDir(), "a.db")
	if code, out, errs := cli(t, a, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatalf("csv import: %d %s %s", code, out, errs)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	wbDir := t.TempDir()
	members, events := filepath.Join(wbDir, "会员名单.xlsx"), filepath.Join(wbDir, "订单明细.xlsx")
	toWorkbook(t, filepath.Join(dir, "members.csv"), members, "会员", loc)
	toWorkbook(t, filepath.Join(dir, "events.csv"), events, "订单", loc)
	b := filepath.Join(t.TempDir(), "b.db")
	code, out, errs := cli(t, b, "import", events, members, "--tz", tz) // members first whatever the order
	if code != 0 {
		t.Fatalf("workbook import: %d %s %s", code, out, errs)
	}
	if !strings.Contains(out, `sheet "会员" of 1`) || !strings.Contains(out, `sheet "订单" of 1`) {
		t.Errorf("the summary does not name the sheets read:\n%s", out)
	}
	for _, args := range [][]string{nil, {"--from", "2025-12-01", "--to", "2026-02-28"}, {"--as-of", "2026-03-15"}} {
		_, ja, _ := cli(t, a, append([]string{"kpi", "--json"}, args...)...)
		_, jb, _ := cli(t, b, append([]string{"kpi", "--json"}, args...)...)
		if ja != jb || len(ja) < 100 {
			t.Errorf("kpi %v differs:\ncsv      %s\nworkbook %s", args, ja, jb)
		}
	}
	for _, what := range []string{"members", "events"} {
		_, x, _ := cli(t, a, "export", what, "--unmask")
		_, y, _ := cli(t, b, "export", what, "--unmask")
		if x != y || len(x) < 1000 {
			t.Errorf("export %s differs between the CSV and the workbook imports (%d vs %d bytes)", what, len(x), len(y))
		}
	}
}

// Round trip: export members and events as workbooks (unmasked, as an admin;
// in Chinese and in English), import them into a fresh file, and the CSV
// exports are the same bytes.
func TestWorkbookExportImportRoundTrip(t *testing.T) {
	dir := writeSample(t, 700, 8123, "2026-05-31")
	a := filepath.Join(t.TempDir(), "a.db")
	if code, _, errs := cli(t, a, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	for _, lang := range []string{"zh", "en"} {
		out := t.TempDir()
		m, e := filepath.Join(out, "m.xlsx"), filepath.Join(out, "e.dat")
		if code, _, errs := cli(t, a, "export", "members", "--unmask", "--out", m, "--lang", lang); code != 0 { // .xlsx: a workbook
			t.Fatal(errs)
		}
		if code, _, errs := cli(t, a, "export", "events", "--format", "xlsx", "--out", e, "--lang", lang); code != 0 {
			t.Fatal(errs)
		}
		b := filepath.Join(t.TempDir(), "b.db")
		if code, out, errs := cli(t, b, "import", m, e, "--tz", tz); code != 0 {
			t.Fatalf("%s re-import: %d %s %s", lang, code, out, errs)
		}
		for _, what := range []string{"members", "events"} {
			_, x, _ := cli(t, a, "export", what, "--unmask")
			_, y, _ := cli(t, b, "export", what, "--unmask")
			if x != y || len(x) < 100 {
				t.Errorf("%s: %s export differs after a workbook round trip (%d vs %d bytes)", lang, what, len(x), len(y))
			}
		}
		_, ka, _ := cli(t, a, "kpi", "--json")
		_, kb, _ := cli(t, b, "kpi", "--json")
		if ka != kb {
			t.Errorf("%s: kpi differs after a workbook round trip", lang)
		}
	}
	// Masked unless asked, and the header in the user's language.
	m := filepath.Join(t.TempDir(), "masked.xlsx")
	if code, _, errs := cli(t, a, "export", "members", "--out", m, "--lang", "zh"); code != 0 {
		t.Fatal(errs)
	}
	f, err := excelize.OpenFile(m)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("会员")
	if len(rows) != 701 || rows[0][0] != "会员ID" || !strings.Contains(rows[1][2], "****") {
		t.Errorf("masked export: %d rows, header %q, first row %q", len(rows), rows[0], rows[1])
	}
	if panes, _ := f.GetPanes("会员"); !panes.Freeze || panes.YSplit != 1 {
		t.Error("the header row is not frozen")
	}
}

// A workbook made by a real spreadsheet program, kept as a fixture. The files
// in testdata/libreoffice were made from the CSV files beside them with
// LibreOffice 7.4.7.2 (Debian 12, locale C.UTF-8), by:
//
//	soffice --headless --infilter="CSV:44,34,76,1,,0,false,true" \
//	  --convert-to xlsx:"Calc MS Excel 2007 XML" 会员名单.csv 订单明细.csv
//
// Calc turned the timestamps it recognised into date-time cells
// (yyyy-mm-dd hh:mm:ss, 15 significant digits), "1990-03-05" into a date
// cell, amounts, phones and order ids into number cells; it left
// "2025/9/4 20:00" and "03-05" as text. The workbooks hold an empty row, a
// 12.345 amount, an unknown member and a 合计 totals row.
func TestLibreOfficeWorkbookImports(t *testing.T) {
	fixtures := filepath.Join("testdata", "libreoffice")
	work := t.TempDir()
	for _, name := range []string{"会员名单.xlsx", "订单明细.xlsx", "会员名单.csv", "订单明细.csv"} {
		b, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	wb := filepath.Join(t.TempDir(), "wb.db")
	code, out, errs := cli(t, wb, "import", filepath.Join(work, "会员名单.xlsx"), filepath.Join(work, "订单明细.xlsx"), "--tz", tz)
	if code != 3 {
		t.Fatalf("exit %d; want 3 (some rows rejected): %s %s", code, out, errs)
	}
	for _, want := range []string{"4 rows read: 4 stored, 0 updated, 0 duplicates, 0 rejected", "8 rows read: 5 stored, 0 updated, 0 duplicates, 3 rejected",
		`sheet "会员名单" of 1`, `sheet "订单明细" of 1`} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	rej, err := os.ReadFile(filepath.Join(work, "订单明细.xlsx.rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(rej), "\ufeff")))
	cr.FieldsPerRecord = -1 // a rejected row carries its cells up to the last one
	rejects, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantRejects := [][2]string{{"4", "field amount (金额): \"12.345\": at most two decimals"}, {"9", "M099"}, {"10", "field kind (类型): required"}}
	if len(rejects) != 4 {
		t.Fatalf("rejects file: %q", rejects)
	}
	for i, w := range wantRejects {
		if r := rejects[i+1]; r[0] != w[0] || !strings.Contains(r[1], w[1]) {
			t.Errorf("reject %d: line %s reason %q; want line %s and %q", i+1, r[0], r[1], w[0], w[1])
		}
	}
	_, exported, _ := cli(t, wb, "export", "events")
	wantEvents := "member_id,kind,at,amount,order_id,channel,campaign_id\n" +
		"M001,purchase,2025-08-27 18:00:01,12.30,20250827000001,小程序,C1\n" +
		"M001,purchase,2025-08-28 10:15:00,199.00,20250828000002,门店,\n" +
		"M002,login,2025-08-29 11:01:02,,,,\n" +
		"M003,redeem,2025-09-03 08:00:00,500,,抖音,\n" +
		"M004,purchase,2025-09-04 20:00:00,88.80,20250904000004,小程序,C1\n"
	if exported != wantEvents {
		t.Errorf("events as stored:\n%s\nwant:\n%s", exported, wantEvents)
	}
	_, members, _ := cli(t, wb, "export", "members", "--unmask")
	if !strings.Contains(members, "M001,张三,13800138000,小程序,2025-08-27 17:54:03,1990-03-05,true,vip|老客\n") ||
		!strings.Contains(members, "M002,李四,13900139000,门店,2025-08-28 09:05:00,03-05,false,\n") {
		t.Errorf("members as stored:\n%s", members)
	}
	// The same data from the CSV files Calc read: the same state.
	c := filepath.Join(t.TempDir(), "csv.db")
	if code, out, errs := cli(t, c, "import", filepath.Join(work, "会员名单.csv"), filepath.Join(work, "订单明细.csv"), "--tz", tz); code != 3 {
		t.Fatalf("csv import: exit %d %s %s", code, out, errs)
	}
	for _, what := range []string{"members", "events"} {
		_, x, _ := cli(t, wb, "export", what, "--unmask")
		_, y, _ := cli(t, c, "export", what, "--unmask")
		if x != y {
			t.Errorf("%s: workbook and CSV imports differ:\n%s\n%s", what, x, y)
		}
	}
}

// kpi --format xlsx holds the figures of kpi --json, as numbers.
func TestKPIWorkbookHoldsTheFigures(t *testing.T) {
	dir := writeSample(t, 600, 7001, "2026-06-30")
	db := filepath.Join(t.TempDir(), "k.db")
	if code, _, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	k := filepath.Join(t.TempDir(), "k.xlsx")
	if code, _, errs := cli(t, db, "kpi", "--out", k, "--lang", "zh"); code != 0 {
		t.Fatal(errs)
	}
	_, js, _ := cli(t, db, "kpi", "--json")
	var obj struct {
		Stages map[string]float64 `json:"stages"`
		KPIs   map[string]any     `json:"kpis"`
	}
	if err := json.Unmarshal([]byte(js), &obj); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(k)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != "核心指标,生命周期阶段,会员等级,RFM八大人群" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("核心指标", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]string{}
	for _, r := range rows[1:] {
		byKey[r[2]] = r[1]
	}
	for key, v := range obj.KPIs {
		got, err := strconv.ParseFloat(byKey[key], 64)
		want, ok := v.(float64)
		if !ok { // null: a rate without a denominator is an empty cell
			if byKey[key] != "" {
				t.Errorf("%s: %q; want empty", key, byKey[key])
			}
			continue
		}
		if key == "aov" {
			want = math.Round(want*100) / 100 // to the fen, as the table prints it
		}
		if err != nil || math.Abs(got-want) > 5e-7 { // the JSON carries six decimals
			t.Errorf("%s: cell %q; want %v", key, byKey[key], want)
		}
	}
	stages, _ := f.GetRows("生命周期阶段", excelize.Options{RawCellValue: true})
	for _, r := range stages[1:] {
		if n, _ := strconv.ParseFloat(r[1], 64); n != obj.Stages[r[3]] {
			t.Errorf("stage %s: %s; want %v", r[3], r[1], obj.Stages[r[3]])
		}
	}
}

func TestImportWorkbookErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	fake := filepath.Join(dir, "fake.xlsx")
	if err := os.WriteFile(fake, []byte("PK\x03\x04 not a zip at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := cli(t, db, "import", fake, "--tz", tz)
	if code != 1 || !strings.Contains(errs, "not a readable Excel workbook") || !strings.Contains(errs, "save it as") {
		t.Errorf("not a zip: exit %d %s", code, errs)
	}
	wb := filepath.Join("testdata", "libreoffice", "会员名单.xlsx")
	code, _, errs = cli(t, db, "import", wb, "--sheet", "会员", "--tz", tz)
	if code != 1 || !strings.Contains(errs, `no sheet "会员"`) || !strings.Contains(errs, `its sheets: "会员名单"`) {
		t.Errorf("missing sheet: exit %d %s", code, errs)
	}
	csvFile := filepath.Join("testdata", "libreoffice", "会员名单.csv")
	code, _, errs = cli(t, db, "import", csvFile, "--sheet", "会员名单", "--tz", tz)
	if code != 1 || !strings.Contains(errs, "--sheet is for Excel workbooks") {
		t.Errorf("--sheet on CSV: exit %d %s", code, errs)
	}
}

// target show --format xlsx: months, weeks and days sheets; the day targets
// are money cells that sum to the target, and each row matches the JSON.
func TestTargetWorkbook(t *testing.T) {
	dir := writeSample(t, 400, 3131, "2026-06-30")
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	id := addTarget(t, db, "--metric", "gmv", "--from", "2026-05-15", "--to", "2026-07-14", "--value", "100000.01", "--method", "history")
	rate := addTarget(t, db, "--metric", "repurchase_rate", "--from", "2026-06-01", "--to", "2026-06-30", "--value", "25.5%")
	out := filepath.Join(t.TempDir(), "t.xlsx")
	if code, _, errs := cli(t, db, "target", "show", id, "--format", "xlsx", "--out", out); code != 0 {
		t.Fatal(errs)
	}
	js := showTarget(t, db, id)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Months,Weeks,Days" {
		t.Fatalf("sheets %q", got)
	}
	days, _ := f.GetRows("Days", excelize.Options{RawCellValue: true})
	if len(days) != 1+61 {
		t.Fatalf("%d day rows; want 61", len(days)-1)
	}
	var sum int64
	for _, r := range days[1:] {
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatalf("day target %q", r[1])
		}
		sum += int64(math.Round(v * 100))
	}
	if sum != 10000001 {
		t.Errorf("day targets sum to %d fen; want 10000001", sum)
	}
	if shown, _ := f.GetCellValue("Days", "A2"); shown != "2026-05-15" {
		t.Errorf("first day shows %q", shown)
	}
	months, _ := f.GetRows("Months", excelize.Options{RawCellValue: true})
	for i, m := range js.Months {
		r := months[i+1]
		got, _ := strconv.ParseFloat(r[3], 64)
		if r[0] != m.Period || math.Abs(got-m.Target) > 0.001 {
			t.Errorf("month %d: %q; want %s %v", i, r, m.Period, m.Target)
		}
	}
	// A rate target: percentages.
	if code, _, errs := cli(t, db, "target", "show", rate, "--out", out); code != 0 {
		t.Fatal(errs)
	}
	f2, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if shown, _ := f2.GetCellValue("Months", "D2"); shown != "25.50%" {
		t.Errorf("rate target shows %q; want 25.50%%", shown)
	}
}

// campaign audience --format xlsx holds the rows of the CSV audience, in the
// same order, with the header in the user's language.
func TestCampaignAudienceWorkbook(t *testing.T) {
	dir := writeSample(t, 500, 4545, "2026-06-30")
	db := filepath.Join(t.TempDir(), "c.db")
	if code, _, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := cli(t, db, "campaign", "add", "--id", "A1", "--name", "召回", "--type", "winback",
		"--start", "2026-07-01", "--end", "2026-07-10", "--stage", "silent"); code != 0 {
		t.Fatal(errs)
	}
	_, csvOut, _ := cli(t, db, "campaign", "audience", "A1", "--as-of", "2026-06-30")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvOut, "\ufeff"))).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("csv audience: %v %d rows", err, len(recs))
	}
	out := filepath.Join(t.TempDir(), "a.xlsx")
	if code, _, errs := cli(t, db, "campaign", "audience", "A1", "--as-of", "2026-06-30", "--out", out, "--lang", "zh"); code != 0 {
		t.Fatal(errs)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("目标人群")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs) || rows[0][0] != "会员ID" {
		t.Fatalf("workbook %d rows (header %q); csv %d", len(rows), rows[0], len(recs))
	}
	for i := 1; i < len(recs); i++ {
		for j := range recs[i] {
			if get := func(r []string, k int) string {
				if k < len(r) {
					return r[k]
				}
				return ""
			}; get(rows[i], j) != recs[i][j] {
				t.Fatalf("row %d col %d: %q; csv %q", i, j, get(rows[i], j), recs[i][j])
			}
		}
		if !strings.Contains(rows[i][2], "*") && rows[i][2] != "" {
			t.Fatalf("row %d: phone %q not masked", i, rows[i][2])
		}
	}
}
