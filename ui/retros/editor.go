package retros

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
)

// The editor: one bubbles textarea per narrative section, tab between them.
//
// Saving as you go: every change to the text counts as an edit (gen goes
// up). When no save is running, a save of the current text starts at once
// (a tea.Cmd writing through Store.SaveRetroNarrative, one short bbolt
// transaction); when it returns and the text changed meanwhile, the next
// save starts with the newest text. So at most one save runs, the last text
// typed is always the next one written, and the "unsaved" mark shows while
// gen is ahead of what the store holds. A resize or a pane switch changes
// nothing of this; after a quit or a kill -9, what is lost is at most the
// keys typed during the one save that was running.

// editor is the open editor of one retro.
type editor struct {
	id     string
	retro  model.Retro // the record as opened, with the text as typed
	areas  [model.NumRetroSections]textarea.Model
	active int

	gen      uint64 // edits made
	savedGen uint64 // the newest edit the store holds
	saving   bool
	err      error
}

// editorChrome is the lines around the text area: title, section tabs,
// status line.
const editorChrome = 3

func (p *Pane) editorHeight() int { return max(p.height-editorChrome, 1) }

func (p *Pane) openEditor(r model.Retro) tea.Cmd {
	if !p.canEdit() {
		p.setMsg("", errForbidden(p))
		return nil
	}
	if p.ed != nil && p.ed.id == r.ID {
		// Reopened: keep the text as typed (it may be newer than the store's).
		p.view = viewEditor
		p.msg = ""
		return p.ed.focus()
	}
	// Another retro's editor gives way: what it holds unsaved is written now.
	var flush tea.Cmd
	if p.ed != nil && p.ed.gen != p.ed.savedGen {
		old := p.ed
		st, a, id, n := p.c.Store, p.c.Actor, old.id, old.narrative()
		flush = func() tea.Msg {
			_, err := st.SaveRetroNarrative(a, id, n)
			if err != nil {
				return actionDone{err: err}
			}
			return nil
		}
	}
	e := &editor{id: r.ID, retro: r}
	n := r.Narrative()
	for i := range e.areas {
		e.areas[i] = p.newArea(model.RetroSection(i))
		e.areas[i].SetValue(n[i])
		e.areas[i].CursorEnd()
	}
	e.layout(p.width, p.editorHeight())
	p.ed = e
	p.view = viewEditor
	p.msg = ""
	return tea.Batch(flush, e.focus())
}

// newArea builds a textarea styled from the session's renderer.
func (p *Pane) newArea(s model.RetroSection) textarea.Model {
	ta := textarea.New()
	ta.Placeholder = p.c.T("rt.ph." + s.String())
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	r := p.c.Renderer
	st := textarea.Style{
		Base:             r.NewStyle(),
		CursorLine:       r.NewStyle(),
		CursorLineNumber: r.NewStyle(),
		EndOfBuffer:      r.NewStyle(),
		LineNumber:       r.NewStyle(),
		Placeholder:      p.c.Styles.Subtle,
		Prompt:           r.NewStyle(),
		Text:             r.NewStyle(),
	}
	ta.FocusedStyle, ta.BlurredStyle = st, st
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.Cursor.Style = r.NewStyle().Reverse(true)
	ta.Cursor.TextStyle = r.NewStyle()
	return ta
}

func (e *editor) layout(w, h int) {
	for i := range e.areas {
		e.areas[i].SetWidth(max(w, 10))
		e.areas[i].SetHeight(max(h, 1))
	}
}

func (e *editor) focus() tea.Cmd {
	for i := range e.areas {
		if i == e.active {
			e.areas[i].Focus()
		} else {
			e.areas[i].Blur()
		}
	}
	return nil
}

// narrative is the text as typed.
func (e *editor) narrative() model.RetroNarrative {
	var n model.RetroNarrative
	for i := range e.areas {
		n[i] = e.areas[i].Value()
	}
	return n
}

// dirty reports whether text typed is not in the store yet.
func (e *editor) dirty() bool { return e.gen != e.savedGen || e.saving }

