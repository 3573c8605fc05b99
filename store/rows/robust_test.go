package rows

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"golang.org/x/text/encoding/unicode"
)

// Tests for issue 11: a file from a till, a CRM or a colleague's Excel must
// never garble, shift or silently swallow rows.

// Point 2: one cut character in a UTF-8 file used to make the whole file
// GB18030 (小程序 → 灏忕▼搴�). Now the file stays UTF-8 and only the damaged
// row is rejected.
func TestOneDamagedRowKeepsTheFileUTF8(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("member_id,name,registered_at,channel\n")
	for i := 0; i < 200; i++ {
		if i == 3 {
			// "小程序" cut after 8 bytes by a byte-length column.
			b.WriteString("m3,张三,2024-01-01,小程\xe5\xba\n")
			continue
		}
		fmt.Fprintf(&b, "m%d,王小明,2024-01-01,小程序\n", i)
	}
	r, rows := readAll(t, b.Bytes(), "u.csv", Options{})
	if r.Encoding() != EncUTF8 {
		t.Fatalf("encoding %v, want utf8", r.Encoding())
	}
	bad := 0
	for _, g := range rows {
		if g.Err != nil {
			bad++
			if g.Line != 5 || g.Err.Field != "channel" || !strings.Contains(g.Err.Reason, "not valid UTF-8") {
				t.Errorf("rejected %+v", g.Err)
			}
			continue
		}
		if g.Member.Name != "王小明" || g.Member.Channel != "小程序" {
			t.Fatalf("line %d garbled: %q %q", g.Line, g.Member.Name, g.Member.Channel)
		}
	}
	if bad != 1 || len(rows) != 200 {
		t.Errorf("%d rows, %d rejected", len(rows), bad)
	}
	// A real GBK file is still GB18030.
	r, rows = readAll(t, gb(t, "member_id,name,registered_at,channel\nm1,王小明,2024-01-01,小程序\nm2,张三,2024-01-01,门店\n"), "g.csv", Options{})
	if r.Encoding() != EncGB18030 || rows[0].Member.Channel != "小程序" || rows[1].Member.Name != "张三" {
		t.Errorf("gbk: %v %+v", r.Encoding(), rows)
	}
}

// Point 5: an unclosed quote used to swallow the rest of the file into one
// field. Now that row alone is rejected, naming the quote, and every later
// row is read.
func TestUnclosedQuoteRejectsOnlyItsRow(t *testing.T) {
	var b strings.Builder
	b.WriteString("member_id,name,registered_at\n")
	for i := 2; i <= 1001; i++ {
		if i == 11 {
			b.WriteString("m11,\"Tom,2024-01-01\n")
			continue
		}
		fmt.Fprintf(&b, "m%d,Name %d,2024-01-01\n", i, i)
	}
	_, rows := readAll(t, []byte(b.String()), "q.csv", Options{})
	if len(rows) != 1000 {
		t.Fatalf("%d rows, want 1000", len(rows))
	}
	for i, g := range rows {
		if g.Line != i+2 {
			t.Fatalf("row %d at line %d", i, g.Line)
		}
		if (g.Err != nil) != (g.Line == 11) {
			t.Fatalf("line %d: %+v", g.Line, g.Err)
		}
	}
	if e := rows[9].Err; !strings.Contains(e.Reason, "quote") || e.Line != 11 || rows[9].Raw[0] != "m11" {
		t.Errorf("line 11: %+v raw %q", e, rows[9].Raw)
	}
	// Near the end of the file too, and with a quoted multi-line value before.
	in := "member_id,name,registered_at\nm1,\"a\nb\",2024-01-01\nm2,\"Tom,2024-01-01\nm3,ok,2024-01-01\n"
	_, rows = readAll(t, []byte(in), "q.csv", Options{})
	if len(rows) != 3 || rows[0].Member.Name != "a\nb" || rows[1].Err == nil || rows[1].Line != 4 || rows[2].Err != nil || rows[2].Line != 5 {
		t.Errorf("rows %+v", rows)
	}
}

// Point 6: extra fields (an unquoted "1,234.50") used to shift nothing into
// place and store ¥1.00 with order id "234.50". Now the row is rejected.
func TestExtraFieldsRejectTheRow(t *testing.T) {
	in := "member_id,kind,at,amount,order_id,channel,campaign_id\n" +
		"m1,purchase,2024-01-01 10:00:00,1,234.50,O1,APP,,,\n" +
		"m1,purchase,2024-01-01 10:00:00,\"1,234.50\",O1,APP,\n"
	_, rows := readAll(t, []byte(in), "x.csv", Options{})
	if len(rows) != 2 || rows[0].Err == nil || !strings.Contains(rows[0].Err.Reason, "10 fields, but the header has 7") {
		t.Fatalf("rows %+v", rows)
	}
	// The quoted one is still a bad amount (thousands separator), not a shift.
	if rows[1].Err == nil || rows[1].Err.Field != "amount" {
		t.Errorf("quoted: %+v", rows[1].Err)
	}
}

