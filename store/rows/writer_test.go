package rows

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

func zones(t *testing.T) []*time.Location {
	locs := []*time.Location{cst, time.UTC}
	for _, name := range []string{"Asia/Shanghai", "America/New_York"} {
		if l, err := time.LoadLocation(name); err == nil {
			locs = append(locs, l)
		}
	}
	return locs
}

func testMembers(loc *time.Location) []model.Member {
	return []model.Member{
		{ID: "m1", Name: "张三", Phone: "13812341234", Channel: "公众号", RegisteredAt: time.Date(2024, 3, 15, 10, 4, 5, 0, loc), Birthday: "03-05", Consent: true, Tags: []string{"vip", "新客"}},
		{ID: "m,2", Name: `O"Brien, "Jr"`, Phone: "+86 138-1234-1234", Channel: "小程序", RegisteredAt: time.Date(2024, 3, 15, 10, 4, 5, 123456789, loc), Birthday: "1990-03-05", Consent: false},
		{ID: "会员3", Name: "多行\n名字", Phone: "", Channel: "", RegisteredAt: time.Date(2024, 11, 3, 1, 30, 0, 0, loc), Consent: true, Tags: []string{"a b", "c,d", `"q"`}},
		{ID: "m4", Name: "{json-ish}", Phone: "123", RegisteredAt: time.Date(2024, 11, 3, 1, 30, 0, 0, loc).Add(time.Hour), Consent: true},
		{ID: "m5", Name: "<html>&", RegisteredAt: time.Date(1999, 12, 31, 23, 59, 59, 1, time.UTC), Consent: false, Tags: []string{"x"}},
	}
}

func testEvents(loc *time.Location) []model.Event {
	return []model.Event{
		{MemberID: "m1", Kind: model.KindRegister, At: time.Date(2024, 3, 15, 10, 4, 5, 0, loc), Channel: "公众号"},
		{MemberID: "m1", Kind: model.KindPurchase, At: time.Date(2024, 3, 15, 10, 4, 5, 500_000_000, loc), Amount: 12850, OrderID: "O-1,\"x\"", Channel: "小程序", CampaignID: "双11"},
		{MemberID: "m1", Kind: model.KindRefund, At: time.Date(2024, 3, 16, 0, 0, 0, 0, loc), Amount: 5, OrderID: "O-1,\"x\""},
		{MemberID: "m1", Kind: model.KindRedeem, At: time.Date(2024, 11, 3, 1, 30, 0, 0, loc), Amount: 500},
		{MemberID: "m,2", Kind: model.KindPurchase, At: time.Date(2024, 11, 3, 1, 30, 0, 0, loc).Add(time.Hour), Amount: 0, OrderID: "O2"},
		{MemberID: "会员3", Kind: model.KindSignin, At: time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)},
		{MemberID: "会员3", Kind: model.KindBrowse, At: time.Date(2024, 6, 1, 8, 0, 0, 1, loc), Channel: "APP"},
		{MemberID: "会员3", Kind: model.KindInvite, At: time.Date(2024, 6, 1, 8, 0, 0, 0, loc)},
		{MemberID: "会员3", Kind: model.KindReview, At: time.Date(2024, 6, 1, 8, 0, 0, 0, loc)},
		{MemberID: "会员3", Kind: model.KindShare, At: time.Date(2024, 6, 1, 8, 0, 0, 0, loc)},
		{MemberID: "会员3", Kind: model.KindLogin, At: time.Date(2024, 6, 1, 8, 0, 0, 0, loc)},
		{MemberID: "m5", Kind: model.KindPurchase, At: time.Date(2024, 6, 1, 8, 0, 0, 0, loc), Amount: 9_000_000_000_000_000},
	}
}

func TestMembersRoundTrip(t *testing.T) {
	for _, loc := range zones(t) {
		for _, f := range []Format{CSV, JSONL} {
			for _, mask := range []bool{false, true} {
				var buf bytes.Buffer
				w := NewMembersWriter(&buf, f, loc, mask)
				ms := testMembers(loc)
				for _, m := range ms {
					if err := w.Write(m); err != nil {
						t.Fatal(err)
					}
				}
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				r, rows := readAll(t, buf.Bytes(), "members.out", Options{Loc: loc})
				if r.Kind() != Members || r.Format() != f {
					t.Fatalf("%v %v: kind %v format %v", loc, f, r.Kind(), r.Format())
				}
				if len(rows) != len(ms) {
					t.Fatalf("%v %v: %d rows\n%s", loc, f, len(rows), buf.String())
				}
				for i, g := range rows {
					want := ms[i]
					if mask {
						want.Phone = model.MaskPhone(want.Phone)
					}
					if g.Err != nil || !sameMember(g.Member, want) {
						t.Errorf("%v %v mask=%v row %d:\n got %+v %v\nwant %+v\n%s", loc, f, mask, i, g.Member, g.Err, want, buf.String())
					}
				}
				if mask && !strings.Contains(buf.String(), "138****1234") || !mask && !strings.Contains(buf.String(), "13812341234") {
					t.Errorf("mask=%v: output\n%s", mask, buf.String())
				}
			}
		}
	}
}

