package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
	"github.com/memberops/cockpit/store/rows"
)

// Knob settings the bulk import is run with in these tests: the defaults
// (one partition for a small file), and tiny ones that put nearly every
// member in its own partition, every order key in its own sorted run and at
// most two events in a transaction, so that every boundary is crossed.
var bulkKnobSets = []struct {
	name  string
	knobs bulkKnobs
}{
	{"default", bulkKnobs{}},
	{"tiny", bulkKnobs{partBytes: 1, runBytes: 1, rangeEvents: 2}},
	{"small", bulkKnobs{partBytes: 700, runBytes: 200, rangeEvents: 50}},
}

// TestBulkImportMatchesLiveIngest imports the same events file through the
// bulk path (ImportFile) and the incremental path (IngestEvents in small
// batches of varying size, in file order), onto the same members, and
// compares every result a user can see: both exports, the KPI snapshot, the
// daily rollups, each campaign's rollup, the database info and the import's
// counts. Files: both sample shapes, and a crafted one with order-id
// duplicates across members (in different partitions), an order id and an
// event stored before the import, exact duplicates without an order id,
// events out of time order, and rows of unknown members.
func TestBulkImportMatchesLiveIngest(t *testing.T) {
	end := day("2026-06-30")
	type file struct {
		name            string
		members, events string // paths
		before          []model.Event
	}
	dir := t.TempDir()
	var files []file
	for _, shape := range []string{"default", "uniform"} {
		d := filepath.Join(dir, shape)
		cfg := sample.Config{Members: 240, Seed: 7, End: end, Loc: shanghai}
		var err error
		if shape == "uniform" {
			_, _, err = sample.WriteUniformCSV(d, cfg)
		} else {
			err = os.MkdirAll(d, 0o700)
			if err == nil {
				_, _, err = sample.WriteCSV(d, cfg)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file{name: shape, members: filepath.Join(d, "members.csv"), events: filepath.Join(d, "events.csv")})
	}
	crafted := filepath.Join(dir, "crafted")
	if err := os.MkdirAll(crafted, 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(crafted, "members.csv"), []byte(craftedMembers), 0o600)
	os.WriteFile(filepath.Join(crafted, "events.csv"), []byte(craftedEvents), 0o600)
	files = append(files, file{name: "crafted", members: filepath.Join(crafted, "members.csv"), events: filepath.Join(crafted, "events.csv"),
		before: craftedBefore()})

	for _, f := range files {
		for _, ks := range bulkKnobSets {
			t.Run(f.name+"/"+ks.name, func(t *testing.T) {
				prepare := func(name string) *Store {
					s, err := Open(filepath.Join(t.TempDir(), name+".db"), Options{Location: shanghai})
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { s.Close() })
					if _, err := s.ImportFile(admin, f.members, ImportOptions{}); err != nil {
						t.Fatal(err)
					}
					if len(f.before) > 0 {
						if _, err := s.IngestEvents(f.before); err != nil {
							t.Fatal(err)
						}
					}
					return s
				}
				live := prepare("live")
				var want ImportSummary
				var wantRejected []int
				rng := rand.New(rand.NewPCG(5, 6))
				liveFeed(t, f.events, func(evs []model.Event, lines []int) {
					res, err := live.IngestEvents(evs)
					if err != nil {
						t.Fatal(err)
					}
					for i, r := range res {
						want.Read++
						switch r.Outcome {
						case Stored:
							want.Stored++
						case Duplicate:
							want.Duplicates++
						case Rejected:
							want.Rejected++
							wantRejected = append(wantRejected, lines[i])
						}
					}
				}, func() int { return 1 + rng.IntN(60) })

				bulk := prepare("bulk")
				before := chunkCounter(t, bulk)
				got, err := bulk.ImportFile(admin, f.events, ImportOptions{AllowFuture: true, knobs: ks.knobs})
				if err != nil {
					t.Fatal(err)
				}
				if counts(got) != counts(want) {
					t.Errorf("bulk %s, live %s", counts(got), counts(want))
				}
				if txs := chunkCounter(t, bulk) - before; ks.name == "tiny" && txs < 3 {
					t.Errorf("the tiny knobs made %d transactions: the partitions were not used", txs)
				}
				if gotLines := rejectedLines(t, got); !slices.Equal(gotLines, wantRejected) {
					t.Errorf("rejected lines: bulk %v, live %v", gotLines, wantRejected)
				}
				sameResults(t, bulk, live, end)
			})
		}
	}
}

