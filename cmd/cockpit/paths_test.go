package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/store/rows"
)

// TestBulkAndLiveGiveTheSameBytes imports the same files twice: through the
// bulk path (`cockpit import`: an events file is partitioned by member on
// disk and each member's summary written once per file, store/bulk.go;
// store's TestBulkImportMatchesLiveIngest crosses its partition, run and
// transaction boundaries with tiny sizes) and through
// the incremental path a live feed uses (Store.IngestMembers and
// Store.IngestEvents in small batches of varying size, each its own
// transaction, with the file's duplicate rows fed again afterwards as a feed
// that repeats itself would). `kpi --json` (latest and at an earlier day)
// and both exports must be the same bytes. Both sample shapes are used: the
// built-in one (members with many events close together, order ids, exact
// duplicates) and the uniform one (every member touched by every batch).
func TestBulkAndLiveGiveTheSameBytes(t *testing.T) {
	for _, shape := range []string{"default", "uniform"} {
		t.Run(shape, func(t *testing.T) {
			dir := t.TempDir()
			code, _, errs := cli(t, filepath.Join(dir, "unused.db"), "sample", "--shape", shape, "--members", "1500",
				"--seed", "29", "--end", "2026-06-30", "--tz", tz, "--out", dir)
			if code != 0 {
				t.Fatalf("sample: exit %d: %s", code, errs)
			}
			members, events := filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv")

			bulk := filepath.Join(dir, "bulk.db")
			if code, _, errs := cli(t, bulk, "import", "--tz", tz, members, events); code != 0 {
				t.Fatalf("bulk import: exit %d: %s", code, errs)
			}

			live := filepath.Join(dir, "live.db")
			loc, err := time.LoadLocation(tz)
			if err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(live, store.Options{Location: loc})
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(3, 4))
			feed(t, members, loc, rng, func(b []model.Member, _ []model.Event) error {
				_, err := st.IngestMembers(b)
				return err
			})
			var stored, dups int
			feed(t, events, loc, rng, func(_ []model.Member, b []model.Event) error {
				res, err := st.IngestEvents(b)
				for _, r := range res {
					switch r.Outcome {
					case store.Stored:
						stored++
					case store.Duplicate:
						dups++
					default:
						return fmt.Errorf("outcome %d: %s", r.Outcome, r.Reason)
					}
				}
				return err
			})
			// A feed that sends part of the file again changes nothing.
			n := 0
			feed(t, events, loc, rng, func(_ []model.Member, b []model.Event) error {
				if n++; n%3 != 0 {
					return nil
				}
				res, err := st.IngestEvents(b)
				for _, r := range res {
					if r.Outcome != store.Duplicate {
						return fmt.Errorf("a repeated event was not a duplicate: outcome %d %s", r.Outcome, r.Reason)
					}
				}
				return err
			})
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			if stored == 0 {
				t.Fatal("the live path stored nothing")
			}

			for _, args := range [][]string{
				{"kpi", "--json"},
				{"kpi", "--json", "--from", "2026-03-09", "--to", "2026-03-15"},
				{"export", "members"},
				{"export", "events"},
				{"export", "events", "--format", "jsonl"},
			} {
				c1, want, e1 := cli(t, bulk, args...)
				c2, got, e2 := cli(t, live, args...)
				if c1 != 0 || c2 != 0 {
					t.Fatalf("%v: exit %d %s / %d %s", args, c1, e1, c2, e2)
				}
				if len(want) < 100 {
					t.Fatalf("%v: output %q is too short to mean anything", args, want)
				}
				if got != want {
					t.Errorf("%v: the live path's output differs from the bulk path's (%d and %d bytes)\nbulk:\n%.600s\nlive:\n%.600s",
						args, len(want), len(got), want, got)
				}
			}
		})
	}
}

// feed reads a members or events file and hands its valid rows to put in
// batches of 1 to 400 rows, as a live feed delivers them.
func feed(t *testing.T, path string, loc *time.Location, rng *rand.Rand, put func([]model.Member, []model.Event) error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := rows.NewReader(f, path, rows.Options{Loc: loc, AllowFuture: true})
	if err != nil {
		t.Fatal(err)
	}
	var ms []model.Member
	var evs []model.Event
	size := 1 + rng.IntN(400)
	flush := func() {
		if len(ms)+len(evs) == 0 {
			return
		}
		if err := put(ms, evs); err != nil {
			t.Fatal(err)
		}
		ms, evs, size = nil, nil, 1+rng.IntN(400)
	}
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
		if rd.Kind() == rows.Members {
			ms = append(ms, r.Member)
		} else {
			evs = append(evs, r.Event)
		}
		if len(ms)+len(evs) >= size {
			flush()
		}
	}
	flush()
}
