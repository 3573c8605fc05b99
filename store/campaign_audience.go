package store

import (
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// LoadBirthdays reads every member's birthday as a month and day, indexed by
// seq (0: none), for the "birthday in the campaign's dates" audience filter.
// It is one pass over the profiles: load it with the profiles, not per frame.
func (s *Store) LoadBirthdays() ([]model.MonthDay, error) {
	var out []model.MonthDay
	err := s.db.View(func(tx *bolt.Tx) error {
		out = make([]model.MonthDay, getU64(tx.Bucket(bMeta), kNextSeq))
		return tx.Bucket(bMembers).ForEach(func(k, v []byte) error {
			seq := binary.BigEndian.Uint32(k)
			d := dec{b: v}
			d.bytes() // id
			d.bytes() // name
			d.bytes() // phone
			d.bytes() // channel
			b := d.bytes()
			if d.err != nil {
				return fmt.Errorf("member seq %d: %w", seq, d.err)
			}
			if len(b) > 0 && int(seq) < len(out) {
				out[seq] = model.BirthdayMonthDay(string(b))
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("load birthdays: %w", err)
	}
	return out, nil
}

// AudienceIndex joins what audience matching reads of every member: the
// state as of the analysis's day (stage, tier, RFM group) and the profile
// (consent, acquisition channel, tags, birthday). It implements
// model.AudienceSource over member seqs; immutable, safe to share.
type AudienceIndex struct {
	a     *Analysis
	p     *Profiles
	bdays []model.MonthDay
	at    []int32                // seq → index in a.Members, or −1 (not a member as of the day)
	mem   []model.AudienceMember // seq → the member as matching reads it (model.AudienceMemory)
	segs  map[string][]bool      // saved segment id → its members by seq (Store.SegmentSets)
}

// WithSegments returns a copy of the index that resolves audiences naming a
// saved segment (model.Audience.Segment) through segs, as Store.SegmentSets
// returns it. Without it, or for an id segs lacks (a deleted segment), such
// an audience is empty: a list that is gone never widens a send.
func (ix *AudienceIndex) WithSegments(segs map[string][]bool) *AudienceIndex {
	if len(segs) == 0 && len(ix.segs) == 0 {
		return ix // nothing to add: sessions keep sharing the one index
	}
	c := *ix
	c.segs = segs
	return &c
}

// NewAudienceIndex builds the index (a few milliseconds at a million members).
// bdays may be nil when no birthday filter is needed.
func NewAudienceIndex(a *Analysis, p *Profiles, bdays []model.MonthDay) *AudienceIndex {
	n := p.Len()
	ix := &AudienceIndex{a: a, p: p, bdays: bdays, at: make([]int32, n)}
	for i := range ix.at {
		ix.at[i] = -1
	}
	for i := range a.Members {
		if s := a.Members[i].Seq; int(s) < n {
			ix.at[s] = int32(i)
		}
	}
	// Every member read once here (about 48 bytes each), so that a count
	// walks a slice: ~5 ns a member instead of ~80 through At.
	ix.mem = make([]model.AudienceMember, n)
	for i := range ix.mem {
		ix.mem[i].Member = ix.At(i, &ix.mem[i])
	}
	return ix
}

// AudienceMembers hands matching every seq's member (model.AudienceMemory).
func (ix *AudienceIndex) AudienceMembers() []model.AudienceMember { return ix.mem }

// Len is the number of member seqs.
func (ix *AudienceIndex) Len() int { return len(ix.at) }

// At reads member seq i; false when it is not a member as of the day.
func (ix *AudienceIndex) At(i int, x *model.AudienceMember) bool {
	j := ix.at[i]
	if j < 0 || !ix.p.Has(uint32(i)) {
		return false
	}
	e := &ix.a.Members[j]
	x.Seq = uint32(i)
	x.Stage, x.Tier = e.Stage, e.Tier
	x.HasSegment = e.HasSegment()
	if x.HasSegment {
		x.Segment = model.Segment(e.Segment)
	}
	x.Consent = ix.p.Consent(uint32(i))
	x.Channel = ix.p.ChannelID(uint32(i))
	x.Tags = ix.p.TagIDs(uint32(i))
	x.Birthday = 0
	if i < len(ix.bdays) {
		x.Birthday = ix.bdays[i]
	}
	return true
}

// Profiles is the profile index the audience reads.
func (ix *AudienceIndex) Profiles() *Profiles { return ix.p }

// Entry returns the analysis entry of member seq (nil when not a member).
func (ix *AudienceIndex) Entry(seq uint32) *IndexEntry {
	if int(seq) >= len(ix.at) || ix.at[seq] < 0 {
		return nil
	}
	return &ix.a.Members[ix.at[seq]]
}

// Matcher prepares c's audience against this index's channel and tag names.
func (ix *AudienceIndex) Matcher(a model.Audience, w model.Window) *model.AudienceMatcher {
	m := a.Matcher(ix.p.Channels(), ix.p.Tags(), w)
	if a.Segment != "" {
		m.WithSegment(ix.segs[a.Segment])
	}
	return m
}

// CampaignMatcher prepares campaign c's audience (birthdays over its dates).
func (ix *AudienceIndex) CampaignMatcher(c *model.Campaign) *model.AudienceMatcher {
	return ix.Matcher(c.Audience, model.Window{From: c.Start, To: c.End})
}

// Size counts c's audience.
func (ix *AudienceIndex) Size(c *model.Campaign) int64 {
	return model.AudienceSize(ix, ix.CampaignMatcher(c))
}

// Fatigue runs the frequency-cap check over cs (at most 32: the live and
// warm-up campaigns, model.FatigueCandidates).
func (ix *AudienceIndex) Fatigue(cs []model.Campaign) model.Fatigue {
	if len(cs) == 0 {
		return model.Fatigue{}
	}
	ms := make([]*model.AudienceMatcher, len(cs))
	for i := range cs {
		ms[i] = ix.CampaignMatcher(&cs[i])
	}
	masks := map[uint32]int64{}
	model.AudienceMasks(ix, ms, func(_ uint32, mask uint32) {
		if mask&(mask-1) != 0 || cs[maskIndex(mask)].Touches() > cs[maskIndex(mask)].EffectiveCap() {
			masks[mask]++
		}
	})
	return model.FrequencyCheck(cs, masks)
}

func maskIndex(mask uint32) int {
	i := 0
	for mask > 1 {
		mask >>= 1
		i++
	}
	return i
}

// HandOver is an audience ready to be handed to a sending tool.
type HandOver struct {
	Seqs     []uint32 // members to send to, ascending
	Audience int64    // members of the audience before the cap
	OverCap  int64    // members left out because the cap would be exceeded
}

// CappedAudience returns c's audience less the members the frequency cap
// keeps it from touching, given the other campaigns live or in warm-up as of
// asOf (earlier ones keep their touches, model.CapGuard). With ignoreCap every
// member of the audience is returned.
func (ix *AudienceIndex) CappedAudience(all []model.Campaign, c model.Campaign, asOf model.Day, ignoreCap bool) HandOver {
	var others []model.Campaign
	for _, o := range model.FatigueCandidates(all, asOf) {
		if o.ID != c.ID {
			others = append(others, o)
		}
	}
	cs := append(others, c)
	model.SortByTouch(cs)
	if len(cs) > 32 {
		cs = cs[len(cs)-32:] // the latest 32: c is kept (a real programme has far fewer)
	}
	x := 0
	for i := range cs {
		if cs[i].ID == c.ID {
			x = i
		}
	}
	ms := make([]*model.AudienceMatcher, len(cs))
	for i := range cs {
		ms[i] = ix.CampaignMatcher(&cs[i])
	}
	g := model.NewCapGuard(cs, x)
	var h HandOver
	model.AudienceMasks(ix, ms, func(seq uint32, mask uint32) {
		if mask&(1<<x) == 0 {
			return
		}
		h.Audience++
		if ignoreCap || g.Allowed(mask) {
			h.Seqs = append(h.Seqs, seq)
		} else {
			h.OverCap++
		}
	})
	return h
}

// AudienceMovement counts how the members seqs (ascending) bought in the two
// windows, from their summaries: one scan of the summaries, so call it in a
// background command.
func (s *Store) AudienceMovement(seqs []uint32, before, during model.Window) (model.Movement, error) {
	m := model.NewMovement(before, during)
	if len(seqs) == 0 {
		return m, nil
	}
	i := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bHistory)
		var h model.MemberHistory
		for _, seq := range seqs {
			v := b.Get(seqKey(seq))
			if v == nil {
				return fmt.Errorf("summary of member seq %d: %w", seq, ErrNotFound)
			}
			h.Days = h.Days[:0]
			if err := decodeHistory(v, &h); err != nil {
				return fmt.Errorf("summary of member seq %d: %w", seq, err)
			}
			m.Add(&h)
			i++
		}
		return nil
	})
	return m, err
}

// WriteCSV writes the members seqs as the sending tools take them: UTF-8
// with a BOM (so Excel opens it), CRLF lines, columns member_id, name,
// phone, stage, tier, segment, tags (|-separated); phones masked unless mask
// is false (an admin's choice, to be audited by the caller).
func (ix *AudienceIndex) WriteCSV(w io.Writer, seqs []uint32, mask bool) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write([]string{"member_id", "name", "phone", "stage", "tier", "segment", "tags"}); err != nil {
		return err
	}
	p := ix.p
	rec := make([]string, 7)
	for _, seq := range seqs {
		en := ix.Entry(seq)
		if en == nil {
			continue
		}
		phone := p.Phone(seq)
		if mask {
			phone = model.MaskPhone(phone)
		}
		seg := ""
		if en.HasSegment() {
			seg = model.Segment(en.Segment).String()
		}
		rec[0], rec[1], rec[2] = p.ID(seq), p.Name(seq), phone
		rec[3], rec[4], rec[5], rec[6] = en.Stage.String(), en.Tier.String(), seg, strings.Join(p.MemberTags(seq), "|")
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
