package rows

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unsafe"

	"github.com/memberops/cockpit/model"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var cst = time.FixedZone("CST", 8*3600)

func gb(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// got is a copy of a row, safe to keep.
type got struct {
	Line   int
	Raw    []string
	Member model.Member
	Event  model.Event
	Err    *FieldError
}

func readAll(t testing.TB, data []byte, name string, opt Options) (*Reader, []got) {
	t.Helper()
	if opt.Loc == nil {
		opt.Loc = cst
	}
	r, err := NewReader(bytes.NewReader(data), name, opt)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var out []got
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		g := got{Line: row.Line, Raw: append([]string(nil), row.Raw...), Member: row.Member, Event: row.Event}
		if row.Err != nil {
			var fe *FieldError
			if !errors.As(row.Err, &fe) {
				t.Fatalf("row error %T %v is not a *FieldError", row.Err, row.Err)
			}
			g.Err = fe
			g.Member, g.Event = model.Member{}, model.Event{}
		}
		out = append(out, g)
	}
	return r, out
}

func at(y int, m time.Month, d, h, mi, s, ns int) time.Time {
	return time.Date(y, m, d, h, mi, s, ns, cst)
}

func TestMembersCSVEveryTimestampForm(t *testing.T) {
	in := "member_id,name,phone,channel,registered_at,birthday,consent,tags,extra\n" +
		"m1,张三,13812341234,公众号,2024-03-15 10:04:05,03-05,true,vip|新客,x\n" +
		"m2,李四,,小程序,2024/03/15 10:04,1990/3/5,0,,x\n" +
		"m3,,,APP,2024-03-15,,,  a | | b ,\n" +
		" m4 , Wang ,,门店,2024-03-15T02:04:05Z,,是,\n" +
		"m5,,,,2024-03-15T10:04:05.123456789+08:00,,no,\n" +
		"m6,,,,2024/03/15,,Y,\n" +
		"m7,,,,2024-03-15 10:04,,FALSE,\n" +
		"m8,,,,2024/03/15 10:04:05,,,\n" +
		"m9,,,,2024/3/5 9:05,12-31,,\n"
	r, rows := readAll(t, []byte(in), "members.csv", Options{})
	if r.Kind() != Members || r.Format() != CSV || r.Encoding() != EncUTF8 {
		t.Fatalf("kind %v format %v encoding %v", r.Kind(), r.Format(), r.Encoding())
	}
	if want := []string{"member_id", "name", "phone", "channel", "registered_at", "birthday", "consent", "tags", "extra"}; !reflect.DeepEqual(r.Header(), want) {
		t.Errorf("header %q", r.Header())
	}
	want := []model.Member{
		{ID: "m1", Name: "张三", Phone: "13812341234", Channel: "公众号", RegisteredAt: at(2024, 3, 15, 10, 4, 5, 0), Birthday: "03-05", Consent: true, Tags: []string{"vip", "新客"}},
		{ID: "m2", Name: "李四", Channel: "小程序", RegisteredAt: at(2024, 3, 15, 10, 4, 0, 0), Birthday: "1990-03-05"},
		{ID: "m3", Channel: "APP", RegisteredAt: at(2024, 3, 15, 0, 0, 0, 0), Consent: true, Tags: []string{"a", "b"}},
		{ID: "m4", Name: "Wang", Channel: "门店", RegisteredAt: at(2024, 3, 15, 10, 4, 5, 0), Consent: true},
		{ID: "m5", RegisteredAt: at(2024, 3, 15, 10, 4, 5, 123456789)},
		{ID: "m6", RegisteredAt: at(2024, 3, 15, 0, 0, 0, 0), Consent: true},
		{ID: "m7", RegisteredAt: at(2024, 3, 15, 10, 4, 0, 0)},
		{ID: "m8", RegisteredAt: at(2024, 3, 15, 10, 4, 5, 0), Consent: true},
		{ID: "m9", RegisteredAt: at(2024, 3, 5, 9, 5, 0, 0), Birthday: "12-31", Consent: true},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, g := range rows {
		if g.Err != nil {
			t.Errorf("row %d: %v", i, g.Err)
			continue
		}
		if g.Line != i+2 {
			t.Errorf("row %d line %d", i, g.Line)
		}
		if !sameMember(g.Member, want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, g.Member, want[i])
		}
	}
}

func sameMember(a, b model.Member) bool {
	ta, tb := a.RegisteredAt, b.RegisteredAt
	a.RegisteredAt, b.RegisteredAt = time.Time{}, time.Time{}
	return ta.Equal(tb) && reflect.DeepEqual(a, b)
}

