// Package form is the one form component of the cockpit: labelled rows of
// text inputs, choices cycled with ←/→ and multiple choices toggled with
// space, a message beside (or under) each field refused on save, a hint
// beside the focused field, and a question before esc throws away a changed
// form. The Targets and Campaigns forms are both built on it, so the keys,
// the layout and the refusal rules are the same everywhere.
//
// A Form only holds what is typed: the pane that owns it reads the values,
// checks them with the model's rules, calls SetErrors with a message per
// refused field (nothing typed is lost), and saves in a tea.Cmd.
package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/theme"
)

// Kind is what a field takes.
type Kind uint8

// Field kinds.
const (
	Text   Kind = iota // typed text
	Choice             // one of Options, cycled with ←/→ (or space)
	Multi              // any of Options: ←/→ moves between them, space toggles
)

// Field describes one row of a form.
type Field struct {
	Key         string // the owner's name for the field (errors and values are keyed by it)
	Label       string
	Kind        Kind
	Options     []string // Choice and Multi: the options as shown
	Placeholder string   // Text
	CharLimit   int      // Text; 0: 64
}

// Result is what a key did to the form.
type Result uint8

// Results of Update.
const (
	None    Result = iota // nothing the owner must act on
	Changed               // a value changed (Update's key names the field)
	Save                  // the operator asked to save (ctrl+s, or enter on the last field)
	Cancel                // the operator left the form (unchanged, or the discard confirmed)
)

// KeyMap is the form's keys with their help in the session's language.
type KeyMap struct {
	Next, Prev, Cycle, Toggle, Save, Submit, Cancel, Yes, No key.Binding
}

// NewKeyMap builds the keys; t translates the help texts.
func NewKeyMap(t func(string, ...any) string) KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return KeyMap{
		Next:   b([]string{"tab", "down"}, "tab/↓", "form.key.next"),
		Prev:   b([]string{"shift+tab", "up"}, "shift+tab/↑", "form.key.prev"),
		Cycle:  b([]string{"left", "right"}, "←/→", "form.key.cycle"),
		Toggle: b([]string{" "}, "space", "form.key.toggle"),
		Save:   b([]string{"ctrl+s"}, "ctrl+s", "form.key.save"),
		Submit: b([]string{"enter"}, "enter", "form.key.submit"),
		Cancel: b([]string{"esc"}, "esc", "form.key.cancel"),
		Yes:    b([]string{"y"}, "y", "form.key.yes"),
		No:     b([]string{"n", "esc"}, "n/esc", "form.key.no"),
	}
}

// Help lists the keys for the help view.
func (f *Form) Help() [][]key.Binding {
	k := f.keys
	if f.discard {
		return [][]key.Binding{{k.Yes, k.No}}
	}
	return [][]key.Binding{{k.Next, k.Prev, k.Cycle, k.Toggle, k.Save, k.Cancel}, {k.Submit}}
}

// row is one field's state.
type row struct {
	Field
	input  textinput.Model
	choice int    // Choice: the option chosen
	multi  []bool // Multi: the options chosen
	cursor int    // Multi: the option under the cursor
	hidden bool   // not shown, not focusable
	note   string // shown instead of the input; not focusable
}

// Form is an open form. It belongs to one pane of one session.
type Form struct {
	c       *common.Common
	keys    KeyMap
	title   string
	rows    []*row
	focus   int
	errs    map[string]string
	msg     string // about the whole form (a save that failed)
	saving  string // shown while a save runs ("" otherwise)
	discard bool   // esc on a changed form: asking y/n
	initial string // the values the form opened with (see Dirty)
	width   int
	labelW  int
	inputW  int
	// Hint explains the focused field (optional).
	Hint func(key string) string
	// Footer is the line of key hints at the bottom (optional), and
	// FooterAsking the one while the discard question is asked (default
	// Footer).
	Footer, FooterAsking string
	// Texts are the catalogue keys of the form's own messages; the zero
	// value uses the shared form.* ones.
	Texts Texts
	// LabelWidth fixes the labels' column (0: the longest label + 2) and
	// MaxInput caps the inputs' width (0: 40).
	LabelWidth, MaxInput int
}

// Texts are catalogue keys for a form's messages: the discard question,
// refused fields (with %d; a ".one" entry beside it serves one field).
type Texts struct{ Discard, Fix string }

func (f *Form) text(k, def string) string {
	if k == "" {
		k = def
	}
	return k
}

