package store

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// Analysis is everything the Lifecycle and Members panes need, computed in one
// scan of the member summaries: the snapshot, the stage flow over the window
// and a compact per-member index (stage, tier, RFM group, spend …) that tables
// filter and sort without touching the database again. It is immutable once
// returned: views share it.
type Analysis struct {
	Snapshot model.Snapshot
	// Flow[from][to] counts members by stage at Window.From−1 (row; row
	// model.NumStages = not registered yet) and stage at Window.To (column).
	// Its cells sum to Snapshot.KPIs.MembersTotal.
	Flow [model.NumStages + 1][model.NumStages]int64
	// Members has one entry per member existing at Window.To, in seq order.
	Members []IndexEntry
	// Insight is the cohorts, points liability and tier lists as of
	// Window.To, when asked for (AnalyzeWithInsight); nil otherwise.
	Insight *model.Insight
	// TxID is the bbolt transaction the scan read: the data version the
	// analysis is true for (RememberSnapshots takes it).
	TxID int
}

// FlowNew is the row of Analysis.Flow for members registered inside the
// window (not yet members at Window.From−1).
const FlowNew = int(model.NumStages)

// IndexEntry is one member's evaluated state at the end of the window. It is
// 40 bytes, so the index of a million members takes 40 MB.
type IndexEntry struct {
	Seq          uint32
	Stage        model.Stage
	Tier         model.Tier
	Segment      int8      // a model.Segment, or -1 for members without a purchase
	Prev         int8      // stage at Window.From−1 (a model.Stage), or FlowNew: the flow matrix's row
	LastActive   model.Day // latest day with any event, or the registration day
	Reg          model.Day // registration day
	LastPurchase model.Day // valid when Purchases > 0
	Purchases    uint32    // purchase events up to Window.To
	SpendFen     int64     // Σ purchases − Σ refunds up to Window.To
	Growth       int64     // growth value at Window.To
}

// HasSegment reports whether the member is a buyer with an RFM group.
func (e *IndexEntry) HasSegment() bool { return e.Segment >= 0 }

// Analysis scans are split across goroutines, each over its own range of
// member sequence numbers in its own read transaction with its own
// model.Calc, merged at the end. Below minPartMembers members per part the
// split costs more than it saves.
const (
	maxParts       = 8
	minPartMembers = 1 << 15
	// snapshotTries is how often a split scan is retried when a write
	// committed between its transactions, before one single scan is done.
	snapshotTries = 3
)

// analysisPart is one goroutine's share of the scan.
type analysisPart struct {
	lo, hi  uint32 // seqs [lo, hi); hi is ignored for the last part
	last    bool
	calc    *model.Calc
	extra   []*model.Calc  // the extra windows' (the previous one …), when asked for
	means   model.RFMMeans // the part's buyers, summed as model.Calc sums them
	flow    [model.NumStages + 1][model.NumStages]int64
	members []IndexEntry // appended to; starts as a window of the shared slice
	insight *model.InsightCalc
	txid    int
	err     error
}

// Analyze scans every member summary once and returns the analysis of w.
//
// The scan is split over up to GOMAXPROCS goroutines (at most 8), each with
// its own read transaction over a contiguous range of member seqs. All parts
// must see the same committed state: each records its transaction id and,
// should a write have committed between their starts, the scan is repeated
// (finally as one single transaction). The index of members is allocated
// once, sized from the member counter, and filled in place.
func (s *Store) Analyze(r model.Rules, w model.Window) (*Analysis, error) {
	a, _, err := s.analyze(r, w, nil, 0)
	return a, err
}

// AnalyzeWithPrevious is Analyze(r, w) and Snapshot(r, prev) in the same
// scan: every summary is decoded once for both, which costs about half as
// much as the two scans apart (decoding is half the work of a scan).
func (s *Store) AnalyzeWithPrevious(r model.Rules, w, prev model.Window) (*Analysis, model.Snapshot, error) {
	return s.analyze(r, w, &prev, 0)
}

// analyze is Analyze split into p parts (p <= 0: chosen from GOMAXPROCS and
// the number of members), with the snapshot of prev when it is not nil.
func (s *Store) analyze(r model.Rules, w model.Window, prev *model.Window, p int) (*Analysis, model.Snapshot, error) {
	return s.analyzeInsight(r, w, prev, p, nil)
}

// AnalyzeWithWindows is Analyze(r, w) and the snapshots of the extra
// windows (in their order) in the same scan: the cockpit's full load takes
// the previous window and the windows of the active level targets' pacing
// this way, one decode of every summary for all of them.
func (s *Store) AnalyzeWithWindows(r model.Rules, w model.Window, extra []model.Window) (*Analysis, []model.Snapshot, error) {
	return s.analyzeWindows(r, w, extra, 0, nil)
}

// AnalyzeWithInsight is AnalyzeWithPrevious with the Analysis's Insight
// computed in the same scan (cfg.AsOf is set to w.To): the cockpit's full
// load, one decode of every summary for everything the panes show.
func (s *Store) AnalyzeWithInsight(r model.Rules, w, prev model.Window, cfg model.InsightConfig) (*Analysis, model.Snapshot, error) {
	cfg.AsOf = w.To
	return s.analyzeInsight(r, w, &prev, 0, &cfg)
}

