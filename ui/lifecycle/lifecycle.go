// Package lifecycle is the Lifecycle pane (生命周期): members by stage with
// shares and bars, the flow between stages over the window, the tiers, the
// eight RFM groups, and for the selected stage its operating focus and the
// campaign types that suit it. enter drills down to the Members pane.
//
// Everything it draws is in the Dataset's Analysis: the pane never reads the
// store.
package lifecycle

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
)

// Block is one of the pane's selectable blocks.
type Block int

// Blocks, in the order h/l walk them.
const (
	BlockStages Block = iota
	BlockTiers
	BlockRFM
	NumBlocks
)

// blockLen is how many items each block selects among.
var blockLen = [NumBlocks]int{int(model.NumStages), int(model.NumTiers), int(model.NumSegments)}

// CampaignFor is the campaign type that suits a stage's operating focus.
func CampaignFor(s model.Stage) model.CampaignType {
	return [model.NumStages]model.CampaignType{
		model.CampaignAcquisition, model.CampaignCultivation, model.CampaignPromotion,
		model.CampaignReactivation, model.CampaignWinback,
	}[s]
}

// KeyMap is the pane's keys with their help text.
type KeyMap struct {
	Up, Down, Left, Right, Open, Campaign key.Binding
}

func newKeyMap(t func(string, ...any) string) KeyMap {
	return KeyMap{
		Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", t("lifecycle.key.move"))),
		Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t("lifecycle.key.move"))),
		Left:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", t("lifecycle.key.block"))),
		Right: key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", t("lifecycle.key.block"))),
		Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t("lifecycle.key.open"))),
		// The selected stage's suggested campaign, as a new campaign pre-filled for it.
		Campaign: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t("lifecycle.key.campaign"))),
	}
}

// Model is the Lifecycle pane of one session.
type Model struct {
	c      *common.Common
	keys   KeyMap
	st     styles
	data   *common.Dataset
	block  Block
	sel    [NumBlocks]int
	width  int
	height int
}

type styles struct {
	title, subtle, selected, bar, label lipgloss.Style
}

// New returns the pane for the session c.
func New(c *common.Common) common.TabComponent {
	s := c.Styles
	m := &Model{
		c:    c,
		keys: newKeyMap(c.T),
		st: styles{
			title:    s.Title,
			subtle:   s.Subtle,
			selected: s.TableSelected,
			bar:      s.Accent,
			label:    s.CardTitle,
		},
		width:  c.Width,
		height: c.Height,
	}
	return m
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Title is the tab's label.
func (m *Model) Title() string { return m.c.T("lifecycle.title") }

// Capturing is always false: the pane takes no text input.
func (m *Model) Capturing() bool { return false }

// SetSize sets the pane's area.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Down, m.keys.Right, m.keys.Open}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down}, {m.keys.Left, m.keys.Right}, {m.keys.Open, m.keys.Campaign}}
}

// Block is the focused block.
func (m *Model) Block() Block { return m.block }

// Selected is the index selected in block b: a model.Stage, model.Tier or
// model.Segment.
func (m *Model) Selected(b Block) int { return m.sel[b] }

// Update handles the Dataset and the keys.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.DataMsg:
		m.data = msg.Data
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Up):
			m.sel[m.block] = max(m.sel[m.block]-1, 0)
		case key.Matches(msg, m.keys.Down):
			m.sel[m.block] = min(m.sel[m.block]+1, blockLen[m.block]-1)
		case key.Matches(msg, m.keys.Left):
			m.block = (m.block + NumBlocks - 1) % NumBlocks
		case key.Matches(msg, m.keys.Right):
			m.block = (m.block + 1) % NumBlocks
		case key.Matches(msg, m.keys.Open):
			return m, m.drill()
		case key.Matches(msg, m.keys.Campaign):
			s := model.Stage(m.sel[BlockStages])
			nc := common.NewCampaignMsg{Stage: s, Type: CampaignFor(s)}
			return m, func() tea.Msg { return nc }
		}
	}
	return m, nil
}

// drill returns the command asking for the members of the selection.
func (m *Model) drill() tea.Cmd {
	var msg common.ShowMembersMsg
	switch m.block {
	case BlockStages:
		s := model.Stage(m.sel[BlockStages])
		msg.Stage = &s
	case BlockTiers:
		t := model.Tier(m.sel[BlockTiers])
		msg.Tier = &t
	case BlockRFM:
		g := model.Segment(m.sel[BlockRFM])
		msg.Segment = &g
	}
	return func() tea.Msg { return msg }
}
