package store

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
)

// benchMembers is the population of the Analyze benchmark: 100,000 members
// unless COCKPIT_BENCH_MEMBERS asks for more (the budget is stated at
// 1,000,000; building that store takes a minute or two, so it is opt-in).
func benchMembers(b *testing.B) int {
	if v := os.Getenv("COCKPIT_BENCH_MEMBERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("COCKPIT_BENCH_MEMBERS=%q: want a positive number", v)
		}
		return n
	}
	return 100_000
}

var benchEnd = model.CivilDay(2026, time.June, 30)

// benchStore fills a store in b's temp dir with the fixed-seed sample through
// the ingest path, in batches.
func benchStore(b *testing.B, members int) *Store {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{Location: shanghai})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	start := time.Now()
	var ms []model.Member
	var evs []model.Event
	flush := func() error {
		if len(ms) > 0 {
			if _, err := s.IngestMembers(ms); err != nil {
				return err
			}
			ms = ms[:0]
		}
		if len(evs) > 0 {
			if _, err := s.IngestEvents(evs); err != nil {
				return err
			}
			evs = evs[:0]
		}
		return nil
	}
	err = sample.Generate(sample.Config{Members: members, Seed: 7, End: benchEnd, Loc: shanghai},
		func(m *model.Member) error {
			ms = append(ms, *m)
			if len(ms) >= 100_000 {
				return flush()
			}
			return nil
		}, func(e *model.Event) error {
			if len(ms) > 0 {
				if err := flush(); err != nil {
					return err
				}
			}
			evs = append(evs, *e)
			if len(evs) >= 500_000 {
				return flush()
			}
			return nil
		})
	if err == nil {
		err = flush()
	}
	if err != nil {
		b.Fatal(err)
	}
	in, _ := s.Info()
	b.Logf("built a store of %d members and %d events in %v", in.Members, in.Events, time.Since(start).Round(time.Millisecond))
	return s
}

// BenchmarkAnalyze measures the whole stage/tier/RFM/KPI recompute with the
// per-member index (budget: ≤ 300 ms at 1,000,000 members on 2 cores).
func BenchmarkAnalyze(b *testing.B) {
	n := benchMembers(b)
	s := benchStore(b, n)
	w := model.Window{From: benchEnd - 29, To: benchEnd}
	r := model.DefaultRules()
	b.Run("members="+strconv.Itoa(n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Analyze(r, w); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("snapshot-only/members="+strconv.Itoa(n), func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Snapshot(r, w); err != nil {
				b.Fatal(err)
			}
		}
	})
}
