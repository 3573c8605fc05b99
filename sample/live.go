package sample

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/memberops/cockpit/model"
)

// LiveRate is the average number of events per second a Live feed produces
// (more in the evening, fewer at night).
const LiveRate = 3.0

// maxLiveGap is how far back a Live feed catches up after a long pause
// between calls (a sleeping laptop does not get a burst of hours of events).
const maxLiveGap = 10 * time.Second

// liveMember is one member a Live feed may pick.
type liveMember struct {
	idx    int
	id     string
	reg    time.Time
	aov    float64
	flags  uint8
	ch     uint8
	points int64     // points earned in the live feed (what it may redeem)
	signed model.Day // last day with a live signin
}

type liveOrder struct {
	member int // index into Live.pool
	id     string
	fen    int64
}

// Live simulates a live event feed for the demo: a few events per second from
// existing members of the same Config (the active ones far more often),
// following the sample's patterns. It is not safe for concurrent use.
type Live struct {
	cfg    Config
	g      *gen
	r      *rand.Rand
	pool   []liveMember
	weight []float64 // cumulative pick weights of pool (len(pool)+1 entries)
	last   time.Time // events up to last have been produced
	next   time.Time // next arrival
	orders []liveOrder
	seq    uint64
	tag    string
}

// NewLive returns a live feed for the members of cfg; seed varies the feed
// (and tags its order ids), independently of cfg.Seed.
func NewLive(cfg Config, seed uint64) *Live {
	cfg = cfg.norm()
	g := newGen(cfg)
	l := &Live{cfg: cfg, g: g, r: rand.New(rand.NewPCG(seed, splitmix(seed^cfg.Seed))), tag: strconv.Itoa(10 + int(seed%90))}
	// Pick a pool of members, favouring those still active at End.
	want := min(cfg.Members, 4000)
	p := rand.NewPCG(0, 0)
	r := rand.New(p)
	var st mstate
	seen := map[int]bool{}
	for tries := 0; len(l.pool) < want && tries < 50*want; tries++ {
		idx := l.r.IntN(cfg.Members)
		if seen[idx] {
			continue
		}
		g.seedMember(p, idx, 0)
		g.profile(r, idx, &st, nil)
		alive := st.start <= st.stop && st.stop >= int32(g.cal.n-1) || st.flags&fWhale != 0
		w := 0.03
		if alive {
			w = 1
		}
		if l.r.Float64() >= w {
			continue
		}
		seen[idx] = true
		rel := st.regT / 86400
		if st.regT%86400 < 0 {
			rel-- // floor
		}
		sec := int32(st.regT - rel*86400)
		reg := time.Unix(g.regUnix(g.cal.start+model.Day(rel), int32(rel), sec), 0).In(cfg.Loc)
		aov := float64(st.aov)
		if aov == 0 {
			aov = 120
		}
		l.pool = append(l.pool, liveMember{idx: idx, id: MemberID(idx), reg: reg, aov: aov, flags: st.flags, ch: st.ch, signed: -1})
		wt := float64(st.sess)*40 + float64(st.buy)*365
		if st.flags&fWhale != 0 {
			wt *= 3
		}
		l.weight = append(l.weight, math.Max(wt, 0.05))
	}
	// cumulative, with a leading 0 (for search)
	cum := make([]float64, len(l.weight)+1)
	for i, w := range l.weight {
		cum[i+1] = cum[i] + w
	}
	l.weight = cum
	return l
}

// hourFactor scales the live rate by the time of day (mean 1).
func hourFactor(t time.Time) float64 {
	return sessionHours[t.Hour()] / (sumHours(sessionHours[:]) / 24)
}

func sumHours(h []float64) float64 {
	s := 0.0
	for _, x := range h {
		s += x
	}
	return s
}

func (l *Live) gap(at time.Time) time.Duration {
	rate := LiveRate * hourFactor(at)
	return time.Duration(l.r.ExpFloat64() / rate * float64(time.Second))
}

