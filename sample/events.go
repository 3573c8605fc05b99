package sample

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/memberops/cockpit/model"
)

// ev is one generated event in compact form. key orders events by (time,
// member index, sequence): time is the window second (day*86400 + second of
// day, 25 bits), then the member index (24 bits), then a per-member sequence
// number within the month (15 bits).
type ev struct {
	key    uint64
	amount int64 // fen for purchase/refund, points for redeem
	oday   int16 // window day of the order (purchase/refund)
	oseq   uint16
	kind   uint8
	ch     uint8
	camp   int8 // index into calendar.camps, -1 none
}

const (
	keyTimeShift = 39
	keyIdxShift  = 15
	keySeqMask   = 1<<15 - 1
	keyIdxMask   = 1<<24 - 1
)

func (e *ev) t() int64   { return int64(e.key >> keyTimeShift) }
func (e *ev) idx() int   { return int(e.key >> keyIdxShift & keyIdxMask) }
func (e *ev) day() int   { return int(e.t() / 86400) }
func (e *ev) sec() int32 { return int32(e.t() % 86400) }

// item kinds of a member's month before they turn into events.
const (
	itRegister = iota
	itSession
	itPurchase
	itFirstBuy
	itComeback
	itReady // an already formed event carried over from an earlier month
)

type item struct {
	t    int64
	kind uint8
	e    ev // itReady only
}

// worker generates the events of a range of members for one month.
type worker struct {
	g     *gen
	pcg   *rand.PCG
	r     *rand.Rand
	items []item
	out   []ev
	tmp   []ev         // radix sort scratch
	spare []ev         // the previous month's output while it is emitted
	pend  map[int][]ev // events of this worker's members scheduled after the month being generated
	seq   uint64
	idx   int
	st    *mstate
	from  int32 // month being generated: window days [from, to]
	to    int32
}

func newWorker(g *gen) *worker {
	p := rand.NewPCG(0, 0)
	return &worker{g: g, pcg: p, r: rand.New(p), pend: map[int][]ev{}}
}

// chunk is one month of the window (the first and last may be partial).
type chunk struct {
	k        int // month number, seeds the members' streams
	from, to int32
}

func (c *calendar) chunks() []chunk {
	var out []chunk
	from := 0
	for i := 1; i <= c.n; i++ {
		if i == c.n || c.dayStr[i][:7] != c.dayStr[from][:7] {
			out = append(out, chunk{k: len(out) + 1, from: int32(from), to: int32(i - 1)})
			from = i
		}
	}
	return out
}

// randSec draws a second of window day d from an hour profile, after the
// registration when d is the registration day.
func (w *worker) randSec(d int32, hours []float64) int32 {
	s := secondOfDay(hours, w.r.Float64())
	if int64(d)*86400 <= w.st.regT && w.st.regT < int64(d+1)*86400 {
		rs := int32(w.st.regT - int64(d)*86400)
		if s <= rs {
			if rs >= 86399 {
				return 86399
			}
			s = rs + 1 + w.r.Int32N(86399-rs)
		}
	}
	return s
}

// poisson adds items of kind k on the days [lo, hi] of a non-homogeneous
// Poisson process with the given rate per unit of cumulative intensity.
func (w *worker) poisson(cum []float64, rate float64, lo, hi int32, k uint8, hours []float64) {
	if rate <= 0 {
		return
	}
	end := cum[hi+1]
	x := cum[lo] + w.r.ExpFloat64()/rate
	for x < end {
		d := int32(search(cum, x))
		w.items = append(w.items, item{t: int64(d)*86400 + int64(w.randSec(d, hours)), kind: k})
		x += w.r.ExpFloat64() / rate
	}
}

