package sample

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"

	"github.com/memberops/cockpit/model"
)

// memberBatch is how many members a worker profiles at a time.
const memberBatch = 4096

func workers() int {
	return min(max(runtime.GOMAXPROCS(0), 1), 8)
}

// Generate streams the sample: every member in member order (ids M00000001,
// M00000002 … in registration order) to onMember, then every event in
// non-decreasing time order (ties by member, then by the member's own order)
// to onEvent. Either callback may be nil. The first error a callback returns
// stops the run and is returned.
//
// The callbacks run on the calling goroutine, one at a time (the next month
// is generated on other goroutines meanwhile). Each *model.Member is fresh and
// may be kept. The *model.Event passed to
// onEvent is reused for the next event: copy it (*e) to keep it.
//
// Events are produced one calendar month at a time from small per-member
// states (the next month is generated while the current one is emitted), so
// memory stays at about two months of compact events (24 bytes each) plus ~75
// bytes per member: about 200 MB live at 1,000,000 members. The work is
// spread over GOMAXPROCS cores (at most 8) and the output does not depend on
// how many there are.
func Generate(cfg Config, onMember func(*model.Member) error, onEvent func(*model.Event) error) error {
	cfg = cfg.norm()
	if cfg.Members > MaxMembers {
		return fmt.Errorf("sample: %d members: at most %d", cfg.Members, MaxMembers)
	}
	g := newGen(cfg)
	return g.run(onMember, func(w *emitter) error {
		if onEvent == nil {
			return nil
		}
		return onEvent(&w.e)
	})
}

// emitter turns compact events into model.Events (and, for WriteCSV, keeps
// the window day and second at hand).
type emitter struct {
	g    *gen
	v    *ev
	e    model.Event
	ob   []byte
	camp []string
}

func (g *gen) newEmitter() *emitter {
	em := &emitter{g: g, ob: make([]byte, 0, 32)}
	for _, c := range g.cal.camps {
		em.camp = append(em.camp, c.id)
	}
	return em
}

func (em *emitter) set(v *ev) {
	g := em.g
	em.v = v
	idx := v.idx()
	e := &em.e
	e.MemberID = g.memberID(idx)
	e.Kind = model.Kind(v.kind)
	e.At = time.Unix(g.cal.unix(v.day(), v.sec()), 0).In(g.cfg.Loc)
	e.Amount = v.amount
	e.OrderID = ""
	if v.kind == uint8(model.KindPurchase) || v.kind == uint8(model.KindRefund) {
		e.OrderID = em.orderID(v, idx)
	}
	e.Channel = Channels[v.ch]
	e.CampaignID = ""
	if v.camp >= 0 {
		e.CampaignID = em.camp[v.camp]
	}
}

// orderID is "O" + the purchase date + the member number (8 digits) + the
// member's order number (3 digits): unique, and ordered by date.
func (em *emitter) orderID(v *ev, idx int) string {
	b := em.ob[:0]
	b = append(b, 'O')
	b = append(b, em.g.cal.dayCompact[v.oday]...)
	b = appendPadded(b, uint64(idx+1), 8)
	b = appendPadded(b, uint64(v.oseq)%1000, 3)
	em.ob = b
	return string(b)
}

func appendPadded(b []byte, x uint64, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for x > 0 || i == len(buf) {
		i--
		buf[i] = byte('0' + x%10)
		x /= 10
	}
	for k := len(buf) - i; k < width; k++ {
		b = append(b, '0')
	}
	return append(b, buf[i:]...)
}

