package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

var shanghai = mustLoc("Asia/Shanghai")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(path, Options{Location: shanghai})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func day(s string) model.Day {
	d, err := model.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestOpenCreatesPrivateFileWithSchema(t *testing.T) {
	s, path := openTemp(t)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	if got := s.Location().String(); got != "Asia/Shanghai" {
		t.Errorf("zone = %q", got)
	}
	s.Close()
	// The zone is the file's, not the opener's.
	s2, err := Open(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := s2.Location().String(); got != "Asia/Shanghai" {
		t.Errorf("reopened zone = %q, want the file's Asia/Shanghai", got)
	}
}

func TestOpenRefusesForeignAndNewerFiles(t *testing.T) {
	dir := t.TempDir()
	// A bbolt file of another program.
	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
	db.Close()
	if _, err := Open(foreign, Options{}); !errors.Is(err, ErrNotCockpit) {
		t.Errorf("foreign bbolt file: err = %v, want ErrNotCockpit", err)
	}
	// Not a database at all.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte(strings.Repeat("not a database ", 1000)), 0o600)
	if _, err := Open(junk, Options{}); err == nil {
		t.Error("junk file opened without error")
	}
	// A cockpit file from the future.
	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(kSchema, []byte("99")) })
	s.Close()
	if _, err := Open(newer, Options{}); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("newer schema: err = %v, want ErrNewerSchema", err)
	}
	// Read-only open of a missing file.
	if _, err := Open(filepath.Join(dir, "missing.db"), Options{ReadOnly: true}); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("missing file: err = %v, want ErrNoDatabase", err)
	}
}

