package store

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// scanHistories walks every member summary once, split over up to
// GOMAXPROCS goroutines (at most maxParts), each in its own read
// transaction, like Analyze. mk is called with the number of goroutines and
// returns one fold function per goroutine (each used by that goroutine
// only); should a write commit between the goroutines' transactions, the
// scan is repeated with fresh functions from mk, finally as one
// transaction, so that the functions of the last call saw one committed
// state. p <= 0 chooses the number of goroutines from GOMAXPROCS and the
// number of members.
//
// The seqs are cut into scanChunksPerPart ranges per goroutine, which the
// goroutines take in turn as they finish the previous one: older members
// have longer summaries (the first half of the seqs holds about 58 % of the
// bytes of the 1 M sample), so fixed halves left one core idle for a sixth
// of the scan, and a core that another process slows down only takes fewer
// ranges. A fold must therefore not depend on the order of the members
// (every fold here sums, or collects and sorts at the end).
func (s *Store) scanHistories(p int, mk func(parts int) []func(seq uint32, h *model.MemberHistory)) error {
	_, err := s.scanHistoriesTx(p, mk)
	return err
}

// scanHistoriesTx is scanHistories returning the id of the committed state
// the folds saw (the KPI cache stamps its entries with it).
func (s *Store) scanHistoriesTx(p int, mk func(parts int) []func(seq uint32, h *model.MemberHistory)) (int, error) {
	var n uint32
	if err := s.db.View(func(tx *bolt.Tx) error {
		n = uint32(getU64(tx.Bucket(bMeta), kNextSeq))
		return nil
	}); err != nil {
		return 0, err
	}
	if p <= 0 {
		p = min(runtime.GOMAXPROCS(0), maxParts, max(int(n)/minPartMembers, 1))
	}
	for try := 0; ; try++ {
		if try == snapshotTries {
			p = 1
		}
		chunks := 1
		if p > 1 {
			chunks = p * scanChunksPerPart
		}
		fns := mk(p)
		txids := make([]int, p)
		errs := make([]error, p)
		var next atomic.Int32
		var wg sync.WaitGroup
		scan := func(i int) {
			errs[i] = s.db.View(func(tx *bolt.Tx) error {
				txids[i] = tx.ID()
				var h model.MemberHistory
				c := tx.Bucket(bHistory).Cursor()
				fold := fns[i]
				for {
					j := int(next.Add(1)) - 1
					if j >= chunks {
						return nil
					}
					lo := uint32(uint64(n) * uint64(j) / uint64(chunks))
					hi := uint32(uint64(n) * uint64(j+1) / uint64(chunks))
					last := j == chunks-1 // also takes members added since n was read
					for k, v := c.Seek(seqKey(lo)); k != nil; k, v = c.Next() {
						seq := binary.BigEndian.Uint32(k)
						if !last && seq >= hi {
							break
						}
						if err := decodeHistory(v, &h); err != nil {
							return fmt.Errorf("summary of member seq %d: %w", seq, err)
						}
						fold(seq, &h)
					}
				}
			})
		}
		for i := range p - 1 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				scan(i)
			}()
		}
		scan(p - 1) // the caller's goroutine is the last worker
		wg.Wait()
		same := true
		for i := range errs {
			if errs[i] != nil {
				return 0, errs[i]
			}
			same = same && txids[i] == txids[0]
		}
		if same || p == 1 {
			return txids[0], nil
		}
	}
}

// scanChunksPerPart is how many seq ranges scanHistories cuts per
// goroutine (see there).
const scanChunksPerPart = 8

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

// BreakdownWithPrevious is Breakdown of w and of prev in the same scan
// (each summary decoded once for both), for a breakdown shown with its
// change against the previous window.
func (s *Store) BreakdownWithPrevious(r model.Rules, w, prev model.Window, dim model.Dimension, channel func(seq uint32) int) (cur, before model.Breakdown, err error) {
	var calcs, prevs []*model.BreakdownCalc
	err = s.scanHistories(0, func(p int) []func(uint32, *model.MemberHistory) {
		calcs, prevs = make([]*model.BreakdownCalc, p), make([]*model.BreakdownCalc, p)
		fns := make([]func(uint32, *model.MemberHistory), p)
		for i := range p {
			c, pc := model.NewBreakdownCalc(r, w, dim), model.NewBreakdownCalc(r, prev, dim)
			calcs[i], prevs[i] = c, pc
			fns[i] = func(seq uint32, h *model.MemberHistory) {
				ch := 0
				if channel != nil && dim == model.ByChannel {
					ch = channel(seq)
				}
				c.Add(h, ch)
				pc.Add(h, ch)
			}
		}
		return fns
	})
	if err != nil {
		return cur, before, fmt.Errorf("breakdown by %s: %w", dim, err)
	}
	for i := 1; i < len(calcs); i++ {
		calcs[0].Merge(calcs[i])
		prevs[0].Merge(prevs[i])
	}
	return calcs[0].Result(), prevs[0].Result(), nil
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

// ChannelIndex reads every member's acquisition channel as a small id
// (ids[seq]; 0: none, k ≥ 1: names[k−1], in order of first appearance),
// for a breakdown by channel without loading the whole profile index.
func (s *Store) ChannelIndex() (ids []uint16, names []string, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		n := getU64(tx.Bucket(bMeta), kNextSeq)
		ids = make([]uint16, n)
		known := map[string]uint16{}
		c := tx.Bucket(bMembers).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			seq := binary.BigEndian.Uint32(k)
			d := dec{b: v}
			d.bytes() // id
			d.bytes() // name
			d.bytes() // phone
			ch := d.bytes()
			if d.err != nil {
				return fmt.Errorf("member seq %d: %w", seq, d.err)
			}
			if len(ch) == 0 || uint64(seq) >= uint64(len(ids)) {
				continue
			}
			id, ok := known[string(ch)]
			if !ok {
				if len(names) >= 1<<16-1 {
					continue // more channels than ids: counted as none
				}
				names = append(names, string(ch))
				id = uint16(len(names))
				known[names[len(names)-1]] = id
			}
			ids[seq] = id
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("channel index: %w", err)
	}
	return ids, names, nil
}
