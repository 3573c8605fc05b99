package model

import (
	"strconv"
	"time"
)

// MonthDay is a birthday without its year: month×32 + day, 0 when unknown.
type MonthDay uint16

// BirthdayMonthDay returns the month and day of a member's birthday field
// (as ParseBirthday accepts it: "MM-DD", a date, "3月5日" …), or 0 when it is
// empty or not a birthday.
func BirthdayMonthDay(s string) MonthDay {
	n, err := ParseBirthday(s)
	if err != nil || n == "" {
		return 0
	}
	if len(n) == 10 {
		n = n[5:]
	}
	if len(n) != 5 {
		return 0
	}
	m, err1 := strconv.Atoi(n[:2])
	d, err2 := strconv.Atoi(n[3:])
	if err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m)) {
		return 0
	}
	return MonthDay(m*32 + d)
}

// daysIn is the longest a month can be (February: 29).
func daysIn(m time.Month) int {
	switch m {
	case time.February:
		return 29
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// MonthDayOf returns the month and day of d.
func MonthDayOf(d Day) MonthDay {
	_, m, dd := d.Date()
	return MonthDay(int(m)*32 + dd)
}

// AudienceMember is what audience matching reads of one member: its state as
// of the as-of day and its profile, with channel and tags as 1-based ids into
// the lists given to Audience.Matcher (0: none).
type AudienceMember struct {
	Stage      Stage
	Tier       Tier
	Segment    Segment
	HasSegment bool // a buyer with an RFM group
	Consent    bool
	Channel    int
	Tags       []uint32
	Birthday   MonthDay
	// Seq is the member's sequence number (the source's index), which the
	// saved-segment filter looks up.
	Seq uint32
	// Member is set by sources that hold every seq in memory
	// (AudienceMemory): whether the seq is a member as of the day.
	Member bool
}

// AudienceMatcher answers whether a member is in an audience. Build one with
// Audience.Matcher; Match is a few loads and compares, so a million members
// are matched in a few milliseconds.
type AudienceMatcher struct {
	stages   uint32 // bit per stage; 0: any
	tiers    uint32
	segments uint32
	channels []bool // by channel id; nil: any
	tags     []bool // by tag id; nil: any
	noTag    bool   // tags were asked for but none is known: nobody matches
	noChan   bool
	birthday *[13 * 32]bool // nil: any
	segment  bool           // a saved segment was asked for
	inSeg    []bool         // by seq: in the saved segment (nil: nobody)
}

// WithSegment gives the matcher the members of the audience's saved segment,
// by seq (in[seq] true: in the segment). Until it is given, or when in is
// nil (the segment was deleted), an audience with a Segment matches nobody.
// It has no effect on an audience without a Segment. It returns m.
func (m *AudienceMatcher) WithSegment(in []bool) *AudienceMatcher {
	m.inSeg = in
	return m
}

// SegmentSet turns member seqs into the by-seq set WithSegment takes.
func SegmentSet(seqs []uint32) []bool {
	n := 0
	for _, s := range seqs {
		n = max(n, int(s)+1)
	}
	in := make([]bool, n)
	for _, s := range seqs {
		in[s] = true
	}
	return in
}

// Matcher prepares the audience for Match. channels and tags are the names
// behind the members' ids (id k is names[k-1]); a name no member carries
// matches nobody. Birthday matching uses the campaign window w: a member
// matches when the month and day of the birthday fall on a day of w (a
// 29 February birthday also matches 28 February of a year without one).
func (a Audience) Matcher(channels, tags []string, w Window) *AudienceMatcher {
	m := &AudienceMatcher{segment: a.Segment != ""}
	for _, s := range a.Stages {
		m.stages |= 1 << s
	}
	for _, t := range a.Tiers {
		m.tiers |= 1 << t
	}
	for _, s := range a.Segments {
		m.segments |= 1 << s
	}
	if len(a.Channels) > 0 {
		m.channels = make([]bool, len(channels)+1)
		m.noChan = true
		for i, n := range channels {
			for _, want := range a.Channels {
				if n == want {
					m.channels[i+1], m.noChan = true, false
				}
			}
		}
	}
	if len(a.Tags) > 0 {
		m.tags = make([]bool, len(tags)+1)
		m.noTag = true
		for i, n := range tags {
			for _, want := range a.Tags {
				if n == want {
					m.tags[i+1], m.noTag = true, false
				}
			}
		}
	}
	if a.Birthday {
		var set [13 * 32]bool
		for d := w.From; d <= w.To && d < w.From+366; d++ {
			md := MonthDayOf(d)
			set[md] = true
			if y, mo, dd := d.Date(); mo == time.February && dd == 28 && !isLeap(y) {
				set[2*32+29] = true
			}
		}
		m.birthday = &set
	}
	return m
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// Match reports whether the member is in the audience: it consented and
// matches every field that was given.
func (m *AudienceMatcher) Match(x *AudienceMember) bool {
	if !x.Consent {
		return false
	}
	if m.stages != 0 && m.stages&(1<<x.Stage) == 0 {
		return false
	}
	if m.tiers != 0 && m.tiers&(1<<x.Tier) == 0 {
		return false
	}
	if m.segments != 0 && (!x.HasSegment || m.segments&(1<<x.Segment) == 0) {
		return false
	}
	if m.channels != nil && (m.noChan || x.Channel <= 0 || x.Channel >= len(m.channels) || !m.channels[x.Channel]) {
		return false
	}
	if m.tags != nil {
		if m.noTag {
			return false
		}
		found := false
		for _, t := range x.Tags {
			if int(t) < len(m.tags) && m.tags[t] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if m.birthday != nil && (x.Birthday == 0 || !m.birthday[x.Birthday]) {
		return false
	}
	if m.segment && (int(x.Seq) >= len(m.inSeg) || !m.inSeg[x.Seq]) {
		return false
	}
	return true
}

// AudienceSource is the members audience matching walks: Len members, each
// read into x by At, which reports false for a seq that is not a member as
// of the as-of day (not registered yet, or a gap). The store implements it
// over its analysis and profile indexes.
type AudienceSource interface {
	Len() int
	At(i int, x *AudienceMember) bool
}

// AudienceMemory is implemented by a source that holds every seq's member
// in memory (index = seq, Member set for members as of the day): matching
// then walks the slice with no interface call per member, which is what
// keeps a million members within a few milliseconds.
type AudienceMemory interface {
	AudienceMembers() []AudienceMember
}

// AudienceSize counts the members of src the matcher accepts.
func AudienceSize(src AudienceSource, m *AudienceMatcher) int64 {
	if mem, ok := src.(AudienceMemory); ok {
		var n int64
		xs := mem.AudienceMembers()
		for i := range xs {
			if xs[i].Member && m.Match(&xs[i]) {
				n++
			}
		}
		return n
	}
	var x AudienceMember
	var n int64
	for i, l := 0, src.Len(); i < l; i++ {
		if src.At(i, &x) && m.Match(&x) {
			n++
		}
	}
	return n
}

// AudienceMembers returns the indexes (member seqs) of the members of src
// the matcher accepts, ascending.
func AudienceMembers(src AudienceSource, m *AudienceMatcher) []uint32 {
	if mem, ok := src.(AudienceMemory); ok {
		var out []uint32
		xs := mem.AudienceMembers()
		for i := range xs {
			if xs[i].Member && m.Match(&xs[i]) {
				out = append(out, uint32(i))
			}
		}
		return out
	}
	var x AudienceMember
	var out []uint32
	for i, l := 0, src.Len(); i < l; i++ {
		if src.At(i, &x) && m.Match(&x) {
			out = append(out, uint32(i))
		}
	}
	return out
}

// AudienceMasks walks src once and calls fn for every member in at least one
// of the audiences, with bit k of mask set when it is in audience k (at most
// 32 audiences).
func AudienceMasks(src AudienceSource, ms []*AudienceMatcher, fn func(seq uint32, mask uint32)) {
	ms = ms[:min(len(ms), 32)]
	if mem, ok := src.(AudienceMemory); ok {
		xs := mem.AudienceMembers()
		for i := range xs {
			x := &xs[i]
			if !x.Member || !x.Consent {
				continue
			}
			var mask uint32
			for k, m := range ms {
				if m.Match(x) {
					mask |= 1 << k
				}
			}
			if mask != 0 {
				fn(uint32(i), mask)
			}
		}
		return
	}
	var x AudienceMember
	for i, l := 0, src.Len(); i < l; i++ {
		if !src.At(i, &x) {
			continue
		}
		var mask uint32
		for k, m := range ms[:min(len(ms), 32)] {
			if m.Match(&x) {
				mask |= 1 << k
			}
		}
		if mask != 0 {
			fn(uint32(i), mask)
		}
	}
}
