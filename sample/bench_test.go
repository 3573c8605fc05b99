package sample

import (
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

// countingDiscard is io.Discard that counts the bytes.
type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return io.Discard.Write(p)
}

// BenchmarkMillionMembers writes the 1,000,000-member sample as CSV to a
// discarding writer and logs the time, the rows and the bytes; then times
// Generate alone. A benchmark, not a test: timings do not belong in tests.
//
//	go test -run ^$ -bench MillionMembers -benchtime 1x ./sample/
func BenchmarkMillionMembers(b *testing.B) {
	t := b
	cfg := Config{Members: 1_000_000, Seed: 42, End: model.CivilDay(2026, 3, 14), Loc: time.UTC}
	var mw, ew countingDiscard
	start := time.Now()
	m, e, err := WriteCSVTo(&mw, &ew, cfg)
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("1M members: %d members, %d events (%.2f/member) as CSV in %v on GOMAXPROCS=%d; members.csv %.1f MB, events.csv %.1f MB; %.2f M events/s; heap sys %.0f MB",
		m, e, float64(e)/float64(m), el.Round(time.Millisecond), runtime.GOMAXPROCS(0),
		float64(mw.n)/1e6, float64(ew.n)/1e6, float64(e)/el.Seconds()/1e6, float64(ms.HeapSys)/1e6)
	start = time.Now()
	n := 0
	if err := Generate(cfg, nil, func(*model.Event) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	t.Logf("1M members: Generate alone (no CSV) %d events in %v", n, time.Since(start).Round(time.Millisecond))
}

// BenchmarkWriteCSV100k writes 100,000 members (about 1.15 M events) as CSV
// to io.Discard per iteration.
func BenchmarkWriteCSV100k(b *testing.B) {
	cfg := Config{Members: 100_000, Seed: 42, End: model.CivilDay(2026, 3, 14), Loc: time.UTC}
	events := 0
	for b.Loop() {
		_, e, err := WriteCSVTo(io.Discard, io.Discard, cfg)
		if err != nil {
			b.Fatal(err)
		}
		events += e
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkGenerate100k streams 100,000 members' events to a no-op callback.
func BenchmarkGenerate100k(b *testing.B) {
	cfg := Config{Members: 100_000, Seed: 42, End: model.CivilDay(2026, 3, 14), Loc: time.UTC}
	events := 0
	for b.Loop() {
		if err := Generate(cfg, nil, func(*model.Event) error { events++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}
