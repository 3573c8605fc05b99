//go:build linux

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// evictFile drops one file's pages from the page cache
// (posix_fadvise(DONTNEED) after a sync), so a benchmark can measure a cold
// open without root and without emptying the cache of everyone else on the
// machine.
func evictFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return false
	}
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED) == nil
}
