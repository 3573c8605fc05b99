package members

import (
	"cmp"
	"slices"

	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
)

// SortKey orders the table.
type SortKey int

// Sort keys, in the order o cycles through them.
const (
	SortSeq    SortKey = iota // import order (member seq), ascending
	SortSpend                 // spend, highest first
	SortActive                // last activity, most recent first
	SortReg                   // registration, newest first
	NumSorts
)

var sortNames = [NumSorts]string{"seq", "spend", "active", "reg"}

// Query is everything that decides which members the table lists, in which
// order. Stage, Tier and Segment are -1 for any; Channel and Tag are ids of
// the loaded store.Profiles (0 for any).
type Query struct {
	Stage, Tier, Segment int
	Channel, Tag         int
	Text                 string
	Sort                 SortKey
	Reverse              bool
	// Flow is a row of the flow matrix (stage at the window's start, or
	// store.FlowNew), -1 for any; List a computed list, nil for none.
	Flow int
	List *common.MemberList
}

// NoFilter is the query listing everyone in import order.
func NoFilter() Query { return Query{Stage: -1, Tier: -1, Segment: -1, Flow: -1} }

// Filtered reports whether any filter or search is set (sorting aside).
func (q Query) Filtered() bool {
	return q.Stage >= 0 || q.Tier >= 0 || q.Segment >= 0 || q.Channel > 0 || q.Tag > 0 || q.Text != "" ||
		q.Flow >= 0 || q.List != nil
}

func (q Query) profileFilter() store.ProfileFilter {
	return store.ProfileFilter{Text: q.Text, Channel: q.Channel, Tag: q.Tag}
}

// descending reports whether the rows run from the largest key down.
func (q Query) descending() bool { return (q.Sort != SortSeq) != q.Reverse }

// viewRequest is one computation of the table's rows. It holds only
// immutable inputs, so it runs in a tea.Cmd while the model goes on.
type viewRequest struct {
	id    uint64
	q     Query
	a     *store.Analysis
	p     *store.Profiles // nil until loaded
	order []uint32        // a's members sorted by q.Sort ascending, when cached
	keep  int64           // the seq to keep the cursor on, or -1
	// share returns a slice of a's member indexes named by (rows, sort,
	// descending) from the process's Hub, computing it with f once for
	// every session on the same analysis (nil: compute here). rows false
	// is the ascending order by the key; true the unfiltered rows.
	share func(rows bool, s SortKey, desc bool, f func() []uint32) []uint32
}

// viewComputed is the result of a viewRequest.
type viewComputed struct {
	id      uint64
	q       Query
	a       *store.Analysis
	p       *store.Profiles
	rows    []uint32 // indices into a.Members, filtered and in order
	order   []uint32 // the ascending order used, for the cache (nil for SortSeq)
	cursor  int      // the row of keep, or -1
	spendW  int      // widest spend of a, formatted
	pending bool     // a profile filter waits for the profiles
	consent int      // rows whose member consented (-1: profiles not loaded)
}