// Points 4 and 12: ids over 128 bytes, names over 256, text over 1 KiB and
// control characters are rejected per row, naming the real line.
func TestFieldLimits(t *testing.T) {
	long := strings.Repeat("x", 40<<10)
	in := "member_id,name,registered_at,phone,tags\n" +
		"m1,ok,2024-01-01,138,a|b\n" + // 2
		strings.Repeat("i", 129) + ",n,2024-01-01,,\n" + // 3
		long + ",n,2024-01-01,,\n" + // 4
		"m\x00,n,2024-01-01,,\n" + // 5
		"m5,N\x00,2024-01-01,,\n" + // 6
		"m6," + strings.Repeat("名", 86) + ",2024-01-01,,\n" + // 7: 258 bytes
		"m7,n,2024-01-01,1\x00,\n" + // 8
		"m8,n,2024-01-01," + strings.Repeat("1", 10<<20) + ",\n" + // 9: 10 MB
		"m9,n,2024-01-01,," + strings.Repeat("t|", 600) + "\n" + // 10
		strings.Repeat("i", 128) + "," + strings.Repeat("名", 85) + ",2024-01-01,,\n" // 11: at the limits
	_, rows := readAll(t, []byte(in), "l.csv", Options{})
	want := []string{"", "member_id", "member_id", "member_id", "name", "name", "phone", "phone", "tags", ""}
	if len(rows) != len(want) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, f := range want {
		g := rows[i]
		if g.Line != i+2 {
			t.Errorf("row %d line %d", i, g.Line)
		}
		if (g.Err == nil) != (f == "") || (f != "" && g.Err.Field != f) {
			t.Errorf("line %d: %+v, want field %q", g.Line, g.Err, f)
		}
	}
	// Events: order and campaign ids.
	in = "member_id,kind,at,amount,order_id,campaign_id\n" +
		"m1,purchase,2024-01-01,1," + strings.Repeat("o", 40<<10) + ",\n" +
		"m1,login,2024-01-01,,,C\t1\n"
	_, rows = readAll(t, []byte(in), "e.csv", Options{})
	if rows[0].Err == nil || rows[0].Err.Field != "order_id" || rows[1].Err == nil || rows[1].Err.Field != "campaign_id" {
		t.Errorf("events %+v", rows)
	}
}

// Point 3: times beyond int64 nanoseconds used to wrap (9999-12-31 stored as
// 1816-03-30); now only 1970 to the import day (+1 for registrations) is
// accepted, later with AllowFuture.
func TestTimeRange(t *testing.T) {
	now := time.Date(2026, 6, 30, 15, 0, 0, 0, cst)
	in := "member_id,kind,at\n" +
		"m1,login,9999-12-31 23:59:59\n" + // 2
		"m1,login,0001-01-01\n" + // 3
		"m1,login,1969-12-31 23:59:59\n" + // 4
		"m1,login,1970-01-01\n" + // 5 ok
		"m1,login,2026-06-30 23:59:59\n" + // 6 ok: the import day
		"m1,login,2026-07-01\n" + // 7 future
		"m1,login,2099-01-01\n" // 8 future
	_, rows := readAll(t, []byte(in), "t.csv", Options{Now: now})
	ok := map[int]bool{5: true, 6: true}
	for _, g := range rows {
		if (g.Err == nil) != ok[g.Line] {
			t.Errorf("line %d: %+v", g.Line, g.Err)
		}
	}
	if r := rows[5].Err.Reason; !strings.Contains(r, "--allow-future") || !strings.Contains(r, "2026-06-30") {
		t.Errorf("future reason %q", r)
	}
	if r := rows[2].Err.Reason; !strings.Contains(r, "before 1970-01-01") {
		t.Errorf("past reason %q", r)
	}
	_, rows = readAll(t, []byte(in), "t.csv", Options{Now: now, AllowFuture: true})
	ok = map[int]bool{5: true, 6: true, 7: true, 8: true}
	for _, g := range rows {
		if (g.Err == nil) != ok[g.Line] {
			t.Errorf("allow future: line %d: %+v", g.Line, g.Err)
		}
	}
	// Registrations may be a day ahead (zones, clocks), not more.
	in = "member_id,registered_at\nm1,2026-07-01 23:00:00\nm2,2026-07-02\n"
	_, rows = readAll(t, []byte(in), "m.csv", Options{Now: now})
	if rows[0].Err != nil || rows[1].Err == nil {
		t.Errorf("registrations %+v", rows)
	}
}

