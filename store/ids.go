package store

// idIndex maps member ids to seqs. An import looks up every event's member
// here (10 M lookups for a 10 M-row file), so the common case avoids
// pointers: an id of at most 15 bytes (numbers, phone numbers, "M00200417")
// is packed with its length into a 16-byte key that hashes and compares in
// place, in a map a third the size of a string-keyed one; a longer id goes to
// a string map.
type idIndex struct {
	short map[idKey]uint32
	long  map[string]uint32
}

// idKey is a short id's bytes, zero-padded, with its length in the last byte
// (so "1" and "1\x00" differ).
type idKey [16]byte

func packID(id string) (k idKey, ok bool) {
	if len(id) > len(k)-1 {
		return k, false
	}
	copy(k[:], id)
	k[len(k)-1] = byte(len(id))
	return k, true
}

func newIDIndex(n int) *idIndex {
	return &idIndex{short: make(map[idKey]uint32, n), long: map[string]uint32{}}
}

// get finds id's seq (not found in a nil index: one not loaded).
func (x *idIndex) get(id string) (uint32, bool) {
	if x == nil {
		return 0, false
	}
	if k, ok := packID(id); ok {
		seq, found := x.short[k]
		return seq, found
	}
	seq, found := x.long[id]
	return seq, found
}

func (x *idIndex) put(id string, seq uint32) {
	if k, ok := packID(id); ok {
		x.short[k] = seq
		return
	}
	x.long[id] = seq
}

// putBytes is put for an id read from the database, without a string for
// a short one.
func (x *idIndex) putBytes(id []byte, seq uint32) {
	if len(id) < len(idKey{}) {
		var k idKey
		copy(k[:], id)
		k[len(k)-1] = byte(len(id))
		x.short[k] = seq
		return
	}
	x.long[string(id)] = seq
}

func (x *idIndex) len() int {
	if x == nil {
		return 0
	}
	return len(x.short) + len(x.long)
}
