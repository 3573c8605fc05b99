// Package members is the Members pane (会员): a table over every member that
// scrolls a million rows smoothly, with search, filters and sorting, and a
// member's detail with the rule behind their stage and their event timeline.
//
// The table's rows are indices into the Dataset's Analysis.Members (stage,
// tier, RFM group, spend, days), filtered and sorted in a tea.Cmd; profiles
// (id, name, phone, channel, tags) come from a store.Profiles index loaded
// once in a tea.Cmd and again when the member count changes. Only the rows on
// screen are ever formatted and handed to the bubbles table.
package members

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
)

// KeyMap is the pane's keys with their help text.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Search, Stage, Tier, Segment, Channel key.Binding
	Tag, Sort, Reverse, Clear, Open, Back key.Binding
	// The filter keys shifted cycle backwards.
	StageBack, TierBack, SegmentBack, ChannelBack, TagBack key.Binding
	// Save keeps the list as a named segment; Export writes it as CSV
	// (ExportUnmasked: phones in full, admins only).
	Save, Export, ExportUnmasked key.Binding
	// Lists shows the saved segments to reopen one as the list.
	Lists key.Binding
}

func newKeyMap(t func(string, ...any) string) KeyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return KeyMap{
		Up:          b("↑/k", "members.key.move", "up", "k"),
		Down:        b("↓/j", "members.key.move", "down", "j"),
		PageUp:      b("pgup", "members.key.page", "pgup", "ctrl+u", "ctrl+b"),
		PageDown:    b("pgdn", "members.key.page", "pgdown", "ctrl+d", "ctrl+f"),
		Home:        b("home/end", "members.key.ends", "home"),
		End:         b("end", "members.key.ends", "end"),
		Search:      b("/", "members.key.search", "/"),
		Stage:       b("s/S", "members.key.stage", "s"),
		Tier:        b("t/T", "members.key.tier", "t"),
		Segment:     b("g/G", "members.key.segment", "g"),
		Channel:     b("c/C", "members.key.channel", "c"),
		Tag:         b("x/X", "members.key.tag", "x"),
		Sort:        b("o", "members.key.sort", "o"),
		Reverse:     b("O", "members.key.reverse", "O"),
		Clear:       b("esc", "members.key.clear", "esc"),
		Open:        b("enter", "members.key.open", "enter"),
		Back:        b("esc", "members.key.back", "esc", "backspace"),
		StageBack:   b("S", "members.key.stage", "S"),
		TierBack:    b("T", "members.key.tier", "T"),
		SegmentBack: b("G", "members.key.segment", "G"),
		ChannelBack: b("C", "members.key.channel", "C"),
		TagBack:     b("X", "members.key.tag", "X"),

		Save:           b("w", "members.key.save", "w"),
		Export:         b("e", "members.key.export", "e"),
		ExportUnmasked: b("E", "members.key.export_unmasked", "E"),
		Lists:          b("l", "members.key.lists", "l"),
	}
}

// Messages of the pane's own commands, each tagged with the id of the request
// that produced it: a result for an older request is dropped.
type (
	profilesLoaded struct {
		id  uint64
		p   *store.Profiles
		err error
	}
	memberLoaded struct {
		id     uint64
		seq    uint32
		m      model.Member
		h      model.MemberHistory
		events []model.Event
		err    error
	}
)

// timelineLimit is how many of a member's latest events the detail shows.
const timelineLimit = 200

// Model is the Members pane of one session.
type Model struct {
	c    *common.Common
	keys KeyMap
	st   styles

	data *common.Dataset

	profiles     *store.Profiles
	profilesFor  int64 // Info.Members of the profiles loaded or loading
	profilesID   uint64
	profilesBusy bool

	q       Query
	a       *store.Analysis // the analysis rows index into
	rows    []uint32
	orders  map[SortKey][]uint32 // sorted orders of a, cached
	reqID   uint64
	busy    bool
	pending bool // a profile filter waits for the profiles
	spendW  int

	cursor, top int
	table       table.Model
	cols        []column

	input     textinput.Model
	searching bool

	lists  listState // computed lists, saving and exporting (lists.go)
	picker segPicker // the saved segments, to reopen one (seglists.go)

	detail   *detailState
	vp       viewport.Model
	memberID uint64 // id of the latest member load

	width, height int
	err           error
}

