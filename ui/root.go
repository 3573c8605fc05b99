// Package ui is the cockpit's Bubble Tea shell: the root model that owns the
// panes (tabs), loads the Dataset they draw from, and draws the tab bar, the
// status bar and the help overlay.
//
// The root only routes. Keys go to the active pane unless they are global
// (1–6, tab, shift+tab, ?, q, ctrl+c) and the pane is not capturing text
// input; the Dataset goes to every pane as a common.DataMsg; any message the
// root does not know (a pane's own async results) goes to every pane, which
// recognise their own by type and id. Mouse clicks on the tab bar switch
// panes; other mouse events go to the active pane with Y made relative to
// the pane area.
//
// One Model is one session: it keeps no package-level state, so many run
// side by side in one process (cockpit serve).
package ui

import (
	"path/filepath"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/campaigns"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/lifecycle"
	"github.com/memberops/cockpit/ui/members"
	"github.com/memberops/cockpit/ui/overview"
	"github.com/memberops/cockpit/ui/retros"
	"github.com/memberops/cockpit/ui/targets"
)

// Minimum terminal size; below it the root says the terminal is too small.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Height budget: one line of tabs above the pane, one status line below.
const (
	tabsHeight   = 1
	statusHeight = 1
)

// Options configure a root model.
type Options struct {
	// DBName labels the status bar (default: the base name of the store's file).
	DBName string
	// WindowDays is the initial KPI window length in days (default 30).
	WindowDays int
	// MinReload is the least time between two full reloads caused by store
	// changes (default 2 s); see the package's loading notes in loader.go.
	MinReload time.Duration
	// Panes builds the panes (nil: the six standard panes). For tests.
	Panes func(c *common.Common) []common.TabComponent
}

// Pane indexes of the standard panes.
const (
	PaneOverview = iota
	PaneLifecycle
	PaneMembers
	PaneTargets
	PaneCampaigns
	PaneRetros
)

// DefaultPanes returns the six standard panes.
func DefaultPanes(c *common.Common) []common.TabComponent {
	return []common.TabComponent{
		overview.New(c),
		lifecycle.New(c),
		members.New(c),
		targets.New(c),
		campaigns.New(c),
		retros.New(c),
	}
}

// Model is the root model of one session.
type Model struct {
	c      *common.Common
	opts   Options
	keys   KeyMap
	panes  []common.TabComponent
	active int

	showHelp      bool
	width, height int // terminal size

	params  loadParams
	data    *common.Dataset
	loadErr error // the last load's error, cleared by a successful load
	paneErr error // the last error a pane reported
	loaded  bool  // a full load has arrived
	// membersOpened: the Members tab has been shown. Its index (a profile
	// of every member, ~0.5 s at a million) loads only then, so it does not
	// compete with the first analysis.
	membersOpened bool
	// overviewDone: the Overview has had every figure it draws, from the
	// early load (the KPI cache) or a full load.
	overviewDone bool

	seq           uint64 // number of the last load started (full or quick)
	fullSeq       uint64 // newest full load started
	fullInFlight  bool
	fullPending   bool
	userPending   bool // the pending full load was asked by the user: not throttled
	userLoading   bool // a load the user asked for is running (status shows it)
	lastFull      time.Time
	timerArmed    bool
	quickInFlight bool
	quickPending  bool
	infoSeq       uint64 // the load that produced the Info and Daily on screen

	feed        <-chan store.Change
	unsub       func()
	closeOnce   sync.Once
	seen        uint64      // newest data version (change Seq) this session knows of
	live        []liveStamp // events committed in the last minute
	rate        int64       // events in the last minute
	liveTicking bool
	dataAt      time.Time // commit time of the newest events heard of (status bar)
	quitting    bool
}

// liveStamp is one committed batch of events.
type liveStamp struct {
	at time.Time
	n  int64
}