func TestSecondOwnerFailsFastNamingTheOwner(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(path, Options{Owner: OwnerInfo{Command: "cockpit serve", Connect: "ssh -p 23234 localhost"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = Open(path, Options{})
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("second open took %v", took)
	}
	var owned *OwnedError
	if !errors.As(err, &owned) {
		t.Fatalf("err = %v, want *OwnedError", err)
	}
	for _, want := range []string{"cockpit serve", "ssh -p 23234 localhost", path} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
	// Readers are refused too while the owner writes.
	if _, err := Open(path, Options{ReadOnly: true}); !errors.As(err, &owned) {
		t.Errorf("read-only open beside the owner: err = %v", err)
	}
}

func member(id, reg string) model.Member {
	return model.Member{ID: id, Name: "会员" + id, Phone: "13812341234", Channel: "小程序", RegisteredAt: at(reg), Consent: true}
}

func ev(id string, k model.Kind, when string, amount int64, order string) model.Event {
	return model.Event{MemberID: id, Kind: k, At: at(when), Amount: amount, OrderID: order, Channel: "APP"}
}

func outcomes(rs []Result) []Outcome {
	out := make([]Outcome, len(rs))
	for i, r := range rs {
		out[i] = r.Outcome
	}
	return out
}

func TestIngestDeduplicatesAndRejects(t *testing.T) {
	s, _ := openTemp(t)
	res, err := s.IngestMembers([]model.Member{member("A", "2026-01-01 10:00:00"), member("B", "2026-01-02 10:00:00"), member("A", "2026-03-01 10:00:00")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := outcomes(res), []Outcome{Stored, Stored, Duplicate}; !reflect.DeepEqual(got, want) {
		t.Fatalf("members: %v, want %v", got, want)
	}
	batch := []model.Event{
		ev("A", model.KindPurchase, "2026-01-05 12:00:00", 12345, "O1"),
		ev("A", model.KindLogin, "2026-01-05 09:00:00", 0, ""),        // earlier than the purchase: inserted in order
		ev("A", model.KindLogin, "2026-01-05 09:00:00", 0, ""),        // same content in the same batch
		ev("B", model.KindPurchase, "2026-01-06 12:00:00", 500, "O1"), // same (kind, order) as A's: the later copy is ignored
		ev("A", model.KindRefund, "2026-01-07 12:00:00", 2345, "O1"),  // a refund shares the order id: different kind, stored
		ev("Z", model.KindLogin, "2026-01-05 09:00:00", 0, ""),        // unknown member
		ev("B", model.KindSignin, "2026-01-06 08:00:00", 0, ""),       //
		ev("B", model.KindSignin, "2026-01-06 08:00:00", 0, ""),       /*dup*/ //
	}
	res, err = s.IngestEvents(batch)
	if err != nil {
		t.Fatal(err)
	}
	want := []Outcome{Stored, Stored, Duplicate, Duplicate, Stored, Rejected, Stored, Duplicate}
	if got := outcomes(res); !reflect.DeepEqual(got, want) {
		t.Fatalf("events: %v, want %v", got, want)
	}
	if !strings.Contains(res[5].Reason, `"Z"`) {
		t.Errorf("reject reason %q does not name the member", res[5].Reason)
	}
	// Re-ingesting the whole batch changes nothing.
	res, err = s.IngestEvents(batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if i == 5 {
			continue
		}
		if r.Outcome != Duplicate {
			t.Errorf("re-ingest row %d: %v, want Duplicate", i, r.Outcome)
		}
	}
	info, _ := s.Info()
	if info.Members != 2 || info.Events != 4 || info.FirstDay != day("2026-01-05") || info.LastDay != day("2026-01-07") {
		t.Errorf("info = %+v", info)
	}
	seq, err := s.MemberSeq("A")
	if err != nil {
		t.Fatal(err)
	}
	evs, err := s.MemberEvents(seq, 0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []model.Kind
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	if want := []model.Kind{model.KindRefund, model.KindPurchase, model.KindLogin}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("timeline newest first = %v, want %v", kinds, want)
	}
	m, h, err := s.Member(seq)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "会员A" || h.Reg != day("2026-01-01") || len(h.Days) != 2 {
		t.Fatalf("member %+v history %+v", m, h)
	}
	d0 := h.Days[0] // 01-05: one login, one purchase of 123.45
	if d0.Count[model.KindLogin] != 1 || d0.Count[model.KindPurchase] != 1 || d0.PurchaseFen != 12345 || d0.PurchasePoints != 123 {
		t.Errorf("day 1 = %+v", d0)
	}
	d1 := h.Days[1] // 01-07: refund 23.45 → 23 points back
	if d1.Count[model.KindRefund] != 1 || d1.RefundFen != 2345 || d1.RefundPoints != 23 {
		t.Errorf("day 2 = %+v", d1)
	}
}

// TestRollupsMatchHistories checks the daily rollups kept by ingest against
// the same figures recomputed from the per-member summaries.
func TestRollupsMatchHistories(t *testing.T) {
	s, _ := openTemp(t)
	var ms []model.Member
	for i := 0; i < 30; i++ {
		ms = append(ms, member(string(rune('a'+i)), "2026-02-0"+string(rune('1'+i%9))+" 10:00:00"))
	}
	if _, err := s.IngestMembers(ms); err != nil {
		t.Fatal(err)
	}
	var evs []model.Event
	kinds := []model.Kind{model.KindLogin, model.KindPurchase, model.KindSignin, model.KindRefund, model.KindRedeem, model.KindBrowse, model.KindRegister}
	for i := 0; i < 600; i++ {
		k := kinds[i%len(kinds)]
		var amt int64
		order := ""
		if k == model.KindPurchase || k == model.KindRefund {
			amt = int64(100 + i*37%9000)
			order = "O" + string(rune('A'+i%26)) + time.Duration(i).String()
		}
		if k == model.KindRedeem {
			amt = int64(i % 50)
		}
		when := at("2026-02-10 08:00:00").Add(time.Duration(i*7919%(20*24)) * time.Hour)
		evs = append(evs, model.Event{MemberID: ms[i*13%30].ID, Kind: k, At: when, Amount: amt, OrderID: order})
	}
	// Two batches, the second out of time order, to exercise merging.
	if _, err := s.IngestEvents(evs[:300]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IngestEvents(evs[300:]); err != nil {
		t.Fatal(err)
	}
	w := model.Window{From: day("2026-02-01"), To: day("2026-03-15")}
	want := make([]Rollup, w.Len())
	err := s.ForEachHistory(func(_ uint32, h *model.MemberHistory) error {
		if w.Contains(h.Reg) {
			want[h.Reg-w.From].NewMembers++
		}
		for _, a := range h.Days {
			r := &want[a.Day-w.From]
			r.Events += int64(a.Events())
			if a.NonRegister() > 0 {
				r.DAU++
			}
			if a.Count[model.KindPurchase] > 0 {
				r.Buyers++
			}
			r.Orders += int64(a.Count[model.KindPurchase])
			r.GMVFen += a.PurchaseFen
			r.Refunds += int64(a.Count[model.KindRefund])
			r.RefundFen += a.RefundFen
			r.PointsIssued += a.PurchasePoints
			r.Redeemed += a.Redeemed
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Daily(w)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: rollup %+v, recomputed %+v", w.From+model.Day(i), got[i], want[i])
			}
		}
	}
	var total int64
	for _, r := range got {
		total += r.Events
	}
	info, _ := s.Info()
	if total != info.Events || total == 0 {
		t.Errorf("rollup events %d, info events %d", total, info.Events)
	}
}

func TestFeedAnnouncesCommittedWrites(t *testing.T) {
	s, _ := openTemp(t)
	ch, cancel := s.Subscribe()
	defer cancel()
	s.IngestMembers([]model.Member{member("A", "2026-01-01 10:00:00")})
	s.IngestEvents([]model.Event{ev("A", model.KindLogin, "2026-01-03 10:00:00", 0, "")})
	s.IngestEvents([]model.Event{ev("A", model.KindLogin, "2026-01-03 10:00:00", 0, "")}) // duplicate: no change
	var got []Change
	timeout := time.After(time.Second)
	for len(got) < 2 {
		select {
		case c := <-ch:
			got = append(got, c)
		case <-timeout:
			t.Fatalf("got %d changes, want 2", len(got))
		}
	}
	if got[0].Kind != ChangeMembers || got[1].Kind != ChangeEvents || got[1].From != day("2026-01-03") || got[1].Seq <= got[0].Seq {
		t.Errorf("changes = %+v", got)
	}
	select {
	case c := <-ch:
		t.Errorf("a duplicate-only write announced %+v", c)
	case <-time.After(50 * time.Millisecond):
	}
}

func TestBackupIsAUsableCopy(t *testing.T) {
	s, path := openTemp(t)
	s.IngestMembers([]model.Member{member("A", "2026-01-01 10:00:00")})
	s.IngestEvents([]model.Event{ev("A", model.KindPurchase, "2026-01-03 10:00:00", 990, "O9")})
	dst := filepath.Join(filepath.Dir(path), "copy.db")
	if err := s.Backup(dst); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(dst)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", fi.Mode().Perm())
	}
	c, err := Open(dst, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	a, _ := s.Info()
	b, _ := c.Info()
	if a != b {
		t.Errorf("backup info %+v, original %+v", b, a)
	}
}

func TestRecordsCheckRoleAndAudit(t *testing.T) {
	s, _ := openTemp(t)
	viewer := Actor{Name: "vic", Role: Viewer}
	editor := Actor{Name: "eve", Role: Editor}
	tg := model.Target{Name: "GMV 2026", Metric: "gmv", From: day("2026-01-01"), To: day("2026-12-31"), Value: 100000000, Method: model.MethodEven}
	if _, err := s.PutTarget(viewer, tg); !errors.Is(err, ErrForbidden) {
		t.Fatalf("viewer put: err = %v, want ErrForbidden", err)
	}
	id, err := s.PutTarget(editor, tg)
	if err != nil || id != "T1" {
		t.Fatalf("put = %q, %v", id, err)
	}
	got, err := s.Target(id)
	if err != nil || got.Value != tg.Value || got.ID != "T1" || got.Created.IsZero() {
		t.Fatalf("get = %+v, %v", got, err)
	}
	if err := s.DeleteTarget(viewer, id); !errors.Is(err, ErrForbidden) {
		t.Errorf("viewer delete: %v", err)
	}
	if err := s.DeleteTarget(editor, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Target(id); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	if _, err := s.AuditLog(editor); !errors.Is(err, ErrForbidden) {
		t.Errorf("editor reads the audit log: %v", err)
	}
	// Refusals are audited too, in order with the writes.
	log, _ := s.AuditLog(Actor{Name: "root", Role: Admin})
	var seen []string
	for _, e := range log {
		seen = append(seen, e.Who+":"+e.Action)
	}
	want := "vic:target.put.denied eve:target.put vic:target.delete.denied eve:target.delete"
	if strings.Join(seen, " ") != want {
		t.Errorf("audit = %v, want %s", seen, want)
	}
}

// TestOrderDuplicateAcrossMembersKeepsFileOrder: the batch is processed member
// by member, but the first (kind, order id) in the file wins even when it
// belongs to a member with a later seq.
func TestOrderDuplicateAcrossMembersKeepsFileOrder(t *testing.T) {
	s, _ := openTemp(t)
	s.IngestMembers([]model.Member{member("A", "2026-01-01 10:00:00"), member("B", "2026-01-01 10:00:00")})
	res, err := s.IngestEvents([]model.Event{
		ev("B", model.KindPurchase, "2026-01-05 12:00:00", 700, "X1"), // B is seq 1, first in the file
		ev("A", model.KindPurchase, "2026-01-05 11:00:00", 900, "X1"), // A is seq 0: the later copy
		ev("A", model.KindLogin, "2026-01-05 11:00:00", 0, ""),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := outcomes(res), []Outcome{Stored, Duplicate, Stored}; !reflect.DeepEqual(got, want) {
		t.Fatalf("outcomes %v, want %v", got, want)
	}
	d, _ := s.Daily(model.Window{From: day("2026-01-05"), To: day("2026-01-05")})
	if d[0].Orders != 1 || d[0].GMVFen != 700 || d[0].DAU != 2 || d[0].Buyers != 1 {
		t.Errorf("rollup %+v", d[0])
	}
}
