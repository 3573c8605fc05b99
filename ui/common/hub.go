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
	slots    map[any]any // slot of a VersionedKey -> the key cached for it
	computed atomic.Int64
}

// VersionedKey is a Hub key that names one data version of a value among
// others of the same slot: a members' sorted order of the analysis at
// version 7 and the same order at version 8 are two keys of one slot. The
// Hub keeps one key per slot, the newest version it computed: a newer
// version computed drops the older at once (sessions still holding the old
// value keep it alive only until they take the new one), and a request for
// a version older than the slot's is computed for its caller alone, not
// cached, so a session that has not yet seen a change cannot push the newer
// value out. Keys without a slot (a window, whose newest version replaces
// the old under the same key) need not implement it.
type VersionedKey interface {
	// HubSlot returns what the key names besides the data version: the
	// key with its version cleared. It must be comparable.
	HubSlot() any
	// HubVersion returns the data version the key's value is computed for.
	HubVersion() uint64
}

// hubEntry is one value, computed or being computed.
type hubEntry struct {
	version uint64
	done    chan struct{}
	val     any
	err     error
	used    time.Time
}

// hubMaxEntries bounds the cache: each key (and each VersionedKey's slot)
// keeps only its newest value, and
// the least recently used keys go first beyond this many (windows and as-of
// days people chose and left). A Dataset at a million members holds tens of
// MB, so the bound is small: the common case is everyone on the latest day.
const hubMaxEntries = 12

// NewHub returns the hub of the process over st.
func NewHub(st *store.Store) *Hub {
	return &Hub{st: st, entries: map[any]*hubEntry{}, slots: map[any]any{}}
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
		if !h.supersedeLocked(key) {
			// An older version than the slot's newest: computed for this
			// caller alone, not cached.
			h.mu.Unlock()
			h.computed.Add(1)
			v, err := fn()
			return v, min, err
		}
		e = &hubEntry{version: h.st.ChangeSeq(), done: make(chan struct{})}
		// Replacing the entry of the key (a newer version of a window)
		// drops the old value from the Hub at once.
		h.entries[key] = e
		h.evictLocked()
		e.used = time.Now()
		h.mu.Unlock()
		h.computed.Add(1)
		e.val, e.err = fn()
		if e.err != nil {
			h.mu.Lock()
			if h.entries[key] == e {
				h.deleteLocked(key)
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
		h.deleteLocked(oldKey)
	}
}

// supersedeLocked makes key the cached key of its slot, if it is a
// VersionedKey, and drops the slot's older key at once. It reports false
// when the slot holds a newer version than key's: key is then not to be
// cached. h.mu is held.
func (h *Hub) supersedeLocked(key any) bool {
	vk, ok := key.(VersionedKey)
	if !ok {
		return true
	}
	slot := vk.HubSlot()
	if old, ok := h.slots[slot]; ok && old != key {
		if old.(VersionedKey).HubVersion() > vk.HubVersion() {
			return false
		}
		// Waiters of a running computation hold its entry and still get
		// its value; only the cache forgets it.
		delete(h.entries, old)
	}
	h.slots[slot] = key
	return true
}

// deleteLocked drops key's entry and, for a VersionedKey, its slot's
// record. h.mu is held.
func (h *Hub) deleteLocked(key any) {
	delete(h.entries, key)
	if vk, ok := key.(VersionedKey); ok {
		if slot := vk.HubSlot(); h.slots[slot] == key {
			delete(h.slots, slot)
		}
	}
}

// Len returns how many values the Hub caches, finished or running (for
// tests: superseded versions must not stay).
func (h *Hub) Len() int {
	if h == nil {
		return 0
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.entries)
}
