package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// Ingest writes are shaped by what bbolt is fast at (DESIGN.md, last section):
// puts in key order are ~20× faster than random ones, and per-member updates
// one event at a time are slow. So a batch is resolved and aggregated in
// memory, and then every touched member's summary and events are written once,
// in key order, in the same transaction as the batch's rollups and order keys.

// Outcome is what happened to one ingested row.
type Outcome uint8

// Outcomes of ingest.
const (
	Stored    Outcome = iota // written
	Duplicate                // the same member or event is already stored; ignored
	Rejected                 // refused; Result.Reason says why
)

// Result is the outcome of one ingested row.
type Result struct {
	Outcome Outcome
	Reason  string
}

// ErrReadOnly is returned by writes on a store opened read-only.
var ErrReadOnly = errors.New("database opened read-only")

// loadIDs fills the member-id index on first use. Caller holds s.mu.
func (s *Store) loadIDs() error {
	if s.ids != nil {
		return nil
	}
	ids := map[string]uint32{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMemberIDs)
		ids = make(map[string]uint32, b.Stats().KeyN)
		return b.ForEach(func(k, v []byte) error {
			if len(v) != 4 {
				return errCorrupt
			}
			ids[string(k)] = uint32(v[0])<<24 | uint32(v[1])<<16 | uint32(v[2])<<8 | uint32(v[3])
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("load member index: %w", err)
	}
	s.ids = ids
	return nil
}

// IngestMembers stores new members in one transaction. A member whose id is
// already stored (or appears earlier in the batch) is a Duplicate and is left
// unchanged: the first import of a member wins.
func (s *Store) IngestMembers(ms []model.Member) ([]Result, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadIDs(); err != nil {
		return nil, err
	}
	res := make([]Result, len(ms))
	type idSeq struct {
		id  string
		seq uint32
	}
	var added []idSeq
	lo, hi := model.Day(1<<31-1), model.Day(-1<<31)
	err := s.db.Update(func(tx *bolt.Tx) error {
		added = added[:0]
		meta := tx.Bucket(bMeta)
		members, hist, idx := tx.Bucket(bMembers), tx.Bucket(bHistory), tx.Bucket(bMemberIDs)
		members.FillPercent, hist.FillPercent, idx.FillPercent = 0.9, 0.9, 0.9
		next := uint32(getU64(meta, kNextSeq))
		inBatch := map[string]bool{}
		daily := map[model.Day]*Rollup{}
		var buf []byte
		var ar arena
		for i := range ms {
			m := &ms[i]
			if _, ok := s.ids[m.ID]; ok || inBatch[m.ID] {
				res[i] = Result{Outcome: Duplicate}
				continue
			}
			if m.ID == "" {
				res[i] = Result{Outcome: Rejected, Reason: "empty member_id"}
				continue
			}
			inBatch[m.ID] = true
			seq := next
			next++
			buf = encodeProfile(buf[:0], m)
			if err := members.Put(seqKey(seq), ar.take(buf)); err != nil {
				return err
			}
			reg := model.DayOf(m.RegisteredAt, s.loc)
			h := model.MemberHistory{Reg: reg, Consent: m.Consent}
			buf = encodeHistory(buf[:0], &h)
			if err := hist.Put(seqKey(seq), ar.take(buf)); err != nil {
				return err
			}
			r := daily[reg]
			if r == nil {
				r = &Rollup{}
				daily[reg] = r
			}
			r.NewMembers++
			lo, hi = min(lo, reg), max(hi, reg)
			added = append(added, idSeq{m.ID, seq})
		}
		sorted := slices.Clone(added)
		sort.Slice(sorted, func(i, j int) bool { return sorted[i].id < sorted[j].id })
		for _, a := range sorted {
			if err := idx.Put([]byte(a.id), seqKey(a.seq)); err != nil {
				return err
			}
		}
		if err := mergeDaily(tx, daily); err != nil {
			return err
		}
		return putU64(meta, kNextSeq, uint64(next))
	})
	if err != nil {
		return nil, fmt.Errorf("store members: %w", err)
	}
	for _, a := range added {
		s.ids[a.id] = a.seq
	}
	if len(added) > 0 {
		s.feed.publish(Change{Kind: ChangeMembers, Count: len(added), From: lo, To: hi})
	}
	return res, nil
}

// mergeDaily adds per-day deltas into the daily bucket in key order.
func mergeDaily(tx *bolt.Tx, daily map[model.Day]*Rollup) error {
	days := make([]model.Day, 0, len(daily))
	for d := range daily {
		days = append(days, d)
	}
	slices.Sort(days)
	b := tx.Bucket(bDaily)
	for _, d := range days {
		k := dayKey(d)
		var cur Rollup
		if v := b.Get(k); v != nil {
			var err error
			if cur, err = decodeRollup(v); err != nil {
				return fmt.Errorf("daily %s: %w", d, err)
			}
		}
		cur.add(daily[d])
		if err := b.Put(k, encodeRollup(&cur)); err != nil {
			return err
		}
	}
	return nil
}

// memberWork is one touched member during an event batch.
type memberWork struct {
	seq    uint32
	hist   model.MemberHistory
	blob   []byte // the member's event records, sorted by time
	lastAt int64  // time of the last record in blob (valid when len(blob) > 0)
	dirty  bool
}

// IngestEvents stores a batch of events in one transaction and reports each
// event's outcome. An event whose (kind, order id) is stored already, or,
// without an order id, whose every field matches a stored event, is a
// Duplicate; an event for an unknown member is Rejected.
func (s *Store) IngestEvents(evs []model.Event) ([]Result, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadIDs(); err != nil {
		return nil, err
	}
	res := make([]Result, len(evs))
	seqs := make([]uint32, len(evs))
	var touched []uint32
	seen := map[uint32]bool{}
	for i := range evs {
		seq, ok := s.ids[evs[i].MemberID]
		if !ok {
			res[i] = Result{Outcome: Rejected, Reason: fmt.Sprintf("unknown member %q (import members first)", evs[i].MemberID)}
			continue
		}
		if evs[i].Kind >= model.NumKinds {
			res[i] = Result{Outcome: Rejected, Reason: "unknown kind"}
			continue
		}
		seqs[i] = seq
		if !seen[seq] {
			seen[seq] = true
			touched = append(touched, seq)
		}
	}
	slices.Sort(touched)
	stored := 0
	lo, hi := model.Day(1<<31-1), model.Day(-1<<31)
	err := s.db.Update(func(tx *bolt.Tx) error {
		stored = 0
		meta := tx.Bucket(bMeta)
		histB, evB, ordB := tx.Bucket(bHistory), tx.Bucket(bEvents), tx.Bucket(bOrders)
		ordB.FillPercent = 0.9

		// Load touched members in key order.
		work := make(map[uint32]*memberWork, len(touched))
		hc, ec := histB.Cursor(), evB.Cursor()
		for _, seq := range touched {
			w := &memberWork{seq: seq}
			k, v := hc.Seek(seqKey(seq))
			if !bytes.Equal(k, seqKey(seq)) {
				return fmt.Errorf("member seq %d: %w (no summary)", seq, errCorrupt)
			}
			if err := decodeHistory(v, &w.hist); err != nil {
				return fmt.Errorf("member seq %d summary: %w", seq, err)
			}
			if k, v := ec.Seek(seqKey(seq)); bytes.Equal(k, seqKey(seq)) {
				w.blob = append(make([]byte, 0, len(v)+64), v...)
				if err := w.scanLast(); err != nil {
					return fmt.Errorf("member seq %d events: %w", seq, err)
				}
			}
			work[seq] = w
		}

		daily := map[model.Day]*Rollup{}
		batchOrders := map[string]bool{}
		var newOrders []string
		var okey []byte
		for i := range evs {
			if res[i].Outcome == Rejected {
				continue
			}
			e := &evs[i]
			w := work[seqs[i]]
			if e.OrderID != "" {
				okey = append(append(okey[:0], byte(e.Kind)), e.OrderID...)
				if batchOrders[string(okey)] || ordB.Get(okey) != nil {
					res[i] = Result{Outcome: Duplicate}
					continue
				}
				batchOrders[string(okey)] = true
				newOrders = append(newOrders, string(okey))
			}
			dup, err := w.insert(e)
			if err != nil {
				return fmt.Errorf("member %s events: %w", e.MemberID, err)
			}
			if dup {
				res[i] = Result{Outcome: Duplicate}
				continue
			}
			res[i] = Result{Outcome: Stored}
			stored++
			day := model.DayOf(e.At, s.loc)
			lo, hi = min(lo, day), max(hi, day)
			a := w.hist.Activity(day)
			wasActive, wasBuyer := a.NonRegister() > 0, a.Count[model.KindPurchase] > 0
			a.Add(e.Kind, e.Amount)
			r := daily[day]
			if r == nil {
				r = &Rollup{}
				daily[day] = r
			}
			r.Events++
			if !wasActive && a.NonRegister() > 0 {
				r.DAU++
			}
			switch e.Kind {
			case model.KindPurchase:
				r.Orders++
				r.GMVFen += e.Amount
				r.PointsIssued += e.Amount / 100
				if !wasBuyer {
					r.Buyers++
				}
			case model.KindRefund:
				r.Refunds++
				r.RefundFen += e.Amount
			case model.KindRedeem:
				r.Redeemed += e.Amount
			}
		}
		if stored == 0 {
			return nil
		}
		var buf []byte
		var ar arena
		for _, seq := range touched {
			w := work[seq]
			if !w.dirty {
				continue
			}
			buf = encodeHistory(buf[:0], &w.hist)
			if err := histB.Put(seqKey(seq), ar.take(buf)); err != nil {
				return err
			}
			if err := evB.Put(seqKey(seq), w.blob); err != nil {
				return err
			}
		}
		slices.Sort(newOrders)
		for _, k := range newOrders {
			if err := ordB.Put([]byte(k), nil); err != nil {
				return err
			}
		}
		if err := mergeDaily(tx, daily); err != nil {
			return err
		}
		n := getU64(meta, kEvents)
		if n == 0 || int32(getU64(meta, kFirstDay)) > int32(lo) {
			putU64(meta, kFirstDay, uint64(uint32(int32(lo))))
		}
		if n == 0 || int32(getU64(meta, kLastDay)) < int32(hi) {
			putU64(meta, kLastDay, uint64(uint32(int32(hi))))
		}
		return putU64(meta, kEvents, n+uint64(stored))
	})
	if err != nil {
		return nil, fmt.Errorf("store events: %w", err)
	}
	if stored > 0 {
		s.feed.publish(Change{Kind: ChangeEvents, Count: stored, From: lo, To: hi})
	}
	return res, nil
}

func (w *memberWork) scanLast() error {
	for b := w.blob; len(b) > 0; {
		r, err := nextEvent(b)
		if err != nil {
			return err
		}
		w.lastAt = r.at
		b = b[r.size:]
	}
	return nil
}

// insert adds e to the member's records in time order unless an identical
// record is there; it reports whether e was a duplicate. Events mostly arrive
// in time order, so the common case appends without scanning.
func (w *memberWork) insert(e *model.Event) (bool, error) {
	at := e.At.UnixNano()
	if len(w.blob) == 0 || at > w.lastAt {
		w.blob = appendEventRecord(w.blob, e)
		w.lastAt = at
		w.dirty = true
		return false, nil
	}
	pos := -1
	for off := 0; off < len(w.blob); {
		r, err := nextEvent(w.blob[off:])
		if err != nil {
			return false, err
		}
		if r.at == at && e.OrderID == "" && r.same(e) {
			return true, nil
		}
		if r.at > at {
			pos = off
			break
		}
		off += r.size
	}
	if pos < 0 { // equal to the last time: append after it
		w.blob = appendEventRecord(w.blob, e)
	} else {
		rec := appendEventRecord(nil, e)
		w.blob = slices.Insert(w.blob, pos, rec...)
	}
	w.dirty = true
	return false, nil
}
