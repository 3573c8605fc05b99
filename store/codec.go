package store

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"strings"
	"time"

	"github.com/memberops/cockpit/model"
)

// errCorrupt is returned when a stored value does not decode; it means the file
// was damaged, since every value is written by this package.
var errCorrupt = errors.New("corrupt record")

// dec is a tiny cursor over an encoded value; the first failure sticks.
type dec struct {
	b   []byte
	err error
}

func (d *dec) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if uint64(len(d.b)) < n {
		d.err = errCorrupt
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *dec) str() string { return string(d.bytes()) }

func (d *dec) byte1() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.err = errCorrupt
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Profile encoding: id, name, phone, channel, birthday, tags (|-joined),
// registered_at (unix ns), consent.
func encodeProfile(b []byte, m *model.Member) []byte {
	b = appendStr(b, m.ID)
	b = appendStr(b, m.Name)
	b = appendStr(b, m.Phone)
	b = appendStr(b, m.Channel)
	b = appendStr(b, m.Birthday)
	b = appendStr(b, strings.Join(m.Tags, "|"))
	b = binary.AppendVarint(b, m.RegisteredAt.UnixNano())
	if m.Consent {
		return append(b, 1)
	}
	return append(b, 0)
}

func decodeProfile(v []byte, loc *time.Location) (model.Member, error) {
	d := dec{b: v}
	var m model.Member
	m.ID = d.str()
	m.Name = d.str()
	m.Phone = d.str()
	m.Channel = d.str()
	m.Birthday = d.str()
	if tags := d.str(); tags != "" {
		m.Tags = strings.Split(tags, "|")
	}
	m.RegisteredAt = time.Unix(0, d.varint()).In(loc)
	m.Consent = d.byte1() == 1
	return m, d.err
}

// History encoding: reg (varint), consent (1 byte), n (uvarint), then per day:
// day delta from the previous entry (varint; the first from reg), a 16-bit
// presence mask, and the present fields as uvarints. Most days carry two or
// three non-zero fields, so a day costs 5–8 bytes. After the days comes the
// tail that only ingest and the timeline read: the time of the member's latest
// event (unix ns, varint) and the event chunks holding the member's events
// (count, then deltas). The KPI scan stops before the tail.
const (
	fPurchaseFen = int(model.NumKinds) + iota
	fRefundFen
	fPurchasePts
	fRefundPts
	fRedeemed
	numFields
)

// historyTail is what ingest needs beyond the summary: where the member's
// events are, and the latest one's time (events after it need no dedupe read).
type historyTail struct {
	lastAt int64    // unix ns of the latest stored event; valid when len(chunks) > 0
	chunks []uint32 // ascending event chunks that hold records of this member
}

func encodeHistory(b []byte, h *model.MemberHistory, t *historyTail) []byte {
	b = binary.AppendVarint(b, int64(h.Reg))
	if h.Consent {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(h.Days)))
	prev := h.Reg
	for i := range h.Days {
		a := &h.Days[i]
		b = binary.AppendVarint(b, int64(a.Day-prev))
		prev = a.Day
		var vals [numFields]uint64
		for k := 0; k < int(model.NumKinds); k++ {
			vals[k] = uint64(a.Count[k])
		}
		vals[fPurchaseFen] = uint64(a.PurchaseFen)
		vals[fRefundFen] = uint64(a.RefundFen)
		vals[fPurchasePts] = uint64(a.PurchasePoints)
		vals[fRefundPts] = uint64(a.RefundPoints)
		vals[fRedeemed] = uint64(a.Redeemed)
		var mask uint16
		for k, v := range vals {
			if v != 0 {
				mask |= 1 << k
			}
		}
		b = append(b, byte(mask), byte(mask>>8))
		for _, v := range vals {
			if v != 0 {
				b = binary.AppendUvarint(b, v)
			}
		}
	}
	if t == nil || len(t.chunks) == 0 {
		return b
	}
	b = binary.AppendVarint(b, t.lastAt)
	b = binary.AppendUvarint(b, uint64(len(t.chunks)))
	prevC := uint32(0)
	for _, c := range t.chunks {
		b = binary.AppendUvarint(b, uint64(c-prevC))
		prevC = c
	}
	return b
}

