package rows

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/memberops/cockpit/model"
)

// writeWorkbook writes a workbook built by fill to a temp file and returns its path.
func writeWorkbook(t *testing.T, loc *time.Location, fill func(wb *Workbook)) string {
	t.Helper()
	wb, err := NewWorkbook(loc)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	fill(wb)
	var buf bytes.Buffer
	n, err := wb.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func numFmtOf(t *testing.T, f *excelize.File, sheet, cell string) (int, string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	custom := ""
	if st.CustomNumFmt != nil {
		custom = *st.CustomNumFmt
	}
	return st.NumFmt, custom
}

func TestWorkbookTableCells(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	path := writeWorkbook(t, shanghai, func(wb *Workbook) {
		s, err := wb.AddSheet("指标", []Column{{Title: "指标", Type: ColText}, {Title: "数值", Type: ColMoney},
			{Title: "比率", Type: ColRate}, {Title: "日期", Type: ColDate}, {Title: "时间", Type: ColDateTime}, {Title: "人数", Type: ColInt}})
		if err != nil {
			t.Fatal(err)
		}
		// 2025-08-27 17:54:03 in Shanghai is 09:54:03 UTC.
		at := time.Date(2025, 8, 27, 9, 54, 3, 0, time.UTC)
		must(t, s.Write("GMV", int64(1230), model.Ratio{Num: 1, Den: 8}, model.CivilDay(2025, 8, 27), at, 42))
		must(t, s.Write("refunds", int64(-5), model.Ratio{Num: 1, Den: 0}, nil, at.Add(time.Nanosecond), int64(0)))
		must(t, s.Write("huge", int64(maxExactFen), nil, nil, nil, nil))
		s2, err := wb.AddSheet("指标", []Column{{Title: "a:b/c", Type: ColText}}) // same name: numbered
		if err != nil {
			t.Fatal(err)
		}
		must(t, s2.Write("x"))
		if err := s.Write("late"); err == nil {
			t.Error("writing to a finished sheet must fail")
		}
	})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "指标" || got[1] != "指标 (2)" {
		t.Fatalf("sheets %q", got)
	}
	raw, err := f.GetRows("指标", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"指标", "数值", "比率", "日期", "时间", "人数"},
		{"GMV", "12.3", "0.125", "45896", "45896.7458680555", "42"},
		{"refunds", "-0.05", "", "", "2025-08-27T17:54:03.000000001+08:00", "0"},
		{"huge", "10000000000000.00"},
	}
	if len(raw) != len(want) {
		t.Fatalf("rows %q", raw)
	}
	for i := range want {
		for j := range want[i] {
			if j >= len(raw[i]) || raw[i][j] != want[i][j] {
				t.Errorf("row %d col %d: %q; want %q (row %q)", i+1, j+1, get(raw[i], j), want[i][j], raw[i])
			}
		}
	}
	// excelize writes 15 significant digits, as Excel does: still the same second.
	if s, _ := serialText(45896.7458680555, false, false); s != "2025-08-27 17:54:03" {
		t.Errorf("serial reads %q", s)
	}
	for cell, wantFmt := range map[string]string{"B2": fmtMoney, "D2": fmtDate, "E2": fmtDateTime} {
		if _, custom := numFmtOf(t, f, "指标", cell); custom != wantFmt {
			t.Errorf("%s: number format %q; want %q", cell, custom, wantFmt)
		}
	}
	if id, _ := numFmtOf(t, f, "指标", "C2"); id != fmtRate {
		t.Errorf("C2: number format %d; want %d (0.00%%)", id, fmtRate)
	}
	if id, _ := numFmtOf(t, f, "指标", "F2"); id != fmtInt {
		t.Errorf("F2: number format %d; want %d", id, fmtInt)
	}
	panes, err := f.GetPanes("指标")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, %v; want the header row frozen", panes, err)
	}
	if w, _ := f.GetColWidth("指标", "E"); w != 20 {
		t.Errorf("date-time column width %v; want 20", w)
	}
	if w, _ := f.GetColWidth("指标", "A"); w != 16 {
		t.Errorf("text column width %v; want 16", w)
	}
	if bold := headerBold(t, f, "指标", "A1"); !bold {
		t.Error("header not bold")
	}
	// The formatted view: what a spreadsheet shows.
	shown, _ := f.GetCellValue("指标", "B2")
	if shown != "¥12.30" {
		t.Errorf("money shows %q; want ¥12.30", shown)
	}
}

