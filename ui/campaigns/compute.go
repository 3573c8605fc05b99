package campaigns

import (
	"context"
	"fmt"
	"io"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
)

// listComputed is one computation of every campaign's figures.
type listComputed struct {
	seq     uint64
	data    *common.Dataset
	prof    *store.Profiles
	bdays   []model.MonthDay
	profN   int64
	ix      *store.AudienceIndex
	segs    []model.SavedSegment // the saved segments an audience may name
	rows    []row
	fatigue model.Fatigue
	err     error
}

// onData keeps the new Dataset and recomputes the campaigns' figures: the
// campaigns, the as-of day or the members may have changed.
func (p *Pane) onData(d *common.Dataset) tea.Cmd {
	if d == nil {
		return nil
	}
	p.data, p.asOf = d, d.AsOf
	if d.Analysis == nil {
		return nil
	}
	if p.deferred {
		p.stale = true // computed when the tab is shown (Show)
		return nil
	}
	was := p.busy()
	seq := p.nextSeq()
	p.listSeq = seq
	st, hub, ctx := p.c.Store, p.c.Hub, p.c.Context()
	prof, bdays, profN := p.prof, p.bdays, p.profN
	run := func() tea.Msg {
		out := listComputed{seq: seq, data: d, prof: prof, bdays: bdays, profN: profN}
		n := d.Info.Members
		if prof == nil || profN != n {
			// The profiles, birthdays and audience index are the same for
			// every session of the process: computed once in the Hub.
			var v any
			if v, _, out.err = hub.Get(ctx, common.ProfilesKey{Members: n}, 0, func() (any, error) { return st.LoadProfiles() }); out.err != nil {
				return out
			}
			out.prof, _ = v.(*store.Profiles)
			if v, _, out.err = hub.Get(ctx, common.BirthdaysKey{Members: n}, 0, func() (any, error) { return st.LoadBirthdays() }); out.err != nil {
				return out
			}
			out.bdays, _ = v.([]model.MonthDay)
			out.profN = n
		}
		prof, bdays, profN := out.prof, out.bdays, out.profN
		// The figures are the same for every session on this Dataset: one
		// computation for the process (an audience size and the frequency
		// cap are each a pass over every member, per campaign).
		key := rowsKey{analysis: d.Analysis, version: d.Version, window: d.Window, latest: d.Latest, asOf: d.AsOf, members: profN}
		v, _, err := hub.Get(ctx, key, 0, func() (any, error) {
			return computeList(st, hub, ctx, d, prof, bdays, profN)
		})
		if out.err = err; err != nil {
			return out
		}
		l, _ := v.(*sharedList)
		// The rows are the session's own copy: the detail updates its
		// row at once when a task is ticked.
		out.ix, out.segs, out.rows, out.fatigue = l.ix, l.segs, slices.Clone(l.rows), l.fatigue
		return out
	}
	return tea.Batch(run, p.startSpin(was))
}

// rowsKey names the campaigns' figures of one Dataset in the Hub: its
// analysis (data version, window, as-of day) with the profiles of members
// members. A VersionedKey: a newer version drops the older.
type rowsKey struct {
	// analysis is the Dataset's analysis: sessions on one shared Dataset
	// hold the same pointer, and a Dataset loaded without the Hub's
	// version cannot be mistaken for another.
	analysis *store.Analysis
	version  uint64
	window   model.Window
	latest   bool
	asOf     model.Day
	members  int64
}

// HubSlot is the key without its data version.
func (k rowsKey) HubSlot() any {
	k.analysis, k.version = nil, 0
	return k
}

// HubVersion is the data version of the analysis.
func (k rowsKey) HubVersion() uint64 { return k.version }

// sharedList is what every session on one Dataset shows of the campaigns
// (immutable once computed).
type sharedList struct {
	ix      *store.AudienceIndex
	segs    []model.SavedSegment
	rows    []row
	fatigue model.Fatigue
}