// decodeHistory decodes the summary into h, reusing h.Days' storage: the scan
// of a million summaries allocates nothing per member.
func decodeHistory(v []byte, h *model.MemberHistory) error {
	_, err := decodeHistoryRest(v, h)
	return err
}

// decodeHistoryRest decodes the summary and returns the undecoded tail.
//
// It is the inner loop of every scan (a million summaries for a snapshot),
// so it reads the bytes directly: one-byte varints (most day deltas and
// counts) without a call, the present fields found by the mask's set bits,
// the money and points fields gathered in locals and stored once per day.
// It accepts and refuses exactly the inputs the plain dec cursor would
// (TestDecodeHistoryMatchesReference).
func decodeHistoryRest(v []byte, h *model.MemberHistory) ([]byte, error) {
	b := v
	reg, n := binary.Varint(b)
	if n <= 0 {
		return nil, errCorrupt
	}
	b = b[n:]
	if len(b) == 0 {
		return nil, errCorrupt
	}
	h.Reg = model.Day(reg)
	h.Consent = b[0] == 1
	b = b[1:]
	cnt, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, errCorrupt
	}
	b = b[n:]
	if cnt > uint64(len(b)) {
		return nil, errCorrupt
	}
	if cap(h.Days) < int(cnt) {
		h.Days = make([]model.DayActivity, cnt, cnt+cnt/2+4)
	}
	h.Days = h.Days[:cnt]
	prev := h.Reg
	for i := range h.Days {
		a := &h.Days[i]
		// The day delta (zig-zag varint).
		var ux uint64
		if len(b) > 0 && b[0] < 0x80 {
			ux = uint64(b[0])
			b = b[1:]
		} else {
			ux, n = binary.Uvarint(b)
			if n <= 0 {
				return nil, errCorrupt
			}
			b = b[n:]
		}
		delta := int64(ux >> 1)
		if ux&1 != 0 {
			delta = ^delta
		}
		prev += model.Day(delta)
		if len(b) < 2 {
			return nil, errCorrupt
		}
		mask := uint(b[0]) | uint(b[1])<<8
		b = b[2:]
		a.Day = prev
		a.Count = [model.NumKinds]uint32{}
		var money [numFields - int(model.NumKinds)]int64
		for ; mask != 0; mask &= mask - 1 {
			var x uint64
			if len(b) > 0 && b[0] < 0x80 {
				x = uint64(b[0])
				b = b[1:]
			} else {
				x, n = binary.Uvarint(b)
				if n <= 0 {
					return nil, errCorrupt
				}
				b = b[n:]
			}
			switch k := bits.TrailingZeros(mask); {
			case k < int(model.NumKinds):
				a.Count[k] = uint32(x)
			case k < numFields:
				money[k-int(model.NumKinds)] = int64(x)
			}
		}
		a.PurchaseFen = money[fPurchaseFen-int(model.NumKinds)]
		a.RefundFen = money[fRefundFen-int(model.NumKinds)]
		a.PurchasePoints = money[fPurchasePts-int(model.NumKinds)]
		a.RefundPoints = money[fRefundPts-int(model.NumKinds)]
		a.Redeemed = money[fRedeemed-int(model.NumKinds)]
	}
	return b, nil
}

// decodeTail reads the tail after the days (empty for a member without events).
func decodeTail(b []byte, t *historyTail) error {
	t.chunks = t.chunks[:0]
	t.lastAt = 0
	if len(b) == 0 {
		return nil
	}
	d := dec{b: b}
	t.lastAt = d.varint()
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		return errCorrupt
	}
	c := uint32(0)
	for i := uint64(0); i < n; i++ {
		c += uint32(d.uvarint())
		t.chunks = append(t.chunks, c)
	}
	return d.err
}

// chunkKey is the events key of a member's records in one chunk: chunk first,
// so each write transaction's records land at the end of the tree.
func chunkKey(chunk, seq uint32) []byte {
	var k [8]byte
	binary.BigEndian.PutUint32(k[:4], chunk)
	binary.BigEndian.PutUint32(k[4:], seq)
	return k[:]
}