// run profiles every member (streaming them to onMember in order), then
// generates and emits the events month by month.
func (g *gen) run(onMember func(*model.Member) error, onEvent func(*emitter) error) error {
	n := g.cfg.Members
	nw := workers()
	g.st = make([]mstate, n)
	g.ids = memberIDs(n)

	// Members: nw batches at a time in parallel, emitted in order.
	batches := make([][]model.Member, nw)
	for i := range batches {
		batches[i] = make([]model.Member, memberBatch)
	}
	for base := 0; base < n; base += nw * memberBatch {
		var wg sync.WaitGroup
		for k := 0; k < nw; k++ {
			lo := base + k*memberBatch
			if lo >= n {
				break
			}
			hi := min(lo+memberBatch, n)
			wg.Add(1)
			go func(b []model.Member, lo, hi int) {
				defer wg.Done()
				p := rand.NewPCG(0, 0)
				r := rand.New(p)
				for i := lo; i < hi; i++ {
					m := &b[i-lo]
					*m = model.Member{}
					g.seedMember(p, i, 0)
					g.profile(r, i, &g.st[i], m)
				}
			}(batches[k], lo, hi)
		}
		wg.Wait()
		if onMember != nil {
			for k := 0; k < nw; k++ {
				lo := base + k*memberBatch
				if lo >= n {
					break
				}
				hi := min(lo+memberBatch, n)
				for i := lo; i < hi; i++ {
					m := batches[k][i-lo] // a fresh copy the callback may keep
					if err := onMember(&m); err != nil {
						return err
					}
				}
			}
		}
	}
	batches = nil

	// Events: month by month; each worker owns a fixed range of members.
	// The next month is generated while the current one is emitted.
	ws := make([]*worker, nw)
	for k := range ws {
		ws[k] = newWorker(g)
	}
	gen := func(ck chunk, wg *sync.WaitGroup) {
		for k, w := range ws {
			lo, hi := k*n/nw, (k+1)*n/nw
			w.out = w.out[:0]
			wg.Add(1)
			go func(w *worker, lo, hi int) {
				defer wg.Done()
				for i := lo; i < hi; i++ {
					w.month(i, &g.st[i], ck)
				}
				w.sortMonth(ck)
			}(w, lo, hi)
		}
	}
	em := g.newEmitter()
	cur := make([][]ev, nw)
	heads := make([]int, nw)
	chunks := g.cal.chunks()
	var wg sync.WaitGroup
	gen(chunks[0], &wg)
	wg.Wait()
	for ci := range chunks {
		for k, w := range ws {
			cur[k] = w.out
			w.out, w.spare = w.spare, w.out
			heads[k] = 0
		}
		var next sync.WaitGroup
		if ci+1 < len(chunks) {
			gen(chunks[ci+1], &next)
		}
		err := g.merge(em, cur, heads, onEvent)
		next.Wait()
		if err != nil {
			return err
		}
	}
	return nil
}

// merge emits the sorted per-worker slices in key order.
func (g *gen) merge(em *emitter, cur [][]ev, heads []int, onEvent func(*emitter) error) error {
	for {
		best := -1
		var bk uint64
		for k, out := range cur {
			if heads[k] < len(out) {
				if key := out[heads[k]].key; best < 0 || key < bk {
					best, bk = k, key
				}
			}
		}
		if best < 0 {
			return nil
		}
		em.set(&cur[best][heads[best]])
		heads[best]++
		if err := onEvent(em); err != nil {
			return err
		}
	}
}

// memberIDLen is the length of a member id: "M" and eight digits.
const memberIDLen = 9

// memberIDs returns the ids of members 0 … n-1 concatenated.
func memberIDs(n int) string {
	b := make([]byte, 0, n*memberIDLen)
	for i := 0; i < n; i++ {
		b = append(b, 'M')
		b = appendPadded(b, uint64(i+1), memberIDLen-1)
	}
	return string(b)
}

// memberID returns the id of member idx (a substring of g.ids: no allocation).
func (g *gen) memberID(idx int) string {
	return g.ids[idx*memberIDLen : (idx+1)*memberIDLen]
}

// MemberID returns the id of the member with index idx (0-based), as Generate
// names it: "M" and the 1-based member number in eight digits.
func MemberID(idx int) string {
	return string(appendPadded([]byte{'M'}, uint64(idx+1), memberIDLen-1))
}

// sortMonth orders w.out by key. Events were appended member by member
// (ascending index) and, per member, in sequence order, so a stable sort by
// time alone gives key order: an LSD radix sort on the second of the month,
// two passes of 11 bits (a month has fewer than 2^22 seconds).
func (w *worker) sortMonth(ck chunk) {
	const bits = 11
	const mask = 1<<bits - 1
	base := uint64(ck.from) * 86400
	if cap(w.tmp) < len(w.out) {
		w.tmp = make([]ev, len(w.out))
	}
	src, dst := w.out, w.tmp[:len(w.out)]
	var count [1 << bits]int
	for pass := 0; pass < 2; pass++ {
		shift := uint(pass * bits)
		clear(count[:])
		for i := range src {
			count[((src[i].key>>keyTimeShift)-base)>>shift&mask]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for i := range src {
			b := ((src[i].key >> keyTimeShift) - base) >> shift & mask
			dst[count[b]] = src[i]
			count[b]++
		}
		src, dst = dst, src
	}
	// after an even number of passes the sorted data is in w.out's array
	w.out = src
	w.tmp = dst
}
