package ui

import (
	"os"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	runewidth.DefaultCondition.EastAsianWidth = false
	os.Exit(m.Run())
}

// driver runs a root model the way a tea.Program does, but on the test's
// goroutine: commands run in goroutines and their messages are fed to Update
// by until, so a test can wait for a state without sleeping.
type driver struct {
	t    testing.TB
	m    *Model
	msgs chan tea.Msg
	done chan struct{}
}

func newDriver(t testing.TB, m *Model) *driver {
	d := &driver{t: t, m: m, msgs: make(chan tea.Msg, 1024), done: make(chan struct{})}
	t.Cleanup(func() { close(d.done) })
	return d
}

// start sends the window size and runs Init.
func (d *driver) start(w, h int) *driver {
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(d.m.Init())
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		select {
		case d.msgs <- msg:
		case <-d.done:
		}
	}()
}

func (d *driver) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.QuitMsg:
	default:
		d.send(msg)
	}
}

// send delivers msg to Update and runs the command it returns.
func (d *driver) send(msg tea.Msg) tea.Cmd {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
	return cmd
}

// until feeds messages to the model until cond holds; it fails the test
// after timeout.
func (d *driver) until(what string, cond func() bool, timeout time.Duration) {
	d.t.Helper()
	deadline := time.After(timeout)
	for !cond() {
		select {
		case msg := <-d.msgs:
			d.handle(msg)
		case <-deadline:
			d.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// settle waits until data is on screen and no load is running or pending.
func (d *driver) settle() *driver {
	d.t.Helper()
	d.until("the data to load", func() bool { return d.m.Data() != nil && !d.m.Loading() }, 20*time.Second)
	return d
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// session returns a settled root over a 2000-member fixture at w×h.
func session(t testing.TB, st *store.Store, lang i18n.Lang, w, h int, opts Options) (*driver, *common.Common) {
	t.Helper()
	c := uitest.Common(st, lang, w, h)
	d := newDriver(t, New(c, opts)).start(w, h).settle()
	return d, c
}
