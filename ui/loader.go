package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/targets"
)

// Loading the Dataset
//
// Everything the panes draw comes from one common.Dataset, loaded in tea.Cmds
// (never in View, never in Update). There are three kinds of load:
//
//   - A full load reads Info, runs AnalyzeWithWindows over the KPI window,
//     the previous one and the windows of the active level targets' pacing
//     (one scan of every member summary, split across the cores: a few
//     hundred ms of CPU at 1,000,000 members, and keeps their snapshots in
//     the store's KPI cache), the 365 daily rollups ending at the as-of
//     day, and the records (targets with their per-day split, campaigns,
//     retros).
//   - The early load, started with the first full load, reads Info, the
//     rollups, the targets and the snapshots of the window and the previous
//     one from the KPI cache (store/kpicache.go: true until the next write).
//     On a hit the Overview draws every figure at once from a Dataset marked
//     Early (the snapshot without the index); the full load then replaces
//     it for every pane. On a miss it changes nothing.
//   - A quick refresh reads only Info and the 365 daily rollups: a handful of
//     small records, well under a millisecond. It patches a copy of the
//     current Dataset, so today's figures (the last rollup: new members, DAU,
//     orders, GMV) and every sparkline move within a frame of an event.
//
// The root subscribes to the store's change feed. Each storeChanged message
// (changes coalesced from the channel's buffer) triggers a quick refresh and
// asks for a full load, throttled:
//
//   - at most one full load is in flight; a request during one marks it
//     pending, and one more full load runs when it ends;
//   - full loads caused by store changes start at most every MinReload
//     (default 2 s): a request that comes sooner arms one timer for the rest
//     of the interval. Under a steady live feed the window KPIs therefore
//     refresh every ~2 s plus the load's own time, while today's figures
//     follow each event;
//   - a request from the user (a window or as-of change) is not held back by
//     MinReload, only by a load already in flight;
//   - at most one quick refresh is in flight too; a change during one marks
//     another to run after it.
//
// Every load takes the next number of one sequence. A full result applies
// only if it is the newest full load started and its parameters (as-of day,
// window length) are still the ones wanted; otherwise it is dropped and only
// ends the in-flight state. A quick result applies only if it is newer than
// the numbers that produced the Info and Daily on screen, so an older read
// never overwrites a newer one.

// loadParams are what the user chose: the as-of day (or the latest) and the
// window length.
type loadParams struct {
	latest bool
	asOf   model.Day // when !latest
	days   int
}

// fullLoaded is the result of a full load.
type fullLoaded struct {
	seq    uint64
	params loadParams
	data   *common.Dataset
	err    error
	took   time.Duration
}

// quickLoaded is the result of a quick refresh.
type quickLoaded struct {
	seq         uint64
	info        store.Info
	daily       []store.Rollup
	dailyWindow model.Window
	err         error
}

// storeChanged reports committed writes, coalesced.
type storeChanged struct {
	changes []store.Change
}

// feedClosed reports that the store closed the subscription.
type feedClosed struct{}

// reloadDue fires when a throttled full load may start.
type reloadDue struct{}

// liveTick recomputes the events-per-minute rate while events arrive.
type liveTick struct{}

// waitChange waits for the next change on ch and returns it with every other
// change already buffered.
func waitChange(ch <-chan store.Change) tea.Cmd {
	return func() tea.Msg {
		c, ok := <-ch
		if !ok {
			return feedClosed{}
		}
		msg := storeChanged{changes: []store.Change{c}}
		for {
			select {
			case c, ok := <-ch:
				if !ok {
					return msg
				}
				msg.changes = append(msg.changes, c)
			default:
				return msg
			}
		}
	}
}

// asOfFor returns the as-of day for params: when following the latest, the
// store's default (the data's last day, never later than today), as `kpi`.
func asOfFor(p loadParams, info store.Info, now time.Time, st *store.Store) model.Day {
	if !p.latest {
		return p.asOf
	}
	return info.DefaultAsOf(model.DayOf(now, st.Location()))
}