// Event record inside a member's events value: at (8 bytes, unix ns, so a
// value's records sort by time bytewise), kind, amount (varint), order id,
// channel, campaign id. The member is the key.
func appendEventRecord(b []byte, e *model.Event) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(e.At.UnixNano())^(1<<63))
	b = append(b, byte(e.Kind))
	b = binary.AppendVarint(b, e.Amount)
	b = appendStr(b, e.OrderID)
	b = appendStr(b, e.Channel)
	return appendStr(b, e.CampaignID)
}

// rawEvent is a decoded event record whose strings still point into the value.
type rawEvent struct {
	at       int64
	kind     model.Kind
	amount   int64
	order    []byte
	channel  []byte
	campaign []byte
	size     int // bytes of the record
}

// nextEvent decodes the record at the start of b.
func nextEvent(b []byte) (rawEvent, error) {
	if len(b) < 9 {
		return rawEvent{}, errCorrupt
	}
	r := rawEvent{at: int64(binary.BigEndian.Uint64(b) ^ (1 << 63)), kind: model.Kind(b[8])}
	d := dec{b: b[9:]}
	r.amount = d.varint()
	r.order = d.bytes()
	r.channel = d.bytes()
	r.campaign = d.bytes()
	r.size = len(b) - len(d.b)
	return r, d.err
}

func (r *rawEvent) event(memberID string, loc *time.Location) model.Event {
	return model.Event{MemberID: memberID, Kind: r.kind, At: time.Unix(0, r.at).In(loc), Amount: r.amount,
		OrderID: string(r.order), Channel: string(r.channel), CampaignID: string(r.campaign)}
}

func (r *rawEvent) same(e *model.Event) bool {
	return r.at == e.At.UnixNano() && r.kind == e.Kind && r.amount == e.Amount &&
		string(r.order) == e.OrderID && string(r.channel) == e.Channel && string(r.campaign) == e.CampaignID
}

// Rollup is one day's totals across all members, kept up to date by ingest so
// sparklines, charts and target actuals read one small record per day.
type Rollup struct {
	NewMembers   int64 // members registered on the day
	DAU          int64 // members with a non-register event on the day
	Orders       int64 // purchase events
	GMVFen       int64 // Σ purchase amounts
	Buyers       int64 // members with a purchase on the day
	Refunds      int64 // refund events
	RefundFen    int64 // Σ refund amounts
	PointsIssued int64 // Σ floor(yuan) of purchases
	Redeemed     int64 // Σ redeemed points
	Events       int64 // events of any kind
}

func (r *Rollup) fields() []*int64 {
	return []*int64{&r.NewMembers, &r.DAU, &r.Orders, &r.GMVFen, &r.Buyers, &r.Refunds, &r.RefundFen,
		&r.PointsIssued, &r.Redeemed, &r.Events}
}

func (r *Rollup) add(o *Rollup) {
	of := o.fields()
	for i, f := range r.fields() {
		*f += *of[i]
	}
}

func encodeRollup(r *Rollup) []byte {
	var b []byte
	for _, f := range r.fields() {
		b = binary.AppendVarint(b, *f)
	}
	return b
}

func decodeRollup(v []byte) (Rollup, error) {
	var r Rollup
	d := dec{b: v}
	for _, f := range r.fields() {
		if len(d.b) == 0 { // fields appended in later versions read as 0
			break
		}
		*f = d.varint()
	}
	return r, d.err
}

// arena hands out byte slices for Put values. bbolt keeps a reference to a
// value until the transaction ends, so a reused buffer would corrupt earlier
// puts; the arena allocates in large chunks and never reuses a byte.
type arena struct{ chunk []byte }

// take returns a stable copy of b.
func (a *arena) take(b []byte) []byte {
	if cap(a.chunk)-len(a.chunk) < len(b) {
		a.chunk = make([]byte, 0, max(1<<20, len(b)))
	}
	start := len(a.chunk)
	a.chunk = append(a.chunk, b...)
	return a.chunk[start:len(a.chunk):len(a.chunk)]
}