type styles struct {
	title, subtle, label, err lipgloss.Style
}

// New returns the pane for the session c.
func New(c *common.Common) common.TabComponent {
	r := c.Renderer
	m := &Model{
		c:    c,
		keys: newKeyMap(c.T),
		st: styles{
			title:  c.Styles.Title,
			subtle: c.Styles.Subtle,
			label:  c.Styles.CardTitle,
			err:    c.Styles.ErrorLabel,
		},
		q:      NoFilter(),
		orders: map[SortKey][]uint32{},
		width:  c.Width,
		height: c.Height,
	}
	m.table = table.New(table.WithStyles(table.Styles{
		Header:   c.Styles.TableHeader.PaddingRight(1),
		Cell:     r.NewStyle().PaddingRight(1),
		Selected: c.Styles.TableSelected,
	}))
	m.input = textinput.New()
	m.input.Prompt = c.T("members.search.prompt")
	m.input.Placeholder = c.T("members.search.hint")
	m.input.CharLimit = 64
	m.input.PromptStyle = c.Styles.Accent
	m.input.TextStyle = r.NewStyle()
	m.input.PlaceholderStyle = c.Styles.Subtle
	m.input.Cursor.Style = c.Styles.Cursor
	m.input.Cursor.SetMode(cursor.CursorStatic) // no blink messages to route
	m.vp = viewport.New(0, 0)
	m.layout()
	return m
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Title is the tab's label.
func (m *Model) Title() string { return m.c.T("members.title") }

// Capturing reports whether the search or name input takes the keys.
func (m *Model) Capturing() bool { return m.searching || m.lists.naming || m.picker.open }

// SetSize sets the pane's area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.detail != nil {
		return []key.Binding{m.keys.Back, m.keys.Down}
	}
	return []key.Binding{m.keys.Search, m.keys.Stage, m.keys.Sort, m.keys.Open}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	if m.detail != nil {
		return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown}, {m.keys.Back}}
	}
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home},
		{k.Search, k.Stage, k.Tier, k.Segment, k.Channel, k.Tag},
		{k.Sort, k.Reverse, k.Clear, k.Open},
		{k.Save, k.Lists, k.Export, k.ExportUnmasked},
	}
}

// Query is the table's current query.
func (m *Model) Query() Query { return m.q }

// Total is the number of rows the table lists (all of them, not the screen).
func (m *Model) Total() int { return len(m.rows) }

// Cursor is the selected row (0-based over all rows) and Top the first row on
// screen.
func (m *Model) Cursor() int { return m.cursor }

// Top is the first row on screen.
func (m *Model) Top() int { return m.top }

// Busy reports whether a computation of the rows is running.
func (m *Model) Busy() bool { return m.busy || m.profilesBusy }

// InDetail reports whether a member's detail is open, and whose.
func (m *Model) InDetail() (uint32, bool) {
	if m.detail == nil {
		return 0, false
	}
	return m.detail.seq, true
}

// SelectedSeq is the seq of the member under the cursor.
func (m *Model) SelectedSeq() (uint32, bool) {
	if m.a == nil || m.cursor < 0 || m.cursor >= len(m.rows) {
		return 0, false
	}
	return m.a.Members[m.rows[m.cursor]].Seq, true
}

