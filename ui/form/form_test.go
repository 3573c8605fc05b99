package form

import (
	"io"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
)

func testForm(t *testing.T) *Form {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := &common.Common{Cat: i18n.New(i18n.En), Renderer: r, Styles: theme.New(r, false), Width: 80, Height: 20}
	f := New(c, "Title", []Field{
		{Key: "kind", Label: "Kind", Kind: Choice, Options: []string{"a", "b", "c"}},
		{Key: "name", Label: "Name"},
		{Key: "tags", Label: "Tags", Kind: Multi, Options: []string{"x", "y", "z"}},
		{Key: "extra", Label: "Extra"},
	})
	f.Ready()
	return f
}

func press(k string) tea.KeyMsg {
	switch k {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func TestKeysChoicesAndText(t *testing.T) {
	f := testForm(t)
	if f.Focused() != "kind" || f.TakingText() {
		t.Fatalf("focus %s", f.Focused())
	}
	if res, k, _ := f.Update(press("right")); res != Changed || k != "kind" || f.Choice("kind") != 1 {
		t.Errorf("right: %v %s %d", res, k, f.Choice("kind"))
	}
	f.Update(press("left"))
	f.Update(press("left"))
	if f.Choice("kind") != 2 {
		t.Errorf("left wraps: %d", f.Choice("kind"))
	}
	f.Update(press("tab"))
	if !f.TakingText() {
		t.Error("a text field takes text")
	}
	if res, k, _ := f.Update(press("会员")); res != Changed || k != "name" || f.Value("name") != "会员" {
		t.Errorf("typing: %v %s %q", res, k, f.Value("name"))
	}
	f.Update(press("tab"))
	f.Update(press("right"))
	f.Update(press("space"))
	f.Update(press("right"))
	f.Update(press("right"))
	f.Update(press("space"))
	if got := f.Selected("tags"); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Errorf("multi: %v", got)
	}
	if !strings.Contains(strings.Join(f.View(20, ""), "\n"), "< [x] x >") {
		t.Errorf("multi view:\n%s", strings.Join(f.View(20, ""), "\n"))
	}
	// enter moves on, and saves on the last field.
	f.Update(press("enter"))
	if f.Focused() != "extra" {
		t.Fatalf("enter: focus %s", f.Focused())
	}
	if res, _, _ := f.Update(press("enter")); res != Save {
		t.Error("enter on the last field saves")
	}
	if res, _, _ := f.Update(press("ctrl+s")); res != Save {
		t.Error("ctrl+s saves")
	}
}

func TestHiddenNotesErrorsAndDiscard(t *testing.T) {
	f := testForm(t)
	f.SetHidden("name", true)
	f.SetNote("tags", "not for this kind")
	if got := f.Stops(); !reflect.DeepEqual(got, []string{"kind", "extra"}) {
		t.Errorf("stops %v", got)
	}
	view := strings.Join(f.View(20, ""), "\n")
	if strings.Contains(view, "Name") || !strings.Contains(view, "not for this kind") {
		t.Errorf("hidden/note:\n%s", view)
	}
	f.SetHidden("name", false)
	f.SetNote("tags", "")
	f.SetErrors(map[string]string{"extra": "bad", "name": "required"})
	if f.Focused() != "name" || f.Errors() != 2 || f.Err("extra") != "bad" {
		t.Errorf("errors focus the first refused field: %s", f.Focused())
	}
	view = strings.Join(f.View(20, ""), "\n")
	if !strings.Contains(view, "✗ required") || !strings.Contains(view, "2 fields need fixing") {
		t.Errorf("errors view:\n%s", view)
	}
	f.Update(press("a")) // typing clears the field's message
	if f.Err("name") != "" || f.Errors() != 1 {
		t.Error("a changed field keeps its message")
	}
	// esc on a changed form asks; n keeps editing; y leaves.
	if res, _, _ := f.Update(press("esc")); res != None || !f.Asking() {
		t.Fatal("esc must ask")
	}
	if res, _, _ := f.Update(press("n")); res != None || f.Asking() || f.Value("name") != "a" {
		t.Fatal("n goes back")
	}
	f.Update(press("esc"))
	if res, _, _ := f.Update(press("y")); res != Cancel {
		t.Fatal("y discards")
	}
	g := testForm(t)
	if res, _, _ := g.Update(press("esc")); res != Cancel {
		t.Error("an unchanged form closes on esc")
	}
	g.SetSaving("saving")
	if res, _, _ := g.Update(press("x")); res != None || !g.Saving() {
		t.Error("keys are ignored while saving")
	}
}
