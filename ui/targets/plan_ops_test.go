package targets

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

// TestPlanMilestoneKeys ticks, adds, moves and deletes milestones with the
// keyboard; every edit is stored, a refused one keeps what was typed.
func TestPlanMilestoneKeys(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.keys("p")
	before := storedPlan(t, st)
	ph0 := before.Phases[0]
	if len(ph0.Milestones) < 2 {
		t.Fatalf("fixture phase 0 has %d milestones", len(ph0.Milestones))
	}

	// Tick: the second milestone of the first phase flips.
	h.keys("l", "x")
	if got := storedPlan(t, st).Phases[0].Milestones[1].Done; got == ph0.Milestones[1].Done {
		t.Fatalf("x did not tick milestone 2 (done %v)", got)
	}
	h.keys("x")
	if got := storedPlan(t, st).Phases[0].Milestones[1].Done; got != ph0.Milestones[1].Done {
		t.Fatal("x twice did not undo")
	}

	// Add with a Chinese name on a day of the first phase.
	day := ph0.From + 3
	h.keys("a")
	if !h.p.Capturing() {
		t.Fatal("adding does not capture keys")
	}
	h.typeText("会员日上线")
	h.keys("tab")
	h.replace(day.String())
	h.keys("enter")
	ms := storedPlan(t, st).Phases[0].Milestones
	if len(ms) != len(ph0.Milestones)+1 || ms[0].Name != "会员日上线" || ms[0].Day != day || ms[0].Done {
		t.Fatalf("added: %+v", ms)
	}
	if h.p.plan.cursor != 0 || h.p.plan.mcur != 0 || !strings.Contains(h.view(), "▸ [ ] "+day.String()+"  会员日上线") {
		t.Errorf("the new milestone is not selected:\n%s", h.view())
	}

	// A day outside the plan is refused, nothing is stored, the text stays.
	h.keys("a")
	h.typeText("明年")
	h.keys("tab")
	h.replace("2030-01-01")
	h.keys("enter")
	if h.p.plan.edit == nil || !strings.Contains(h.view(), "2030-01-01 不在计划期内") {
		t.Fatalf("outside day accepted or not explained:\n%s", h.view())
	}
	if got := len(storedPlan(t, st).Phases[0].Milestones); got != len(ms) {
		t.Fatal("a refused milestone was stored")
	}
	h.keys("esc")

	// Move it into the second phase: it follows to its new place.
	to := before.Phases[1].From + 1
	h.keys("m")
	h.replace(to.String())
	h.keys("enter")
	after := storedPlan(t, st)
	if len(after.Phases[0].Milestones) != len(ph0.Milestones) {
		t.Fatalf("phase 1 still holds %d milestones", len(after.Phases[0].Milestones))
	}
	moved := after.Phases[1].Milestones[0]
	if moved.Name != "会员日上线" || moved.Day != to || h.p.plan.cursor != 1 || h.p.plan.mcur != 0 {
		t.Fatalf("moved: %+v, cursor %d/%d", moved, h.p.plan.cursor, h.p.plan.mcur)
	}

	// Delete asks first: n keeps, y deletes.
	h.keys("d")
	if !h.p.Capturing() || !strings.Contains(h.view(), "删除里程碑 "+to.String()+" 会员日上线？") {
		t.Fatalf("no delete question:\n%s", h.view())
	}
	h.keys("n")
	if len(storedPlan(t, st).Phases[1].Milestones) != len(before.Phases[1].Milestones)+1 {
		t.Fatal("n deleted")
	}
	h.keys("d", "y")
	if got := storedPlan(t, st).Phases[1].Milestones; len(got) != len(before.Phases[1].Milestones) {
		t.Fatalf("y did not delete: %+v", got)
	}
	if h.p.Capturing() {
		t.Error("still capturing after the answer")
	}
}

// TestPlanViewerCannotEditMilestones: a viewer's tick is refused by the
// store and reported.
func TestPlanViewerCannotEditMilestones(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.c.Actor = store.Actor{Name: "v", Role: store.Viewer}
	h.keys("p", "x")
	if !h.p.plan.msgBad || !strings.Contains(h.view(), "not allowed") {
		t.Errorf("no refusal:\n%s", h.view())
	}
}

// TestPlanGenerateNextYearInDecember: in December g makes next year's
// plan; again it only shows the existing one; in June it makes this year's.
func TestPlanGenerateNextYearInDecember(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "empty.db"), store.Options{Location: uitest.Zone})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := newHarness(t, st, i18n.Zh, 100, 30)
	asOf := func(d model.Day) {
		h.send(common.DataMsg{Data: &common.Dataset{Seq: 2, AsOf: d, Window: model.Window{From: d - 29, To: d}}})
	}
	asOf(model.CivilDay(2026, 12, 5))
	h.keys("p")
	if !strings.Contains(h.view(), "按 g 生成 2027 年") {
		t.Fatalf("December does not offer next year:\n%s", h.view())
	}
	h.keys("g")
	plan := storedPlan(t, st)
	if plan.Phases[0].From != model.CivilDay(2027, 1, 1) || plan.Phases[3].To != model.CivilDay(2027, 12, 31) {
		t.Fatalf("generated %s..%s", plan.Phases[0].From, plan.Phases[3].To)
	}
	h.keys("g")
	if ps, _ := st.Plans(); len(ps) != 1 || !strings.Contains(h.view(), "2027 年的计划已存在") {
		t.Fatalf("second g: %d plans\n%s", len(ps), h.view())
	}
	asOf(model.CivilDay(2026, 6, 30))
	h.keys("g")
	ps, _ := st.Plans()
	if len(ps) != 2 || model.PlanCovering(ps, model.CivilDay(2026, 6, 30)) < 0 {
		t.Fatalf("June: %d plans, none for 2026", len(ps))
	}
}
