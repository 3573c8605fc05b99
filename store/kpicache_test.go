package store

import (
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// TestKPICacheRoundTrip: an entry gives back every field of the snapshot
// (each set to a distinct value, negatives and the int64 extremes included)
// and its stamp; values of another length are misses.
func TestKPICacheRoundTrip(t *testing.T) {
	if snapshotSize <= 0 {
		t.Fatalf("binary.Size(model.Snapshot) = %d: the snapshot has a field of no fixed size", snapshotSize)
	}
	var s model.Snapshot
	// Fill every int64 and Day of the snapshot with a distinct value
	// through reflection, so a field added later is covered too.
	n := int64(0)
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				fill(v.Field(i))
			}
		case reflect.Array:
			for i := 0; i < v.Len(); i++ {
				fill(v.Index(i))
			}
		case reflect.Int64, reflect.Int32:
			n++
			x := n * 1_000_003
			if n%3 == 0 {
				x = -x
			}
			v.SetInt(x)
		default:
			t.Fatalf("snapshot field of kind %s: extend this test", v.Kind())
		}
	}
	fill(reflect.ValueOf(&s).Elem())
	s.KPIs.GMVFen = 1<<63 - 1
	s.KPIs.RefundsFen = -1 << 63
	v, err := encodeKPIEntry(42, 1<<63+7, &s)
	if err != nil {
		t.Fatal(err)
	}
	stamp, meta, got, ok := decodeKPIEntry(v)
	if !ok || stamp != 42 || meta != 1<<63+7 || !reflect.DeepEqual(got, s) {
		t.Fatalf("round trip: ok %v stamp %d meta %d\n got %+v\nwant %+v", ok, stamp, meta, got, s)
	}
	for _, bad := range [][]byte{nil, v[:len(v)-1], append(v[:len(v):len(v)], 0)} {
		if _, _, _, ok := decodeKPIEntry(bad); ok {
			t.Errorf("a value of %d bytes decoded", len(bad))
		}
	}
}

