package targets

import (
	"slices"
	"strings"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

// storedBy returns the stored target named name.
func storedBy(t *testing.T, st *store.Store, name string) (model.Target, bool) {
	t.Helper()
	ts, err := st.Targets()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range ts {
		if tg.Name == name {
			return tg, true
		}
	}
	return model.Target{}, false
}

// TestCreateWithKeysOnly fills every field of a new target with the
// keyboard (a Chinese name typed as runes), saves with enter on the last
// field and finds it stored and selected in the list.
func TestCreateWithKeysOnly(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	before, _ := st.Targets()
	h.keys("n")
	if h.p.form.focus != fMetric || h.p.form.metrics[h.p.form.metric].Key != "gmv" {
		t.Fatal("a new form does not start on the gmv metric")
	}
	h.keys("left") // gmv → orders
	h.keys("tab")
	h.typeText("三季度订单冲刺")
	h.keys("tab")
	h.typeText("李雷")
	h.keys("tab")
	h.replace("2026-07-01")
	h.keys("down") // ↓ moves on too
	h.replace("2026-09-30")
	h.keys("tab")
	h.typeText("5000")
	h.keys("tab", "right", "right") // even → history → custom
	if !strings.Contains(h.view(), "月度权重") {
		t.Fatalf("custom shows no weights field:\n%s", h.view())
	}
	h.keys("tab")
	if h.p.form.focus != fWeights || !strings.Contains(h.view(), "共 3 个月") {
		t.Fatalf("the weights field does not say how many months:\n%s", h.view())
	}
	h.typeText("1，2,3") // a Chinese comma works too
	h.keys("enter")     // the last field: saves
	if h.p.view != viewList {
		t.Fatalf("the form did not close:\n%s", h.view())
	}
	got, ok := storedBy(t, st, "三季度订单冲刺")
	if !ok {
		t.Fatal("the target was not stored")
	}
	want := model.Target{ID: got.ID, Name: "三季度订单冲刺", Owner: "李雷", Metric: "orders",
		From: model.CivilDay(2026, 7, 1), To: model.CivilDay(2026, 9, 30), Value: 5000,
		Method: model.MethodCustom, Weights: []int64{1, 2, 3}}
	got.Created, got.Updated = want.Created, want.Updated
	if got.Name != want.Name || got.Owner != want.Owner || got.Metric != want.Metric || got.From != want.From ||
		got.To != want.To || got.Value != want.Value || got.Method != want.Method || !slices.Equal(got.Weights, want.Weights) {
		t.Fatalf("stored %+v\nwant   %+v", got, want)
	}
	after, _ := st.Targets()
	if len(after) != len(before)+1 {
		t.Errorf("%d targets, want %d", len(after), len(before)+1)
	}
	if h.p.list.selectedID() != got.ID {
		t.Errorf("the new target %s is not selected (%s)", got.ID, h.p.list.selectedID())
	}
	if !strings.Contains(h.view(), "已新建目标 "+got.ID) {
		t.Errorf("no confirmation:\n%s", h.view())
	}
}

// TestBadInputIsRefusedAndKept: wrong fields get their messages, nothing is
// stored, and everything typed stays; fixing the fields then saves.
func TestBadInputIsRefusedAndKept(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang.String(), func(t *testing.T) {
			st := uitest.Store(t, members)
			h := newHarness(t, st, lang, 100, 30)
			before, _ := st.Targets()
			h.keys("n", "tab")
			h.typeText("年中冲刺")
			h.keys("tab")
			h.typeText("Ann")
			h.keys("tab")
			h.replace("2026-07-01")
			h.keys("tab")
			h.replace("2026-06-01")
			h.keys("tab")
			h.typeText("1.234")
			h.keys("ctrl+s")
			f := h.p.form
			if h.p.view != viewForm || f == nil {
				t.Fatal("bad input closed the form")
			}
			if f.errs[fTo] == "" || f.errs[fValue] == "" || len(f.errs) != 2 {
				t.Fatalf("errors %v, want to and value", f.errs)
			}
			view := h.view()
			for _, want := range []string{f.errs[fTo], f.errs[fValue], "年中冲刺", "Ann", "2026-07-01", "2026-06-01", "1.234"} {
				if !strings.Contains(view, want) {
					t.Errorf("view lacks %q:\n%s", want, view)
				}
			}
			if f.focus != fTo {
				t.Errorf("focus on %d, want the first wrong field (to)", f.focus)
			}
			vals := map[field]string{fName: "年中冲刺", fOwner: "Ann", fFrom: "2026-07-01", fTo: "2026-06-01", fValue: "1.234"}
			for fl, v := range vals {
				if got := f.inputs[fl].Value(); got != v {
					t.Errorf("field %s: %q, want %q kept", fieldKeys[fl], got, v)
				}
			}
			if after, _ := st.Targets(); len(after) != len(before) {
				t.Fatal("a refused target was stored")
			}
			// Editing a wrong field clears its message; fixing both saves.
			h.replace("2026-12-31")
			if f.errs[fTo] != "" {
				t.Error("the to message stayed after an edit")
			}
			h.keys("tab")
			h.replace("1234.5")
			h.keys("ctrl+s")
			got, ok := storedBy(t, st, "年中冲刺")
			if !ok || got.Value != 123450 || got.To != model.CivilDay(2026, 12, 31) {
				t.Fatalf("fixed target not stored right: %+v", got)
			}
		})
	}
}

