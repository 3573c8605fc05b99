package store

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
)

// Tests for issue 11 (imports that never lie), on a real bbolt file.

var admin = Actor{Name: "ops", Role: Admin, UID: "1000", Host: "desk"}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func importBytes(t testing.TB, s *Store, name string, data []byte, opt ImportOptions) ImportSummary {
	t.Helper()
	sum, err := s.ImportFile(admin, writeFile(t, name, data), opt)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	if sum.Read != sum.Stored+sum.Updated+sum.Duplicates+sum.Rejected {
		t.Fatalf("%s: counts do not add up: %+v", name, sum)
	}
	return sum
}

func counts(s ImportSummary) string {
	return fmt.Sprintf("read %d stored %d updated %d dup %d rejected %d", s.Read, s.Stored, s.Updated, s.Duplicates, s.Rejected)
}

const membersAB = "member_id,name,phone,channel,registered_at,birthday,consent,tags\n" +
	"A,张三,13812341234,小程序,2026-01-01 10:00:00,03-05,是,vip\n" +
	"B,李四,13912341234,门店,2026-01-02 10:00:00,,是,\n"

// Point 1: more rows than size/48+16 used to panic (makeslice) with exit 2
// and a .owner note left behind.
func TestShortRowsDoNotCrash(t *testing.T) {
	s, path := openTemp(t)
	importBytes(t, s, "m.csv", []byte(membersAB), ImportOptions{})
	var b strings.Builder
	b.WriteString("member_id,kind,at\n")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&b, "A,login,2026-02-01 10:%02d:%02d\n", i/60, i%60) // 29 bytes a row
	}
	for _, batch := range []int{0, 7} {
		sum := importBytes(t, s, "e.csv", []byte(b.String()), ImportOptions{BatchSize: batch})
		if batch == 0 && counts(sum) != "read 150 stored 150 updated 0 dup 0 rejected 0" {
			t.Errorf("first: %s", counts(sum))
		}
		if batch == 7 && counts(sum) != "read 150 stored 0 updated 0 dup 150 rejected 0" {
			t.Errorf("again in batches of 7: %s", counts(sum))
		}
	}
	if _, err := os.Stat(path + ".owner"); err != nil {
		t.Errorf("owner note of the open store: %v", err)
	}
}

// Point 3 in the store: a time outside int64 nanoseconds is refused by the
// store itself (it would wrap), not stored as another date.
func TestStoreRefusesUnstorableTimes(t *testing.T) {
	s, _ := openTemp(t)
	far := time.Date(9999, 12, 31, 23, 59, 59, 0, shanghai)
	res, err := s.IngestMembers([]model.Member{{ID: "X", RegisteredAt: far}, member("A", "2026-01-01 10:00:00")})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Outcome != Rejected || res[0].Field != "registered_at" || res[1].Outcome != Stored {
		t.Fatalf("members %+v", res)
	}
	res, err = s.IngestEvents([]model.Event{{MemberID: "A", Kind: model.KindLogin, At: far},
		{MemberID: "A", Kind: model.KindLogin, At: time.Date(1, 1, 1, 0, 0, 0, 0, shanghai)}, ev("A", model.KindLogin, "2026-01-03 10:00:00", 0, "")})
	if err != nil {
		t.Fatal(err)
	}
	if outcomes(res)[0] != Rejected || outcomes(res)[1] != Rejected || outcomes(res)[2] != Stored {
		t.Errorf("events %+v", res)
	}
	in, _ := s.Info()
	if in.FirstDay != day("2026-01-03") || in.LastDay != day("2026-01-03") {
		t.Errorf("days %v %v", in.FirstDay, in.LastDay)
	}
}

