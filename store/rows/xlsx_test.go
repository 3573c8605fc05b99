package rows

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheetSpec is a sheet to put in a test workbook: rows of cells, where a
// dateCell is a serial number with a date-time format (as Excel stores a
// date), a float64 a number cell, a bool a boolean cell, a string text; row
// numbers are the index + 1, and a nil row is left out (an empty row).
type sheetSpec struct {
	name string
	rows [][]any
}

type dateCell float64

// makeWorkbook writes a workbook with excelize's ordinary (non-streaming) API,
// as another program would, and returns its path.
func makeWorkbook(t *testing.T, date1904 bool, sheets ...sheetSpec) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		yes := true
		must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm: no seconds shown
	must(t, err)
	for i, sh := range sheets {
		if i == 0 {
			must(t, f.SetSheetName("Sheet1", sh.name))
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case dateCell:
					must(t, f.SetCellFloat(sh.name, cell, float64(v), -1, 64))
					must(t, f.SetCellStyle(sh.name, cell, cell, dateStyle))
				case string:
					must(t, f.SetCellStr(sh.name, cell, v))
				default:
					must(t, f.SetCellValue(sh.name, cell, v))
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	must(t, f.SaveAs(path))
	return path
}

// readRows reads every row of a Reader, cloned, with its error's detail.
type gotRow struct {
	Line   int
	Detail string
	Row    Row
}

func readRows(t *testing.T, rd *Reader) []gotRow {
	t.Helper()
	var out []gotRow
	for {
		r, err := rd.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		g := gotRow{Line: r.Line, Row: *r.Clone()}
		if r.Err != nil {
			var fe *FieldError
			if !errors.As(r.Err, &fe) {
				t.Fatalf("line %d: error %v is not a FieldError", r.Line, r.Err)
			}
			g.Detail = fe.Detail()
		}
		g.Row.Raw, g.Row.Err = nil, nil
		out = append(out, g)
	}
}

func openSheetReader(t *testing.T, path, sheet string, opt Options) (*Reader, *SheetSource) {
	t.Helper()
	src, err := OpenSheet(path, sheet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	rd, err := NewSourceReader(src, "book.xlsx", opt)
	if err != nil {
		t.Fatal(err)
	}
	return rd, src
}

// serialOfText is the 1900-system serial of a wall-clock time.
func serialOfText(t *testing.T, s string) dateCell {
	t.Helper()
	tm, err := time.Parse(time.DateTime, s)
	if err != nil {
		t.Fatal(err)
	}
	v, ok := excelSerial(tm)
	if !ok {
		t.Fatal(s)
	}
	return dateCell(v)
}

var testNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// The same events as a workbook (date cells, number amounts, Chinese
// headers, an empty row, trailing empty cells, a totals row) and as CSV text
// read to the same rows, lines, values and reasons.
func TestWorkbookEventsReadAsCSV(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	must(t, err)
	at := serialOfText(t, "2025-08-27 17:54:03")
	wb := makeWorkbook(t, false, sheetSpec{"订单明细", [][]any{
		{"会员ID", "类型", "时间", "金额", "订单号", "渠道", "活动ID"},
		{"M1", "购买", at, 12.299999999999999, "O1", "门店", "C1"}, // =10.1+2.2
		{"M1", "购买", "2025/8/27 17:54", "12.30", "O2"},         // date and amount typed as text
		nil,                            // an empty row
		{"M1", "退款", at, 12.345, "O3"}, // three real decimals: rejected
		{float64(1001), "purchase", at, 88.0, 2025082700001.0}, // ids in number cells
		{"M1", "login", at, nil, nil, nil, nil},                // trailing empty cells
		{"M2", "兑换", at, 500.0},
		{"M2", "购买", at - 1e-9, 0.1 + 0.2}, // a hair before 17:54:03 still reads as :03
		{"M2", "购买", dateCell(60), 1.0},    // 1900-02-29 does not exist
		{"合计", nil, nil, 24.6},             // the totals row at the end
	}})
	csvText := "会员ID,类型,时间,金额,订单号,渠道,活动ID\n" +
		"M1,购买,2025-08-27 17:54:03,12.30,O1,门店,C1\n" +
		"M1,购买,2025/8/27 17:54,12.30,O2\n" +
		"\n" +
		"M1,退款,2025-08-27 17:54:03,12.345,O3\n" +
		"1001,purchase,2025-08-27 17:54:03,88,2025082700001\n" +
		"M1,login,2025-08-27 17:54:03,,,,\n" +
		"M2,兑换,2025-08-27 17:54:03,500\n" +
		"M2,购买,2025-08-27 17:54:03,0.3\n" +
		"M2,购买,60,1\n" +
		"合计,,,24.6\n"
	opt := Options{Loc: shanghai, Now: testNow}
	rd, src := openSheetReader(t, wb, "", opt)
	if src.Sheet() != "订单明细" || rd.Kind() != Events {
		t.Fatalf("sheet %q kind %v", src.Sheet(), rd.Kind())
	}
	got := readRows(t, rd)
	crd, err := NewReader(strings.NewReader(csvText), "book.xlsx", opt)
	must(t, err)
	want := readRows(t, crd)
	if len(got) != len(want) {
		t.Fatalf("workbook %d rows, CSV %d:\n%+v\n%+v", len(got), len(want), got, want)
	}
	for i := range want {
		// Raw differs (cells vs text); lines, values and reasons do not.
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d:\n workbook %+v\n      CSV %+v", i, got[i], want[i])
		}
	}
	// Hand-checked: what the rows hold.
	if e := got[0].Row.Event; e.Amount != 1230 || !e.At.Equal(time.Date(2025, 8, 27, 9, 54, 3, 0, time.UTC)) {
		t.Errorf("first purchase %+v; want ¥12.30 at 17:54:03 in Shanghai", e)
	}
	if got[2].Line != 5 || !strings.Contains(got[2].Detail, "at most two decimals") {
		t.Errorf("row 5: %+v; want rejected for three decimals", got[2])
	}
	if e := got[3].Row.Event; e.MemberID != "1001" || e.OrderID != "2025082700001" {
		t.Errorf("ids from number cells: %+v", e)
	}
	if got[6].Row.Event.Amount != 30 {
		t.Errorf("0.1+0.2 = %d fen; want 30", got[6].Row.Event.Amount)
	}
	if got[7].Detail == "" || got[8].Detail == "" {
		t.Errorf("1900-02-29 and the totals row must be rejected: %+v %+v", got[7], got[8])
	}
}

func TestWorkbookMembersReadAsCSV(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	reg := serialOfText(t, "2024-03-05 09:05:07")
	bday := serialOfText(t, "1990-03-05 00:00:00")
	wb := makeWorkbook(t, false, sheetSpec{"会员名单", [][]any{
		{"会员ID", "姓名", "手机号", "渠道", "注册时间", "生日", "授权", "标签"},
		{"00123", "张三", float64(13800138000), "小程序", reg, bday, true, "vip|老客"},
		{"00124", "李四", "013800138000", "门店", reg, "03-05", false},
		{"00125", "王五", nil, nil, reg, nil, "否", nil, nil, nil},  // trailing empties beyond the header
		{"00126", "赵六", nil, nil, reg, nil, nil, nil, nil, "备注"}, // a value in a column without a header
	}})
	csvText := "会员ID,姓名,手机号,渠道,注册时间,生日,授权,标签\n" +
		"00123,张三,13800138000,小程序,2024-03-05 09:05:07,1990-03-05,1,vip|老客\n" +
		"00124,李四,013800138000,门店,2024-03-05 09:05:07,03-05,0\n" +
		"00125,王五,,,2024-03-05 09:05:07,,否\n"
	opt := Options{Loc: loc, Now: testNow}
	rd, _ := openSheetReader(t, wb, "", opt)
	got := readRows(t, rd)
	crd, err := NewReader(strings.NewReader(csvText), "book.xlsx", opt)
	must(t, err)
	want := readRows(t, crd)
	if len(got) != 4 {
		t.Fatalf("got %d rows: %+v", len(got), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d:\n workbook %+v\n      CSV %+v", i, got[i], want[i])
		}
	}
	if m := got[0].Row.Member; m.Phone != "13800138000" || m.Birthday != "1990-03-05" || !m.Consent {
		t.Errorf("member %+v", m)
	}
	if got[3].Line != 5 || !strings.Contains(got[3].Detail, "column J, which has no header") {
		t.Errorf("row 5: %+v; want rejected for a value in an unheaded column", got[3])
	}
}

func TestWorkbook1904AndSheetChoice(t *testing.T) {
	at := serialOfText(t, "2025-08-27 17:54:03") - 1462
	wb := makeWorkbook(t, true,
		sheetSpec{"说明", [][]any{{"这是说明页"}}},
		sheetSpec{"Orders", [][]any{{"member_id", "kind", "at"}, {"M1", "login", at}}})
	opt := Options{Loc: time.UTC, Now: testNow}
	rd, src := openSheetReader(t, wb, "orders", opt) // Excel's names are case-insensitive
	if src.Sheet() != "Orders" || !reflect.DeepEqual(src.Sheets(), []string{"说明", "Orders"}) {
		t.Fatalf("sheet %q of %q", src.Sheet(), src.Sheets())
	}
	got := readRows(t, rd)
	if len(got) != 1 || got[0].Detail != "" || !got[0].Row.Event.At.Equal(time.Date(2025, 8, 27, 17, 54, 3, 0, time.UTC)) {
		t.Fatalf("1904 date: %+v", got)
	}
	if _, err := OpenSheet(wb, "Members"); err == nil || !strings.Contains(err.Error(), `no sheet "Members"`) || !strings.Contains(err.Error(), `"说明", "Orders"`) {
		t.Errorf("missing sheet: %v", err)
	}
	// The first sheet is a note, not a table: refused as a CSV without a header is.
	src2, err := OpenSheet(wb, "")
	must(t, err)
	defer src2.Close()
	if _, err := NewSourceReader(src2, "book.xlsx", opt); err == nil {
		t.Error("a first sheet without a header must be refused")
	}
}

// Files that are not workbooks, or are hostile, are refused with a reason and
// never panic.
func TestOpenSheetHostile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, b, 0o600))
		return p
	}
	zipOf := func(files map[string]string) []byte {
		var buf strings.Builder
		zw := zip.NewWriter(&buf)
		for name, body := range files {
			w, err := zw.Create(name)
			must(t, err)
			_, err = io.WriteString(w, body)
			must(t, err)
		}
		must(t, zw.Close())
		return []byte(buf.String())
	}
	// claiming is a zip whose directory says name unpacks to size bytes (a
	// zip bomb's directory, without the work of compressing one).
	claiming := func(name string, size uint64) []byte {
		var buf strings.Builder
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: size, CompressedSize64: 1})
		must(t, err)
		_, err = w.Write([]byte(" "))
		must(t, err)
		must(t, zw.Close())
		return []byte(buf.String())
	}
	cases := []struct {
		name, want string
		body       []byte
	}{
		{"not-a-zip.xlsx", "not a readable Excel workbook", []byte("PK\x03\x04 this is not really a zip")},
		{"old.xls", "Excel 97-2003", append(append([]byte(nil), oleMagic...), make([]byte, 600)...)},
		{"empty-zip.xlsx", "", zipOf(map[string]string{"hello.txt": "hi"})},
		{"huge-styles.xlsx", "unpacks to", claiming("xl/styles.xml", maxWorkbookPart+1)},
		{"huge-sst.xlsx", "shared strings", claiming("xl/sharedStrings.xml", maxSharedStrings+1)},
		{"bomb.xlsx", "more than 4 GiB", claiming("xl/worksheets/sheet1.xml", maxWorkbookUnzip+1)},
		{"garbage-workbook.xlsx", "", zipOf(map[string]string{"[Content_Types].xml": "<<<", "xl/workbook.xml": "<workbook><sheets><sheet name=\"a\" r:id=\"x\"/>", "xl/_rels/workbook.xml.rels": "{"})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, err := OpenSheet(write(c.name, c.body), "")
			if err == nil {
				defer src.Close()
				// Some broken workbooks open; reading them must still not panic.
				if rd, err := NewSourceReader(src, c.name, Options{}); err == nil {
					for {
						if _, err := rd.Next(); err != nil {
							break
						}
					}
				}
				return
			}
			if c.want != "" && !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q; want it to mention %q", err, c.want)
			}
		})
	}
}

func TestIsWorkbook(t *testing.T) {
	for in, want := range map[string]bool{"PK\x03\x04rest": true, string(oleMagic): true, "member_id,name": false, "{\"a\":1}": false, "": false, "PK": false} {
		if got := IsWorkbook([]byte(in)); got != want {
			t.Errorf("IsWorkbook(%q) = %v", in, got)
		}
	}
}