// New opens a form with the given fields, empty.
func New(c *common.Common, title string, fields []Field) *Form {
	f := &Form{c: c, keys: NewKeyMap(c.T), title: title, errs: map[string]string{}}
	for _, fd := range fields {
		r := &row{Field: fd}
		switch fd.Kind {
		case Text:
			in := textinput.New()
			in.Prompt = ""
			in.CharLimit = fd.CharLimit
			if in.CharLimit == 0 {
				in.CharLimit = 64
			}
			in.Placeholder = fd.Placeholder
			in.TextStyle = c.Renderer.NewStyle()
			in.PlaceholderStyle = c.Styles.Subtle
			in.Cursor.Style = c.Styles.Cursor
			in.Cursor.TextStyle = c.Renderer.NewStyle()
			in.Cursor.SetMode(cursor.CursorStatic) // no blink messages to route
			r.input = in
		case Multi:
			r.multi = make([]bool, len(fd.Options))
		}
		f.rows = append(f.rows, r)
		f.labelW = max(f.labelW, lipgloss.Width(fd.Label)+2)
	}
	f.SetWidth(c.Width)
	return f
}

// Ready marks the values as the ones the form opened with (Dirty compares
// against them) and focuses the first field. Call it after filling the form.
func (f *Form) Ready() tea.Cmd {
	for _, r := range f.rows {
		if r.Kind == Text {
			// The cursor at the end, the value shown from its start (clipped
			// with an ellipsis) until the field is edited.
			w := r.input.Width
			r.input.Width = 0
			r.input.CursorEnd()
			r.input.Width = w
		}
	}
	f.initial = f.snapshot()
	return f.focusRow(f.next(-1, 1))
}

func (f *Form) row(key string) *row {
	for _, r := range f.rows {
		if r.Key == key {
			return r
		}
	}
	return nil
}

// Value is a text field's value as typed.
func (f *Form) Value(key string) string {
	if r := f.row(key); r != nil && r.Kind == Text {
		return r.input.Value()
	}
	return ""
}

// SetValue sets a text field.
func (f *Form) SetValue(key, v string) {
	if r := f.row(key); r != nil && r.Kind == Text {
		r.input.SetValue(v)
	}
}

// Choice is the index of a choice field's option.
func (f *Form) Choice(key string) int {
	if r := f.row(key); r != nil {
		return r.choice
	}
	return 0
}

// SetChoice chooses option i of a choice field.
func (f *Form) SetChoice(key string, i int) {
	if r := f.row(key); r != nil && i >= 0 && i < len(r.Options) {
		r.choice = i
	}
}

// Selected lists the indexes of a multiple choice's options chosen.
func (f *Form) Selected(key string) []int {
	var out []int
	if r := f.row(key); r != nil {
		for i, on := range r.multi {
			if on {
				out = append(out, i)
			}
		}
	}
	return out
}

// SetSelected chooses exactly the options idx of a multiple choice.
func (f *Form) SetSelected(key string, idx []int) {
	if r := f.row(key); r != nil && r.Kind == Multi {
		for i := range r.multi {
			r.multi[i] = false
		}
		for _, i := range idx {
			if i >= 0 && i < len(r.multi) {
				r.multi[i] = true
			}
		}
	}
}

// SetHidden hides a field (or shows it again); a hidden field keeps its value.
func (f *Form) SetHidden(key string, hidden bool) {
	if r := f.row(key); r != nil {
		r.hidden = hidden
		if hidden && f.rows[f.focus] == r {
			f.focusRow(f.next(f.focus, 1))
		}
	}
}

// SetNote shows note instead of a field's input and takes it out of the
// focus order ("" gives the input back).
func (f *Form) SetNote(key, note string) {
	if r := f.row(key); r != nil {
		r.note = note
		if note != "" && f.rows[f.focus] == r {
			f.focusRow(f.next(f.focus, 1))
		}
	}
}

// Stops lists the keys of the fields the focus stops at, in order (not
// hidden, not a note).
func (f *Form) Stops() []string {
	var out []string
	for i, r := range f.rows {
		if f.focusable(i) {
			out = append(out, r.Key)
		}
	}
	return out
}

// SetTitle changes the title line (e.g. to carry a live figure).
func (f *Form) SetTitle(title string) { f.title = title }

// Focused is the key of the focused field.
func (f *Form) Focused() string { return f.rows[f.focus].Key }

// SetErrors shows a message beside each refused field and focuses the first
// one; nil clears them.
func (f *Form) SetErrors(errs map[string]string) tea.Cmd {
	f.errs = map[string]string{}
	for k, v := range errs {
		f.errs[k] = v
	}
	f.msg = ""
	for i, r := range f.rows {
		if _, bad := f.errs[r.Key]; bad && f.focusable(i) {
			return f.focusRow(i)
		}
	}
	return nil
}

// Errors is the number of fields refused.
func (f *Form) Errors() int { return len(f.errs) }

// Err is the message beside a refused field ("" when it is not refused).
func (f *Form) Err(key string) string { return f.errs[key] }

// ClearError takes a field's message away (its value changed elsewhere).
func (f *Form) ClearError(key string) { delete(f.errs, key) }

