package lifecycle

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/insight"
)

// The flow matrix's cells and the insight view (issue 8).
//
// In BlockFlow, ↑/↓ move between rows and ←/→ between columns; ←/→ at the
// matrix's edge move on to the neighbouring block, as they do from the
// other blocks. enter lists the cell's members in the Members pane.

const flowCols = int(model.NumStages)

// FlowCell is the selected cell: row (stage at the window's start, or
// model.NumStages for new members) and column (stage at its end).
func (m *Model) FlowCell() (row, col int) {
	return m.sel[BlockFlow] / flowCols, m.sel[BlockFlow] % flowCols
}

// SetFlowCell selects a cell of the flow matrix and focuses the block.
func (m *Model) SetFlowCell(row, col int) {
	row = min(max(row, 0), int(model.NumStages))
	col = min(max(col, 0), flowCols-1)
	m.block = BlockFlow
	m.sel[BlockFlow] = row*flowCols + col
}

// flowKey moves within the matrix; it reports false for keys it leaves to
// the pane (←/→ at the edges, enter, …).
func (m *Model) flowKey(msg tea.KeyMsg) bool {
	row, col := m.FlowCell()
	switch {
	case key.Matches(msg, m.keys.Up):
		m.SetFlowCell(row-1, col)
	case key.Matches(msg, m.keys.Down):
		m.SetFlowCell(row+1, col)
	case key.Matches(msg, m.keys.Left) && col > 0:
		m.SetFlowCell(row, col-1)
	case key.Matches(msg, m.keys.Right) && col < flowCols-1:
		m.SetFlowCell(row, col+1)
	default:
		return false
	}
	return true
}

// flowDrill is the drill-down of the selected cell.
func (m *Model) flowDrill() common.ShowMembersMsg {
	row, col := m.FlowCell()
	to := model.Stage(col)
	return common.ShowMembersMsg{Stage: &to, Flow: &row}
}

// flowSelection describes the selected cell for the selection line.
func (m *Model) flowSelection() string {
	row, col := m.FlowCell()
	from := m.c.T("lifecycle.flow.new")
	if row < int(model.NumStages) {
		from = m.stageName(model.Stage(row))
	}
	n := m.data.Analysis.Flow[row][col]
	return m.c.T("lifecycle.flow.sel", from, m.stageName(model.Stage(col)), format.Count(n))
}

// insightState is the insight the pane computes for the tier-risk counts
// and the insight view. It is computed in a tea.Cmd (one scan of the member
// summaries) when the as-of day changes, and on every new Dataset while the
// insight view is open: under a live feed the counts are those of the last
// as-of change until the view is opened, which keeps the extra scan off
// most of the root's reloads.
//
// A computation for a new Dataset starts after insightQuiet without a newer
// one (a debounce): it is background work, and it must not compete for the
// cores with the root's loads and the first frame. One the user asks for (i)
// starts at once.
type insightState struct {
	in    *model.Insight
	asOf  model.Day // the as-of day of in, or of the request in flight
	id    uint64
	quiet time.Duration // the debounce (insightQuiet; tests set 0)
}

// insightQuiet is how long the data must stay unchanged before the pane
// computes the insight of a new Dataset.
const insightQuiet = 1500 * time.Millisecond

// insightDue fires when the debounce of request id ends.
type insightDue struct{ id uint64 }

// insightLoaded is one insight computation's result.
type insightLoaded struct {
	id  uint64
	in  *model.Insight
	err error
}

// loadInsight asks for the insight when the as-of day moved, or always
// when force is set (the view is open or opening).
func (m *Model) loadInsight(force bool) tea.Cmd {
	if m.data == nil || m.c.Store == nil {
		return nil
	}
	asOf := m.data.AsOf
	if !force && m.sub == nil && m.ins.id > 0 && m.ins.asOf == asOf {
		return nil
	}
	m.ins.id++
	m.ins.asOf = asOf
	if !force && m.ins.quiet > 0 {
		id := m.ins.id
		return tea.Tick(m.ins.quiet, func(time.Time) tea.Msg { return insightDue{id: id} })
	}
	return m.computeInsight()
}

// computeInsight is the command computing the insight of request m.ins.id.
func (m *Model) computeInsight() tea.Cmd {
	id, st, asOf := m.ins.id, m.c.Store, m.ins.asOf
	hub, ctx := m.c.Hub, m.c.Context()
	var version uint64
	if m.data != nil {
		// 0 is a version like any other: the data as the store was opened,
		// before any change. (Taking it for "no version" made every
		// session of a freshly started server compute its own insight:
		// twenty scans of a million summaries at once.)
		version = m.data.Version
	}
	return func() tea.Msg {
		// One computation per as-of day and data version for every session
		// of the process (the Hub; nil in a single pane's tests).
		v, _, err := hub.Get(ctx, common.InsightKey{AsOf: asOf, Version: version}, version, func() (any, error) {
			return st.Insight(model.DefaultInsightConfig(asOf))
		})
		in, _ := v.(*model.Insight)
		return insightLoaded{id: id, in: in, err: err}
	}
}

// onInsightDue starts the computation whose debounce ended, unless a newer
// request replaced it.
func (m *Model) onInsightDue(msg insightDue) tea.Cmd {
	if msg.id != m.ins.id {
		return nil
	}
	return m.computeInsight()
}

func (m *Model) onInsight(msg insightLoaded) {
	if msg.id != m.ins.id || msg.err != nil {
		return
	}
	m.ins.in = msg.in
	if m.sub != nil {
		m.sub.SetInsight(msg.in)
	}
}

// insightCounts is the tier-risk and near-upgrade counts for the tiers
// block's title ("" while the insight is not computed).
func (m *Model) insightCounts() string {
	in := m.ins.in
	if in == nil {
		return ""
	}
	return m.c.T("lifecycle.insight.counts", format.Count(int64(len(in.TierRisk))), format.Count(int64(len(in.NearUpgrade))))
}

// Insight is the open insight view, or nil.
func (m *Model) Insight() *insight.Model { return m.sub }

// subKey routes keys to the insight view: i opens it, esc closes it, and
// while it is open it takes every other key.
func (m *Model) subKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	if m.sub == nil {
		if key.Matches(msg, m.keys.Insight) {
			m.sub = insight.New(m.c)
			m.sub.SetSize(m.width, m.height)
			m.sub.SetData(m.data)
			m.sub.SetInsight(m.ins.in) // the last one meanwhile
			return true, m.loadInsight(true)
		}
		return false, nil
	}
	if msg.Type == tea.KeyEsc {
		m.sub = nil
		return true, nil
	}
	_, cmd := m.sub.Update(msg)
	return true, cmd
}
