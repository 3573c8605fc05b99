package targets

import (
	"fmt"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
	"github.com/memberops/cockpit/ui/uitest"
)

// screens are key sequences that reach every screen and state.
var screens = []struct {
	name string
	do   func(h *harness)
}{
	{"list", func(h *harness) {}},
	{"list-end", func(h *harness) { h.keys("end") }},
	{"confirm", func(h *harness) { h.keys("d") }},
	{"tree", func(h *harness) { h.open(idYearGMV) }},
	{"tree-today", func(h *harness) { h.open(idYearGMV); h.keys("t") }},
	{"tree-chart", func(h *harness) { h.open(idYearGMV); h.keys("c") }},
	{"tree-plan-gmv", func(h *harness) { h.open(idPlanGMV); h.keys("t", "c") }},
	{"tree-level", func(h *harness) { h.open(idActive); h.keys("t") }},
	{"tree-level-chart", func(h *harness) { h.open(idRepeatQ2); h.keys("c") }},
	{"form", func(h *harness) { h.keys("n") }},
	{"form-errors", func(h *harness) {
		h.keys("n", "tab", "tab", "tab")
		h.replace("2026-13-45")
		h.keys("tab")
		h.replace("")
		h.keys("tab")
		h.typeText("一百万")
		h.keys("tab", "right", "right", "tab")
		h.typeText("1,2,x")
		h.keys("ctrl+s")
	}},
	{"form-edit", func(h *harness) { h.keys("e") }},
	{"plan", func(h *harness) { h.keys("p") }},
	{"plan-rename", func(h *harness) { h.keys("p", "r") }},
	{"plan-redate-error", func(h *harness) {
		h.keys("p", "j", "e")
		h.replace("2025-01-01")
		h.keys("enter")
	}},
}

// TestFitsEverySize: no screen is wider or taller than the pane, in both
// languages, at the root's smallest pane (80×21), a common one (100×27),
// and smaller sizes that must not break.
func TestFitsEverySize(t *testing.T) {
	st := uitest.Store(t, members)
	for _, lang := range langs {
		for _, sz := range [][2]int{{80, 21}, {100, 27}, {120, 40}, {60, 14}} {
			for _, s := range screens {
				name := fmt.Sprintf("%s/%dx%d/%s", lang, sz[0], sz[1], s.name)
				h := newHarness(t, st, lang, sz[0], sz[1])
				s.do(h)
				checkFits(t, name, h.view(), sz[0], sz[1])
				if h.p.view == viewPlan && h.p.plan.edit == nil {
					h.keys("esc") // only leave screens without pending writes
				}
			}
		}
	}
}

// TestResizeKeepsState: a resize keeps the screen and the cursor visible.
func TestResizeKeepsState(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.open(idYearGMV)
	h.keys("t")
	for _, sz := range [][2]int{{80, 21}, {100, 27}, {40, 8}, {0, 0}, {100, 30}} {
		h.p.SetSize(sz[0], sz[1])
		ts := h.p.tree
		if ts.cursor < ts.offset || ts.cursor >= ts.offset+h.p.treeRows() {
			t.Errorf("%v: cursor %d outside rows %d+%d", sz, ts.cursor, ts.offset, h.p.treeRows())
		}
		if sz[0] > 0 {
			checkFits(t, fmt.Sprint(sz), h.view(), sz[0], sz[1])
		} else if h.view() != "" {
			t.Error("a zero-size pane draws")
		}
	}
}

// TestASCIIMode: with --ascii no character of ambiguous East Asian width
// is left on any screen once the root's replacer has run.
func TestASCIIMode(t *testing.T) {
	st := uitest.Store(t, members)
	for _, lang := range langs {
		for _, s := range screens {
			h := newHarness(t, st, lang, 100, 30)
			h.c.Styles = theme.New(h.c.Renderer, true)
			s.do(h)
			view := h.c.Styles.ASCII.Replace(h.view())
			for _, r := range view {
				if runewidth.IsAmbiguousWidth(r) {
					t.Errorf("%s %s: ambiguous %q (%U)", lang, s.name, r, r)
					break
				}
			}
		}
	}
}