// Point 4: an id over 32 KiB used to fail the whole batch (0 of 1,148,354
// rows stored, "near line 2"). Now that row alone is rejected, at its line.
func TestLongIDsRejectOneRowAtItsLine(t *testing.T) {
	s, _ := openTemp(t)
	long := strings.Repeat("x", 40<<10)
	var b strings.Builder
	b.WriteString("member_id,name,registered_at\n")
	for i := 0; i < 1000; i++ {
		if i == 500 {
			b.WriteString(long + ",long,2026-01-01\n") // line 502
			continue
		}
		fmt.Fprintf(&b, "M%d,n,2026-01-01\n", i)
	}
	p := writeFile(t, "m.csv", []byte(b.String()))
	sum, err := s.ImportFile(admin, p, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if counts(sum) != "read 1000 stored 999 updated 0 dup 0 rejected 1" {
		t.Fatalf("%s", counts(sum))
	}
	rej, _ := os.ReadFile(sum.RejectsFile)
	if !bytes.Contains(rej, []byte("\n502,\"field member_id: ")) || !bytes.Contains(rej, []byte("ids are at most 128")) {
		t.Errorf("rejects file: %.300s", rej)
	}
	// The store refuses it too when called directly, row by row.
	res, err := s.IngestMembers([]model.Member{{ID: long, RegisteredAt: at("2026-01-01 10:00:00")}, member("Z", "2026-01-01 10:00:00")})
	if err != nil || res[0].Outcome != Rejected || res[1].Outcome != Stored {
		t.Errorf("direct: %+v %v", res, err)
	}
	res, err = s.IngestEvents([]model.Event{ev("Z", model.KindPurchase, "2026-01-02 10:00:00", 100, long), ev("Z", model.KindLogin, "2026-01-02 10:00:00", 0, "")})
	if err != nil || res[0].Outcome != Rejected || res[1].Outcome != Stored {
		t.Errorf("direct events: %+v %v", res, err)
	}
}

// Point 5 through the whole import: the rows after an unclosed quote are
// stored, and the counts add up to the file's data lines.
func TestUnclosedQuoteImport(t *testing.T) {
	s, _ := openTemp(t)
	var b strings.Builder
	b.WriteString("member_id,name,registered_at\n")
	for i := 2; i <= 1001; i++ {
		if i == 11 {
			b.WriteString("M11,\"Tom,2026-01-01\n")
			continue
		}
		fmt.Fprintf(&b, "M%d,n,2026-01-01\n", i)
	}
	sum := importBytes(t, s, "m.csv", []byte(b.String()), ImportOptions{})
	if counts(sum) != "read 1000 stored 999 updated 0 dup 0 rejected 1" {
		t.Errorf("%s", counts(sum))
	}
}

// Point 7: 1,100 purchases of ¥90,000,000,000,000.00 used to wrap GMV to a
// negative number. Now the total stays exact and the events that would pass
// it are rejected.
func TestAmountSumsNeverWrap(t *testing.T) {
	s, _ := openTemp(t)
	importBytes(t, s, "m.csv", []byte(membersAB), ImportOptions{})
	var b strings.Builder
	b.WriteString("member_id,kind,at,amount,order_id\n")
	for i := 0; i < 1100; i++ {
		fmt.Fprintf(&b, "A,purchase,2026-02-01 10:00:00,90000000000000.00,O%d\n", i)
	}
	// With the default ceiling every row is refused as implausible.
	sum := importBytes(t, s, "e.csv", []byte(b.String()), ImportOptions{})
	if counts(sum) != "read 1100 stored 0 updated 0 dup 0 rejected 1100" {
		t.Fatalf("default ceiling: %s", counts(sum))
	}
	// Raised to the parser's maximum, the total decides: 1024 × 9e15 fen fit
	// in int64, the 1025th would not.
	sum = importBytes(t, s, "e.csv", []byte(b.String()), ImportOptions{MaxAmountFen: model.MaxFen})
	if counts(sum) != "read 1100 stored 1024 updated 0 dup 0 rejected 76" {
		t.Fatalf("raised ceiling: %s", counts(sum))
	}
	rs, err := s.Daily(model.Window{From: day("2026-02-01"), To: day("2026-02-01")})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].GMVFen != 1024*model.MaxFen || rs[0].Orders != 1024 {
		t.Errorf("GMV %d orders %d", rs[0].GMVFen, rs[0].Orders)
	}
	snap, err := s.Snapshot(model.DefaultRules(), model.Window{From: day("2026-02-01"), To: day("2026-02-01")})
	if err != nil {
		t.Fatal(err)
	}
	if snap.KPIs.GMVFen != 1024*model.MaxFen {
		t.Errorf("snapshot GMV %d", snap.KPIs.GMVFen)
	}
	// A re-import: the stored ones are duplicates, the rest still refused.
	sum = importBytes(t, s, "e.csv", []byte(b.String()), ImportOptions{MaxAmountFen: model.MaxFen})
	if counts(sum) != "read 1100 stored 0 updated 0 dup 1024 rejected 76" {
		t.Errorf("again: %s", counts(sum))
	}
	// The totals survive a reopen (they come from the rollups).
	path := s.Path()
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	res, err := s2.IngestEvents([]model.Event{{MemberID: "B", Kind: model.KindPurchase, At: at("2026-02-02 10:00:00"), Amount: math.MaxInt64 - 1024*model.MaxFen + 1},
		{MemberID: "B", Kind: model.KindPurchase, At: at("2026-02-02 11:00:00"), Amount: math.MaxInt64 - 1024*model.MaxFen}})
	if err != nil || res[0].Outcome != Rejected || res[1].Outcome != Stored {
		t.Errorf("after reopen: %+v %v", res, err)
	}
}

