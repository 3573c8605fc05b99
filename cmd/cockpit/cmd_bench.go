package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
	"github.com/memberops/cockpit/store"
)

// cmdBench measures the budgets of DESIGN.md on this machine and prints one
// line per figure: sample generation, import throughput, file size, peak
// memory, cold open and first KPI computation, warm KPI and analysis times.
// BENCHMARKS.md records its output.
func cmdBench(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	members := fs.Int("members", 100_000, "members in the sample")
	dir := fs.String("dir", "", "work directory (default: a temp dir, removed)")
	shapeName := fs.String("shape", "default", "sample shape: default or uniform (see cockpit sample)")
	if _, err := parse(e, fs, args, &lang, &tz); err != nil {
		return err
	}
	shape, err := sample.ParseShape(*shapeName)
	if err != nil {
		return usagef("bench: --shape: %v", err)
	}
	work := *dir
	if work == "" {
		d, err := os.MkdirTemp("", "cockpit-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		work = d
	}
	loc := e.tz
	if loc == nil {
		loc = time.Local
	}
	out := e.stdout
	fmt.Fprintf(out, "machine: %s/%s, %d CPUs, %s; %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().Format("2006-01-02"))
	cfg := sample.Config{Members: *members, Seed: 1, End: model.CivilDay(2026, time.June, 30), Loc: loc}
	t0 := time.Now()
	write := sample.WriteCSV
	if shape == sample.ShapeUniform {
		write = sample.WriteUniformCSV
	}
	nm, ne, err := write(work, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sample (%s shape): %d members, %d events written in %s\n", *shapeName, nm, ne, time.Since(t0).Round(time.Millisecond))

	db := filepath.Join(work, "bench.db")
	os.Remove(db)
	resetPeakRSS()
	st, err := store.Open(db, store.Options{Location: loc})
	if err != nil {
		return err
	}
	t0 = time.Now()
	ms, err := st.ImportFile(e.localActor(), filepath.Join(work, "members.csv"), store.ImportOptions{})
	if err != nil {
		return err
	}
	evs, err := st.ImportFile(e.localActor(), filepath.Join(work, "events.csv"), store.ImportOptions{})
	if err != nil {
		return err
	}
	total := time.Since(t0)
	peak := peakRSS()
	st.Close()
	fi, _ := os.Stat(db)
	fmt.Fprintf(out, "import members: %d rows in %s (%.0f rows/s)\n", ms.Read, ms.Elapsed.Round(time.Millisecond), ms.RowsPerSecond())
	fmt.Fprintf(out, "import events: %d rows in %s (%.0f events/s end to end from CSV)\n", evs.Read, evs.Elapsed.Round(time.Millisecond), evs.RowsPerSecond())
	fmt.Fprintf(out, "import total: %s; file %.0f MB; peak RSS during import %.0f MB\n", total.Round(time.Millisecond), float64(fi.Size())/1e6, float64(peak)/1e6)

	// Cold: drop the file's pages from the page cache (posix_fadvise on
	// Linux), then open with MAP_POPULATE and compute the first snapshot.
	dropped := evictFile(db)
	t0 = time.Now()
	st, err = store.Open(db, store.Options{ReadOnly: true, Populate: true})
	if err != nil {
		return err
	}
	defer st.Close()
	info, err := st.Info()
	if err != nil {
		return err
	}
	w := model.Window{From: info.LastDay - 29, To: info.LastDay}
	openTime := time.Since(t0)
	if _, err := st.Analyze(model.DefaultRules(), w); err != nil {
		return err
	}
	fmt.Fprintf(out, "cold open (file evicted from the page cache: %v): open %s, open + first full analysis %s\n", dropped, openTime.Round(time.Millisecond), time.Since(t0).Round(time.Millisecond))
	median := func(n int, f func() error) (time.Duration, error) {
		var ds []time.Duration
		for i := 0; i < n; i++ {
			t := time.Now()
			if err := f(); err != nil {
				return 0, err
			}
			ds = append(ds, time.Since(t))
		}
		slices.Sort(ds)
		return ds[len(ds)/2], nil
	}
	d, err := median(5, func() error { _, err := st.Snapshot(model.DefaultRules(), w); return err })
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "kpi snapshot (stages, tiers, RFM, every KPI), warm, median of 5: %s\n", d.Round(time.Millisecond))
	d, err = median(5, func() error { _, err := st.Analyze(model.DefaultRules(), w); return err })
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "analysis (snapshot + stage flow + per-member index), warm, median of 5: %s\n", d.Round(time.Millisecond))
	d, err = median(5, func() error { _, err := st.Daily(model.Window{From: w.To - 364, To: w.To}); return err })
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "daily rollups for 365 days: %s\n", d.Round(time.Microsecond))
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(out, "heap in use after analysis: %.0f MB; process RSS %.0f MB (includes the mapped file)\n", float64(m.HeapInuse)/1e6, float64(currentRSS())/1e6)
	return nil
}

// procStatus reads a kB field of /proc/self/status (0 where unavailable).
func procStatus(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb * 1024
		}
	}
	return 0
}

func peakRSS() int64    { return procStatus("VmHWM") }
func currentRSS() int64 { return procStatus("VmRSS") }

// resetPeakRSS starts a new peak-RSS measurement (Linux: clear_refs 5).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
