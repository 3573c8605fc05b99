package store

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

// insightBenchStore is the store of the insight benchmarks, its as-of day
// and a name for the population: the database file COCKPIT_BENCH_DB names
// (opened read-only, as of its latest event; copy /work/data/m1.db or any
// imported file first: building 1,000,000 members through the sample takes
// most of a quarter of an hour), else the fixed-seed sample of
// benchMembers members as of sampleEnd.
func insightBenchStore(b *testing.B) (*Store, model.Day, string) {
	if path := os.Getenv("COCKPIT_BENCH_DB"); path != "" {
		s, err := Open(path, Options{ReadOnly: true, Populate: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		in, err := s.Info()
		if err != nil {
			b.Fatal(err)
		}
		return s, in.LastDay, "members=" + strconv.FormatInt(in.Members, 10)
	}
	n := benchMembers(b)
	return sampleStore(b, n), sampleEnd, "members=" + strconv.Itoa(n)
}

// timedBench runs f as a sub-benchmark reporting, besides ns/op, the CPU
// time per op (cpu-ms/op, which a loaded machine inflates far less than the
// wall time) and the fastest op's wall and CPU time (min-ms, min-cpu-ms:
// the best estimate of a quiet machine's figure when other processes share
// the cores).
func timedBench(b *testing.B, name string, f func() error) {
	b.Run(name, func(b *testing.B) {
		c0 := cpuTime()
		minWall, minCPU := time.Duration(1<<62), time.Duration(1<<62)
		for b.Loop() {
			t, c := time.Now(), cpuTime()
			if err := f(); err != nil {
				b.Fatal(err)
			}
			minWall, minCPU = min(minWall, time.Since(t)), min(minCPU, cpuTime()-c)
		}
		b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(minWall)/1e6, "min-ms")
		b.ReportMetric(float64(minCPU)/1e6, "min-cpu-ms")
	})
}

// BenchmarkInsight measures the insight computations (the budget is 300 ms
// at 1,000,000 members on 2 cores): the bare scan of the summaries (the
// decode every pass pays, for reference), the insight scan alone, what it
// adds to the cockpit's full load (AnalyzeWithInsight against
// AnalyzeWithPrevious), each breakdown alone and with the previous window
// (what the Overview's `b` runs), the birthday list and the searches of the
// customer-service lookup.
func BenchmarkInsight(b *testing.B) {
	s, asOf, pop := insightBenchStore(b)
	w := model.Window{From: asOf - 29, To: asOf}
	prev := model.Window{From: w.From - 30, To: w.From - 1}
	r := model.DefaultRules()
	cfg := model.DefaultInsightConfig(asOf)
	suffix := "/" + pop
	timed := func(name string, f func() error) { timedBench(b, name+suffix, f) }
	timed("scan-only", func() error {
		return s.scanHistories(0, func(p int) []func(uint32, *model.MemberHistory) {
			fns := make([]func(uint32, *model.MemberHistory), p)
			for i := range fns {
				fns[i] = func(uint32, *model.MemberHistory) {}
			}
			return fns
		})
	})
	timed("insight", func() error { _, err := s.Insight(cfg); return err })
	if os.Getenv("COCKPIT_BENCH_ANALYZE") != "" {
		timed("analyze-with-previous", func() error { _, _, err := s.AnalyzeWithPrevious(r, w, prev); return err })
		timed("analyze-with-insight", func() error { _, _, err := s.AnalyzeWithInsight(r, w, prev, cfg); return err })
	}
	p, err := s.LoadProfiles()
	if err != nil {
		b.Fatal(err)
	}
	for dim := model.Dimension(0); dim < model.NumDimensions; dim++ {
		timed("breakdown-"+dim.String(), func() error { _, err := s.Breakdown(r, w, dim, p.ChannelID); return err })
	}
	for dim := model.Dimension(0); dim < model.NumDimensions; dim++ {
		timed("breakdown-prev-"+dim.String(), func() error {
			_, _, err := s.BreakdownWithPrevious(r, w, prev, dim, p.ChannelID)
			return err
		})
	}
	timed("birthdays-30d", func() error { p.Birthdays(asOf, 30); return nil })
	for _, q := range []struct{ name, text string }{
		{"masked", "187****6701"}, {"phone", "18798546701"}, {"last4", "6701"}, {"name", "张思丽"}, {"id", "m00001234"},
	} {
		timed("search-"+q.name, func() error { p.Matcher(ProfileFilter{Text: q.text}); return nil })
	}
}

// BenchmarkBreakdownWithPrevious is what the Overview's breakdown computes
// when it opens: a dimension over the window and the previous one, in one
// scan.
func BenchmarkBreakdownWithPrevious(b *testing.B) {
	s, asOf, pop := insightBenchStore(b)
	w := model.Window{From: asOf - 29, To: asOf}
	prev := model.Window{From: w.From - 30, To: w.From - 1}
	ids, _, err := s.ChannelIndex()
	if err != nil {
		b.Fatal(err)
	}
	ch := func(seq uint32) int { return int(ids[seq]) }
	timedBench(b, "channel/"+pop, func() error {
		_, _, err := s.BreakdownWithPrevious(model.DefaultRules(), w, prev, model.ByChannel, ch)
		return err
	})
	timedBench(b, "channel-index/"+pop, func() error { _, _, err := s.ChannelIndex(); return err })
}
