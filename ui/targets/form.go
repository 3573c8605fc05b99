package targets

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/theme"
)

// The form that creates and edits a target. Every field is checked on save;
// a wrong field gets its message beside it (or under it when the line is
// too narrow) and nothing typed is cleared. The save runs in a command
// through Store.PutTarget, which checks the session's role.

// field is a row of the form.
type field int

const (
	fMetric field = iota
	fName
	fOwner
	fFrom
	fTo
	fValue
	fMethod
	fWeights
	fieldCount
)

// fieldKeys are the fields' names as model.TargetError.Field spells them.
var fieldKeys = [fieldCount]string{"metric", "name", "owner", "from", "to", "value", "method", "weights"}

// methods are the split methods in the order the form cycles them.
var methods = [...]model.Method{model.MethodEven, model.MethodHistory, model.MethodCustom}

// formState is an open form.
type formState struct {
	orig    *model.Target // the target being edited; nil for a new one
	metrics []model.MetricInfo
	metric  int // index into metrics
	method  int // index into methods
	inputs  [fieldCount]textinput.Model
	focus   field
	errs    map[field]string
	msg     string // a message about the whole form (the save failed)
	saving  bool
	seq     uint64
	inputW  int
	months  int        // months of the period typed (0 when the dates do not parse)
	initial formValues // what the form held when it opened
	discard bool       // esc on a changed form: asking whether to throw it away
}

// formValues is what an operator can change in a form, to tell whether esc
// would throw anything away.
type formValues struct {
	metric, method int
	inputs         [fieldCount]string
}

func (f *formState) values() formValues {
	v := formValues{metric: f.metric, method: f.method}
	for i := range f.inputs {
		v.inputs[i] = f.inputs[i].Value()
	}
	return v
}

// changed reports whether anything differs from what the form opened with.
func (f *formState) changed() bool { return f.values() != f.initial }

// level reports whether the chosen metric is a level metric (a rate, a
// total of members …): such a target is not split over days, so the form
// offers no split method for it.
func (f *formState) level() bool { return !f.metrics[f.metric].Additive }

// targetSaved reports the outcome of a save.
type targetSaved struct {
	seq uint64
	id  string
	err error
}

// openForm opens the form, empty (t nil) or filled from t.
func (p *Pane) openForm(t *model.Target) tea.Cmd {
	f := &formState{metrics: model.TargetMetrics(), errs: map[field]string{}}
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.CharLimit = 64
		in.TextStyle = p.c.Renderer.NewStyle()
		in.PlaceholderStyle = p.c.Styles.Subtle
		in.Cursor.Style = p.c.Styles.Cursor
		in.Cursor.TextStyle = p.c.Renderer.NewStyle()
		in.Cursor.SetMode(cursor.CursorStatic) // no blink messages to route
		f.inputs[i] = in
	}
	f.inputs[fFrom].Placeholder = "YYYY-MM-DD"
	f.inputs[fTo].Placeholder = "YYYY-MM-DD"
	f.inputs[fWeights].CharLimit = 200
	if t != nil {
		orig := *t
		f.orig = &orig
		for i, m := range f.metrics {
			if m.Key == t.Metric {
				f.metric = i
			}
		}
		for i, m := range methods {
			if m == t.Method {
				f.method = i
			}
		}
		f.inputs[fName].SetValue(t.Name)
		f.inputs[fOwner].SetValue(t.Owner)
		f.inputs[fFrom].SetValue(t.From.String())
		f.inputs[fTo].SetValue(t.To.String())
		f.inputs[fValue].SetValue(valueInput(t.Metric, t.Value))
		ws := make([]string, len(t.Weights))
		for i, w := range t.Weights {
			ws[i] = strconv.FormatInt(w, 10)
		}
		f.inputs[fWeights].SetValue(strings.Join(ws, ","))
	} else {
		// A new target starts on the metric most targets are set on and
		// the calendar year of the as-of day.
		for i, m := range f.metrics {
			if m.Key == "gmv" {
				f.metric = i
			}
		}
		if p.asOf != 0 {
			y, _, _ := p.asOf.Date()
			f.inputs[fFrom].SetValue(model.CivilDay(y, 1, 1).String())
			f.inputs[fTo].SetValue(model.CivilDay(y, 12, 31).String())
		}
	}
	for i := range f.inputs {
		f.inputs[i].CursorEnd()
	}
	p.form = f
	p.view = viewForm
	f.layout(p.width)
	f.refresh()
	f.initial = f.values()
	return f.setFocus(fMetric)
}

