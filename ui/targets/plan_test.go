package targets

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

func storedPlan(t *testing.T, st *store.Store) model.Plan {
	t.Helper()
	ps, err := st.Plans()
	if err != nil || len(ps) != 1 {
		t.Fatalf("plans: %d, %v", len(ps), err)
	}
	return ps[0]
}

func TestPlanShowsPhasesMilestonesAndTargets(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.keys("p")
	plan := storedPlan(t, st)
	view := h.view()
	for _, ph := range plan.Phases {
		if !strings.Contains(view, ph.Name) || !strings.Contains(view, periodText(ph.From, ph.To)) {
			t.Errorf("phase %s %s missing:\n%s", ph.Name, periodText(ph.From, ph.To), view)
		}
	}
	for _, m := range plan.Phases[0].Milestones {
		if !strings.Contains(view, m.Name) {
			t.Errorf("milestone %s missing", m.Name)
		}
	}
	if !strings.Contains(view, "[x]") || !strings.Contains(view, "领先") || !strings.Contains(view, "落后") {
		t.Errorf("no done marks or target states:\n%s", view)
	}
	// the last phase (Q2 2026) overlaps the year's, the quarter's and June's targets
	last := plan.Phases[len(plan.Phases)-1]
	var overlap int
	for _, tg := range h.p.list.targets {
		if tg.From <= last.To && tg.To >= last.From {
			overlap++
		}
	}
	got := h.p.phaseTargets(last)
	var sum int
	for _, f := range strings.Fields(strings.ReplaceAll(got, "·", " ")) {
		if n, err := strconv.Atoi(f); err == nil {
			sum += n
		}
	}
	if sum != overlap {
		t.Errorf("last phase counts %q sum to %d, %d targets overlap it", got, sum, overlap)
	}
	h.keys("j", "j", "j")
	if h.p.plan.cursor != 3 || !strings.Contains(h.view(), last.Milestones[0].Name) {
		t.Errorf("j did not select the last phase's milestones:\n%s", h.view())
	}
}

// TestPlanRenameAndRedate renames a phase with Chinese text and re-dates
// another; an overlapping date is refused with a message and not stored.
func TestPlanRenameAndRedate(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.keys("p", "j", "r")
	if !h.p.Capturing() {
		t.Fatal("rename does not capture keys")
	}
	h.replace("增长期")
	h.keys("enter")
	if got := storedPlan(t, st).Phases[1].Name; got != "增长期" {
		t.Fatalf("renamed to %q", got)
	}
	if h.p.plan.edit != nil || h.p.Capturing() {
		t.Fatal("the edit stayed open")
	}
	// rename to nothing: refused
	h.keys("r")
	h.replace("")
	h.keys("enter")
	if h.p.plan.edit == nil || h.p.plan.edit.err == "" {
		t.Fatal("an empty name was not refused")
	}
	h.keys("esc")
	before := storedPlan(t, st)
	h.keys("e")
	h.replace("2025-09-15") // starts before the first phase ends
	h.keys("enter")
	e := h.p.plan.edit
	if e == nil || !strings.Contains(e.err, "与上一阶段重叠") || !strings.Contains(h.view(), "与上一阶段重叠") {
		t.Fatalf("overlap not refused: %+v\n%s", e, h.view())
	}
	if e.inputs[0].Value() != "2025-09-15" {
		t.Error("the typed date was lost")
	}
	if got := storedPlan(t, st); got.Phases[1].From != before.Phases[1].From {
		t.Fatal("a refused date was stored")
	}
	h.replace("2025-10-01")
	h.keys("tab")
	h.replace("2025-12-15") // a milestone of the phase (12-20) lies after
	h.keys("enter")
	if e := h.p.plan.edit; e == nil || !strings.Contains(e.err, "里程碑") {
		t.Fatalf("a milestone outside was not refused: %+v", e)
	}
	h.keys("esc", "j", "j", "e", "tab")
	h.replace("2026-07-31")
	h.keys("enter")
	if got := storedPlan(t, st).Phases[3].To; got != model.CivilDay(2026, 7, 31) {
		t.Fatalf("last phase ends %s", got)
	}
	if !strings.Contains(h.view(), "已保存") {
		t.Errorf("no confirmation:\n%s", h.view())
	}
}

func TestPlanViewerCannotRename(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.c.Actor.Role = store.Viewer
	name := storedPlan(t, st).Phases[0].Name
	h.keys("p", "r")
	if h.p.plan.edit != nil || !strings.Contains(h.p.plan.msg, "not allowed") {
		t.Fatalf("no refusal: %+v %q", h.p.plan.edit, h.p.plan.msg)
	}
	if storedPlan(t, st).Phases[0].Name != name {
		t.Fatal("a viewer renamed a phase")
	}
}

// TestPlanGenerate: without a plan, g creates the common 12-month plan for
// the as-of day's year.
func TestPlanGenerate(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "empty.db"), store.Options{Location: uitest.Zone})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := newHarness(t, st, i18n.Zh, 100, 30)
	if !strings.Contains(h.view(), "还没有目标") {
		t.Errorf("empty list:\n%s", h.view())
	}
	h.keys("p")
	if !strings.Contains(h.view(), "按 g 生成 2026 年") {
		t.Fatalf("no offer:\n%s", h.view())
	}
	h.keys("g")
	plan := storedPlan(t, st)
	want := model.DefaultPlan("", model.CivilDay(2026, 1, 1))
	if len(plan.Phases) != 4 || plan.Phases[0].From != want.Phases[0].From || plan.Phases[3].To != want.Phases[3].To {
		t.Fatalf("generated %+v", plan)
	}
	if view := h.view(); !strings.Contains(view, "启动") || strings.Contains(view, "Launch") {
		t.Errorf("bilingual names not shown in Chinese:\n%s", view)
	}
	h.keys("g")
	if ps, _ := st.Plans(); len(ps) != 1 {
		t.Fatal("g made a second plan")
	}
}

func TestLocalName(t *testing.T) {
	cases := []struct{ in, zh, en string }{
		{"启动 Launch", "启动", "Launch"},
		{"拉新目标过半 Half of acquisition target", "拉新目标过半", "Half of acquisition target"},
		{"启动", "启动", "启动"},
		{"2025 双11 上线", "2025 双11 上线", "2025 双11 上线"},
		{"Launch now", "Launch now", "Launch now"},
	}
	for _, c := range cases {
		if got := localName(c.in, i18n.Zh); got != c.zh {
			t.Errorf("zh %q → %q", c.in, got)
		}
		if got := localName(c.in, i18n.En); got != c.en {
			t.Errorf("en %q → %q", c.in, got)
		}
	}
}
