//go:build !linux

package main

// evictFile is only implemented on Linux (posix_fadvise): elsewhere a cold
// open cannot be measured this way, and the benchmark says so.
func evictFile(string) bool { return false }
