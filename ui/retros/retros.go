// Package retros is the Retros pane (复盘): the list of retrospectives with
// what each covers, its status and its last edit; a chooser that starts a
// new one from a template (campaigns that ended and months that closed
// without a retro first); an editor for the narrative sections, saved as you
// type; a rendered preview (glamour) in a viewport; marking final; refreshing
// the figures; and export as Markdown.
//
// The pane is per session and never touches the store in View or Update:
// every read, write and render runs in a tea.Cmd whose result comes back as
// a message tagged with what it was for.
//
// Files: list.go (the list), chooser.go (new), editor.go (the narrative
// editor and its saves), preview.go (rendering and the viewport), keys.go.
package retros

import (
	"errors"
	"path/filepath"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
)

// view is the screen shown.
type view int

const (
	viewList view = iota
	viewNew
	viewTemplate
	viewEditor
	viewPreview
)

// Pane is the Retros pane of one session.
type Pane struct {
	c             *common.Common
	keys          keyMap
	width, height int
	view          view

	data   *common.Dataset
	retros []model.Retro // as listed: latest edit first
	cursor int
	offset int

	tmpls    []*model.RetroTemplate // custom templates from the folder
	tmplErrs []error

	choose chooser
	ed     *editor
	pv     *preview

	msg    string // the last result ("exported to …") or error
	msgErr bool
	busy   bool // a create, export, status change or refresh is running
}

// New returns the Retros pane. The root calls it once per session.
func New(c *common.Common) common.TabComponent {
	return &Pane{c: c, keys: newKeyMap(c.T), width: c.Width, height: c.Height}
}

// Init loads the custom templates.
func (p *Pane) Init() tea.Cmd { return p.loadTemplates() }

// Title is the tab's label.
func (p *Pane) Title() string { return p.c.T("tab.retros") }

// Capturing reports whether the pane takes every key: in the editor.
func (p *Pane) Capturing() bool { return p.view == viewEditor }

// SetSize sets the pane's area; the editor and the preview follow.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	if p.ed != nil {
		p.ed.layout(p.width, p.editorHeight())
	}
	if p.pv != nil {
		p.pv.vp.Width, p.pv.vp.Height = p.width, p.previewHeight()
	}
	p.clamp()
}

// ShortHelp lists the current screen's main keys.
func (p *Pane) ShortHelp() []key.Binding { return p.FullHelp()[0] }

// FullHelp lists every key of the current screen, grouped.
func (p *Pane) FullHelp() [][]key.Binding { return p.keys.forView(p.view) }

// templateDir is the custom template folder beside the database.
func (p *Pane) templateDir() string {
	if p.c.Store == nil {
		return store.RetroTemplateDirName
	}
	return store.RetroTemplateDir(p.c.Store.Path())
}

// templateDirShown names the folder as the README does: retro-templates/
// beside the database file.
func (p *Pane) templateDirShown() string {
	name := "cockpit.db"
	if p.c.Store != nil {
		name = filepath.Base(p.c.Store.Path())
	}
	return p.c.T("rt.templates.dir", store.RetroTemplateDirName, name)
}

// Messages of the pane's own commands.
type (
	templatesLoaded struct {
		tmpls []*model.RetroTemplate
		errs  []error
	}
	retroCreated struct {
		retro model.Retro
		err   error
	}
	retroSaved struct {
		id  string
		gen uint64
		err error
	}
	previewRendered struct {
		id, key string // key: what was rendered (width, text) to drop stale results
		out     string
		err     error
	}
	actionDone struct { // export, status, refresh
		text  string
		err   error
		retro *model.Retro // refreshed record, when there is one
	}
)

// Update routes messages. An open preview whose width no longer matches
// the pane's (after a resize) is rendered again.
func (p *Pane) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	cmd := p.update(msg)
	if p.view == viewPreview && p.pv != nil && p.pv.width != p.width {
		cmd = tea.Batch(cmd, p.renderCmd())
	}
	return p, cmd
}

