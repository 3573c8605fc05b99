package common

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/memberops/cockpit/store"
)

// Hub is the one place of a process where the expensive views of the data
// are computed: the Dataset of a window (a scan of every member summary,
// ≈ 200 ms and tens of MB at a million members), the members' profile
// index, the level targets' figures. Every session of the process (the
// local cockpit, each SSH session) asks the Hub instead of computing for
// itself, so one change of the data costs one analysis however many people
// look, and every session holds the same immutable value.
//
// Values are keyed by what they depend on besides the data (a window, an
// as-of day) and stamped with the data version they reflect: the store's
// change sequence read before the computation started. A caller asks for a
// value at least as new as the changes it has seen; a cached or running
// computation that is new enough is shared, otherwise one starts, and
// callers asking meanwhile wait for it rather than start their own.
//
// A Hub is passed in (common.Common.Hub), never a package global. A nil Hub
// computes every value for its caller alone (tests of a single pane).
type Hub struct {
	st       *store.Store
	mu       sync.Mutex
	entries  map[any]*hubEntry
	computed atomic.Int64
}

// hubEntry is one value, computed or being computed.
type hubEntry struct {
	version uint64
	done    chan struct{}
	val     any
	err     error
	used    time.Time
}

// hubMaxEntries bounds the cache: each key keeps only its newest value, and
// the least recently used keys go first beyond this many (windows and as-of
// days people chose and left). A Dataset at a million members holds tens of
// MB, so the bound is small: the common case is everyone on the latest day.
const hubMaxEntries = 12

// NewHub returns the hub of the process over st.
func NewHub(st *store.Store) *Hub {
	return &Hub{st: st, entries: map[any]*hubEntry{}}
}

// Version returns the data version now: the store's last change sequence.
func (h *Hub) Version() uint64 {
	if h == nil || h.st == nil {
		return 0
	}
	return h.st.ChangeSeq()
}

// Computed returns how many computations the hub ran (for tests and
// benchmarks: twenty sessions on one change should cost one).
func (h *Hub) Computed() int64 {
	if h == nil {
		return 0
	}
	return h.computed.Load()
}

// Get returns the value for key reflecting at least data version min and
// the version it reflects. fn computes it; it runs once for every caller
// that needs it meanwhile. An error is returned to the callers of that run
// and not kept. ctx ends a caller's wait (a session that closed), not the
// computation others wait for.
func (h *Hub) Get(ctx context.Context, key any, min uint64, fn func() (any, error)) (any, uint64, error) {
	if h == nil {
		v, err := fn()
		return v, min, err
	}
	h.mu.Lock()
	e := h.entries[key]
	if e == nil || e.version < min {
		e = &hubEntry{version: h.st.ChangeSeq(), done: make(chan struct{})}
		h.entries[key] = e
		h.evictLocked()
		e.used = time.Now()
		h.mu.Unlock()
		h.computed.Add(1)
		e.val, e.err = fn()
		if e.err != nil {
			h.mu.Lock()
			if h.entries[key] == e {
				delete(h.entries, key)
			}
			h.mu.Unlock()
		}
		close(e.done)
		return e.val, e.version, e.err
	}
	e.used = time.Now()
	h.mu.Unlock()
	if ctx == nil {
		ctx = context.Background()
	}
	select {
	case <-e.done:
		return e.val, e.version, e.err
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
}

// evictLocked drops the least recently used finished entries beyond the
// bound. h.mu is held.
func (h *Hub) evictLocked() {
	for len(h.entries) > hubMaxEntries {
		var oldKey any
		var oldest time.Time
		found := false
		for k, e := range h.entries {
			select {
			case <-e.done:
			default:
				continue // running: others wait for it
			}
			if !found || e.used.Before(oldest) {
				oldKey, oldest, found = k, e.used, true
			}
		}
		if !found {
			return
		}
		delete(h.entries, oldKey)
	}
}
