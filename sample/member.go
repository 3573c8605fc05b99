package sample

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/memberops/cockpit/model"
)

// Member flags.
const (
	fSigner  = 1 << iota // checks in (signin) on the days it visits
	fWhale               // a top spender: alive all year, tens of thousands of yuan
	fRevival             // came back through the win-back campaign
	fAcq                 // registration attributed to the acquisition campaign
	fStore               // shops mostly in store
	fBuyer               // ever buys
	fPend                // has events in its worker's pending list
)

// never is a window day beyond any window ("alive past End").
const never = 1 << 20

// mstate is what the generator keeps per member between months: the persona
// drawn once at member time and the running balances the events depend on.
type mstate struct {
	regT     int64   // registration as window day*86400 + second of day (negative before the window)
	start    int32   // first window day the member may be active
	stop     int32   // last window day the member is active (inclusive); < start: none
	firstBuy int32   // window day of a scheduled first purchase, -1 none
	comeback int32   // window day of a one-day return during reactivation, -1 none
	sess     float32 // sessions per day of average season
	buy      float32 // purchases per day of average season
	aov      float32 // typical order value in yuan
	points   int32   // points available for redemption (refunds already reserved)
	lastDay  int32   // last window day with an event so far (-1 none)
	signDay  int32   // last window day with a signin
	attrCamp int8    // campaign to attribute activity to until attrUntil (-1 none)
	attrTill int32
	orders   uint16
	flags    uint8
	ch       uint8 // home (acquisition) channel
}

// gen is one generation run: the calendar and the per-member states.
type gen struct {
	cfg   Config
	cal   *calendar
	seed1 uint64 // stream seeds
	perm  uint64 // phone permutation offset
	ids   string // all member ids, memberIDLen bytes each
	st    []mstate
	wbIdx int8 // index of the win-back campaign in cal.camps (-1 none)
	rcIdx int8 // reactivation campaign
	acIdx int8 // acquisition campaign
}