func sameEvent(a, b model.Event) bool {
	ta, tb := a.At, b.At
	a.At, b.At = time.Time{}, time.Time{}
	return ta.Equal(tb) && a == b
}

func TestEventsGB18030ChineseHeader(t *testing.T) {
	text := "会员ID,类型,时间,金额,订单号,渠道,活动ID\n" +
		"张三001,购买,2024/03/15 10:04,128.50,O1,小程序,C双11\n" +
		"张三001,退款,2024-03-16 09:00:00,28.5,O1,小程序,\n" +
		"张三001,兑换,2024-03-17,500,,APP,\n" +
		"张三001,签到,2024-03-18 08:00,这里被忽略,,公众号,\n" +
		"李四,Purchase,2024-03-18 08:00,0,O2,,\n"
	r, rows := readAll(t, gb(t, text), "events.csv", Options{})
	if r.Kind() != Events || r.Encoding() != EncGB18030 {
		t.Fatalf("kind %v encoding %v", r.Kind(), r.Encoding())
	}
	if r.Header()[0] != "会员ID" || r.Header()[6] != "活动ID" {
		t.Errorf("header %q", r.Header())
	}
	want := []model.Event{
		{MemberID: "张三001", Kind: model.KindPurchase, At: at(2024, 3, 15, 10, 4, 0, 0), Amount: 12850, OrderID: "O1", Channel: "小程序", CampaignID: "C双11"},
		{MemberID: "张三001", Kind: model.KindRefund, At: at(2024, 3, 16, 9, 0, 0, 0), Amount: 2850, OrderID: "O1", Channel: "小程序"},
		{MemberID: "张三001", Kind: model.KindRedeem, At: at(2024, 3, 17, 0, 0, 0, 0), Amount: 500, Channel: "APP"},
		{MemberID: "张三001", Kind: model.KindSignin, At: at(2024, 3, 18, 8, 0, 0, 0), Channel: "公众号"},
		{MemberID: "李四", Kind: model.KindPurchase, At: at(2024, 3, 18, 8, 0, 0, 0), Amount: 0, OrderID: "O2"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, g := range rows {
		if g.Err != nil || !sameEvent(g.Event, want[i]) {
			t.Errorf("row %d: %+v %v, want %+v", i, g.Event, g.Err, want[i])
		}
	}
	// Channel strings are interned: the same text shares its bytes.
	if unsafe.StringData(rows[0].Event.Channel) != unsafe.StringData(rows[1].Event.Channel) {
		t.Errorf("channel not interned")
	}
}

func TestGBKByteLiteral(t *testing.T) {
	// "会员ID,姓名,注册时间\nm1,张三,2024-01-02\n" in GBK, by hand.
	data := []byte{0xBB, 0xE1, 0xD4, 0xB1, 'I', 'D', ',', 0xD0, 0xD5, 0xC3, 0xFB, ',', 0xD7, 0xA2, 0xB2, 0xE1, 0xCA, 0xB1, 0xBC, 0xE4, '\n'}
	data = append(data, "m1,"...)
	data = append(data, 0xD5, 0xC5, 0xC8, 0xFD)
	data = append(data, ",2024-01-02\n"...)
	if !bytes.Equal(data, gb(t, "会员ID,姓名,注册时间\nm1,张三,2024-01-02\n")) {
		t.Fatalf("hand-written GBK differs from the encoder's")
	}
	for _, enc := range []Encoding{EncAuto, EncGB18030} {
		r, rows := readAll(t, data, "gbk.csv", Options{Encoding: enc})
		if r.Encoding() != EncGB18030 || r.Kind() != Members {
			t.Fatalf("encoding %v kind %v", r.Encoding(), r.Kind())
		}
		if len(rows) != 1 || rows[0].Err != nil || rows[0].Member.Name != "张三" || rows[0].Member.ID != "m1" {
			t.Fatalf("rows %+v", rows)
		}
	}
}

func TestUTF8BOM(t *testing.T) {
	data := append([]byte{0xEF, 0xBB, 0xBF}, "会员ID,姓名,注册时间\nm1,张三,2024-01-02\n"...)
	for _, enc := range []Encoding{EncAuto, EncUTF8} {
		r, rows := readAll(t, data, "bom.csv", Options{Encoding: enc})
		if r.Encoding() != EncUTF8 || r.Header()[0] != "会员ID" {
			t.Fatalf("encoding %v header %q", r.Encoding(), r.Header())
		}
		if len(rows) != 1 || rows[0].Err != nil || rows[0].Member.Name != "张三" {
			t.Fatalf("rows %+v", rows)
		}
	}
	// A BOM before JSON Lines: still detected as JSON Lines.
	data = append([]byte{0xEF, 0xBB, 0xBF}, `{"member_id":"m1","registered_at":"2024-01-02"}`...)
	r, rows := readAll(t, data, "bom.jsonl", Options{})
	if r.Format() != JSONL || len(rows) != 1 || rows[0].Err != nil {
		t.Fatalf("format %v rows %+v", r.Format(), rows)
	}
}

func TestBadRowsEvents(t *testing.T) {
	in := "member_id,kind,at,amount,order_id,channel,campaign_id\n" + // 1
		"m1,purchase,2024-03-15 10:04:05,12.50,O1,APP,\n" + // 2 good
		"m1,purchase,2024-03-15 10:04:05,1.234,O2,APP,\n" + // 3 too many decimals
		"m1,login,2024-13-15 10:04:05,,,APP,\n" + // 4 bad time
		"m2,login,2024-03-15 10:04:05,,,APP,\n" + // 5 good
		"m1,fly,2024-03-15 10:04:05,,,APP,\n" + // 6 unknown kind
		" ,login,2024-03-15 10:04:05,,,APP,\n" + // 7 missing member id
		"m1,refund,2024-03-15 10:04:05,abc,O1,APP,\n" + // 8 bad amount
		"m1,purchase,2024-03-15 10:04:05,,O3,APP,\n" + // 9 missing amount
		"m1,redeem,2024-03-15 10:04:05,1.5,,APP,\n" + // 10 bad points
		"m1,refund,2024-03-15 10:04:05,-3.00,O1,APP,\n" + // 11 negative
		"m1,login,,,,APP,\n" + // 12 missing time
		",,,,,,\n" + // 13 blank: skipped
		"\n" + // 14 blank line: skipped
		"m3,share,2024-03-15\n" + // 15 good, short row
		"m1,login,2024-03-15 10:04:05,,,APP,\n" // 16 good
	_, rows := readAll(t, []byte(in), "events.csv", Options{})
	type want struct {
		line  int
		field string
		value string
	}
	wants := []want{{2, "", ""}, {3, "amount", "1.234"}, {4, "at", "2024-13-15 10:04:05"}, {5, "", ""}, {6, "kind", "fly"},
		{7, "member_id", ""}, {8, "amount", "abc"}, {9, "amount", ""}, {10, "amount", "1.5"}, {11, "amount", "-3.00"}, {12, "at", ""},
		{15, "", ""}, {16, "", ""}}
	if len(rows) != len(wants) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(wants), rows)
	}
	for i, w := range wants {
		g := rows[i]
		if g.Line != w.line {
			t.Errorf("row %d: line %d, want %d", i, g.Line, w.line)
		}
		if w.field == "" {
			if g.Err != nil {
				t.Errorf("line %d: unexpected %v", w.line, g.Err)
			}
			continue
		}
		if g.Err == nil {
			t.Errorf("line %d: no error, want field %s", w.line, w.field)
			continue
		}
		if g.Err.File != "events.csv" || g.Err.Line != w.line || g.Err.Field != w.field || g.Err.Value != w.value {
			t.Errorf("line %d: error %+v, want field %s value %q", w.line, *g.Err, w.field, w.value)
		}
	}
	if got, want := rows[1].Err.Error(), `events.csv line 3 field amount: "1.234": at most two decimals`; got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
	if got, want := rows[2].Err.Error(), `events.csv line 4 field at: "2024-13-15 10:04:05": month out of range`; got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
	if got, want := rows[5].Err.Error(), `events.csv line 7 field member_id: required`; got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
	if !strings.HasPrefix(rows[4].Err.Error(), `events.csv line 6 field kind: "fly": unknown kind (want register,`) {
		t.Errorf("error %s", rows[4].Err)
	}
	if got := rows[0].Event; got.Amount != 1250 || got.OrderID != "O1" {
		t.Errorf("good row %+v", got)
	}
	if got := rows[11].Event; got.MemberID != "m3" || got.Kind != model.KindShare || got.Channel != "" {
		t.Errorf("short row %+v", got)
	}
}

