package retros

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key of the pane with its help text in the session's
// language; forView lists the current screen's.
type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom       key.Binding
	New, Open, Edit, Final, Refresh, Export, Back key.Binding
	Choose                                        key.Binding
	NextSec, PrevSec, Save, Leave                 key.Binding
	Left, Right                                   key.Binding
}

func newKeyMap(t func(string, ...any) string) keyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return keyMap{
		Up:       b([]string{"up", "k"}, "↑/k", "rt.key.up"),
		Down:     b([]string{"down", "j"}, "↓/j", "rt.key.down"),
		PageUp:   b([]string{"pgup"}, "pgup", "rt.key.up"),
		PageDown: b([]string{"pgdown", " "}, "pgdn", "rt.key.down"),
		Top:      b([]string{"home", "g"}, "home", "rt.key.up"),
		Bottom:   b([]string{"end", "G"}, "end", "rt.key.down"),

		New:     b([]string{"n"}, "n", "rt.key.new"),
		Open:    b([]string{"enter"}, "enter", "rt.key.open"),
		Edit:    b([]string{"e"}, "e", "rt.key.edit"),
		Final:   b([]string{"f"}, "f", "rt.key.final"),
		Refresh: b([]string{"r"}, "r", "rt.key.refresh"),
		Export:  b([]string{"x"}, "x", "rt.key.export"),
		Back:    b([]string{"esc"}, "esc", "rt.key.back"),
		Choose:  b([]string{"enter"}, "enter", "rt.key.choose"),

		NextSec: b([]string{"tab"}, "tab", "rt.key.next"),
		PrevSec: b([]string{"shift+tab"}, "shift+tab", "rt.key.prev"),
		Save:    b([]string{"ctrl+s"}, "ctrl+s", "rt.key.save"),
		Leave:   b([]string{"esc"}, "esc", "rt.key.open"),

		Left:  b([]string{"left", "h"}, "←/→", "rt.key.scroll"),
		Right: b([]string{"right", "l"}, "→", "rt.key.scroll"),
	}
}

// forView returns the current screen's keys, grouped for the help view.
func (k keyMap) forView(v view) [][]key.Binding {
	switch v {
	case viewNew, viewTemplate:
		return [][]key.Binding{{k.Up, k.Down, k.Choose, k.Back}}
	case viewEditor:
		return [][]key.Binding{{k.NextSec, k.PrevSec, k.Save, k.Leave}}
	case viewPreview:
		return [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Left, k.Back},
			{k.Edit, k.Final, k.Refresh, k.Export},
		}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.New, k.Open, k.Edit},
		{k.Final, k.Refresh, k.Export, k.PageUp, k.PageDown},
	}
}
