package retros

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/theme"
)

// The list: a header (count, templates), a table of the retros (what each
// covers, status, last edit and editor), a status or hint line.

const listChrome = 4 // header, template line, column titles, status line

func (p *Pane) listRows() int { return max(p.height-listChrome, 1) }

func (p *Pane) clamp() {
	n := len(p.retros)
	p.cursor = min(max(p.cursor, 0), max(n-1, 0))
	rows := p.listRows()
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+rows {
		p.offset = p.cursor - rows + 1
	}
	p.offset = min(max(p.offset, 0), max(n-rows, 0))
}

func (p *Pane) listKey(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	p.msg = ""
	switch {
	case key.Matches(msg, k.Up):
		p.cursor--
	case key.Matches(msg, k.Down):
		p.cursor++
	case key.Matches(msg, k.PageUp):
		p.cursor -= p.listRows()
	case key.Matches(msg, k.PageDown):
		p.cursor += p.listRows()
	case key.Matches(msg, k.Top):
		p.cursor = 0
	case key.Matches(msg, k.Bottom):
		p.cursor = len(p.retros) - 1
	case key.Matches(msg, k.New):
		if !p.canEdit() {
			p.setMsg("", errForbidden(p))
			return nil
		}
		p.openChooser()
		return p.loadTemplates()
	case key.Matches(msg, k.Open):
		if r, ok := p.selected(); ok {
			return p.openPreview(r)
		}
	case key.Matches(msg, k.Edit):
		if r, ok := p.selected(); ok {
			return p.openEditor(r)
		}
	default:
		return p.recordKey(msg)
	}
	p.clamp()
	return nil
}

// recordKey handles the keys that act on the selected retro, on the list
// and in the preview: final/draft, refresh, export.
func (p *Pane) recordKey(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	r, ok := p.selected()
	if p.view == viewPreview && p.pv != nil {
		r, ok = p.pv.retro, true
	}
	if !ok || p.busy {
		return nil
	}
	switch {
	case key.Matches(msg, k.Final):
		if !p.canEdit() {
			p.setMsg("", errForbidden(p))
			return nil
		}
		p.busy = true
		return p.statusCmd(r)
	case key.Matches(msg, k.Refresh):
		if !p.canEdit() {
			p.setMsg("", errForbidden(p))
			return nil
		}
		p.busy = true
		return p.refreshCmd(r)
	case key.Matches(msg, k.Export):
		p.busy = true
		return p.exportCmd(r.ID)
	}
	return nil
}

// covers says what a retro is about: the campaign's or target's name, or
// the month.
func (p *Pane) covers(r *model.Retro) string {
	switch r.Kind {
	case model.RetroCampaign:
		if p.data != nil {
			for _, c := range p.data.Campaigns {
				if c.ID == r.Subject {
					return c.Name + " (" + c.ID + ")"
				}
			}
		}
	case model.RetroTarget:
		if p.data != nil {
			for _, t := range p.data.Targets {
				if t.ID == r.Subject {
					return t.Name + " (" + t.ID + ")"
				}
			}
		}
	}
	return r.Subject
}

func (p *Pane) statusText(r *model.Retro) string {
	if r.Final() {
		return p.c.T("retro.status.final")
	}
	return p.c.T("retro.status.draft")
}

func (p *Pane) updatedText(r *model.Retro) string {
	if r.Updated.IsZero() {
		return p.c.Styles.G.Dash
	}
	t := r.Updated
	if p.c.Store != nil {
		t = t.In(p.c.Store.Location())
	}
	return t.Format("2006-01-02 15:04")
}