func TestFormValidationMessages(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	cases := []struct {
		name   string
		fill   func()
		field  field
		substr string
	}{
		{"empty value", func() {}, fValue, "required"},
		{"bad date", func() { h.p.form.inputs[fFrom].SetValue("2026-13-01") }, fFrom, "not a date"},
		{"too long", func() { h.p.form.inputs[fTo].SetValue("2040-01-01") }, fTo, "ten years"},
		{"rate above 100%", func() {
			h.p.form.metric = metricIndex(h.p.form, "repurchase_rate")
			h.p.form.inputs[fValue].SetValue("120%")
		}, fValue, "up to 100%"},
		{"count with decimals", func() {
			h.p.form.metric = metricIndex(h.p.form, "new_members")
			h.p.form.inputs[fValue].SetValue("12.5")
		}, fValue, "whole number"},
		{"weights count", func() {
			h.p.form.inputs[fValue].SetValue("100")
			h.p.form.method = 2
			h.p.form.inputs[fWeights].SetValue("1,2")
		}, fWeights, "12 months, 2 weights"},
		{"bad weight", func() {
			h.p.form.inputs[fValue].SetValue("100")
			h.p.form.method = 2
			h.p.form.inputs[fWeights].SetValue("1,x")
		}, fWeights, `"x"`},
	}
	for _, c := range cases {
		h.keys("n")
		c.fill()
		h.keys("ctrl+s")
		if h.p.form == nil {
			t.Fatalf("%s: saved", c.name)
		}
		if msg := h.p.form.errs[c.field]; !strings.Contains(msg, c.substr) {
			t.Errorf("%s: field %s says %q, want %q (all: %v)", c.name, fieldKeys[c.field], msg, c.substr, h.p.form.errs)
		}
		h.keys("esc")
		if h.p.form != nil && h.p.form.discard { // a changed form asks first
			h.keys("y")
		}
		if h.p.form != nil {
			t.Fatalf("%s: the form did not close", c.name)
		}
	}
}

func metricIndex(f *formState, key string) int {
	for i, m := range f.metrics {
		if m.Key == key {
			return i
		}
	}
	panic(key)
}

// TestEditChangesTheStoredTarget opens the form on a target, changes the
// value and the owner, and finds the stored target changed in place.
func TestEditChangesTheStoredTarget(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	orig, err := st.Target(idYearNew)
	if err != nil {
		t.Fatal(err)
	}
	h.selectTarget(idYearNew)
	h.keys("e")
	f := h.p.form
	if f == nil || f.orig == nil || f.inputs[fValue].Value() != "1680" || f.inputs[fName].Value() != orig.Name {
		t.Fatalf("the form is not filled from the target: %+v", f)
	}
	h.keys("tab", "tab")
	h.replace("王芳")
	h.keys("tab", "tab", "tab")
	h.replace("2000")
	h.keys("ctrl+s")
	got, err := st.Target(idYearNew)
	if err != nil {
		t.Fatal(err)
	}
	if got.Value != 2000 || got.Owner != "王芳" || got.Name != orig.Name || got.Method != orig.Method ||
		got.From != orig.From || got.To != orig.To || !got.Created.Equal(orig.Created) {
		t.Fatalf("edited %+v\nfrom   %+v", got, orig)
	}
	if n, _ := st.Targets(); len(n) != len(h.p.list.targets) {
		t.Error("list and store disagree")
	}
	if h.p.list.selectedID() != idYearNew || !strings.Contains(h.view(), "目标 "+idYearNew+" 已保存") {
		t.Errorf("no confirmation or selection:\n%s", h.view())
	}
	// A custom target's weights and a rate's value come back as typed.
	h.selectTarget(idPlanGMV)
	h.keys("e")
	plan, _ := st.Target(idPlanGMV)
	if got := h.p.form.inputs[fWeights].Value(); strings.Count(got, ",") != len(plan.Weights)-1 {
		t.Errorf("weights %q for %v", got, plan.Weights)
	}
	h.keys("esc")
	h.selectTarget(idRepeatQ2)
	h.keys("e")
	if got := h.p.form.inputs[fValue].Value(); got != "45%" {
		t.Errorf("rate shown as %q, want 45%%", got)
	}
}