// run filters and sorts. At a million members: a filter pass is a few
// milliseconds, a text search a few tens, a first sort by a key ~100 ms
// (then cached per analysis).
func (r viewRequest) run() viewComputed {
	out := viewComputed{id: r.id, q: r.q, a: r.a, p: r.p, cursor: -1}
	if r.a == nil {
		return out
	}
	ms := r.a.Members
	order := r.order
	if order == nil && r.q.Sort != SortSeq {
		sort := func() []uint32 { return sortOrder(ms, r.q.Sort) }
		if r.share != nil {
			order = r.share(false, r.q.Sort, false, sort)
		} else {
			order = sort()
		}
	}
	out.order = order
	out.spendW = spendWidth(ms)

	var pm *store.ProfileMatcher
	if pf := r.q.profileFilter(); !pf.IsZero() {
		if r.p == nil {
			out.pending = true
			return out
		}
		pm = r.p.Matcher(pf)
	}
	q := r.q
	match := func(e *store.IndexEntry) bool {
		return (q.Stage < 0 || int(e.Stage) == q.Stage) &&
			(q.Tier < 0 || int(e.Tier) == q.Tier) &&
			(q.Segment < 0 || int(e.Segment) == q.Segment) &&
			(q.Flow < 0 || int(e.Prev) == q.Flow) &&
			(q.List == nil || q.List.Has(e.Seq)) &&
			(pm == nil || pm.Match(e.Seq))
	}
	n := len(ms)
	at := func(k int) uint32 { // the k-th index in the chosen order
		if order == nil {
			return uint32(k)
		}
		return order[k]
	}
	build := func() []uint32 {
		var rows []uint32
		if !q.Filtered() {
			rows = make([]uint32, 0, n)
		}
		for k := range n {
			if q.descending() {
				k = n - 1 - k
			}
			i := at(k)
			if match(&ms[i]) {
				rows = append(rows, i)
			}
		}
		return rows
	}
	// Everyone's unfiltered table is the same rows: shared (4 MB a session
	// at a million members otherwise).
	if !q.Filtered() && r.share != nil {
		out.rows = r.share(true, q.Sort, q.descending(), build)
	} else {
		out.rows = build()
	}
	rows := out.rows
	if q.List != nil && q.Sort == SortSeq {
		// A computed list keeps its own order (most urgent first); a list
		// is a filter, so these rows are this request's own, not shared.
		// Each row's rank is looked up once (not twice per comparison: a
		// 60,000-member birthday list took 110 ms at a million members).
		// Ranks are distinct, so the order is the same as a stable sort's.
		ranked := make([]uint64, len(rows))
		for k, i := range rows {
			r := uint64(uint32(q.List.Rank(ms[i].Seq)))
			if q.Reverse {
				r = ^r & 0xFFFFFFFF
			}
			ranked[k] = r<<32 | uint64(i)
		}
		slices.Sort(ranked)
		for k, v := range ranked {
			rows[k] = uint32(v)
		}
	}
	out.consent = -1
	if r.p != nil {
		out.consent = 0
		for _, i := range rows {
			if r.p.Consent(ms[i].Seq) {
				out.consent++
			}
		}
	}
	if r.keep >= 0 {
		for k, i := range rows {
			if int64(ms[i].Seq) == r.keep {
				out.cursor = k
				break
			}
		}
	}
	return out
}

func dirSign(reverse bool) int {
	if reverse {
		return -1
	}
	return 1
}

// sortOrder returns the indices of ms sorted by key ascending, ties in seq
// order. Days and spends that fit in 32 bits are packed with the index into
// one uint64, which sorts several times faster than a comparison function.
func sortOrder(ms []store.IndexEntry, k SortKey) []uint32 {
	key := func(e *store.IndexEntry) int64 {
		switch k {
		case SortSpend:
			return e.SpendFen
		case SortActive:
			return int64(e.LastActive)
		case SortReg:
			return int64(e.Reg)
		}
		return 0
	}
	fits := true
	for i := range ms {
		if v := key(&ms[i]); v < -1<<31 || v >= 1<<31 {
			fits = false
			break
		}
	}
	out := make([]uint32, len(ms))
	if fits {
		packed := make([]uint64, len(ms))
		for i := range ms {
			packed[i] = uint64(uint32(int32(key(&ms[i]))^-1<<31))<<32 | uint64(i)
		}
		slices.Sort(packed)
		for i, p := range packed {
			out[i] = uint32(p)
		}
		return out
	}
	type kv struct {
		k int64
		i uint32
	}
	kvs := make([]kv, len(ms))
	for i := range ms {
		kvs[i] = kv{key(&ms[i]), uint32(i)}
	}
	slices.SortFunc(kvs, func(a, b kv) int {
		if c := cmp.Compare(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for i, p := range kvs {
		out[i] = p.i
	}
	return out
}

// spendWidth is the width of the widest spend of ms as the table shows it.
func spendWidth(ms []store.IndexEntry) int {
	var lo, hi int64
	for i := range ms {
		lo, hi = min(lo, ms[i].SpendFen), max(hi, ms[i].SpendFen)
	}
	return max(lipgloss.Width(format.Money(lo)), lipgloss.Width(format.Money(hi)))
}