func (p *Pane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.DataMsg:
		p.onData(msg.Data)
		return nil
	case templatesLoaded:
		p.tmpls, p.tmplErrs = msg.tmpls, msg.errs
		return nil
	case retroCreated:
		return p.onCreated(msg)
	case retroSaved:
		if p.ed != nil && p.ed.id == msg.id {
			return p.ed.onSaved(msg, p)
		}
		return nil
	case previewRendered:
		if p.pv != nil && p.pv.id == msg.id && p.pv.key == msg.key {
			p.pv.onRendered(msg)
		}
		return nil
	case actionDone:
		return p.onAction(msg)
	case tea.KeyMsg:
		return p.onKey(msg)
	case tea.MouseMsg:
		return p.onMouse(msg)
	}
	if p.ed != nil && p.view == viewEditor {
		return p.ed.passThrough(msg)
	}
	return nil
}

func (p *Pane) onData(d *common.Dataset) {
	if d == nil {
		return
	}
	p.data = d
	sel := p.selectedID()
	rs := append([]model.Retro(nil), d.Retros...)
	sort.SliceStable(rs, func(i, j int) bool {
		if !rs[i].Updated.Equal(rs[j].Updated) {
			return rs[i].Updated.After(rs[j].Updated)
		}
		return rs[i].ID < rs[j].ID
	})
	p.retros = rs
	p.cursor = 0
	for i := range rs {
		if rs[i].ID == sel {
			p.cursor = i
		}
	}
	p.clamp()
}

func (p *Pane) selectedID() string {
	if p.cursor >= 0 && p.cursor < len(p.retros) {
		return p.retros[p.cursor].ID
	}
	return ""
}

func (p *Pane) selected() (model.Retro, bool) {
	if p.cursor >= 0 && p.cursor < len(p.retros) {
		return p.retros[p.cursor], true
	}
	return model.Retro{}, false
}

func (p *Pane) onKey(msg tea.KeyMsg) tea.Cmd {
	switch p.view {
	case viewNew, viewTemplate:
		return p.chooserKey(msg)
	case viewEditor:
		return p.editorKey(msg)
	case viewPreview:
		return p.previewKey(msg)
	}
	return p.listKey(msg)
}

func (p *Pane) onMouse(msg tea.MouseMsg) tea.Cmd {
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return p.onKey(tea.KeyMsg{Type: tea.KeyUp})
	case tea.MouseButtonWheelDown:
		return p.onKey(tea.KeyMsg{Type: tea.KeyDown})
	}
	return nil
}

// View draws the current screen in exactly the pane's area.
func (p *Pane) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	var lines []string
	switch p.view {
	case viewNew, viewTemplate:
		lines = p.chooserView()
	case viewEditor:
		lines = p.editorView()
	case viewPreview:
		lines = p.previewView()
	default:
		lines = p.listView()
	}
	return block(lines, p.width, p.height)
}

// block fits lines to exactly w×h.
func block(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(theme.Clip(lines[i], w))
		}
	}
	return b.String()
}

// statusLine is the last result or error, or the hint of the screen.
func (p *Pane) statusLine(hint string) string {
	st := p.c.Styles
	if p.msg != "" {
		if p.msgErr {
			return st.ErrorLabel.Render(p.msg)
		}
		return st.Good.Render(p.msg)
	}
	return st.Subtle.Render(hint)
}

func (p *Pane) setMsg(text string, err error) {
	if err != nil {
		p.msg, p.msgErr = p.errText(err), true
		return
	}
	p.msg, p.msgErr = text, false
}

// errText says an error in the session's language where it has a name.
func (p *Pane) errText(err error) string {
	switch {
	case errors.Is(err, store.ErrForbidden):
		return p.c.T("rt.readonly", p.c.Actor.Role.String())
	case errors.Is(err, store.ErrReadOnly):
		return p.c.T("tg.err.readonly")
	}
	return err.Error()
}

// canEdit reports whether the session may change retros.
func (p *Pane) canEdit() bool { return p.c.Actor.Role >= store.Editor }

// asOf is the last day of data (the day a new retro's figures run to).
func (p *Pane) asOf() model.Day {
	if p.data == nil {
		return 0
	}
	if p.data.Info.Events > 0 {
		return p.data.Info.LastDay
	}
	return p.data.AsOf
}

// labeler is the catalogue of a retro's language.
func labeler(lang string) store.Labeler { return i18n.New(retroLang(lang)).T }

