package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/demo"
)

func TestLoadAndLive(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"), store.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 7, 1, 20, 0, 0, 0, loc)
	cfg := sample.Config{Members: 300, Seed: 5, End: model.DayOf(now, loc) - 1, Loc: loc}
	var calls, lastM, lastE int
	if err := demo.Load(st, cfg, func(m, e int) { calls++; lastM, lastE = m, e }); err != nil {
		t.Fatal(err)
	}
	info, _ := st.Info()
	if info.Members != 300 || int64(lastM) != info.Members || int64(lastE) < info.Events || calls == 0 {
		t.Fatalf("progress %d/%d after %d calls; stored %+v", lastM, lastE, calls, info)
	}
	if ts, _ := st.Targets(); len(ts) == 0 {
		t.Error("no targets")
	}
	if cs, _ := st.Campaigns(); len(cs) == 0 {
		t.Error("no campaigns")
	}
	// The live feed goes through the store and its change feed.
	ch, stop := st.Subscribe()
	defer stop()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	clock := now
	go func() {
		done <- demo.Live(ctx, st, cfg, 9, func() time.Time { clock = clock.Add(2 * time.Second); return clock })
	}()
	select {
	case c := <-ch:
		if c.Kind != store.ChangeEvents || c.Count == 0 {
			t.Errorf("change %+v", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no live events within 5 s")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	after, _ := st.Info()
	if after.Events <= info.Events || after.LastDay != model.DayOf(now, loc) {
		t.Errorf("live events not stored: %+v → %+v", info, after)
	}
}