// save starts a save of the current text unless one is running.
func (e *editor) save(c *common.Common) tea.Cmd {
	if e.saving || e.gen == e.savedGen {
		return nil
	}
	e.saving = true
	st, a, id, gen, n := c.Store, c.Actor, e.id, e.gen, e.narrative()
	return func() tea.Msg {
		_, err := st.SaveRetroNarrative(a, id, n)
		return retroSaved{id: id, gen: gen, err: err}
	}
}

func (e *editor) onSaved(msg retroSaved, p *Pane) tea.Cmd {
	e.saving = false
	e.err = msg.err
	if msg.err != nil {
		return nil // the next edit (or ctrl+s) tries again
	}
	e.savedGen = max(e.savedGen, msg.gen)
	e.retro.SetNarrative(e.narrative())
	return e.save(p.c)
}

// passThrough gives the focused textarea messages that are not keys (its
// cursor's own messages).
func (e *editor) passThrough(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	e.areas[e.active], cmd = e.areas[e.active].Update(msg)
	return cmd
}

func (p *Pane) editorKey(msg tea.KeyMsg) tea.Cmd {
	e := p.ed
	k := p.keys
	// Text goes in as text: a runes message that happens to spell a key
	// name ("up", "tab" arriving alone from a fast terminal or an input
	// method) is typed, never taken for that key.
	text := msg.Type == tea.KeyRunes && !msg.Alt
	switch {
	case text:
	case key.Matches(msg, k.Leave):
		// The text goes on being saved; the preview shows it as typed.
		r := e.retro
		r.SetNarrative(e.narrative())
		return tea.Batch(e.save(p.c), p.openPreview(r))
	case key.Matches(msg, k.NextSec):
		e.active = (e.active + 1) % len(e.areas)
		return e.focus()
	case key.Matches(msg, k.PrevSec):
		e.active = (e.active + len(e.areas) - 1) % len(e.areas)
		return e.focus()
	case key.Matches(msg, k.Save):
		if e.err != nil && !e.saving && e.gen == e.savedGen {
			e.gen++ // a failed save: try again
		}
		return e.save(p.c)
	}
	before := e.areas[e.active].Value()
	var cmd tea.Cmd
	if text {
		e.areas[e.active].InsertString(string(msg.Runes))
	} else {
		e.areas[e.active], cmd = e.areas[e.active].Update(msg)
	}
	if e.areas[e.active].Value() != before {
		e.gen++
		return tea.Batch(cmd, e.save(p.c))
	}
	return cmd
}

func (p *Pane) editorView() []string {
	st := p.c.Styles
	e := p.ed
	var mark string
	switch {
	case e.err != nil:
		mark = st.ErrorLabel.Render(p.c.T("rt.saveerr", p.errText(e.err)))
	case e.dirty():
		mark = st.Warn.Render(p.c.T("rt.unsaved"))
	default:
		mark = st.Good.Render(p.c.T("rt.saved"))
	}
	title := st.Title.Render(e.retro.ID+"  "+e.retro.Title) + "  " + st.Subtle.Render(p.statusText(&e.retro))
	titleW := p.width - lipgloss.Width(mark) - 1
	lines := []string{fitLeft(title, titleW) + " " + mark}
	var tabs []string
	for i := range e.areas {
		name := p.c.T("rt.sec." + model.RetroSection(i).String())
		if i == e.active {
			tabs = append(tabs, st.ActiveTab.Render("["+name+"]"))
		} else {
			tabs = append(tabs, st.Tab.Render(" "+name+" "))
		}
	}
	lines = append(lines, strings.Join(tabs, ""))
	lines = append(lines, strings.Split(e.areas[e.active].View(), "\n")...)
	h := p.height - 1
	for len(lines) < h {
		lines = append(lines, "")
	}
	return append(lines[:max(h, 0)], p.statusLine(p.c.T("rt.hint.editor")))
}

// fitLeft pads or clips s to w columns.
func fitLeft(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := lipgloss.Width(s)
	if n > w {
		return clipTo(s, w)
	}
	return s + strings.Repeat(" ", w-n)
}