func TestDefaultAsOfNeverAfterToday(t *testing.T) {
	today := day("2026-12-02")
	cases := []struct {
		in   Info
		want model.Day
	}{
		{Info{}, today},
		{Info{Events: 5, LastDay: day("2026-06-30")}, day("2026-06-30")},
		{Info{Events: 5, LastDay: day("2099-01-01")}, today},
		{Info{Events: 5, LastDay: today}, today},
	}
	for _, c := range cases {
		if got := c.in.DefaultAsOf(today); got != c.want {
			t.Errorf("%+v: %v, want %v", c.in, got, c.want)
		}
	}
}

// Point 9: duplicate checks used to compare each event without an order id
// with every stored event of its member (re-importing 40k logins: 28.7 s).
// Now a re-import of one member's 100k logins examines a bounded number of
// records per row, and finds every one a duplicate.
func TestReimportOfManyEventsIsLinear(t *testing.T) {
	s, _ := openTemp(t)
	importBytes(t, s, "m.csv", []byte(membersAB), ImportOptions{})
	data := manyLogins(100_000, false)
	sum := importBytes(t, s, "e.csv", data, ImportOptions{})
	if counts(sum) != "read 100000 stored 100000 updated 0 dup 0 rejected 0" {
		t.Fatalf("first: %s", counts(sum))
	}
	first := s.dupWork
	sum = importBytes(t, s, "e.csv", data, ImportOptions{})
	if counts(sum) != "read 100000 stored 0 updated 0 dup 100000 rejected 0" {
		t.Fatalf("again: %s", counts(sum))
	}
	if work := s.dupWork - first; work > 3*100_000 {
		t.Errorf("re-import examined %d records for 100k rows: not O(1) a row", work)
	}
	// In reverse time order (and twice in the file) the first import of
	// another member is linear too, and its events are stored in time order.
	before := s.dupWork
	sum = importBytes(t, s, "r.csv", append(manyLogins(50_000, true), manyLogins(50_000, true)[len("member_id,kind,at\n"):]...), ImportOptions{})
	if counts(sum) != "read 100000 stored 50000 updated 0 dup 50000 rejected 0" {
		t.Fatalf("reversed: %s", counts(sum))
	}
	if work := s.dupWork - before; work > 3*100_000 {
		t.Errorf("reversed import examined %d records", work)
	}
	var last time.Time
	n := 0
	err := s.ForEachEvent(func(e *model.Event) error {
		if e.MemberID == "B" {
			if e.At.Before(last) {
				return fmt.Errorf("B's events out of order at %v", e.At)
			}
			last = e.At
			n++
		}
		return nil
	})
	if err != nil || n != 50_000 {
		t.Errorf("B: %d events, %v", n, err)
	}
}

// manyLogins is one member's logins a second apart (A forwards, B reversed).
func manyLogins(n int, reverse bool) []byte {
	var b bytes.Buffer
	b.WriteString("member_id,kind,at\n")
	base := time.Date(2026, 1, 2, 0, 0, 0, 0, shanghai)
	for i := 0; i < n; i++ {
		id, k := "A", i
		if reverse {
			id, k = "B", n-1-i
		}
		fmt.Fprintf(&b, "%s,login,%s\n", id, base.Add(time.Duration(k)*time.Second).Format("2006-01-02 15:04:05"))
	}
	return b.Bytes()
}

// BenchmarkReimportOneMember100k times the first import and the re-import of
// one member's 100k logins (the shared walk-in id of a till export).
func BenchmarkReimportOneMember100k(b *testing.B) {
	data := manyLogins(100_000, false)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "c.db"), Options{Location: shanghai})
		if err != nil {
			b.Fatal(err)
		}
		importBytes(b, s, "m.csv", []byte(membersAB), ImportOptions{})
		p := writeFile(b, "e.csv", data)
		b.StartTimer()
		t0 := time.Now()
		if _, err := s.ImportFile(admin, p, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := s.ImportFile(admin, p, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(t1.Sub(t0).Seconds(), "first-s")
		b.ReportMetric(time.Since(t1).Seconds(), "reimport-s")
		b.StopTimer()
		s.Close()
	}
}