// New returns the root model of a session over c. It subscribes to the
// store's change feed at once, so no change between New and the first load
// is missed; the subscription ends when the model quits.
func New(c *common.Common, opts Options) *Model {
	if opts.WindowDays <= 0 {
		opts.WindowDays = 30
	}
	if opts.MinReload <= 0 {
		opts.MinReload = 2 * time.Second
	}
	if opts.DBName == "" && c.Store != nil {
		opts.DBName = filepath.Base(c.Store.Path())
	}
	build := opts.Panes
	if build == nil {
		build = DefaultPanes
	}
	m := &Model{
		c:      c,
		opts:   opts,
		keys:   newKeyMap(c.T),
		panes:  build(c),
		params: loadParams{latest: true, days: opts.WindowDays},
	}
	for i, p := range m.panes {
		if l, ok := p.(common.Lazy); ok && i != m.active {
			l.Defer() // until its tab is shown (switchTo)
		}
	}
	if c.Store != nil {
		m.feed, m.unsub = c.Store.Subscribe()
		m.seen = c.Store.ChangeSeq()
		if c.Ctx != nil {
			// The session ends with its context (client gone, server
			// closing) even when the program never sees a quit key.
			go func() {
				<-c.Ctx.Done()
				m.Close()
			}()
		}
	}
	return m
}

// Close ends the session's subscription to the change feed; the wait on
// the feed then returns and no goroutine of the session stays behind. Safe
// to call more than once and from any goroutine.
func (m *Model) Close() {
	m.closeOnce.Do(func() {
		if m.unsub != nil {
			m.unsub()
		}
	})
}

// Init starts the panes, the first full load and the wait on the feed.
func (m *Model) Init() tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.panes)+2)
	for _, p := range m.panes {
		cmds = append(cmds, p.Init())
	}
	if m.c.Store != nil {
		m.userLoading = true
		// The daily rollups (a few pages) draw the Overview while the
		// member-level analysis, which scans every member, is computed.
		// The snapshots kept in the store's KPI cache, when still true,
		// fill in the member-level figures before that scan ends.
		cmds = append(cmds, m.startFull(), m.requestQuick(), m.startEarly())
	}
	if m.feed != nil {
		cmds = append(cmds, waitChange(m.feed))
	}
	return tea.Batch(cmds...)
}

// Active returns the index of the active pane.
func (m *Model) Active() int { return m.active }

// Pane returns pane i.
func (m *Model) Pane(i int) common.TabComponent { return m.panes[i] }

// Data returns the dataset on screen (nil before the first load).
func (m *Model) Data() *common.Dataset { return m.data }

// HelpShown reports whether the help overlay is open.
func (m *Model) HelpShown() bool { return m.showHelp }

// OverviewComplete reports whether the Overview has every figure it draws,
// the member-level ones included (from the KPI cache or the full load);
// the other panes may still be waiting for the full analysis.
func (m *Model) OverviewComplete() bool { return m.overviewDone }

// Loading reports whether a load is running or waiting to run.
func (m *Model) Loading() bool {
	return m.fullInFlight || m.fullPending || m.quickInFlight || m.quickPending
}

// EventsPerMinute is the live rate shown in the status bar.
func (m *Model) EventsPerMinute() int64 { return m.rate }

// Update routes a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKeys(msg)
	case tea.MouseMsg:
		return m, m.handleMouse(msg)
	case fullLoaded:
		return m, m.onFull(msg)
	case quickLoaded:
		return m, m.onQuick(msg)
	case earlyLoaded:
		return m, m.onEarly(msg)
	case storeChanged:
		return m, m.onChange(msg)
	case feedClosed:
		return m, nil
	case reloadDue:
		m.timerArmed = false
		if m.fullPending && !m.fullInFlight {
			m.fullPending = false
			m.userPending = false
			return m, m.startFull()
		}
		return m, nil
	case liveTick:
		m.pruneLive(time.Now())
		if m.rate == 0 {
			m.liveTicking = false
			return m, nil
		}
		return m, tickLive()
	case common.WindowMsg:
		m.applyWindow(msg)
		m.userLoading = true
		return m, m.requestFull(true)
	case common.ErrMsg:
		m.paneErr = msg.Err
		return m, nil
	case common.ShowMembersMsg:
		open := m.switchTo(PaneMembers)
		return m, tea.Batch(open, m.updatePane(PaneMembers, msg))
	case common.NewCampaignMsg:
		m.active = PaneCampaigns
		return m, m.updatePane(PaneCampaigns, msg)
	case common.ShowTargetMsg:
		m.active = PaneTargets
		return m, m.updatePane(PaneTargets, msg)
	}
	// Anything else is a pane's own message: every pane sees it and keeps
	// what is its own.
	return m, m.broadcast(msg)
}

