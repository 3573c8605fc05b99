// Package campaigns is the Campaigns pane (活动): the list of campaigns with
// their status and countdown, audience size, budget used and ROI, filtered
// by status and type and sorted by start or ROI; a campaign's detail with its
// audience, budget, results from attribution (with a daily chart and the
// audience's movement against the days before), goals, tasks and frequency-
// cap conflicts; the form to create and edit a campaign (the shared
// ui/form component) with its audience size updated as the filters change;
// the task form; the per-person view of tasks due this week; and the
// hand-over of the audience as a CSV file.
//
// The pane is per session. It never reads the store in View or Update:
// audiences, results, saves and exports run in tea.Cmds whose results come
// back as id-tagged messages; a result overtaken by a newer request is
// dropped. Every change reaches it through the root's Dataset, which the
// root reloads from the store's change feed.
package campaigns

import (
	"errors"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/form"
	"github.com/memberops/cockpit/ui/i18n"
)

// view is which screen the pane shows.
type view int

const (
	viewList view = iota
	viewDetail
	viewForm
	viewTaskForm
	viewWeek
)

// row is one campaign as the list and the detail show it.
type row struct {
	c      model.Campaign
	status model.CampaignStatus
	cd     model.Countdown
	size   int64
	res    model.CampaignResults
	days   []model.CampaignDay
	capped bool // in a frequency-cap conflict
}

// Pane is the Campaigns pane of one session.
type Pane struct {
	c             *common.Common
	keys          keyMap
	width, height int
	view          view
	spin          spinner.Model
	seq           uint64

	data *common.Dataset
	asOf model.Day

	// What the last computation produced (immutable values, shared).
	prof    *store.Profiles
	bdays   []model.MonthDay
	profN   int64 // members the profiles were loaded for
	ix      *store.AudienceIndex
	segs    []model.SavedSegment // saved segments, newest first (the form's choice)
	rows    []row
	fatigue model.Fatigue
	listSeq uint64 // the computation in flight (0: none)
	loaded  bool
	loadErr error
	// deferred: the root has not shown the tab yet (common.Lazy): new
	// Datasets are kept, not computed on; stale: one arrived meanwhile.
	deferred, stale bool

	list listState
	det  detailState

	form     *form.Form
	formOrig *model.Campaign // the campaign edited; nil for a new one
	formSegs []string        // saved segment ids behind the form's segment choice (0: none)
	formSize sizeState
	saving   uint64 // the save in flight
	task     *form.Form
}

// New returns the Campaigns pane. The root calls it once per session.
func New(c *common.Common) common.TabComponent {
	p := &Pane{c: c, keys: newKeyMap(c.T), width: c.Width, height: c.Height}
	p.spin = spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(c.Renderer.NewStyle()))
	p.list.status, p.list.typ = -1, -1
	return p
}

// Defer keeps new Datasets without computing on them until Show
// (common.Lazy): the profile and audience indexes are for the whole
// process, and no session needs them before one opens the tab.
func (p *Pane) Defer() { p.deferred = true }

// Show computes on the newest Dataset if that was deferred.
func (p *Pane) Show() tea.Cmd {
	if !p.deferred {
		return nil
	}
	p.deferred = false
	if !p.stale {
		return nil
	}
	p.stale = false
	return p.onData(p.data)
}

// Init does nothing: the pane computes when the first Dataset arrives.
func (p *Pane) Init() tea.Cmd { return nil }

// Title is the tab's label.
func (p *Pane) Title() string { return p.c.T("tab.campaigns") }

// Capturing reports whether a form takes every key.
func (p *Pane) Capturing() bool { return p.view == viewForm || p.view == viewTaskForm }

// TakingText reports whether a form's focused field takes typed text, so
// the root hands it several runes typed at once as text.
func (p *Pane) TakingText() bool {
	switch {
	case p.view == viewForm && p.form != nil:
		return p.form.TakingText()
	case p.view == viewTaskForm && p.task != nil:
		return p.task.TakingText()
	}
	return false
}

