// Package placeholder is a small pane that stands in for a pane whose issue
// has not landed yet (Targets, Campaigns, Retros): it says in the session's
// language what is coming and shows a short real summary of the records the
// Dataset holds, so the tab is useful already.
package placeholder

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
)

// Kind is the pane a placeholder stands in for.
type Kind uint8

// Panes that may be placeholders.
const (
	Lifecycle Kind = iota
	Members
	Targets
	Campaigns
	Retros
)

var kindKeys = [...]string{"lifecycle", "members", "targets", "campaigns", "retros"}

// Pane is a placeholder pane.
type Pane struct {
	c             *common.Common
	kind          Kind
	data          *common.Dataset
	width, height int
}

// New returns a placeholder for the given pane.
func New(c *common.Common, k Kind) *Pane {
	return &Pane{c: c, kind: k, width: c.Width, height: c.Height}
}

// Init does nothing.
func (p *Pane) Init() tea.Cmd { return nil }

// Title is the tab label.
func (p *Pane) Title() string { return p.c.T("tab." + kindKeys[p.kind]) }

// Capturing is false: a placeholder takes no input.
func (p *Pane) Capturing() bool { return false }

// SetSize sets the pane's size.
func (p *Pane) SetSize(w, h int) { p.width, p.height = w, h }

// ShortHelp implements help.KeyMap: a placeholder has no keys of its own.
func (p *Pane) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (p *Pane) FullHelp() [][]key.Binding { return nil }

// Update keeps the latest dataset.
func (p *Pane) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	if m, ok := msg.(common.DataMsg); ok {
		p.data = m.Data
	}
	return p, nil
}

// View draws a box with what is coming and the summary, centred.
func (p *Pane) View() string {
	w, h := p.width, p.height
	if w <= 0 || h <= 0 {
		return ""
	}
	st := p.c.Styles
	k := kindKeys[p.kind]
	boxW := min(w-2, 76)
	inner := boxW - 6 // border and padding
	if inner < 10 {
		return ""
	}
	var lines []string
	add := func(s string, style lipgloss.Style) {
		for _, l := range wrap(s, inner) {
			lines = append(lines, style.Render(l))
		}
	}
	add(p.c.T("ph.soon", p.Title()), st.Title)
	lines = append(lines, "")
	add(p.c.T("ph."+k+".coming"), st.StatusValue)
	lines = append(lines, "")
	if p.data == nil {
		add(p.c.T("ph.loading"), st.Subtle)
	} else {
		for i, s := range p.summary() {
			switch {
			case i == 0:
				add(s, st.Accent)
			case strings.HasPrefix(s, item):
				// List items stay on one line each, cut when too long.
				lines = append(lines, st.StatusValue.Render(cut(s, inner, st.G.Ellipsis)))
			default:
				add(s, st.StatusValue)
			}
		}
	}
	if hint := p.c.T("ph." + k + ".meanwhile"); hint != "" {
		lines = append(lines, "")
		add(hint, st.Subtle)
	}
	maxLines := h - 2
	if len(lines) > maxLines {
		lines = lines[:max(maxLines, 0)]
	}
	box := st.Box.Width(boxW - 2).Render(strings.Join(lines, "\n"))
	out := lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
	return clip(out, w, h)
}

// summary is a few lines of real figures about the pane's records.
func (p *Pane) summary() []string {
	d := p.data
	switch p.kind {
	case Targets:
		return p.targets(d)
	case Campaigns:
		return p.campaigns(d)
	case Retros:
		return p.retros(d)
	case Lifecycle:
		if d.Analysis == nil {
			return nil
		}
		s := d.Analysis.Snapshot
		out := []string{p.c.T("ph.lifecycle.summary", d.AsOf.String())}
		for i, n := range s.Stages {
			out = append(out, item+p.c.T("stage."+model.Stage(i).String())+" "+format.Count(n))
		}
		return out
	case Members:
		return []string{p.c.T("ph.members.summary", format.Count(d.Info.Members), format.Count(d.Info.Events))}
	}
	return nil
}

