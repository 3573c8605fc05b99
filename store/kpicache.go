package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// The KPI cache
//
// A snapshot (model.Snapshot: stages, tiers, RFM and every KPI of a window)
// at a million members costs a scan of every member summary: about half a
// second of CPU warm and, on a cold page cache, a read of the whole file
// first. `cockpit kpi` and the Overview's first full frame need only the
// snapshots of one or two windows, so the process that owns the file keeps
// the snapshots it has computed in a bucket of their own (kpi_cache), and
// readers take them from there when they are still true.
//
// Validity is bbolt's transaction id, which every committed write
// transaction increases (any write: events, members, targets, the audit
// log). An entry is stored in a write transaction only when no other write
// committed since the read transaction the snapshot was computed in, and it
// is stamped with the id of the transaction that stores it; a reader takes
// it only while that is still the file's latest transaction. So every write
// after the store invalidates every entry, without the write side knowing of
// the cache, and a hit returns exactly the snapshot a scan would compute:
// the stored bytes are the snapshot's fields, all integers, written and read
// back whole (TestKPICacheRoundTrip, TestKPICacheSameAsScan). The one
// exception is a write that changes records only (a target, a campaign, a
// retro, a segment, an audit entry): it goes through recordUpdate, which
// re-stamps the entries true before it, because no member figure moved
// (TestKPICacheSurvivesRecordWrites).
//
// Each entry also carries a hash of the meta bucket (the counters every
// import moves: members, events, event chunks, first and last day): a file
// whose transaction ids were renumbered (copied by a tool that compacts it,
// say) could reach a stale entry's stamp again, but not with the same
// counters unless no data changed.
//
// Entries are keyed by the stage rules and the window. Storing a new entry
// deletes the stale ones and re-stamps the valid ones, which stay true
// since the store's own transaction changes no data. A read-only open finds
// no bucket or stale entries and computes, as before the cache existed.

// bKPICache is the bucket of cached snapshots (created on first use).
var bKPICache = []byte("kpi_cache")

// kpiCacheMax bounds the entries kept: windows the owner looked at lately.
const kpiCacheMax = 32

// kpiCacheKey is the key of the snapshot of w under rules r.
func kpiCacheKey(r model.Rules, w model.Window) []byte {
	b := make([]byte, 0, 40)
	b = binary.BigEndian.AppendUint64(b, uint64(int64(r.ChurnDays)))
	b = binary.BigEndian.AppendUint64(b, uint64(int64(r.SilentDays)))
	b = binary.BigEndian.AppendUint64(b, uint64(r.MaturityPurchases))
	b = binary.BigEndian.AppendUint64(b, uint64(r.MaturitySpendFen))
	b = binary.BigEndian.AppendUint32(b, uint32(int32(w.From)))
	return binary.BigEndian.AppendUint32(b, uint32(int32(w.To)))
}

// snapshotSize is the encoded size of a snapshot. binary.Size fails (-1)
// if model.Snapshot ever gains a field of no fixed size; the cache is then
// never used rather than lossy.
var snapshotSize = binary.Size(model.Snapshot{})

// kpiEntryHead is the stamp and the meta hash before the snapshot.
const kpiEntryHead = 16

// encodeKPIEntry is the entry value: the stamp and the meta hash (8 bytes
// each), then the whole snapshot in binary.Write's fixed layout.
func encodeKPIEntry(stamp, meta uint64, s *model.Snapshot) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(kpiEntryHead + snapshotSize)
	var st [kpiEntryHead]byte
	binary.BigEndian.PutUint64(st[:8], stamp)
	binary.BigEndian.PutUint64(st[8:], meta)
	buf.Write(st[:])
	if err := binary.Write(&buf, binary.LittleEndian, s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeKPIEntry reads an entry value; ok is false for a value of another
// layout (written by another version), which counts as a miss.
func decodeKPIEntry(v []byte) (stamp, meta uint64, s model.Snapshot, ok bool) {
	if snapshotSize < 0 || len(v) != kpiEntryHead+snapshotSize {
		return 0, 0, s, false
	}
	stamp, meta = binary.BigEndian.Uint64(v), binary.BigEndian.Uint64(v[8:])
	if err := binary.Read(bytes.NewReader(v[kpiEntryHead:]), binary.LittleEndian, &s); err != nil {
		return 0, 0, model.Snapshot{}, false
	}
	return stamp, meta, s, true
}

// metaHash is the FNV-64a hash of every key and value of the meta bucket.
func metaHash(tx *bolt.Tx) uint64 {
	h := fnv.New64a()
	tx.Bucket(bMeta).ForEach(func(k, v []byte) error {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(k)))
		h.Write(n[:])
		h.Write(k)
		binary.BigEndian.PutUint64(n[:], uint64(len(v)))
		h.Write(n[:])
		h.Write(v)
		return nil
	})
	return h.Sum64()
}