// SetSize sets the pane's area.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	if p.form != nil {
		p.form.SetWidth(p.width)
	}
	if p.task != nil {
		p.task.SetWidth(p.width)
	}
}

// ShortHelp lists the current screen's main keys.
func (p *Pane) ShortHelp() []key.Binding {
	g := p.FullHelp()
	if len(g) == 0 {
		return nil
	}
	return g[0]
}

// FullHelp lists every key of the current screen, grouped.
func (p *Pane) FullHelp() [][]key.Binding {
	switch p.view {
	case viewForm:
		if p.form != nil {
			return p.form.Help()
		}
	case viewTaskForm:
		if p.task != nil {
			return p.task.Help()
		}
	}
	return p.keys.forView(p.view)
}

func (p *Pane) nextSeq() uint64 {
	p.seq++
	return p.seq
}

// Update routes the root's messages, the pane's own results and the keys.
func (p *Pane) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.DataMsg:
		return p, p.onData(msg.Data)
	case common.NewCampaignMsg:
		// The root shows the pane for the form (without switchTo).
		show := p.Show()
		return p, tea.Batch(show, p.openForm(nil, &msg))
	case listComputed:
		return p, p.onList(msg)
	case movementComputed:
		p.onMovement(msg)
		return p, nil
	case sizeComputed:
		p.onSize(msg)
		return p, nil
	case campaignSaved:
		return p, p.onSaved(msg)
	case exported:
		p.onExported(msg)
		return p, nil
	case spinner.TickMsg:
		if !p.busy() {
			return p, nil
		}
		var cmd tea.Cmd
		p.spin, cmd = p.spin.Update(msg)
		return p, cmd
	case tea.KeyMsg:
		return p, p.onKey(msg)
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			return p, p.onKey(tea.KeyMsg{Type: tea.KeyUp})
		case tea.MouseButtonWheelDown:
			return p, p.onKey(tea.KeyMsg{Type: tea.KeyDown})
		}
	}
	return p, nil
}

func (p *Pane) busy() bool { return p.listSeq != 0 || p.saving != 0 }

func (p *Pane) startSpin(was bool) tea.Cmd {
	if was {
		return nil
	}
	return p.spin.Tick
}

func (p *Pane) onKey(msg tea.KeyMsg) tea.Cmd {
	switch p.view {
	case viewForm:
		return p.formKey(msg)
	case viewTaskForm:
		return p.taskKey(msg)
	case viewDetail:
		return p.detailKey(msg)
	case viewWeek:
		if key.Matches(msg, p.keys.Back) || key.Matches(msg, p.keys.Week) {
			p.view = viewList
		}
		return nil
	}
	return p.listKey(msg)
}

// View draws the current screen in exactly the pane's area.
func (p *Pane) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	var lines []string
	switch p.view {
	case viewForm:
		lines = p.form.View(p.height, p.spin.View())
	case viewTaskForm:
		lines = p.task.View(p.height, p.spin.View())
	case viewDetail:
		lines = p.detailView()
	case viewWeek:
		lines = p.weekView()
	default:
		lines = p.listView()
	}
	return block(lines, p.width, p.height)
}

// errText is a store error in the session's language.
func (p *Pane) errText(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, store.ErrForbidden):
		return p.c.T("cp.err.forbidden", p.c.Actor.Role.String())
	case errors.Is(err, store.ErrReadOnly):
		return p.c.T("cp.err.readonly")
	}
	return err.Error()
}

// countdown is a campaign's countdown in words.
func (p *Pane) countdown(r *row) string {
	return i18n.CampaignCountdown(p.c.Cat, r.cd, r.status == model.StatusWarmup)
}

// find returns the row of campaign id (nil when gone).
func (p *Pane) find(id string) *row {
	for i := range p.rows {
		if p.rows[i].c.ID == id {
			return &p.rows[i]
		}
	}
	return nil
}
