//go:build !linux

package store

import (
	"io"
	"os"

	bolt "go.etcd.io/bbolt"
)

// populate reads the file once from start to end before bbolt maps it, where
// the OS has no MAP_POPULATE: a sequential read fills the page cache with
// read-ahead, which the map then finds, instead of faulting page by page.
func populate(_ *bolt.Options, path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = io.Copy(io.Discard, f)
}
