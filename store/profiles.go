package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// Profiles is a compact in-memory index of every member's profile, for the
// searches and filters of a member table: id, name, phone, channel, tags,
// registration time and consent. It is immutable once loaded and safe for
// concurrent use; load a new one when members are added.
//
// Strings live in a few large arenas addressed by offsets, channels and tags
// are interned to small integers, and each member costs one 32-byte record
// plus its text: about 60 MB for a million members, against several hundred
// for a million model.Member values.
type Profiles struct {
	loc      *time.Location
	recs     []profileRec // indexed by seq
	text     []byte       // per member: id, 0, name, 0 (searched as one block)
	phones   []byte       // per member: phone (length from the next record's offset)
	tagIDs   []uint32     // per member: its tag ids
	bdays    []uint16     // per seq: birthday month<<5 | day, 0 when unknown
	channels []string     // channel id k is channels[k-1]
	tags     []string     // tag id k is tags[k-1]
	count    int
	maxID    int // longest id in bytes
}

// profileRec is one member: 32 bytes.
type profileRec struct {
	reg     int64  // registered_at, unix seconds
	text    uint32 // offset of the id in text; the name follows after a 0 byte
	phone   uint32 // offset in phones
	tags    uint32 // offset in tagIDs
	channel uint32 // 0: none
	idLen   uint16
	nameLen uint16
	last4   uint16 // the phone's last four digits as a number, or noLast4
	tagN    uint8
	flags   uint8
}

const (
	noLast4     = 0xFFFF
	flagPresent = 1 << 0
	flagConsent = 1 << 1
	maxTextLen  = 0xFFFF
	maxTags     = 0xFF
)

