package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// ErrNotFound is returned for a member, target or record that is not stored.
var ErrNotFound = errors.New("not found")

// ForEachHistory calls fn for every member's summary, in member order, inside
// one read transaction. h is reused between calls: copy what must outlive fn.
// This is the one scan every stage/tier/RFM/KPI figure is computed from.
func (s *Store) ForEachHistory(fn func(seq uint32, h *model.MemberHistory) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		var h model.MemberHistory
		c := tx.Bucket(bHistory).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := decodeHistory(v, &h); err != nil {
				return fmt.Errorf("summary of member seq %d: %w", binary.BigEndian.Uint32(k), err)
			}
			if err := fn(binary.BigEndian.Uint32(k), &h); err != nil {
				return err
			}
		}
		return nil
	})
}

// Snapshot computes stages, tiers and RFM at w.To and every KPI over w from
// the per-member summaries, or takes it from the KPI cache when the owner
// stored it and nothing was written since (kpicache.go: the same snapshot,
// without the scan). The scan is split over the cores like Analyze.
func (s *Store) Snapshot(r model.Rules, w model.Window) (model.Snapshot, error) {
	if snap, ok, err := s.CachedSnapshot(r, w); err != nil || ok {
		return snap, err
	}
	snap, _, err := s.snapshotScan(r, w)
	return snap, err
}

// PrimeSnapshots computes the snapshots of ws under r in one scan (split
// over the cores) and keeps them in the KPI cache, so that the next `kpi`
// or first frame that asks for one of them reads it instead of scanning.
// Nothing is kept on a read-only store, or when a write commits meanwhile.
func (s *Store) PrimeSnapshots(r model.Rules, ws []model.Window) error {
	if s.readOnly || len(ws) == 0 {
		return nil
	}
	snaps, txid, err := s.snapshotsScan(r, ws)
	if err != nil {
		return err
	}
	return s.RememberSnapshots(r, txid, snaps...)
}

// ComputeSnapshot is Snapshot always computed from the summaries (never
// from the KPI cache), with the id of the read transaction it reflects, for
// RememberSnapshots. Tests compare it with the cached snapshot.
func (s *Store) ComputeSnapshot(r model.Rules, w model.Window) (model.Snapshot, int, error) {
	return s.snapshotScan(r, w)
}

// Daily returns one rollup per day of w (zero values for days without data).
func (s *Store) Daily(w model.Window) ([]Rollup, error) {
	out := make([]Rollup, w.Len())
	if len(out) == 0 {
		return out, nil
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bDaily).Cursor()
		end := dayKey(w.To)
		for k, v := c.Seek(dayKey(w.From)); k != nil && bytes.Compare(k, end) <= 0; k, v = c.Next() {
			r, err := decodeRollup(v)
			if err != nil {
				return fmt.Errorf("daily %s: %w", keyDay(k), err)
			}
			out[keyDay(k)-w.From] = r
		}
		return nil
	})
	return out, err
}

// MemberSeq finds a member's sequence number by id.
func (s *Store) MemberSeq(id string) (uint32, error) {
	var seq uint32
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bMemberIDs).Get([]byte(id))
		if len(v) != 4 {
			return fmt.Errorf("member %q: %w", id, ErrNotFound)
		}
		seq = binary.BigEndian.Uint32(v)
		return nil
	})
	return seq, err
}

// Member returns the profile and summary of the member with sequence seq.
func (s *Store) Member(seq uint32) (model.Member, model.MemberHistory, error) {
	var m model.Member
	var h model.MemberHistory
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bMembers).Get(seqKey(seq))
		if v == nil {
			return fmt.Errorf("member seq %d: %w", seq, ErrNotFound)
		}
		var err error
		if m, err = decodeProfile(v, s.loc); err != nil {
			return fmt.Errorf("member seq %d: %w", seq, err)
		}
		if err := decodeHistory(tx.Bucket(bHistory).Get(seqKey(seq)), &h); err != nil {
			return fmt.Errorf("member %s summary: %w", m.ID, err)
		}
		return nil
	})
	return m, h, err
}