func (p *Pane) listView() []string {
	st := p.c.Styles
	w := p.width
	var lines []string
	head := st.Title.Render(p.c.T("tab.retros")) + "  " + st.Subtle.Render(p.c.T("rt.summary", len(p.retros)))
	lines = append(lines, head)
	switch {
	case len(p.tmplErrs) > 0:
		lines = append(lines, st.Warn.Render(p.c.T("rt.template.err", p.tmplErrs[0].Error())))
	case len(p.tmpls) > 0:
		lines = append(lines, st.Subtle.Render(p.c.T("rt.templates", len(p.tmpls), p.templateDirShown())))
	default:
		lines = append(lines, st.Subtle.Render(p.c.T("rt.templates.none", p.templateDirShown())))
	}
	if p.data == nil {
		return append(lines, "", st.Subtle.Render(p.c.T("rt.loading")))
	}
	if len(p.retros) == 0 {
		lines = append(lines, "", st.Subtle.Render(p.c.T("rt.empty")))
		for len(lines) < p.height-1 {
			lines = append(lines, "")
		}
		return append(lines, p.statusLine(p.c.T("rt.hint.list")))
	}
	// Columns: mark, id, kind, covers (flex), period, status, last edit,
	// editor. Narrow terminals drop the editor, then the last edit.
	// Below 100 columns the period and the last edit drop the year of their
	// second date and of the edit.
	compact := w < 100
	idW, kindW, perW, stW, updW, edW := 10, 6, 22, 6, 16, 8
	if compact {
		perW, updW = 17, 11
	}
	for _, r := range p.retros {
		idW = max(idW, min(lipgloss.Width(r.ID), 14))
		kindW = max(kindW, lipgloss.Width(p.c.T("retro.kind."+string(r.Kind))))
		stW = max(stW, lipgloss.Width(p.statusText(&r)))
		edW = max(edW, min(lipgloss.Width(r.Editor), 12))
	}
	for _, c := range []string{"rt.col.kind", "rt.col.status", "rt.col.editor"} {
		w := lipgloss.Width(p.c.T(c))
		switch c {
		case "rt.col.kind":
			kindW = max(kindW, w)
		case "rt.col.status":
			stW = max(stW, w)
		default:
			edW = max(edW, w)
		}
	}
	fixed := 2 + idW + 1 + kindW + 1 + perW + 1 + stW + 1 + updW + 1 + edW + 1
	showEd, showUpd := true, true
	if w-fixed < 10 {
		showEd = false
		fixed -= edW + 1
	}
	if w-fixed < 10 {
		showUpd = false
		fixed -= updW + 1
	}
	covW := max(w-fixed, 8)
	row := func(mark, id, kind, cov, per, status, upd, ed string) string {
		s := mark + theme.Fit(id, idW) + " " + theme.Fit(kind, kindW) + " " + theme.Fit(cov, covW) + " " +
			theme.Fit(per, perW) + " " + theme.Fit(status, stW)
		if showUpd {
			s += " " + theme.Fit(upd, updW)
		}
		if showEd {
			s += " " + theme.Fit(ed, edW)
		}
		return s
	}
	lines = append(lines, st.TableHeader.Render(row("  ", p.c.T("rt.col.id"), p.c.T("rt.col.kind"), p.c.T("rt.col.covers"),
		p.c.T("rt.col.window"), p.c.T("rt.col.status"), p.c.T("rt.col.updated"), p.c.T("rt.col.editor"))))
	rows := p.listRows()
	for i := p.offset; i < min(p.offset+rows, len(p.retros)); i++ {
		r := &p.retros[i]
		mark := "  "
		if i == p.cursor {
			mark = st.G.Selected + " "
		}
		per := r.Window.From.String() + ".." + r.Window.To.String()
		upd := p.updatedText(r)
		if compact {
			per = r.Window.From.String() + ".." + r.Window.To.String()[5:]
			if len(upd) == 16 {
				upd = upd[5:]
			}
		}
		if r.Window.Len() == 0 {
			per = st.G.Dash
		}
		line := row(mark, r.ID, p.c.T("retro.kind."+string(r.Kind)), p.covers(r), per, p.statusText(r), upd, r.Editor)
		if i == p.cursor {
			line = st.TableSelected.Render(theme.Fit(line, w))
		} else if r.Final() {
			line = st.Good.Render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < p.height-1 {
		lines = append(lines, "")
	}
	return append(lines[:p.height-1], p.statusLine(p.c.T("rt.hint.list")))
}

func errForbidden(p *Pane) error { return errForbiddenRole(p.c.Actor.Role.String()) }

// trimLines removes trailing blank lines.
func trimLines(s string) []string {
	return strings.Split(strings.TrimRight(s, "\n"), "\n")
}