// LoadProfiles reads every member's profile into a Profiles index, in one
// read transaction.
func (s *Store) LoadProfiles() (*Profiles, error) {
	p := &Profiles{loc: s.loc}
	err := s.db.View(func(tx *bolt.Tx) error {
		n := int(getU64(tx.Bucket(bMeta), kNextSeq))
		p.recs = make([]profileRec, 0, n)
		p.text = make([]byte, 0, n*24)
		p.phones = make([]byte, 0, n*11)
		p.tagIDs = make([]uint32, 0, n)
		p.bdays = make([]uint16, 0, n)
		chans := map[string]uint32{}
		tags := map[string]uint32{}
		intern := func(m map[string]uint32, list *[]string, b []byte) uint32 {
			if id, ok := m[string(b)]; ok {
				return id
			}
			s := string(b)
			*list = append(*list, s)
			id := uint32(len(*list))
			m[s] = id
			return id
		}
		c := tx.Bucket(bMembers).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			seq := binary.BigEndian.Uint32(k)
			if int64(seq) >= int64(len(p.recs))+1<<24 {
				return fmt.Errorf("member seq %d: %w", seq, errCorrupt) // absurd gap
			}
			for uint32(len(p.recs)) < seq { // a gap: absent members
				p.recs = append(p.recs, profileRec{text: uint32(len(p.text)), phone: uint32(len(p.phones)),
					tags: uint32(len(p.tagIDs)), last4: noLast4})
				p.bdays = append(p.bdays, 0)
			}
			d := dec{b: v}
			id, name, phone, channel := d.bytes(), d.bytes(), d.bytes(), d.bytes()
			bday := d.bytes()
			tagList := d.bytes()
			regNs := d.varint()
			consent := d.byte1()
			if d.err != nil {
				return fmt.Errorf("member seq %d: %w", seq, d.err)
			}
			id, name = clip(id, maxTextLen), clip(name, maxTextLen)
			if len(p.text)+len(id)+len(name)+2 > 1<<32-1 || len(p.phones)+len(phone) > 1<<32-1 {
				return fmt.Errorf("profiles: more than 4 GB of text")
			}
			r := profileRec{
				reg: floorDiv(regNs, 1e9), text: uint32(len(p.text)), phone: uint32(len(p.phones)),
				tags: uint32(len(p.tagIDs)), idLen: uint16(len(id)), nameLen: uint16(len(name)),
				last4: lastFour(phone), flags: flagPresent,
			}
			if consent == 1 {
				r.flags |= flagConsent
			}
			p.text = append(p.text, id...)
			p.text = append(p.text, 0)
			p.text = append(p.text, name...)
			p.text = append(p.text, 0)
			p.phones = append(p.phones, phone...)
			if len(channel) > 0 {
				r.channel = intern(chans, &p.channels, channel)
			}
			for len(tagList) > 0 && r.tagN < maxTags {
				t := tagList
				if i := bytes.IndexByte(tagList, '|'); i >= 0 {
					t, tagList = tagList[:i], tagList[i+1:]
				} else {
					tagList = nil
				}
				if len(t) == 0 {
					continue
				}
				p.tagIDs = append(p.tagIDs, intern(tags, &p.tags, t))
				r.tagN++
			}
			p.recs = append(p.recs, r)
			var bd uint16
			if b, ok := model.BirthdayOf(string(bday)); ok {
				bd = uint16(b.Month)<<5 | uint16(b.Day)
			}
			p.bdays = append(p.bdays, bd)
			p.count++
			p.maxID = max(p.maxID, len(id))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load profiles: %w", err)
	}
	return p, nil
}

func clip(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	b = b[:n]
	for len(b) > 0 && b[len(b)-1]&0xC0 == 0x80 { // do not cut a UTF-8 sequence
		b = b[:len(b)-1]
	}
	if len(b) > 0 && b[len(b)-1] >= 0xC0 {
		b = b[:len(b)-1]
	}
	return b
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// lastFour returns the last four digits of a phone (separators such as
// spaces or dashes skipped) as a number, or noLast4 when it has fewer.
func lastFour(phone []byte) uint16 {
	var v, mul uint16 = 0, 1
	n := 0
	for i := len(phone) - 1; i >= 0 && n < 4; i-- {
		c := phone[i]
		if c < '0' || c > '9' {
			continue
		}
		v += uint16(c-'0') * mul
		mul *= 10
		n++
	}
	if n < 4 {
		return noLast4
	}
	return v
}

// Len is one more than the highest member seq covered: seqs 0 … Len()−1 may
// be asked about.
func (p *Profiles) Len() int { return len(p.recs) }

// Count is the number of members in the index.
func (p *Profiles) Count() int { return p.count }

// MaxIDLen is the length in bytes of the longest member id (for sizing an
// id column: ids are usually ASCII).
func (p *Profiles) MaxIDLen() int { return p.maxID }

// Has reports whether the member with sequence seq is in the index.
func (p *Profiles) Has(seq uint32) bool {
	return int(seq) < len(p.recs) && p.recs[seq].flags&flagPresent != 0
}

func (p *Profiles) rec(seq uint32) *profileRec {
	if int(seq) >= len(p.recs) {
		return &profileRec{last4: noLast4}
	}
	return &p.recs[seq]
}

// arenaString views b (a part of an immutable arena) as a string without
// copying.
func arenaString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// ID is the member's id ("" when seq is not in the index).
func (p *Profiles) ID(seq uint32) string {
	r := p.rec(seq)
	return arenaString(p.text[r.text : r.text+uint32(r.idLen)])
}

// Name is the member's name.
func (p *Profiles) Name(seq uint32) string {
	r := p.rec(seq)
	o := r.text + uint32(r.idLen) + 1
	if r.flags&flagPresent == 0 {
		return ""
	}
	return arenaString(p.text[o : o+uint32(r.nameLen)])
}

// Phone is the member's phone as stored (unmasked: mask it for display).
func (p *Profiles) Phone(seq uint32) string {
	if !p.Has(seq) {
		return ""
	}
	end := uint32(len(p.phones))
	if int(seq)+1 < len(p.recs) {
		end = p.recs[seq+1].phone
	}
	return arenaString(p.phones[p.recs[seq].phone:end])
}

// Channels lists the distinct acquisition channels in order of first
// appearance; channel id k (k ≥ 1) is Channels()[k−1]. The slice is shared:
// do not modify it.
func (p *Profiles) Channels() []string { return p.channels }

// Tags lists the distinct tags in order of first appearance; tag id k (k ≥ 1)
// is Tags()[k−1]. The slice is shared: do not modify it.
func (p *Profiles) Tags() []string { return p.tags }

// ChannelID is the member's channel id (0: none).
func (p *Profiles) ChannelID(seq uint32) int { return int(p.rec(seq).channel) }

// Channel is the member's channel name ("" when none).
func (p *Profiles) Channel(seq uint32) string {
	if id := p.rec(seq).channel; id > 0 {
		return p.channels[id-1]
	}
	return ""
}

// TagIDs are the member's tag ids, in the profile's order. The slice is
// shared: do not modify it.
func (p *Profiles) TagIDs(seq uint32) []uint32 {
	r := p.rec(seq)
	return p.tagIDs[r.tags : r.tags+uint32(r.tagN) : r.tags+uint32(r.tagN)]
}

// MemberTags are the member's tag names.
func (p *Profiles) MemberTags(seq uint32) []string {
	ids := p.TagIDs(seq)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = p.tags[id-1]
	}
	return out
}

// RegisteredAt is the member's registration time (to the second) in the
// store's zone.
func (p *Profiles) RegisteredAt(seq uint32) time.Time {
	if !p.Has(seq) {
		return time.Time{}
	}
	return time.Unix(p.recs[seq].reg, 0).In(p.loc)
}

// Birthday is the member's birthday (zero when unknown).
func (p *Profiles) Birthday(seq uint32) model.Birthday {
	if int(seq) >= len(p.bdays) || p.bdays[seq] == 0 {
		return model.Birthday{}
	}
	v := p.bdays[seq]
	return model.Birthday{Month: time.Month(v >> 5), Day: int(v & 31)}
}

// BirthdayEntry is a member whose birthday comes within a look-ahead.
type BirthdayEntry struct {
	Seq  uint32
	In   int // days from the as-of day (0: that day)
	Date model.Day
}

// Birthdays lists the members whose birthday falls on d … d+days−1
// (days ≥ 1; the as-of day included), soonest first, then by seq.
func (p *Profiles) Birthdays(d model.Day, days int) []BirthdayEntry {
	var out []BirthdayEntry
	// Days to go for every month and day, worked out once (12×32).
	var until [13 << 5]int16
	for v := range until {
		until[v] = -1
		if b := (model.Birthday{Month: time.Month(v >> 5), Day: v & 31}); b.Month >= 1 && b.Day >= 1 {
			until[v] = int16(b.DaysUntil(d))
		}
	}
	// Members of the look-ahead by days to go (a counting sort: walking the
	// seqs in order keeps each day's members in seq order), with one pass
	// to count and one to place instead of a comparison sort.
	if days <= 0 {
		return nil
	}
	for v := range until {
		if int(until[v]) >= days {
			until[v] = -1
		}
	}
	start := make([]int, min(days, 366)+1)
	n := 0
	for i, v := range p.bdays {
		if v == 0 || until[v] < 0 || p.recs[i].flags&flagPresent == 0 {
			continue
		}
		start[until[v]+1]++
		n++
	}
	if n == 0 {
		return nil
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	out = make([]BirthdayEntry, n)
	for i, v := range p.bdays {
		if v == 0 || until[v] < 0 || p.recs[i].flags&flagPresent == 0 {
			continue
		}
		in := int(until[v])
		out[start[in]] = BirthdayEntry{Seq: uint32(i), In: in, Date: d + model.Day(in)}
		start[in]++
	}
	return out
}

// Consent reports whether the member may be contacted.
func (p *Profiles) Consent(seq uint32) bool { return p.rec(seq).flags&flagConsent != 0 }

// Bytes is the memory the index holds, approximately.
func (p *Profiles) Bytes() int {
	n := cap(p.recs)*int(unsafe.Sizeof(profileRec{})) + cap(p.text) + cap(p.phones) + cap(p.tagIDs)*4 + cap(p.bdays)*2
	for _, s := range p.channels {
		n += len(s) + 16
	}
	for _, s := range p.tags {
		n += len(s) + 16
	}
	return n
}

// ProfileFilter selects members by profile; the zero value selects everyone.
type ProfileFilter struct {
	// Text, when not empty, must occur in the member's id or name, ignoring
	// ASCII case; four digits also match the last four digits of the phone,
	// and seven or more digits (spaces and dashes ignored) the whole phone,
	// or its end when eleven or more are given ("+86 …" numbers); a masked
	// phone as the screens show it ("187****6701", any '*' standing for one
	// digit) matches the phones it masks.
	Text    string
	Channel int // a channel id (≥ 1), or 0 for any
	Tag     int // a tag id (≥ 1), or 0 for any
}

// IsZero reports whether the filter selects everyone.
func (f ProfileFilter) IsZero() bool { return f == ProfileFilter{} }

// ProfileMatcher answers whether a member passes a ProfileFilter. Build one
// with Profiles.Matcher for each filter: a text search is done once for all
// members when it is built, so Match is a few loads.
type ProfileMatcher struct {
	p       *Profiles
	f       ProfileFilter
	text    []uint64 // bitset over seqs; nil when there is no text
	channel uint32
	tag     uint32
}

// Matcher prepares f for Match. A text search over a million members takes a
// few tens of milliseconds; call it in a tea.Cmd, not in a View.
func (p *Profiles) Matcher(f ProfileFilter) *ProfileMatcher {
	m := &ProfileMatcher{p: p, f: f, channel: uint32(max(f.Channel, 0)), tag: uint32(max(f.Tag, 0))}
	q := []byte(trimSpace(f.Text))
	if len(q) == 0 {
		return m
	}
	m.text = make([]uint64, (len(p.recs)+63)/64)
	set := func(i int) { m.text[i>>6] |= 1 << (i & 63) }
	if d := digits4(q); d != noLast4 {
		for i := range p.recs {
			if p.recs[i].last4 == d {
				set(i)
			}
		}
	}
	if pq, ok := phoneQuery(q); ok {
		for i := range p.recs {
			if p.recs[i].flags&flagPresent != 0 && phoneMatch(p.Phone(uint32(i)), pq) {
				set(i)
			}
		}
	}
	if bytes.IndexByte(q, 0) >= 0 {
		return m
	}
	if !hasASCIILetter(q) {
		// Case does not matter: search the whole arena at once and map each
		// hit to its member, walking the records forward.
		i, pos := 0, 0
		for {
			j := bytes.Index(p.text[pos:], q)
			if j < 0 {
				break
			}
			hit := uint32(pos + j)
			for i+1 < len(p.recs) && p.recs[i+1].text <= hit {
				i++
			}
			set(i)
			if i+1 >= len(p.recs) {
				break
			}
			pos = int(p.recs[i+1].text)
		}
		return m
	}
	lower := bytes.ToLower(q)
	for i := range p.recs {
		r := &p.recs[i]
		if r.flags&flagPresent == 0 {
			continue
		}
		end := r.text + uint32(r.idLen) + 1 + uint32(r.nameLen)
		if containsFold(p.text[r.text:end], lower) {
			set(i)
		}
	}
	return m
}

// Filter is the filter the matcher was built for.
func (m *ProfileMatcher) Filter() ProfileFilter { return m.f }

// Match reports whether the member with sequence seq passes the filter.
func (m *ProfileMatcher) Match(seq uint32) bool {
	if int(seq) >= len(m.p.recs) {
		return m.f.IsZero()
	}
	r := &m.p.recs[seq]
	if m.channel != 0 && r.channel != m.channel {
		return false
	}
	if m.tag != 0 {
		found := false
		for _, t := range m.p.tagIDs[r.tags : r.tags+uint32(r.tagN)] {
			if t == m.tag {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return m.text == nil || m.text[seq>>6]&(1<<(seq&63)) != 0
}

// Search returns the seqs of the members passing f, ascending.
func (p *Profiles) Search(f ProfileFilter) []uint32 {
	m := p.Matcher(f)
	var out []uint32
	for i := range p.recs {
		if p.recs[i].flags&flagPresent != 0 && m.Match(uint32(i)) {
			out = append(out, uint32(i))
		}
	}
	return out
}

// phoneQuery reads a search as a phone: digits and '*' (a masked digit),
// with spaces, dashes and a leading '+' dropped, at least seven of them and
// at least four real digits. Anything else is not a phone search.
func phoneQuery(q []byte) ([]byte, bool) {
	out := make([]byte, 0, len(q))
	digits := 0
	for _, c := range q {
		switch {
		case c >= '0' && c <= '9':
			digits++
			out = append(out, c)
		case c == '*':
			out = append(out, c)
		case c == ' ' || c == '-' || c == '+':
		default:
			return nil, false
		}
	}
	return out, len(out) >= 7 && digits >= 4
}

// phoneMatch reports whether the phone's digits equal pq ('*' matching any
// digit), or end with it when pq has eleven or more characters.
func phoneMatch(phone string, pq []byte) bool {
	var buf [32]byte
	d := buf[:0]
	for i := 0; i < len(phone); i++ {
		if c := phone[i]; c >= '0' && c <= '9' {
			d = append(d, c)
		}
	}
	if len(d) < len(pq) || (len(d) != len(pq) && len(pq) < 11) {
		return false
	}
	d = d[len(d)-len(pq):]
	for i, c := range pq {
		if c != '*' && c != d[i] {
			return false
		}
	}
	return true
}

func trimSpace(s string) string {
	return string(bytes.TrimSpace([]byte(s)))
}

// digits4 reads exactly four ASCII digits as a number, else noLast4.
func digits4(q []byte) uint16 {
	if len(q) != 4 {
		return noLast4
	}
	var v uint16
	for _, c := range q {
		if c < '0' || c > '9' {
			return noLast4
		}
		v = v*10 + uint16(c-'0')
	}
	return v
}

func hasASCIILetter(q []byte) bool {
	for _, c := range q {
		if c|0x20 >= 'a' && c|0x20 <= 'z' {
			return true
		}
	}
	return false
}

// containsFold reports whether lower (already lower-cased) occurs in s,
// ignoring ASCII case. Multi-byte UTF-8 is compared exactly.
func containsFold(s, lower []byte) bool {
	n := len(lower)
	first := lower[0]
	for i := 0; i+n <= len(s); i++ {
		if toLower(s[i]) != first {
			continue
		}
		j := 1
		for j < n && toLower(s[i+j]) == lower[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

func toLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}
