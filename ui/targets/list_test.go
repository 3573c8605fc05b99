package targets

import (
	"errors"
	"strings"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

func TestListShowsEveryTargetWithItsPace(t *testing.T) {
	st := uitest.Store(t, members)
	ts, err := st.Targets()
	if err != nil || len(ts) < 8 {
		t.Fatalf("sample targets: %d, %v", len(ts), err)
	}
	h := newHarness(t, st, i18n.En, 120, 30)
	if len(h.p.list.targets) != len(ts) {
		t.Fatalf("list has %d targets, store %d", len(h.p.list.targets), len(ts))
	}
	view := h.view()
	for _, tg := range ts {
		s, ok := h.p.list.sums[tg.ID]
		if !ok || s.err != nil {
			t.Fatalf("%s: no summary (%v)", tg.ID, s.err)
		}
		// the list's whole-period row is the store's report's
		rep, err := st.TargetReport(h.c.Rules, tg, uitest.End)
		if err != nil {
			t.Fatal(err)
		}
		if s.row.Actual != rep.Whole.Actual || s.row.Expected != rep.Whole.Expected || s.row.Status != rep.Whole.Status {
			t.Errorf("%s: list row %+v, report %+v", tg.ID, s.row, rep.Whole)
		}
		for _, want := range []string{model.FormatTargetValue(tg.Metric, tg.Value), h.c.T("kpi." + tg.Metric)} {
			if !strings.Contains(view, want) {
				t.Errorf("%s: list lacks %q", tg.ID, want)
			}
		}
	}
	for _, want := range []string{"ahead", "behind", "█"} {
		if !strings.Contains(view, want) {
			t.Errorf("list lacks %q:\n%s", want, view)
		}
	}
}

func TestListKeysMoveAndSwitchScreens(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	l := &h.p.list
	n := len(l.targets)
	steps := []struct {
		key  string
		want int
	}{{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"up", 0}, {"end", n - 1}, {"down", n - 1}, {"home", 0}, {"pgdown", n - 1}, {"pgup", 0}}
	for _, s := range steps {
		h.keys(s.key)
		if l.cursor != s.want {
			t.Fatalf("after %q cursor %d, want %d", s.key, l.cursor, s.want)
		}
	}
	if h.p.Capturing() {
		t.Error("the list captures keys")
	}
	h.keys("p")
	if h.p.view != viewPlan {
		t.Fatal("p did not open the plan")
	}
	h.keys("esc")
	if h.p.view != viewList {
		t.Fatal("esc did not leave the plan")
	}
	h.keys("enter")
	if h.p.view != viewTree || h.p.tree == nil || h.p.tree.id != l.targets[0].ID {
		t.Fatal("enter did not open the selected target")
	}
	h.keys("esc")
	if h.p.view != viewList || h.p.tree != nil {
		t.Fatal("esc did not close the tree")
	}
	h.keys("n")
	if h.p.view != viewForm || !h.p.Capturing() {
		t.Fatal("n did not open a capturing form")
	}
	h.keys("esc")
	if h.p.view != viewList || h.p.form != nil {
		t.Fatal("esc did not cancel the form")
	}
	if len(h.p.FullHelp()) == 0 || len(h.p.ShortHelp()) == 0 {
		t.Error("no help for the list")
	}
}

func TestDeleteAsksAndDeletes(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.selectTarget(idOrders)
	h.keys("d")
	if !h.p.Capturing() || !strings.Contains(h.view(), "按 y 删除") {
		t.Fatalf("d did not ask:\n%s", h.view())
	}
	h.keys("n")
	if _, err := st.Target(idOrders); err != nil || h.p.Capturing() {
		t.Fatalf("n deleted or kept asking: %v", err)
	}
	h.keys("d", "y")
	if _, err := st.Target(idOrders); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("y did not delete: %v", err)
	}
	if h.p.list.index(idOrders) >= 0 {
		t.Error("the deleted target is still listed")
	}
	if !strings.Contains(h.view(), "目标 "+idOrders+" 已删除") {
		t.Errorf("no confirmation of the deletion:\n%s", h.view())
	}
}

func TestViewerCannotDelete(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.c.Actor.Role = store.Viewer
	h.selectTarget(idOrders)
	h.keys("d", "y")
	if _, err := st.Target(idOrders); err != nil {
		t.Fatalf("a viewer deleted: %v", err)
	}
	if !strings.Contains(h.view(), "not allowed") {
		t.Errorf("no refusal shown:\n%s", h.view())
	}
}

// TestReloadsOnData: a change made elsewhere (another session) shows after
// the root's next dataset, in the list and in an open tree.
func TestReloadsOnData(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.open(idYearNew)
	tg, err := st.Target(idYearNew)
	if err != nil {
		t.Fatal(err)
	}
	tg.Value = 4321
	if _, err := st.PutTarget(store.Actor{Name: "other", Role: store.Editor}, tg); err != nil {
		t.Fatal(err)
	}
	h.data()
	if got := h.p.tree.data.t.Value; got != 4321 {
		t.Errorf("open tree still has value %d", got)
	}
	if got := h.p.tree.data.nodes[0].row.Target; got != 4321 {
		t.Errorf("tree's whole row target %d", got)
	}
	h.keys("esc")
	if i := h.p.list.index(idYearNew); i < 0 || h.p.list.targets[i].Value != 4321 {
		t.Error("list did not reload")
	}
	if !strings.Contains(h.view(), "4321") {
		t.Errorf("list does not show the new value:\n%s", h.view())
	}
}

