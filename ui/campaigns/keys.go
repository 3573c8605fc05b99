package campaigns

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key of the pane's list, detail and week screens (the
// forms have the shared form's keys).
type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom   key.Binding
	Open, New, Edit, Status, Type, Sort, Week key.Binding
	Export, Unmask, AddTask, Done, Back       key.Binding
}

func newKeyMap(t func(string, ...any) string) keyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return keyMap{
		Up:       b([]string{"up", "k"}, "↑/k", "cp.key.up"),
		Down:     b([]string{"down", "j"}, "↓/j", "cp.key.down"),
		PageUp:   b([]string{"pgup"}, "pgup", "cp.key.pgup"),
		PageDown: b([]string{"pgdown"}, "pgdn", "cp.key.pgdown"),
		Top:      b([]string{"home"}, "home", "cp.key.top"),
		Bottom:   b([]string{"end"}, "end", "cp.key.bottom"),
		Open:     b([]string{"enter"}, "enter", "cp.key.open"),
		New:      b([]string{"n"}, "n", "cp.key.new"),
		Edit:     b([]string{"e"}, "e", "cp.key.edit"),
		Status:   b([]string{"s"}, "s", "cp.key.status"),
		Type:     b([]string{"t"}, "t", "cp.key.type"),
		Sort:     b([]string{"o"}, "o", "cp.key.sort"),
		Week:     b([]string{"w"}, "w", "cp.key.week"),
		Export:   b([]string{"x"}, "x", "cp.key.export"),
		Unmask:   b([]string{"X"}, "X", "cp.key.unmask"),
		AddTask:  b([]string{"a"}, "a", "cp.key.addtask"),
		Done:     b([]string{" "}, "space", "cp.key.done"),
		Back:     b([]string{"esc"}, "esc", "cp.key.back"),
	}
}

// forView returns the screen's keys, grouped for the help view.
func (k keyMap) forView(v view) [][]key.Binding {
	switch v {
	case viewDetail:
		return [][]key.Binding{
			{k.Up, k.Down, k.Done, k.AddTask, k.Export, k.Edit, k.Back},
			{k.Unmask, k.PageUp, k.PageDown},
		}
	case viewWeek:
		return [][]key.Binding{{k.Back}}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.Open, k.New, k.Status, k.Type, k.Sort, k.Week},
		{k.Edit, k.Export, k.PageUp, k.PageDown, k.Top, k.Bottom},
	}
}
