package main

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// defaultServeMemoryLimit is serve's soft limit on the Go runtime's memory
// (runtime/debug.SetMemoryLimit). The budget of a server is 1 GB in all at
// a million members, of which the pages of the database file the sessions
// read (the member summaries and profiles, ≈ 240 MB of an 885 MB file;
// serve does not map the rest in) count in the RSS as mapped page cache
// the kernel can reclaim; the Go heap holds one analysis
// (≈ 100 MB) plus what twenty sessions look at. With the default GOGC the
// heap may grow to twice what is live before a collection, and each save
// leaves the previous analysis as garbage: the limit makes the collector
// run, and return memory to the system, before the heap passes it. It is
// soft: a heap that is really live beyond it is not refused.
const defaultServeMemoryLimit = 256 << 20

// memoryLimit returns the soft memory limit serve sets from --memory-limit
// (flag: the flag's text; given: whether it was on the command line).
// Without the flag, GOMEMLIMIT from the environment wins over the default
// (ok false: leave the runtime's limit alone). "0" or "off" means no limit.
func memoryLimit(flag string, given bool) (limit int64, ok bool, err error) {
	if !given && os.Getenv("GOMEMLIMIT") != "" {
		return 0, false, nil
	}
	n, err := parseSize(flag)
	if err != nil {
		return 0, false, usagef("--memory-limit %q: %v", flag, err)
	}
	if n == 0 {
		return math.MaxInt64, true, nil
	}
	return n, true, nil
}

// parseSize reads a size in bytes: a whole number with an optional unit
// B, KiB, MiB, GiB (powers of 1024), KB, MB, GB (powers of 1000), or
// "off" for 0. Units are case-insensitive.
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "off" {
		return 0, nil
	}
	units := []struct {
		suffix string
		mul    int64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"b", 1}}
	mul := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mul = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mul
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a size (a whole number with B, KiB, MiB, GiB, KB, MB or GB; 0 or off for none)")
	}
	if n > math.MaxInt64/mul {
		return 0, fmt.Errorf("too large")
	}
	return n * mul, nil
}