func (m *Model) resize(w, h int) {
	m.width, m.height = w, h
	pw, ph := w, max(h-tabsHeight-statusHeight, 0)
	m.c.Width, m.c.Height = pw, ph
	for _, p := range m.panes {
		p.SetSize(pw, ph)
	}
}

// handleKeys handles a key message that may carry several runes: Bubble Tea
// delivers printable runes read together (typed fast, over SSH, pasted) as
// one message ("jj", "24"), which would match no binding. Each rune is
// handled as its own key, until the active pane takes text: from there the
// rest goes to the text field whole (so "/abc" typed fast opens the search
// and types "abc").
func (m *Model) handleKeys(msg tea.KeyMsg) tea.Cmd {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || m.takingText() {
		return m.handleKey(msg)
	}
	runes := msg.Runes
	cmds := make([]tea.Cmd, 0, len(runes))
	for i := range runes {
		one := msg
		if m.takingText() {
			one.Runes = runes[i:]
			cmds = append(cmds, m.handleKey(one))
			break
		}
		one.Runes = runes[i : i+1]
		cmds = append(cmds, m.handleKey(one))
		if m.quitting {
			break
		}
	}
	return tea.Batch(cmds...)
}

// takingText reports whether the active pane's focused input takes typed
// text (see common.TextTaker).
func (m *Model) takingText() bool {
	if m.showHelp {
		return false
	}
	p := m.panes[m.active]
	if t, ok := p.(common.TextTaker); ok {
		return t.TakingText()
	}
	return p.Capturing()
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		return m.quit()
	}
	if !m.showHelp && m.panes[m.active].Capturing() {
		return m.updatePane(m.active, msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		return nil
	case m.showHelp && key.Matches(msg, k.Close):
		m.showHelp = false
		return nil
	case key.Matches(msg, k.Tabs):
		return m.switchTo(int(msg.Runes[0] - '1'))
	case key.Matches(msg, k.Next):
		return m.switchTo((m.active + 1) % len(m.panes))
	case key.Matches(msg, k.Prev):
		return m.switchTo((m.active + len(m.panes) - 1) % len(m.panes))
	}
	if m.showHelp {
		return nil // the overlay takes every other key
	}
	return m.updatePane(m.active, msg)
}

// switchTo shows pane i; the first time the Members tab is shown, it gets
// the dataset on screen and starts loading its index; a deferred pane
// (common.Lazy) starts its deferred work.
func (m *Model) switchTo(i int) tea.Cmd {
	if i < 0 || i >= len(m.panes) {
		return nil
	}
	m.active = i
	var show tea.Cmd
	if l, ok := m.panes[i].(common.Lazy); ok {
		show = l.Show()
	}
	if i == PaneMembers && !m.membersOpened {
		m.membersOpened = true
		if m.data != nil && m.data.Analysis != nil && !m.data.Early {
			return tea.Batch(show, m.updatePane(PaneMembers, common.DataMsg{Data: m.data}))
		}
	}
	return show
}

// broadcastData hands a dataset to the panes: a dataset without the
// member-level analysis (the rollups drawn before the first analysis
// arrives) or with only its snapshot (Early) goes to the Overview only, and
// the Members pane gets data once its tab has been opened.
func (m *Model) broadcastData(d *common.Dataset) tea.Cmd {
	msg := common.DataMsg{Data: d}
	if d.Analysis == nil || d.Early {
		return m.updatePane(PaneOverview, msg)
	}
	var cmds []tea.Cmd
	for i := range m.panes {
		if i == PaneMembers && !m.membersOpened {
			continue
		}
		cmds = append(cmds, m.updatePane(i, msg))
	}
	return tea.Batch(cmds...)
}

func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.tooSmall() {
		return nil
	}
	if msg.Y < tabsHeight {
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
			if i, ok := m.tabAt(msg.X); ok {
				return m.switchTo(i)
			}
		}
		return nil
	}
	if m.showHelp || msg.Y >= tabsHeight+m.c.Height {
		return nil
	}
	msg.Y -= tabsHeight
	return m.updatePane(m.active, msg)
}