func TestEventsRoundTrip(t *testing.T) {
	for _, loc := range zones(t) {
		for _, f := range []Format{CSV, JSONL} {
			var buf bytes.Buffer
			w := NewEventsWriter(&buf, f, loc)
			es := testEvents(loc)
			for _, e := range es {
				if err := w.Write(e); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			r, rows := readAll(t, buf.Bytes(), "events.out", Options{Loc: loc, MaxAmountFen: model.MaxFen, MaxPoints: model.MaxPoints})
			if r.Kind() != Events || r.Format() != f || len(rows) != len(es) {
				t.Fatalf("%v %v: kind %v format %v rows %d\n%s", loc, f, r.Kind(), r.Format(), len(rows), buf.String())
			}
			for i, g := range rows {
				if g.Err != nil || !sameEvent(g.Event, es[i]) {
					t.Errorf("%v %v row %d:\n got %+v %v\nwant %+v", loc, f, i, g.Event, g.Err, es[i])
				}
			}
		}
	}
}

func TestWriterOutputExact(t *testing.T) {
	var buf bytes.Buffer
	w := NewEventsWriter(&buf, CSV, cst)
	for _, e := range testEvents(cst)[:5] {
		w.Write(e)
	}
	w.Flush()
	want := "member_id,kind,at,amount,order_id,channel,campaign_id\n" +
		"m1,register,2024-03-15 10:04:05,,,公众号,\n" +
		"m1,purchase,2024-03-15T10:04:05.5+08:00,128.50,\"O-1,\"\"x\"\"\",小程序,双11\n" +
		"m1,refund,2024-03-16 00:00:00,0.05,\"O-1,\"\"x\"\"\",,\n" +
		"m1,redeem,2024-11-03 01:30:00,500,,,\n" +
		"\"m,2\",purchase,2024-11-03 02:30:00,0.00,O2,,\n"
	if buf.String() != want {
		t.Errorf("events CSV:\n%s\nwant:\n%s", buf.String(), want)
	}

	buf.Reset()
	w = NewEventsWriter(&buf, JSONL, cst)
	for _, e := range testEvents(cst)[1:3] {
		w.Write(e)
	}
	w.Flush()
	want = `{"member_id":"m1","kind":"purchase","at":"2024-03-15T10:04:05.5+08:00","amount":"128.50","order_id":"O-1,\"x\"","channel":"小程序","campaign_id":"双11"}` + "\n" +
		`{"member_id":"m1","kind":"refund","at":"2024-03-16 00:00:00","amount":"0.05","order_id":"O-1,\"x\"","channel":"","campaign_id":""}` + "\n"
	if buf.String() != want {
		t.Errorf("events JSONL:\n%s\nwant:\n%s", buf.String(), want)
	}

	buf.Reset()
	mw := NewMembersWriter(&buf, CSV, cst, true)
	mw.Write(testMembers(cst)[0])
	mw.Flush()
	want = "member_id,name,phone,channel,registered_at,birthday,consent,tags\n" +
		"m1,张三,138****1234,公众号,2024-03-15 10:04:05,03-05,true,vip|新客\n"
	if buf.String() != want {
		t.Errorf("members CSV:\n%s\nwant:\n%s", buf.String(), want)
	}

	buf.Reset()
	mw = NewMembersWriter(&buf, JSONL, cst, false)
	mw.Write(testMembers(cst)[0])
	mw.Flush()
	want = `{"member_id":"m1","name":"张三","phone":"13812341234","channel":"公众号","registered_at":"2024-03-15 10:04:05","birthday":"03-05","consent":true,"tags":"vip|新客"}` + "\n"
	if buf.String() != want {
		t.Errorf("members JSONL:\n%s\nwant:\n%s", buf.String(), want)
	}

	// No rows: the CSV header alone, which reads back as an empty file of the kind.
	buf.Reset()
	NewMembersWriter(&buf, CSV, cst, false).Flush()
	if buf.String() != "member_id,name,phone,channel,registered_at,birthday,consent,tags\n" {
		t.Errorf("empty members CSV %q", buf.String())
	}
	r, err := NewReader(&buf, "m.csv", Options{})
	if err != nil || r.Kind() != Members {
		t.Fatalf("%v %v", r, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next: %v", err)
	}
}

func TestFormatTimeDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	first := time.Date(2024, 11, 3, 1, 30, 0, 0, ny) // EDT, the first 01:30
	second := first.Add(time.Hour)                   // EST, the second 01:30
	a, b := FormatTime(first, ny), FormatTime(second, ny)
	if a == b {
		t.Fatalf("both %q", a)
	}
	for _, s := range []string{a, b} {
		if !strings.Contains(s, "T") && !strings.Contains(s, " ") {
			t.Errorf("format %q", s)
		}
	}
	// Exactly one of them needs the offset.
	if strings.Contains(a, "T") == strings.Contains(b, "T") {
		t.Errorf("%q %q", a, b)
	}
}

func TestRejectWriterEmpty(t *testing.T) {
	var buf bytes.Buffer
	rw := NewRejectWriter(&buf, []string{"a", "b"})
	rw.Flush()
	if buf.String() != "\ufeffline,reason,a,b\n" {
		t.Errorf("%q", buf.String())
	}
	buf.Reset()
	rw = NewRejectWriter(&buf, []string{"a"})
	rw.Write(&Row{Line: 7, Raw: []string{"x"}, Err: io.ErrUnexpectedEOF})
	rw.Flush()
	if got := buf.String(); got != "\ufeffline,reason,a\n7,unexpected EOF,x\n" {
		t.Errorf("%q", got)
	}
	if !reflect.DeepEqual(MemberColumns, fieldNamesOf([]int{fMemberID, fName, fPhone, fChannel, fRegisteredAt, fBirthday, fConsent, fTags})) ||
		!reflect.DeepEqual(EventColumns, fieldNamesOf([]int{fMemberID, fKind, fAt, fAmount, fOrderID, fChannel, fCampaignID})) {
		t.Error("column lists out of step")
	}
}

func fieldNamesOf(fs []int) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fieldNames[f])
	}
	return out
}