func headerBold(t *testing.T, f *excelize.File, sheet, cell string) bool {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Font != nil && st.Font.Bold
}

func get(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return "<absent>"
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{"KPIs": "KPIs", "a/b:c?": "a_b_c_", "": "Sheet", "'quoted'": "quoted",
		"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三": "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"} {
		if got := SheetName(in); got != want {
			t.Errorf("SheetName(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestWorkbookNoSheet(t *testing.T) {
	wb, err := NewWorkbook(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if _, err := wb.WriteTo(&bytes.Buffer{}); err == nil {
		t.Error("a workbook without a sheet must not be written")
	}
}

func TestMembersEventsSheets(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	reg := time.Date(2025, 8, 27, 17, 54, 3, 0, loc)
	members := []model.Member{
		{ID: "00123", Name: "张三", Phone: "13800138000", Channel: "小程序", RegisteredAt: reg, Birthday: "1990-03-05", Consent: true, Tags: []string{"vip", "老客"}},
		{ID: "M2", Name: "<&>", Phone: "", Channel: "", RegisteredAt: reg.Add(1500 * time.Millisecond), Birthday: "03-05", Consent: false},
	}
	events := []model.Event{
		{MemberID: "00123", Kind: model.KindPurchase, At: reg, Amount: 1230, OrderID: "20250827000001", Channel: "门店"},
		{MemberID: "00123", Kind: model.KindRedeem, At: reg, Amount: 500},
		{MemberID: "M2", Kind: model.KindLogin, At: reg, Amount: 0},
	}
	path := writeWorkbook(t, loc, func(wb *Workbook) {
		ms, err := NewMembersSheet(wb, "会员", true, true)
		must(t, err)
		for _, m := range members {
			must(t, ms.Write(m))
		}
		es, err := NewEventsSheet(wb, "事件", true)
		must(t, err)
		for _, e := range events {
			must(t, es.Write(e))
		}
	})
	f, err := excelize.OpenFile(path)
	must(t, err)
	defer f.Close()
	raw, err := f.GetRows("会员", excelize.Options{RawCellValue: true})
	must(t, err)
	wantM := [][]string{
		{"会员ID", "姓名", "手机号", "渠道", "注册时间", "生日", "授权", "标签"},
		{"00123", "张三", "138****8000", "小程序", "45896.7458680555", "32937", "1", "vip|老客"},
		{"M2", "<&>", "", "", "45896.7458854166", "03-05", "0"},
	}
	compareRows(t, "members", raw, wantM)
	raw, err = f.GetRows("事件", excelize.Options{RawCellValue: true})
	must(t, err)
	wantE := [][]string{
		{"会员ID", "类型", "时间", "金额", "订单号", "渠道", "活动ID"},
		{"00123", "购买", "45896.7458680555", "12.3", "20250827000001", "门店"},
		{"00123", "兑换", "45896.7458680555", "500"},
		{"M2", "登录", "45896.7458680555"},
	}
	compareRows(t, "events", raw, wantE)
	if _, custom := numFmtOf(t, f, "事件", "D2"); custom != fmtMoney {
		t.Errorf("purchase amount format %q", custom)
	}
	if id, custom := numFmtOf(t, f, "事件", "D3"); id != fmtInt || custom != "" {
		t.Errorf("points format %d %q; want a whole number", id, custom)
	}
	typ, _ := f.GetCellType("会员", "A2")
	if typ != excelize.CellTypeInlineString {
		t.Errorf("member id 00123 is not a text cell (%v): its zeros would be lost", typ)
	}
}

func compareRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows %q; want %d", what, len(got), got, len(want))
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("%s row %d: %q; want %q", what, i+1, got[i], want[i])
			continue
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("%s row %d col %d: %q; want %q", what, i+1, j+1, got[i][j], want[i][j])
			}
		}
	}
}
