package store

import "encoding/binary"

// idIndex maps member ids to seqs. An import looks up every event's member
// here (10 M lookups for a 10 M-row file, in no order), so the common case
// is kept to about one cache miss: an id of 1 to 15 bytes (numbers, phone
// numbers, "M00200417") is packed with its length into a 16-byte key, held
// with its seq in one open-addressing table (linear probing, at most three
// quarters full: 20 bytes a slot, 40 MB at a million members); any other id
// goes to a string map. Go's map costs two to three
// misses per lookup at a million members (control word, key, the string).
type idIndex struct {
	slots []idSlot // len a power of two; a zero key is an empty slot
	n     int      // keys in slots
	long  map[string]uint32
}

// idKey is a short id's bytes, zero-padded, with its length in the last byte
// (so "1" and "1\x00" differ, and no key of an id is all zero).
type idKey [16]byte

type idSlot struct {
	key idKey
	seq uint32
}

func packID(id string) (k idKey, ok bool) {
	if len(id) == 0 || len(id) > len(k)-1 {
		return k, false
	}
	copy(k[:], id)
	k[len(k)-1] = byte(len(id))
	return k, true
}

func newIDIndex(n int) *idIndex {
	size := 16
	for 3*size < 4*n {
		size *= 2
	}
	return &idIndex{slots: make([]idSlot, size), long: map[string]uint32{}}
}

// hash mixes both halves of a key (splitmix64's finalizer).
func (k *idKey) hash() uint64 {
	h := binary.LittleEndian.Uint64(k[:8]) ^ (binary.LittleEndian.Uint64(k[8:]) * 0x9e3779b97f4a7c15)
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// find returns the slot of k, or the empty slot where it would go.
func (x *idIndex) find(k *idKey) *idSlot {
	mask := uint64(len(x.slots) - 1)
	for i := k.hash() & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.key == *k || s.key == (idKey{}) {
			return s
		}
	}
}

// get finds id's seq (not found in a nil index: one not loaded).
func (x *idIndex) get(id string) (uint32, bool) {
	if x == nil {
		return 0, false
	}
	if k, ok := packID(id); ok {
		s := x.find(&k)
		return s.seq, s.key == k
	}
	seq, found := x.long[id]
	return seq, found
}

func (x *idIndex) put(id string, seq uint32) {
	if k, ok := packID(id); ok {
		x.putKey(&k, seq)
		return
	}
	x.long[id] = seq
}

func (x *idIndex) putKey(k *idKey, seq uint32) {
	s := x.find(k)
	if s.key == *k {
		s.seq = seq
		return
	}
	s.key, s.seq = *k, seq
	x.n++
	if 4*x.n > 3*len(x.slots) {
		old := x.slots
		x.slots = make([]idSlot, 2*len(old))
		for i := range old {
			if old[i].key != (idKey{}) {
				*x.find(&old[i].key) = old[i]
			}
		}
	}
}

// putBytes is put for an id read from the database, without a string for
// a short one.
func (x *idIndex) putBytes(id []byte, seq uint32) {
	if len(id) > 0 && len(id) < len(idKey{}) {
		var k idKey
		copy(k[:], id)
		k[len(k)-1] = byte(len(id))
		x.putKey(&k, seq)
		return
	}
	x.long[string(id)] = seq
}

func (x *idIndex) len() int {
	if x == nil {
		return 0
	}
	return x.n + len(x.long)
}
