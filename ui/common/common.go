// Package common holds what every pane of one session shares: the session's
// context (store, catalogue, styles, size, clock, as-of window), the Component
// interface panes implement, and the messages the root sends to all panes.
// Nothing here is package-level state: each SSH session builds its own Common.
package common

import (
	"context"
	"io"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
)

// Common is one session's shared context. The root owns it and passes a
// pointer to every pane; panes read it and never keep copies of its fields.
type Common struct {
	Store    *store.Store
	Cat      i18n.Catalog
	Renderer *lipgloss.Renderer
	Styles   *theme.Styles
	Now      func() time.Time // the clock (fixed in tests)
	Rules    model.Rules
	Actor    store.Actor // who this session is: edits are checked against the role
	// Hub computes the shared views of the data once for every session of
	// the process (nil: each load computes its own, as in a single pane's
	// tests).
	Hub *Hub
	// Ctx ends with the session (the client left, the server shuts down):
	// the root then releases its change subscription, and loads still
	// waiting on the Hub give up. Nil means the session never ends early.
	Ctx    context.Context
	Width  int // size of the pane area (below tabs, above the status bar)
	Height int
	// SaveFile writes a file the user asked for (a campaign's audience for
	// the sending tool) and returns where it went. The ui never opens files
	// itself: cmd/cockpit provides this; nil where a session may not write.
	SaveFile func(name string, write func(io.Writer) error) (string, error)
}

// T translates a catalogue key (shorthand for c.Cat.T).
func (c *Common) T(key string, args ...any) string { return c.Cat.T(key, args...) }

// Component is a pane or a piece of one: a Bubble Tea model that lists its
// keys for the help view and accepts a size.
type Component interface {
	Init() tea.Cmd
	Update(tea.Msg) (Component, tea.Cmd)
	View() string
	help.KeyMap
	SetSize(width, height int)
}

// TabComponent is a top-level pane shown as a tab.
type TabComponent interface {
	Component
	// Title is the tab's label in the session's language.
	Title() string
	// Capturing reports whether the pane is taking text input (a filter or a
	// form), so the root must not treat keys such as q or 1–6 as its own.
	Capturing() bool
}

// Lazy is implemented by a pane whose work on a new Dataset (not its
// drawing) may wait until its tab is shown: the Campaigns pane's profile
// index and audience index are hundreds of ms of CPU and tens of MB at a
// million members, for the whole process, which no session needs until
// one opens the tab. The root defers every such pane but the one shown at
// start; a deferred pane keeps the newest Dataset without computing on it.
type Lazy interface {
	// Defer makes the pane keep new Datasets without computing on them.
	Defer()
	// Show is called each time the pane's tab is shown; the first time
	// after Defer it returns the command of the work deferred, if any.
	Show() tea.Cmd
}

// TextTaker is implemented by a pane whose capture is not always a text
// field (a y/n question, a choice cycled with ←/→): TakingText reports
// whether the focused input takes typed text now. The root splits a key
// message that carries several runes ("jj", typed fast or pasted) into one
// message per rune unless the pane takes text; a pane that does not
// implement TextTaker takes text whenever it is Capturing.
type TextTaker interface {
	TakingText() bool
}

// Dataset is the data every pane draws from, loaded by the root in a tea.Cmd
// whenever the store announces a change (and when the window changes). It is
// immutable once delivered: panes keep the pointer.
type Dataset struct {
	Seq uint64 // load id: a load that finishes after a newer one started is dropped
	// Version is the data version the analysis reflects (the store's change
	// sequence before it was computed; 0 is the data as the store was
	// opened, before any change); panes ask the Hub for their own shared
	// values at least this new. A Dataset built outside the root's loader
	// and used with a Hub must set it the same way (Hub.Version read before
	// the load).
	Version  uint64
	Info     store.Info   // counts and the data's day range
	AsOf     model.Day    // the as-of day (stages, tiers, RFM at Window.To)
	Window   model.Window // KPI window ending at AsOf
	Analysis *store.Analysis
	Prev     model.Snapshot // the previous window of the same length, for changes
	Daily    []store.Rollup // DailyWindow's days, oldest first
	// DailyWindow is the span of Daily (365 days ending at AsOf).
	DailyWindow model.Window
	Targets     []model.Target
	// TargetDaily holds, per target ID, the per-day targets of every additive
	// target (model.DailyTargets over [From, To]); level targets are absent.
	// Computed in the load so that panes never read the store to draw a
	// target line.
	TargetDaily map[string][]int64
	// Campaigns and Retros are the stored records (small: loaded whole).
	Campaigns []model.Campaign
	Retros    []model.Retro
	// Latest reports whether AsOf follows the data's last day (the default)
	// rather than a day the user chose.
	Latest bool
	// Pacing is the whole-period pace of every target active on AsOf
	// (From ≤ AsOf ≤ To), in the order of Targets; computed by full loads
	// only (a quick refresh keeps the previous figures).
	Pacing []TargetPace
	// SameHours is the day before AsOf up to the same time of day, when
	// AsOf is today and so not over (nil otherwise): what a day in progress
	// is compared with.
	SameHours *SameHours
	// Early marks a Dataset drawn before the full load: its Analysis holds
	// only the snapshot, taken from the store's KPI cache (no index, no
	// flow), and Pacing and SameHours are not loaded. Only the Overview
	// gets it; the full load replaces it.
	Early bool
}

