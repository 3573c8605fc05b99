package store

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
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
//     once, not with a bbolt lookup per row;
//   - an events file goes through the bulk path (bulk.go): partitioned by
//     member on disk first, so each touched member's summary is written once
//     per file, through the same member-by-member code (ingestLocked).

// Outcome is what happened to one ingested row.
type Outcome uint8

// Outcomes of ingest.
const (
	Stored    Outcome = iota // written
	Duplicate                // the same member or event is already stored; ignored
	Rejected                 // refused; Result.Reason says why
	Updated                  // a stored member whose details changed (IngestMembersWith)
)

// Result is the outcome of one ingested row.
type Result struct {
	Outcome Outcome
	Field   string // the field a rejection is about, when there is one
	Reason  string
}

// MemberFields is a set of the member fields an update may change.
type MemberFields uint8

// Member fields an update may change (registered_at and the id never change).
const (
	FieldName MemberFields = 1 << iota
	FieldPhone
	FieldChannel
	FieldConsent
	FieldTags
	FieldBirthday

	AllMemberFields = FieldName | FieldPhone | FieldChannel | FieldConsent | FieldTags | FieldBirthday
)

// MemberFieldsOf is the set of fields a file carries: a file without a phone
// column must not clear every phone.
func MemberFieldsOf(rd *rows.Reader) MemberFields {
	var f MemberFields
	for i, name := range []string{"name", "phone", "channel", "consent", "tags", "birthday"} {
		if rd.HasColumn(name) {
			f |= 1 << i
		}
	}
	return f
}

// MemberIngest says how IngestMembersWith treats a row whose member id is
// stored already.
type MemberIngest struct {
	// Update replaces the fields (of Fields) that differ, records the change in
	// the audit log as Actor, and counts the row Updated; a row equal to the
	// stored member stays a Duplicate. False keeps the stored member: the
	// first import wins (--insert-only).
	Update bool
	Fields MemberFields // 0 means AllMemberFields
	Actor  Actor
}

// storable reports why a time cannot be stored (as int64 nanoseconds: years
// model.MinYear to model.MaxYear), or "".
func storable(t time.Time) string {
	if y := t.Year(); y < model.MinYear || y > model.MaxYear {
		return fmt.Sprintf("year %d out of range (%d–%d)", y, model.MinYear, model.MaxYear)
	}
	return ""
}

// ErrReadOnly is returned by writes on a store opened read-only.
var ErrReadOnly = errors.New("database opened read-only")

// noSeq marks an event whose member is not stored.
const noSeq = ^uint32(0)

// loadIndexes fills the member-id and order-key indexes on first use, and
// again after a bulk import dropped the order set (see importEvents). Caller
// holds s.mu.
func (s *Store) loadIndexes() error {
	if s.ids != nil && s.orderSet != nil {
		return nil
	}
	var ids *idIndex
	orders := map[uint64]struct{}{}
	var totals sums
	seed := maphash.MakeSeed()
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMemberIDs)
		ids = newIDIndex(b.Stats().KeyN)
		err := b.ForEach(func(k, v []byte) error {
			if len(v) != 4 {
				return errCorrupt
			}
			ids.putBytes(k, uint32(v[0])<<24|uint32(v[1])<<16|uint32(v[2])<<8|uint32(v[3]))
			return nil
		})
		if err != nil {
			return err
		}
		o := tx.Bucket(bOrders)
		orders = make(map[uint64]struct{}, o.Stats().KeyN)
		err = o.ForEach(func(k, _ []byte) error {
			orders[maphash.Bytes(seed, k)] = struct{}{}
			return nil
		})
		if err != nil {
			return err
		}
		// The totals of every amount, from the daily rollups (a few thousand
		// small records).
		totals = sums{}
		return tx.Bucket(bDaily).ForEach(func(k, v []byte) error {
			r, err := decodeRollup(v)
			if err != nil {
				return err
			}
			totals.purchaseFen = satAdd(totals.purchaseFen, r.GMVFen)
			totals.refundFen = satAdd(totals.refundFen, r.RefundFen)
			totals.redeemed = satAdd(totals.redeemed, r.Redeemed)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("load indexes: %w", err)
	}
	s.idsMu.Lock()
	s.ids = ids
	s.idsMu.Unlock()
	s.orderSeed, s.orderSet, s.totals = seed, orders, totals
	return nil
}

