package overview

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the Overview's keys with their help text.
type KeyMap struct {
	Left, Right, Up, Down    key.Binding
	Range                    key.Binding
	PrevDay, NextDay, Latest key.Binding
	Window                   key.Binding
	Follow, Pacing           key.Binding
	Open, Back               key.Binding // in the pacing list
}

// newKeyMap builds the key map with help texts in the session's language.
func newKeyMap(t func(string, ...any) string) KeyMap {
	return KeyMap{
		Left:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", t("ov.key.left"))),
		Right:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", t("ov.key.right"))),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", t("ov.key.up"))),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t("ov.key.down"))),
		Range:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t("ov.key.range"))),
		PrevDay: key.NewBinding(key.WithKeys("["), key.WithHelp("[", t("ov.key.prevday"))),
		NextDay: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", t("ov.key.nextday"))),
		Latest:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", t("ov.key.latest"))),
		Window:  key.NewBinding(key.WithKeys("w"), key.WithHelp("w", t("ov.key.window"))),
		Follow:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", t("ops.key.follow"))),
		Pacing:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", t("ops.key.pacing"))),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t("ops.key.open"))),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t("ops.key.back"))),
	}
}

// ShortHelp lists the most used keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Left, k.Right, k.Range, k.Window, k.Follow, k.Pacing}
}

// FullHelp lists every key of the pane, grouped.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Left, k.Right, k.Up, k.Down},
		{k.Range, k.Window, k.Follow},
		{k.Pacing, k.Open, k.Back},
		{k.PrevDay, k.NextDay, k.Latest},
	}
}