// month generates member idx's events of chunk ck into w.out.
func (w *worker) month(idx int, st *mstate, ck chunk) {
	g := w.g
	c := g.cal
	w.idx, w.st, w.from, w.to = idx, st, ck.from, ck.to
	w.seq = 0
	w.items = w.items[:0]
	if st.flags&fPend != 0 {
		pend := w.pend[idx]
		keep := pend[:0]
		for _, e := range pend {
			if int32(e.day()) <= ck.to {
				w.items = append(w.items, item{t: e.t(), kind: itReady, e: e})
			} else {
				keep = append(keep, e)
			}
		}
		if len(keep) == 0 {
			delete(w.pend, idx)
			st.flags &^= fPend
		} else {
			w.pend[idx] = keep
		}
	}
	lo, hi := max(ck.from, st.start), min(ck.to, st.stop, int32(c.n-1))
	regDay := int32(st.regT / 86400)
	if st.regT >= 0 && regDay >= ck.from && regDay <= ck.to {
		w.items = append(w.items, item{t: st.regT, kind: itRegister})
	}
	if lo <= hi || len(w.items) > 0 || (st.comeback >= ck.from && st.comeback <= ck.to) {
		g.seedMember(w.pcg, idx, ck.k)
	}
	if lo <= hi {
		w.poisson(c.cumAct, float64(st.sess), lo, hi, itSession, c.hourS)
		if st.flags&fBuyer != 0 {
			w.poisson(c.cumSales, float64(st.buy), lo, hi, itPurchase, c.hourP)
		}
		if st.firstBuy >= lo && st.firstBuy <= hi {
			w.items = append(w.items, item{t: int64(st.firstBuy)*86400 + int64(w.randSec(st.firstBuy, c.hourP)), kind: itFirstBuy})
		}
	}
	if st.comeback >= ck.from && st.comeback <= ck.to {
		w.items = append(w.items, item{t: int64(st.comeback)*86400 + int64(w.randSec(st.comeback, c.hourS)), kind: itComeback})
	}
	if len(w.items) == 0 {
		return
	}
	if len(w.items) > 1 {
		slices.SortStableFunc(w.items, func(a, b item) int { return cmp.Compare(a.t, b.t) })
	}
	for i := range w.items {
		it := &w.items[i]
		switch it.kind {
		case itRegister:
			w.register(it.t)
		case itSession:
			w.session(it.t)
		case itPurchase:
			w.purchase(it.t, false)
		case itFirstBuy:
			w.purchase(it.t, true)
		case itComeback:
			if st.attrCamp < 0 || int32(it.t/86400) > st.attrTill {
				st.attrCamp, st.attrTill = g.rcIdx, int32(it.t/86400)+5
			}
			w.session(it.t)
			if st.flags&fBuyer != 0 && w.r.Float64() < 0.45 {
				w.purchase(it.t+int64(300+w.r.IntN(1800)), false)
			}
		case itReady:
			e := it.e
			w.put(e.t(), &e)
		}
	}
}

// put appends event e at window second t (clamped to the day of t's item and
// the month) with the next sequence number.
func (w *worker) put(t int64, e *ev) {
	if t < w.st.regT {
		t = w.st.regT
	}
	if t < 0 {
		t = 0
	}
	d := t / 86400
	e.key = uint64(t)<<keyTimeShift | uint64(w.idx)<<keyIdxShift | (w.seq & keySeqMask)
	w.seq++
	w.out = append(w.out, *e)
	if int32(d) > w.st.lastDay {
		w.st.lastDay = int32(d)
	}
}

// at returns t plus off seconds, kept inside t's day.
func sameDay(t, off int64) int64 {
	d := t / 86400
	x := t + off
	if x >= (d+1)*86400 {
		return (d+1)*86400 - 1
	}
	if x < d*86400 {
		return d * 86400
	}
	return x
}