// satAdd adds non-negative a and b, stopping at math.MaxInt64 (a file
// written before sums were checked may hold wrapped rollups).
func satAdd(a, b int64) int64 {
	if b < 0 || a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
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
		seq, ok := s.ids.get(evs[i].MemberID)
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
	seq, ok := s.ids.get(id)
	s.idsMu.RUnlock()
	return seq, ok
}

func unknownMember(id string) string {
	return fmt.Sprintf("unknown member %q (import members first)", id)
}

// IngestMembers stores new members in one transaction. A member whose id is
// already stored (or appears earlier in the batch) is a Duplicate and is left
// unchanged: the first import of a member wins. IngestMembersWith can update
// instead.
func (s *Store) IngestMembers(ms []model.Member) ([]Result, error) {
	return s.IngestMembersWith(ms, MemberIngest{})
}

// IngestMembersWith stores new members in one transaction and, with
// opt.Update, brings the changed fields of stored ones up to date (profile
// and the consent of the summary, so audiences follow at once), one audit
// entry per updated member naming the fields. A masked phone (as an export
// writes it) equal to the stored phone's mask is not a change. An id longer
// than rows.MaxIDBytes or a registration time outside the storable years is
// Rejected.
func (s *Store) IngestMembersWith(ms []model.Member, opt MemberIngest) ([]Result, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	if opt.Fields == 0 {
		opt.Fields = AllMemberFields
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
	updated := 0
	lo, hi := model.Day(1<<31-1), model.Day(-1<<31)
	err := s.db.Update(func(tx *bolt.Tx) error {
		added, updated = added[:0], 0
		meta := tx.Bucket(bMeta)
		members, hist, idx := tx.Bucket(bMembers), tx.Bucket(bHistory), tx.Bucket(bMemberIDs)
		members.FillPercent, hist.FillPercent, idx.FillPercent = 0.9, 0.9, 0.9
		next := uint32(getU64(meta, kNextSeq))
		inBatch := make(map[string]uint32, len(ms))
		daily := map[model.Day]*Rollup{}
		var buf []byte
		var ar arena
		for i := range ms {
			m := &ms[i]
			res[i] = Result{}
			seq, ok := s.ids.get(m.ID)
			if !ok {
				seq, ok = inBatch[m.ID]
			}
			if ok {
				if !opt.Update {
					res[i] = Result{Outcome: Duplicate}
					continue
				}
				changed, err := s.updateMember(tx, seq, m, opt, &ar)
				if err != nil {
					return fmt.Errorf("member %s: %w", m.ID, err)
				}
				if changed {
					res[i] = Result{Outcome: Updated}
					updated++
				} else {
					res[i] = Result{Outcome: Duplicate}
				}
				continue
			}
			switch {
			case m.ID == "":
				res[i] = Result{Outcome: Rejected, Field: "member_id", Reason: "empty member_id"}
				continue
			case len(m.ID) > rows.MaxIDBytes:
				res[i] = Result{Outcome: Rejected, Field: "member_id", Reason: fmt.Sprintf("%d bytes: ids are at most %d", len(m.ID), rows.MaxIDBytes)}
				continue
			}
			if why := storable(m.RegisteredAt); why != "" {
				res[i] = Result{Outcome: Rejected, Field: "registered_at", Reason: why}
				continue
			}
			seq = next
			inBatch[m.ID] = seq
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
		s.ids.put(a.id, a.seq)
	}
	s.idsMu.Unlock()
	if len(added) > 0 || updated > 0 {
		c := Change{Kind: ChangeMembers, Count: len(added) + updated}
		if len(added) > 0 {
			c.From, c.To = lo, hi
		}
		s.feed.publish(c)
	}
	return res, nil
}

// updateMember brings the stored member seq up to date with m (the fields of
// opt.Fields), within tx, and audits the change; it reports whether anything
// changed.
func (s *Store) updateMember(tx *bolt.Tx, seq uint32, m *model.Member, opt MemberIngest, ar *arena) (bool, error) {
	members, hist := tx.Bucket(bMembers), tx.Bucket(bHistory)
	v := members.Get(seqKey(seq))
	if v == nil {
		return false, fmt.Errorf("seq %d: %w (no profile)", seq, errCorrupt)
	}
	old, err := decodeProfile(v, s.loc)
	if err != nil {
		return false, err
	}
	cur := old
	var what []string
	f := opt.Fields
	if f&FieldName != 0 && m.Name != old.Name {
		cur.Name = m.Name
		what = append(what, "name")
	}
	if f&FieldPhone != 0 && m.Phone != old.Phone && !(strings.Contains(m.Phone, "*") && m.Phone == model.MaskPhone(old.Phone)) {
		cur.Phone = m.Phone
		what = append(what, "phone")
	}
	if f&FieldChannel != 0 && m.Channel != old.Channel {
		cur.Channel = m.Channel
		what = append(what, "channel")
	}
	if f&FieldConsent != 0 && m.Consent != old.Consent {
		cur.Consent = m.Consent
		what = append(what, fmt.Sprintf("consent %t→%t", old.Consent, m.Consent))
	}
	if f&FieldTags != 0 && !slices.Equal(m.Tags, old.Tags) {
		cur.Tags = m.Tags
		what = append(what, "tags")
	}
	if f&FieldBirthday != 0 && m.Birthday != old.Birthday {
		cur.Birthday = m.Birthday
		what = append(what, "birthday")
	}
	if len(what) == 0 {
		return false, nil
	}
	if err := members.Put(seqKey(seq), ar.take(encodeProfile(nil, &cur))); err != nil {
		return false, err
	}
	if cur.Consent != old.Consent {
		hv := hist.Get(seqKey(seq))
		if hv == nil {
			return false, fmt.Errorf("seq %d: %w (no summary)", seq, errCorrupt)
		}
		var h model.MemberHistory
		var t historyTail
		rest, err := decodeHistoryRest(hv, &h)
		if err == nil {
			err = decodeTail(rest, &t)
		}
		if err != nil {
			return false, err
		}
		h.Consent = cur.Consent
		if err := hist.Put(seqKey(seq), ar.take(encodeHistory(nil, &h, &t))); err != nil {
			return false, err
		}
	}
	return true, audit(tx, opt.Actor, "member.update", m.ID, strings.Join(what, ", "))
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
	recs     []byte // this batch's new records, in time order unless unsorted
	recsLast int64  // time of the latest record in recs
	unsorted bool   // recs arrived out of time order: finish sorts them
	old      []byte // the member's stored records, loaded only when needed
	oldOK    bool
	// Hashes of the encoded records (old, recs) → offset, built on first need
	// so that a duplicate check is O(1) even for a member with 100k events.
	oldIdx   map[uint64]int32
	recIdx   map[uint64]int32
	recIdxOK bool
	examined int // records hashed or compared for duplicate checks (see Store.dupWork)
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
	res := make([]Result, len(evs))
	ins := make([]evIn, len(evs))
	var buf []byte
	ends := make([]int, len(evs))
	for i := range evs {
		ins[i].seq = seqs[i]
		if r, refused := refusal(&evs[i]); refused && seqs[i] != noSeq {
			res[i], ins[i].seq = r, noSeq
		} else if seqs[i] != noSeq {
			buf = appendEventRecord(buf, &evs[i])
		}
		ends[i] = len(buf)
	}
	for i := range evs {
		if ins[i].seq == noSeq {
			continue
		}
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		ins[i].set(buf[start:ends[i]:ends[i]], &evs[i])
	}
	c, err := s.ingestLocked(evs, ins, res, true)
	if err != nil {
		return nil, err
	}
	if c.Count > 0 {
		s.feed.publish(c)
	}
	return res, nil
}

// evIn is one event to store: its encoded record (appendEventRecord) and
// the fields a batch reads from it. A live batch encodes its events; the bulk
// import reads records spilled in that encoding, without building events.
type evIn struct {
	rec      []byte
	at       int64 // unix ns
	amount   int64
	campaign []byte // within rec
	seq      uint32 // noSeq: refused before the batch (its Result says why)
	kind     model.Kind
	order    bool // has an order id
}

// set fills in the fields of the record rec of e.
func (in *evIn) set(rec []byte, e *model.Event) {
	in.rec, in.at, in.amount, in.kind, in.order = rec, e.At.UnixNano(), e.Amount, e.Kind, e.OrderID != ""
	in.campaign = nil
	if e.CampaignID != "" {
		in.campaign = rec[len(rec)-len(e.CampaignID):]
	}
}

// setRaw fills in the fields of the stored record rec, decoded as r.
func (in *evIn) setRaw(rec []byte, r *rawEvent) {
	in.rec, in.at, in.amount, in.kind, in.order = rec, r.at, r.amount, r.kind, len(r.order) > 0
	in.campaign = nil
	if len(r.campaign) > 0 {
		in.campaign = r.campaign
	}
}

// refusal is why the store refuses e whatever else is stored (a kind, id,
// time or amount it cannot keep); ok is false when it does not.
func refusal(e *model.Event) (r Result, refused bool) {
	switch {
	case e.Kind >= model.NumKinds:
		return Result{Outcome: Rejected, Field: "kind", Reason: "unknown kind"}, true
	case len(e.OrderID) > rows.MaxIDBytes:
		return Result{Outcome: Rejected, Field: "order_id", Reason: fmt.Sprintf("%d bytes: ids are at most %d", len(e.OrderID), rows.MaxIDBytes)}, true
	case storable(e.At) != "":
		return Result{Outcome: Rejected, Field: "at", Reason: storable(e.At)}, true
	case e.Amount < 0:
		return Result{Outcome: Rejected, Field: "amount", Reason: "must not be negative"}, true
	}
	return Result{}, false
}

// ingestLocked stores one batch of events (ins; evs, the same events, may be
// nil without orders) in one transaction (s.mu held), setting each event's
// outcome in res (an event whose seq is noSeq keeps the outcome res holds,
// or is an unknown member), and returns the change to publish. With orders
// false the caller has already decided the (kind, order id) duplicates (the
// bulk import does, across the whole file) and puts the new order ids into
// the index itself: the batch neither checks nor indexes them.
func (s *Store) ingestLocked(evs []model.Event, ins []evIn, res []Result, orders bool) (Change, error) {
	if err := s.loadIndexes(); err != nil {
		return Change{}, err
	}
	memberID := func(i int) string {
		if evs != nil {
			return evs[i].MemberID
		}
		return fmt.Sprintf("#%d", ins[i].seq)
	}
	// Touched members, in seq order; slot maps a seq to its work (dense: seqs
	// are 0..members-1, so a slice beats a map by a wide margin).
	if n := int(s.memberCount()); len(s.slot) < n {
		s.slot = make([]int32, n+n/4+1024)
		for i := range s.slot {
			s.slot[i] = -1
		}
	}
	var touched []uint32
	for i := range ins {
		seq := ins[i].seq
		if seq == noSeq && res[i].Outcome != Stored {
			continue // decided by the caller
		}
		if seq == noSeq || int(seq) >= len(s.slot) {
			res[i] = Result{Outcome: Rejected, Field: "member_id", Reason: unknownMember(memberID(i))}
			ins[i].seq = noSeq
			continue
		}
		if s.slot[seq] < 0 {
			s.slot[seq] = 0
			touched = append(touched, seq)
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
	var orderOf []int32
	var totals sums
	err := s.db.Update(func(tx *bolt.Tx) error {
		stored = 0
		newOrders = newOrders[:0]
		totals = s.totals
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
			w.seq, w.recs, w.recsLast, w.old, w.oldOK, w.unsorted, w.recIdxOK = seq, w.recs[:0], 0, w.old[:0], false, false, false
			w.examined = 0
			if w.oldIdx != nil {
				clear(w.oldIdx)
			}
			if w.recIdx != nil {
				clear(w.recIdx)
			}
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
			if len(w.tail.chunks) == 0 {
				w.tail.lastAt = math.MinInt64 // no stored event: noteLast takes the batch's latest
			}
		}

		// Pass 1, in file order: order-id dedupe (the later copy of a (kind,
		// order id) is ignored, whichever members the copies name).
		batchOrders := map[uint64][][]byte{} // hash → keys new in this batch
		orderOf = orderOf[:0]                // the event of each of newOrders
		var okey []byte
		for i := range evs {
			e := &evs[i]
			if !orders || res[i].Outcome == Rejected || e.OrderID == "" {
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
			orderOf = append(orderOf, int32(i))
		}

		// Pass 2, member by member (each member's events in file order): every
		// member's summary and records are touched while hot in the cache.
		order := make([]int32, 0, len(ins))
		start := make([]int32, len(work)+1)
		for i := range ins {
			if res[i].Outcome == Stored && ins[i].seq != noSeq {
				start[s.slot[ins[i].seq]+1]++
			}
		}
		for j := 1; j < len(start); j++ {
			start[j] += start[j-1]
		}
		for j := range work { // room for a new day per event: one allocation, not a doubling per day
			work[j].hist.Days = slices.Grow(work[j].hist.Days, int(start[j+1]-start[j]))
		}
		order = order[:start[len(work)]]
		fill := slices.Clone(start[:len(work)])
		for i := range ins {
			if res[i].Outcome == Stored && ins[i].seq != noSeq {
				j := s.slot[ins[i].seq]
				order[fill[j]] = int32(i)
				fill[j]++
			}
		}
		daily := map[model.Day]*Rollup{}
		for _, i := range order {
			e := &ins[i]
			w := &work[s.slot[e.seq]]
			fits := totals.fits(e.kind, e.amount)
			dup, err := w.insert(e, evB, s.orderSeed, fits)
			if err != nil {
				return fmt.Errorf("member %s events: %w", memberID(int(i)), err)
			}
			if dup {
				res[i] = Result{Outcome: Duplicate}
				continue
			}
			if !fits {
				res[i] = Result{Outcome: Rejected, Field: "amount", Reason: "the stored total of " + e.kind.String() +
					" amounts would pass the largest exact sum (" + model.FormatFen(math.MaxInt64) + "): refused rather than wrapped"}
				continue
			}
			stored++
			totals.add(e.kind, e.amount)
			day := model.DayOf(time.Unix(0, e.at), s.loc)
			lo, hi = min(lo, day), max(hi, day)
			if len(e.campaign) > 0 {
				camps.add(&model.Event{Kind: e.kind, Amount: e.amount, CampaignID: string(e.campaign)}, e.seq, day)
			}
			a := w.hist.Activity(day)
			wasActive, wasBuyer := a.NonRegister() > 0, a.Count[model.KindPurchase] > 0
			a.Add(e.kind, e.amount)
			r := daily[day]
			if r == nil {
				r = &Rollup{}
				daily[day] = r
			}
			r.Events++
			if !wasActive && a.NonRegister() > 0 {
				r.DAU++
			}
			switch e.kind {
			case model.KindPurchase:
				r.Orders++
				r.GMVFen += e.amount
				r.PointsIssued += e.amount / 100
				if !wasBuyer {
					r.Buyers++
				}
			case model.KindRefund:
				r.Refunds++
				r.RefundFen += e.amount
			case model.KindRedeem:
				r.Redeemed += e.amount
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
			if err := w.finish(); err != nil {
				return err
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
		// Only stored events' order ids enter the index (one may have been
		// refused since pass 1).
		kept := newOrders[:0]
		for j, k := range newOrders {
			if res[orderOf[j]].Outcome == Stored {
				kept = append(kept, k)
			}
		}
		newOrders = kept
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
		return Change{}, fmt.Errorf("store events: %w", err)
	}
	for _, k := range newOrders {
		s.orderSet[maphash.Bytes(s.orderSeed, k)] = struct{}{}
	}
	s.totals = totals
	for i := range work {
		s.dupWork += int64(work[i].examined)
	}
	if stored == 0 {
		return Change{}, nil
	}
	return Change{Kind: ChangeEvents, Count: stored, From: lo, To: hi}, nil
}

// sums are the totals of every stored amount, by kind of amount. Every sum
// the store or the model keeps (a day's GMV, a member's spend, a window's
// refunds) is a part of one of them, so keeping these within int64 keeps
// every sum exact: an event that would push one past it is rejected.
type sums struct {
	purchaseFen, refundFen, redeemed int64
}

// fits reports whether an amount of kind k can be added without overflow.
func (t *sums) fits(k model.Kind, amount int64) bool {
	if amount < 0 {
		return false
	}
	switch k {
	case model.KindPurchase:
		return t.purchaseFen <= math.MaxInt64-amount
	case model.KindRefund:
		return t.refundFen <= math.MaxInt64-amount
	case model.KindRedeem:
		return t.redeemed <= math.MaxInt64-amount
	}
	return true
}

func (t *sums) add(k model.Kind, amount int64) {
	switch k {
	case model.KindPurchase:
		t.purchaseFen += amount
	case model.KindRefund:
		t.refundFen += amount
	case model.KindRedeem:
		t.redeemed += amount
	}
}

// memberCount is the number of member seqs handed out (read from the index).
func (s *Store) memberCount() int {
	s.idsMu.RLock()
	defer s.idsMu.RUnlock()
	return s.ids.len()
}

// insert adds e to the batch's records for the member, unless an identical
// event is stored or already in the batch; it reports whether e was a
// duplicate. Every check costs O(1): an event later than everything stored and
// everything in the batch (the usual case) needs none, and otherwise the
// member's stored records (loaded once per batch) and the batch's records are
// looked up by a hash of their encoded content, built on first need. Records
// that arrive out of time order are sorted once, in finish.
func (w *memberWork) insert(e *evIn, evB *bolt.Bucket, seed maphash.Seed, add bool) (bool, error) {
	at := e.at
	if len(w.recs) == 0 || at > w.recsLast {
		if len(w.tail.chunks) == 0 || at > w.tail.lastAt || e.order {
			// Later than anything of the member: nothing to compare with.
			if !add {
				return false, nil
			}
			off := len(w.recs)
			w.recs = append(w.recs, e.rec...)
			w.indexRec(seed, off)
			w.recsLast = at
			w.noteLast(at)
			return false, nil
		}
	}
	rec := e.rec
	h := maphash.Bytes(seed, rec)
	if !e.order && len(w.tail.chunks) > 0 && at <= w.tail.lastAt {
		if !w.oldOK {
			for _, c := range w.tail.chunks {
				w.old = append(w.old, evB.Get(chunkKey(c, w.seq))...)
			}
			w.oldOK = true
			if w.oldIdx == nil {
				w.oldIdx = make(map[uint64]int32, len(w.old)/16)
			}
			if err := w.buildIndex(w.oldIdx, w.old, seed); err != nil {
				return false, err
			}
		}
		dup, err := w.lookup(w.oldIdx, w.old, rec, h)
		if err != nil || dup {
			return dup, err
		}
	}
	if !e.order && len(w.recs) > 0 && at <= w.recsLast {
		if !w.recIdxOK {
			if w.recIdx == nil {
				w.recIdx = make(map[uint64]int32, len(w.recs)/16)
			}
			if err := w.buildIndex(w.recIdx, w.recs, seed); err != nil {
				return false, err
			}
			w.recIdxOK = true
		}
		dup, err := w.lookup(w.recIdx, w.recs, rec, h)
		if err != nil || dup {
			return dup, err
		}
	}
	if !add {
		return false, nil
	}
	off := len(w.recs)
	w.recs = append(w.recs, rec...)
	w.indexRec(seed, off)
	if len(w.recs) > len(rec) && at < w.recsLast {
		w.unsorted = true
	}
	w.recsLast = max(w.recsLast, at)
	if off == 0 {
		w.recsLast = at
	}
	w.noteLast(at)
	return false, nil
}

// noteLast keeps the tail's latest event time. A member without stored
// events starts the batch at math.MinInt64 (see ingestLocked): an earlier
// event after a later one must not lower it, or a re-import would miss the
// later one's duplicate (found by FuzzImport).
func (w *memberWork) noteLast(at int64) {
	if at > w.tail.lastAt {
		w.tail.lastAt = at
	}
}

// indexRec adds the record at off in recs to the batch index, once it exists.
func (w *memberWork) indexRec(seed maphash.Seed, off int) {
	if !w.recIdxOK {
		return
	}
	if r, err := nextEvent(w.recs[off:]); err == nil {
		h := maphash.Bytes(seed, w.recs[off:off+r.size])
		if _, ok := w.recIdx[h]; !ok {
			w.recIdx[h] = int32(off)
		}
	}
}

// buildIndex maps the hash of every record in recs to its offset (the first
// one, should two records share a hash).
func (w *memberWork) buildIndex(idx map[uint64]int32, recs []byte, seed maphash.Seed) error {
	for off := 0; off < len(recs); {
		w.examined++
		r, err := nextEvent(recs[off:])
		if err != nil {
			return err
		}
		h := maphash.Bytes(seed, recs[off:off+r.size])
		if _, ok := idx[h]; !ok {
			idx[h] = int32(off)
		}
		off += r.size
	}
	return nil
}

// lookup reports whether rec (hash h) is among recs, indexed by idx. A hash
// that matches a different record (a collision, about never) falls back to a
// scan.
func (w *memberWork) lookup(idx map[uint64]int32, recs, rec []byte, h uint64) (bool, error) {
	w.examined++
	off, ok := idx[h]
	if !ok {
		return false, nil
	}
	if int(off)+len(rec) <= len(recs) && bytes.Equal(recs[off:int(off)+len(rec)], rec) {
		if r, err := nextEvent(recs[off:]); err == nil && r.size == len(rec) {
			return true, nil
		}
	}
	for b := recs; len(b) > 0; {
		w.examined++
		r, err := nextEvent(b)
		if err != nil {
			return false, err
		}
		if bytes.Equal(b[:r.size], rec) {
			return true, nil
		}
		b = b[r.size:]
	}
	return false, nil
}

// finish puts the batch's records in time order (stable: equal times keep
// file order) when some arrived out of order.
func (w *memberWork) finish() error {
	if !w.unsorted {
		return nil
	}
	type span struct {
		at       int64
		off, end int
	}
	var spans []span
	for off := 0; off < len(w.recs); {
		r, err := nextEvent(w.recs[off:])
		if err != nil {
			return err
		}
		spans = append(spans, span{r.at, off, off + r.size})
		off += r.size
	}
	slices.SortStableFunc(spans, func(a, b span) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
	sorted := make([]byte, 0, len(w.recs))
	for _, sp := range spans {
		sorted = append(sorted, w.recs[sp.off:sp.end]...)
	}
	w.recs = sorted
	w.unsorted = false
	return nil
}
