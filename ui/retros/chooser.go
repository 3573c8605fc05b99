package retros

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/theme"
)

// The chooser for a new retro: what it covers (campaigns that ended without
// a retro and months that closed without one first, marked "suggested";
// then every other campaign, target and recent month), then, when the team
// has custom templates, which template.

// option is one thing a retro can cover.
type option struct {
	kind      model.RetroKind
	subject   string
	name      string
	w         model.Window
	suggested bool
	note      string
}

type chooser struct {
	opts   []option
	cursor int
	offset int
	picked option // the option chosen, while the template is picked
	tmpl   int    // cursor in the template list (0: built-in)
}

// monthsOffered is how many closed months the chooser lists.
const monthsOffered = 12

// options lists what a new retro can cover, suggestions first.
func (p *Pane) options() []option {
	d := p.data
	if d == nil {
		return nil
	}
	asOf := p.asOf()
	has := map[string]bool{}
	for _, r := range d.Retros {
		has[string(r.Kind)+"/"+r.Subject] = true
	}
	var sugg, rest []option
	for _, c := range d.Campaigns {
		o := option{kind: model.RetroCampaign, subject: c.ID, name: c.Name, w: model.Window{From: c.Start, To: c.End}}
		st := c.Status(asOf)
		if (st == model.StatusEnded || st == model.StatusReviewed) && !has["campaign/"+c.ID] {
			o.suggested, o.note = true, p.c.T("rt.new.ended", c.End.String())
			sugg = append(sugg, o)
			continue
		}
		rest = append(rest, o)
	}
	first := d.Info.FirstDay
	if d.Info.Events == 0 {
		first = asOf
	}
	for _, m := range model.ClosedMonths(first, asOf, monthsOffered) {
		w, _ := model.MonthWindow(m)
		o := option{kind: model.RetroMonthly, subject: m, name: m, w: w}
		if !has["monthly/"+m] {
			o.suggested, o.note = true, p.c.T("rt.new.closed")
			sugg = append(sugg, o)
			continue
		}
		rest = append(rest, o)
	}
	for _, t := range d.Targets {
		rest = append(rest, option{kind: model.RetroTarget, subject: t.ID, name: t.Name, w: model.Window{From: t.From, To: t.To}})
	}
	return append(sugg, rest...)
}

func (p *Pane) openChooser() {
	p.choose = chooser{opts: p.options()}
	p.view = viewNew
	p.msg = ""
}

func (p *Pane) chooserRows() int { return max(p.height-3, 1) }

func (p *Pane) chooserKey(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	ch := &p.choose
	if p.busy {
		return nil
	}
	n := len(ch.opts)
	cur := &ch.cursor
	if p.view == viewTemplate {
		n = len(p.tmpls) + 1
		cur = &ch.tmpl
	}
	switch {
	case key.Matches(msg, k.Back):
		if p.view == viewTemplate {
			p.view = viewNew
		} else {
			p.view = viewList
		}
		return nil
	case key.Matches(msg, k.Up):
		*cur--
	case key.Matches(msg, k.Down):
		*cur++
	case key.Matches(msg, k.PageUp):
		*cur -= p.chooserRows()
	case key.Matches(msg, k.PageDown):
		*cur += p.chooserRows()
	case key.Matches(msg, k.Top):
		*cur = 0
	case key.Matches(msg, k.Bottom):
		*cur = n - 1
	case key.Matches(msg, k.Choose):
		if n == 0 {
			return nil
		}
		if p.view == viewNew {
			ch.picked = ch.opts[ch.cursor]
			if len(p.tmpls) > 0 {
				p.view, ch.tmpl = viewTemplate, 0
				return nil
			}
			return p.create(ch.picked, "")
		}
		tmpl := ""
		if ch.tmpl > 0 {
			tmpl = shortName(p.tmpls[ch.tmpl-1].Name)
		}
		return p.create(ch.picked, tmpl)
	}
	*cur = min(max(*cur, 0), max(n-1, 0))
	rows := p.chooserRows()
	if ch.cursor < ch.offset {
		ch.offset = ch.cursor
	}
	if ch.cursor >= ch.offset+rows {
		ch.offset = ch.cursor - rows + 1
	}
	return nil
}

