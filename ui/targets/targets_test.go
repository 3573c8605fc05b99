package targets

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
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

// members is the fixture's size: every sample target has figures, and the
// tests stay fast.
const members = 2000

var langs = []i18n.Lang{i18n.Zh, i18n.En}

// harness drives one pane the way the root does: it sends a message to
// Update and runs the commands Update returns until none is left, feeding
// their messages back (spinner ticks are dropped: they only animate).
type harness struct {
	t  testing.TB
	c  *common.Common
	p  *Pane
	st *store.Store
}

// newHarness opens the pane over st at w×h, runs Init and delivers a
// dataset for the data's last day, as the root does after its first load.
func newHarness(t testing.TB, st *store.Store, lang i18n.Lang, w, h int) *harness {
	t.Helper()
	c := uitest.Common(st, lang, w, h)
	hs := &harness{t: t, c: c, p: New(c).(*Pane), st: st}
	hs.p.SetSize(w, h)
	hs.run(hs.p.Init())
	hs.data()
	return hs
}

// data delivers a fresh dataset (the root sends one after every change).
func (h *harness) data() {
	h.t.Helper()
	info, err := h.st.Info()
	if err != nil {
		h.t.Fatal(err)
	}
	asOf := info.LastDay
	if info.Events == 0 {
		asOf = model.DayOf(uitest.Now, uitest.Zone)
	}
	h.send(common.DataMsg{Data: &common.Dataset{Seq: 1, Info: info, AsOf: asOf,
		Window: model.Window{From: asOf - 29, To: asOf}, Latest: true}})
}

// send delivers msg and settles the commands it starts.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.p.Update(msg)
	h.run(cmd)
}

// keys sends each key in turn: names such as "enter", "tab", "ctrl+s",
// "esc", "up", or text typed as runes.
func (h *harness) keys(ks ...string) {
	h.t.Helper()
	for _, k := range ks {
		h.send(keyMsg(k))
	}
}

// typeText types s as one runes message, as a terminal delivers what an
// input method commits (Chinese included).
func (h *harness) typeText(s string) {
	h.t.Helper()
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
}

// replace clears the focused input and types s.
func (h *harness) replace(s string) {
	h.t.Helper()
	h.keys("end", "ctrl+u")
	if s != "" {
		h.typeText(s)
	}
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	deadline := time.Now().Add(30 * time.Second)
	for len(queue) > 0 {
		if time.Now().After(deadline) {
			h.t.Fatal("commands did not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case spinner.TickMsg:
		default:
			_, next := h.p.Update(msg)
			queue = append(queue, next)
		}
	}
}

func (h *harness) view() string { return h.p.View() }

// selectTarget moves the list's cursor to the target with id.
func (h *harness) selectTarget(id string) {
	h.t.Helper()
	h.keys("home")
	for i := 0; i < len(h.p.list.targets); i++ {
		if h.p.list.selectedID() == id {
			return
		}
		h.keys("j")
	}
	h.t.Fatalf("target %s is not in the list", id)
}

// open opens the tree of the target with id.
func (h *harness) open(id string) {
	h.t.Helper()
	h.selectTarget(id)
	h.keys("enter")
	if h.p.tree == nil || h.p.tree.data == nil {
		h.t.Fatalf("tree of %s did not load: %+v", id, h.p.tree)
	}
}

func keyMsg(k string) tea.KeyMsg {
	types := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "esc": tea.KeyEsc,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"ctrl+s": tea.KeyCtrlS, "backspace": tea.KeyBackspace, "ctrl+u": tea.KeyCtrlU,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
	}
	if t, ok := types[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	if k == "space" {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// checkFits fails when the view has a line wider than w or more than h lines.
func checkFits(t testing.TB, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%s: %d lines, more than %d", name, len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s: line %d is %d wide (> %d): %q", name, i, lw, w, l)
		}
	}
}

// Sample target IDs (sample.Targets with End 2026-06-30).
const (
	idYearGMV  = "T-2026-GMV"   // gmv, history, 2026
	idYearNew  = "T-2026-NEW"   // new_members, history, 2026
	idPlanGMV  = "T-PLAN-GMV"   // gmv, custom month weights, 2025-07 … 2026-06
	idOrders   = "T-202606-ORD" // orders, even, June 2026
	idRepeatQ2 = "T-2026Q2-REP" // repurchase_rate (level), Q2 2026
	idActive   = "T-202606-ACT" // active_rate (level), June 2026
	asOfDay    = "2026-06-30"   // the fixture's last day
)

func TestFixtureDays(t *testing.T) {
	if uitest.End.String() != asOfDay {
		t.Fatalf("fixture end %s, tests assume %s", uitest.End, asOfDay)
	}
}