func TestBadRowsChineseColumnNamed(t *testing.T) {
	in := "会员ID,类型,时间,金额\nm1,购买,2024-03-15,1.234\n"
	_, rows := readAll(t, []byte(in), "订单.csv", Options{})
	if len(rows) != 1 || rows[0].Err == nil {
		t.Fatalf("rows %+v", rows)
	}
	if got, want := rows[0].Err.Error(), `订单.csv line 2 field amount (金额): "1.234": at most two decimals`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestBadRowsMembers(t *testing.T) {
	in := "member_id,name,registered_at,birthday,consent\n" +
		"m1,a,2024-01-01,,\n" +
		"m2,b,2023-02-29,,\n" +
		"m3,c,2024-01-01,13-01,\n" +
		"m4,d,2024-01-01,,maybe\n" +
		"m5,e,,,\n" +
		"m6,f,2024-01-01,02-29,1\n"
	_, rows := readAll(t, []byte(in), "members.csv", Options{})
	fields := []string{"", "registered_at", "birthday", "consent", "registered_at", ""}
	if len(rows) != len(fields) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, f := range fields {
		if (rows[i].Err == nil) != (f == "") || (f != "" && (rows[i].Err.Field != f || rows[i].Err.Line != i+2)) {
			t.Errorf("row %d: %+v, want field %q", i, rows[i].Err, f)
		}
	}
	if rows[5].Member.Birthday != "02-29" || !rows[5].Member.Consent {
		t.Errorf("good row %+v", rows[5].Member)
	}
}

func TestQuotedMultilineLineNumbers(t *testing.T) {
	in := "member_id,name,registered_at,tags\n" + // 1
		"m1,\"line one\nline two\nline three\",2024-01-01,a\n" + // 2-4
		"m2,\"say \"\"hi\"\", ok\",2024-01-02,\n" + // 5
		"m3,\"x\ny\",bad,\n" + // 6-7
		"m4,plain,2024-01-04,\n" // 8
	_, rows := readAll(t, []byte(in), "ml.csv", Options{})
	lines := []int{2, 5, 6, 8}
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, l := range lines {
		if rows[i].Line != l {
			t.Errorf("row %d line %d, want %d", i, rows[i].Line, l)
		}
	}
	if rows[0].Member.Name != "line one\nline two\nline three" || rows[1].Member.Name != `say "hi", ok` {
		t.Errorf("names %q %q", rows[0].Member.Name, rows[1].Member.Name)
	}
	if rows[2].Err == nil || rows[2].Err.Line != 6 || rows[2].Err.Field != "registered_at" {
		t.Errorf("row 3 error %+v", rows[2].Err)
	}
	// CRLF line endings count the same.
	_, rows = readAll(t, []byte(strings.ReplaceAll(in, "\n", "\r\n")), "ml.csv", Options{})
	for i, l := range lines {
		if rows[i].Line != l {
			t.Errorf("CRLF row %d line %d, want %d", i, rows[i].Line, l)
		}
	}
}

func TestJSONL(t *testing.T) {
	in := `{"member_id":"m1","kind":"purchase","at":"2024-03-15 10:04:05","amount":12.5,"order_id":"O1","channel":"APP"}` + "\n" + // 1
		"\n" + // 2 blank
		`{"会员ID":1001,"类型":"退款","时间":"2024-03-15T02:04:05Z","金额":"3.10","订单号":"O1","extra":{"x":[1,2]}}` + "\r\n" + // 3
		`{"member_id":"m1","kind":"redeem","at":"2024-03-15","amount":300}` + "\n" + // 4
		`{"member_id":"m1","kind":"purchase","at":"2024-03-15","amount":1e3}` + "\n" + // 5 exponent
		`{"member_id":"m1","kind":"purchase","at":"2024-03-15","amount":0.125}` + "\n" + // 6 decimals
		`not json` + "\n" + // 7
		`{"member_id":"m1","kind":"login","at":"2024-03-15","amount":null,"campaign_id":null}` + "\n" + // 8
		`{"member_id":"m1","kind":"login","at":20240315}` + "\n" + // 9 bad time
		`{"member_id":["m1"],"kind":"login","at":"2024-03-15"}` + "\n" + // 10 array
		`{"member_id":"m1","会员ID":"m2","kind":"login","at":"2024-03-15"}` + "\n" + // 11 duplicate
		`[1,2]` + "\n" + // 12
		`null` + "\n" + // 13
		`{"member_id":"m9","kind":"share","at":"2024-03-15 08:00"}` // 14, no final newline
	r, rows := readAll(t, []byte(in), "events.jsonl", Options{})
	if r.Format() != JSONL || r.Kind() != Events || !reflect.DeepEqual(r.Header(), EventColumns) || !reflect.DeepEqual(r.RejectHeader(), []string{"raw"}) {
		t.Fatalf("format %v kind %v header %q", r.Format(), r.Kind(), r.Header())
	}
	type want struct {
		line  int
		field string
		ev    model.Event
	}
	wants := []want{
		{1, "", model.Event{MemberID: "m1", Kind: model.KindPurchase, At: at(2024, 3, 15, 10, 4, 5, 0), Amount: 1250, OrderID: "O1", Channel: "APP"}},
		{3, "", model.Event{MemberID: "1001", Kind: model.KindRefund, At: at(2024, 3, 15, 10, 4, 5, 0), Amount: 310, OrderID: "O1"}},
		{4, "", model.Event{MemberID: "m1", Kind: model.KindRedeem, At: at(2024, 3, 15, 0, 0, 0, 0), Amount: 300}},
		{5, "amount", model.Event{}},
		{6, "amount", model.Event{}},
		{7, "-", model.Event{}},
		{8, "", model.Event{MemberID: "m1", Kind: model.KindLogin, At: at(2024, 3, 15, 0, 0, 0, 0)}},
		{9, "at", model.Event{}},
		{10, "member_id", model.Event{}},
		{11, "member_id", model.Event{}},
		{12, "-", model.Event{}},
		{13, "-", model.Event{}},
		{14, "", model.Event{MemberID: "m9", Kind: model.KindShare, At: at(2024, 3, 15, 8, 0, 0, 0)}},
	}
	if len(rows) != len(wants) {
		t.Fatalf("%d rows, want %d", len(rows), len(wants))
	}
	for i, w := range wants {
		g := rows[i]
		if g.Line != w.line || len(g.Raw) != 1 {
			t.Errorf("row %d: line %d raw %q, want line %d", i, g.Line, g.Raw, w.line)
		}
		switch w.field {
		case "":
			if g.Err != nil || !sameEvent(g.Event, w.ev) {
				t.Errorf("line %d: %+v %v, want %+v", w.line, g.Event, g.Err, w.ev)
			}
		case "-":
			if g.Err == nil || g.Err.Field != "" || g.Err.Line != w.line {
				t.Errorf("line %d: error %+v, want a row error", w.line, g.Err)
			}
		default:
			if g.Err == nil || g.Err.Field != w.field || g.Err.Line != w.line || g.Err.File != "events.jsonl" {
				t.Errorf("line %d: error %+v, want field %s", w.line, g.Err, w.field)
			}
		}
	}
	if rows[1].Raw[0] != `{"会员ID":1001,"类型":"退款","时间":"2024-03-15T02:04:05Z","金额":"3.10","订单号":"O1","extra":{"x":[1,2]}}` {
		t.Errorf("raw %q", rows[1].Raw[0])
	}
	if got, want := rows[3].Err.Error(), `events.jsonl line 5 field amount: "1e3": no exponents (want e.g. 1200.00)`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if got, want := rows[9].Err.Error(), `events.jsonl line 11 field member_id: keys "member_id" and "会员ID" are both member_id`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestJSONLMembers(t *testing.T) {
	in := `{"id_unknown":1,"member_id":"m1","name":"张三","phone":13812341234,"registered_at":"2024-03-15 10:04:05","consent":false,"tags":["vip"," 新客 ",""]}` + "\n" +
		`{"MEMBER_ID":"m2","Registered_At":"2024-03-15","consent":true,"tags":"a|b","birthday":"3-5"}` + "\n" +
		`{"member_id":"m3","registered_at":"2024-03-15","consent":"否","tags":[1]}` + "\n" +
		`{"member_id":"m4","registered_at":"2024-03-15","consent":1,"tags":[]}` + "\n" +
		`{"member_id":"m5","registered_at":"2024-03-15","name":{"a":1}}` + "\n"
	r, rows := readAll(t, []byte(in), "members.jsonl", Options{})
	if r.Kind() != Members || !reflect.DeepEqual(r.Header(), MemberColumns) {
		t.Fatalf("kind %v", r.Kind())
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows", len(rows))
	}
	m := rows[0].Member
	if rows[0].Err != nil || m.Phone != "13812341234" || m.Consent || !reflect.DeepEqual(m.Tags, []string{"vip", "新客"}) || m.Name != "张三" {
		t.Errorf("row 1 %+v %v", m, rows[0].Err)
	}
	m = rows[1].Member
	if rows[1].Err != nil || m.ID != "m2" || !m.Consent || !reflect.DeepEqual(m.Tags, []string{"a", "b"}) || m.Birthday != "03-05" {
		t.Errorf("row 2 %+v %v", m, rows[1].Err)
	}
	if rows[2].Err == nil || rows[2].Err.Field != "tags" {
		t.Errorf("row 3 %+v", rows[2].Err)
	}
	if rows[3].Err != nil || !rows[3].Member.Consent || rows[3].Member.Tags != nil {
		t.Errorf("row 4 %+v %v", rows[3].Member, rows[3].Err)
	}
	if rows[4].Err == nil || rows[4].Err.Field != "name" {
		t.Errorf("row 5 %+v", rows[4].Err)
	}
}

func TestJSONLKindDetectionSkipsBadLines(t *testing.T) {
	in := "garbage\n{\"x\":1}\n{\"member_id\":\"m1\",\"kind\":\"login\",\"at\":\"2024-01-01\"}\n"
	r, rows := readAll(t, []byte(in), "e.jsonl", Options{Format: JSONL})
	if r.Kind() != Events || len(rows) != 3 {
		t.Fatalf("kind %v rows %d", r.Kind(), len(rows))
	}
	if rows[0].Err == nil || rows[0].Line != 1 || rows[1].Err == nil || rows[1].Err.Field != "member_id" || rows[2].Err != nil || rows[2].Line != 3 {
		t.Errorf("rows %+v", rows)
	}
}

func TestRejectFile(t *testing.T) {
	in := "会员ID,类型,时间,金额,备注\n" +
		"m1,购买,2024-03-15,12.5,ok\n" +
		"m1,购买,2024-03-15,1.234,\"多,行\n备注\"\n" +
		",登录,2024-03-15,,x\n"
	r, err := NewReader(bytes.NewReader(gb(t, in)), "e.csv", Options{Loc: cst})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rw := NewRejectWriter(&buf, r.RejectHeader())
	n := 0
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if row.Err != nil {
			n++
			if err := rw.Write(row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := rw.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffline,reason,会员ID,类型,时间,金额,备注\n" +
		"3,\"field amount (金额): \"\"1.234\"\": at most two decimals\",m1,购买,2024-03-15,1.234,\"多,行\n备注\"\n" +
		"5,field member_id (会员ID): required,,登录,2024-03-15,,x\n"
	if n != 2 || buf.String() != want {
		t.Errorf("rejects (%d):\n%s\nwant:\n%s", n, buf.String(), want)
	}

	// JSON Lines: line,reason,raw.
	jin := "{\"member_id\":\"m1\",\"kind\":\"login\",\"at\":\"2024-03-15\"}\n{\"member_id\":\"m1\",\"kind\":\"nap\",\"at\":\"2024-03-15\"}\n"
	r, err = NewReader(strings.NewReader(jin), "e.jsonl", Options{Loc: cst})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	rw = NewRejectWriter(&buf, r.RejectHeader())
	for {
		row, err := r.Next()
		if err != nil {
			break
		}
		if row.Err != nil {
			rw.Write(row)
		}
	}
	rw.Flush()
	want = "\ufeffline,reason,raw\n" +
		`2,"field kind: ""nap"": unknown kind (want register, login, signin, browse, purchase, refund, invite, review, share, redeem or 注册, 登录, 签到, 浏览, 购买, 退款, 邀请, 评价, 分享, 兑换)","{""member_id"":""m1"",""kind"":""nap"",""at"":""2024-03-15""}"` + "\n"
	if buf.String() != want {
		t.Errorf("jsonl rejects:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestHeaderErrors(t *testing.T) {
	cases := []struct {
		name, in string
		opt      Options
		want     string
	}{
		{"e.csv", "member_id,kind,amount\nm1,login,\n", Options{}, `e.csv: the events header has no at column (at or 时间)`},
		{"e.csv", "kind,at\nlogin,2024-01-01\n", Options{}, `e.csv: the events header has no member_id column (member_id or 会员ID)`},
		{"m.csv", "member_id,name\nm1,a\n", Options{}, `m.csv: the members header has no registered_at column (registered_at or 注册时间)`},
		{"m.csv", "member_id,registered_at\n", Options{Kind: Events}, `m.csv: the events header has no kind column`},
		{"x.csv", "member_id,phone\n", Options{}, `x.csv: cannot tell members from events`},
		{"x.csv", "", Options{}, `x.csv: empty file: no header row`},
		{"x.csv", "  \n\n", Options{}, `x.csv: empty file: no header row`},
		{"d.csv", "member_id,channel,registered_at,渠道\n", Options{}, `d.csv: columns "channel" and "渠道" are both channel`},
		{"x.jsonl", `{"member_id":"m1"}`, Options{}, `x.jsonl: cannot tell members from events`},
	}
	for _, c := range cases {
		_, err := NewReader(strings.NewReader(c.in), c.name, c.opt)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want prefix %q", c.in, err, c.want)
		}
	}
	// A header with only members columns, read as members when asked.
	if _, err := NewReader(strings.NewReader("member_id,registered_at\n"), "m.csv", Options{Kind: Members}); err != nil {
		t.Errorf("explicit members: %v", err)
	}
	// Empty JSON Lines file with the kind given: no rows, no error.
	r, err := NewReader(strings.NewReader(""), "e.jsonl", Options{Kind: Events, Format: JSONL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next on empty: %v", err)
	}
}

func TestHeaderCaseAndSpaces(t *testing.T) {
	in := " Member_ID ,KIND, At ,\tAmount,会员id2\nm1,login,2024-01-01,,x\n"
	r, rows := readAll(t, []byte(in), "e.csv", Options{})
	if r.Kind() != Events || len(rows) != 1 || rows[0].Err != nil || rows[0].Event.MemberID != "m1" {
		t.Fatalf("kind %v rows %+v", r.Kind(), rows)
	}
	in = "\u3000会员Id\u3000,类型,时间\nm1,注册,2024-01-01\n"
	_, rows = readAll(t, []byte(in), "e.csv", Options{})
	if len(rows) != 1 || rows[0].Err != nil || rows[0].Event.Kind != model.KindRegister {
		t.Fatalf("rows %+v", rows)
	}
}

func TestLateNonASCIIDetection(t *testing.T) {
	// The first 64 KiB are ASCII; the Chinese comes later, in GB18030.
	var b strings.Builder
	b.WriteString("member_id,name,registered_at\n")
	n := 0
	for b.Len() < 3*sniffSize {
		b.WriteString("m0000000,ascii,2024-01-01 10:00:00\n")
		n++
	}
	ascii := b.String()
	data := append([]byte(ascii), gb(t, "m1,张三,2024-01-02\n")...)
	r, rows := readAll(t, data, "late.csv", Options{})
	if r.Encoding() != EncGB18030 {
		t.Errorf("encoding %v", r.Encoding())
	}
	last := rows[len(rows)-1]
	if len(rows) != n+1 || last.Err != nil || last.Member.Name != "张三" || last.Line != n+2 {
		t.Errorf("%d rows; last %+v", len(rows), last)
	}
	// The same in UTF-8.
	r, rows = readAll(t, []byte(ascii+"m1,张三,2024-01-02\n"), "late.csv", Options{})
	last = rows[len(rows)-1]
	if r.Encoding() != EncUTF8 || last.Err != nil || last.Member.Name != "张三" {
		t.Errorf("utf8: encoding %v last %+v", r.Encoding(), last)
	}
}

func TestSniffForgivesCutRune(t *testing.T) {
	// A three-byte rune straddles the 64 KiB boundary.
	// (Names are at most 256 bytes: ASCII rows fill the window first.)
	var b strings.Builder
	b.WriteString("member_id,name,registered_at\n")
	for b.Len() < sniffSize-200 {
		b.WriteString("m0,ascii,2024-01-01\n")
	}
	b.WriteString("m1,")
	b.WriteString(strings.Repeat("x", sniffSize-b.Len()-1))
	head := b.String()
	data := head + "张,2024-01-01\n"
	if len(head)+1 != sniffSize {
		t.Fatal("bad arithmetic")
	}
	r, rows := readAll(t, []byte(data), "cut.csv", Options{})
	last := rows[len(rows)-1]
	if r.Encoding() != EncUTF8 || last.Err != nil || !strings.HasSuffix(last.Member.Name, "张") {
		t.Errorf("encoding %v rows %d last %+v", r.Encoding(), len(rows), last)
	}
	if !looksUTF8([]byte("ab\xe5\xbc"), true) || looksUTF8([]byte("ab\xe5\xbc"), false) || looksUTF8([]byte("ab\xbb\xe1"), true) || looksUTF8([]byte("\xbb\xe1\xd4\xb1"), true) {
		t.Errorf("looksUTF8")
	}
}

func TestInvalidUTF8Rejected(t *testing.T) {
	in := append([]byte("member_id,name,registered_at\nm1,ok,2024-01-01\nm2,"), gb(t, "张三")...)
	in = append(in, ",2024-01-01\n"...)
	_, rows := readAll(t, in, "u.csv", Options{Encoding: EncUTF8})
	if len(rows) != 2 || rows[0].Err != nil || rows[1].Err == nil || rows[1].Err.Field != "name" || !strings.Contains(rows[1].Err.Reason, "--encoding gb18030") {
		t.Fatalf("rows %+v", rows)
	}
}

func TestCSVBareQuoteLenient(t *testing.T) {
	in := "member_id,name,registered_at\nm1,5\" screen,2024-01-01\nm2,ok,2024-01-01\n"
	_, rows := readAll(t, []byte(in), "q.csv", Options{})
	if len(rows) != 2 || rows[0].Err != nil || rows[0].Member.Name != `5" screen` || rows[1].Line != 3 {
		t.Fatalf("rows %+v", rows)
	}
}

func TestInternCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("member_id,kind,at,channel\n")
	for i := 0; i < internCap+100; i++ {
		b.WriteString("m,login,2024-01-01,ch")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(itoa(i))
		b.WriteString("\n")
	}
	r, rows := readAll(t, []byte(b.String()), "e.csv", Options{})
	if len(r.intern) != internCap {
		t.Errorf("intern table %d", len(r.intern))
	}
	for i, g := range rows {
		if g.Err != nil || !strings.HasSuffix(g.Event.Channel, itoa(i)) {
			t.Fatalf("row %d %+v", i, g)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestRowClone(t *testing.T) {
	r, err := NewReader(strings.NewReader("member_id,name,registered_at,tags\nm1,a,2024-01-01,x|y\nm2,b,2024-01-02,\n"), "c.csv", Options{Loc: cst})
	if err != nil {
		t.Fatal(err)
	}
	row, _ := r.Next()
	c := row.Clone()
	r.Next()
	if c.Member.ID != "m1" || c.Raw[0] != "m1" || c.Line != 2 || len(c.Member.Tags) != 2 {
		t.Errorf("clone %+v", c)
	}
}

func TestParseOptions(t *testing.T) {
	for s, want := range map[string]Encoding{"": EncAuto, "auto": EncAuto, "UTF8": EncUTF8, "utf-8": EncUTF8, "gb18030": EncGB18030, "GBK": EncGB18030} {
		if got, err := ParseEncoding(s); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseEncoding("latin1"); err == nil {
		t.Error("latin1 accepted")
	}
	for s, want := range map[string]Kind{"": Auto, "members": Members, "Events": Events} {
		if got, err := ParseKind(s); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %v, %v", s, got, err)
		}
	}
	for s, want := range map[string]Format{"": FormatAuto, "csv": CSV, "JSONL": JSONL} {
		if got, err := ParseFormat(s); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseKind("orders"); err == nil {
		t.Error("orders accepted")
	}
	if EncGB18030.String() != "gb18030" || Events.String() != "events" || JSONL.String() != "jsonl" {
		t.Error("String")
	}
}

func TestUTF8StreamCheckSmallReads(t *testing.T) {
	var b strings.Builder
	b.WriteString("member_id,name,registered_at\n")
	for i := 0; i < 3000; i++ {
		b.WriteString("m" + strconv.Itoa(i) + ",张三李四王五" + strings.Repeat("é", i%5) + ",2024-01-01\n")
	}
	for name, wrap := range map[string]func(io.Reader) io.Reader{"one": iotest.OneByteReader, "half": iotest.HalfReader, "data-err": iotest.DataErrReader, "plain": func(r io.Reader) io.Reader { return r }} {
		r, err := NewReader(wrap(strings.NewReader(b.String())), "s.csv", Options{Loc: cst})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if row.Err != nil || !strings.HasPrefix(row.Member.Name, "张三李四王五") {
				t.Fatalf("%s: row %+v", name, row)
			}
			n++
		}
		if n != 3000 || r.dec.bad || r.Encoding() != EncUTF8 {
			t.Errorf("%s: %d rows, bad=%v, encoding %v", name, n, r.dec.bad, r.Encoding())
		}
	}
}

func TestLateInvalidUTF8(t *testing.T) {
	// Detected as UTF-8 from the first window; GBK bytes far later are
	// rejected row by row, and the rows around them still decode.
	var b bytes.Buffer
	b.WriteString("member_id,name,channel,registered_at\n")
	for b.Len() < 2*sniffSize {
		b.WriteString("m1,张三,小程序,2024-01-01\n")
	}
	b.WriteString("m2,")
	b.Write(gb(t, "李四"))
	b.WriteString(",APP,2024-01-01\nm3,")
	b.WriteString("ok,")
	b.Write(gb(t, "门店"))
	b.WriteString(",2024-01-01\nm4,王五,门店,2024-01-01\n")
	r, rows := readAll(t, b.Bytes(), "late.csv", Options{})
	n := len(rows)
	if r.Encoding() != EncUTF8 || !r.dec.bad {
		t.Fatalf("encoding %v bad %v", r.Encoding(), r.dec.bad)
	}
	if rows[n-3].Err == nil || rows[n-3].Err.Field != "name" || rows[n-2].Err == nil || rows[n-2].Err.Field != "channel" || rows[n-1].Err != nil || rows[n-1].Member.Channel != "门店" {
		t.Errorf("last rows %+v", rows[n-3:])
	}
	if !strings.Contains(rows[n-3].Err.Error(), "--encoding gb18030") {
		t.Errorf("reason %v", rows[n-3].Err)
	}
}
