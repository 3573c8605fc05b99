// Package targets is the Targets pane (目标): the list of operating targets
// with their pace, each target's decomposition tree (period → months → ISO
// weeks → days) with a chart of cumulative actual against plan, a form to
// create and edit targets, and the operating plan's phases and milestones.
//
// The pane is per session: everything it knows lives in the Pane value. It
// never reads the store in View or Update: reports, saves and deletes run in
// tea.Cmds whose results come back as id-tagged messages, and a result that a
// newer request has overtaken is dropped.
//
// Views (one file each): list.go, tree.go (+ chart.go), form.go, plan.go;
// keys.go holds the bindings and cells.go the width-aware text helpers.
package targets

import (
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
)

// view is which of the pane's screens is shown.
type view int

const (
	viewList view = iota
	viewTree
	viewForm
	viewPlan
)

// Pane is the Targets pane of one session.
type Pane struct {
	c             *common.Common
	keys          keyMap
	width, height int
	view          view
	spin          spinner.Model

	data *common.Dataset // latest dataset from the root (nil before the first)
	asOf model.Day       // the day "to date" means (0 until known)

	list listState
	tree *treeState // the opened target (nil on the list)
	form *formState // the open form (nil otherwise)
	plan planState

	seq uint64 // last request id handed out (every async request takes one)
}

// New returns the Targets pane. The root calls it once per session.
func New(c *common.Common) common.TabComponent {
	p := &Pane{c: c, keys: newKeyMap(c.T, c.Actor.Role >= store.Editor), width: c.Width, height: c.Height}
	// The spinner's frames are plain: where one shows, the screen styles it
	// (a styled frame inside a highlighted row would end the highlight).
	p.spin = spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(c.Renderer.NewStyle()))
	return p
}

// Init starts loading the targets at once (before the root's first
// dataset), with the data's last day as the as-of day.
func (p *Pane) Init() tea.Cmd { return p.requestList(false) }

// Title is the tab's label.
func (p *Pane) Title() string { return p.c.T("tab.targets") }

// Capturing reports whether the pane takes every key: a form or an inline
// input has focus, or a deletion waits for its y/n.
func (p *Pane) Capturing() bool {
	switch {
	case p.view == viewForm:
		return true
	case p.view == viewList && p.list.confirm != "":
		return true
	case p.view == viewPlan && (p.plan.edit != nil || p.plan.confirm):
		return true
	}
	return false
}

// TakingText reports whether the focused input takes typed text: a text
// field of the form or of the plan's editor, not the y/n of a delete nor
// the form's choices cycled with ←/→ (there several runes typed at once are
// several keys).
func (p *Pane) TakingText() bool {
	switch {
	case p.view == viewForm && p.form != nil:
		return !p.form.discard && p.form.focus != fMetric && p.form.focus != fMethod
	case p.view == viewPlan && p.plan.edit != nil:
		return true
	}
	return false
}

// SetSize sets the pane's area.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	if p.form != nil {
		p.form.layout(p.width)
	}
	p.list.clampOffset(p.listRows())
	if p.tree != nil {
		p.tree.scroll(p.treeRows())
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
func (p *Pane) FullHelp() [][]key.Binding { return p.keys.forView(p) }

// Update routes messages: data from the root, results of the pane's own
// commands, keys and the mouse wheel to the screen shown.
func (p *Pane) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case common.DataMsg:
		return p, p.onData(msg.Data)
	case listLoaded:
		return p, p.onList(msg)
	case levelLoaded:
		return p, p.onLevel(msg)
	case treeLoaded:
		return p, p.onTree(msg)
	case targetSaved:
		return p, p.onSaved(msg)
	case targetDeleted:
		return p, p.onDeleted(msg)
	case plansLoaded:
		p.onPlans(msg)
		return p, nil
	case planSaved:
		return p, p.onPlanSaved(msg)
	case common.ShowTargetMsg:
		return p, p.onShow(msg)
	case spinner.TickMsg:
		if !p.busy() {
			return p, nil // let the spinner stop; a new load restarts it
		}
		var cmd tea.Cmd
		p.spin, cmd = p.spin.Update(msg)
		return p, cmd
	case tea.KeyMsg:
		return p, p.onKey(msg)
	case tea.MouseMsg:
		return p, p.onMouse(msg)
	}
	return p, nil
}

