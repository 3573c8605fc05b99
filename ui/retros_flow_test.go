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

// TestTeatestRetros runs the root in a real tea.Program (teatest) at 100×30
// through the Retros tab with the keyboard alone: the list, the preview of a
// retro, and the editor after Chinese text is typed into the lessons.
func TestTeatestRetros(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		st := uitest.Store(t, 2000) // the editor case, last, writes to it
		for _, c := range []struct {
			name string
			keys []tea.KeyMsg
			wait string
		}{
			{"list", nil, ""},
			{"preview", []tea.KeyMsg{{Type: tea.KeyEnter}}, "C-618-2026)"},
			{"editor", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("e")}, {Type: tea.KeyTab}, {Type: tea.KeyTab},
				{Type: tea.KeyRunes, Runes: []rune("提前两周唤醒沉默会员")}}, "提前两周唤醒沉默会员"},
		} {
			t.Run(lang.String()+"/"+c.name, func(t *testing.T) {
				cm := uitest.Common(st, lang, 100, 30)
				tm := teatest.NewTestModel(t, New(cm, Options{}), teatest.WithInitialTermSize(100, 30))
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("2,000")) },
					teatest.WithDuration(10*time.Second))
				tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("6")})
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("R-M-202605")) },
					teatest.WithDuration(10*time.Second))
				for _, k := range c.keys {
					tm.Send(k)
				}
				if len(c.keys) > 0 {
					// For the editor, also wait until the save has landed: the
					// last mark drawn reads saved.
					saved := map[i18n.Lang]string{i18n.Zh: "已保存", i18n.En: " saved"}[lang]
					unsaved := map[i18n.Lang]string{i18n.Zh: "未保存", i18n.En: "unsaved"}[lang]
					teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
						if !bytes.Contains(b, []byte(c.wait)) {
							return false
						}
						return c.name != "editor" || bytes.LastIndex(b, []byte(saved)) > bytes.LastIndex(b, []byte(unsaved))
					}, teatest.WithDuration(10*time.Second))
				}
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
				if fm.Active() != PaneRetros {
					t.Fatalf("active pane %d", fm.Active())
				}
				view := fm.View()
				checkScreen(t, view, 100, 30)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}