// Message is the message about the whole form.
func (f *Form) Message() string { return f.msg }

// SetMessage shows a message about the whole form (a failed save); the form
// stays as typed.
func (f *Form) SetMessage(msg string) { f.msg = msg }

// SetSaving shows text (with the caller's spinner) while a save runs; ""
// when it is over. Keys are ignored meanwhile.
func (f *Form) SetSaving(text string) { f.saving = text }

// Saving reports whether a save runs.
func (f *Form) Saving() bool { return f.saving != "" }

// TakingText reports whether the focused field takes typed text (several
// runes typed at once are text there, not several keys).
func (f *Form) TakingText() bool { return !f.discard && f.rows[f.focus].Kind == Text }

// Asking reports whether the form asks whether to discard its changes.
func (f *Form) Asking() bool { return f.discard }

// Dirty reports whether anything differs from what the form opened with.
func (f *Form) Dirty() bool { return f.snapshot() != f.initial }

func (f *Form) snapshot() string {
	var b strings.Builder
	for _, r := range f.rows {
		switch r.Kind {
		case Text:
			b.WriteString(r.input.Value())
		case Choice:
			b.WriteByte(byte('0' + r.choice%64))
		case Multi:
			for _, on := range r.multi {
				if on {
					b.WriteByte('1')
				} else {
					b.WriteByte('0')
				}
			}
		}
		b.WriteByte(0)
	}
	return b.String()
}

// SetWidth lays the form out for a pane width (call it again after
// setting LabelWidth or MaxInput).
func (f *Form) SetWidth(w int) {
	f.width = w
	if f.LabelWidth > 0 {
		f.labelW = f.LabelWidth
	}
	most := f.MaxInput
	if most <= 0 {
		most = 40
	}
	f.inputW = max(min(most, w-f.labelW-6), 8)
	for _, r := range f.rows {
		if r.Kind == Text {
			r.input.Width = f.inputW
		}
	}
}

func (f *Form) focusable(i int) bool { return !f.rows[i].hidden && f.rows[i].note == "" }

// next returns the next focusable row from i in direction d (wrapping).
func (f *Form) next(i, d int) int {
	n := len(f.rows)
	for k := 1; k <= n; k++ {
		j := ((i+d*k)%n + n) % n
		if f.focusable(j) {
			return j
		}
	}
	return max(i, 0)
}

func (f *Form) last() bool { return f.next(f.focus, 1) <= f.focus }

func (f *Form) focusRow(i int) tea.Cmd {
	f.focus = i
	var cmd tea.Cmd
	for j, r := range f.rows {
		if r.Kind != Text {
			continue
		}
		if j == i {
			cmd = r.input.Focus()
		} else {
			r.input.Blur()
		}
	}
	return cmd
}

// Update handles a key. It returns what the owner must do and, for
// Changed, the field that changed.
func (f *Form) Update(msg tea.KeyMsg) (Result, string, tea.Cmd) {
	k := f.keys
	if f.saving != "" {
		return None, "", nil
	}
	if f.discard {
		switch {
		case key.Matches(msg, k.Yes):
			f.discard = false
			return Cancel, "", nil
		case key.Matches(msg, k.No):
			f.discard = false
		}
		return None, "", nil
	}
	r := f.rows[f.focus]
	switch {
	case key.Matches(msg, k.Cancel):
		if f.Dirty() {
			f.discard = true
			return None, "", nil
		}
		return Cancel, "", nil
	case key.Matches(msg, k.Save):
		return Save, "", nil
	case key.Matches(msg, k.Next):
		return None, "", f.focusRow(f.next(f.focus, 1))
	case key.Matches(msg, k.Prev):
		return None, "", f.focusRow(f.next(f.focus, -1))
	case key.Matches(msg, k.Submit):
		if f.last() {
			return Save, "", nil
		}
		return None, "", f.focusRow(f.next(f.focus, 1))
	}
	switch r.Kind {
	case Choice:
		d := 0
		switch msg.String() {
		case "left":
			d = -1
		case "right", " ":
			d = 1
		}
		if d != 0 && len(r.Options) > 0 {
			r.choice = (r.choice + d + len(r.Options)) % len(r.Options)
			return f.changed(r.Key), r.Key, nil
		}
		return None, "", nil
	case Multi:
		switch msg.String() {
		case "left":
			r.cursor = (r.cursor - 1 + len(r.Options)) % max(len(r.Options), 1)
		case "right":
			r.cursor = (r.cursor + 1) % max(len(r.Options), 1)
		case " ", "x":
			if len(r.multi) > 0 {
				r.multi[r.cursor] = !r.multi[r.cursor]
				return f.changed(r.Key), r.Key, nil
			}
		}
		return None, "", nil
	}
	before := r.input.Value()
	var cmd tea.Cmd
	r.input, cmd = r.input.Update(msg)
	if r.input.Value() != before {
		return f.changed(r.Key), r.Key, cmd
	}
	return None, "", cmd
}

