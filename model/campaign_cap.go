package model

import (
	"slices"
	"strings"
)

// The frequency cap (频次控制): each campaign touches each member of its
// audience once per channel at some time during its touch period [TouchFrom,
// End]; a member may be touched at most cap times in any CapDays-day window
// across campaigns. Since the day of each touch inside a period is not known
// in advance, every touch of every campaign whose period meets a window is
// counted in it: two campaigns whose periods are less than CapDays days apart
// both count. The cap of a group of campaigns is the smallest of their caps
// (the strictest wins).

// FatigueCandidates returns the campaigns the fatigue guard looks at as of
// asOf: the ones live or in warm-up, ordered by touch start then id (the
// order in which a campaign's audience is entitled to the cap).
func FatigueCandidates(cs []Campaign, asOf Day) []Campaign {
	var out []Campaign
	for _, c := range cs {
		if s := c.Status(asOf); s == StatusLive || s == StatusWarmup {
			out = append(out, c)
		}
	}
	SortByTouch(out)
	return out
}

// SortByTouch orders campaigns by touch start, then id: the priority of the
// frequency cap (an earlier campaign keeps its touches).
func SortByTouch(cs []Campaign) {
	slices.SortStableFunc(cs, func(a, b Campaign) int {
		if a.TouchFrom() != b.TouchFrom() {
			return int(a.TouchFrom() - b.TouchFrom())
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// CapConflict is one group of campaigns that together push members over the
// cap.
type CapConflict struct {
	Campaigns []string // ids, in the order of the campaigns given
	From, To  Day      // the days they overlap (or, apart by less than CapDays days, the gap between them)
	Members   int64    // members over the cap through exactly this group
}

// Fatigue is the fatigue guard's finding over a set of campaigns.
type Fatigue struct {
	OverCap   int64 // distinct members over the cap in at least one window
	Conflicts []CapConflict
	Involved  []string // ids of the campaigns in any conflict, in the order given
}

// capWindows returns the distinct sets of campaigns (as bit masks) whose touch
// periods meet a common CapDays-day window, one per start day at which the
// set of campaigns meeting the window changes. Window [d, d+CapDays−1] meets
// period [a, b] when a−CapDays+1 ≤ d ≤ b.
func capWindows(cs []Campaign) []uint32 {
	var starts []Day
	for _, c := range cs {
		starts = append(starts, c.TouchFrom()-CapDays+1, c.End+1)
	}
	seen := map[uint32]bool{}
	var out []uint32
	for _, d := range starts {
		var set uint32
		for k, c := range cs[:min(len(cs), 32)] {
			if c.TouchFrom()-CapDays+1 <= d && d <= c.End {
				set |= 1 << k
			}
		}
		if set != 0 && !seen[set] {
			seen[set] = true
			out = append(out, set)
		}
	}
	return out
}

// overCap reports whether the campaigns of set touch a member more often than
// their cap.
func overCap(cs []Campaign, set uint32) bool {
	touches, limit := 0, 0
	for k := range cs[:min(len(cs), 32)] {
		if set&(1<<k) != 0 {
			touches += cs[k].Touches()
			if limit == 0 || cs[k].EffectiveCap() < limit {
				limit = cs[k].EffectiveCap()
			}
		}
	}
	return touches > limit
}

// FrequencyCheck finds the members the campaigns cs would touch more often
// than the cap. masks counts members by the audiences they are in (bit k:
// in cs[k]'s audience), as AudienceMasks yields them. cs holds at most 32
// campaigns (the guard looks at the live and warm-up ones).
func FrequencyCheck(cs []Campaign, masks map[uint32]int64) Fatigue {
	var f Fatigue
	wins := capWindows(cs)
	type key = uint32
	conflicts := map[key]int64{}
	var order []key
	involved := uint32(0)
	for mask, n := range masks {
		over := false
		var counted []uint32 // a member counts once per group, however many windows
		for _, w := range wins {
			set := mask & w
			if set == 0 || slices.Contains(counted, set) || !overCap(cs, set) {
				continue
			}
			counted = append(counted, set)
			over = true
			if _, ok := conflicts[set]; !ok {
				order = append(order, set)
			}
			conflicts[set] += n
			involved |= set
		}
		if over {
			f.OverCap += n
		}
	}
	slices.Sort(order)
	for _, set := range order {
		cf := CapConflict{Members: conflicts[set]}
		var maxFrom, minEnd Day
		first := true
		for k := range cs[:min(len(cs), 32)] {
			if set&(1<<k) == 0 {
				continue
			}
			cf.Campaigns = append(cf.Campaigns, cs[k].ID)
			if first || cs[k].TouchFrom() > maxFrom {
				maxFrom = cs[k].TouchFrom()
			}
			if first || cs[k].End < minEnd {
				minEnd = cs[k].End
			}
			first = false
		}
		cf.From, cf.To = min(maxFrom, minEnd), max(maxFrom, minEnd)
		f.Conflicts = append(f.Conflicts, cf)
	}
	slices.SortStableFunc(f.Conflicts, func(a, b CapConflict) int {
		if a.Members != b.Members {
			if a.Members > b.Members {
				return -1
			}
			return 1
		}
		return slices.Compare(a.Campaigns, b.Campaigns)
	})
	for k := range cs[:min(len(cs), 32)] {
		if involved&(1<<k) != 0 {
			f.Involved = append(f.Involved, cs[k].ID)
		}
	}
	return f
}

// CapGuard decides, for an audience handed over for campaign cs[x], which
// members may still be touched: a member is left out when cs[x]'s touches,
// added to those of the campaigns before it in cs that hold the member and
// meet a common window with cs[x], exceed the cap. cs must be in priority
// order (SortByTouch). Decisions are cached per mask.
type CapGuard struct {
	cs    []Campaign
	x     int
	wins  []uint32
	cache map[uint32]bool
}

// NewCapGuard prepares the guard for cs[x].
func NewCapGuard(cs []Campaign, x int) *CapGuard {
	return &CapGuard{cs: cs, x: x, wins: capWindows(cs), cache: map[uint32]bool{}}
}

// Allowed reports whether a member in the audiences of mask (bit k: cs[k])
// may be touched by cs[x].
func (g *CapGuard) Allowed(mask uint32) bool {
	if ok, hit := g.cache[mask]; hit {
		return ok
	}
	self := uint32(1) << g.x
	prior := self | (self - 1) // cs[0..x]
	ok := true
	for _, w := range g.wins {
		set := mask & w & prior
		if set&self != 0 && overCap(g.cs, set|self) {
			ok = false
			break
		}
	}
	g.cache[mask] = ok
	return ok
}