// Update handles data, the pane's own results, keys and the mouse.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.DataMsg:
		return m, m.onData(msg.Data)
	case common.ShowMembersMsg:
		return m, m.onShow(msg)
	case profilesLoaded:
		return m, m.onProfiles(msg)
	case viewComputed:
		m.onView(msg)
		return m, nil
	case memberLoaded:
		m.onMember(msg)
		return m, nil
	case listSaved:
		m.onSaved(msg)
		return m, nil
	case listExported:
		m.onExported(msg)
		return m, nil
	case segmentsListed:
		m.onSegmentsListed(msg)
		return m, nil
	case segmentOpened:
		return m, m.onSegmentOpened(msg)
	case segmentDeleted:
		m.onSegmentDeleted(msg)
		return m, nil
	case tea.KeyMsg:
		if m.detail != nil {
			return m, m.detailKey(msg)
		}
		if m.picker.open {
			return m, m.pickerKey(msg)
		}
		if m.lists.naming {
			return m, m.nameKey(msg)
		}
		if m.searching {
			return m, m.searchKey(msg)
		}
		return m, m.tableKey(msg)
	case tea.MouseMsg:
		return m, m.mouse(msg)
	}
	return m, nil
}

func (m *Model) onData(d *common.Dataset) tea.Cmd {
	m.data = d
	var cmds []tea.Cmd
	if d == nil {
		return nil
	}
	if (m.profiles == nil || m.profilesFor != d.Info.Members) && !(m.profilesBusy && m.profilesFor == d.Info.Members) {
		cmds = append(cmds, m.loadProfiles(d.Info.Members))
	}
	if d.Analysis != nil && d.Analysis != m.a {
		cmds = append(cmds, m.recompute(true))
		if m.detail != nil {
			cmds = append(cmds, m.loadMember(m.detail.seq))
		}
	}
	return tea.Batch(cmds...)
}

// orderKey names a sorted order (or the unfiltered rows) of the members in
// the Hub: the analysis is identified by the data version and window it was
// computed for, which every session on the same Dataset shares.
type orderKey struct {
	version uint64
	window  model.Window
	latest  bool
	rows    bool
	sort    SortKey
	desc    bool
}

// HubSlot names the order besides the data version, so the Hub keeps only
// the newest version's order (common.VersionedKey): each save's orders
// would otherwise stay cached, 4 MB each at a million members.
func (k orderKey) HubSlot() any { k.version = 0; return k }

// HubVersion is the data version of the analysis the order sorts.
func (k orderKey) HubVersion() uint64 { return k.version }

// shareOrder returns the function a row computation uses to get a sorted
// order or the unfiltered rows through the Hub (a sort of a million members
// is ~100 ms and 4 MB: once per analysis for the process, not per session).
func (m *Model) shareOrder() func(bool, SortKey, bool, func() []uint32) []uint32 {
	d, hub, ctx := m.data, m.c.Hub, m.c.Context()
	if hub == nil || d == nil {
		return nil
	}
	return func(rows bool, s SortKey, desc bool, f func() []uint32) []uint32 {
		key := orderKey{version: d.Version, window: d.Window, latest: d.Latest, rows: rows, sort: s, desc: desc}
		v, _, err := hub.Get(ctx, key, 0, func() (any, error) { return f(), nil })
		if o, ok := v.([]uint32); ok && err == nil {
			return o
		}
		return f()
	}
}

func (m *Model) loadProfiles(n int64) tea.Cmd {
	m.profilesID++
	m.profilesFor = n
	m.profilesBusy = true
	id, st, hub, ctx := m.profilesID, m.c.Store, m.c.Hub, m.c.Context()
	return func() tea.Msg {
		// One index for every session of the process (tens of MB at a
		// million members), reloaded when the member count changes, as
		// each pane did before (any version of that count will do).
		v, _, err := hub.Get(ctx, common.ProfilesKey{Members: n}, 0, func() (any, error) { return st.LoadProfiles() })
		p, _ := v.(*store.Profiles)
		return profilesLoaded{id: id, p: p, err: err}
	}
}

func (m *Model) onProfiles(msg profilesLoaded) tea.Cmd {
	if msg.id != m.profilesID {
		return nil
	}
	m.profilesBusy = false
	if msg.err != nil {
		m.err = msg.err
		return nil
	}
	m.profiles = msg.p
	m.layout()
	if n := m.lists.birthdays; n > 0 {
		m.lists.birthdays = 0
		m.q.List = m.birthdayList(n)
		return m.recompute(false)
	}
	if !m.q.profileFilter().IsZero() || m.pending {
		return m.recompute(true)
	}
	m.refreshRows()
	return nil
}

