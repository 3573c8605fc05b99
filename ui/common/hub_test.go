package common_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/uitest"
)

// TestHubComputesOncePerChange: twenty sessions asking for the same value
// at the same data version share one computation and the same value; a
// change of the data makes the next request compute again, once; an older
// version is never handed to a session that has seen a newer change.
func TestHubComputesOncePerChange(t *testing.T) {
	st := uitest.Store(t, 100)
	h := common.NewHub(st)
	var runs atomic.Int64
	release := make(chan struct{})
	fn := func() (any, error) {
		runs.Add(1)
		<-release
		return &struct{ n int64 }{runs.Load()}, nil
	}
	get := func(min uint64) (any, uint64) {
		v, ver, err := h.Get(context.Background(), "k", min, fn)
		if err != nil {
			t.Error(err)
		}
		return v, ver
	}
	v0 := h.Version()
	var wg sync.WaitGroup
	vals := make([]any, 20)
	for i := range vals {
		wg.Add(1)
		go func() { defer wg.Done(); vals[i], _ = get(v0) }()
	}
	time.Sleep(50 * time.Millisecond) // let them all ask while the first computes
	close(release)
	wg.Wait()
	if runs.Load() != 1 || h.Computed() != 1 {
		t.Fatalf("%d computations for 20 sessions", runs.Load())
	}
	for _, v := range vals {
		if v != vals[0] {
			t.Fatal("sessions got different values")
		}
	}
	// A cached value satisfies the same version without computing.
	if v, _ := get(v0); v != vals[0] || runs.Load() != 1 {
		t.Fatal("the cached value was not reused")
	}
	// A write announces a change: a session that saw it gets a new value.
	if _, err := st.PutTarget(store.Actor{Name: "t", Role: store.Editor}, model.Target{Name: "x", Metric: "gmv",
		From: uitest.End - 10, To: uitest.End, Value: 100, Method: model.MethodEven}); err != nil {
		t.Fatal(err)
	}
	v1 := h.Version()
	if v1 <= v0 {
		t.Fatalf("version %d after a write, %d before", v1, v0)
	}
	v, ver := get(v1)
	if v == vals[0] || ver < v1 || runs.Load() != 2 {
		t.Fatalf("after a change: same value %v, version %d < %d, runs %d", v == vals[0], ver, v1, runs.Load())
	}
	// A session that has not seen the change yet may share the newer value.
	if w, _ := get(v0); w != v || runs.Load() != 2 {
		t.Fatal("an older request recomputed")
	}
}

// TestHubWaitEndsWithTheSession: a session that closes stops waiting for a
// computation others still wait for; a failed computation is not kept.
func TestHubWaitEndsWithTheSession(t *testing.T) {
	st := uitest.Store(t, 50)
	h := common.NewHub(st)
	release := make(chan struct{})
	go h.Get(context.Background(), "k", 0, func() (any, error) { <-release; return 1, nil })
	time.Sleep(20 * time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := h.Get(ctx, "k", 0, func() (any, error) { return 2, nil }); err == nil {
		t.Fatal("a closed session kept waiting")
	}
	close(release)
	if _, _, err := h.Get(context.Background(), "e", 0, func() (any, error) { return nil, context.DeadlineExceeded }); err == nil {
		t.Fatal("no error")
	}
	v, _, err := h.Get(context.Background(), "e", 0, func() (any, error) { return 3, nil })
	if err != nil || v != 3 {
		t.Fatalf("a failed computation was kept: %v %v", v, err)
	}
}

// versionedKey is a key of one slot ("orders") at a data version, the way
// the members pane names its sorted orders.
type versionedKey struct {
	slot    string
	version uint64
}

func (k versionedKey) HubSlot() any       { k.version = 0; return k }
func (k versionedKey) HubVersion() uint64 { return k.version }

// TestHubKeepsOnlyTheNewestVersion: values computed in a row for newer data
// versions leave one entry per window and one per slot of versioned keys,
// the newest; a late request for an older version is answered but not
// cached and does not push the newest out.
func TestHubKeepsOnlyTheNewestVersion(t *testing.T) {
	st := uitest.Store(t, 50)
	h := common.NewHub(st)
	ctx := context.Background()
	value := func(n int) func() (any, error) { return func() (any, error) { return n, nil } }
	for i := 1; i <= 5; i++ {
		if _, err := st.PutTarget(store.Actor{Name: "t", Role: store.Editor}, model.Target{Name: "x", Metric: "gmv",
			From: uitest.End - 10, To: uitest.End, Value: int64(100 * i), Method: model.MethodEven}); err != nil {
			t.Fatal(err)
		}
		ver := h.Version()
		// The window's value at the newest version (the Dataset's key).
		if v, _, err := h.Get(ctx, "window", ver, value(i)); err != nil || v != i {
			t.Fatalf("version %d: window value %v, %v", i, v, err)
		}
		// An order of that version's analysis (members' orderKey).
		if v, _, err := h.Get(ctx, versionedKey{"orders", ver}, 0, value(i)); err != nil || v != i {
			t.Fatalf("version %d: order %v, %v", i, v, err)
		}
		if n := h.Len(); n != 2 {
			t.Fatalf("after version %d: %d entries cached, want 2 (the newest window and order)", i, n)
		}
	}
	if h.Computed() != 10 {
		t.Fatalf("%d computations, want 10", h.Computed())
	}
	newest := h.Version()
	// A session still on an older analysis gets its order, uncached.
	if v, _, err := h.Get(ctx, versionedKey{"orders", newest - 1}, 0, value(-1)); err != nil || v != -1 {
		t.Fatalf("older order: %v, %v", v, err)
	}
	if n := h.Len(); n != 2 {
		t.Fatalf("an older version was cached: %d entries", n)
	}
	// The newest is still cached: no computation.
	if v, _, _ := h.Get(ctx, versionedKey{"orders", newest}, 0, value(99)); v != 5 || h.Computed() != 11 {
		t.Fatalf("newest order %v after %d computations: pushed out", v, h.Computed())
	}
	// Another slot is kept beside it.
	h.Get(ctx, versionedKey{"rows", newest}, 0, value(7))
	if n := h.Len(); n != 3 {
		t.Fatalf("%d entries, want 3", n)
	}
}