// SameHours is the day before a day in progress, up to the same clock time.
type SameHours struct {
	Until               time.Time // the cut: events before it count
	DAU, Orders, Buyers int64
	GMVFen              int64
}

// TargetPace is an active target's whole-period row as of the Dataset's
// AsOf (model.Tree's first row: actual against expected to date, gap,
// forecast, run-rate needed), or the error that kept it from being computed.
type TargetPace struct {
	Target model.Target
	Row    model.PeriodRow
	Err    error
}

// DataMsg delivers a new Dataset to every pane.
type DataMsg struct{ Data *Dataset }

// ErrMsg reports a failed load or write; the root shows it in the status bar.
type ErrMsg struct{ Err error }

// WindowMsg asks the root to change the KPI window and reload the Dataset.
// Fields combine: Latest first, then Shift, then Days or CycleDays. The root
// clamps the as-of day to the data's days and keeps following the latest day
// when a shift reaches it.
type WindowMsg struct {
	Latest    bool // follow the data's last day again
	Shift     int  // move the as-of day by this many days
	Days      int  // new window length in days (0: unchanged)
	CycleDays bool // step the window length through 7, 30 and 90 days
}

// ShowMembersMsg asks the root to switch to the Members pane with a filter,
// sent by the Lifecycle pane's drill-down (stages, tiers, RFM groups, the
// flow matrix's cells) and the insight lists.
type ShowMembersMsg struct {
	Stage   *model.Stage
	Tier    *model.Tier
	Segment *model.Segment
	// Flow selects the members in a row of the flow matrix: their stage at
	// the window's start (a model.Stage, or store.FlowNew for members
	// registered in the window). With Stage, one cell of the matrix.
	Flow *int
	// List restricts the table to a computed list of members (tier risk,
	// near-upgrade, a saved segment), with its value column.
	List *MemberList
	// Birthdays, when above zero, lists the members whose birthday falls in
	// the next Birthdays days (the Members pane computes it from profiles).
	Birthdays int
}

// MemberList is a computed list of members for the Members pane: a name for
// the filter line, the members, and optionally one value per member shown
// in a column of its own (the amount that keeps or lifts a tier, days to a
// birthday). It is immutable once built.
type MemberList struct {
	Name       string // shown in the filter line, e.g. "降级风险"
	ValueTitle string // the value column's title ("" : no column)
	seqs       []uint32
	values     []string
	index      map[uint32]int32
	valueW     int // display width of the widest value
}

// NewMemberList builds a list of seqs with values[i] for seqs[i] (values
// may be nil).
func NewMemberList(name, valueTitle string, seqs []uint32, values []string) *MemberList {
	l := &MemberList{Name: name, ValueTitle: valueTitle, seqs: seqs, values: values, index: make(map[uint32]int32, len(seqs))}
	for i, s := range seqs {
		l.index[s] = int32(i)
	}
	for _, v := range values {
		l.valueW = max(l.valueW, lipgloss.Width(v))
	}
	return l
}

// Has reports whether the member seq is in the list.
func (l *MemberList) Has(seq uint32) bool { _, ok := l.index[seq]; return ok }

// Value is the member's value ("" when none).
func (l *MemberList) Value(seq uint32) string {
	i, ok := l.index[seq]
	if !ok || int(i) >= len(l.values) {
		return ""
	}
	return l.values[i]
}

// ValueWidth is the display width of the widest value.
func (l *MemberList) ValueWidth() int { return l.valueW }

// Len is the number of members in the list.
func (l *MemberList) Len() int { return len(l.seqs) }

// Rank is the member's position in the list (the list's own order), or −1.
func (l *MemberList) Rank(seq uint32) int {
	if i, ok := l.index[seq]; ok {
		return int(i)
	}
	return -1
}

// Context returns the session's context (never nil).
func (c *Common) Context() context.Context {
	if c.Ctx == nil {
		return context.Background()
	}
	return c.Ctx
}

// NewCampaignMsg asks the root to switch to the Campaigns pane and open a
// new campaign pre-filled for a lifecycle stage with the campaign type that
// suits it, sent by the Lifecycle pane.
type NewCampaignMsg struct {
	Stage model.Stage
	Type  model.CampaignType
}

// ShowTargetMsg asks the root to switch to the Targets pane and open the
// target's decomposition tree, sent by the Overview's pacing list.
type ShowTargetMsg struct{ ID string }
