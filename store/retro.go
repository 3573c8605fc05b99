package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// Retrospectives: the figures a retro is filled with (one scan of the member
// summaries for the KPIs, the flows and the channel breakdown), making a
// retro, saving its narrative as it is typed, and marking it final.

// Labeler translates a catalogue key into the retro's language (the ui/i18n
// catalogue's T): the store builds labels without knowing the languages.
type Labeler func(key string, args ...any) string

// RetroFigures are a window's figures for a retro, from one scan.
type RetroFigures struct {
	// Window is what the KPIs cover; Prev the window of the same length
	// just before it.
	Window, Prev model.Window
	// Snapshot and PrevSnapshot are exactly what `cockpit kpi` computes for
	// Window and Prev (the same model.Calc over the same summaries).
	Snapshot, PrevSnapshot model.Snapshot
	// StageFlow[from][to]: stage at Window.From−1 (row FlowNew: registered in
	// the window) against stage at Window.To.
	StageFlow [model.NumStages + 1][model.NumStages]int64
	// TierFlow[from][to]: tier at Window.From−1 (row NumTiers: registered in
	// the window) against tier at Window.To.
	TierFlow [model.NumTiers + 1][model.NumTiers]int64
	// Channels are the window's KPIs per acquisition channel, in the order
	// of the channels' first members ("" for members without a channel).
	Channels []ChannelFigures
}

// ChannelFigures are one acquisition channel's KPIs over the window.
type ChannelFigures struct {
	Channel string
	KPIs    model.KPIs
}