// TestViewerCannotSave: a viewer's n, e and d are refused at the key with a
// message (the form never opens), each refusal is written to the audit log,
// and the help lists those keys as unavailable.
func TestViewerCannotSave(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.c.Actor = store.Actor{Name: "guest", Role: store.Viewer}
	h.p.keys = newKeyMap(h.c.T, false)
	before, _ := st.Targets()
	for _, k := range []string{"n", "e", "d"} {
		h.keys(k)
		if h.p.view != viewList || h.p.list.confirm != "" {
			t.Fatalf("%s: a viewer got past the list (view %v)", k, h.p.view)
		}
		if !strings.Contains(h.view(), "无权限") {
			t.Fatalf("%s: no refusal shown:\n%s", k, h.view())
		}
	}
	if after, _ := st.Targets(); len(after) != len(before) {
		t.Fatal("a viewer changed the targets")
	}
	log, err := st.AuditLog(store.Actor{Name: "test", Role: store.Admin})
	if err != nil {
		t.Fatal(err)
	}
	var denied []string
	for _, e := range log {
		if e.Who == "guest" {
			denied = append(denied, e.Action)
		}
	}
	if want := []string{"target.put.denied", "target.put.denied", "target.delete.denied"}; strings.Join(denied, ",") != strings.Join(want, ",") {
		t.Errorf("audited %v, want %v", denied, want)
	}
	help := ""
	for _, g := range h.p.FullHelp() {
		for _, b := range g {
			help += b.Help().Desc + "\n"
		}
	}
	if !strings.Contains(help, "新建目标（查看者：不可用）") {
		t.Errorf("help does not mark n unavailable:\n%s", help)
	}
}

// TestFormKeys: tab/shift+tab/↑/↓ wrap through the fields, ←/→ cycle the
// metric and the method, weights only take the focus for custom.
func TestFormKeys(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.keys("n")
	f := h.p.form
	order := []field{fName, fOwner, fFrom, fTo, fValue, fMethod, fMetric}
	for _, want := range order {
		h.keys("tab")
		if f.focus != want {
			t.Fatalf("tab to %d, want %d", f.focus, want)
		}
	}
	h.keys("shift+tab")
	if f.focus != fMethod {
		t.Fatalf("shift+tab to %d", f.focus)
	}
	h.keys("right")
	if methods[f.method] != model.MethodHistory {
		t.Fatal("→ did not cycle the method")
	}
	h.keys("left", "left")
	if methods[f.method] != model.MethodCustom {
		t.Fatal("← did not cycle back")
	}
	h.keys("down")
	if f.focus != fWeights {
		t.Fatal("custom's weights did not take the focus")
	}
	h.keys("up", "up", "up", "up", "up", "up", "up")
	if f.focus != fMetric {
		t.Fatalf("up to %d", f.focus)
	}
	n := len(f.metrics)
	for i := 0; i < n; i++ {
		h.keys("right")
	}
	if f.metrics[f.metric].Key != "gmv" {
		t.Error("→ does not wrap through every metric")
	}
	// q and digits are text in a field, not the root's keys
	h.keys("tab")
	h.typeText("q1")
	if f.inputs[fName].Value() != "q1" || !h.p.Capturing() {
		t.Error("the form does not take q and 1 as text")
	}
	if len(h.p.FullHelp()) == 0 {
		t.Error("no help for the form")
	}
}

