package store

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// scanHistories walks every member summary once, split over up to
// GOMAXPROCS goroutines (at most maxParts) by ranges of member seqs, each
// in its own read transaction, like Analyze. mk is called with the number of
// parts and returns one fold function per part (each used by one goroutine
// only); should a write commit between the parts' transactions, the scan is
// repeated with fresh functions from mk, finally as one transaction, so that
// the functions of the last call saw one committed state. p <= 0 chooses the
// number of parts from GOMAXPROCS and the number of members.
func (s *Store) scanHistories(p int, mk func(parts int) []func(seq uint32, h *model.MemberHistory)) error {
	var n uint32
	if err := s.db.View(func(tx *bolt.Tx) error {
		n = uint32(getU64(tx.Bucket(bMeta), kNextSeq))
		return nil
	}); err != nil {
		return err
	}
	if p <= 0 {
		p = min(runtime.GOMAXPROCS(0), maxParts, max(int(n)/minPartMembers, 1))
	}
	for try := 0; ; try++ {
		if try == snapshotTries {
			p = 1
		}
		fns := mk(p)
		txids := make([]int, p)
		errs := make([]error, p)
		var wg sync.WaitGroup
		for i := range p {
			lo := uint32(uint64(n) * uint64(i) / uint64(p))
			hi := uint32(uint64(n) * uint64(i+1) / uint64(p))
			last := i == p-1
			scan := func() {
				errs[i] = s.db.View(func(tx *bolt.Tx) error {
					txids[i] = tx.ID()
					var h model.MemberHistory
					c := tx.Bucket(bHistory).Cursor()
					for k, v := c.Seek(seqKey(lo)); k != nil; k, v = c.Next() {
						seq := binary.BigEndian.Uint32(k)
						if !last && seq >= hi {
							break
						}
						if err := decodeHistory(v, &h); err != nil {
							return fmt.Errorf("summary of member seq %d: %w", seq, err)
						}
						fns[i](seq, &h)
					}
					return nil
				})
			}
			if last {
				scan()
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				scan()
			}()
		}
		wg.Wait()
		same := true
		for i := range errs {
			if errs[i] != nil {
				return errs[i]
			}
			same = same && txids[i] == txids[0]
		}
		if same || p == 1 {
			return nil
		}
	}
}

// Breakdown computes the KPIs of w split by dim in one scan of the member
// summaries (model.BreakdownCalc). channel gives a member's channel part
// for ByChannel (e.g. Profiles.ChannelID; nil: every member in part 0);
// other dimensions ignore it.
func (s *Store) Breakdown(r model.Rules, w model.Window, dim model.Dimension, channel func(seq uint32) int) (model.Breakdown, error) {
	return s.breakdown(r, w, dim, channel, 0)
}

func (s *Store) breakdown(r model.Rules, w model.Window, dim model.Dimension, channel func(seq uint32) int, parts int) (model.Breakdown, error) {
	var calcs []*model.BreakdownCalc
	err := s.scanHistories(parts, func(p int) []func(uint32, *model.MemberHistory) {
		calcs = make([]*model.BreakdownCalc, p)
		fns := make([]func(uint32, *model.MemberHistory), p)
		for i := range p {
			c := model.NewBreakdownCalc(r, w, dim)
			calcs[i] = c
			fns[i] = func(seq uint32, h *model.MemberHistory) {
				ch := 0
				if channel != nil && dim == model.ByChannel {
					ch = channel(seq)
				}
				c.Add(h, ch)
			}
		}
		return fns
	})
	if err != nil {
		return model.Breakdown{}, fmt.Errorf("breakdown by %s: %w", dim, err)
	}
	for _, c := range calcs[1:] {
		calcs[0].Merge(c)
	}
	return calcs[0].Result(), nil
}

// Insight computes cohorts, the second-purchase rate, the points liability
// and the tier-risk and near-upgrade lists as of cfg.AsOf in one scan of
// the member summaries (model.InsightCalc).
func (s *Store) Insight(cfg model.InsightConfig) (*model.Insight, error) {
	return s.insight(cfg, 0)
}

func (s *Store) insight(cfg model.InsightConfig, parts int) (*model.Insight, error) {
	var calcs []*model.InsightCalc
	err := s.scanHistories(parts, func(p int) []func(uint32, *model.MemberHistory) {
		calcs = make([]*model.InsightCalc, p)
		fns := make([]func(uint32, *model.MemberHistory), p)
		for i := range p {
			c := model.NewInsightCalc(cfg)
			calcs[i] = c
			fns[i] = c.Add
		}
		return fns
	})
	if err != nil {
		return nil, fmt.Errorf("insight: %w", err)
	}
	for _, c := range calcs[1:] {
		calcs[0].Merge(c)
	}
	return calcs[0].Result(), nil
}