// channel draws the channel of one event of the member.
func (w *worker) channel(k model.Kind) uint8 {
	st := w.st
	u := w.r.Float64()
	if k == model.KindPurchase && st.flags&fStore != 0 && u < 0.6 {
		return chStore
	}
	switch st.ch {
	case chOfficial, chMini, chApp:
		if u < 0.75 {
			return st.ch
		}
	case chCommunity:
		if u < 0.3 {
			return chCommunity
		}
	}
	u = w.r.Float64()
	switch {
	case u < 0.5:
		return chMini
	case u < 0.78:
		return chApp
	default:
		return chOfficial
	}
}

// campaignFor returns the campaign to attribute a session (purchase=false) or
// a purchase at window day d to, or -1.
func (w *worker) campaignFor(d int32, purchase bool) int8 {
	c := w.g.cal
	st := w.st
	u := w.r.Float64()
	if p := c.promo[d]; p >= 0 {
		if purchase && u < 0.65 || !purchase && u < 0.25 {
			return p
		}
	}
	if st.attrCamp >= 0 && d <= st.attrTill {
		if purchase || u < 0.8 {
			return st.attrCamp
		}
	}
	if cu := c.cult[d]; cu >= 0 && st.orders >= 1 && st.orders <= 2 {
		if purchase || u < 0.35 {
			return cu
		}
	}
	if rc := c.react[d]; rc >= 0 && st.lastDay >= 0 && d-st.lastDay >= 30 {
		st.attrCamp, st.attrTill = rc, d+7
		return rc
	}
	if st.flags&fAcq != 0 && int64(d)*86400-st.regT < 14*86400 {
		return w.g.acIdx
	}
	return -1
}

func (w *worker) register(t int64) {
	st := w.st
	e := ev{kind: uint8(model.KindRegister), ch: st.ch, camp: -1}
	if st.flags&fAcq != 0 {
		e.camp = w.g.acIdx
	}
	w.put(t, &e)
	// The first visit follows the registration.
	if int32(t/86400) >= st.stop && st.firstBuy < 0 {
		// bounced: one look around
		b := ev{kind: uint8(model.KindBrowse), ch: st.ch, camp: e.camp}
		w.put(sameDay(t, int64(20+w.r.IntN(400))), &b)
		return
	}
	w.session(sameDay(t, int64(10+w.r.IntN(300))))
}

var redeemSizes = []int32{100, 200, 300, 500, 1000, 2000}

func (w *worker) session(t int64) {
	st := w.st
	r := w.r
	d := int32(t / 86400)
	camp := w.campaignFor(d, false)
	off := int64(0)
	next := func(lo, span int) int64 {
		off += int64(lo + r.IntN(span))
		return sameDay(t, off)
	}
	if r.Float64() < 0.75 {
		w.put(t, &ev{kind: uint8(model.KindLogin), ch: w.channel(model.KindLogin), camp: camp})
	}
	if st.flags&fSigner != 0 && (st.signDay != d || r.Float64() < 0.03) {
		st.signDay = d
		w.put(next(3, 30), &ev{kind: uint8(model.KindSignin), ch: w.channel(model.KindSignin), camp: camp})
	}
	nb := 1
	if u := r.Float64(); u < 0.01 {
		nb = 3
	} else if u < 0.08 {
		nb = 2
	}
	for range nb {
		w.put(next(20, 400), &ev{kind: uint8(model.KindBrowse), ch: w.channel(model.KindBrowse), camp: camp})
	}
	shareP := 0.06
	if camp >= 0 {
		shareP = 0.15
	}
	if r.Float64() < shareP {
		w.put(next(10, 120), &ev{kind: uint8(model.KindShare), ch: w.channel(model.KindShare), camp: camp})
	}
	inviteP, ic := 0.012, camp
	if a := w.g.cal.acq[d]; a >= 0 {
		inviteP, ic = 0.05, a
	}
	if r.Float64() < inviteP {
		w.put(next(10, 300), &ev{kind: uint8(model.KindInvite), ch: w.channel(model.KindInvite), camp: ic})
	}
	if st.points >= 100 && r.Float64() < 0.15 {
		n := 0
		for n < len(redeemSizes) && redeemSizes[n] <= st.points {
			n++
		}
		amt := redeemSizes[r.IntN(n)]
		st.points -= amt
		w.put(next(30, 300), &ev{kind: uint8(model.KindRedeem), amount: int64(amt), ch: w.channel(model.KindRedeem), camp: camp})
	}
}

