package targets

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key of the pane with its help text in the session's
// language. The same physical key may do different things on different
// screens (enter opens on the list, toggles in the tree, moves on in the
// form); forView lists only the current screen's.
type keyMap struct {
	// moving (list, tree, plan)
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	// list
	Open, New, Edit, Delete, Plan, Yes, No key.Binding
	// tree
	Toggle, Expand, Collapse, Today, Chart, Back key.Binding
	// form
	Next, Prev, Cycle, Save, Submit, Cancel key.Binding
	// plan
	Rename, Redate, Generate, PrevPlan, NextPlan key.Binding
	// plan milestones
	MsPrev, MsNext, MsToggle, MsAdd, MsMove, MsDelete key.Binding
}

// newKeyMap builds the keys; for a session that may not write (a viewer),
// the keys that would write say so in their help text: they stay listed,
// and pressing one is refused with a message (Pane.refuse).
func newKeyMap(t func(string, ...any) string, canWrite bool) keyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	k := keyMap{
		Up:       b([]string{"up", "k"}, "↑/k", "tg.key.up"),
		Down:     b([]string{"down", "j"}, "↓/j", "tg.key.down"),
		PageUp:   b([]string{"pgup"}, "pgup", "tg.key.pgup"),
		PageDown: b([]string{"pgdown"}, "pgdn", "tg.key.pgdown"),
		Top:      b([]string{"home"}, "home", "tg.key.top"),
		Bottom:   b([]string{"end"}, "end", "tg.key.bottom"),

		Open:   b([]string{"enter"}, "enter", "tg.key.open"),
		New:    b([]string{"n"}, "n", "tg.key.new"),
		Edit:   b([]string{"e"}, "e", "tg.key.edit"),
		Delete: b([]string{"d"}, "d", "tg.key.delete"),
		Plan:   b([]string{"p"}, "p", "tg.key.plan"),
		Yes:    b([]string{"y"}, "y", "tg.key.yes"),
		No:     b([]string{"n", "esc"}, "n/esc", "tg.key.no"),

		Toggle:   b([]string{"enter", " "}, "space/enter", "tg.key.toggle"),
		Expand:   b([]string{"right", "l"}, "→/l", "tg.key.expand"),
		Collapse: b([]string{"left", "h"}, "←/h", "tg.key.collapse"),
		Today:    b([]string{"t"}, "t", "tg.key.today"),
		Chart:    b([]string{"c"}, "c", "tg.key.chart"),
		Back:     b([]string{"esc"}, "esc", "tg.key.back"),

		Next:   b([]string{"tab", "down"}, "tab/↓", "tg.key.next"),
		Prev:   b([]string{"shift+tab", "up"}, "shift+tab/↑", "tg.key.prev"),
		Cycle:  b([]string{"left", "right"}, "←/→", "tg.key.cycle"),
		Save:   b([]string{"ctrl+s"}, "ctrl+s", "tg.key.save"),
		Submit: b([]string{"enter"}, "enter", "tg.key.submit"),
		Cancel: b([]string{"esc"}, "esc", "tg.key.cancel"),

		Rename:   b([]string{"r"}, "r", "tg.key.rename"),
		Redate:   b([]string{"e"}, "e", "tg.key.redate"),
		Generate: b([]string{"g"}, "g", "tg.key.generate"),
		PrevPlan: b([]string{"["}, "[", "tg.key.prevplan"),
		NextPlan: b([]string{"]"}, "]", "tg.key.nextplan"),

		MsPrev:   b([]string{"left", "h"}, "←/h", "ops.key.msprev"),
		MsNext:   b([]string{"right", "l"}, "→/l", "ops.key.msnext"),
		MsToggle: b([]string{" ", "x"}, "space/x", "ops.key.mstoggle"),
		MsAdd:    b([]string{"a"}, "a", "ops.key.msadd"),
		MsMove:   b([]string{"m"}, "m", "ops.key.msmove"),
		MsDelete: b([]string{"d"}, "d", "ops.key.msdelete"),
	}
	if !canWrite {
		for _, w := range []*key.Binding{&k.New, &k.Edit, &k.Delete, &k.Rename, &k.Redate, &k.Generate} {
			h := w.Help()
			w.SetHelp(h.Key, t("tg.key.viewonly", h.Desc))
		}
	}
	return k
}

// forView returns the current screen's keys, grouped for the help view.
func (k keyMap) forView(p *Pane) [][]key.Binding {
	switch p.view {
	case viewTree:
		return [][]key.Binding{
			{k.Up, k.Down, k.Toggle, k.Today, k.Chart, k.Back},
			{k.Expand, k.Collapse, k.PageUp, k.PageDown, k.Top, k.Bottom},
		}
	case viewForm:
		if p.form != nil && p.form.discard {
			return [][]key.Binding{{k.Yes, k.No}}
		}
		return [][]key.Binding{
			{k.Next, k.Prev, k.Cycle, k.Save, k.Cancel},
			{k.Submit},
		}
	case viewPlan:
		if p.plan.edit != nil {
			return [][]key.Binding{{k.Next, k.Submit, k.Cancel}}
		}
		if p.plan.confirm {
			return [][]key.Binding{{k.Yes, k.No}}
		}
		return [][]key.Binding{
			{k.Up, k.Down, k.Rename, k.Redate, k.Back},
			{k.MsPrev, k.MsNext, k.MsToggle, k.MsAdd, k.MsMove, k.MsDelete},
			{k.Generate, k.PrevPlan, k.NextPlan},
		}
	}
	if p.list.confirm != "" {
		return [][]key.Binding{{k.Yes, k.No}}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.Open, k.New, k.Edit, k.Delete, k.Plan},
		{k.PageUp, k.PageDown, k.Top, k.Bottom},
	}
}
