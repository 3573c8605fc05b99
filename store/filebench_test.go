package store

import (
	"os"
	"testing"

	"github.com/memberops/cockpit/model"
)

// BenchmarkScanFile measures the scans of the cockpit's start on an existing
// database (COCKPIT_BENCH_DB=FILE, opened read-only; skipped without it):
// the snapshot of the 30 days ending at the data's last day (what `kpi`
// computes on a cache miss) and the full load's analysis with the previous
// window. cpu-ms/op is the CPU time, which load on a shared machine does not
// inflate as it does ns/op.
func BenchmarkScanFile(b *testing.B) {
	path := os.Getenv("COCKPIT_BENCH_DB")
	if path == "" {
		b.Skip("COCKPIT_BENCH_DB not set")
	}
	s, err := Open(path, Options{ReadOnly: true, Populate: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	in, err := s.Info()
	if err != nil {
		b.Fatal(err)
	}
	r := model.DefaultRules()
	w := model.Window{From: in.LastDay - 29, To: in.LastDay}
	prev := model.Window{From: w.From - 30, To: w.From - 1}
	b.Run("snapshot", func(b *testing.B) {
		c0 := cpuTime()
		for b.Loop() {
			if _, _, err := s.ComputeSnapshot(r, w); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	})
	b.Run("analysis-with-previous", func(b *testing.B) {
		c0 := cpuTime()
		for b.Loop() {
			if _, _, err := s.AnalyzeWithPrevious(r, w, prev); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	})
}