// RetroFigures scans every member summary once and returns w's figures.
func (s *Store) RetroFigures(r model.Rules, w model.Window) (*RetroFigures, error) {
	n := model.Day(w.Len())
	f := &RetroFigures{Window: w, Prev: model.Window{From: w.From - n, To: w.From - 1}}
	whole, prev := model.NewCalc(r, w), model.NewCalc(r, f.Prev)
	byChannel := map[string]*model.Calc{}
	var order []string
	before := w.From - 1
	err := s.db.View(func(tx *bolt.Tx) error {
		var h model.MemberHistory
		hc := tx.Bucket(bHistory).Cursor()
		pc := tx.Bucket(bMembers).Cursor()
		pk, pv := pc.First()
		for k, v := hc.First(); k != nil; k, v = hc.Next() {
			if err := decodeHistory(v, &h); err != nil {
				return fmt.Errorf("summary of member seq %d: %w", binary.BigEndian.Uint32(k), err)
			}
			// The profiles are keyed like the summaries: walk them alongside.
			for pk != nil && bytes.Compare(pk, k) < 0 {
				pk, pv = pc.Next()
			}
			channel := ""
			if pk != nil && bytes.Equal(pk, k) {
				d := dec{b: pv}
				d.bytes() // id
				d.bytes() // name
				d.bytes() // phone
				channel = string(d.bytes())
			}
			prev.Add(&h)
			st, ok := whole.Add(&h)
			if !ok {
				continue
			}
			c := byChannel[channel]
			if c == nil {
				c = model.NewCalc(r, w)
				byChannel[channel] = c
				order = append(order, channel)
			}
			c.Add(&h)
			sFrom, tFrom := FlowNew, int(model.NumTiers)
			if h.Reg <= before {
				sFrom = int(stageBefore(r, &h, &st, before, w.To))
				tFrom = int(model.TierOf(model.GrowthValue(&h, before)))
			}
			f.StageFlow[sFrom][st.Stage]++
			f.TierFlow[tFrom][st.Tier]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	f.Snapshot, f.PrevSnapshot = whole.Result(), prev.Result()
	for _, ch := range order {
		f.Channels = append(f.Channels, ChannelFigures{Channel: ch, KPIs: byChannel[ch].Result().KPIs})
	}
	return f, nil
}

// RetroWindow is the window a retro of kind covers for subject: the
// campaign's dates, the month, or the target's period; and the subject's
// name (the campaign's or target's, or the month).
func (s *Store) RetroWindow(kind model.RetroKind, subject string) (model.Window, string, error) {
	switch kind {
	case model.RetroCampaign:
		c, err := s.Campaign(subject)
		if err != nil {
			return model.Window{}, "", err
		}
		return model.Window{From: c.Start, To: c.End}, c.Name, nil
	case model.RetroTarget:
		t, err := s.Target(subject)
		if err != nil {
			return model.Window{}, "", err
		}
		return model.Window{From: t.From, To: t.To}, t.Name, nil
	case model.RetroMonthly:
		w, err := model.MonthWindow(subject)
		return w, subject, err
	}
	return model.Window{}, "", fmt.Errorf("retro kind %q: want campaign, monthly or target", kind)
}

// FillRetro computes ret's figures as of asOf (the last day of data) and
// sets ret.Data, with labels in ret's language from label and the KPI rows
// written with f (the cockpit's formatter, so they read as `cockpit kpi`).
func (s *Store) FillRetro(r model.Rules, ret *model.Retro, asOf model.Day, label Labeler, f model.RetroFormat) error {
	w, name, err := s.RetroWindow(ret.Kind, ret.Subject)
	if err != nil {
		return fmt.Errorf("retro %s: %w", ret.ID, err)
	}
	if w.To < w.From {
		return fmt.Errorf("retro %s: window %s..%s ends before it starts", ret.ID, w.From, w.To)
	}
	ret.Window = w
	d := &model.RetroData{
		Lang: ret.LangOrDefault(), Kind: ret.Kind, ID: ret.ID, Title: ret.Title,
		Subject: ret.Subject, SubjectName: name, Status: ret.Status, Editor: ret.Editor,
		From: w.From, To: w.To, Days: w.Len(), Before: w.From - 1, AsOf: asOf,
		Background: ret.Background, Analysis: ret.Analysis, Lessons: ret.Lessons, Playbook: ret.Playbook,
	}
	if d.Status == "" {
		d.Status = model.RetroDraft
	}
	// The KPIs cover the window up to the last day of data.
	kw := model.Window{From: w.From, To: min(w.To, max(asOf, w.From))}
	figs, err := s.RetroFigures(r, kw)
	if err != nil {
		return err
	}
	d.KPIFrom, d.KPITo, d.PrevFrom, d.PrevTo = figs.Window.From, figs.Window.To, figs.Prev.From, figs.Prev.To
	for _, key := range model.KPIKeys {
		text, num, den := model.FormatKPI(figs.Snapshot.KPIs, key, f)
		prev, pnum, pden := model.FormatKPI(figs.PrevSnapshot.KPIs, key, f)
		d.KPIs = append(d.KPIs, model.RetroKPI{Key: key, Label: label("kpi." + key), Value: text, Prev: prev,
			Change: model.KPIChange(key, figs.Snapshot.KPIs, figs.PrevSnapshot.KPIs, f), Num: num, Den: den,
			PrevNum: pnum, PrevDen: pden})
	}
	d.Stages = stageFlow(figs, label)
	d.Tiers = tierFlow(figs, label)
	d.Channels = channelRows(figs, label)
	if d.Targets, err = s.retroTargets(r, ret, w, asOf, label); err != nil {
		return err
	}
	if d.Charts, err = s.retroCharts(kw, label); err != nil {
		return err
	}
	if err := s.fillCampaigns(ret, d, w, asOf, label); err != nil {
		return err
	}
	ret.Data = d
	return nil
}

func stageFlow(f *RetroFigures, label Labeler) model.RetroFlow {
	var fl model.RetroFlow
	for st := model.Stage(0); st < model.NumStages; st++ {
		fl.Columns = append(fl.Columns, label("stage."+st.String()))
	}
	fl.ColTotals = make([]int64, model.NumStages)
	for from := range f.StageFlow {
		row := model.RetroFlowRow{Cells: append([]int64(nil), f.StageFlow[from][:]...)}
		if from == FlowNew {
			row.Label = label("retro.flow.new")
		} else {
			row.Label = label("stage." + model.Stage(from).String())
		}
		for to, n := range row.Cells {
			row.Total += n
			fl.ColTotals[to] += n
			switch {
			case from == FlowNew:
			case to > from:
				fl.Up += n
			case to < from:
				fl.Down += n
			default:
				fl.Same += n
			}
		}
		fl.Total += row.Total
		fl.Rows = append(fl.Rows, row)
	}
	return fl
}

func tierFlow(f *RetroFigures, label Labeler) model.RetroFlow {
	var fl model.RetroFlow
	for t := model.Tier(0); t < model.NumTiers; t++ {
		fl.Columns = append(fl.Columns, label("tier."+t.String()))
	}
	fl.ColTotals = make([]int64, model.NumTiers)
	for from := range f.TierFlow {
		row := model.RetroFlowRow{Cells: append([]int64(nil), f.TierFlow[from][:]...)}
		if from == int(model.NumTiers) {
			row.Label = label("retro.flow.new")
		} else {
			row.Label = label("tier." + model.Tier(from).String())
		}
		for to, n := range row.Cells {
			row.Total += n
			fl.ColTotals[to] += n
			switch {
			case from == int(model.NumTiers):
			case to > from:
				fl.Up += n
			case to < from:
				fl.Down += n
			default:
				fl.Same += n
			}
		}
		fl.Total += row.Total
		fl.Rows = append(fl.Rows, row)
	}
	return fl
}

// channelRows orders the channels by GMV, then members, then name.
func channelRows(f *RetroFigures, label Labeler) []model.RetroChannel {
	out := make([]model.RetroChannel, 0, len(f.Channels))
	total := f.Snapshot.KPIs.GMVFen
	for _, c := range f.Channels {
		k := c.KPIs
		name := c.Channel
		if name == "" {
			name = label("retro.channel.none")
		}
		out = append(out, model.RetroChannel{Channel: name, Members: k.MembersTotal, New: k.NewMembers,
			Active: k.ActiveMembers, Buyers: k.Buyers, Orders: k.Orders, GMV: k.GMVFen,
			GMVShare: model.Fraction{Num: k.GMVFen, Den: total}, RepurchaseRate: model.Frac(k.RepurchaseRate)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].GMV != out[j].GMV {
			return out[i].GMV > out[j].GMV
		}
		if out[i].Members != out[j].Members {
			return out[i].Members > out[j].Members
		}
		return out[i].Channel < out[j].Channel
	})
	return out
}

// retroTargets are the targets the retro compares against: its target, the
// targets overlapping the month, or the campaign's linked target.
func (s *Store) retroTargets(r model.Rules, ret *model.Retro, w model.Window, asOf model.Day, label Labeler) ([]model.RetroTargetResult, error) {
	var ts []model.Target
	switch ret.Kind {
	case model.RetroTarget:
		t, err := s.Target(ret.Subject)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	case model.RetroCampaign:
		c, err := s.Campaign(ret.Subject)
		if err != nil {
			return nil, err
		}
		if c.TargetID != "" {
			t, err := s.Target(c.TargetID)
			switch {
			case err == nil:
				ts = append(ts, t)
			case !errors.Is(err, ErrNotFound):
				return nil, err
			}
		}
	case model.RetroMonthly:
		all, err := s.Targets()
		if err != nil {
			return nil, err
		}
		for _, t := range all {
			if t.From <= w.To && t.To >= w.From {
				ts = append(ts, t)
			}
		}
	}
	var out []model.RetroTargetResult
	for _, t := range ts {
		rep, err := s.TargetReport(r, t, asOf)
		if err != nil {
			return nil, fmt.Errorf("target %s: %w", t.ID, err)
		}
		res := model.RetroTargetResult{ID: t.ID, Name: t.Name, Metric: t.Metric, MetricLabel: label("kpi." + t.Metric),
			From: t.From, To: t.To, Method: string(t.Method)}
		if info, ok := model.Metric(t.Metric); ok && !info.Additive {
			res.Method = "" // a level metric is not split, whatever the record says
		}
		period := func(row model.PeriodRow) model.RetroPeriod { return retroPeriod(row, label) }
		if ret.Kind == model.RetroMonthly {
			month := model.MonthOf(w.From).String()
			for _, m := range rep.Months {
				if m.Label == month {
					res.Whole = period(m)
				}
			}
			if info, _ := model.Metric(t.Metric); info.Additive {
				res.Weeks = weeksInside(t.Metric, rep.Days, model.Window{From: max(w.From, t.From), To: min(w.To, t.To)}, label)
			}
		} else {
			res.Whole = period(rep.Whole)
			if len(rep.Months) > 1 {
				for _, m := range rep.Months {
					res.Months = append(res.Months, period(m))
				}
			}
			if (model.Window{From: t.From, To: t.To}).Len() <= 92 && len(rep.Weeks) > 1 {
				for _, wk := range rep.Weeks {
					res.Weeks = append(res.Weeks, period(wk))
				}
			}
		}
		out = append(out, res)
	}
	return out, nil
}

func retroPeriod(row model.PeriodRow, label Labeler) model.RetroPeriod {
	return model.RetroPeriod{Label: row.Label, Target: row.Target, Actual: row.Actual, Gap: row.Actual - row.Target,
		Expected: row.Expected, ExpectedGap: row.Actual - row.Expected,
		Reached: model.Fraction{Num: row.Actual, Den: row.Target}, Status: label("pace." + row.Status.String())}
}

// weeksInside sums an additive target's day rows into ISO weeks clipped to
// w (a month inside the target's period), so the weeks add up to the month.
func weeksInside(metric string, days []model.PeriodRow, w model.Window, label Labeler) []model.RetroPeriod {
	var out []model.RetroPeriod
	var cur *model.PeriodRow
	started := false
	flush := func() {
		if cur != nil {
			cur.Status = model.RetroPace(metric, cur.Actual, cur.Expected, !started)
			out = append(out, retroPeriod(*cur, label))
		}
	}
	for _, d := range days {
		if !w.Contains(d.Window.From) {
			continue
		}
		y, wk := d.Window.From.ISOWeek()
		key := fmt.Sprintf("%04d-W%02d", y, wk)
		if cur == nil || key != cur.Label {
			flush()
			cur, started = &model.PeriodRow{Label: key, Window: d.Window}, false
		}
		cur.Window.To = d.Window.To
		cur.Target += d.Target
		cur.Actual += d.Actual
		cur.Expected += d.Expected
		started = started || d.Status != model.PaceNotStarted
	}
	flush()
	return out
}

// retroCharts draws the window's daily GMV, new members and orders.
func (s *Store) retroCharts(w model.Window, label Labeler) ([]model.RetroChart, error) {
	if w.Len() < 2 {
		return nil, nil
	}
	rs, err := s.Daily(w)
	if err != nil {
		return nil, err
	}
	series := []struct {
		key   string
		money bool
		get   func(*Rollup) int64
	}{
		{"gmv", true, func(r *Rollup) int64 { return r.GMVFen }},
		{"new_members", false, func(r *Rollup) int64 { return r.NewMembers }},
		{"orders", false, func(r *Rollup) int64 { return r.Orders }},
	}
	var out []model.RetroChart
	for _, sr := range series {
		v := make([]int64, len(rs))
		for i := range rs {
			v[i] = sr.get(&rs[i])
		}
		title := label("retro.chart."+sr.key, w.From.String(), w.To.String())
		out = append(out, model.RetroChart{Key: sr.key, Title: title, Values: v, Plot: model.RetroPlot(v, 8, sr.money)})
	}
	return out, nil
}

// NewRetro makes a retro of kind for subject in lang ("zh" or "en") from
// the named template ("" for the built-in one), fills its figures as of
// asOf, stores it as a draft and returns it. title "" takes the default.
func (s *Store) NewRetro(a Actor, r model.Rules, kind model.RetroKind, subject, lang, tmpl, title string,
	asOf model.Day, label Labeler, f model.RetroFormat) (model.Retro, error) {
	if err := s.allow(a, Editor); err != nil {
		return model.Retro{}, err
	}
	ret := model.Retro{Kind: kind, Subject: subject, Lang: lang, Template: tmpl, Status: model.RetroDraft, Editor: a.Name}
	if ret.Lang != "en" {
		ret.Lang = "zh"
	}
	_, name, err := s.RetroWindow(kind, subject)
	if err != nil {
		return model.Retro{}, err
	}
	ret.Title = title
	if ret.Title == "" {
		ret.Title = label("retro.title."+string(kind), name)
	}
	if err := s.FillRetro(r, &ret, asOf, label, f); err != nil {
		return model.Retro{}, err
	}
	id, err := s.PutRetro(a, ret)
	if err != nil {
		return model.Retro{}, err
	}
	ret.ID = id
	ret.Data.ID = id
	// The stored copy has its id in the data too.
	return ret, s.updateRetro(a, id, "retro.put", func(r *model.Retro) error { r.Data = ret.Data; return nil })
}

// RefreshRetro fills the retro's figures again as of asOf and stores them.
func (s *Store) RefreshRetro(a Actor, r model.Rules, id string, asOf model.Day, label Labeler, f model.RetroFormat) (model.Retro, error) {
	if err := s.allow(a, Editor); err != nil {
		return model.Retro{}, err
	}
	ret, err := s.Retro(id)
	if err != nil {
		return ret, err
	}
	if err := s.FillRetro(r, &ret, asOf, label, f); err != nil {
		return ret, err
	}
	err = s.updateRetro(a, id, "retro.refresh", func(cur *model.Retro) error {
		cur.Window, cur.Data = ret.Window, ret.Data
		cur.Editor = a.Name
		return nil
	})
	if err != nil {
		return ret, err
	}
	return s.Retro(id)
}

// SaveRetroNarrative stores the four narrative sections of a retro as the
// operator types them (the editor calls it after every change), leaving the
// rest of the record as it is, and returns the time saved. Saves by the same
// person of the same retro within auditCoalesce leave one audit entry.
func (s *Store) SaveRetroNarrative(a Actor, id string, n model.RetroNarrative) (time.Time, error) {
	if err := s.allow(a, Editor); err != nil {
		return time.Time{}, err
	}
	now := time.Now()
	err := s.updateRetro(a, id, "retro.edit", func(r *model.Retro) error {
		r.SetNarrative(n)
		r.Editor = a.Name
		r.Updated = now
		if r.Data != nil {
			r.Data.Background, r.Data.Analysis, r.Data.Lessons, r.Data.Playbook = n[0], n[1], n[2], n[3]
			r.Data.Editor = a.Name
		}
		return nil
	})
	return now, err
}

// SetRetroStatus marks a retro draft or final. Marking a campaign's retro
// final marks the campaign reviewed in the same transaction; setting it back
// to draft reopens the review.
func (s *Store) SetRetroStatus(a Actor, id string, st model.RetroStatus) error {
	if st != model.RetroDraft && st != model.RetroFinal {
		return fmt.Errorf("retro status %q: want draft or final", st)
	}
	if err := s.allow(a, Editor); err != nil {
		return err
	}
	err := s.recordUpdate(func(tx *bolt.Tx) error {
		var r model.Retro
		if err := getIn(tx, kindRetro, id, &r); err != nil {
			return err
		}
		r.Status, r.Editor, r.Updated = st, a.Name, time.Now()
		if r.Data != nil {
			r.Data.Status, r.Data.Editor = st, a.Name
		}
		if err := putIn(tx, kindRetro, id, &r); err != nil {
			return err
		}
		if err := audit(tx, a, "retro."+string(st), id, ""); err != nil {
			return err
		}
		if r.Kind != model.RetroCampaign {
			return nil
		}
		var c model.Campaign
		if err := getIn(tx, kindCampaign, r.Subject, &c); err != nil {
			if errors.Is(err, ErrNotFound) {
				return nil // the campaign was deleted: nothing to mark
			}
			return err
		}
		c.Reviewed = st == model.RetroFinal
		if err := putIn(tx, kindCampaign, c.ID, &c); err != nil {
			return err
		}
		return audit(tx, a, "campaign.reviewed", c.ID, "retro "+id+" "+string(st))
	})
	if err != nil {
		return fmt.Errorf("retro %s: %w", id, err)
	}
	s.feed.publish(Change{Kind: ChangeRecords, Count: 1})
	return nil
}

// DeleteRetro removes a retrospective.
func (s *Store) DeleteRetro(a Actor, id string) error { return s.deleteRecord(a, kindRetro, id) }

// auditCoalesce is how long repeated saves of one retro by one person count
// as one edit in the audit log (the editor saves after every keystroke).
const auditCoalesce = 10 * time.Minute

// updateRetro reads, changes and writes a retro in one transaction, with an
// audit entry (coalesced for repeated edits), and announces the change.
func (s *Store) updateRetro(a Actor, id, action string, change func(*model.Retro) error) error {
	err := s.recordUpdate(func(tx *bolt.Tx) error {
		var r model.Retro
		if err := getIn(tx, kindRetro, id, &r); err != nil {
			return err
		}
		if err := change(&r); err != nil {
			return err
		}
		if err := putIn(tx, kindRetro, id, &r); err != nil {
			return err
		}
		if action == "retro.edit" && recentlyAudited(tx, a, action, id, time.Now()) {
			return nil
		}
		return audit(tx, a, action, id, "")
	})
	if err != nil {
		return fmt.Errorf("retro %s: %w", id, err)
	}
	s.feed.publish(Change{Kind: ChangeRecords, Count: 1})
	return nil
}

// recentlyAudited reports whether the last audit entry is the same action
// on the same object by the same person within auditCoalesce.
func recentlyAudited(tx *bolt.Tx, a Actor, action, object string, now time.Time) bool {
	_, v := tx.Bucket(bAudit).Cursor().Last()
	if v == nil {
		return false
	}
	var e AuditEntry
	if json.Unmarshal(v, &e) != nil {
		return false
	}
	return e.Who == a.Name && e.Action == action && e.Object == object && now.Sub(e.At) < auditCoalesce
}

// getIn reads record id of kind k inside tx.
func getIn(tx *bolt.Tx, k recordKind, id string, v any) error {
	raw := tx.Bucket(k.bucket).Get([]byte(id))
	if raw == nil {
		return fmt.Errorf("%s %q: %w", k.name, id, ErrNotFound)
	}
	return json.Unmarshal(raw, v)
}

// putIn writes record id of kind k inside tx.
func putIn(tx *bolt.Tx, k recordKind, id string, v any) error {
	buf, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Bucket(k.bucket).Put([]byte(id), buf)
}