// analyzeInsight is analyze with the insight of cfg when it is not nil.
func (s *Store) analyzeInsight(r model.Rules, w model.Window, prev *model.Window, p int, cfg *model.InsightConfig) (*Analysis, model.Snapshot, error) {
	var extra []model.Window
	if prev != nil {
		extra = []model.Window{*prev}
	}
	a, snaps, err := s.analyzeWindows(r, w, extra, p, cfg)
	var ps model.Snapshot
	if len(snaps) > 0 {
		ps = snaps[0]
	}
	return a, ps, err
}

// analyzeWindows is analyzeInsight with any number of extra windows.
func (s *Store) analyzeWindows(r model.Rules, w model.Window, extra []model.Window, p int, cfg *model.InsightConfig) (*Analysis, []model.Snapshot, error) {
	var n uint32
	if err := s.db.View(func(tx *bolt.Tx) error {
		n = uint32(getU64(tx.Bucket(bMeta), kNextSeq))
		return nil
	}); err != nil {
		return nil, nil, err
	}
	if p <= 0 {
		p = min(runtime.GOMAXPROCS(0), maxParts, max(int(n)/minPartMembers, 1))
	}
	all := make([]IndexEntry, 0, int(n)+int(n)/64+16)
	for try := 0; ; try++ {
		if try == snapshotTries {
			p = 1
		}
		parts := splitParts(n, p, all)
		var wg sync.WaitGroup
		for i := range parts {
			pt := &parts[i]
			pt.calc = model.NewCalc(r, w)
			for _, x := range extra {
				pt.extra = append(pt.extra, model.NewCalc(r, x))
			}
			if cfg != nil {
				pt.insight = model.NewInsightCalc(*cfg)
			}
			if i == len(parts)-1 {
				s.scanPart(r, w, pt) // the caller's goroutine takes the last part
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.scanPart(r, w, pt)
			}()
		}
		wg.Wait()
		same := true
		for i := range parts {
			if parts[i].err != nil {
				return nil, nil, parts[i].err
			}
			same = same && parts[i].txid == parts[0].txid
		}
		if !same && p > 1 {
			continue
		}
		ps := make([]model.Snapshot, len(extra))
		for k := range extra {
			pc := parts[0].extra[k]
			for i := 1; i < len(parts); i++ {
				pc.Merge(parts[i].extra[k])
			}
			ps[k] = pc.Result()
		}
		a := finishAnalysis(parts, all, w.To)
		a.TxID = parts[0].txid
		return a, ps, nil
	}
}

// splitParts divides seqs [0, n) into p contiguous ranges, each given its
// window of all's backing array to append to.
func splitParts(n uint32, p int, all []IndexEntry) []analysisPart {
	parts := make([]analysisPart, p)
	for i := range parts {
		lo := uint32(uint64(n) * uint64(i) / uint64(p))
		hi := uint32(uint64(n) * uint64(i+1) / uint64(p))
		end := int(hi)
		if i == p-1 {
			end = cap(all)
		}
		parts[i] = analysisPart{lo: lo, hi: hi, last: i == p-1, members: all[lo:lo:end]}
	}
	return parts
}

// scanPart evaluates the members of one part in its own read transaction.
func (s *Store) scanPart(r model.Rules, w model.Window, pt *analysisPart) {
	prev := w.From - 1
	pt.err = s.db.View(func(tx *bolt.Tx) error {
		pt.txid = tx.ID()
		var h model.MemberHistory
		c := tx.Bucket(bHistory).Cursor()
		for k, v := c.Seek(seqKey(pt.lo)); k != nil; k, v = c.Next() {
			seq := binary.BigEndian.Uint32(k)
			if !pt.last && seq >= pt.hi {
				break
			}
			if err := decodeHistory(v, &h); err != nil {
				return fmt.Errorf("summary of member seq %d: %w", seq, err)
			}
			for _, c := range pt.extra {
				c.Add(&h)
			}
			if pt.insight != nil {
				pt.insight.Add(seq, &h)
			}
			st, ok := pt.calc.Add(&h)
			if !ok {
				continue
			}
			from := FlowNew
			if h.Reg <= prev {
				from = int(stageBefore(r, &h, &st, prev, w.To))
			}
			pt.flow[from][st.Stage]++
			if st.Purchases > 0 {
				pt.means.Add(int64(w.To-st.LastPurchase), st.Purchases, st.SpendFen)
			}
			pt.members = append(pt.members, IndexEntry{
				Seq: seq, Stage: st.Stage, Tier: st.Tier, Segment: -1, Prev: int8(from),
				LastActive: st.LastActive, Reg: h.Reg, LastPurchase: st.LastPurchase,
				Purchases: uint32(min(st.Purchases, 1<<32-1)), SpendFen: st.SpendFen, Growth: st.Growth,
			})
		}
		return nil
	})
}

