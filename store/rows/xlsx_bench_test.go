package rows

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// benchRows is the number of event rows of the workbook benchmarks:
// COCKPIT_BENCH_ROWS (e.g. 1000000), else 100,000.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("COCKPIT_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// peakHeap samples the live heap every 5 ms until stop is called, which
// returns the highest value seen, in MiB.
func peakHeap() (stop func() float64) {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak) / (1 << 20)
	}
}

// eventsWorkbook writes the rows of eventsCSV(n) as an events workbook (the
// cockpit's own writer) to dir and returns its path.
func eventsWorkbook(b *testing.B, dir string, data []byte) string {
	r, err := NewReader(bytes.NewReader(data), "events.csv", Options{Loc: time.UTC})
	if err != nil {
		b.Fatal(err)
	}
	wb, err := NewWorkbook(time.UTC)
	if err != nil {
		b.Fatal(err)
	}
	defer wb.Close()
	es, err := NewEventsSheet(wb, "events", false)
	if err != nil {
		b.Fatal(err)
	}
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil || row.Err != nil {
			b.Fatal(err, row.Err)
		}
		if err := es.Write(row.Event); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(dir, "events.xlsx")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := wb.WriteTo(f); err != nil {
		b.Fatal(err)
	}
	return path
}

func drain(b *testing.B, r *Reader, n int) {
	rows := 0
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		if row.Err != nil {
			b.Fatal(row.Err)
		}
		rows++
	}
	if rows != n {
		b.Fatalf("%d rows; want %d", rows, n)
	}
}

// BenchmarkReadEventsCSVFile and BenchmarkReadEventsWorkbook read the same
// events (benchRows of them) from a CSV file and from a workbook: rows/s and
// the peak live heap of the reader alone (no database).
func BenchmarkReadEventsCSVFile(b *testing.B) {
	n := benchRows()
	path := filepath.Join(b.TempDir(), "events.csv")
	if err := os.WriteFile(path, eventsCSV(n), 0o600); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	stop := peakHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r, err := NewReader(f, path, Options{Loc: time.UTC})
		if err != nil {
			b.Fatal(err)
		}
		drain(b, r, n)
		f.Close()
	}
	b.StopTimer()
	b.ReportMetric(stop(), "MiB-peak-heap")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadEventsWorkbook(b *testing.B) {
	n := benchRows()
	path := eventsWorkbook(b, b.TempDir(), eventsCSV(n))
	runtime.GC()
	stop := peakHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src, err := OpenSheet(path, "")
		if err != nil {
			b.Fatal(err)
		}
		r, err := NewSourceReader(src, path, Options{Loc: time.UTC})
		if err != nil {
			b.Fatal(err)
		}
		drain(b, r, n)
		src.Close()
	}
	b.StopTimer()
	b.ReportMetric(stop(), "MiB-peak-heap")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkWriteEventsWorkbook writes benchRows events as a workbook with the
// StreamWriter: rows/s and the peak live heap.
func BenchmarkWriteEventsWorkbook(b *testing.B) {
	n := benchRows()
	data := eventsCSV(n)
	dir := b.TempDir()
	runtime.GC()
	stop := peakHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		eventsWorkbook(b, dir, data)
	}
	b.StopTimer()
	b.ReportMetric(stop(), "MiB-peak-heap")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