// computeList works out the campaigns' figures of Dataset d: the saved
// segments, the audience index (shared by key, common.AudienceKey) with
// them, every campaign's row and the frequency-cap check.
func computeList(st *store.Store, hub *common.Hub, ctx context.Context, d *common.Dataset, prof *store.Profiles, bdays []model.MonthDay, profN int64) (*sharedList, error) {
	l := &sharedList{}
	var err error
	if l.segs, err = st.Segments(); err != nil {
		return nil, err
	}
	sets, err := st.SegmentSets()
	if err != nil {
		return nil, err
	}
	key := common.AudienceKey{Analysis: d.Analysis, Version: d.Version, Window: d.Window, Latest: d.Latest, Members: profN}
	v, _, err := hub.Get(ctx, key, 0, func() (any, error) { return store.NewAudienceIndex(d.Analysis, prof, bdays), nil })
	if err != nil {
		return nil, err
	}
	shared, _ := v.(*store.AudienceIndex)
	l.ix = shared.WithSegments(sets) // the shared index itself when no segment is saved
	if l.rows, l.fatigue, err = computeRows(st, l.ix, d.Campaigns, d.AsOf); err != nil {
		return nil, err
	}
	return l, nil
}

// computeRows works out every campaign's status, audience and results, and
// the fatigue guard over the live and warm-up ones.
func computeRows(st *store.Store, ix *store.AudienceIndex, cs []model.Campaign, asOf model.Day) ([]row, model.Fatigue, error) {
	rows := make([]row, len(cs))
	for i := range cs {
		c := cs[i]
		r := row{c: c, status: c.Status(asOf), cd: c.Countdown(asOf), size: ix.Size(&c)}
		var err error
		if r.res, r.days, err = st.CampaignResults(&c); err != nil {
			return nil, model.Fatigue{}, fmt.Errorf("campaign %s: %w", c.ID, err)
		}
		rows[i] = r
	}
	f := ix.Fatigue(model.FatigueCandidates(cs, asOf))
	involved := map[string]bool{}
	for _, id := range f.Involved {
		involved[id] = true
	}
	for i := range rows {
		rows[i].capped = involved[rows[i].c.ID]
	}
	return rows, f, nil
}

func (p *Pane) onList(msg listComputed) tea.Cmd {
	if msg.seq != p.listSeq {
		return nil // overtaken by a newer dataset
	}
	p.listSeq = 0
	if msg.err != nil {
		p.loadErr = msg.err
		return nil
	}
	p.loadErr = nil
	p.loaded = true
	p.prof, p.bdays, p.profN, p.ix, p.segs = msg.prof, msg.bdays, msg.profN, msg.ix, msg.segs
	p.rows, p.fatigue = msg.rows, msg.fatigue
	p.list.clamp(len(p.visible()), p.listRows())
	var cmds []tea.Cmd
	if p.view == viewDetail && p.find(p.det.id) != nil {
		// (A campaign just saved may not be in this dataset yet: the detail
		// waits for the next one.)
		cmds = append(cmds, p.requestMovement())
	}
	if p.form != nil {
		cmds = append(cmds, p.requestSize())
	}
	return tea.Batch(cmds...)
}

// movementComputed is the audience's movement for the detail.
type movementComputed struct {
	seq   uint64
	id    string
	mv    model.Movement
	ok    bool
	level map[string]int64 // level-metric goals' KPIs over the campaign's days so far
	err   error
}

// requestMovement counts how the opened campaign's audience bought during
// its days against the days before (one scan of the audience's summaries).
func (p *Pane) requestMovement() tea.Cmd {
	r := p.find(p.det.id)
	if r == nil || p.ix == nil {
		return nil
	}
	seq := p.nextSeq()
	p.det.mvSeq = seq
	c, ix, st, asOf, rules := r.c, p.ix, p.c.Store, p.asOf, p.c.Rules
	return func() tea.Msg {
		before, during, ok := model.MovementWindows(&c, asOf)
		if !ok {
			return movementComputed{seq: seq, id: c.ID}
		}
		seqs := model.AudienceMembers(ix, ix.CampaignMatcher(&c))
		mv, err := st.AudienceMovement(seqs, before, during)
		out := movementComputed{seq: seq, id: c.ID, mv: mv, ok: true, err: err}
		// Goals on level metrics (active rate, repurchase rate …) are read
		// from the KPI over the campaign's days so far.
		for k := range c.Goals {
			if k == "gmv" || k == "orders" || k == "new_members" {
				continue
			}
			if out.level == nil {
				snap, err := st.Snapshot(rules, during)
				if err != nil {
					out.err = err
					break
				}
				out.level = map[string]int64{}
				for g := range c.Goals {
					out.level[g] = store.KPIValue(snap.KPIs, g)
				}
			}
		}
		return out
	}
}