// valueInput writes a stored value the way the form reads it back.
func valueInput(metric string, v int64) string {
	info, _ := model.Metric(metric)
	switch {
	case info.Money:
		return trimCents(model.FormatFen(v))
	case info.Rate:
		s := fmt.Sprintf("%d.%02d", v/100, v%100)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		return s + "%"
	}
	return strconv.FormatInt(v, 10)
}

// layout sizes the inputs for the pane's width.
func (f *formState) layout(w int) {
	f.inputW = max(min(34, w-formLabelW-6), 8)
	for i := range f.inputs {
		f.inputs[i].Width = f.inputW
	}
}

// formLabelW is the width of the labels' column (the longest label, in
// either language, is 8 columns).
const formLabelW = 10

// fields lists the fields in focus order: no split method for a level
// metric, weights only for custom.
func (f *formState) fields() []field {
	fs := []field{fMetric, fName, fOwner, fFrom, fTo, fValue}
	if f.level() {
		return fs
	}
	fs = append(fs, fMethod)
	if methods[f.method] == model.MethodCustom {
		fs = append(fs, fWeights)
	}
	return fs
}

func (f *formState) setFocus(to field) tea.Cmd {
	f.focus = to
	var cmd tea.Cmd
	for i := range f.inputs {
		if field(i) == to {
			cmd = f.inputs[i].Focus()
		} else {
			f.inputs[i].Blur()
		}
	}
	return cmd
}

// move moves the focus by delta fields, wrapping.
func (f *formState) move(delta int) tea.Cmd {
	fs := f.fields()
	i := 0
	for k, x := range fs {
		if x == f.focus {
			i = k
		}
	}
	i = ((i+delta)%len(fs) + len(fs)) % len(fs)
	return f.setFocus(fs[i])
}

func (f *formState) last() bool {
	fs := f.fields()
	return f.focus == fs[len(fs)-1]
}

// refresh recomputes what the form shows from the typed dates.
func (f *formState) refresh() {
	f.months = 0
	from, err1 := model.ParseDay(strings.TrimSpace(f.inputs[fFrom].Value()))
	to, err2 := model.ParseDay(strings.TrimSpace(f.inputs[fTo].Value()))
	if err1 == nil && err2 == nil && to >= from && to-from <= 3660 {
		f.months = len(model.Months(model.Window{From: from, To: to}))
	}
}

func (p *Pane) formKey(msg tea.KeyMsg) tea.Cmd {
	f, k := p.form, p.keys
	if f == nil {
		p.view = viewList
		return nil
	}
	if f.saving {
		return nil
	}
	if f.discard {
		// Asked whether to throw the changes away: y does, n or esc goes
		// back to the form as it was; other keys are not an answer.
		switch {
		case key.Matches(msg, k.Yes):
			p.form, p.view = nil, viewList
		case key.Matches(msg, k.No):
			f.discard = false
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Cancel):
		if f.changed() {
			f.discard = true
			return nil
		}
		p.form, p.view = nil, viewList
		return nil
	case key.Matches(msg, k.Save):
		return p.saveForm()
	case key.Matches(msg, k.Next):
		return f.move(1)
	case key.Matches(msg, k.Prev):
		return f.move(-1)
	case key.Matches(msg, k.Submit):
		if f.last() {
			return p.saveForm()
		}
		return f.move(1)
	}
	switch f.focus {
	case fMetric, fMethod:
		delta := 0
		switch msg.String() {
		case "left":
			delta = -1
		case "right", " ":
			delta = 1
		}
		if delta != 0 {
			if f.focus == fMetric {
				f.metric = (f.metric + delta + len(f.metrics)) % len(f.metrics)
				delete(f.errs, fValue)
			} else {
				f.method = (f.method + delta + len(methods)) % len(methods)
				delete(f.errs, fWeights)
			}
			delete(f.errs, f.focus)
		}
		return nil
	}
	var cmd tea.Cmd
	before := f.inputs[f.focus].Value()
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	if f.inputs[f.focus].Value() != before {
		delete(f.errs, f.focus) // the field changed: its old message no longer applies
		f.msg = ""
		f.refresh()
	}
	return cmd
}

