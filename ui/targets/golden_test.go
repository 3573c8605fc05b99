package targets

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/memberops/cockpit/ui/uitest"
)

// TestGolden pins every screen at 100×30 in both languages. Regenerate with
// `go test ./ui/targets/ -run TestGolden -update` and read the diff.
func TestGolden(t *testing.T) {
	st := uitest.Store(t, members) // the cases only read
	cases := []struct {
		name string
		do   func(h *harness)
	}{
		{"list", func(h *harness) {}},
		{"list-selected", func(h *harness) { h.selectTarget(idYearNew) }},
		{"tree-today", func(h *harness) {
			h.open(idYearGMV)
			h.keys("t")
		}},
		{"tree-level", func(h *harness) {
			h.open(idRepeatQ2)
			h.keys("t")
		}},
		{"form-empty", func(h *harness) { h.keys("n") }},
		{"form-error", func(h *harness) {
			h.keys("n", "tab")
			h.typeText("年中冲刺")
			h.keys("tab", "tab")
			h.replace("2026-07-01")
			h.keys("tab")
			h.replace("2026-06-01")
			h.keys("tab")
			h.typeText("1.234")
			h.keys("ctrl+s")
		}},
		{"form-edit", func(h *harness) {
			h.selectTarget(idPlanGMV)
			h.keys("e")
		}},
		{"plan", func(h *harness) { h.keys("p", "j", "j", "j") }},
	}
	for _, lang := range langs {
		t.Run(lang.String(), func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					h := newHarness(t, st, lang, 100, 30)
					c.do(h)
					golden.RequireEqual(t, []byte(h.view()))
				})
			}
		})
	}
}