func (p *Pane) onMovement(msg movementComputed) {
	if msg.seq != p.det.mvSeq {
		return
	}
	p.det.mv, p.det.mvOK, p.det.mvErr, p.det.mvDone, p.det.level = msg.mv, msg.ok, msg.err, true, msg.level
}

// exported reports an audience hand-over.
type exported struct {
	path     string
	n, over  int64
	unmasked bool
	err      error
}

// export writes the campaign's audience (less the members the frequency cap
// keeps it from touching) through the session's SaveFile; unmask writes
// phones in full, for admins, and goes to the audit log first.
func (p *Pane) export(r *row, unmask bool) tea.Cmd {
	if p.c.SaveFile == nil {
		p.flash(p.c.T("cp.export.unavailable"), true)
		return nil
	}
	if p.ix == nil {
		return nil
	}
	if unmask && p.c.Actor.Role < store.Admin {
		p.flash(p.c.T("cp.export.adminonly"), true)
		return nil
	}
	c, all, ix, asOf, st, actor, save := r.c, p.data.Campaigns, p.ix, p.asOf, p.c.Store, p.c.Actor, p.c.SaveFile
	return func() tea.Msg {
		h := ix.CappedAudience(all, c, asOf, false)
		if unmask {
			// Recorded before the file is written: no record, no file.
			detail := fmt.Sprintf("%d members of the campaign audience, %d left out by the frequency cap", len(h.Seqs), h.OverCap)
			if err := st.Audit(actor, "export.unmasked", "campaign:"+c.ID, detail); err != nil {
				return exported{err: err}
			}
		}
		path, err := save(c.ID+"-audience.csv", func(w io.Writer) error { return ix.WriteCSV(w, h.Seqs, !unmask) })
		return exported{path: path, n: int64(len(h.Seqs)), over: h.OverCap, unmasked: unmask, err: err}
	}
}

func (p *Pane) onExported(msg exported) {
	switch {
	case msg.err != nil:
		p.flash(p.c.T("cp.export.failed", p.errText(msg.err)), true)
	case msg.over > 0:
		p.flash(p.c.T("cp.export.capped", format.Count(msg.n), msg.path, format.Count(msg.over)), false)
	default:
		p.flash(p.c.T("cp.export.done", format.Count(msg.n), msg.path), false)
	}
}

// flash shows a one-line message on the list and the detail.
func (p *Pane) flash(s string, bad bool) { p.list.flash, p.list.flashBad = s, bad }

// campaignSaved reports a save (a campaign or a task change).
type campaignSaved struct {
	seq uint64
	id  string
	err error
}

// save stores c through the role-checked, audited write path.
func (p *Pane) save(c model.Campaign) tea.Cmd {
	was := p.busy()
	seq := p.nextSeq()
	p.saving = seq
	st, actor := p.c.Store, p.c.Actor
	return tea.Batch(func() tea.Msg {
		id, err := st.PutCampaign(actor, c)
		return campaignSaved{seq: seq, id: id, err: err}
	}, p.startSpin(was))
}

func (p *Pane) onSaved(msg campaignSaved) tea.Cmd {
	if msg.seq != p.saving {
		return nil
	}
	p.saving = 0
	switch p.view {
	case viewForm:
		p.form.SetSaving("")
		if msg.err != nil {
			p.form.SetMessage(p.errText(msg.err)) // the form stays as typed
			return nil
		}
		created := p.formOrig == nil
		p.form, p.formOrig = nil, nil
		p.det.id = msg.id
		p.view = viewDetail
		if created {
			p.flash(p.c.T("cp.saved.new", msg.id), false)
		} else {
			p.flash(p.c.T("cp.saved", msg.id), false)
		}
	case viewTaskForm:
		p.task.SetSaving("")
		if msg.err != nil {
			p.task.SetMessage(p.errText(msg.err))
			return nil
		}
		p.task = nil
		p.view = viewDetail
		p.flash(p.c.T("cp.task.added"), false)
	default:
		if msg.err != nil {
			p.flash(p.errText(msg.err), true)
		}
	}
	return nil
}