// recompute starts the computation of the rows for the current query and
// analysis; keep holds the cursor on the selected member where it can.
func (m *Model) recompute(keep bool) tea.Cmd {
	if m.data == nil || m.data.Analysis == nil {
		return nil
	}
	a := m.data.Analysis
	if a != m.a {
		clear(m.orders)
	}
	req := viewRequest{q: m.q, a: a, p: m.profiles, keep: -1, share: m.shareOrder()}
	if a == m.a {
		req.order = m.orders[m.q.Sort]
	}
	if seq, ok := m.SelectedSeq(); keep && ok {
		req.keep = int64(seq)
	}
	m.reqID++
	req.id = m.reqID
	m.busy = true
	return func() tea.Msg { return req.run() }
}

func (m *Model) onView(msg viewComputed) {
	if msg.id != m.reqID {
		return
	}
	m.busy = false
	if msg.a != m.a {
		clear(m.orders)
	}
	m.a = msg.a
	if msg.order != nil {
		m.orders[msg.q.Sort] = msg.order
	}
	m.rows, m.pending = msg.rows, msg.pending
	m.lists.consent = msg.consent
	if msg.spendW != m.spendW {
		m.spendW = msg.spendW
		m.layout()
	}
	if msg.cursor >= 0 {
		m.cursor = msg.cursor
		m.top = max(m.cursor-m.visible()/2, 0) // the kept member mid-screen
	} else {
		m.cursor, m.top = 0, 0
	}
	m.clampCursor()
	m.refreshRows()
}

// onShow applies a drill-down from the Lifecycle pane: its filter alone.
func (m *Model) onShow(msg common.ShowMembersMsg) tea.Cmd {
	m.detail = nil
	m.lists.note = ""
	m.searching = false
	m.input.Blur()
	m.input.SetValue("")
	q := NoFilter()
	q.Sort, q.Reverse = m.q.Sort, m.q.Reverse
	if msg.Stage != nil {
		q.Stage = int(*msg.Stage)
	}
	if msg.Tier != nil {
		q.Tier = int(*msg.Tier)
	}
	if msg.Segment != nil {
		q.Segment = int(*msg.Segment)
	}
	if msg.Flow != nil {
		q.Flow = *msg.Flow
	}
	q.List = msg.List
	m.lists.birthdays = 0
	if msg.Birthdays > 0 {
		if m.profiles == nil {
			m.lists.birthdays = msg.Birthdays // applied when the profiles arrive
		} else {
			q.List = m.birthdayList(msg.Birthdays)
		}
	}
	m.q = q
	m.layout() // a list may bring its value column
	m.cursor, m.top = 0, 0
	return m.recompute(false)
}

