// Package overview is the Overview pane (总览): a grid of KPI cards — value,
// change against the previous window, a sparkline over the KPI window — the
// selected KPI as a full chart with the line of one target at a time over a
// switchable range, and the pacing of the active targets, worst first.
//
// The pane reads only the Dataset the root delivers (window KPIs from the
// analysis snapshot, daily rollups, targets); it never touches the store, so
// its View costs the same at a thousand members as at a million.
package overview

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
)

// Ranges are the chart's day ranges, switched with r.
var Ranges = [...]int{7, 30, 90, 365}

// Overview is the Overview pane of one session.
type Overview struct {
	c      *common.Common
	keys   KeyMap
	data   *common.Dataset
	sel    int // selected card
	rng    int // index into Ranges
	follow int // which of the chart's targets its line follows (f)
	// pacing is whether the pacing list has the keyboard (p): up/down
	// move in it and enter opens the selected target. On a pane too short
	// for both, the list is shown instead of the chart while it has it.
	pacing bool
	pcur   int             // selected row of the pacing list
	bd     *breakdownState // the selected KPI's breakdown when open (breakdown.go)
	width  int
	height int
	// frame is the last frame View drew and what it was drawn from.
	frame frameMemo
}

// frameMemo keeps the Overview's last frame. Bubble Tea draws the whole
// screen after every message a session receives, most of which leave the
// Overview as it was (another pane's spinner, a result for a hidden pane, a
// keystroke in another tab): ten bordered cards, their sparklines and the
// chart cost milliseconds to format, twenty sessions times ten spinner
// frames a second while a shared analysis runs. The frame depends only on
// the fields in frameKey (the Dataset is immutable once delivered).
type frameMemo struct {
	key frameKey
	out string
	ok  bool
}

// frameKey is everything the Overview's frame is drawn from, besides the
// session's constant language and styles.
type frameKey struct {
	data             *common.Dataset
	w, h             int
	sel, rng, follow int
	pacing           bool
	pcur             int
	today            model.Day // "today" and a day in progress are drawn differently
}

// New returns the Overview pane.
func New(c *common.Common) *Overview {
	return &Overview{c: c, keys: newKeyMap(c.T), rng: 1, width: c.Width, height: c.Height}
}

// Init does nothing: the root loads the data.
func (o *Overview) Init() tea.Cmd { return nil }

// Title is the tab label.
func (o *Overview) Title() string { return o.c.T("tab.overview") }

// Capturing is false: the Overview takes no text input.
func (o *Overview) Capturing() bool { return false }

// SetSize sets the pane's size.
func (o *Overview) SetSize(w, h int) { o.width, o.height = w, h }

// ShortHelp implements help.KeyMap.
func (o *Overview) ShortHelp() []key.Binding { return o.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
func (o *Overview) FullHelp() [][]key.Binding { return o.keys.FullHelp() }

// Selected returns the key of the selected KPI card.
func (o *Overview) Selected() string { return cards[o.sel].key }

// Range returns the chart's range in days.
func (o *Overview) Range() int { return Ranges[o.rng] }

// Follow returns the index of the target the chart's line follows among
// those it can draw (taken modulo their number).
func (o *Overview) Follow() int { return o.follow }

// PacingFocused reports whether the pacing list has the keyboard.
func (o *Overview) PacingFocused() bool { return o.pacing }

// Data returns the dataset the pane shows (nil before the first load).
func (o *Overview) Data() *common.Dataset { return o.data }

// Update handles data, keys and mouse clicks on cards.
func (o *Overview) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.DataMsg:
		o.data = msg.Data
		if o.bd != nil {
			return o, o.loadBreakdown()
		}
	case breakdownLoaded:
		o.onBreakdown(msg)
	case tea.KeyMsg:
		return o, o.key(msg)
	case tea.MouseMsg:
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
			if i, ok := o.cardAt(msg.X, msg.Y); ok && i != o.sel {
				o.sel, o.follow = i, 0
			}
		}
	}
	return o, nil
}

func (o *Overview) key(msg tea.KeyMsg) tea.Cmd {
	if done, cmd := o.breakdownKey(msg); done {
		return cmd
	}
	cols := o.layout().cols
	n := len(cards)
	k := o.keys
	if o.pacing {
		rows := o.pacingRows()
		switch {
		case key.Matches(msg, k.Up):
			o.pcur = max(o.pcur-1, 0)
			return nil
		case key.Matches(msg, k.Down):
			o.pcur = max(min(o.pcur+1, len(rows)-1), 0)
			return nil
		case key.Matches(msg, k.Open):
			if o.pcur < len(rows) {
				id := rows[o.pcur].Target.ID
				return func() tea.Msg { return common.ShowTargetMsg{ID: id} }
			}
			return nil
		case key.Matches(msg, k.Back):
			o.pacing = false
			return nil
		}
	}
	switch {
	case key.Matches(msg, k.Left):
		o.sel = (o.sel + n - 1) % n
		o.follow = 0
	case key.Matches(msg, k.Right):
		o.sel = (o.sel + 1) % n
		o.follow = 0
	case key.Matches(msg, k.Follow):
		o.follow++
	case key.Matches(msg, k.Pacing):
		o.pacing = !o.pacing
		o.pcur = max(min(o.pcur, len(o.pacingRows())-1), 0)
	case key.Matches(msg, k.Up):
		if o.sel-cols >= 0 {
			o.sel -= cols
			o.follow = 0
		}
	case key.Matches(msg, k.Down):
		if o.sel+cols < n {
			o.sel += cols
			o.follow = 0
		}
	case key.Matches(msg, k.Range):
		o.rng = (o.rng + 1) % len(Ranges)
	case key.Matches(msg, k.PrevDay):
		return window(common.WindowMsg{Shift: -1})
	case key.Matches(msg, k.NextDay):
		return window(common.WindowMsg{Shift: 1})
	case key.Matches(msg, k.Latest):
		return window(common.WindowMsg{Latest: true})
	case key.Matches(msg, k.Window):
		return window(common.WindowMsg{CycleDays: true})
	}
	return nil
}

func window(m common.WindowMsg) tea.Cmd { return func() tea.Msg { return m } }