// dailyDays is the span of Dataset.Daily.
const dailyDays = 365

// hubKey is what a shared load depends on besides the data: the window
// asked for and, for a window that follows the latest day, today (the
// as-of day of a database without events).
type hubKey struct {
	kind   string // "dataset" or "quick"
	params loadParams
	today  model.Day
}

// fullLoad returns the command of full load seq. The Dataset comes from the
// session's Hub, which computes it once for every session that asks for the
// same window at a data version at least min (the newest change this
// session has seen); the session gets its own shallow copy to number.
func fullLoad(c *common.Common, p loadParams, seq, min uint64) tea.Cmd {
	st, rules, now, hub, ctx := c.Store, c.Rules, c.Now(), c.Hub, c.Context()
	return func() tea.Msg {
		start := time.Now()
		res := fullLoaded{seq: seq, params: p}
		key := hubKey{kind: "dataset", params: p, today: model.DayOf(now, st.Location())}
		v, ver, err := hub.Get(ctx, key, min, func() (any, error) {
			// The analysis scans every member: on a file being read into
			// the page cache (store.Options.Warm) it waits for that read,
			// which runs at disk speed, rather than fault page by page.
			select {
			case <-st.Warmed():
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			return loadDataset(st, rules, now, p, false)
		})
		res.err, res.took = err, time.Since(start)
		if shared, ok := v.(*common.Dataset); ok && err == nil && shared != nil {
			d := *shared
			d.Seq, d.Version = seq, ver
			res.data = &d
		}
		return res
	}
}

// loadDataset is a full load. Its snapshots go to the KPI cache on a
// goroutine (the write lock may be held by an import: the load does not
// wait for it), or before it returns when wait is set (tools and tests that
// read the cache next).
func loadDataset(st *store.Store, rules model.Rules, now time.Time, p loadParams, wait bool) (*common.Dataset, error) {
	info, err := st.Info()
	if err != nil {
		return nil, err
	}
	asOf := asOfFor(p, info, now, st)
	w := model.Window{From: asOf - model.Day(p.days) + 1, To: asOf}
	prevW := model.Window{From: w.From - model.Day(p.days), To: w.From - 1}
	d := &common.Dataset{Info: info, AsOf: asOf, Window: w, Latest: p.latest}

	if d.Targets, err = st.Targets(); err != nil {
		return nil, err
	}
	// One scan (split across the cores) decodes each summary once for the
	// window, the previous one and the windows the active level targets'
	// pacing needs (model.LevelWindow), which the pacing below then takes
	// instead of scanning again.
	extra := append([]model.Window{prevW}, levelWindows(d.Targets, asOf)...)
	var snaps []model.Snapshot
	if d.Analysis, snaps, err = st.AnalyzeWithWindows(rules, w, extra); err != nil {
		return nil, err
	}
	d.Prev = snaps[0]
	// Keep the snapshots for the next start's first frame, `kpi` and the
	// pacing below (store/kpicache.go); only the cache is lost when this
	// fails.
	if keep := append(snaps, d.Analysis.Snapshot); wait {
		_ = st.RememberSnapshots(rules, d.Analysis.TxID, keep...)
	} else {
		st.RememberSnapshotsLater(rules, d.Analysis.TxID, keep...)
	}
	d.DailyWindow = model.Window{From: asOf - dailyDays + 1, To: asOf}
	if d.Daily, err = st.Daily(d.DailyWindow); err != nil {
		return nil, err
	}
	d.TargetDaily = targetDaily(st, info, d.Targets)
	known := make(map[model.Window]model.Snapshot, len(extra))
	for i, x := range extra {
		known[x] = snaps[i]
	}
	d.Pacing = activePacing(st, rules, d.Targets, asOf, known)
	if d.SameHours, err = sameHours(st, asOf, now); err != nil {
		return nil, err
	}
	if d.Campaigns, err = st.Campaigns(); err != nil {
		return nil, err
	}
	if d.Retros, err = st.Retros(); err != nil {
		return nil, err
	}
	return d, nil
}

// levelWindows are the windows whose snapshots pace the level targets
// active on asOf (targets.WholePace reads them from the KPI cache).
func levelWindows(ts []model.Target, asOf model.Day) []model.Window {
	var out []model.Window
	for _, t := range ts {
		info, ok := model.Metric(t.Metric)
		if !ok || info.Additive || t.From > asOf || asOf > t.To {
			continue
		}
		if w, _ := model.LevelWindow(model.Window{From: t.From, To: t.To}, asOf); w.Len() > 0 {
			out = append(out, w)
		}
	}
	return out
}

// PrimeFirstFrame keeps in the store's KPI cache the snapshots a session's
// first frame reads with a window of days ending at the default as-of day:
// the window's, the previous window's and those of the active level
// targets' pacing, computed in one scan. The import calls it when it has
// stored something, so the next start draws the whole Overview from the
// cache instead of waiting for the analysis (about half a second of CPU at
// a million members, paid once here).
func PrimeFirstFrame(st *store.Store, rules model.Rules, now time.Time, days int) error {
	if st.ReadOnly() {
		return nil
	}
	info, err := st.Info()
	if err != nil {
		return err
	}
	ts, err := st.Targets()
	if err != nil {
		return err
	}
	asOf := asOfFor(loadParams{latest: true, days: days}, info, now, st)
	w := model.Window{From: asOf - model.Day(days) + 1, To: asOf}
	prevW := model.Window{From: w.From - model.Day(days), To: w.From - 1}
	ws := append([]model.Window{w, prevW}, levelWindows(ts, asOf)...)
	return st.PrimeSnapshots(rules, ws)
}

// activePacing paces the targets active on asOf for the Overview's pacing
// list (targets.WholePace: one extra scan of the member summaries when a
// level target is active, none otherwise).
func activePacing(st *store.Store, rules model.Rules, ts []model.Target, asOf model.Day, known map[model.Window]model.Snapshot) []common.TargetPace {
	var active []model.Target
	for _, t := range ts {
		if t.From <= asOf && asOf <= t.To {
			active = append(active, t)
		}
	}
	return targets.WholePaceWith(st, rules, active, asOf, known)
}

// targetDaily splits every additive target into its per-day targets. A
// target that cannot be split (bad weights) is left out; the Targets pane
// reports such errors.
func targetDaily(st *store.Store, info store.Info, ts []model.Target) map[string][]int64 {
	out := map[string][]int64{}
	for _, t := range ts {
		m, ok := model.Metric(t.Metric)
		if !ok || !m.Additive {
			continue
		}
		daily := func(w model.Window) []int64 {
			rs, err := st.Daily(w)
			if err != nil {
				return make([]int64, w.Len())
			}
			v := make([]int64, len(rs))
			for i, r := range rs {
				v[i] = store.RollupMetric(t.Metric, &r)
			}
			return v
		}
		days, _, err := model.DailyTargets(t, info.FirstDay, info.LastDay, daily)
		if err == nil {
			out[t.ID] = days
		}
	}
	return out
}

// earlyLoaded is the result of the early load: a Dataset whose Analysis
// holds only the snapshots from the store's KPI cache (Dataset.Early), or
// nil when the cache had nothing true for the window.
type earlyLoaded struct {
	seq    uint64
	params loadParams
	data   *common.Dataset
	// complete: the Overview draws nothing the full load would add (no
	// target active on the as-of day, whose pacing needs the full load, and
	// no day in progress to compare with the same hours of the day before).
	complete bool
	err      error
}

// earlyLoad returns the command of the early load seq, started with the
// first full load: Info, the daily rollups and the targets as the full load
// reads them, and the snapshots of the window and the previous one from the
// KPI cache. A few pages even on a cold page cache: when the owner stored
// the snapshots and nothing was written since, the Overview has every
// member-level figure long before the scan of every member ends.
func earlyLoad(c *common.Common, p loadParams, seq uint64) tea.Cmd {
	st, rules, now := c.Store, c.Rules, c.Now()
	return func() tea.Msg {
		res := earlyLoaded{seq: seq, params: p}
		d, complete, err := loadEarly(st, rules, now, p)
		res.data, res.complete, res.err = d, complete, err
		return res
	}
}

func loadEarly(st *store.Store, rules model.Rules, now time.Time, p loadParams) (*common.Dataset, bool, error) {
	info, err := st.Info()
	if err != nil {
		return nil, false, err
	}
	asOf := asOfFor(p, info, now, st)
	w := model.Window{From: asOf - model.Day(p.days) + 1, To: asOf}
	prevW := model.Window{From: w.From - model.Day(p.days), To: w.From - 1}
	snap, ok, err := st.CachedSnapshot(rules, w)
	if err != nil || !ok {
		return nil, false, err
	}
	prev, ok, err := st.CachedSnapshot(rules, prevW)
	if err != nil || !ok {
		return nil, false, err
	}
	d := &common.Dataset{Info: info, AsOf: asOf, Window: w, Latest: p.latest, Early: true,
		Analysis: &store.Analysis{Snapshot: snap}, Prev: prev}
	d.DailyWindow = model.Window{From: asOf - dailyDays + 1, To: asOf}
	if d.Daily, err = st.Daily(d.DailyWindow); err != nil {
		return nil, false, err
	}
	if d.Targets, err = st.Targets(); err != nil {
		return nil, false, err
	}
	d.TargetDaily = targetDaily(st, info, d.Targets)
	// The pacing list: additive targets from the rollups, level ones from
	// the cache; when a level window is not cached, the full load paces.
	complete := model.DayOf(now, st.Location()) != asOf
	for _, lw := range levelWindows(d.Targets, asOf) {
		if _, ok, err := st.CachedSnapshot(rules, lw); err != nil || !ok {
			complete = false
		}
	}
	if complete {
		d.Pacing = activePacing(st, rules, d.Targets, asOf, nil)
	}
	return d, complete, nil
}

// quickLoad returns the command of quick refresh seq: Info and the daily
// rollups ending at the as-of day params give for the fresh Info, shared
// through the Hub like the full load (cheap, but twenty sessions on a live
// feed would otherwise read them twenty times a second).
func quickLoad(c *common.Common, p loadParams, seq, min uint64) tea.Cmd {
	st, now, hub, ctx := c.Store, c.Now(), c.Hub, c.Context()
	return func() tea.Msg {
		key := hubKey{kind: "quick", params: p, today: model.DayOf(now, st.Location())}
		v, _, err := hub.Get(ctx, key, min, func() (any, error) {
			res := quickLoaded{}
			info, err := st.Info()
			if err != nil {
				return nil, err
			}
			asOf := asOfFor(p, info, now, st)
			res.info = info
			res.dailyWindow = model.Window{From: asOf - dailyDays + 1, To: asOf}
			if res.daily, err = st.Daily(res.dailyWindow); err != nil {
				return nil, err
			}
			return res, nil
		})
		res, _ := v.(quickLoaded)
		res.seq, res.err = seq, err
		return res
	}
}

// LoadDataset loads a Dataset at once, the way the root's full load does:
// the window of the given number of days ending at asOf (0: the data's last
// day). For tests, benchmarks and tools; the root itself loads in tea.Cmds.
func LoadDataset(c *common.Common, asOf model.Day, days int) (*common.Dataset, error) {
	if days <= 0 {
		days = 30
	}
	p := loadParams{latest: asOf == 0, asOf: asOf, days: days}
	return loadDataset(c.Store, c.Rules, c.Now(), p, true)
}