func newGen(cfg Config) *gen {
	g := &gen{cfg: cfg, cal: newCalendar(cfg), wbIdx: -1, rcIdx: -1, acIdx: -1}
	g.seed1 = splitmix(cfg.Seed ^ 0x5eed5a3b1e000001)
	g.perm = splitmix(cfg.Seed^0x0000b0b0cafe0002) % 100000000
	for i, c := range g.cal.camps {
		if c.upcoming {
			continue
		}
		switch c.typ {
		case model.CampaignWinback:
			g.wbIdx = int8(i)
		case model.CampaignReactivation:
			g.rcIdx = int8(i)
		case model.CampaignAcquisition:
			g.acIdx = int8(i)
		}
	}
	return g
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// seedMember seeds p for member idx and stream k (0: profile, 1+: months).
func (g *gen) seedMember(p *rand.PCG, idx int, k int) {
	p.Seed(g.seed1^splitmix(uint64(k)+0x100), splitmix(uint64(idx)^0xabcdef0123456789))
}

// windowDay converts a Day into a window day index.
func (c *calendar) windowDay(d model.Day) int32 { return int32(d - c.start) }

// channelWeights returns the mix of acquisition channels for a registration
// on window day i (negative: before the window): older members came through
// 公众号 and stores, the mini program grows through the year, communities
// spike in the acquisition campaign, stores close over Spring Festival.
func (g *gen) channelWeights(i int32, w *[5]float64) {
	c := g.cal
	if i < 0 {
		*w = [5]float64{0.36, 0.14, 0.14, 0.30, 0.06}
		return
	}
	x := float64(i) / float64(c.n)
	*w = [5]float64{0.25 - 0.10*x, 0.30 + 0.10*x, 0.18 + 0.04*x, 0.17 - 0.07*x, 0.10 + 0.03*x}
	if c.acq[i] >= 0 {
		w[chCommunity] *= 3
		w[chOfficial] *= 1.3
	}
	if c.promo[i] >= 0 {
		w[chApp] *= 1.4
		w[chMini] *= 1.2
	}
	if c.sales[i] < 0.6 {
		w[chStore] *= 0.3
	}
}

func pick(r *rand.Rand, w []float64) int {
	t := 0.0
	for _, x := range w {
		t += x
	}
	u := r.Float64() * t
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// profile draws member idx: its public fields (when m is not nil) and its
// persona into st. The draws happen in a fixed order whatever is asked, so the
// persona is the same for Generate and Live.
func (g *gen) profile(r *rand.Rand, idx int, st *mstate, m *model.Member) {
	c := g.cal
	n := int32(c.n)
	// Registration: member ids follow registration time; the stratified
	// position keeps them ordered and the curve smooth.
	pos := (float64(idx) + r.Float64()) / float64(g.cfg.Members)
	ri := search(c.regCum, pos)
	w := c.regCum[ri+1] - c.regCum[ri]
	frac := 0.0
	if w > 0 {
		frac = (pos - c.regCum[ri]) / w
	}
	regSec := secondOfDay(c.hourR, frac)
	regDay := c.regFrom + model.Day(ri)
	rel := int32(regDay - c.start)
	st.regT = int64(rel)*86400 + int64(regSec)

	female := r.Float64() < 0.63
	sU, g1, g2, gl := r.Float64(), r.IntN(50), r.IntN(50), r.Float64()
	pfx := r.IntN(len(phonePrefixes))
	age := 18 + int(math.Abs(r.NormFloat64()*9+12))
	if age > 68 {
		age = 68
	}
	bMonth, bDay := 1+r.IntN(12), 1+r.IntN(28)
	bU := r.Float64()
	consent := r.Float64() < 0.9
	tagU := [4]float64{r.Float64(), r.Float64(), r.Float64(), r.Float64()}

	pre := rel < 0
	whaleP := 0.0007
	if pre {
		whaleP = 0.002
	}
	whale := r.Float64() < whaleP
	signer := r.Float64() < 0.06
	arch := r.Float64()
	life := r.ExpFloat64()
	sessZ := r.NormFloat64()
	buyerU := r.Float64()
	fU := r.Float64()
	aovZ := r.NormFloat64()
	fbDelay := r.ExpFloat64()
	fbU := r.Float64()
	storeU := r.Float64()
	wU, wV := r.Float64(), r.Float64()
	cbU, cbV := r.Float64(), r.Float64()
	var chw [5]float64
	g.channelWeights(rel, &chw)
	ch := pick(r, chw[:])
	acqU := r.Float64()

	// Lifetime in the window.
	st.firstBuy, st.comeback, st.attrCamp, st.lastDay, st.signDay = -1, -1, -1, -1, -1
	st.flags = 0
	buyer := false
	loyal := false  // long-lived members visit more often
	fading := false // old members drifting away visit less
	switch {
	case whale:
		st.start, st.stop = max(rel, 0), never
		st.flags |= fWhale
		buyer = true
	case !pre:
		st.start = rel
		switch {
		case arch < 0.12: // registered and bounced
			st.stop = rel
			buyer = buyerU < 0.15
			if buyer {
				st.firstBuy = rel
			}
		case arch < 0.32:
			st.stop = rel + int32(life*60)
			buyer = buyerU < 0.6
		default:
			st.stop = rel + int32(life*800)
			loyal = true
			buyer = buyerU < 0.66
		}
		if buyer && st.firstBuy < 0 && fbU < 0.65 {
			st.firstBuy = rel + int32(fbDelay*6)
		}
	default:
		buyer = buyerU < 0.8
		switch {
		case arch < 0.25: // gone before the window
			st.start, st.stop = n, -1
		case arch < 0.33 && g.wbIdx >= 0: // won back
			wb := c.camps[g.wbIdx]
			s := c.windowDay(wb.start) + int32((arch-0.25)/0.08*float64(wb.end-wb.start+1))
			st.start, st.stop = s, s+int32(life*60)
			st.flags |= fRevival
			st.attrCamp, st.attrTill = g.wbIdx, s+14
			if buyer && fbU < 0.6 {
				st.firstBuy = s
			}
		case arch < 0.55: // fading out
			st.start, st.stop = 0, int32((arch-0.25)/0.3*260)
			fading = true
		default: // loyal
			st.start, st.stop = 0, int32(life*900)
			loyal = true
		}
	}
	if st.firstBuy >= 0 && st.firstBuy > st.stop {
		st.stop = st.firstBuy
	}
	if st.firstBuy >= n {
		st.firstBuy = -1
	}
	// A quiet member may come back once during the reactivation campaign.
	if g.rcIdx >= 0 && st.start <= st.stop {
		rc := c.camps[g.rcIdx]
		rs := c.windowDay(rc.start)
		if st.stop < rs && st.stop >= rs-90 && cbU < 0.25 {
			st.comeback = rs + int32(cbV*float64(rc.end-rc.start+1))
		}
	}

	// Visit rate: lognormal, signers visit more.
	sess := math.Exp(math.Log(0.0072) + 0.6*sessZ)
	if loyal || whale {
		sess *= 2.6
	} else if fading {
		sess *= 0.6
	}
	if signer {
		st.flags |= fSigner
		sess = max(sess*2, 0.05)
	}
	st.sess = float32(min(sess, 1.5))

	// Spend: Pareto order frequency, lognormal basket that grows with it.
	if buyer {
		st.flags |= fBuyer
		f := math.Min(1.6*math.Pow(fU, -1/1.2), 150)
		aov := 175 * math.Exp(0.5*aovZ) * (1 + 0.15*math.Log(f/1.6))
		if whale {
			s := math.Exp(math.Log(15000) + wU*math.Log(8)) // 15k … 120k yuan a year
			f = 30 + 50*wV
			aov = s / f
		}
		st.buy = float32(f / 365)
		st.aov = float32(aov)
	}
	if storeU < 0.55 && ch == chStore || storeU < 0.06 {
		st.flags |= fStore
	}
	st.ch = uint8(ch)
	if !pre && g.acIdx >= 0 && c.acq[rel] >= 0 && (acqU < 0.45 || ch == chCommunity && acqU < 0.8) {
		st.flags |= fAcq
	}

	if m == nil {
		return
	}
	m.ID = g.memberID(idx)
	var sb strings.Builder
	sur := surnames[int(float64(len(surnames))*math.Pow(sU, 2.2))]
	pool := givenM
	if female {
		pool = givenF
	}
	if gl < 0.33 {
		m.Name = sur + pool[g1]
	} else {
		m.Name = sur + pool[g1] + pool[g2]
	}
	sb.Reset()
	sb.WriteString(phonePrefixes[pfx])
	writePadded(&sb, (uint64(idx)*48271+g.perm)%100000000, 8)
	m.Phone = sb.String()
	m.Channel = Channels[ch]
	m.RegisteredAt = time.Unix(g.regUnix(regDay, rel, regSec), 0).In(g.cfg.Loc)
	ey, _, _ := g.cfg.End.Date()
	switch {
	case bU < 0.28:
		m.Birthday = ""
	case bU < 0.55:
		m.Birthday = pad2(bMonth) + "-" + pad2(bDay)
	default:
		m.Birthday = strconv.Itoa(ey-age) + "-" + pad2(bMonth) + "-" + pad2(bDay)
	}
	m.Consent = consent
	m.Tags = m.Tags[:0]
	if whale || buyer && st.buy*365 > 8 && tagU[0] < 0.9 {
		m.Tags = append(m.Tags, TagHighValue)
	}
	if female && age >= 24 && age <= 38 && tagU[1] < 0.35 {
		m.Tags = append(m.Tags, TagBaby)
		if tagU[2] < 0.7 {
			m.Tags = append(m.Tags, TagMom)
		}
	}
	if age <= 22 && tagU[2] < 0.6 {
		m.Tags = append(m.Tags, TagStudent)
	} else if age >= 23 && age <= 45 && tagU[3] < 0.4 {
		m.Tags = append(m.Tags, TagOffice)
	}
	if rel >= n-90 && tagU[3] < 0.8 {
		m.Tags = append(m.Tags, TagNew)
	} else if pre && tagU[0] < 0.7 {
		m.Tags = append(m.Tags, TagOld)
	}
}

// regUnix returns the Unix second of a registration.
func (g *gen) regUnix(d model.Day, rel int32, sec int32) int64 {
	if rel >= 0 {
		return g.cal.unix(int(rel), sec)
	}
	return dayUnix(d.Time(g.cfg.Loc).Unix(), (d + 1).Time(g.cfg.Loc).Unix(), sec)
}

func pad2(x int) string {
	if x < 10 {
		return "0" + strconv.Itoa(x)
	}
	return strconv.Itoa(x)
}

func writePadded(sb *strings.Builder, x uint64, width int) {
	var buf [20]byte
	i := len(buf)
	for x > 0 || i == len(buf) {
		i--
		buf[i] = byte('0' + x%10)
		x /= 10
	}
	for k := len(buf) - i; k < width; k++ {
		sb.WriteByte('0')
	}
	sb.Write(buf[i:])
}