func (p *Pane) targets(d *common.Dataset) []string {
	// Running targets first, then the rest, each in stored order.
	var running, other []model.Target
	for _, t := range d.Targets {
		if t.From <= d.AsOf && d.AsOf <= t.To {
			running = append(running, t)
		} else {
			other = append(other, t)
		}
	}
	out := []string{p.c.Cat.N("ph.targets.summary", int64(len(d.Targets)), len(d.Targets), len(running), d.AsOf.String())}
	for i, t := range append(running, other...) {
		if i == 5 {
			out = append(out, p.c.T("ph.more", len(d.Targets)-i))
			break
		}
		name := t.Name
		if name == "" {
			name = t.ID
		}
		out = append(out, item+name+" · "+format.Value(t.Metric, t.Value)+" · "+format.Date(t.From)+" – "+format.Date(t.To))
	}
	return out
}

// campaignStatus derives a campaign's status at day d from its dates.
func campaignStatus(c model.Campaign, d model.Day) string {
	switch {
	case c.Cancelled:
		return "cancelled"
	case d > c.End && c.Reviewed:
		return "reviewed"
	case d > c.End:
		return "ended"
	case d >= c.Start:
		return "live"
	case c.WarmupStart != 0 && d >= c.WarmupStart:
		return "warmup"
	}
	return "draft"
}

var statusOrder = []string{"live", "warmup", "draft", "ended", "reviewed", "cancelled"}

func (p *Pane) campaigns(d *common.Dataset) []string {
	counts := map[string]int{}
	for _, c := range d.Campaigns {
		counts[campaignStatus(c, d.AsOf)]++
	}
	var parts []string
	for _, s := range statusOrder {
		if counts[s] > 0 {
			parts = append(parts, p.c.T("ph.status."+s)+" "+format.Count(int64(counts[s])))
		}
	}
	out := []string{p.c.Cat.N("ph.campaigns.summary", int64(len(d.Campaigns)), len(d.Campaigns), d.AsOf.String())}
	if len(parts) > 0 {
		out = append(out, strings.Join(parts, " · "))
	}
	// The live and upcoming ones, soonest first.
	var next []model.Campaign
	for _, c := range d.Campaigns {
		if s := campaignStatus(c, d.AsOf); s == "live" || s == "warmup" || s == "draft" {
			next = append(next, c)
		}
	}
	sort.SliceStable(next, func(i, j int) bool { return next[i].Start < next[j].Start })
	for i, c := range next {
		if i == 4 {
			out = append(out, p.c.T("ph.more", len(next)-i))
			break
		}
		out = append(out, item+c.Name+" · "+p.c.T("campaign."+string(c.Type))+" · "+
			p.c.T("ph.status."+campaignStatus(c, d.AsOf))+" · "+c.Start.String()+" – "+c.End.String())
	}
	return out
}

func (p *Pane) retros(d *common.Dataset) []string {
	out := []string{p.c.Cat.N("ph.retros.summary", int64(len(d.Retros)), len(d.Retros))}
	rs := append([]model.Retro(nil), d.Retros...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Window.To > rs[j].Window.To })
	for i, r := range rs {
		if i == 4 {
			out = append(out, p.c.T("ph.more", len(rs)-i))
			break
		}
		out = append(out, item+r.Title+" · "+p.c.T("ph.retro."+string(r.Kind))+" · "+r.Window.From.String()+" – "+r.Window.To.String())
	}
	return out
}

// item starts a line of a list.
const item = "· "

// cut truncates plain text to w columns with tail.
func cut(s string, w int, tail string) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, tail)
}

// wrap breaks plain text into lines of at most w columns, at spaces where it
// can and anywhere (between characters) where it cannot — Chinese has no
// spaces.
func wrap(s string, w int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range splitKeep(para) {
			if lipgloss.Width(line+word) <= w {
				line += word
				continue
			}
			if line != "" {
				out = append(out, strings.TrimRight(line, " "))
				line = ""
			}
			word = strings.TrimLeft(word, " ")
			for lipgloss.Width(word) > w {
				head := ansi.Truncate(word, w, "")
				out = append(out, head)
				word = word[len(head):]
			}
			line = word
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
}

// splitKeep splits at spaces keeping each space with the word after it, and
// splits runs of wide characters into single characters so they can break
// anywhere.
func splitKeep(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		wide := lipgloss.Width(string(r)) > 1
		if r == ' ' || wide {
			if cur != "" {
				out = append(out, cur)
			}
			cur = string(r)
			if wide {
				out = append(out, cur)
				cur = ""
			}
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// clip keeps at most h lines of at most w columns.
func clip(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