// TestKPICacheSameAsScan: on the hand-checked population, a stored snapshot
// is returned by Snapshot exactly as the scan computes it; any later write
// (events, or a record that changes no KPI) makes it a miss, and Snapshot
// then gives the new scan's figures; a snapshot computed before a write is
// never stored; a read-only open reads what the owner stored.
func TestKPICacheSameAsScan(t *testing.T) {
	s := handPopulation(t)
	r := model.DefaultRules()
	may := model.Window{From: day("2026-05-01"), To: day("2026-05-31")}

	if _, ok, err := s.CachedSnapshot(r, june); err != nil || ok {
		t.Fatalf("empty cache: ok %v err %v", ok, err)
	}
	want, txid, err := s.ComputeSnapshot(r, june)
	if err != nil {
		t.Fatal(err)
	}
	// Hand-checked figures (TestAnalyzeHandChecked): 5 members at 06-30,
	// C new in June, B and C bought 300 + 800 yuan in June.
	if want.KPIs.MembersTotal != 5 || want.KPIs.NewMembers != 1 || want.KPIs.Orders != 2 || want.KPIs.GMVFen != 110000 {
		t.Fatalf("scan: %+v", want.KPIs)
	}
	prev, _, err := s.ComputeSnapshot(r, may)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RememberSnapshots(r, txid, want, prev); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		w    model.Window
		want model.Snapshot
	}{{june, want}, {may, prev}} {
		got, ok, err := s.CachedSnapshot(r, c.w)
		if err != nil || !ok || !reflect.DeepEqual(got, c.want) {
			t.Fatalf("cached %v: ok %v err %v\n got %+v\nwant %+v", c.w, ok, err, got, c.want)
		}
		if got, err := s.Snapshot(r, c.w); err != nil || !reflect.DeepEqual(got, c.want) {
			t.Fatalf("Snapshot %v from the cache: %v %+v", c.w, err, got)
		}
	}
	// Other rules or another window: not the stored snapshot.
	other := r
	other.SilentDays = 20
	if _, ok, _ := s.CachedSnapshot(other, june); ok {
		t.Error("a snapshot of other rules was taken from the cache")
	}
	if _, ok, _ := s.CachedSnapshot(r, model.Window{From: june.From + 1, To: june.To}); ok {
		t.Error("a snapshot of another window was taken from the cache")
	}
	// Storing again (a second window) keeps the first entries valid.
	apr := model.Window{From: day("2026-04-01"), To: day("2026-04-30")}
	aprSnap, txid2, err := s.ComputeSnapshot(r, apr)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RememberSnapshots(r, txid2, aprSnap); err != nil {
		t.Fatal(err)
	}
	for _, w := range []model.Window{june, may, apr} {
		if _, ok, _ := s.CachedSnapshot(r, w); !ok {
			t.Errorf("%v: lost when another window was stored", w)
		}
	}

	// A data write that changes no KPI of these windows (a login after
	// them) still invalidates every entry. (A write of records only carries
	// them over: TestKPICacheSurvivesRecordWrites.)
	if _, err := s.IngestEvents([]model.Event{ev("A", model.KindLogin, "2026-07-10 08:00:00", 0, "")}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []model.Window{june, may, apr} {
		if _, ok, _ := s.CachedSnapshot(r, w); ok {
			t.Errorf("%v: cached snapshot still taken after a write", w)
		}
	}
	// A stale result (computed before that write) is not stored.
	if err := s.RememberSnapshots(r, txid2, aprSnap); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.CachedSnapshot(r, apr); ok {
		t.Error("a snapshot computed before a write was stored")
	}

	// An event in June: the cache is invalid and Snapshot scans again.
	want2, txid3, err := s.ComputeSnapshot(r, june)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RememberSnapshots(r, txid3, want2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IngestEvents([]model.Event{ev("F", model.KindPurchase, "2026-06-20 12:00:00", 20000, "OF1")}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.CachedSnapshot(r, june); ok {
		t.Fatal("cached snapshot still taken after an event was stored")
	}
	got, err := s.Snapshot(r, june)
	if err != nil {
		t.Fatal(err)
	}
	if got.KPIs.Orders != 3 || got.KPIs.GMVFen != 130000 {
		t.Fatalf("after the event: %+v", got.KPIs)
	}
	scan, txid4, err := s.ComputeSnapshot(r, june)
	if err != nil || !reflect.DeepEqual(got, scan) {
		t.Fatalf("Snapshot %+v, scan %+v (%v)", got, scan, err)
	}

	// A read-only open reads what the owner stored, and stores nothing.
	if err := s.RememberSnapshots(r, txid4, scan); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got, ok, err := ro.CachedSnapshot(r, june); err != nil || !ok || !reflect.DeepEqual(got, scan) {
		t.Fatalf("read-only: ok %v err %v %+v", ok, err, got)
	}
	if err := ro.RememberSnapshots(r, txid4, prev); err != nil {
		t.Fatal(err)
	}
}

// TestSnapshotScanParts: the split scan gives the single Calc's snapshot
// (the sample at 40,000 members: two parts or more where GOMAXPROCS allows).
func TestSnapshotScanParts(t *testing.T) {
	s := sampleStore(t, 40_000)
	r := model.DefaultRules()
	for _, w := range []model.Window{june, {From: day("2026-01-01"), To: day("2026-06-30")}} {
		c := model.NewCalc(r, w)
		if err := s.ForEachHistory(func(_ uint32, h *model.MemberHistory) error { c.Add(h); return nil }); err != nil {
			t.Fatal(err)
		}
		want := c.Result()
		got, _, err := s.snapshotScan(r, w)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%v: split %+v\nsingle %+v (%v)", w, got, want, err)
		}
	}
}

// TestKPICacheChecksTheCounters: an entry whose stamp is the file's latest
// transaction but whose meta hash is not (as after a tool renumbered the
// transactions and data was written since) is a miss.
func TestKPICacheChecksTheCounters(t *testing.T) {
	s := handPopulation(t)
	r := model.DefaultRules()
	snap, txid, err := s.ComputeSnapshot(r, june)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RememberSnapshots(r, txid, snap); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bKPICache)
		k := kpiCacheKey(r, june)
		_, meta, old, ok := decodeKPIEntry(b.Get(k))
		if !ok {
			t.Fatal("no entry")
		}
		m := tx.Bucket(bMeta)
		if err := putU64(m, kEvents, getU64(m, kEvents)+1); err != nil {
			return err
		}
		v, err := encodeKPIEntry(uint64(tx.ID()), meta, &old)
		if err != nil {
			return err
		}
		return b.Put(k, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.CachedSnapshot(r, june); ok {
		t.Fatal("an entry with other counters was taken")
	}
}

// TestRememberSnapshotsLaterDoesNotWait: while another write transaction
// holds the lock (an import's batch), RememberSnapshotsLater returns at
// once; its write then finds the data changed and keeps nothing, and a
// later call on the new data keeps its snapshot.
func TestRememberSnapshotsLaterDoesNotWait(t *testing.T) {
	s := handPopulation(t)
	r := model.DefaultRules()
	snap, txid, err := s.ComputeSnapshot(r, june)
	if err != nil {
		t.Fatal(err)
	}
	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- s.db.Update(func(tx *bolt.Tx) error {
			close(held)
			<-release
			return putU64(tx.Bucket(bMeta), kEvents, getU64(tx.Bucket(bMeta), kEvents))
		})
	}()
	<-held
	s.RememberSnapshotsLater(r, txid, snap) // would deadlock the test if it waited
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	waitRemembered := func() {
		for i := 0; s.remembering.Load(); i++ {
			if i > 1000 {
				t.Fatal("the background write never ended")
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitRemembered()
	if _, ok, _ := s.CachedSnapshot(r, june); ok {
		t.Fatal("a snapshot computed before a write was kept")
	}
	snap, txid, err = s.ComputeSnapshot(r, june)
	if err != nil {
		t.Fatal(err)
	}
	s.RememberSnapshotsLater(r, txid, snap)
	waitRemembered()
	if got, ok, _ := s.CachedSnapshot(r, june); !ok || !reflect.DeepEqual(got, snap) {
		t.Fatal("the background write did not keep the snapshot")
	}
}

// TestKPICacheSurvivesRecordWrites: saving a target or a campaign, deleting
// one, an audit entry and a refused attempt change no member figure, so the
// cached snapshot stays a hit after each; an event makes it a miss, and a
// member update (a data write that also writes an audit entry) too.
func TestKPICacheSurvivesRecordWrites(t *testing.T) {
	s := handPopulation(t)
	r := model.DefaultRules()
	remember := func() {
		t.Helper()
		snap, txid, err := s.ComputeSnapshot(r, june)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RememberSnapshots(r, txid, snap); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.CachedSnapshot(r, june); !ok {
			t.Fatal("no hit right after remembering")
		}
	}
	remember()
	viewer := Actor{Name: "v", Role: Viewer}
	var targetID string
	for _, w := range []struct {
		name string
		do   func() error
	}{
		{"target saved", func() (err error) {
			targetID, err = s.PutTarget(admin, model.Target{Name: "GMV", Metric: "gmv", From: june.From, To: june.To, Value: 100})
			return err
		}},
		{"campaign saved", func() error { _, err := s.PutCampaign(admin, model.Campaign{Name: "C"}); return err }},
		{"target deleted", func() error { return s.DeleteTarget(admin, targetID) }},
		{"audit entry", func() error { return s.Audit(admin, "export.unmasked", "members", "") }},
		{"viewer refused", func() error { _, _ = s.PutTarget(viewer, model.Target{Name: "x"}); return nil }},
	} {
		if err := w.do(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		if _, ok, _ := s.CachedSnapshot(r, june); !ok {
			t.Errorf("%s: the cached snapshot became a miss", w.name)
		}
	}
	if _, err := s.IngestEvents([]model.Event{ev("A", model.KindPurchase, "2026-06-20 12:00:00", 100, "OA9")}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.CachedSnapshot(r, june); ok {
		t.Error("an event left the cached snapshot a hit")
	}
	remember()
	m := member("B", "2026-03-01 10:00:00")
	m.Name = "新名字" // a changed name: a member update, a data write
	if res, err := s.IngestMembersWith([]model.Member{m}, MemberIngest{Update: true, Actor: admin}); err != nil || res[0].Outcome != Updated {
		t.Fatalf("member update: %v %+v", err, res)
	}
	if _, ok, _ := s.CachedSnapshot(r, june); ok {
		t.Error("a member update left the cached snapshot a hit")
	}
}