// retroFormat is the cockpit's formatter in a retro's language.
func retroFormat(lang string) model.RetroFormat { return format.Retro(retroLang(lang)) }

func retroLang(lang string) i18n.Lang {
	if lang == "en" {
		return i18n.En
	}
	return i18n.Zh
}

// --- commands ---

func (p *Pane) loadTemplates() tea.Cmd {
	dir := p.templateDir()
	return func() tea.Msg {
		t, errs := store.CustomRetroTemplates(dir)
		return templatesLoaded{tmpls: t, errs: errs}
	}
}

// exportCmd writes the retro's Markdown beside the database as ID.md.
func (p *Pane) exportCmd(id string) tea.Cmd {
	st, rules, asOf, dir, c := p.c.Store, p.c.Rules, p.asOf(), p.templateDir(), p.c
	return func() tea.Msg {
		r, err := st.Retro(id)
		if err != nil {
			return actionDone{err: err}
		}
		md, err := renderMarkdown(st, rules, &r, asOf, dir)
		if err != nil {
			return actionDone{err: err}
		}
		path := filepath.Join(filepath.Dir(st.Path()), safeName(id)+".md")
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		if err := store.WriteFileAtomic(path, []byte(md)); err != nil {
			return actionDone{err: err}
		}
		return actionDone{text: c.T("rt.exported", path)}
	}
}

// safeName keeps a retro id usable as a file name.
func safeName(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, id)
}

// renderMarkdown fills a retro's figures when it has none (without storing
// them) and renders it with its template.
func renderMarkdown(st *store.Store, rules model.Rules, r *model.Retro, asOf model.Day, dir string) (string, error) {
	if r.Data == nil {
		if err := st.FillRetro(rules, r, asOf, labeler(r.LangOrDefault()), retroFormat(r.LangOrDefault())); err != nil {
			return "", err
		}
	}
	return store.RenderRetro(r, dir, retroFormat(r.LangOrDefault()))
}

func (p *Pane) statusCmd(r model.Retro) tea.Cmd {
	st, a, c := p.c.Store, p.c.Actor, p.c
	next := model.RetroFinal
	if r.Final() {
		next = model.RetroDraft
	}
	return func() tea.Msg {
		if err := st.SetRetroStatus(a, r.ID, next); err != nil {
			return actionDone{err: err}
		}
		res := actionDone{text: c.T("rt.marked.final", r.ID)}
		switch {
		case next == model.RetroDraft:
			res.text = c.T("rt.marked.draft", r.ID)
		case r.Kind == model.RetroCampaign:
			res.text = c.T("rt.marked.reviewed", r.ID, r.Subject)
		}
		if nr, err := st.Retro(r.ID); err == nil {
			res.retro = &nr
		}
		return res
	}
}

func (p *Pane) refreshCmd(r model.Retro) tea.Cmd {
	st, a, rules, asOf, c := p.c.Store, p.c.Actor, p.c.Rules, p.asOf(), p.c
	return func() tea.Msg {
		nr, err := st.RefreshRetro(a, rules, r.ID, asOf, labeler(r.LangOrDefault()), retroFormat(r.LangOrDefault()))
		if err != nil {
			return actionDone{err: err}
		}
		return actionDone{text: c.T("rt.refreshed", r.ID, asOf.String()), retro: &nr}
	}
}

func (p *Pane) onAction(msg actionDone) tea.Cmd {
	p.busy = false
	p.setMsg(msg.text, msg.err)
	if msg.retro == nil {
		return nil
	}
	for i := range p.retros { // until the root's next dataset lists it
		if p.retros[i].ID == msg.retro.ID {
			p.retros[i] = *msg.retro
		}
	}
	if p.ed != nil && p.ed.id == msg.retro.ID {
		p.ed.retro.Status, p.ed.retro.Data = msg.retro.Status, msg.retro.Data
	}
	if p.pv != nil && p.pv.id == msg.retro.ID && p.view == viewPreview {
		r := *msg.retro
		if p.ed != nil && p.ed.id == r.ID {
			r.SetNarrative(p.ed.narrative()) // the text as typed
		}
		return p.openPreview(r)
	}
	return nil
}