// CachedSnapshot returns the snapshot of w under r from the KPI cache when
// one is stored and no write has committed since (ok false otherwise: the
// caller computes). It reads a few pages, so it answers at once even on a
// cold page cache.
func (s *Store) CachedSnapshot(r model.Rules, w model.Window) (snap model.Snapshot, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		snap, ok = cachedSnapshot(tx, r, w)
		return nil
	})
	return snap, ok, err
}

// cachedSnapshot is CachedSnapshot inside tx.
func cachedSnapshot(tx *bolt.Tx, r model.Rules, w model.Window) (model.Snapshot, bool) {
	b := tx.Bucket(bKPICache)
	if b == nil {
		return model.Snapshot{}, false
	}
	stamp, meta, snap, ok := decodeKPIEntry(b.Get(kpiCacheKey(r, w)))
	if !ok || stamp != uint64(tx.ID()) || meta != metaHash(tx) || snap.Window != w {
		return model.Snapshot{}, false
	}
	return snap, true
}

// RememberSnapshots stores snapshots computed under r in the read
// transaction txid (Analysis.TxID) in the KPI cache, for CachedSnapshot.
// It stores nothing and returns nil when the store is read-only or a write
// committed after txid (the snapshots may no longer be true). The write
// publishes no change: no data changed.
func (s *Store) RememberSnapshots(r model.Rules, txid int, snaps ...model.Snapshot) error {
	if s.readOnly || snapshotSize < 0 || len(snaps) == 0 {
		return nil
	}
	// A write transaction commits (and moves the id) even when it changes
	// nothing: look first, so a stale result costs no write.
	current := false
	if err := s.db.View(func(tx *bolt.Tx) error { current = tx.ID() == txid; return nil }); err != nil || !current {
		return err
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		if tx.ID()-1 != txid {
			return nil // a write came in between
		}
		b, err := tx.CreateBucketIfNotExists(bKPICache)
		if err != nil {
			return err
		}
		stamp, meta := uint64(tx.ID()), metaHash(tx)
		// Re-stamp the entries that were valid before this transaction,
		// drop the others (and all of them beyond the bound).
		type kv struct{ k, v []byte }
		var keep []kv
		var drop [][]byte
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			old, oldMeta, snap, ok := decodeKPIEntry(v)
			if !ok || old != uint64(txid) || oldMeta != meta || len(keep) >= kpiCacheMax-len(snaps) {
				drop = append(drop, bytes.Clone(k))
				continue
			}
			nv, err := encodeKPIEntry(stamp, meta, &snap)
			if err != nil {
				return err
			}
			keep = append(keep, kv{bytes.Clone(k), nv})
		}
		for _, k := range drop {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		for _, e := range keep {
			if err := b.Put(e.k, e.v); err != nil {
				return err
			}
		}
		for i := range snaps {
			v, err := encodeKPIEntry(stamp, meta, &snaps[i])
			if err != nil {
				return err
			}
			if err := b.Put(kpiCacheKey(r, snaps[i].Window), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("kpi cache: %w", err)
	}
	return nil
}

// RememberSnapshotsLater is RememberSnapshots on a goroutine, for a load
// that must not wait for bbolt's write lock (an import may hold it for
// seconds). At most one runs per store: a call while one is waiting or
// running is dropped, which only means those snapshots are computed again
// when next asked for.
func (s *Store) RememberSnapshotsLater(r model.Rules, txid int, snaps ...model.Snapshot) {
	if s.readOnly || !s.remembering.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer s.remembering.Store(false)
		_ = s.RememberSnapshots(r, txid, snaps...)
	}()
}

// recordUpdate runs fn in a write transaction that changes records only
// (targets, plans, campaigns, retros, segments, the audit log), never
// members, events or their summaries, and carries the KPI cache over it: the
// entries true before the transaction are re-stamped with its id, so saving
// a target or writing a retro does not cost the next `kpi` or first frame a
// scan of every member. A write that changes data must use s.db.Update
// directly, which invalidates the cache; a record write that forgot this
// helper only costs a recomputation.
func (s *Store) recordUpdate(fn func(tx *bolt.Tx) error) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return carryKPICache(tx)
	})
}

// carryKPICache re-stamps, inside a write transaction that changes no data,
// the KPI cache entries that were true before it.
func carryKPICache(tx *bolt.Tx) error {
	b := tx.Bucket(bKPICache)
	if b == nil {
		return nil
	}
	before, meta := uint64(tx.ID()-1), metaHash(tx)
	type kv struct{ k, v []byte }
	var carry []kv
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		stamp, m, snap, ok := decodeKPIEntry(v)
		if !ok || stamp != before || m != meta {
			continue // stale already: RememberSnapshots drops it
		}
		nv, err := encodeKPIEntry(uint64(tx.ID()), meta, &snap)
		if err != nil {
			return err
		}
		carry = append(carry, kv{bytes.Clone(k), nv})
	}
	for _, e := range carry {
		if err := b.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}