// changed clears the field's old message: it no longer applies.
func (f *Form) changed(key string) Result {
	delete(f.errs, key)
	f.msg = ""
	return Changed
}

// View draws the form in w×h: the title, one line per field (plus one
// under it when its message does not fit beside it), the form's message,
// and the footer on the last line. spin is the caller's spinner frame.
func (f *Form) View(h int, spin string) []string {
	st, w := f.c.Styles, f.width
	lines := make([]string, 0, h)
	lines = append(lines, st.Title.Render(theme.Clip(f.title, w)), "")
	inputCol := 2 + f.labelW
	focusLine := 0
	for i, r := range f.rows {
		if r.hidden {
			continue
		}
		focused := i == f.focus && r.note == ""
		if focused {
			focusLine = len(lines)
		}
		mark := "  "
		if focused {
			mark = st.Accent.Render(st.G.Selected) + " "
		}
		label := theme.Fit(r.Label, f.labelW)
		if focused {
			label = st.Accent.Render(label)
		}
		var input string
		switch {
		case r.note != "":
			input = "  " + st.Subtle.Render(theme.Clip(r.note, f.inputW))
		case r.Kind == Choice:
			input = f.selector(r.Options[r.choice], focused)
		case r.Kind == Multi:
			input = f.multiView(r, focused)
		default:
			input = r.input.View()
		}
		input = theme.Fit(input, f.inputW+1)
		line := mark + label + input
		note, bad := f.errs[r.Key]
		if !bad && focused && f.Hint != nil {
			note = f.Hint(r.Key)
		}
		if note == "" {
			lines = append(lines, line)
			continue
		}
		room := w - lipgloss.Width(line) - 2
		style := st.Subtle
		if bad {
			style = st.ErrorLabel
			note = "✗ " + note
		}
		if lipgloss.Width(note) <= room {
			lines = append(lines, line+"  "+style.Render(note))
			continue
		}
		lines = append(lines, line, strings.Repeat(" ", inputCol)+style.Render(theme.Clip(note, max(w-inputCol, 0))))
	}
	lines = append(lines, "")
	switch {
	case f.discard:
		lines = append(lines, st.Warn.Render(theme.Clip(f.c.T(f.text(f.Texts.Discard, "form.discard")), w)))
	case f.saving != "":
		lines = append(lines, st.Accent.Render(spin)+" "+st.Subtle.Render(theme.Clip(f.saving, max(w-2, 0))))
	case f.msg != "":
		lines = append(lines, st.ErrorLabel.Render(theme.Clip(f.msg, w)))
	case len(f.errs) > 0:
		// Catalog.N takes the key's ".one" entry for one field in English.
		n := len(f.errs)
		lines = append(lines, st.ErrorLabel.Render(theme.Clip(f.c.Cat.N(f.text(f.Texts.Fix, "form.fix"), int64(n), n), w)))
	}
	if h > 0 && len(lines) > h-1 {
		// Too many rows for the pane: keep the focused one in sight.
		keep := h - 1
		start := max(min(focusLine+2-keep, len(lines)-keep), 0)
		lines = lines[start : start+keep]
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	if h > 0 {
		footer := f.Footer
		if f.discard && f.FooterAsking != "" {
			footer = f.FooterAsking
		}
		lines = append(lines, st.Subtle.Render(theme.Clip(footer, w)))
	}
	return lines
}

// selector draws a choice cycled with ←/→.
func (f *Form) selector(s string, focused bool) string {
	if focused {
		return f.c.Styles.Accent.Render("< " + s + " >")
	}
	return "  " + s
}

// multiView draws a multiple choice: the chosen options (or "any"); when
// focused, the option under the cursor with its box first.
func (f *Form) multiView(r *row, focused bool) string {
	var chosen []string
	for i, on := range r.multi {
		if on {
			chosen = append(chosen, r.Options[i])
		}
	}
	sum := f.c.T("form.any")
	if len(chosen) > 0 {
		sum = strings.Join(chosen, f.c.T("form.sep"))
	}
	if !focused {
		return "  " + sum
	}
	box := "[ ]"
	if len(r.multi) > 0 && r.multi[r.cursor] {
		box = "[x]"
	}
	cur := ""
	if len(r.Options) > 0 {
		cur = r.Options[r.cursor]
	}
	head := f.c.Styles.Accent.Render("< " + box + " " + cur + " >")
	return head + " " + f.c.Styles.Subtle.Render(theme.Clip(sum, max(f.inputW-lipgloss.Width(head)-1, 0)))
}