func (m *Model) quit() tea.Cmd {
	m.quitting = true
	m.Close()
	return tea.Quit
}

// updatePane sends msg to pane i and keeps the updated pane.
func (m *Model) updatePane(i int, msg tea.Msg) tea.Cmd {
	p, cmd := m.panes[i].Update(msg)
	if tp, ok := p.(common.TabComponent); ok {
		m.panes[i] = tp
	}
	return cmd
}

// broadcast sends msg to every pane.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for i := range m.panes {
		if cmd := m.updatePane(i, msg); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	return tea.Batch(cmds...)
}

// applyWindow changes the load parameters as the user asked.
func (m *Model) applyWindow(w common.WindowMsg) {
	p := m.params
	if w.Latest {
		p.latest = true
	}
	if w.Shift != 0 && m.data != nil {
		cur := m.data.AsOf
		if !p.latest {
			cur = p.asOf
		}
		next := cur + model.Day(w.Shift)
		first, last := m.dayBounds()
		next = min(max(next, first), last)
		if next >= m.latestDay() {
			p.latest = true
		} else {
			p.latest, p.asOf = false, next
		}
	}
	switch {
	case w.Days > 0:
		p.days = w.Days
	case w.CycleDays:
		switch {
		case p.days < 30:
			p.days = 30
		case p.days < 90:
			p.days = 90
		default:
			p.days = 7
		}
	}
	m.params = p
}

// latestDay is the day the as-of follows by default: the store's default
// (the data's last day, never after today), as the loader and `kpi`.
func (m *Model) latestDay() model.Day {
	loc := time.Local
	if m.c.Store != nil {
		loc = m.c.Store.Location()
	}
	today := model.DayOf(m.c.Now(), loc)
	if m.data != nil {
		return m.data.Info.DefaultAsOf(today)
	}
	return today
}

// dayBounds are the days the as-of day may take: the data's days.
func (m *Model) dayBounds() (model.Day, model.Day) {
	last := m.latestDay()
	if m.data != nil && m.data.Info.Events > 0 {
		return m.data.Info.FirstDay, last
	}
	return last, last
}

// --- loads (see loader.go for the design) ---

func (m *Model) startFull() tea.Cmd {
	m.seq++
	m.fullSeq = m.seq
	m.fullInFlight = true
	m.lastFull = time.Now()
	return fullLoad(m.c, m.params, m.seq, m.seen)
}

// requestFull starts a full load now or marks one pending (throttled unless
// the user asked for it).
func (m *Model) requestFull(user bool) tea.Cmd {
	if m.fullInFlight {
		m.fullPending = true
		m.userPending = m.userPending || user
		return nil
	}
	since := time.Since(m.lastFull)
	if user || since >= m.opts.MinReload {
		m.fullPending, m.userPending = false, false
		return m.startFull()
	}
	m.fullPending = true
	if m.timerArmed {
		return nil
	}
	m.timerArmed = true
	return tea.Tick(m.opts.MinReload-since, func(time.Time) tea.Msg { return reloadDue{} })
}

func (m *Model) requestQuick() tea.Cmd {
	if m.quickInFlight {
		m.quickPending = true
		return nil
	}
	m.seq++
	m.quickInFlight = true
	return quickLoad(m.c, m.params, m.seq, m.seen)
}

func (m *Model) onFull(msg fullLoaded) tea.Cmd {
	m.fullInFlight = false
	var cmds []tea.Cmd
	switch {
	case msg.err != nil:
		m.loadErr = msg.err
	case msg.seq == m.fullSeq && msg.params == m.params:
		d := msg.data
		if m.data != nil && m.infoSeq > msg.seq && m.data.DailyWindow.To >= d.AsOf && m.quickMatches() {
			// A quick refresh started after this load read newer rollups:
			// keep them.
			d.Info, d.Daily, d.DailyWindow = m.data.Info, m.data.Daily, m.data.DailyWindow
		} else {
			m.infoSeq = msg.seq
		}
		m.data = d
		m.loaded = true
		m.overviewDone = true
		m.loadErr = nil
		cmds = append(cmds, m.broadcastData(d))
	}
	if m.fullPending {
		user := m.userPending
		m.fullPending, m.userPending = false, false
		cmds = append(cmds, m.requestFull(user))
	} else {
		m.userLoading = false
	}
	return tea.Batch(cmds...)
}