// build reads the form into a target, with a message per wrong field.
func (p *Pane) build(f *formState) (model.Target, map[field]string) {
	errs := map[field]string{}
	var t model.Target
	if f.orig != nil {
		t = *f.orig
	}
	metric := f.metrics[f.metric]
	t.Metric = metric.Key
	t.Method = methods[f.method]
	t.Name = strings.TrimSpace(f.inputs[fName].Value())
	t.Owner = strings.TrimSpace(f.inputs[fOwner].Value())
	day := func(fl field) (model.Day, bool) {
		s := strings.TrimSpace(f.inputs[fl].Value())
		if s == "" {
			errs[fl] = p.c.T("tg.form.err.required")
			return 0, false
		}
		d, err := model.ParseDay(s)
		if err != nil {
			errs[fl] = p.c.T("tg.form.err.date", s)
			return 0, false
		}
		return d, true
	}
	var okFrom, okTo bool
	t.From, okFrom = day(fFrom)
	t.To, okTo = day(fTo)
	if okFrom && okTo {
		switch {
		case t.To < t.From:
			errs[fTo] = p.c.T("tg.form.err.order", t.To.String(), t.From.String())
		case t.To-t.From > 3660:
			errs[fTo] = p.c.T("tg.form.err.long")
		}
	}
	if s := strings.TrimSpace(f.inputs[fValue].Value()); s == "" {
		errs[fValue] = p.c.T("tg.form.err.required")
	} else if v, err := model.ParseTargetValue(metric.Key, s); err != nil {
		errs[fValue] = p.c.T(valueErrKey(metric), s)
	} else {
		t.Value = v
	}
	t.Weights = nil
	if f.level() {
		// A level metric is not split: the method is not asked and not
		// kept from an earlier choice.
		t.Method = model.MethodEven
	}
	if t.Method == model.MethodCustom {
		raw := strings.TrimSpace(f.inputs[fWeights].Value())
		parts := strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == '、' })
		for _, s := range parts {
			w, err := strconv.ParseInt(s, 10, 64)
			if err != nil || w < 0 {
				errs[fWeights] = p.c.T("tg.form.err.weight", s)
				break
			}
			t.Weights = append(t.Weights, w)
		}
		if _, bad := errs[fWeights]; !bad && okFrom && okTo && errs[fTo] == "" {
			if n := len(model.Months(model.Window{From: t.From, To: t.To})); len(t.Weights) != n {
				errs[fWeights] = p.c.T("tg.form.err.wcount", n, len(t.Weights))
			}
		}
	}
	if len(errs) == 0 {
		// The model's rules are the last word; the checks above say the
		// same in the session's language.
		if err := t.Validate(); err != nil {
			var te *model.TargetError
			if errors.As(err, &te) {
				errs[fieldOf(te.Field)] = te.Reason
			} else {
				f.msg = err.Error()
				errs[fName] = err.Error()
			}
		}
	}
	if t.Name == "" && len(errs) == 0 {
		t.Name = fmt.Sprintf("%s %s", p.c.T("kpi."+t.Metric), periodText(t.From, t.To))
	}
	return t, errs
}

// valueErrKey is the message for a value that does not parse, by unit.
func valueErrKey(m model.MetricInfo) string {
	switch {
	case m.Money:
		return "tg.form.err.money"
	case m.Rate:
		return "tg.form.err.rate"
	}
	return "tg.form.err.count"
}

func fieldOf(name string) field {
	for i, k := range fieldKeys {
		if k == name {
			return field(i)
		}
	}
	return fName
}

// saveForm checks the form and, when every field is right, saves it in a
// command. On a wrong field the focus goes to the first one.
func (p *Pane) saveForm() tea.Cmd {
	f := p.form
	t, errs := p.build(f)
	f.errs = errs
	f.msg = ""
	if len(errs) > 0 {
		for _, fl := range f.fields() {
			if _, bad := errs[fl]; bad {
				return f.setFocus(fl)
			}
		}
		return nil
	}
	was := p.busy()
	f.saving = true
	f.seq = p.nextSeq()
	st, actor, seq := p.c.Store, p.c.Actor, f.seq
	save := func() tea.Msg {
		id, err := st.PutTarget(actor, t)
		return targetSaved{seq: seq, id: id, err: err}
	}
	return tea.Batch(save, p.startSpin(was))
}