// shortName is a template's file name without its folder.
func shortName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' || path[i] == '\\' {
			return path[i+1:]
		}
	}
	return path
}

// create makes the retro in a command and opens it in the editor.
func (p *Pane) create(o option, tmpl string) tea.Cmd {
	st, a, rules, asOf, c := p.c.Store, p.c.Actor, p.c.Rules, p.asOf(), p.c
	lang := c.Cat.Lang.String()
	p.busy = true
	return func() tea.Msg {
		r, err := st.NewRetro(a, rules, o.kind, o.subject, lang, tmpl, "", asOf, c.Cat.T, retroFormat(lang))
		return retroCreated{retro: r, err: err}
	}
}

func (p *Pane) onCreated(msg retroCreated) tea.Cmd {
	p.busy = false
	if msg.err != nil {
		p.setMsg("", msg.err)
		p.view = viewList
		return nil
	}
	p.setMsg(p.c.T("rt.created", msg.retro.ID), nil)
	// Until the root's next dataset lists it, the list shows it first.
	p.retros = append([]model.Retro{msg.retro}, p.retros...)
	p.cursor, p.offset = 0, 0
	return p.openEditor(msg.retro)
}

func (p *Pane) chooserView() []string {
	st := p.c.Styles
	w := p.width
	ch := &p.choose
	var lines []string
	if p.view == viewTemplate {
		lines = append(lines, st.Title.Render(p.c.T("rt.tmpl.title", ch.picked.name)), "")
		names := []string{p.c.T("rt.tmpl.builtin", model.BuiltinTemplateName(ch.picked.kind, p.c.Cat.Lang.String()))}
		for _, t := range p.tmpls {
			names = append(names, shortName(t.Name))
		}
		for i, n := range names {
			mark := "  "
			line := n
			if i == ch.tmpl {
				mark = st.G.Selected + " "
				line = st.TableSelected.Render(theme.Fit(mark+n, w))
			} else {
				line = mark + line
			}
			lines = append(lines, line)
		}
		for len(lines) < p.height-1 {
			lines = append(lines, "")
		}
		return append(lines[:max(p.height-1, 0)], p.statusLine(p.c.T("rt.tmpl.hint")))
	}
	lines = append(lines, st.Title.Render(p.c.T("rt.new.title")), "")
	if len(ch.opts) == 0 {
		lines = append(lines, st.Subtle.Render(p.c.T("rt.new.none")))
	}
	suggW := 0
	for _, o := range ch.opts {
		if o.suggested {
			suggW = lipgloss.Width(p.c.T("rt.new.suggested"))
		}
	}
	kindW := 0
	for _, k := range model.RetroKinds() {
		kindW = max(kindW, lipgloss.Width(p.c.T("retro.kind."+string(k))))
	}
	rows := p.chooserRows()
	for i := ch.offset; i < min(ch.offset+rows, len(ch.opts)); i++ {
		o := ch.opts[i]
		mark := "  "
		if i == ch.cursor {
			mark = st.G.Selected + " "
		}
		tag := ""
		if o.suggested {
			tag = p.c.T("rt.new.suggested")
		}
		per := o.w.From.String() + ".." + o.w.To.String()
		line := mark + theme.Fit(tag, suggW) + " " + theme.Fit(p.c.T("retro.kind."+string(o.kind)), kindW) + " " +
			theme.Fit(o.subject, 14) + " " + per + "  " + o.name
		if o.note != "" {
			line += "  · " + o.note
		}
		switch {
		case i == ch.cursor:
			line = st.TableSelected.Render(theme.Fit(line, w))
		case o.suggested:
			line = st.Accent.Render(theme.Clip(line, w))
		}
		lines = append(lines, line)
	}
	for len(lines) < p.height-1 {
		lines = append(lines, "")
	}
	hint := p.c.T("rt.new.hint")
	if p.busy {
		hint = p.c.T("rt.new.creating")
	}
	return append(lines[:max(p.height-1, 0)], p.statusLine(hint))
}

// errForbiddenRole is the store's refusal for this session's role.
func errForbiddenRole(role string) error { return fmt.Errorf("%s: %w", role, store.ErrForbidden) }