func TestAmountCeiling(t *testing.T) {
	in := "member_id,kind,at,amount\n" +
		"m1,purchase,2024-01-01,10000000.00\n" +
		"m1,purchase,2024-01-01,10000000.01\n" +
		"m1,redeem,2024-01-01,1000000001\n"
	_, rows := readAll(t, []byte(in), "a.csv", Options{})
	if rows[0].Err != nil || rows[1].Err == nil || !strings.Contains(rows[1].Err.Reason, "--max-amount") || rows[2].Err == nil {
		t.Errorf("rows %+v", rows)
	}
	_, rows = readAll(t, []byte(in), "a.csv", Options{MaxAmountFen: 2_000_000_000, MaxPoints: 2_000_000_000})
	if rows[1].Err != nil || rows[2].Err != nil {
		t.Errorf("raised: %+v", rows)
	}
}

func utf16le(t *testing.T, s string, bom bool) []byte {
	t.Helper()
	policy := unicode.IgnoreBOM
	if bom {
		policy = unicode.UseBOM
	}
	b, err := unicode.UTF16(unicode.LittleEndian, policy).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Point 12: Excel's "Unicode text" (UTF-16 with a BOM, tab-separated) used to
// fail with a garbled "cannot tell members from events".
func TestUTF16TabSeparated(t *testing.T) {
	text := "会员ID\t姓名\t注册时间\t标签\r\nm1\t张三\t2024/3/5 9:05\t\"a|b\"\r\nm2\t李四\t2024-03-06\t\r\n"
	for _, bom := range []bool{true, false} {
		r, rows := readAll(t, utf16le(t, text, bom), "u16.txt", Options{})
		if r.Encoding() != EncUTF16LE || r.Delimiter() != '\t' || r.Kind() != Members || len(rows) != 2 {
			t.Fatalf("bom %v: %v %q %v %d", bom, r.Encoding(), r.Delimiter(), r.Kind(), len(rows))
		}
		if rows[0].Err != nil || rows[0].Member.Name != "张三" || strings.Join(rows[0].Member.Tags, ",") != "a,b" || rows[1].Member.Name != "李四" {
			t.Errorf("bom %v: %+v", bom, rows)
		}
	}
	// Tab-separated UTF-8, and a semicolon file given its delimiter.
	_, rows := readAll(t, []byte("member_id\tname\tregistered_at\nm1\tA, B\t2024-01-01\n"), "t.tsv", Options{})
	if len(rows) != 1 || rows[0].Member.Name != "A, B" {
		t.Errorf("tsv %+v", rows)
	}
	_, rows = readAll(t, []byte("member_id;name;registered_at\nm1;A;2024-01-01\n"), "s.csv", Options{Delimiter: ';'})
	if len(rows) != 1 || rows[0].Member.Name != "A" {
		t.Errorf("semicolon %+v", rows)
	}
}

// Point 12: a file the reader cannot use as a whole is refused with the cause
// and what to do, before any row.
func TestRefusedFilesSayWhatToDo(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		opt  Options
		want []string
	}{
		{"title row", []byte("会员导出 2026-06\n\nmember_id,name,registered_at\nm1,a,2024-01-01\n"), Options{},
			[]string{"line 1 is not a header", "line 3", "delete the 2 line(s) above line 3"}},
		{"no header", []byte("m1,a,2024-01-01\nm2,b,2024-01-01\n"), Options{},
			[]string{"line 1 is not a header", "列名", "member_id,name,registered_at"}},
		{"wrong delimiter", []byte("member_id;name;registered_at\nm1;a;2024-01-01\n"), Options{Delimiter: ','},
			[]string{"--delimiter"}},
		{"wrong encoding", utf16le(t, "member_id,name,registered_at\r\n", false), Options{Encoding: EncUTF8},
			[]string{"--encoding", "编码"}},
		{"binary", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00member_id"), Options{},
			[]string{"not a text file"}},
		{"empty", nil, Options{}, []string{"empty file"}},
	}
	for _, c := range cases {
		_, err := NewReader(bytes.NewReader(c.data), "f.csv", c.opt)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v\nwant %q", c.name, err, w)
			}
		}
	}
}

// sliceSource is a Source over records in memory (as a spreadsheet gives).
type sliceSource struct {
	recs [][]string
	i    int
}