// priceFen turns a yuan value into a shelf-like price in fen (129.00, 128.90,
// 128.00 …), at least 9.90 yuan.
func priceFen(r *rand.Rand, yuan float64) int64 {
	y := int64(math.Round(yuan))
	if y < 10 {
		y = 10
	}
	f := y * 100
	switch u := r.IntN(10); {
	case u < 4:
		f -= 10 // .90
	case u < 6:
		f -= 100 // x8.00 / x9.00 style
	case u < 7:
		f -= 1 // .99
	}
	return f
}

func (w *worker) purchase(t int64, first bool) {
	g := w.g
	c := g.cal
	st := w.st
	r := w.r
	d := int32(t / 86400)
	camp := w.campaignFor(d, true)
	if r.Float64() < 0.35 {
		bt := t - int64(60+r.IntN(900))
		if bt < d2s(d) {
			bt = d2s(d)
		}
		w.put(bt, &ev{kind: uint8(model.KindBrowse), ch: w.channel(model.KindBrowse), camp: camp})
	}
	yuan := float64(st.aov) * math.Exp(0.4*r.NormFloat64())
	if first && st.flags&fWhale == 0 {
		yuan *= 0.75
	}
	amt := priceFen(r, yuan)
	if camp >= 0 {
		if cp := c.camps[camp].coupon; cp.SaveFen > 0 && amt >= cp.MinSpendFen {
			amt -= cp.SaveFen
		}
	}
	st.orders++
	e := ev{kind: uint8(model.KindPurchase), amount: amt, oday: int16(d), oseq: st.orders, ch: w.channel(model.KindPurchase), camp: camp}
	w.put(t, &e)
	st.points += int32(amt / 100)

	if r.Float64() < 0.05 { // refund a few days later
		rt := d2s(d+1+r.Int32N(7)) + int64(secondOfDay(c.hourS, r.Float64()))
		ra := amt
		if r.Float64() < 0.3 {
			ra = amt * int64(20+r.IntN(70)) / 100
		}
		if rt > t && rt/86400 < int64(c.n) {
			st.points -= int32(ra / 100)
			w.later(rt, ev{kind: uint8(model.KindRefund), amount: ra, oday: e.oday, oseq: e.oseq, ch: e.ch, camp: camp})
		}
	}
	if r.Float64() < 0.12 { // review after delivery
		rt := d2s(d+2+r.Int32N(9)) + int64(secondOfDay(c.hourS, r.Float64()))
		if rt/86400 < int64(c.n) {
			w.later(rt, ev{kind: uint8(model.KindReview), ch: w.channel(model.KindReview), camp: -1})
		}
	}
	if r.Float64() < 0.05 {
		w.put(sameDay(t, int64(30+r.IntN(600))), &ev{kind: uint8(model.KindShare), ch: w.channel(model.KindShare), camp: camp})
	}
}

func d2s(d int32) int64 { return int64(d) * 86400 }

// later schedules e at window second t: now if t falls in the month being
// generated, else in the member's pending list.
func (w *worker) later(t int64, e ev) {
	if int32(t/86400) <= w.to {
		// in this month: out of walk order, so it does not move lastDay
		e.key = uint64(t)<<keyTimeShift | uint64(w.idx)<<keyIdxShift | (w.seq & keySeqMask)
		w.seq++
		w.out = append(w.out, e)
		return
	}
	e.key = uint64(t) << keyTimeShift
	w.pend[w.idx] = append(w.pend[w.idx], e)
	w.st.flags |= fPend
}
