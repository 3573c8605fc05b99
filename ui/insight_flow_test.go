package ui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

// TestTeatestFlowToList runs the root in a real tea.Program (teatest) at
// 100×30 in Chinese: from the Lifecycle pane's flow matrix, the cell
// maturity → silent opens its members in the Members pane with the filter
// shown; back on Lifecycle, i opens the insight view on the expiring
// points, and its lists open the tier-risk list. The final screen is a
// golden file.
func TestTeatestFlowToList(t *testing.T) {
	st := uitest.Store(t, 2000)
	c := uitest.Common(st, i18n.Zh, 100, 30)
	tm := teatest.NewTestModel(t, New(c, Options{}), teatest.WithInitialTermSize(100, 30))
	wait := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(10*time.Second))
	}
	keys := func(ks ...string) {
		for _, k := range ks {
			switch k {
			case "enter":
				tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			case "esc":
				tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
			default:
				tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
			}
		}
	}
	wait("积分兑换率")
	keys("2")
	wait("降级风险")
	keys("h", "j", "j", "l", "l", "l")
	wait("成熟期 → 沉默期")
	keys("enter")
	wait("流转=成熟期→沉默期")
	keys("2", "i", "l", "l")
	wait("30 天内到期")
	keys("l", "enter")
	wait("名单=降级风险")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.Active() != PaneMembers {
		t.Fatalf("active pane %d", fm.Active())
	}
	golden.RequireEqual(t, []byte(fm.View()))
}
