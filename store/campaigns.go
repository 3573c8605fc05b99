package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// Campaign results are read from a per-campaign daily rollup written in the
// same transaction as the events that carry a campaign id, so a campaign's
// results are one short cursor walk, never a scan of raw events:
//
//	campaign_daily    campaign id + 0 + day(4) → model.CampaignDay (varints)
//	campaign_members  campaign id + 0 + seq(4) → first day reached(4) + first day converted(4)
//
// campaign_members makes reached and converted distinct-member counts: a
// member counts on the first day the campaign reached (or converted) it, and
// when a later write brings an earlier event, the count moves to that day.
// The buckets exist exactly when the rollup is complete: a file written before
// they existed gets them rebuilt from its events by the first event write.

var (
	bCampDaily   = []byte("campaign_daily")
	bCampMembers = []byte("campaign_members")
)

// noDay marks "not converted" in a campaign_members value.
const noDay = ^uint32(0)

func campKey(id string, tail []byte) []byte {
	k := make([]byte, 0, len(id)+1+len(tail))
	return append(append(append(k, id...), 0), tail...)
}

func encodeCampDay(d *model.CampaignDay) []byte {
	var b []byte
	for _, f := range []int64{d.Events, d.Purchases, d.GMVFen, d.RefundFen, d.Registrations, d.NewReached, d.NewConverted} {
		b = binary.AppendVarint(b, f)
	}
	return b
}

func decodeCampDay(v []byte, d *model.CampaignDay) error {
	dc := dec{b: v}
	for _, f := range []*int64{&d.Events, &d.Purchases, &d.GMVFen, &d.RefundFen, &d.Registrations, &d.NewReached, &d.NewConverted} {
		if len(dc.b) == 0 {
			break
		}
		*f = dc.varint()
	}
	return dc.err
}

// campMember is one (campaign, member) pair touched by a batch.
type campMember struct {
	camp      string
	seq       uint32
	reach     model.Day // earliest attributed event in the batch
	conv      model.Day // earliest attributed purchase in the batch
	converted bool
}

// campaignBatch gathers one write transaction's attributed events.
type campaignBatch struct {
	days    map[string]map[model.Day]*model.CampaignDay
	members map[string]map[uint32]*campMember
}

// beginCampaignBatch is called at the start of an event write transaction,
// before the batch's events are put: it creates the rollup buckets, first
// rebuilding them from the stored events when the file predates them.
func (s *Store) beginCampaignBatch(tx *bolt.Tx) (*campaignBatch, error) {
	if tx.Bucket(bCampDaily) == nil || tx.Bucket(bCampMembers) == nil {
		if err := s.rebuildCampaignRollup(tx); err != nil {
			return nil, fmt.Errorf("campaign rollup: %w", err)
		}
	}
	return &campaignBatch{}, nil
}

// add counts one stored event of member seq on day.
func (b *campaignBatch) add(e *model.Event, seq uint32, day model.Day) {
	if b == nil || e.CampaignID == "" {
		return
	}
	if b.days == nil {
		b.days = map[string]map[model.Day]*model.CampaignDay{}
		b.members = map[string]map[uint32]*campMember{}
	}
	dm := b.days[e.CampaignID]
	if dm == nil {
		dm = map[model.Day]*model.CampaignDay{}
		b.days[e.CampaignID] = dm
		b.members[e.CampaignID] = map[uint32]*campMember{}
	}
	d := dm[day]
	if d == nil {
		d = &model.CampaignDay{Day: day}
		dm[day] = d
	}
	d.Events++
	switch e.Kind {
	case model.KindPurchase:
		d.Purchases++
		d.GMVFen += e.Amount
	case model.KindRefund:
		d.RefundFen += e.Amount
	case model.KindRegister:
		d.Registrations++
	}
	mm := b.members[e.CampaignID]
	m := mm[seq]
	if m == nil {
		m = &campMember{camp: e.CampaignID, seq: seq, reach: day}
		mm[seq] = m
	}
	m.reach = min(m.reach, day)
	if e.Kind == model.KindPurchase {
		if !m.converted || day < m.conv {
			m.conv = day
		}
		m.converted = true
	}
}

// flush writes the batch: first-reach and first-conversion days per member
// (in key order), then the per-day sums.
func (b *campaignBatch) flush(tx *bolt.Tx) error {
	if b == nil || len(b.days) == 0 {
		return nil
	}
	mb, db := tx.Bucket(bCampMembers), tx.Bucket(bCampDaily)
	day := func(camp string, d model.Day) *model.CampaignDay {
		x := b.days[camp][d]
		if x == nil {
			x = &model.CampaignDay{Day: d}
			b.days[camp][d] = x
		}
		return x
	}
	camps := make([]string, 0, len(b.members))
	for c := range b.members {
		camps = append(camps, c)
	}
	slices.Sort(camps)
	var val [8]byte
	for _, c := range camps {
		seqs := make([]uint32, 0, len(b.members[c]))
		for s := range b.members[c] {
			seqs = append(seqs, s)
		}
		slices.Sort(seqs)
		for _, seq := range seqs {
			m := b.members[c][seq]
			k := campKey(c, seqKey(seq))
			reach, conv := uint32(int32(m.reach)), noDay
			if m.converted {
				conv = uint32(int32(m.conv))
			}
			if old := mb.Get(k); len(old) == 8 {
				oReach, oConv := binary.BigEndian.Uint32(old[:4]), binary.BigEndian.Uint32(old[4:])
				if int32(oReach) <= int32(reach) {
					reach = oReach
				} else {
					day(c, model.Day(int32(oReach))).NewReached--
					day(c, m.reach).NewReached++
				}
				switch {
				case oConv == noDay && conv != noDay:
					day(c, m.conv).NewConverted++
				case oConv != noDay && (conv == noDay || int32(oConv) <= int32(conv)):
					conv = oConv
				case oConv != noDay:
					day(c, model.Day(int32(oConv))).NewConverted--
					day(c, m.conv).NewConverted++
				}
				if reach == oReach && conv == oConv {
					continue
				}
			} else {
				day(c, m.reach).NewReached++
				if m.converted {
					day(c, m.conv).NewConverted++
				}
			}
			binary.BigEndian.PutUint32(val[:4], reach)
			binary.BigEndian.PutUint32(val[4:], conv)
			if err := mb.Put(k, bytes.Clone(val[:])); err != nil {
				return err
			}
		}
		days := make([]model.Day, 0, len(b.days[c]))
		for d := range b.days[c] {
			days = append(days, d)
		}
		slices.Sort(days)
		for _, d := range days {
			k := campKey(c, dayKey(d))
			var cur model.CampaignDay
			if v := db.Get(k); v != nil {
				if err := decodeCampDay(v, &cur); err != nil {
					return fmt.Errorf("campaign %s day %s: %w", c, d, err)
				}
			}
			cur.Add(b.days[c][d])
			if err := db.Put(k, encodeCampDay(&cur)); err != nil {
				return err
			}
		}
	}
	return nil
}