// busy reports whether something the screen shows is loading (the spinner
// runs only then).
func (p *Pane) busy() bool {
	return p.list.inFlight || (p.tree != nil && p.tree.inFlight) || p.plan.inFlight ||
		(p.form != nil && p.form.saving)
}

// startSpin restarts the spinner when nothing was loading before.
func (p *Pane) startSpin(wasBusy bool) tea.Cmd {
	if wasBusy {
		return nil
	}
	return p.spin.Tick
}

func (p *Pane) nextSeq() uint64 {
	p.seq++
	return p.seq
}

// onData keeps the new dataset and reloads what is shown. A quick refresh
// from the root (same analysis, same as-of day) lets level-metric figures,
// which need a scan of every member, be reused.
func (p *Pane) onData(d *common.Dataset) tea.Cmd {
	if d == nil {
		return nil
	}
	quick := p.data != nil && p.data.Analysis == d.Analysis && p.data.AsOf == d.AsOf
	p.data = d
	p.asOf = d.AsOf
	cmds := []tea.Cmd{p.requestList(quick)}
	if p.tree != nil {
		cmds = append(cmds, p.requestTree(quick))
	}
	if p.view == viewPlan {
		cmds = append(cmds, p.requestPlans())
	}
	return tea.Batch(cmds...)
}

func (p *Pane) onKey(msg tea.KeyMsg) tea.Cmd {
	switch p.view {
	case viewTree:
		return p.treeKey(msg)
	case viewForm:
		return p.formKey(msg)
	case viewPlan:
		return p.planKey(msg)
	}
	return p.listKey(msg)
}

func (p *Pane) onMouse(msg tea.MouseMsg) tea.Cmd {
	var k tea.KeyMsg
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		k = tea.KeyMsg{Type: tea.KeyUp}
	case tea.MouseButtonWheelDown:
		k = tea.KeyMsg{Type: tea.KeyDown}
	default:
		return nil
	}
	if p.view == viewForm || p.Capturing() {
		return nil
	}
	return p.onKey(k)
}

// View draws the current screen in exactly the pane's area.
func (p *Pane) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	var lines []string
	switch p.view {
	case viewTree:
		lines = p.treeView()
	case viewForm:
		lines = p.formView()
	case viewPlan:
		lines = p.planView()
	default:
		lines = p.listView()
	}
	return block(lines, p.width, p.height)
}

// canWrite reports whether the session's role may change targets and plans.
func (p *Pane) canWrite() bool { return p.c.Actor.Role >= store.Editor }

// refuse records a viewer's attempt to write (action on object) in the
// audit log, through the store's role check, and returns the message to show.
func (p *Pane) refuse(action, object string) (string, tea.Cmd) {
	st, actor := p.c.Store, p.c.Actor
	msg := p.c.T("tg.err.forbidden", actor.Role.String())
	if st == nil {
		return msg, nil
	}
	return msg, func() tea.Msg {
		_ = st.Guard(actor, store.Editor, action, object) // refused and audited
		return nil
	}
}

// errText is the message for an error from the store in the session's
// language: a viewer's refused write says so plainly.
func (p *Pane) errText(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, store.ErrForbidden):
		return p.c.T("tg.err.forbidden", p.c.Actor.Role.String())
	case errors.Is(err, store.ErrReadOnly):
		return p.c.T("tg.err.readonly")
	}
	return err.Error()
}

// now is the session's clock.
func (p *Pane) now() time.Time {
	if p.c.Now != nil {
		return p.c.Now()
	}
	return time.Now()
}
