package store

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// Ingest is shaped by what bbolt is fast at (DESIGN.md, last section): puts in
// key order are ~20× faster than random ones, and rewriting records one event
// at a time is slow. So:
//
//   - events are stored under chunk-first keys (chunk = one write transaction),
//     so a batch's records append at the end of the tree and old events are
//     never rewritten;
//   - a batch is aggregated in memory per member, and each touched member's
//     summary is written once, in key order, in the same transaction as the
//     events, the daily rollups and the order index;
//   - a member's summary remembers its latest event time and its chunks, so an
//     event later than everything stored (the usual case) needs no read of
//     older events to be deduplicated;
//   - member ids and order keys are resolved against in-memory indexes loaded
//     once, not with a bbolt lookup per row.

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

// noSeq marks an event whose member is not stored.
const noSeq = ^uint32(0)

// loadIndexes fills the member-id and order-key indexes on first use. Caller
// holds s.mu.
func (s *Store) loadIndexes() error {
	if s.ids != nil {
		return nil
	}
	ids := map[string]uint32{}
	orders := map[uint64]struct{}{}
	seed := maphash.MakeSeed()
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMemberIDs)
		ids = make(map[string]uint32, b.Stats().KeyN)
		err := b.ForEach(func(k, v []byte) error {
			if len(v) != 4 {
				return errCorrupt
			}
			ids[string(k)] = uint32(v[0])<<24 | uint32(v[1])<<16 | uint32(v[2])<<8 | uint32(v[3])
			return nil
		})
		if err != nil {
			return err
		}
		o := tx.Bucket(bOrders)
		orders = make(map[uint64]struct{}, o.Stats().KeyN)
		return o.ForEach(func(k, _ []byte) error {
			orders[maphash.Bytes(seed, k)] = struct{}{}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("load indexes: %w", err)
	}
	s.idsMu.Lock()
	s.ids = ids
	s.idsMu.Unlock()
	s.orderSeed, s.orderSet = seed, orders
	return nil
}

// resolve maps member ids to seqs (noSeq for members not stored). It takes
// only the id index's read lock, so an import's reader can resolve a batch
// while the writer commits the previous one.
func (s *Store) resolve(evs []model.Event, seqs []uint32) error {
	s.idsMu.RLock()
	loaded := s.ids != nil
	s.idsMu.RUnlock()
	if !loaded {
		s.mu.Lock()
		err := s.loadIndexes()
		s.mu.Unlock()
		if err != nil {
			return err
		}
	}
	s.idsMu.RLock()
	defer s.idsMu.RUnlock()
	for i := range evs {
		seq, ok := s.ids[evs[i].MemberID]
		if !ok {
			seq = noSeq
		}
		seqs[i] = seq
	}
	return nil
}

// lookupSeq finds one member's seq (indexes must be loaded).
func (s *Store) lookupSeq(id string) (uint32, bool) {
	s.idsMu.RLock()
	seq, ok := s.ids[id]
	s.idsMu.RUnlock()
	return seq, ok
}