// Point 10: the owner message used to name a process that was killed.
func TestStaleOwnerNoteIsNotNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(path, Options{Location: shanghai})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A process that has exited: its pid is free.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	host, _ := os.Hostname()
	note := fmt.Sprintf(`{"pid":%d,"host":%q,"command":"cockpit import big.csv","since":"2026-01-01T00:00:00Z"}`, dead, host)
	// A reader holds the lock (readers leave no note), and a killed import's
	// note is left beside the file.
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path+".owner", []byte(note), 0o600)
	_, err = Open(path, Options{Timeout: 100 * time.Millisecond})
	var owned *OwnedError
	if !errors.As(err, &owned) || owned.Owner != nil || owned.StalePID != dead {
		t.Fatalf("err = %#v", err)
	}
	if msg := err.Error(); strings.Contains(msg, "big.csv") || !strings.Contains(msg, "no longer running") {
		t.Errorf("message %q", msg)
	}
	r.Close()
	// A reader that gets the file removes a stale note; an owner replaces it.
	os.WriteFile(path+".owner", []byte(note), 0o600)
	r, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := os.Stat(path + ".owner"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale note kept by a reader: %v", err)
	}
	os.WriteFile(path+".owner", []byte(note), 0o600)
	w, err := Open(path, Options{Owner: OwnerInfo{Command: "cockpit import new.csv"}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if o := readOwner(path); o == nil || o.PID != os.Getpid() || o.Command != "cockpit import new.csv" {
		t.Errorf("note %+v", o)
	}
	// A live owner is still named.
	_, err = Open(path, Options{Timeout: 100 * time.Millisecond})
	if !errors.As(err, &owned) || owned.Owner == nil || !strings.Contains(err.Error(), "new.csv") {
		t.Errorf("live owner: %v", err)
	}
}

// Point 11: members are updated, not skipped, when their details change; a
// consent withdrawal takes effect at once; --insert-only keeps the old way.
func TestMemberRowsUpdateChangedFields(t *testing.T) {
	s, _ := openTemp(t)
	importBytes(t, s, "m.csv", []byte(membersAB), ImportOptions{})
	changed := "member_id,name,phone,channel,registered_at,birthday,consent,tags\n" +
		"A,张三,13700000000,小程序,2026-01-01 10:00:00,03-05,否,vip|新客\n" + // phone, consent, tags
		"B,李四,13912341234,门店,2026-01-02 10:00:00,,是,\n" // identical
	sum := importBytes(t, s, "m2.csv", []byte(changed), ImportOptions{InsertOnly: true})
	if counts(sum) != "read 2 stored 0 updated 0 dup 2 rejected 0" {
		t.Fatalf("insert-only: %s", counts(sum))
	}
	p, _ := s.LoadProfiles()
	if !p.Consent(0) || p.Phone(0) != "13812341234" {
		t.Fatalf("insert-only changed A")
	}
	sum = importBytes(t, s, "m2.csv", []byte(changed), ImportOptions{})
	if counts(sum) != "read 2 stored 0 updated 1 dup 1 rejected 0" {
		t.Fatalf("update: %s", counts(sum))
	}
	p, _ = s.LoadProfiles()
	if p.Consent(0) || p.Phone(0) != "13700000000" || strings.Join(p.MemberTags(0), ",") != "vip,新客" || p.Name(0) != "张三" {
		t.Errorf("A after update: consent %v phone %s tags %v", p.Consent(0), p.Phone(0), p.MemberTags(0))
	}
	// The summaries carry consent too (audiences and KPIs read them).
	var h model.MemberHistory
	if err := s.forHistory(0, &h); err != nil || h.Consent {
		t.Errorf("history consent %v %v", h.Consent, err)
	}
	// A file without a phone column changes no phone; a masked phone (as an
	// export writes it) is not a change.
	sum = importBytes(t, s, "m3.csv", []byte("member_id,name,registered_at\nA,张三丰,2026-01-01 10:00:00\n"), ImportOptions{})
	sum2 := importBytes(t, s, "m4.csv", []byte("member_id,phone,registered_at\nB,139****1234,2026-01-02 10:00:00\n"), ImportOptions{})
	p, _ = s.LoadProfiles()
	if sum.Updated != 1 || sum2.Duplicates != 1 || p.Name(0) != "张三丰" || p.Phone(0) != "13700000000" || p.Phone(1) != "13912341234" {
		t.Errorf("partial: %s / %s; %s %s %s", counts(sum), counts(sum2), p.Name(0), p.Phone(0), p.Phone(1))
	}
	log, _ := s.AuditLog(admin)
	var updates []string
	for _, e := range log {
		if e.Action == "member.update" {
			updates = append(updates, e.Object+": "+e.Detail)
			if e.Who != "ops" || e.UID != "1000" || e.Host != "desk" {
				t.Errorf("entry %+v", e)
			}
		}
	}
	if strings.Join(updates, "; ") != "A: phone, consent true→false, tags; A: name" {
		t.Errorf("audited updates %q", updates)
	}
}

// forHistory decodes one member's summary (for tests).
func (s *Store) forHistory(seq uint32, h *model.MemberHistory) error {
	tx, err := s.db.Begin(false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return decodeHistory(tx.Bucket(bHistory).Get(seqKey(seq)), h)
}

// Point 12: the audit log says who (name, role, uid, host), what and how
// much; imports and unmasked exports need their roles.
func TestImportAndExportCheckRolesAndAudit(t *testing.T) {
	s, _ := openTemp(t)
	p := writeFile(t, "m.csv", []byte(membersAB))
	viewer := Actor{Name: "v", Role: Viewer}
	editor := Actor{Name: "e", Role: Editor, KeyFingerprint: "SHA256:abc", KeyComment: "e@laptop"}
	if _, err := s.ImportFile(viewer, p, ImportOptions{}); !errors.Is(err, ErrForbidden) {
		t.Errorf("viewer import: %v", err)
	}
	if _, err := s.ImportFile(editor, p, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := s.ExportMembers(editor, &out, ExportOptions{Unmask: true, Dest: "/tmp/x.csv"}); !errors.Is(err, ErrForbidden) || out.Len() != 0 {
		t.Errorf("editor unmasked export: %v, %d bytes", err, out.Len())
	}
	if n, err := s.ExportMembers(editor, &out, ExportOptions{}); err != nil || n != 2 || strings.Contains(out.String(), "13812341234") {
		t.Errorf("masked export: %d %v", n, err)
	}
	out.Reset()
	if n, err := s.ExportMembers(admin, &out, ExportOptions{Unmask: true, Format: rows.JSONL, Dest: "/tmp/x.jsonl"}); err != nil || n != 2 || !strings.Contains(out.String(), "13812341234") {
		t.Errorf("unmasked export: %d %v", n, err)
	}
	log, _ := s.AuditLog(admin)
	var got []string
	for _, e := range log {
		got = append(got, e.Who+" "+e.Role+" "+e.UID+" "+e.Host+" "+e.KeyFingerprint+" "+e.KeyComment+" | "+e.Action+" "+filepath.Base(e.Object)+" | "+e.Detail)
	}
	// Refused attempts are in the log too (Store.refused), with what was asked.
	want := []string{
		"v viewer     | import.denied m.csv | ",
		"e editor   SHA256:abc e@laptop | import m.csv | members, utf8: read 2, stored 2, updated 0, duplicates 0, rejected 0",
		"e editor   SHA256:abc e@laptop | export.unmasked.denied x.csv | ",
		"ops admin 1000 desk   | export.unmasked members | 2 members to /tmp/x.jsonl (jsonl)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestOpenExplainsBadPaths(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	for _, ro := range []bool{false, true} {
		if _, err := Open(empty, Options{ReadOnly: ro}); !errors.Is(err, ErrEmptyFile) {
			t.Errorf("read-only %v: %v", ro, err)
		}
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Errorf("the empty file was written")
	}
	if _, err := Open(filepath.Join(dir, "no", "such", "c.db"), Options{}); !errors.Is(err, ErrNoDirectory) {
		t.Errorf("missing directory: %v", err)
	}
	// The cause once, not "open f: open f: …".
	file := filepath.Join(dir, "plain")
	os.WriteFile(file, []byte("x"), 0o600)
	_, err := Open(filepath.Join(file, "c.db"), Options{})
	if err == nil || strings.Count(err.Error(), "c.db") != 1 {
		t.Errorf("error %v", err)
	}
}
