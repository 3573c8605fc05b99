package ui

import (
	"io"

	tea "github.com/charmbracelet/bubbletea"
)

// Plain runs a session on a terminal that cannot move its cursor
// (TERM=dumb: an editor's shell buffer, a serial console). Bubble Tea's
// renderer repaints in place with cursor movements and the program switches
// on the alternate screen and the mouse, all of which such a terminal prints
// as garbage; so the program runs with tea.WithoutRenderer and Plain writes
// whole frames, one after another, to out: after each key or resize the
// user caused, and when a load lands. Frames in between (a spinner, the live
// rate ticking) are not written, so the output does not scroll by itself.
// Without a renderer Bubble Tea leaves the terminal in line mode, as a dumb
// terminal is: keys arrive when the user presses Enter ("3⏎" opens Members,
// "jj⏎" moves down twice: the root splits the runes), and the newline comes
// as ctrl+j, which no pane binds.
type Plain struct {
	m       *Model
	out     io.Writer
	last    string
	loading bool
}

// NewPlain wraps m; frames of w×h go to out until the terminal reports a
// size of its own (a dumb terminal may report none: COLUMNS and LINES, or
// 80×24, are what the caller knows).
func NewPlain(m *Model, out io.Writer, w, h int) *Plain {
	m.resize(w, h)
	return &Plain{m: m, out: out}
}

// Init starts the session.
func (p *Plain) Init() tea.Cmd { return p.m.Init() }

// Update passes msg to the session and writes the frame when the user
// acted or a load finished and the screen changed.
func (p *Plain) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.m.Update(msg)
	loading := p.m.Loading()
	landed := p.loading && !loading
	p.loading = loading
	switch msg.(type) {
	case tea.KeyMsg, tea.WindowSizeMsg:
	default:
		if !landed && p.last != "" {
			return p, cmd
		}
	}
	p.write()
	return p, cmd
}

// write writes the frame unless it is empty or the same as the last one.
func (p *Plain) write() {
	v := p.m.View()
	if v == "" || v == p.last {
		return
	}
	p.last = v
	_, _ = io.WriteString(p.out, v+"\n\n")
}

// View is empty: nothing renders it (tea.WithoutRenderer).
func (p *Plain) View() string { return "" }