func unknownMember(id string) string {
	return fmt.Sprintf("unknown member %q (import members first)", id)
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
	if err := s.loadIndexes(); err != nil {
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
		inBatch := make(map[string]bool, len(ms))
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
			buf = encodeHistory(buf[:0], &h, nil)
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
	s.idsMu.Lock()
	for _, a := range added {
		s.ids[a.id] = a.seq
	}
	s.idsMu.Unlock()
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
	seq      uint32
	hist     model.MemberHistory
	tail     historyTail
	recs     []byte // this batch's new records, sorted by time
	recsLast int64  // time of the last record in recs
	old      []byte // the member's stored records, loaded only when needed
	oldOK    bool
}

// IngestEvents stores a batch of events in one transaction and reports each
// event's outcome. An event whose (kind, order id) is stored already, or,
// without an order id, whose every field matches a stored event, is a
// Duplicate; an event for an unknown member is Rejected.
func (s *Store) IngestEvents(evs []model.Event) ([]Result, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	seqs := make([]uint32, len(evs))
	if err := s.resolve(evs, seqs); err != nil {
		return nil, err
	}
	return s.ingestResolved(evs, seqs)
}

// ingestResolved is IngestEvents with member seqs already resolved.
func (s *Store) ingestResolved(evs []model.Event, seqs []uint32) ([]Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadIndexes(); err != nil {
		return nil, err
	}
	res := make([]Result, len(evs))
	// Touched members, in seq order; slot maps a seq to its work (dense: seqs
	// are 0..members-1, so a slice beats a map by a wide margin).
	if n := int(s.memberCount()); len(s.slot) < n {
		s.slot = make([]int32, n+n/4+1024)
		for i := range s.slot {
			s.slot[i] = -1
		}
	}
	var touched []uint32
	for i := range evs {
		seq := seqs[i]
		switch {
		case seq == noSeq || int(seq) >= len(s.slot):
			res[i] = Result{Outcome: Rejected, Reason: unknownMember(evs[i].MemberID)}
		case evs[i].Kind >= model.NumKinds:
			res[i] = Result{Outcome: Rejected, Reason: "unknown kind"}
		default:
			if s.slot[seq] < 0 {
				s.slot[seq] = 0
				touched = append(touched, seq)
			}
		}
	}
	slices.Sort(touched)
	// During an import the work array is reused batch after batch, with the
	// capacity of its decoded days and record buffers: most of a batch's
	// garbage otherwise. ImportFile releases it at the end.
	var work []memberWork
	if s.bulk {
		if cap(s.work) < len(touched) {
			s.work = append(s.work[:cap(s.work)], make([]memberWork, len(touched)-cap(s.work))...)
		}
		work = s.work[:len(touched)]
	} else {
		work = make([]memberWork, len(touched))
	}
	for i, seq := range touched {
		s.slot[seq] = int32(i)
	}
	defer func() {
		for _, seq := range touched {
			s.slot[seq] = -1
		}
	}()

	stored := 0
	lo, hi := model.Day(1<<31-1), model.Day(-1<<31)
	var newOrders [][]byte
	err := s.db.Update(func(tx *bolt.Tx) error {
		stored = 0
		newOrders = newOrders[:0]
		meta := tx.Bucket(bMeta)
		histB, evB, ordB := tx.Bucket(bHistory), tx.Bucket(bEvents), tx.Bucket(bOrders)
		ordB.FillPercent, evB.FillPercent = 0.9, 1.0
		chunk := uint32(getU64(meta, kChunk)) + 1
		camps, err := s.beginCampaignBatch(tx) // campaigns.go: per-campaign daily rollup
		if err != nil {
			return err
		}

		hc := histB.Cursor()
		for i, seq := range touched {
			w := &work[i]
			w.seq, w.recs, w.recsLast, w.old, w.oldOK = seq, w.recs[:0], 0, w.old[:0], false
			k, v := hc.Seek(seqKey(seq))
			if !bytes.Equal(k, seqKey(seq)) {
				return fmt.Errorf("member seq %d: %w (no summary)", seq, errCorrupt)
			}
			rest, err := decodeHistoryRest(v, &w.hist)
			if err == nil {
				err = decodeTail(rest, &w.tail)
			}
			if err != nil {
				return fmt.Errorf("member seq %d summary: %w", seq, err)
			}
		}

		// Pass 1, in file order: order-id dedupe (the later copy of a (kind,
		// order id) is ignored, whichever members the copies name).
		batchOrders := map[uint64][][]byte{} // hash → keys new in this batch
		var okey []byte
		for i := range evs {
			e := &evs[i]
			if res[i].Outcome == Rejected || e.OrderID == "" {
				continue
			}
			okey = append(append(okey[:0], byte(e.Kind)), e.OrderID...)
			h := maphash.Bytes(s.orderSeed, okey)
			dup := false
			for _, k := range batchOrders[h] {
				dup = dup || bytes.Equal(k, okey)
			}
			if _, maybe := s.orderSet[h]; !dup && maybe {
				dup = ordB.Get(okey) != nil
			}
			if dup {
				res[i] = Result{Outcome: Duplicate}
				continue
			}
			k := slices.Clone(okey)
			batchOrders[h] = append(batchOrders[h], k)
			newOrders = append(newOrders, k)
		}

		// Pass 2, member by member (each member's events in file order): every
		// member's summary and records are touched while hot in the cache.
		order := make([]int32, 0, len(evs))
		start := make([]int32, len(work)+1)
		for i := range evs {
			if res[i].Outcome == Stored && seqs[i] != noSeq && evs[i].Kind < model.NumKinds {
				start[s.slot[seqs[i]]+1]++
			}
		}
		for j := 1; j < len(start); j++ {
			start[j] += start[j-1]
		}
		order = order[:start[len(work)]]
		fill := slices.Clone(start[:len(work)])
		for i := range evs {
			if res[i].Outcome == Stored && seqs[i] != noSeq && evs[i].Kind < model.NumKinds {
				j := s.slot[seqs[i]]
				order[fill[j]] = int32(i)
				fill[j]++
			}
		}
		daily := map[model.Day]*Rollup{}
		for _, i := range order {
			e := &evs[i]
			w := &work[s.slot[seqs[i]]]
			dup, err := w.insert(e, evB)
			if err != nil {
				return fmt.Errorf("member %s events: %w", e.MemberID, err)
			}
			if dup {
				res[i] = Result{Outcome: Duplicate}
				continue
			}
			stored++
			day := model.DayOf(e.At, s.loc)
			lo, hi = min(lo, day), max(hi, day)
			camps.add(e, seqs[i], day)
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
		for i := range work {
			w := &work[i]
			if len(w.recs) == 0 {
				continue
			}
			if err := evB.Put(chunkKey(chunk, w.seq), w.recs); err != nil {
				return err
			}
			w.tail.chunks = append(w.tail.chunks, chunk)
			buf = encodeHistory(buf[:0], &w.hist, &w.tail)
			if err := histB.Put(seqKey(w.seq), ar.take(buf)); err != nil {
				return err
			}
		}
		slices.SortFunc(newOrders, bytes.Compare)
		for _, k := range newOrders {
			if err := ordB.Put(k, nil); err != nil {
				return err
			}
		}
		if err := camps.flush(tx); err != nil {
			return err
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
		putU64(meta, kChunk, uint64(chunk))
		return putU64(meta, kEvents, n+uint64(stored))
	})
	if err != nil {
		return nil, fmt.Errorf("store events: %w", err)
	}
	for _, k := range newOrders {
		s.orderSet[maphash.Bytes(s.orderSeed, k)] = struct{}{}
	}
	if stored > 0 {
		s.feed.publish(Change{Kind: ChangeEvents, Count: stored, From: lo, To: hi})
	}
	return res, nil
}

// memberCount is the number of member seqs handed out (read from the index).
func (s *Store) memberCount() int {
	s.idsMu.RLock()
	defer s.idsMu.RUnlock()
	return len(s.ids)
}

// insert adds e to the batch's records for the member in time order, unless
// an identical event is stored or already in the batch; it reports whether e
// was a duplicate. Only an event no later than the member's latest stored
// event needs the stored records (loaded once per batch).
func (w *memberWork) insert(e *model.Event, evB *bolt.Bucket) (bool, error) {
	at := e.At.UnixNano()
	if len(w.tail.chunks) > 0 && at <= w.tail.lastAt && e.OrderID == "" {
		if !w.oldOK {
			for _, c := range w.tail.chunks {
				w.old = append(w.old, evB.Get(chunkKey(c, w.seq))...)
			}
			w.oldOK = true
		}
		for b := w.old; len(b) > 0; {
			r, err := nextEvent(b)
			if err != nil {
				return false, err
			}
			if r.at == at && r.same(e) {
				return true, nil
			}
			b = b[r.size:]
		}
	}
	if len(w.recs) == 0 || at > w.recsLast { // in time order: nothing to check
		w.recs = appendEventRecord(w.recs, e)
		w.recsLast = at
		if len(w.tail.chunks) == 0 || at > w.tail.lastAt {
			w.tail.lastAt = at
		}
		return false, nil
	}
	// Out of order within the batch: find the place and check for a copy.
	pos := len(w.recs)
	for off := 0; off < len(w.recs); {
		r, err := nextEvent(w.recs[off:])
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
	if pos == len(w.recs) {
		w.recs = appendEventRecord(w.recs, e)
		w.recsLast = at
	} else {
		w.recs = slices.Insert(w.recs, pos, appendEventRecord(nil, e)...)
	}
	if len(w.tail.chunks) == 0 || at > w.tail.lastAt {
		w.tail.lastAt = at
	}
	return false, nil
}