// The crafted file (one member per partition with the tiny knobs): line
// numbers are those of the file, header on line 1.
const craftedMembers = "member_id,name,registered_at\n" +
	"M1,a,2026-01-01 10:00:00\nM2,b,2026-01-02 10:00:00\nM3,c,2026-01-03 10:00:00\n" +
	"M4,d,2026-01-04 10:00:00\nM5,e,2026-01-05 10:00:00\n"

const craftedEvents = "member_id,kind,at,amount,order_id,campaign_id\n" +
	"M4,purchase,2026-03-01 10:00:00,10.00,X1,C1\n" + // 2: the first X1: stored (M4)
	"M1,purchase,2026-03-01 11:00:00,20.00,X1,\n" + // 3: X1 again, another member: duplicate
	"ZZ,login,2026-03-01 11:00:00,,,\n" + // 4: unknown member: rejected
	"M2,purchase,2026-03-02 10:00:00,5.00,OLD,\n" + // 5: stored before: duplicate
	"M3,login,2026-02-01 09:00:00,,,\n" + // 6: the same as a stored event: duplicate
	"M5,browse,2026-03-03 10:00:00,,,C1\n" + // 7
	"M5,browse,2026-03-03 10:00:00,,,C1\n" + // 8: exact duplicate of line 7
	"M5,browse,2026-03-02 10:00:00,,,\n" + // 9: earlier than line 7 (out of order)
	"M1,refund,2026-03-04 10:00:00,20.00,X1,\n" + // 10: X1 of another kind: stored
	"M5,purchase,2026-03-05 10:00:00,1.00,X2,C1\n" + // 11
	"M2,purchase,2026-03-05 10:00:00,1.00,X2,\n" + // 12: duplicate of 11's order
	"M5,purchase,2026-03-06 10:00:00,1.00,X2,\n" + // 13: and again, the same member
	"ZZ,purchase,2026-03-06 10:00:00,1.00,X3,\n" + // 14: unknown member: rejected, X3 stays free
	"M3,purchase,2026-03-07 10:00:00,3.00,X3,\n" + // 15: X3: stored
	"M3,login,2026-03-07 09:00:00,,,\n" + // 16
	"M3,login,2026-03-07 09:00:00,,,\n" // 17: duplicate of 16

// craftedBefore are the events stored before the crafted file.
func craftedBefore() []model.Event {
	evs := []model.Event{ev("M2", model.KindPurchase, "2026-02-01 09:00:00", 500, "OLD"), ev("M3", model.KindLogin, "2026-02-01 09:00:00", 0, "")}
	for i := range evs {
		evs[i].Channel = "" // as the file's rows, which have no channel
	}
	return evs
}

