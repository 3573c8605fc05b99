package placeholder_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/ui"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/placeholder"
	"github.com/memberops/cockpit/ui/uitest"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	runewidth.DefaultCondition.EastAsianWidth = false
	os.Exit(m.Run())
}

func TestSummariesAndFit(t *testing.T) {
	st := uitest.Store(t, 500)
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		c := uitest.Common(st, lang, 100, 28)
		d, err := ui.LoadDataset(c, 0, 30)
		if err != nil {
			t.Fatal(err)
		}
		want := map[placeholder.Kind]string{
			placeholder.Targets:   fmt.Sprint(len(d.Targets)),
			placeholder.Campaigns: fmt.Sprint(len(d.Campaigns)),
			placeholder.Retros:    fmt.Sprint(len(d.Retros)),
		}
		for k, w := range want {
			p := placeholder.New(c, k)
			p.SetSize(100, 28)
			if !strings.Contains(p.View(), c.T("ph.loading")) {
				t.Errorf("%s %s: no loading text before data", lang, p.Title())
			}
			p.Update(common.DataMsg{Data: d})
			view := p.View()
			if !strings.Contains(view, w) || !strings.Contains(view, c.T("ph.soon", p.Title())) {
				t.Errorf("%s %s: lacks %q:\n%s", lang, p.Title(), w, view)
			}
			for _, sz := range [][2]int{{100, 28}, {80, 22}, {60, 18}, {30, 8}, {12, 4}} {
				p.SetSize(sz[0], sz[1])
				lines := strings.Split(p.View(), "\n")
				if len(lines) > sz[1] {
					t.Errorf("%s %s %v: %d lines", lang, p.Title(), sz, len(lines))
				}
				for _, l := range lines {
					if lipgloss.Width(l) > sz[0] {
						t.Errorf("%s %s %v: line %q is %d wide", lang, p.Title(), sz, l, lipgloss.Width(l))
					}
				}
			}
			if p.Capturing() || p.FullHelp() != nil {
				t.Error("a placeholder captures keys or lists keys")
			}
		}
	}
}