// TestStaleResultsAreDropped: a result that a newer request overtook does
// not replace what is shown.
func TestStaleResultsAreDropped(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	n := len(h.p.list.targets)
	h.send(listLoaded{seq: h.p.list.seq - 1, asOf: 1})
	if len(h.p.list.targets) != n || h.p.list.asOf != uitest.End {
		t.Fatal("an old list result was applied")
	}
	h.open(idOrders)
	h.send(treeLoaded{seq: h.p.tree.seq - 1, id: idOrders, err: errors.New("old")})
	if h.p.tree.err != nil {
		t.Fatal("an old tree result was applied")
	}
	h.send(targetSaved{seq: 12345, id: "X"})
	h.send(targetDeleted{seq: 1, id: "nope", err: store.ErrNotFound})
	if h.p.view != viewTree {
		t.Fatal("a stray result changed the screen")
	}
}

// TestQuickReloadReusesLevelFigures: a reload after a quick refresh (the
// day rollups only) keeps level targets' figures instead of scanning every
// member again, as long as the target and the day are unchanged; additive
// targets are always recomputed.
func TestQuickReloadReusesLevelFigures(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	sentinel := func(id string) summary {
		s := h.p.list.sums[id]
		s.row.Actual = -42
		return s
	}
	prev := map[string]summary{idRepeatQ2: sentinel(idRepeatQ2), idYearGMV: sentinel(idYearGMV)}
	pending := func(res listLoaded, id string) bool {
		for _, tg := range res.level {
			if tg.ID == id {
				return true
			}
		}
		return false
	}
	res := loadList(st, h.c.Rules, uitest.End, uitest.Now, prev, true, 7)().(listLoaded)
	if res.sums[idRepeatQ2].row.Actual != -42 || pending(res, idRepeatQ2) {
		t.Error("level figures were recomputed on a quick reload")
	}
	if res.sums[idYearGMV].row.Actual == -42 {
		t.Error("additive figures were reused")
	}
	if !pending(res, idActive) {
		t.Error("a level target without earlier figures is not computed")
	}
	res = loadList(st, h.c.Rules, uitest.End, uitest.Now, prev, false, 8)().(listLoaded)
	if !pending(res, idRepeatQ2) || res.sums[idRepeatQ2].row.Actual != -42 {
		t.Error("a full reload does not recompute level figures (showing the old meanwhile)")
	}
	res = loadList(st, h.c.Rules, uitest.End-1, uitest.Now, prev, true, 9)().(listLoaded)
	if !pending(res, idRepeatQ2) {
		t.Error("level figures of another day were reused")
	}
	lv := h.p.loadLevel(res.level, uitest.End, 9)().(levelLoaded)
	for _, s := range lv.sums {
		if s.t.ID == idActive && s.row != h.p.list.sums[idActive].row {
			t.Errorf("level row %+v, list %+v", s.row, h.p.list.sums[idActive].row)
		}
	}
	// Through Update: the same dataset again is a quick reload, a new
	// analysis a full one.
	d := &common.Dataset{AsOf: uitest.End}
	h.send(common.DataMsg{Data: d})
	cp := *d
	h.p.list.sums = map[string]summary{idRepeatQ2: sentinel(idRepeatQ2)}
	h.send(common.DataMsg{Data: &cp})
	if h.p.list.sums[idRepeatQ2].row.Actual != -42 {
		t.Error("a quick dataset rescanned the members")
	}
	cp2 := cp
	cp2.Analysis = &store.Analysis{}
	h.send(common.DataMsg{Data: &cp2})
	if h.p.list.sums[idRepeatQ2].row.Actual == -42 {
		t.Error("a new analysis did not recompute level figures")
	}
}

// TestListShowsBeforeLevelFigures: the list shows as soon as the targets
// and additive figures are read; level rows say they are loading until
// their scan ends.
func TestListShowsBeforeLevelFigures(t *testing.T) {
	st := uitest.Store(t, members)
	c := uitest.Common(st, i18n.En, 100, 30)
	p := New(c).(*Pane)
	p.SetSize(100, 30)
	first := loadList(st, c.Rules, uitest.End, uitest.Now, nil, false, 0)().(listLoaded)
	p.list.inFlight, p.list.seq = true, first.seq
	_, next := p.Update(first)
	if next == nil || len(first.level) == 0 {
		t.Fatal("no level scan follows")
	}
	view := p.View()
	if !strings.Contains(view, "loading") || !strings.Contains(view, "2026 年度会员 GMV") {
		t.Fatalf("the list does not show with level rows loading:\n%s", view)
	}
	if _, ok := p.list.sums[idRepeatQ2]; ok {
		t.Fatal("a level row has figures before its scan")
	}
	p.Update(next())
	if s, ok := p.list.sums[idRepeatQ2]; !ok || s.err != nil || p.list.inFlight {
		t.Fatalf("level figures did not arrive: %+v", s)
	}
	if strings.Contains(p.View(), "loading") {
		t.Error("still loading")
	}
}
