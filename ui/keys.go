package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the root's global keys with their help text. The active pane's
// own keys come from its FullHelp.
type KeyMap struct {
	Tabs      key.Binding // 1–6
	Next      key.Binding
	Prev      key.Binding
	Help      key.Binding
	Close     key.Binding // esc closes the help overlay
	Quit      key.Binding
	ForceQuit key.Binding
}

func newKeyMap(t func(string, ...any) string) KeyMap {
	return KeyMap{
		Tabs:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1–6", t("key.tabs"))),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", t("key.next"))),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", t("key.prev"))),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t("key.help"))),
		Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t("key.close"))),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", t("key.quit"))),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t("key.forcequit"))),
	}
}

// ShortHelp lists the global keys for a one-line hint.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Tabs, k.Help, k.Quit} }

// FullHelp lists every global key.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Tabs, k.Next, k.Prev}, {k.Help, k.Quit, k.ForceQuit}}
}
