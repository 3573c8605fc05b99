package targets

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/form"
	"github.com/memberops/cockpit/ui/format"
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

// formState is an open form: the shared ui/form component holding what is
// typed, and what the Targets pane knows beside it.
type formState struct {
	form      *form.Form
	orig      *model.Target // the target being edited; nil for a new one
	metrics   []model.MetricInfo
	saving    bool
	seq       uint64
	months    int    // months of the period typed (0 when the dates do not parse)
	levelNote string // what the method row says for a level metric
}

// key is the form's name of a field.
func (fl field) key() string { return fieldKeys[fl] }

// metric is the index of the chosen metric, method the chosen split method.
func (f *formState) metric() int { return f.form.Choice(fMetric.key()) }
func (f *formState) method() int { return f.form.Choice(fMethod.key()) }

// value is a text field as typed; setValue types it.
func (f *formState) value(fl field) string       { return f.form.Value(fl.key()) }
func (f *formState) setValue(fl field, v string) { f.form.SetValue(fl.key(), v) }

// focus is the focused field; err the message beside a field; discard
// whether esc on a changed form asks y/n; msg the message about the form.
func (f *formState) focus() field          { return fieldOf(f.form.Focused()) }
func (f *formState) err(fl field) string   { return f.form.Err(fl.key()) }
func (f *formState) discard() bool         { return f.form.Asking() }
func (f *formState) msg() string           { return f.form.Message() }
func (f *formState) setMetric(i int)       { f.form.SetChoice(fMetric.key(), i); f.shape() }
func (f *formState) setMethod(i int)       { f.form.SetChoice(fMethod.key(), i); f.shape() }
func (f *formState) changed() bool         { return f.form.Dirty() }
func (f *formState) errCount() int         { return f.form.Errors() }
func (f *formState) takingText() bool      { return f.form.TakingText() }
func (f *formState) setSize(w int)         { f.form.SetWidth(w) }
func (f *formState) focusOn(fl field) bool { return f.form.Focused() == fl.key() }

// fields lists the fields the focus stops at, in order: no split method for
// a level metric, weights only for custom.
func (f *formState) fields() []field {
	var out []field
	for _, k := range f.form.Stops() {
		out = append(out, fieldOf(k))
	}
	return out
}

// level reports whether the chosen metric is a level metric (a rate, a
// total of members …): such a target is not split over days, so the form
// offers no split method for it.
func (f *formState) level() bool { return !f.metrics[f.metric()].Additive }

// shape shows the fields the choices call for: for a level metric the
// method row says why there is no choice; weights only for custom.
func (f *formState) shape() {
	if f.level() {
		f.form.SetNote(fMethod.key(), f.levelNote)
	} else {
		f.form.SetNote(fMethod.key(), "")
	}
	f.form.SetHidden(fWeights.key(), f.level() || methods[f.method()] != model.MethodCustom)
}

// targetSaved reports the outcome of a save.
type targetSaved struct {
	seq uint64
	id  string
	err error
}

// openForm opens the form, empty (t nil) or filled from t.
func (p *Pane) openForm(t *model.Target) tea.Cmd {
	T := p.c.T
	f := &formState{metrics: model.TargetMetrics(), levelNote: T("tg.method.level")}
	var metricNames, methodNames []string
	for _, m := range f.metrics {
		metricNames = append(metricNames, T("kpi."+m.Key))
	}
	for _, m := range methods {
		methodNames = append(methodNames, T("tg.method."+string(m)))
	}
	fields := make([]form.Field, fieldCount)
	for fl := range fieldCount {
		fields[fl] = form.Field{Key: fl.key(), Label: T("tg.form." + fl.key())}
	}
	fields[fMetric].Kind, fields[fMetric].Options = form.Choice, metricNames
	fields[fMethod].Kind, fields[fMethod].Options = form.Choice, methodNames
	fields[fFrom].Placeholder, fields[fTo].Placeholder = "YYYY-MM-DD", "YYYY-MM-DD"
	fields[fWeights].CharLimit = 200
	title := T("tg.form.new")
	if t != nil {
		title = T("tg.form.edit", t.ID)
	}
	ff := form.New(p.c, title, fields)
	ff.LabelWidth, ff.MaxInput = formLabelW, 34
	ff.Footer, ff.FooterAsking = T("tg.hint.form"), T("tg.hint.discard")
	ff.Texts = form.Texts{Discard: "tg.form.discard", Fix: "tg.form.fix"}
	ff.Hint = func(k string) string { return p.fieldHint(fieldOf(k)) }
	f.form = ff
	if t != nil {
		orig := *t
		f.orig = &orig
		for i, m := range f.metrics {
			if m.Key == t.Metric {
				ff.SetChoice(fMetric.key(), i)
			}
		}
		for i, m := range methods {
			if m == t.Method {
				ff.SetChoice(fMethod.key(), i)
			}
		}
		f.setValue(fName, t.Name)
		f.setValue(fOwner, t.Owner)
		f.setValue(fFrom, t.From.String())
		f.setValue(fTo, t.To.String())
		f.setValue(fValue, format.Input(t.Metric, t.Value))
		ws := make([]string, len(t.Weights))
		for i, w := range t.Weights {
			ws[i] = strconv.FormatInt(w, 10)
		}
		f.setValue(fWeights, strings.Join(ws, ","))
	} else {
		// A new target starts on the metric most targets are set on and
		// the calendar year of the as-of day.
		for i, m := range f.metrics {
			if m.Key == "gmv" {
				ff.SetChoice(fMetric.key(), i)
			}
		}
		if p.asOf != 0 {
			y, _, _ := p.asOf.Date()
			f.setValue(fFrom, model.CivilDay(y, 1, 1).String())
			f.setValue(fTo, model.CivilDay(y, 12, 31).String())
		}
	}
	p.form = f
	p.view = viewForm
	ff.SetWidth(p.width)
	f.shape()
	f.refresh()
	return ff.Ready()
}