// startEarly starts the early load (see earlyLoad) of the full load just
// started: it takes that load's number, so it applies only while that load
// is the newest, and a quick refresh started after it keeps its rollups.
func (m *Model) startEarly() tea.Cmd {
	return earlyLoad(m.c, m.params, m.fullSeq)
}

// onEarly applies the early load while no full load has arrived and the
// parameters are the ones it was started with; a miss (nil data) or an
// error changes nothing: the full load draws as before.
func (m *Model) onEarly(msg earlyLoaded) tea.Cmd {
	if msg.err != nil || msg.data == nil || m.loaded || msg.seq != m.fullSeq || msg.params != m.params {
		return nil
	}
	d := msg.data
	d.Seq = msg.seq
	if m.data != nil && m.infoSeq > msg.seq && m.data.DailyWindow.To >= d.AsOf {
		// A newer quick refresh is on screen: keep its rollups.
		d.Info, d.Daily, d.DailyWindow = m.data.Info, m.data.Daily, m.data.DailyWindow
	} else {
		m.infoSeq = msg.seq
	}
	m.data = d
	m.overviewDone = msg.complete
	return m.broadcastData(d)
}

// quickMatches reports whether the data on screen was loaded with the
// current parameters, so a quick refresh may patch it.
func (m *Model) quickMatches() bool {
	d := m.data
	if d == nil || d.Latest != m.params.latest || d.Window.Len() != m.params.days {
		return false
	}
	return m.params.latest || d.AsOf == m.params.asOf
}

func (m *Model) onQuick(msg quickLoaded) tea.Cmd {
	m.quickInFlight = false
	var cmds []tea.Cmd
	switch {
	case msg.err != nil:
		m.loadErr = msg.err
	case m.data == nil:
		// Before the first full load: the Overview draws the rollups now.
		asOf := msg.dailyWindow.To
		d := &common.Dataset{Seq: msg.seq, Info: msg.info, AsOf: asOf, Latest: m.params.latest,
			Window: model.Window{From: asOf - model.Day(m.params.days) + 1, To: asOf},
			Daily:  msg.daily, DailyWindow: msg.dailyWindow}
		m.data = d
		m.infoSeq = msg.seq
		cmds = append(cmds, m.broadcastData(d))
	case msg.seq > m.infoSeq && m.quickMatches():
		d := *m.data
		d.Seq = msg.seq
		d.Info, d.Daily, d.DailyWindow = msg.info, msg.daily, msg.dailyWindow
		m.data = &d
		m.infoSeq = msg.seq
		cmds = append(cmds, m.broadcastData(&d))
	}
	if m.quickPending {
		m.quickPending = false
		cmds = append(cmds, m.requestQuick())
	}
	return tea.Batch(cmds...)
}

func (m *Model) onChange(msg storeChanged) tea.Cmd {
	now := time.Now()
	for _, c := range msg.changes {
		m.seen = max(m.seen, c.Seq)
		if c.Kind == store.ChangeEvents && c.Count > 0 {
			at := c.At
			if at.IsZero() {
				at = now
			}
			m.live = append(m.live, liveStamp{at: at, n: int64(c.Count)})
			if at.After(m.dataAt) {
				m.dataAt = at
			}
		}
	}
	m.pruneLive(now)
	cmds := []tea.Cmd{waitChange(m.feed), m.requestQuick(), m.requestFull(false)}
	if m.rate > 0 && !m.liveTicking {
		m.liveTicking = true
		cmds = append(cmds, tickLive())
	}
	return tea.Batch(cmds...)
}

// pruneLive drops stamps older than a minute and recomputes the rate.
func (m *Model) pruneLive(now time.Time) {
	cut := now.Add(-time.Minute)
	i := 0
	for i < len(m.live) && m.live[i].at.Before(cut) {
		i++
	}
	m.live = m.live[i:]
	m.rate = 0
	for _, s := range m.live {
		m.rate += s.n
	}
}

func tickLive() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return liveTick{} })
}