func (m *Model) tableKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	m.lists.note = "" // a save's or export's outcome stays until the next key
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.page(-1)
	case key.Matches(msg, k.PageDown):
		m.page(1)
	case key.Matches(msg, k.Home):
		m.cursor, m.top = 0, 0
		m.refreshRows()
	case key.Matches(msg, k.End):
		m.cursor = len(m.rows) - 1
		m.clampCursor()
		m.refreshRows()
	case key.Matches(msg, k.Search):
		m.searching = true
		m.input.SetValue(m.q.Text)
		m.input.CursorEnd()
		return m.input.Focus()
	case key.Matches(msg, k.Stage):
		return m.cycle(&m.q.Stage, int(model.NumStages), 1, -1)
	case key.Matches(msg, k.StageBack):
		return m.cycle(&m.q.Stage, int(model.NumStages), -1, -1)
	case key.Matches(msg, k.Tier):
		return m.cycle(&m.q.Tier, int(model.NumTiers), 1, -1)
	case key.Matches(msg, k.TierBack):
		return m.cycle(&m.q.Tier, int(model.NumTiers), -1, -1)
	case key.Matches(msg, k.Segment):
		return m.cycle(&m.q.Segment, int(model.NumSegments), 1, -1)
	case key.Matches(msg, k.SegmentBack):
		return m.cycle(&m.q.Segment, int(model.NumSegments), -1, -1)
	case key.Matches(msg, k.Channel), key.Matches(msg, k.ChannelBack):
		if m.profiles == nil {
			return nil
		}
		return m.cycle(&m.q.Channel, len(m.profiles.Channels())+1, dir(key.Matches(msg, k.Channel)), 0)
	case key.Matches(msg, k.Tag), key.Matches(msg, k.TagBack):
		if m.profiles == nil {
			return nil
		}
		return m.cycle(&m.q.Tag, len(m.profiles.Tags())+1, dir(key.Matches(msg, k.Tag)), 0)
	case key.Matches(msg, k.Sort):
		m.q.Sort = (m.q.Sort + 1) % NumSorts
		m.q.Reverse = false
		m.cursor, m.top = 0, 0
		return m.recompute(false)
	case key.Matches(msg, k.Reverse):
		m.q.Reverse = !m.q.Reverse
		m.cursor, m.top = 0, 0
		return m.recompute(false)
	case key.Matches(msg, k.Clear):
		if !m.q.Filtered() {
			return nil
		}
		q := NoFilter()
		q.Sort, q.Reverse = m.q.Sort, m.q.Reverse
		hadList := m.q.List != nil
		m.q = q
		m.cursor, m.top = 0, 0
		if hadList {
			m.layout() // the list's value column goes
		}
		return m.recompute(false)
	case key.Matches(msg, k.Save):
		return m.startSave()
	case key.Matches(msg, k.Lists):
		return m.openPicker()
	case key.Matches(msg, k.Export):
		return m.export(false)
	case key.Matches(msg, k.ExportUnmasked):
		return m.export(true)
	case key.Matches(msg, k.Open):
		seq, ok := m.SelectedSeq()
		if !ok {
			return nil
		}
		m.detail = &detailState{seq: seq}
		m.layout()
		return m.loadMember(seq)
	}
	return nil
}

func dir(forward bool) int {
	if forward {
		return 1
	}
	return -1
}

// cycle steps a filter through none, first … n−1 (first = none+1) and back
// to none, and recomputes the rows from the top.
func (m *Model) cycle(v *int, n, step, none int) tea.Cmd {
	first := none + 1
	if n <= first {
		return nil // nothing to choose among
	}
	next := *v + step
	if *v == none {
		next = first
		if step < 0 {
			next = n - 1
		}
	}
	if next < first || next >= n {
		next = none
	}
	*v = next
	m.cursor, m.top = 0, 0
	return m.recompute(false)
}

func (m *Model) searchKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEnter:
		m.searching = false
		m.input.Blur()
		return nil
	case tea.KeyEsc:
		m.searching = false
		m.input.Blur()
		m.input.SetValue("")
		if m.q.Text == "" {
			return nil
		}
		m.q.Text = ""
		return m.recompute(false)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if v := m.input.Value(); v != m.q.Text {
		m.q.Text = v
		m.cursor, m.top = 0, 0
		return tea.Batch(cmd, m.recompute(false))
	}
	return cmd
}

func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	step := 0
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		step = -3
	case tea.MouseButtonWheelDown:
		step = 3
	default:
		return nil
	}
	if m.detail != nil {
		if step < 0 {
			m.vp.ScrollUp(-step)
		} else {
			m.vp.ScrollDown(step)
		}
		return nil
	}
	m.move(step)
	return nil
}

// visible is the number of table rows on screen.
func (m *Model) visible() int {
	return max(m.height-headerLines-1, 1)
}

func (m *Model) clampCursor() {
	n := len(m.rows)
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	v := m.visible()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+v {
		m.top = m.cursor - v + 1
	}
	m.top = min(max(m.top, 0), max(n-v, 0))
}

func (m *Model) move(d int) {
	m.cursor += d
	m.clampCursor()
	m.refreshRows()
}

func (m *Model) page(d int) {
	v := m.visible()
	m.cursor += d * v
	m.top += d * v
	m.clampCursor()
	m.refreshRows()
}