// formLabelW is the width of the labels' column (the longest label, in
// either language, is 8 columns).
const formLabelW = 10

// refresh recomputes what the form shows from the typed dates.
func (f *formState) refresh() {
	f.months = 0
	from, err1 := model.ParseDay(strings.TrimSpace(f.value(fFrom)))
	to, err2 := model.ParseDay(strings.TrimSpace(f.value(fTo)))
	if err1 == nil && err2 == nil && to >= from && to-from <= 3660 {
		f.months = len(model.Months(model.Window{From: from, To: to}))
	}
}

func (p *Pane) formKey(msg tea.KeyMsg) tea.Cmd {
	f := p.form
	if f == nil {
		p.view = viewList
		return nil
	}
	if f.saving {
		return nil
	}
	res, changed, cmd := f.form.Update(msg)
	switch res {
	case form.Cancel:
		// Unchanged, or the discard confirmed with y.
		p.form, p.view = nil, viewList
		return nil
	case form.Save:
		return p.saveForm()
	case form.Changed:
		switch fieldOf(changed) {
		case fMetric:
			f.form.ClearError(fValue.key()) // the value's unit changed
			f.shape()
		case fMethod:
			f.form.ClearError(fWeights.key())
			f.shape()
		default:
			f.refresh()
		}
	}
	return cmd
}

// build reads the form into a target, with a message per wrong field.
func (p *Pane) build(f *formState) (model.Target, map[field]string, string) {
	errs := map[field]string{}
	whole := ""
	var t model.Target
	if f.orig != nil {
		t = *f.orig
	}
	metric := f.metrics[f.metric()]
	t.Metric = metric.Key
	t.Method = methods[f.method()]
	t.Name = strings.TrimSpace(f.value(fName))
	t.Owner = strings.TrimSpace(f.value(fOwner))
	day := func(fl field) (model.Day, bool) {
		s := strings.TrimSpace(f.value(fl))
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
	if s := strings.TrimSpace(f.value(fValue)); s == "" {
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
		raw := strings.TrimSpace(f.value(fWeights))
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
				whole = err.Error()
				errs[fName] = err.Error()
			}
		}
	}
	if t.Name == "" && len(errs) == 0 {
		t.Name = fmt.Sprintf("%s %s", p.c.T("kpi."+t.Metric), periodText(t.From, t.To))
	}
	return t, errs, whole
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
	t, errs, whole := p.build(f)
	named := map[string]string{}
	for fl, m := range errs {
		named[fl.key()] = m
	}
	cmd := f.form.SetErrors(named)
	f.form.SetMessage(whole)
	if len(errs) > 0 {
		return cmd
	}
	was := p.busy()
	f.saving = true
	f.form.SetSaving(p.c.T("tg.form.saving"))
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
	f.form.SetSaving("")
	if msg.err != nil {
		f.form.SetMessage(p.errText(msg.err)) // the form stays as typed
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

// formView draws the form (the shared component's layout).
func (p *Pane) formView() []string { return p.form.form.View(p.height, p.spin.View()) }

// fieldHint explains the focused field.
func (p *Pane) fieldHint(fl field) string {
	f := p.form
	switch fl {
	case fMetric:
		return p.c.T("tg.form.hint.metric", len(f.metrics))
	case fFrom, fTo:
		return p.c.T("tg.form.hint.date")
	case fValue:
		return p.c.T(strings.Replace(valueErrKey(f.metrics[f.metric()]), ".err.", ".hint.", 1))
	case fMethod:
		return p.c.T("tg.form.hint." + string(methods[f.method()]))
	case fWeights:
		if f.months > 0 {
			return p.c.Cat.N("tg.form.hint.weights", int64(f.months), f.months)
		}
		return p.c.T("tg.form.hint.weights.nodates")
	}
	return ""
}