func (p *Pane) onSaved(msg targetSaved) tea.Cmd {
	f := p.form
	if f == nil || msg.seq != f.seq {
		return nil
	}
	f.saving = false
	if msg.err != nil {
		f.msg = p.errText(msg.err) // the form stays as typed
		return nil
	}
	created := f.orig == nil
	p.form, p.view = nil, viewList
	if created {
		p.list.flash = p.c.T("tg.list.created", msg.id)
	} else {
		p.list.flash = p.c.T("tg.list.saved", msg.id)
	}
	p.list.flashBad = false
	p.list.want = msg.id
	return p.requestList(false)
}

// formView draws the form.
func (p *Pane) formView() []string {
	st, f, w := p.c.Styles, p.form, p.width
	lines := make([]string, 0, p.height)
	title := p.c.T("tg.form.new")
	if f.orig != nil {
		title = p.c.T("tg.form.edit", f.orig.ID)
	}
	lines = append(lines, st.Title.Render(theme.Clip(title, w)), "")
	inputCol := 2 + formLabelW
	shown := f.fields()
	if f.level() {
		shown = append(shown, fMethod) // shown, not focusable: says why there is no choice
	}
	for _, fl := range shown {
		focused := fl == f.focus
		mark := "  "
		if focused {
			mark = st.Accent.Render(st.G.Selected) + " "
		}
		label := theme.Fit(p.c.T("tg.form."+fieldKeys[fl]), formLabelW)
		if focused {
			label = st.Accent.Render(label)
		}
		var input string
		switch fl {
		case fMetric:
			input = p.selector(p.c.T("kpi."+f.metrics[f.metric].Key), focused)
		case fMethod:
			if f.level() {
				input = "  " + st.Subtle.Render(p.c.T("tg.method.level"))
				break
			}
			input = p.selector(p.c.T("tg.method."+string(methods[f.method])), focused)
		default:
			input = f.inputs[fl].View()
		}
		input = theme.Fit(input, f.inputW+1)
		line := mark + label + input
		note, bad := f.errs[fl]
		if !bad && focused {
			note = p.fieldHint(fl)
		}
		if note == "" {
			lines = append(lines, line)
			continue
		}
		room := w - textWidth(line) - 2
		style := st.Subtle
		if bad {
			style = st.ErrorLabel
			note = "✗ " + note
		}
		if textWidth(note) <= room {
			lines = append(lines, line+"  "+style.Render(note))
			continue
		}
		lines = append(lines, line, spaces(inputCol)+style.Render(theme.Clip(note, w-inputCol)))
	}
	lines = append(lines, "")
	switch {
	case f.discard:
		lines = append(lines, st.Warn.Render(theme.Clip(p.c.T("tg.form.discard"), w)))
	case f.saving:
		lines = append(lines, st.Accent.Render(p.spin.View())+" "+st.Subtle.Render(p.c.T("tg.form.saving")))
	case f.msg != "":
		lines = append(lines, st.ErrorLabel.Render(theme.Clip(f.msg, w)))
	case len(f.errs) == 1:
		lines = append(lines, st.ErrorLabel.Render(theme.Clip(p.c.T("tg.form.fix.one"), w)))
	case len(f.errs) > 1:
		lines = append(lines, st.ErrorLabel.Render(theme.Clip(p.c.T("tg.form.fix", len(f.errs)), w)))
	default:
		lines = append(lines, "")
	}
	for len(lines) < p.height-1 {
		lines = append(lines, "")
	}
	hint := "tg.hint.form"
	if f.discard {
		hint = "tg.hint.discard"
	}
	return append(lines, st.Subtle.Render(theme.Clip(p.c.T(hint), w)))
}

// selector draws a choice cycled with ←/→.
func (p *Pane) selector(s string, focused bool) string {
	if focused {
		return p.c.Styles.Accent.Render("< " + s + " >")
	}
	return "  " + s
}

// fieldHint explains the focused field.
func (p *Pane) fieldHint(fl field) string {
	f := p.form
	switch fl {
	case fMetric:
		return p.c.T("tg.form.hint.metric", len(f.metrics))
	case fFrom, fTo:
		return p.c.T("tg.form.hint.date")
	case fValue:
		return p.c.T(strings.Replace(valueErrKey(f.metrics[f.metric]), ".err.", ".hint.", 1))
	case fMethod:
		return p.c.T("tg.form.hint." + string(methods[f.method]))
	case fWeights:
		if f.months > 0 {
			return p.c.T("tg.form.hint.weights", f.months)
		}
		return p.c.T("tg.form.hint.weights.nodates")
	}
	return ""
}