// TestEscAsksBeforeDiscarding: esc on a form that was changed asks y/n; n
// goes back with everything kept, y throws the form away and stores
// nothing; esc on an untouched form closes it at once.
func TestEscAsksBeforeDiscarding(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.En, i18n.Zh} {
		t.Run(lang.String(), func(t *testing.T) {
			st := uitest.Store(t, members)
			h := newHarness(t, st, lang, 100, 30)
			before, _ := st.Targets()
			h.keys("n", "esc")
			if h.p.form != nil || h.p.view != viewList {
				t.Fatal("esc on an untouched form did not close it")
			}
			h.keys("n", "tab")
			h.typeText("年中冲刺")
			h.keys("tab", "tab", "tab", "tab")
			h.typeText("5000")
			h.keys("esc")
			if h.p.form == nil || !h.p.form.discard {
				t.Fatal("esc threw a filled-in form away without asking")
			}
			if !strings.Contains(h.view(), h.c.T("tg.form.discard")) || !strings.Contains(h.view(), h.c.T("tg.hint.discard")) {
				t.Errorf("the question is not shown:\n%s", h.view())
			}
			if !h.p.Capturing() || h.p.TakingText() {
				t.Error("while asking, the pane must capture keys but take no text")
			}
			h.keys("q", "x") // not an answer: nothing happens
			if h.p.form == nil || !h.p.form.discard {
				t.Fatal("a key that is not y/n answered the question")
			}
			h.keys("n")
			f := h.p.form
			if f == nil || f.discard || f.inputs[fName].Value() != "年中冲刺" || f.inputs[fValue].Value() != "5000" || f.focus != fValue {
				t.Fatalf("n did not go back to the form as it was: %+v", f)
			}
			h.keys("esc", "esc") // esc answers "keep" too
			if h.p.form == nil || h.p.form.discard {
				t.Fatal("esc on the question did not keep the form")
			}
			h.keys("esc", "y")
			if h.p.form != nil || h.p.view != viewList {
				t.Fatal("y did not discard the form")
			}
			if after, _ := st.Targets(); len(after) != len(before) {
				t.Error("a discarded form stored a target")
			}
			// Editing: esc after changing a field asks; undoing the change
			// makes esc close at once again.
			h.keys("e")
			if h.p.form == nil || h.p.form.orig == nil {
				t.Fatal("e did not open the edit form")
			}
			h.keys("tab")
			h.typeText("!")
			h.keys("esc")
			if h.p.form == nil || !h.p.form.discard {
				t.Fatal("esc on a changed edit form did not ask")
			}
			h.keys("n", "backspace", "esc")
			if h.p.form != nil {
				t.Fatal("esc on an edit form changed back to its original did not close")
			}
		})
	}
}

// TestLevelMetricHasNoSplitMethod: a rate (a level metric) is not split
// over days, so the form neither focuses nor offers the split methods, says
// why, and saves no method chosen before the metric was switched.
func TestLevelMetricHasNoSplitMethod(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.En, i18n.Zh} {
		t.Run(lang.String(), func(t *testing.T) {
			st := uitest.Store(t, members)
			h := newHarness(t, st, lang, 100, 30)
			h.keys("n")
			f := h.p.form
			// Choose custom weights on gmv, then switch the metric to a rate.
			for f.focus != fMethod {
				h.keys("tab")
			}
			h.keys("right", "right")
			if methods[f.method] != model.MethodCustom {
				t.Fatalf("method %s", methods[f.method])
			}
			for f.focus != fMetric {
				h.keys("tab")
			}
			for f.metrics[f.metric].Key != "repurchase_rate" {
				h.keys("right")
			}
			if slices.Contains(f.fields(), fMethod) || slices.Contains(f.fields(), fWeights) {
				t.Fatalf("a rate target offers a split: fields %v", f.fields())
			}
			v := h.view()
			for _, m := range methods {
				if strings.Contains(v, h.c.T("tg.method."+string(m))) {
					t.Errorf("the form offers %s for a rate:\n%s", m, v)
				}
			}
			if !strings.Contains(v, h.c.T("tg.method.level")) {
				t.Errorf("the form does not say a rate is not split:\n%s", v)
			}
			// Tab from the value wraps to the metric: the method is not a stop.
			for f.focus != fValue {
				h.keys("tab")
			}
			h.keys("tab")
			if f.focus != fMetric {
				t.Errorf("tab from the value went to field %s", fieldKeys[f.focus])
			}
			h.keys("tab")
			h.typeText("复购冲刺")
			for f.focus != fValue {
				h.keys("tab")
			}
			h.typeText("45%")
			h.keys("ctrl+s")
			if h.p.form != nil {
				t.Fatalf("not saved: %v %q", h.p.form.errs, h.p.form.msg)
			}
			got, ok := storedBy(t, st, "复购冲刺")
			if !ok || got.Metric != "repurchase_rate" || got.Value != 4500 || got.Method != model.MethodEven || len(got.Weights) != 0 {
				t.Fatalf("stored %+v", got)
			}
		})
	}
}
