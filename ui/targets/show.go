package targets

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
)

// onShow opens the target another pane asked for (the Overview's pacing
// list) in its decomposition tree. A form being filled in is not thrown
// away: the request then only selects the target in the list behind it.
func (p *Pane) onShow(msg common.ShowTargetMsg) tea.Cmd {
	t, ok := p.findTarget(msg.ID)
	if !ok {
		p.list.flash, p.list.flashBad = p.c.T("ops.show.missing", msg.ID), true
		p.view = viewList
		return nil
	}
	if i := p.list.index(t.ID); i >= 0 {
		p.list.cursor = i
		p.list.clampOffset(p.listRows())
	} else {
		p.list.want = t.ID // selected when the list arrives
	}
	if p.view == viewForm {
		return nil
	}
	p.plan.edit = nil
	return p.openTree(t)
}

// findTarget looks a target up in the list, else in the root's dataset.
func (p *Pane) findTarget(id string) (model.Target, bool) {
	for _, t := range p.list.targets {
		if t.ID == id {
			return t, true
		}
	}
	if p.data != nil {
		for _, t := range p.data.Targets {
			if t.ID == id {
				return t, true
			}
		}
	}
	return model.Target{}, false
}

// WholePace paces the whole period of each target as of asOf, the way the
// list does: additive targets from the daily rollups (Store.TargetReport),
// level targets with one scan of the member summaries over the window of
// model.LevelWindow. The root's full load calls it for the Overview's pacing
// list, so both screens show the same figures. Results are in the order of
// ts.
func WholePace(st *store.Store, rules model.Rules, ts []model.Target, asOf model.Day) []common.TargetPace {
	return WholePaceWith(st, rules, ts, asOf, nil)
}

// WholePaceWith is WholePace with the snapshots of some windows already
// computed (under rules, on the data the caller read): a level target whose
// window is among them, or in the store's KPI cache, needs no scan. The
// full load passes those of its own scan.
func WholePaceWith(st *store.Store, rules model.Rules, ts []model.Target, asOf model.Day, known map[model.Window]model.Snapshot) []common.TargetPace {
	out := make([]common.TargetPace, len(ts))
	var level []model.Target
	var at []int
	for i, t := range ts {
		out[i].Target = t
		info, ok := model.Metric(t.Metric)
		switch {
		case !ok:
			out[i].Err = fmt.Errorf("target %s: unknown metric %q", t.ID, t.Metric)
		case info.Additive:
			rep, err := st.TargetReport(rules, t, asOf)
			if err != nil {
				out[i].Err = fmt.Errorf("target %s: %w", t.ID, err)
			} else {
				out[i].Row = rep.Whole
			}
		default:
			level = append(level, t)
			at = append(at, i)
		}
	}
	for k, s := range levelWholeRowsWith(st, rules, level, asOf, known) {
		out[at[k]].Row, out[at[k]].Err = s.row, s.err
	}
	return out
}