// TestBulkImportCraftedCounts checks the crafted file's counts and rejects
// by hand, with every knob setting.
func TestBulkImportCraftedCounts(t *testing.T) {
	for _, ks := range bulkKnobSets {
		t.Run(ks.name, func(t *testing.T) {
			s, _ := openTemp(t)
			importBytes(t, s, "m.csv", []byte(craftedMembers), ImportOptions{})
			if _, err := s.IngestEvents(craftedBefore()); err != nil {
				t.Fatal(err)
			}
			sum := importBytes(t, s, "e.csv", []byte(craftedEvents), ImportOptions{AllowFuture: true, knobs: ks.knobs})
			// 16 rows: rejected 4, 14; duplicates 3, 5, 6, 8, 12, 13, 17.
			if got, want := counts(sum), "read 16 stored 7 updated 0 dup 7 rejected 2"; got != want {
				t.Errorf("counts %s, want %s", got, want)
			}
			if got := rejectedLines(t, sum); !slices.Equal(got, []int{4, 14}) {
				t.Errorf("rejected lines %v, want [4 14]", got)
			}
			orders := map[string][]string{} // member → its events' order ids, by time
			for _, id := range []string{"M1", "M2", "M3", "M4", "M5"} {
				seq, err := s.MemberSeq(id)
				if err != nil {
					t.Fatal(err)
				}
				evs, err := s.MemberEvents(seq, 100)
				if err != nil {
					t.Fatal(err)
				}
				slices.SortStableFunc(evs, func(a, b model.Event) int { return a.At.Compare(b.At) })
				for _, e := range evs {
					orders[id] = append(orders[id], e.Kind.String()+":"+e.OrderID)
				}
			}
			want := map[string][]string{
				"M1": {"refund:X1"},
				"M2": {"purchase:OLD"},
				"M3": {"login:", "login:", "purchase:X3"},
				"M4": {"purchase:X1"},
				"M5": {"browse:", "browse:", "purchase:X2"},
			}
			if !reflect.DeepEqual(orders, want) {
				t.Errorf("events per member %v, want %v", orders, want)
			}
			// Again: everything is a duplicate now (the order index was
			// written), except the unknown members' rows.
			again := importBytes(t, s, "e.csv", []byte(craftedEvents), ImportOptions{AllowFuture: true, knobs: ks.knobs})
			if got, want := counts(again), "read 16 stored 0 updated 0 dup 14 rejected 2"; got != want {
				t.Errorf("again: counts %s, want %s", got, want)
			}
			// A live batch after the bulk import sees its order ids.
			res, err := s.IngestEvents([]model.Event{ev("M1", model.KindPurchase, "2026-04-01 10:00:00", 100, "X3"),
				ev("M1", model.KindPurchase, "2026-04-01 10:00:00", 100, "X9")})
			if err != nil {
				t.Fatal(err)
			}
			if o := outcomes(res); o[0] != Duplicate || o[1] != Stored {
				t.Errorf("live after bulk: %v", o)
			}
		})
	}
}

// liveFeed reads an events file and hands its rows to put in batches of
// size() rows, with their lines.
func liveFeed(t *testing.T, path string, put func([]model.Event, []int), size func() int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := rows.NewReader(f, path, rows.Options{Loc: shanghai, AllowFuture: true})
	if err != nil {
		t.Fatal(err)
	}
	var evs []model.Event
	var lines []int
	n := size()
	for {
		r, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if r.Err != nil {
			t.Fatalf("%s line %d: %v", path, r.Line, r.Err)
		}
		evs, lines = append(evs, r.Event), append(lines, r.Line)
		if len(evs) >= n {
			put(evs, lines)
			evs, lines, n = nil, nil, size()
		}
	}
	if len(evs) > 0 {
		put(evs, lines)
	}
}

