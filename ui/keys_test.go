package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/members"
	"github.com/memberops/cockpit/ui/uitest"
)

// runes is one key message carrying several runes, the way Bubble Tea
// delivers keys read together (typed fast, over SSH, pasted).
func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// quiesce feeds each driver's messages to its model until the views of a
// and b are equal and stay so with no message waiting, or fails after a
// while with both views.
func quiesce(t *testing.T, what string, a, b *driver) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	calm := 0
	for time.Now().Before(deadline) {
		moved := false
		for _, d := range []*driver{a, b} {
			select {
			case msg := <-d.msgs:
				d.handle(msg)
				moved = true
			default:
			}
		}
		if moved || a.m.Loading() || b.m.Loading() || a.m.View() != b.m.View() {
			calm = 0
			if !moved {
				time.Sleep(5 * time.Millisecond)
			}
			continue
		}
		if calm++; calm >= 20 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s: the views differ.\none message:\n%s\nseparate keys:\n%s", what, a.m.View(), b.m.View())
}

// TestMultiRuneKeysActAsSeparateKeys sends every pane key messages that
// carry several runes ("jj", "24", "jk" …) through the root, and a second
// session the same runes one message each: both must end on the same
// screen, and where the keys do something the screen must have changed.
func TestMultiRuneKeysActAsSeparateKeys(t *testing.T) {
	st := uitest.Store(t, 2000)
	type step struct {
		keys string
		acts bool // the keys change the screen on this pane
	}
	cases := []struct {
		name  string
		pane  string // the key that opens the pane
		steps []step
	}{
		{"overview", "1", []step{{"jj", true}, {"kk", true}, {"jk", false}, {"ll", true}, {"hh", true}, {"24", true}}},
		{"lifecycle", "2", []step{{"jj", true}, {"jk", false}, {"jjl", true}, {"kkh", true}, {"24", true}}},
		{"members", "3", []step{{"jj", true}, {"jjj", true}, {"jk", false}, {"kkkkk", true}, {"ss", true}, {"24", true}}},
		{"targets", "4", []step{{"jj", true}, {"jk", false}, {"kk", true}, {"24", false}, {"13", true}}},
		{"campaigns", "5", []step{{"jj", true}, {"jk", false}, {"24", true}}},
		{"retros", "6", []step{{"jj", false}, {"24", true}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, _ := session(t, st, i18n.En, 100, 30, Options{})
			b, _ := session(t, st, i18n.En, 100, 30, Options{})
			for _, step := range c.steps {
				for _, d := range []*driver{a, b} {
					if d.m.Active() != int(c.pane[0]-'1') {
						d.send(runes(c.pane))
					}
				}
				quiesce(t, "open "+c.name, a, b)
				before := a.m.View()
				a.send(runes(step.keys))
				for _, r := range step.keys {
					b.send(runes(string(r)))
				}
				quiesce(t, c.name+" "+step.keys, a, b)
				if a.m.Active() != b.m.Active() {
					t.Fatalf("%q: active pane %d, separately %d", step.keys, a.m.Active(), b.m.Active())
				}
				if changed := a.m.View() != before; changed != step.acts {
					t.Errorf("%s %q: screen changed %v, want %v", c.name, step.keys, changed, step.acts)
				}
			}
		})
	}
}

// TestMultiRuneKeysStayWholeInTextFields checks that a text field receives
// several runes as they came: the Members search (also when "/" and the
// text arrive in one message) and the target form's name.
func TestMultiRuneKeysStayWholeInTextFields(t *testing.T) {
	st := uitest.Store(t, 2000)
	d, _ := session(t, st, i18n.En, 100, 30, Options{})
	d.send(runes("3"))
	d.send(runes("/"))
	d.send(runes("jj"))
	mp := d.m.Pane(PaneMembers).(*members.Model)
	if q := mp.Query(); q.Text != "jj" {
		t.Fatalf("search after /, jj: %q", q.Text)
	}
	// The session renderer has the Ascii profile (as under NO_COLOR): the
	// cursor is still drawn, after the text.
	d.until("the search field", func() bool { return strings.Contains(d.m.View(), "jj") }, 15*time.Second)
	if v := d.m.View(); !strings.Contains(v, "jj_") {
		t.Errorf("no visible cursor in the search field:\n%s", v)
	}
	d.send(keyMsg("esc"))
	d.send(runes("/q24"))
	if q := mp.Query(); q.Text != "q24" || d.m.Active() != PaneMembers {
		t.Fatalf("search after /q24: %q, active %d", q.Text, d.m.Active())
	}
	d.send(keyMsg("esc"))

	d.send(runes("4"))
	d.until("the targets", func() bool { return strings.Contains(d.m.View(), "T-PLAN-GMV") }, 15*time.Second)
	d.send(runes("n"))
	d.send(keyMsg("tab")) // metric → name
	d.send(runes("jj24"))
	if v := d.m.View(); !strings.Contains(v, "jj24") || d.m.Active() != PaneTargets {
		t.Fatalf("the form's name did not get jj24 whole (active %d):\n%s", d.m.Active(), v)
	}
}
