// Package demo loads the built-in sample into a store through the same ingest
// path as `cockpit import`, and feeds simulated live events. It is shared by
// `cockpit demo` and the UI test fixture (uitest), so there is one copy of the
// batching. It does no file I/O of its own: the store does.
package demo

import (
	"context"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
	"github.com/memberops/cockpit/store"
)

// Batch sizes: members are written 100k at a time, events 500k at a time
// (the sample streams events in time order, which is the store's fast path).
const (
	memberBatch = 100_000
	eventBatch  = 500_000
)

// Actor is who the demo's records are written as.
var Actor = store.Actor{Name: "demo", Role: store.Admin}

// Progress reports how many members and events have been stored so far.
type Progress func(members, events int)

// Load ingests the sample of cfg into st — members, events, then its targets,
// campaigns, plan and retrospectives — calling progress (when not nil) after
// every batch.
func Load(st *store.Store, cfg sample.Config, progress Progress) error {
	var ms []model.Member
	var evs []model.Event
	var nm, ne int
	flush := func() error {
		if len(ms) > 0 {
			if _, err := st.IngestMembers(ms); err != nil {
				return err
			}
			nm += len(ms)
			ms = ms[:0]
		}
		if len(evs) > 0 {
			if _, err := st.IngestEvents(evs); err != nil {
				return err
			}
			ne += len(evs)
			evs = evs[:0]
		}
		if progress != nil {
			progress(nm, ne)
		}
		return nil
	}
	err := sample.Generate(cfg, func(m *model.Member) error {
		ms = append(ms, *m)
		if len(ms) >= memberBatch {
			return flush()
		}
		return nil
	}, func(e *model.Event) error {
		if len(ms) > 0 { // members before their events
			if err := flush(); err != nil {
				return err
			}
		}
		evs = append(evs, *e)
		if len(evs) >= eventBatch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	for _, t := range sample.Targets(cfg) {
		if _, err := st.PutTarget(Actor, t); err != nil {
			return err
		}
	}
	for _, c := range sample.Campaigns(cfg) {
		if _, err := st.PutCampaign(Actor, c); err != nil {
			return err
		}
	}
	if _, err := st.PutPlan(Actor, sample.Plan(cfg)); err != nil {
		return err
	}
	for _, r := range sample.Retros(cfg) {
		if _, err := st.PutRetro(Actor, r); err != nil {
			return err
		}
	}
	return nil
}

// LiveInterval is how often Live asks the simulator for new events.
const LiveInterval = 250 * time.Millisecond

// Live feeds simulated events for the members of cfg into st every
// LiveInterval through IngestEvents (the import path), until ctx is done.
// now is the clock the events are stamped with. It returns the error that
// stopped it, or nil when ctx ended.
func Live(ctx context.Context, st *store.Store, cfg sample.Config, seed uint64, now func() time.Time) error {
	feed := sample.NewLive(cfg, seed)
	t := time.NewTicker(LiveInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			evs := feed.Next(now())
			if len(evs) == 0 {
				continue
			}
			if _, err := st.IngestEvents(evs); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return err
			}
		}
	}
}