// chunkCounter is the number of event write transactions so far.
func chunkCounter(t *testing.T, s *Store) uint64 {
	var n uint64
	if err := s.db.View(func(tx *bolt.Tx) error {
		n = getU64(tx.Bucket(bMeta), kChunk)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// rejectedLines are the lines the import's rejects file names, in its order.
func rejectedLines(t *testing.T, sum ImportSummary) []int {
	t.Helper()
	if sum.RejectsFile == "" {
		return nil
	}
	data, err := os.ReadFile(sum.RejectsFile)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if i == 0 {
			continue // header
		}
		var n int
		if _, err := fmt.Sscanf(line, "%d,", &n); err != nil {
			t.Fatalf("rejects line %q: %v", line, err)
		}
		out = append(out, n)
	}
	return out
}

// sameResults compares what a user sees of two stores.
func sameResults(t *testing.T, got, want *Store, end model.Day) {
	t.Helper()
	export := func(s *Store, members bool) []byte {
		var b bytes.Buffer
		var err error
		if members {
			_, err = s.ExportMembers(admin, &b, ExportOptions{})
		} else {
			_, err = s.ExportEvents(admin, &b, ExportOptions{})
		}
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, members := range []bool{false, true} {
		g, w := export(got, members), export(want, members)
		if !bytes.Equal(g, w) {
			t.Errorf("export (members %t) differs: %d and %d bytes\nbulk:\n%.400s\nlive:\n%.400s", members, len(g), len(w), g, w)
		}
	}
	gi, err := got.Info()
	if err != nil {
		t.Fatal(err)
	}
	wi, err := want.Info()
	if err != nil {
		t.Fatal(err)
	}
	if gi.Events != wi.Events || gi.Members != wi.Members || gi.FirstDay != wi.FirstDay || gi.LastDay != wi.LastDay {
		t.Errorf("info: bulk %+v, live %+v", gi, wi)
	}
	for _, w := range []model.Window{{From: end - 29, To: end}, {From: end - 364, To: end}} {
		gs, err := got.Snapshot(model.DefaultRules(), w)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := want.Snapshot(model.DefaultRules(), w)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gs, ws) {
			t.Errorf("snapshot %v differs:\nbulk %+v\nlive %+v", w, gs, ws)
		}
		gd, err := got.Daily(w)
		if err != nil {
			t.Fatal(err)
		}
		wd, err := want.Daily(w)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gd, wd) {
			t.Errorf("daily rollups %v differ", w)
		}
	}
	camps := map[string]bool{}
	if err := want.ForEachEvent(func(e *model.Event) error {
		if e.CampaignID != "" {
			camps[e.CampaignID] = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for id := range camps {
		g, err := got.CampaignDays(id)
		if err != nil {
			t.Fatal(err)
		}
		w, err := want.CampaignDays(id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("campaign %s days: bulk %+v, live %+v", id, g, w)
		}
	}
}

// TestIDIndex: short ids are packed with their length, so ids that differ
// only by trailing zero bytes or by length stay apart, and a 15-byte id
// (packed) and a 16-byte one (string map) both resolve.
func TestIDIndex(t *testing.T) {
	ids := []string{"", "1", "1\x00", "01", "M00200417", "123456789012345", "1234567890123456", strings.Repeat("长", 20)}
	x := newIDIndex(0)
	for i, id := range ids {
		x.put(id, uint32(i))
	}
	x.putBytes([]byte("bytes-short"), 100)
	x.putBytes([]byte(strings.Repeat("b", 40)), 101)
	if x.len() != len(ids)+2 {
		t.Errorf("len %d, want %d", x.len(), len(ids)+2)
	}
	for i, id := range ids {
		if seq, ok := x.get(id); !ok || seq != uint32(i) {
			t.Errorf("get(%q) = %d %t, want %d", id, seq, ok, i)
		}
	}
	for id, want := range map[string]uint32{"bytes-short": 100, strings.Repeat("b", 40): 101} {
		if seq, ok := x.get(id); !ok || seq != want {
			t.Errorf("get(%q) = %d %t, want %d", id, seq, ok, want)
		}
	}
	for _, id := range []string{"2", "1\x00\x00", "12345678901234", "12345678901234567"} {
		if _, ok := x.get(id); ok {
			t.Errorf("get(%q) found an id never put", id)
		}
	}
	var none *idIndex
	if _, ok := none.get("1"); ok || none.len() != 0 {
		t.Error("a nil index finds something")
	}
}

// TestIDIndexAgainstAMap puts and overwrites many random ids (short, long,
// with zero bytes) through table growths and checks every lookup against a
// Go map.
func TestIDIndexAgainstAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := newIDIndex(3)
	want := map[string]uint32{}
	randomID := func() string {
		b := make([]byte, rng.IntN(20))
		for i := range b {
			b[i] = "0123456789M\x00é"[rng.IntN(13)]
		}
		return string(b)
	}
	for i := 0; i < 20000; i++ {
		id := randomID()
		if i%3 == 0 {
			x.putBytes([]byte(id), uint32(i))
		} else {
			x.put(id, uint32(i))
		}
		want[id] = uint32(i)
	}
	if x.len() != len(want) {
		t.Fatalf("len %d, want %d", x.len(), len(want))
	}
	for id, seq := range want {
		if got, ok := x.get(id); !ok || got != seq {
			t.Fatalf("get(%q) = %d %t, want %d", id, got, ok, seq)
		}
	}
	for i := 0; i < 20000; i++ {
		id := randomID()
		got, ok := x.get(id)
		w, wok := want[id]
		if ok != wok || got != w {
			t.Fatalf("get(%q) = %d %t, want %d %t", id, got, ok, w, wok)
		}
	}
}

// TestConcurrentBulkImports runs two event imports on one store at once
// (two SSH sessions of `cockpit serve`): each must resolve every member and
// store every row, and a second round must find every row stored.
func TestConcurrentBulkImports(t *testing.T) {
	s, _ := openTemp(t)
	importBytes(t, s, "m.csv", []byte(craftedMembers), ImportOptions{})
	file := func(prefix string) []byte {
		var b strings.Builder
		b.WriteString("member_id,kind,at,amount,order_id\n")
		for i := 0; i < 300; i++ {
			fmt.Fprintf(&b, "M%d,purchase,2026-03-%02d %02d:00:00,1.00,%s%d\n", 1+i%5, 1+i%28, i%24, prefix, i)
		}
		return []byte(b.String())
	}
	x, y := writeFile(t, "x.csv", file("X")), writeFile(t, "y.csv", file("Y"))
	for _, want := range []string{"read 300 stored 300 updated 0 dup 0 rejected 0", "read 300 stored 0 updated 0 dup 300 rejected 0"} {
		sums := make([]ImportSummary, 2)
		errs := make([]error, 2)
		done := make(chan int)
		for i, p := range []string{x, y} {
			go func() {
				sums[i], errs[i] = s.ImportFile(admin, p, ImportOptions{AllowFuture: true, knobs: bulkKnobs{partBytes: 500, rangeEvents: 7}})
				done <- i
			}()
		}
		<-done
		<-done
		for i := range sums {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			if counts(sums[i]) != want {
				t.Errorf("import %d: %s, want %s", i, counts(sums[i]), want)
			}
		}
	}
}

// TestImportSweepsSpillsOfKilledImports: a spill directory that a killed
// import left beside the database (another process id) is removed by the
// next import; one of another database in the same directory and the
// import's own are not, and nothing of the import is left after it.
func TestImportSweepsSpillsOfKilledImports(t *testing.T) {
	s, path := openTemp(t)
	importBytes(t, s, "m.csv", []byte(craftedMembers), ImportOptions{})
	dir := filepath.Dir(path)
	stale := filepath.Join(dir, spillPrefix(path)+"999999999-123")
	other := filepath.Join(dir, spillPrefix(filepath.Join(dir, "other.db"))+"999999999-456")
	for _, d := range []string{stale, other} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "part-0"), []byte("x"), 0o600)
	}
	ev := writeFile(t, "e.csv", []byte("member_id,kind,at\nM1,login,2026-03-01 10:00:00\n"))
	if _, err := s.ImportFile(admin, ev, ImportOptions{AllowFuture: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the killed import's spill is still there (%v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another database's spill was removed: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, spillPrefix(path)+"*"))
	if len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestImportReportsTheStoringStage: an events import reports its second
// stage, the stored share growing to the whole, after the reading stage.
func TestImportReportsTheStoringStage(t *testing.T) {
	s, _ := openTemp(t)
	importBytes(t, s, "m.csv", []byte(craftedMembers), ImportOptions{})
	var b strings.Builder
	b.WriteString("member_id,kind,at,amount,order_id\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "M%d,purchase,2026-03-%02d %02d:00:00,1.00,O%d\n", 1+i%5, 1+i%28, i%24, i)
	}
	var reports []ImportProgress
	f := writeFile(t, "e.csv", []byte(b.String()))
	sum, err := s.ImportFile(admin, f, ImportOptions{AllowFuture: true, knobs: bulkKnobs{partBytes: 500, rangeEvents: 7},
		Progress: func(p ImportProgress) { reports = append(reports, p) }})
	if err != nil || sum.Stored != 200 {
		t.Fatalf("%v %+v", err, sum)
	}
	var storing []ImportProgress
	for _, p := range reports {
		if p.Storing {
			storing = append(storing, p)
		} else if len(storing) > 0 {
			t.Fatalf("a reading report after the storing stage began: %+v", p)
		}
	}
	if len(storing) == 0 {
		t.Fatal("no report of the storing stage")
	}
	last := storing[len(storing)-1]
	if last.Total != 400 || last.Done != last.Total { // 200 events and their 200 order ids
		t.Errorf("last storing report %+v, want 400 of 400", last)
	}
	for i := 1; i < len(storing); i++ {
		if storing[i].Done < storing[i-1].Done {
			t.Errorf("stored share went back: %+v after %+v", storing[i], storing[i-1])
		}
	}
}
