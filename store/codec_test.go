package store

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/memberops/cockpit/model"
)

// decodeHistoryRef is the plain decoder decodeHistoryRest replaced, kept as
// the reference it must agree with.
func decodeHistoryRef(v []byte, h *model.MemberHistory) ([]byte, error) {
	d := dec{b: v}
	h.Reg = model.Day(d.varint())
	h.Consent = d.byte1() == 1
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		return nil, errCorrupt
	}
	h.Days = make([]model.DayActivity, n)
	prev := h.Reg
	for i := range h.Days {
		a := &h.Days[i]
		prev += model.Day(d.varint())
		a.Day = prev
		if len(d.b) < 2 {
			return nil, errCorrupt
		}
		mask := uint16(d.b[0]) | uint16(d.b[1])<<8
		d.b = d.b[2:]
		for k := 0; mask != 0; k, mask = k+1, mask>>1 {
			if mask&1 == 0 {
				continue
			}
			x := d.uvarint()
			switch {
			case k < int(model.NumKinds):
				a.Count[k] = uint32(x)
			case k == fPurchaseFen:
				a.PurchaseFen = int64(x)
			case k == fRefundFen:
				a.RefundFen = int64(x)
			case k == fPurchasePts:
				a.PurchasePoints = int64(x)
			case k == fRefundPts:
				a.RefundPoints = int64(x)
			case k == fRedeemed:
				a.Redeemed = int64(x)
			}
		}
	}
	return d.b, d.err
}

// randomHistory is a history with up to 40 days, gaps of any size (before
// registration too), every field sometimes zero, sometimes small and
// sometimes large, and sometimes a tail.
func randomHistory(r *rand.Rand) (model.MemberHistory, *historyTail) {
	h := model.MemberHistory{Reg: model.Day(r.IntN(40000) - 1000), Consent: r.IntN(2) == 0}
	d := h.Reg - model.Day(r.IntN(3))
	val := func() int64 {
		switch r.IntN(4) {
		case 0:
			return 0
		case 1:
			return int64(r.IntN(128))
		case 2:
			return int64(r.IntN(1 << 20))
		}
		return r.Int64N(1 << 62)
	}
	for i := r.IntN(41); i > 0; i-- {
		d += model.Day(1 + r.IntN(1+r.IntN(300)))
		a := model.DayActivity{Day: d}
		for k := range a.Count {
			a.Count[k] = uint32(val())
		}
		a.PurchaseFen, a.RefundFen, a.PurchasePoints, a.RefundPoints, a.Redeemed = val(), val(), val(), val(), val()
		h.Days = append(h.Days, a)
	}
	if r.IntN(2) == 0 {
		return h, nil
	}
	t := &historyTail{lastAt: r.Int64()}
	c := uint32(0)
	for i := 1 + r.IntN(5); i > 0; i-- {
		c += uint32(1 + r.IntN(1000))
		t.chunks = append(t.chunks, c)
	}
	return h, t
}

// TestDecodeHistoryMatchesReference: on encoded histories, every
// truncation of them and random bytes, the decoder accepts and refuses
// what the reference does and, when it accepts, gives the same history and
// tail, also when its Days storage is reused from a longer history.
func TestDecodeHistoryMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	var reused model.MemberHistory
	check := func(v []byte) {
		t.Helper()
		var want model.MemberHistory
		wantRest, wantErr := decodeHistoryRef(v, &want)
		gotRest, gotErr := decodeHistoryRest(v, &reused)
		if (gotErr != nil) != (wantErr != nil) {
			t.Fatalf("% x: error %v, reference %v", v, gotErr, wantErr)
		}
		if wantErr != nil {
			return
		}
		got := model.MemberHistory{Reg: reused.Reg, Consent: reused.Consent, Days: append([]model.DayActivity{}, reused.Days...)}
		if !reflect.DeepEqual(got, want) || !bytes.Equal(gotRest, wantRest) {
			t.Fatalf("% x:\n got %+v rest % x\nwant %+v rest % x", v, got, gotRest, want, wantRest)
		}
	}
	for i := 0; i < 500; i++ {
		h, tail := randomHistory(r)
		v := encodeHistory(nil, &h, tail)
		var back model.MemberHistory
		rest, err := decodeHistoryRest(v, &back)
		if err != nil {
			t.Fatalf("%+v: %v", h, err)
		}
		if len(h.Days) == 0 {
			h.Days = back.Days[:0]
		}
		if !reflect.DeepEqual(back, h) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", back, h)
		}
		var bt historyTail
		if err := decodeTail(rest, &bt); err != nil || (tail != nil && !reflect.DeepEqual(bt, *tail)) || (tail == nil && len(rest) != 0) {
			t.Fatalf("tail: %v %+v, want %+v", err, bt, tail)
		}
		for n := 0; n <= len(v); n++ {
			check(v[:n])
		}
		junk := make([]byte, r.IntN(40))
		for k := range junk {
			junk[k] = byte(r.IntN(256))
		}
		check(junk)
		check(append(v[:len(v):len(v)], junk...))
	}
}
