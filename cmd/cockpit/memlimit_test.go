package main

import (
	"math"
	"testing"
)

// TestParseSize: serve's --memory-limit sizes, binary and decimal units,
// none, and refusals.
func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"256MiB", 256 << 20, true},
		{"1GiB", 1 << 30, true},
		{"512 mib", 512 << 20, true},
		{"64KiB", 64 << 10, true},
		{"500MB", 500_000_000, true},
		{"2GB", 2_000_000_000, true},
		{"1000", 1000, true},
		{"1000B", 1000, true},
		{"0", 0, true},
		{"off", 0, true},
		{"", 0, false},
		{"-1MiB", 0, false},
		{"1.5GiB", 0, false},
		{"ten", 0, false},
		{"9999999999GiB", 0, false},
	} {
		got, err := parseSize(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestMemoryLimit: the flag wins; without it GOMEMLIMIT is left to the
// runtime, else the default applies; 0 means no limit.
func TestMemoryLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	if n, ok, err := memoryLimit("256MiB", false); err != nil || !ok || n != defaultServeMemoryLimit {
		t.Errorf("default: %d %v %v", n, ok, err)
	}
	if n, ok, err := memoryLimit("0", true); err != nil || !ok || n != math.MaxInt64 {
		t.Errorf("none: %d %v %v", n, ok, err)
	}
	if _, _, err := memoryLimit("lots", true); err == nil {
		t.Error("a bad size was accepted")
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	if _, ok, _ := memoryLimit("256MiB", false); ok {
		t.Error("GOMEMLIMIT was overridden without the flag")
	}
	if n, ok, _ := memoryLimit("512MiB", true); !ok || n != 512<<20 {
		t.Errorf("the flag did not win over GOMEMLIMIT: %d %v", n, ok)
	}
}