// Next returns the events that "happened" since the previous call, in time
// order, all at or before now (typically 0–5 per call at a call every 250 ms;
// the first call covers the last 250 ms, a long pause only its last 10 s).
// Purchases carry fresh order ids; refunds and redeems refer only to what the
// feed itself sold.
func (l *Live) Next(now time.Time) []model.Event {
	now = now.Round(0).In(l.cfg.Loc)
	if len(l.pool) == 0 || l.cfg.Members == 0 {
		return nil
	}
	switch {
	case l.last.IsZero():
		l.last = now.Add(-250 * time.Millisecond)
		l.next = l.last.Add(l.gap(l.last))
	case now.Before(l.last): // the clock went back: nothing until it catches up
		return nil
	case now.Sub(l.last) > maxLiveGap:
		l.last = now.Add(-maxLiveGap)
		if l.next.Before(l.last) {
			l.next = l.last.Add(l.gap(l.last))
		}
	}
	var out []model.Event
	for !l.next.After(now) {
		if e, ok := l.event(l.next); ok {
			out = append(out, e)
		}
		l.next = l.next.Add(l.gap(l.next))
	}
	l.last = now
	return out
}

// event draws one event at time at.
func (l *Live) event(at time.Time) (model.Event, bool) {
	r := l.r
	i := search(l.weight, r.Float64()*l.weight[len(l.weight)-1])
	m := &l.pool[i]
	if at.Before(m.reg) {
		return model.Event{}, false
	}
	day := model.DayOf(at, l.cfg.Loc)
	e := model.Event{MemberID: m.id, At: at, Channel: Channels[l.channel(m)]}
	switch u := r.Float64(); {
	case u < 0.28:
		e.Kind = model.KindLogin
	case u < 0.60:
		e.Kind = model.KindBrowse
	case u < 0.66 && (m.flags&fSigner != 0 || u < 0.63) && m.signed != day:
		e.Kind = model.KindSignin
		m.signed = day
	case u < 0.78 && m.flags&fBuyer != 0:
		e.Kind = model.KindPurchase
		e.Amount = priceFen(r, m.aov*math.Exp(0.4*r.NormFloat64()))
		l.seq++
		e.OrderID = "O" + at.Format("20060102150405") + pad3(at.Nanosecond()/1e6) + pad2(int(l.seq%100)) + l.tag
		m.points += e.Amount / 100
		l.orders = append(l.orders, liveOrder{member: i, id: e.OrderID, fen: e.Amount})
		if len(l.orders) > 500 {
			l.orders = l.orders[len(l.orders)-500:]
		}
	case u < 0.84:
		e.Kind = model.KindShare
	case u < 0.87:
		e.Kind = model.KindReview
	case u < 0.885:
		e.Kind = model.KindInvite
	case u < 0.891 && len(l.orders) > 0:
		// refund one of the feed's own earlier sales (each at most once)
		k := r.IntN(len(l.orders))
		o := l.orders[k]
		l.orders = append(l.orders[:k], l.orders[k+1:]...)
		om := &l.pool[o.member]
		amt := o.fen
		if r.Float64() < 0.3 {
			amt = o.fen * int64(20+r.IntN(70)) / 100
		}
		e = model.Event{MemberID: om.id, Kind: model.KindRefund, At: at, Amount: amt, OrderID: o.id, Channel: Channels[l.channel(om)]}
		om.points -= amt / 100
	case u < 0.92 && m.points >= 100:
		e.Kind = model.KindRedeem
		e.Amount = 100
		if m.points >= 500 && r.Float64() < 0.4 {
			e.Amount = 500
		}
		m.points -= e.Amount
	default:
		e.Kind = model.KindLogin
	}
	if e.Kind != model.KindRefund && e.Kind != model.KindRedeem {
		e.CampaignID = l.campaign(day, e.Kind == model.KindPurchase)
	}
	return e, true
}

func pad3(x int) string {
	s := strconv.Itoa(x)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

func (l *Live) channel(m *liveMember) uint8 {
	u := l.r.Float64()
	switch {
	case m.flags&fStore != 0 && u < 0.3:
		return chStore
	case m.ch != chStore && u < 0.7:
		return m.ch
	}
	if u := l.r.Float64(); u < 0.55 {
		return chMini
	} else if u < 0.85 {
		return chApp
	}
	return chOfficial
}

// campaign attributes a live event to a campaign running on day (promotions
// first), or returns "".
func (l *Live) campaign(day model.Day, purchase bool) string {
	p := 0.15
	if purchase {
		p = 0.4
	}
	if l.r.Float64() >= p {
		return ""
	}
	best := -1
	for k, c := range l.g.cal.camps {
		if c.start <= day && day <= c.end {
			if best < 0 || c.typ == model.CampaignPromotion {
				best = k
			}
		}
	}
	if best < 0 {
		return ""
	}
	return l.g.cal.camps[best].id
}