func (s *sliceSource) Next() ([]string, int, error) {
	if s.i >= len(s.recs) {
		return nil, 0, io.EOF
	}
	s.i++
	if s.recs[s.i-1] == nil {
		return []string{"?"}, s.i, &FieldError{Line: s.i, Reason: "unreadable cell"}
	}
	return s.recs[s.i-1], s.i, nil
}

// The seam for other sources (an .xlsx reader): records in, the same checks.
func TestSourceReader(t *testing.T) {
	src := &sliceSource{recs: [][]string{
		{"member_id", "kind", "at", "amount"},
		{"m1", "purchase", "2024-01-01 10:00:00", "12.5"},
		nil,
		{"m1", "purchase", "2024-01-01 10:00:00", "12.5", "extra"},
		{"", "", "", ""},
		{"m2", "login", "2024-01-02", ""},
	}}
	r, err := NewSourceReader(src, "book.xlsx", Options{Loc: cst})
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind() != Events || r.Encoding() != EncUTF8 {
		t.Fatalf("kind %v", r.Kind())
	}
	var lines []string
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		s := fmt.Sprint(row.Line)
		var fe *FieldError
		if errors.As(row.Err, &fe) {
			s += " " + fe.Error()
		} else {
			s += " " + row.Event.MemberID + " " + model.FormatFen(row.Event.Amount)
		}
		lines = append(lines, s)
	}
	want := []string{"2 m1 12.50", "3 book.xlsx line 3 unreadable cell",
		"4 book.xlsx line 4 5 fields, but the header has 4 columns: is there a comma inside a value? quote the value (\"1,234.50\") or remove the separator",
		"6 m2 0.00"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseDelimiter(t *testing.T) {
	for in, want := range map[string]byte{"": 0, "auto": 0, "comma": ',', ",": ',', "tab": '\t', "TAB": '\t', `\t`: '\t', "\t": '\t',
		"semicolon": ';', ";": ';', "pipe": '|', "|": '|'} {
		if got, err := ParseDelimiter(in); err != nil || got != want {
			t.Errorf("ParseDelimiter(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseDelimiter("colon"); err == nil {
		t.Error("colon accepted")
	}
}

// An otherwise ASCII file with one Chinese character cut by a byte-length
// column used to be read as GB18030: the cut bytes form a valid GBK pair, so
// the row was stored with a wrong character and the summary said gb18030.
// The cut rune in front of a delimiter is no evidence for GBK: the file stays
// UTF-8 and that row alone is rejected, naming its field.
func TestCutRuneInAnASCIIFileStaysUTF8(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("member_id,name,registered_at\n")
	for i := 0; i < 150; i++ {
		if i == 7 {
			b.WriteString("m7,\xe5\xbc,2024-01-01\n") // 张 (e5 bc a0) cut after two bytes
			continue
		}
		fmt.Fprintf(&b, "m%d,Name %d,2024-01-01\n", i, i)
	}
	r, rows := readAll(t, b.Bytes(), "cut.csv", Options{})
	if r.Encoding() != EncUTF8 {
		t.Fatalf("encoding %v, want utf8", r.Encoding())
	}
	bad := 0
	for _, g := range rows {
		if g.Err != nil {
			bad++
			if g.Line != 9 || g.Err.Field != "name" {
				t.Errorf("rejected %+v at line %d", g.Err, g.Line)
			}
		}
	}
	if len(rows) != 150 || bad != 1 {
		t.Errorf("%d rows, %d rejected", len(rows), bad)
	}
	// GBK text keeps its detection: the same shape with a whole GBK name.
	r, rows = readAll(t, gb(t, "member_id,name,registered_at\nm1,张,2024-01-01\nm2,Tom,2024-01-01\n"), "g.csv", Options{})
	if r.Encoding() != EncGB18030 || rows[0].Member.Name != "张" {
		t.Errorf("gbk: %v %+v", r.Encoding(), rows)
	}
}

func TestOnlyCutRunes(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"m1,\xe5\xbc,2024", true},       // 3-byte rune cut to 2, then a comma
		{"m1,\xe5,2024", true},           // cut to 1
		{"m1,\xf0\x9f\x98\"", true},      // 4-byte rune cut to 3 before a quote
		{"m1,\xe5\xbc", false},           // cut at the line's end
		{"m1,\xd5\xc5,2024", false},      // GBK 张: lead then a non-continuation byte
		{"m1,\xbb\xe1\xd4\xb1,x", false}, // GBK 会员: starts with a continuation byte
		{"m1,张三,\xe5\xba,x", true},       // valid runes around a cut one
		{"m1,\xe5\xbc\xe5\xbc,x", false}, // cut rune followed by non-ASCII
	} {
		if got := onlyCutRunes([]byte(c.line)); got != c.want {
			t.Errorf("onlyCutRunes(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}
