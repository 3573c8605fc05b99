package store

import (
	"io"
	"os"
)

// Warming the page cache in the background.
//
// MAP_POPULATE (Options.Populate) reads the whole file before Open returns: a
// cold 1 M-member file then keeps the terminal blank for a second or more
// before the first frame. Options.Warm opens at once instead and reads the
// file sequentially on a goroutine, at disk speed (bbolt turns read-ahead off
// on its map, so page faults alone would read it 4 KB at a time). Work that
// scans the whole file (the member-level analysis) waits for Warmed; small
// reads (Info, the daily rollups) go ahead and draw the first frame.

// warmChunk is the size of each sequential read.
const warmChunk = 4 << 20

// startWarm starts the background read of the file (once, at Open).
func (s *Store) startWarm() {
	s.warmed = make(chan struct{})
	s.stopWarm = make(chan struct{})
	go func() {
		defer close(s.warmed)
		f, err := os.Open(s.path)
		if err != nil {
			return // only a cache warm-up: the scans read the file anyway
		}
		defer f.Close()
		buf := make([]byte, warmChunk)
		for {
			select {
			case <-s.stopWarm:
				return
			default:
			}
			if _, err := io.ReadFull(f, buf); err != nil {
				return
			}
		}
	}()
}

// Warmed is closed when the page cache holds the file: at once unless the
// store was opened with Options.Warm, else when the background read ends (or
// Close stops it). Whole-file scans wait for it so that they read at disk
// speed, not one page fault at a time.
func (s *Store) Warmed() <-chan struct{} {
	if s.warmed == nil {
		return closedChan
	}
	return s.warmed
}

// closedChan is a closed channel (never written to or closed again: not
// mutable state).
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()