// rebuildCampaignRollup creates the rollup buckets and fills them from every
// stored event, inside tx.
func (s *Store) rebuildCampaignRollup(tx *bolt.Tx) error {
	for _, name := range [][]byte{bCampDaily, bCampMembers} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	evB := tx.Bucket(bEvents)
	if evB == nil {
		return nil
	}
	b := &campaignBatch{}
	var e model.Event
	err := evB.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return errCorrupt
		}
		seq := binary.BigEndian.Uint32(k[4:])
		for len(v) > 0 {
			r, err := nextEvent(v)
			if err != nil {
				return err
			}
			v = v[r.size:]
			if len(r.campaign) == 0 {
				continue
			}
			e = model.Event{Kind: r.kind, Amount: r.amount, CampaignID: string(r.campaign)}
			b.add(&e, seq, model.DayOf(time.Unix(0, r.at), s.loc))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return b.flush(tx)
}

// CampaignDays returns the campaign's attributed days, oldest first. It is
// one cursor walk over the campaign's rollup: a few hundred records at most.
func (s *Store) CampaignDays(id string) ([]model.CampaignDay, error) {
	var out []model.CampaignDay
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bCampDaily)
		if b == nil {
			if getU64(tx.Bucket(bMeta), kEvents) == 0 {
				return nil
			}
			// A file from before the rollup, opened read-only: count from
			// the events (slow, but right).
			return s.campaignDaysFromEvents(tx, id, &out)
		}
		prefix := campKey(id, nil)
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(k) != len(prefix)+4 {
				continue
			}
			d := model.CampaignDay{Day: keyDay(k[len(prefix):])}
			if err := decodeCampDay(v, &d); err != nil {
				return fmt.Errorf("campaign %s: %w", id, err)
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

func (s *Store) campaignDaysFromEvents(tx *bolt.Tx, id string, out *[]model.CampaignDay) error {
	days := map[model.Day]*model.CampaignDay{}
	reach := map[uint32]model.Day{}
	conv := map[uint32]model.Day{}
	err := tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
		seq := binary.BigEndian.Uint32(k[4:])
		for len(v) > 0 {
			r, err := nextEvent(v)
			if err != nil {
				return err
			}
			v = v[r.size:]
			if string(r.campaign) != id {
				continue
			}
			day := model.DayOf(time.Unix(0, r.at), s.loc)
			d := days[day]
			if d == nil {
				d = &model.CampaignDay{Day: day}
				days[day] = d
			}
			d.Events++
			switch r.kind {
			case model.KindPurchase:
				d.Purchases++
				d.GMVFen += r.amount
				if c, ok := conv[seq]; !ok || day < c {
					conv[seq] = day
				}
			case model.KindRefund:
				d.RefundFen += r.amount
			case model.KindRegister:
				d.Registrations++
			}
			if c, ok := reach[seq]; !ok || day < c {
				reach[seq] = day
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	get := func(day model.Day) *model.CampaignDay {
		if days[day] == nil {
			days[day] = &model.CampaignDay{Day: day}
		}
		return days[day]
	}
	for _, d := range reach {
		get(d).NewReached++
	}
	for _, d := range conv {
		get(d).NewConverted++
	}
	for _, d := range days {
		*out = append(*out, *d)
	}
	slices.SortFunc(*out, func(a, b model.CampaignDay) int { return int(a.Day - b.Day) })
	return nil
}

// CampaignResults returns the campaign's results from attribution.
func (s *Store) CampaignResults(c *model.Campaign) (model.CampaignResults, []model.CampaignDay, error) {
	days, err := s.CampaignDays(c.ID)
	if err != nil {
		return model.CampaignResults{}, nil, err
	}
	return model.ResultsOf(c, days), days, nil
}

// CampaignTaskUpdate sets the done flag of task i of a campaign through the
// role-checked, audited write path.
func (s *Store) CampaignTaskUpdate(a Actor, id string, i int, done bool) error {
	c, err := s.Campaign(id)
	if err != nil {
		return err
	}
	if i < 0 || i >= len(c.Tasks) {
		return fmt.Errorf("campaign %s task %d: %w", id, i+1, ErrNotFound)
	}
	c.Tasks[i].Done = done
	_, err = s.PutCampaign(a, c)
	return err
}