// Members returns the profiles of the given members (for a visible page of a
// table), in the order given.
func (s *Store) Members(seqs []uint32) ([]model.Member, error) {
	out := make([]model.Member, len(seqs))
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMembers)
		for i, seq := range seqs {
			v := b.Get(seqKey(seq))
			if v == nil {
				return fmt.Errorf("member seq %d: %w", seq, ErrNotFound)
			}
			var err error
			if out[i], err = decodeProfile(v, s.loc); err != nil {
				return fmt.Errorf("member seq %d: %w", seq, err)
			}
		}
		return nil
	})
	return out, err
}

// memberRecords returns the member's stored events in time order (events with
// the same time in the order they were stored), decoded against id.
func (s *Store) memberRecords(tx *bolt.Tx, seq uint32, histValue []byte, id string, out []model.Event) ([]model.Event, error) {
	var h model.MemberHistory
	rest, err := decodeHistoryRest(histValue, &h)
	if err != nil {
		return out, err
	}
	var t historyTail
	if err := decodeTail(rest, &t); err != nil {
		return out, err
	}
	evB := tx.Bucket(bEvents)
	start := len(out)
	for _, c := range t.chunks {
		for b := evB.Get(chunkKey(c, seq)); len(b) > 0; {
			r, err := nextEvent(b)
			if err != nil {
				return out, err
			}
			out = append(out, r.event(id, s.loc))
			b = b[r.size:]
		}
	}
	mine := out[start:]
	sort.SliceStable(mine, func(i, j int) bool { return mine[i].At.Before(mine[j].At) })
	return out, nil
}

// MemberEvents returns up to limit of the member's events, newest first
// (limit <= 0: all).
func (s *Store) MemberEvents(seq uint32, limit int) ([]model.Event, error) {
	var out []model.Event
	err := s.db.View(func(tx *bolt.Tx) error {
		pv := tx.Bucket(bMembers).Get(seqKey(seq))
		hv := tx.Bucket(bHistory).Get(seqKey(seq))
		if pv == nil || hv == nil {
			return fmt.Errorf("member seq %d: %w", seq, ErrNotFound)
		}
		id := string((&dec{b: pv}).bytes())
		var err error
		if out, err = s.memberRecords(tx, seq, hv, id, out); err != nil {
			return fmt.Errorf("member %s events: %w", id, err)
		}
		return nil
	})
	slices.Reverse(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

// ForEachMember calls fn for every profile in member order (export).
func (s *Store) ForEachMember(fn func(m *model.Member) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bMembers).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			m, err := decodeProfile(v, s.loc)
			if err != nil {
				return fmt.Errorf("member seq %d: %w", binary.BigEndian.Uint32(k), err)
			}
			if err := fn(&m); err != nil {
				return err
			}
		}
		return nil
	})
}

// ForEachEvent calls fn for every stored event, member by member and by time
// within a member, so an export is the same whatever batches stored it.
func (s *Store) ForEachEvent(fn func(e *model.Event) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		members := tx.Bucket(bMembers)
		c := tx.Bucket(bHistory).Cursor()
		var evs []model.Event
		for k, hv := c.First(); k != nil; k, hv = c.Next() {
			pv := members.Get(k)
			if pv == nil {
				return fmt.Errorf("summary of member seq %d: %w", binary.BigEndian.Uint32(k), ErrNotFound)
			}
			id := string((&dec{b: pv}).bytes())
			var err error
			if evs, err = s.memberRecords(tx, binary.BigEndian.Uint32(k), hv, id, evs[:0]); err != nil {
				return fmt.Errorf("member %s events: %w", id, err)
			}
			for i := range evs {
				if err := fn(&evs[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
