package retros

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/theme"
)

// The preview: the retro rendered as Markdown by its template, drawn by
// glamour in the session's colours (the dark or light style with the
// session's accent on headings; the plain ASCII style under NO_COLOR, in
// ASCII mode and in tests), in a viewport. Wide tables are not wrapped
// (they scroll sideways); paragraphs of Chinese, which glamour's word wrap
// cannot break (no spaces), are wrapped again to the width.

type preview struct {
	width int // the width the text was asked for
	id    string
	retro model.Retro
	key   string // what the shown text was rendered from
	vp    viewport.Model
	ready bool
	err   error
}

// previewChrome is the title line and the status line.
const previewChrome = 2

func (p *Pane) previewHeight() int { return max(p.height-previewChrome, 1) }

// openPreview shows r rendered; the rendering runs in a command.
func (p *Pane) openPreview(r model.Retro) tea.Cmd {
	if p.pv == nil || p.pv.id != r.ID {
		vp := viewport.New(p.width, p.previewHeight())
		vp.SetHorizontalStep(8)
		p.pv = &preview{id: r.ID, vp: vp}
	}
	p.pv.retro = r
	p.view = viewPreview
	return p.renderCmd()
}

// renderCmd renders the preview's retro at the pane's width.
func (p *Pane) renderCmd() tea.Cmd {
	pv := p.pv
	r := pv.retro
	width := p.width
	pv.width = width
	n := r.Narrative()
	k := fmt.Sprintf("%d/%s/%s/%s", width, r.Updated, r.Status, strings.Join(n[:], "\x00"))
	pv.key = k
	st, rules, asOf, dir, c := p.c.Store, p.c.Rules, p.asOf(), p.templateDir(), p.c
	return func() tea.Msg {
		md, err := renderMarkdown(st, rules, &r, asOf, dir)
		if err != nil {
			return previewRendered{id: r.ID, key: k, err: err}
		}
		out, err := renderGlamour(c, md, width)
		return previewRendered{id: r.ID, key: k, out: out, err: err}
	}
}

func (pv *preview) onRendered(msg previewRendered) {
	pv.err = msg.err
	if msg.err == nil {
		y := pv.vp.YOffset
		pv.vp.SetContent(msg.out)
		pv.vp.SetYOffset(y)
		pv.ready = true
	}
}

// glamourStyle is the session's style for glamour: plain ASCII without
// colour or in ASCII mode, else dark or light by the terminal's background
// with the session's accent on headings and links.
func glamourStyle(c *common.Common) gansi.StyleConfig {
	if c.Styles.ASCII != nil {
		cfg := styles.ASCIIStyleConfig
		cfg.Item.BlockPrefix = "* " // "•" is of ambiguous width
		return cfg
	}
	if !c.Styles.Color {
		return styles.ASCIIStyleConfig
	}
	cfg := styles.LightStyleConfig
	accent := c.Styles.P.Accent.Light
	muted := c.Styles.P.Muted.Light
	if c.Renderer.HasDarkBackground() {
		cfg = styles.DarkStyleConfig
		accent = c.Styles.P.Accent.Dark
		muted = c.Styles.P.Muted.Dark
	}
	// Fresh pointers: the package's configs are shared and must not change.
	cfg.Document.Margin = uintPtr(0)
	cfg.H1.Color, cfg.H1.BackgroundColor = strPtr(accent), nil
	cfg.H1.Bold = boolPtr(true)
	cfg.H2.Color = strPtr(accent)
	cfg.H3.Color = strPtr(accent)
	cfg.Link.Color = strPtr(accent)
	cfg.Emph.Color = strPtr(muted)
	return cfg
}

func strPtr(s string) *string { return &s }
func boolPtr(b bool) *bool    { return &b }
func uintPtr(u uint) *uint    { return &u }

// renderGlamour draws md width columns wide.
func renderGlamour(c *common.Common, md string, width int) (string, error) {
	width = max(width, 20)
	profile := c.Renderer.ColorProfile()
	if c.Styles.ASCII != nil {
		profile = termenv.Ascii
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(glamourStyle(c)),
		glamour.WithColorProfile(profile),
		glamour.WithWordWrap(0), // rewrap wraps: glamour cannot break Chinese
		glamour.WithTableWrap(false),
	)
	if err != nil {
		return "", err
	}
	out, err := r.Render(md)
	if err != nil {
		return "", err
	}
	return rewrap(out, width), nil
}

// rewrap breaks lines wider than width that are not table rows (glamour
// cannot break Chinese text, which has no spaces), keeping their indent.
func rewrap(s string, width int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = strings.TrimRight(l, " ")
		if lipgloss.Width(l) <= width || isTableLine(l) {
			out = append(out, l)
			continue
		}
		plain := ansi.Strip(l)
		indent := len(plain) - len(strings.TrimLeft(plain, " "))
		indent = min(indent, width/2)
		body := strings.TrimLeft(l, " ")
		wrapped := ansi.Wrap(body, width-indent, "，。；、：！？）")
		for _, w := range strings.Split(wrapped, "\n") {
			out = append(out, strings.Repeat(" ", indent)+w)
		}
	}
	return strings.Join(out, "\n")
}

// isTableLine recognises a row or a rule of a table glamour drew.
func isTableLine(l string) bool {
	p := ansi.Strip(l)
	return strings.Count(p, "│") >= 2 || strings.Count(p, " | ") >= 2 || strings.Contains(p, "─┼─") ||
		strings.Contains(p, "-|-") || strings.Contains(p, "┤") || strings.Contains(p, "┼")
}

func (p *Pane) previewKey(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	pv := p.pv
	p.msg = ""
	switch {
	case key.Matches(msg, k.Back):
		p.view = viewList
		return nil
	case key.Matches(msg, k.Edit):
		return p.openEditor(pv.retro)
	case key.Matches(msg, k.Up):
		pv.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		pv.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		pv.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		pv.vp.PageDown()
	case key.Matches(msg, k.Top):
		pv.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		pv.vp.GotoBottom()
	case key.Matches(msg, k.Left):
		pv.vp.ScrollLeft(8)
	case key.Matches(msg, k.Right):
		pv.vp.ScrollRight(8)
	default:
		return p.recordKey(msg)
	}
	return nil
}

func (p *Pane) previewView() []string {
	st := p.c.Styles
	pv := p.pv
	r := &pv.retro
	title := st.Title.Render(r.ID+"  "+r.Title) + "  " + st.Subtle.Render(p.statusText(r))
	if pv.ready {
		title += "  " + st.Subtle.Render(fmt.Sprintf("%3.0f%%", 100*pv.vp.ScrollPercent()))
	}
	lines := []string{theme.Clip(title, p.width)}
	switch {
	case pv.err != nil:
		lines = append(lines, st.ErrorLabel.Render(pv.err.Error()))
	case !pv.ready:
		lines = append(lines, st.Subtle.Render(p.c.T("rt.rendering")))
	default:
		lines = append(lines, strings.Split(pv.vp.View(), "\n")...)
	}
	h := p.height - 1
	for len(lines) < h {
		lines = append(lines, "")
	}
	return append(lines[:max(h, 0)], p.statusLine(p.c.T("rt.hint.preview")))
}

// clipTo truncates s to w columns.
func clipTo(s string, w int) string { return theme.Clip(s, w) }
