// Package insight is the Lifecycle pane's insight view (洞察): registration
// cohorts (share active and cumulative GMV per member), the new-member
// second-purchase rate, the points liability with what expires soon, and the
// member lists an operator acts on (tier risk, near-upgrade, birthdays),
// each of which opens in the Members pane.
//
// Everything it draws is a model.Insight its owner (the Lifecycle pane)
// computes in a tea.Cmd and hands it with SetInsight: the view never reads
// the store.
package insight

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
)

// Section is one page of the view.
type Section int

// Sections, in the order ←/→ walk them.
const (
	SectionCohorts Section = iota
	SectionSecond
	SectionPoints
	SectionLists
	NumSections
)

var sectionKeys = [NumSections]string{"cohorts", "second", "points", "lists"}

// List is one of the lists the Lists section opens.
type List int

// Lists, in the order they are shown.
const (
	ListRisk List = iota
	ListNear
	ListBirthdays7
	ListBirthdays30
	NumLists
)

// KeyMap is the view's keys.
type KeyMap struct {
	Prev, Next, Up, Down, Toggle, Open, Back key.Binding
}

func newKeyMap(t func(string, ...any) string) KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return KeyMap{
		Prev:   b("←/h", "insight.key.section", "left", "h"),
		Next:   b("→/l", "insight.key.section", "right", "l"),
		Up:     b("↑/k", "insight.key.move", "up", "k"),
		Down:   b("↓/j", "insight.key.move", "down", "j"),
		Toggle: b("g", "insight.key.toggle", "g"),
		Open:   b("enter", "insight.key.open", "enter"),
		Back:   b("esc", "insight.key.back", "esc"),
	}
}

// Model is the insight view of one session.
type Model struct {
	c       *common.Common
	keys    KeyMap
	data    *common.Dataset
	in      *model.Insight
	section Section
	gmv     bool // cohorts: cumulative GMV per member instead of share active
	sel     int  // the selected list
	width   int
	height  int
}

// New returns the view for the session c.
func New(c *common.Common) *Model {
	return &Model{c: c, keys: newKeyMap(c.T), width: c.Width, height: c.Height}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize sets the view's area.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Next, m.keys.Toggle, m.keys.Open, m.keys.Back}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{{k.Prev, k.Next}, {k.Up, k.Down}, {k.Toggle, k.Open, k.Back}}
}

// Section is the section shown.
func (m *Model) Section() Section { return m.section }

// SetSection shows section s.
func (m *Model) SetSection(s Section) {
	if s >= 0 && s < NumSections {
		m.section = s
	}
}

// Selected is the list selected in the Lists section.
func (m *Model) Selected() List { return List(m.sel) }

// SetData gives the view the session's Dataset.
func (m *Model) SetData(d *common.Dataset) { m.data = d }

// SetInsight gives the view the insight to draw (nil: still computing).
func (m *Model) SetInsight(in *model.Insight) { m.in = in }

func (m *Model) insight() *model.Insight { return m.in }

// Update handles the Dataset and the keys (esc is the owner's: it closes
// the view).
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.DataMsg:
		m.data = msg.Data
	case tea.KeyMsg:
		k := m.keys
		switch {
		case key.Matches(msg, k.Prev):
			m.section = (m.section + NumSections - 1) % NumSections
		case key.Matches(msg, k.Next):
			m.section = (m.section + 1) % NumSections
		case key.Matches(msg, k.Up):
			m.sel = max(m.sel-1, 0)
		case key.Matches(msg, k.Down):
			m.sel = min(m.sel+1, int(NumLists)-1)
		case key.Matches(msg, k.Toggle):
			m.gmv = !m.gmv
		case key.Matches(msg, k.Open):
			if m.section == SectionLists {
				return m, m.open(List(m.sel))
			}
		}
	}
	return m, nil
}

// open asks the root to list the members of l in the Members pane.
func (m *Model) open(l List) tea.Cmd {
	in := m.insight()
	if in == nil {
		return nil
	}
	var msg common.ShowMembersMsg
	switch l {
	case ListRisk:
		msg.List = RiskList(m.c, in)
	case ListNear:
		msg.List = NearList(m.c, in)
	case ListBirthdays7:
		msg.Birthdays = 7
	case ListBirthdays30:
		msg.Birthdays = 30
	}
	return func() tea.Msg { return msg }
}

// RiskList is the tier-risk list for the Members pane, most urgent first,
// with the growth that keeps each member's tier and the days left.
func RiskList(c *common.Common, in *model.Insight) *common.MemberList {
	seqs := make([]uint32, len(in.TierRisk))
	vals := make([]string, len(in.TierRisk))
	for i, e := range in.TierRisk {
		seqs[i] = e.Seq
		vals[i] = c.T("insight.risk.value", format.Count(e.Keep), e.DropIn)
	}
	return common.NewMemberList(c.T("insight.list.risk"), c.T("insight.risk.col"), seqs, vals)
}

// NearList is the near-upgrade list for the Members pane, closest first,
// with the growth that lifts each member to the next tier.
func NearList(c *common.Common, in *model.Insight) *common.MemberList {
	seqs := make([]uint32, len(in.NearUpgrade))
	vals := make([]string, len(in.NearUpgrade))
	for i, e := range in.NearUpgrade {
		seqs[i] = e.Seq
		vals[i] = "+" + format.Count(e.Need) + " " + c.T("tier.short."+e.Next.String())
	}
	return common.NewMemberList(c.T("insight.list.near"), c.T("insight.near.col"), seqs, vals)
}