// snapshotScan is the snapshot of w alone, split over the cores as
// analyze is (each part its own read transaction, all of them the same
// committed state, else retried and finally done in one), without the
// per-member index. It returns the transaction id the scan read.
func (s *Store) snapshotScan(r model.Rules, w model.Window) (model.Snapshot, int, error) {
	snaps, txid, err := s.snapshotsScan(r, []model.Window{w})
	if err != nil {
		return model.Snapshot{}, 0, err
	}
	return snaps[0], txid, nil
}

// snapshotsScan is snapshotScan for several windows in the same scan
// (scanHistories: balanced ranges over the cores, one committed state).
func (s *Store) snapshotsScan(r model.Rules, ws []model.Window) ([]model.Snapshot, int, error) {
	var calcs [][]*model.Calc
	txid, err := s.scanHistoriesTx(0, func(parts int) []func(uint32, *model.MemberHistory) {
		calcs = make([][]*model.Calc, parts)
		fns := make([]func(uint32, *model.MemberHistory), parts)
		for i := range fns {
			cs := make([]*model.Calc, len(ws))
			for k, w := range ws {
				cs[k] = model.NewCalc(r, w)
			}
			calcs[i] = cs
			fns[i] = func(_ uint32, h *model.MemberHistory) {
				for _, c := range cs {
					c.Add(h)
				}
			}
		}
		return fns
	})
	if err != nil {
		return nil, 0, err
	}
	out := make([]model.Snapshot, len(ws))
	for k := range ws {
		c := calcs[0][k]
		for i := 1; i < len(calcs); i++ {
			c.Merge(calcs[i][k])
		}
		out[k] = c.Result()
	}
	return out, txid, nil
}

// finishAnalysis merges the parts: counts and flows add up, the members'
// windows are joined in seq order (in place when every part filled its window
// exactly, as it does unless members were added meanwhile or are registered
// after the window), and buyers are classified into RFM groups against the
// merged means, in parallel with the snapshot's own classification.
func finishAnalysis(parts []analysisPart, all []IndexEntry, to model.Day) *Analysis {
	a := &Analysis{}
	calc := parts[0].calc
	for i := range parts {
		pt := &parts[i]
		if i > 0 {
			calc.Merge(pt.calc)
		}
		for f := range pt.flow {
			for t := range pt.flow[f] {
				a.Flow[f][t] += pt.flow[f][t]
			}
		}
	}
	members := all[:0]
	for i := range parts {
		m := parts[i].members
		switch {
		case len(m) == 0:
		case len(members) < cap(all) && &m[0] == &all[:cap(all)][len(members)]:
			members = members[:len(members)+len(m)] // already in place
		default:
			members = append(members, m...) // memmove: never overlaps ahead
		}
	}
	a.Members = members

	// The snapshot classifies its buyers itself; the index's buyers are
	// classified meanwhile against the same means (summed by the parts as
	// model.Calc sums them), in as many goroutines as there were parts.
	var means model.RFMMeans
	for i := range parts {
		pm := parts[i].means
		means.N += pm.N
		means.SumR += pm.SumR
		means.SumF += pm.SumF
		means.SumM += pm.SumM
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.Snapshot = calc.Result()
	}()
	if in := parts[0].insight; in != nil {
		for i := 1; i < len(parts); i++ {
			in.Merge(parts[i].insight)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.Insight = in.Result()
		}()
	}
	p := len(parts)
	for i := 0; i < p; i++ {
		lo, hi := len(members)*i/p, len(members)*(i+1)/p
		wg.Add(1)
		go func() {
			defer wg.Done()
			classify(members[lo:hi], means, to)
		}()
	}
	wg.Wait()
	return a
}

// classify sets the RFM group of every buyer among es: R is days from the
// last purchase to the window's end, F purchases, M spend.
func classify(es []IndexEntry, m model.RFMMeans, to model.Day) {
	for i := range es {
		e := &es[i]
		if e.Purchases > 0 {
			e.Segment = int8(m.Segment(int64(to-e.LastPurchase), int64(e.Purchases), e.SpendFen))
		}
	}
}

// stageBefore is the member's stage at the end of day d, a day before w.To
// where st, the status at w.To, was evaluated: r.Evaluate(h, d).Stage, but
// found by walking back from w.To over the days after d only (taking their
// purchases and spend off st's) and then to the last active day on or before
// d. Most members did little within the window, so this touches a few entries
// instead of the whole history.
func stageBefore(r model.Rules, h *model.MemberHistory, st *model.MemberStatus, d, to model.Day) model.Stage {
	purchases, spend := st.Purchases, st.SpendFen
	i := len(h.Days) - 1
	for i >= 0 && h.Days[i].Day > to {
		i--
	}
	for ; i >= 0 && h.Days[i].Day > d; i-- {
		a := &h.Days[i]
		purchases -= int64(a.Count[model.KindPurchase])
		spend -= a.PurchaseFen - a.RefundFen
	}
	last := h.Reg
	for ; i >= 0; i-- {
		if h.Days[i].Events() > 0 {
			last = h.Days[i].Day
			break
		}
	}
	return r.Stage(int(d-last), purchases, spend)
}
