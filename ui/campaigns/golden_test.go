package campaigns

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

// TestGolden pins every screen at 100×30 in both languages. Regenerate with
// `go test ./ui/campaigns/ -run TestGolden -update` and read the diff.
func TestGolden(t *testing.T) {
	st := uitest.Store(t, members) // the cases only read
	cases := []struct {
		name string
		do   func(h *harness)
	}{
		{"list", func(h *harness) {}},
		{"list-live", func(h *harness) { h.keys("s", "s", "s") }},
		{"detail-reviewed", func(h *harness) { h.open(id618) }},
		{"detail-live-fatigue", func(h *harness) { h.open(idCult) }},
		{"detail-warmup", func(h *harness) { h.open(idSMS) }},
		{"form-new", func(h *harness) { h.keys("n") }},
		{"form-error", func(h *harness) {
			h.keys("n")
			h.focus(h.p.form, fCouponX)
			h.typeText("50")
			h.keys("tab")
			h.typeText("60")
			h.focus(h.p.form, fEnd)
			h.replace("2026-06-01")
			h.keys("ctrl+s")
		}},
		{"form-lifecycle", func(h *harness) {
			h.send(common.NewCampaignMsg{Stage: model.StageSilent, Type: model.CampaignReactivation})
		}},
		{"form-edit", func(h *harness) {
			h.selectCampaign(idPts)
			h.keys("e")
		}},
		{"week", func(h *harness) { h.keys("w") }},
	}
	for _, lang := range langs {
		t.Run(lang.String(), func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					h := newHarness(t, st, lang, 100, 30)
					c.do(h)
					golden.RequireEqual(t, []byte(h.p.View()))
				})
			}
		})
	}
	// 80×24 (the pane gets 21 lines) in Chinese, where widths matter most.
	for _, c := range []string{"list", "detail-live-fatigue", "form-new"} {
		t.Run("zh-80x24/"+c, func(t *testing.T) {
			h := newHarness(t, st, i18n.Zh, 80, 21)
			switch c {
			case "detail-live-fatigue":
				h.open(idCult)
			case "form-new":
				h.keys("n")
			}
			golden.RequireEqual(t, []byte(h.p.View()))
		})
	}
}

// paneModel runs the pane alone in a tea.Program: Init delivers the
// dataset, as the root does after its first load.
type paneModel struct {
	p    *Pane
	data *common.Dataset
}

func (m paneModel) Init() tea.Cmd {
	d := m.data
	return func() tea.Msg { return common.DataMsg{Data: d} }
}

func (m paneModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "ctrl+c" {
		return m, tea.Quit
	}
	_, cmd := m.p.Update(msg)
	return m, cmd
}

func (m paneModel) View() string { return m.p.View() }

// TestTeatest drives the pane in a real tea.Program at 100×30 (teatest):
// the list with the fatigue warning, a live campaign's detail, and the form
// with a refused field, each compared with a golden file.
func TestTeatest(t *testing.T) {
	st := uitest.Store(t, members)
	d := dataset(t, st, 0)
	flows := []struct {
		name  string
		keys  []tea.KeyMsg
		until string
	}{
		{"list-fatigue", nil, "! frequency cap"},
		// The detail's audience movement is computed after it opens: its
		// line is the last thing the golden holds.
		{"detail", []tea.KeyMsg{keyMsg("s"), keyMsg("s"), keyMsg("s"), keyMsg("enter")}, "Audience moved"},
		{"form", []tea.KeyMsg{keyMsg("n"), keyMsg("tab"), keyMsg("ctrl+u"), keyMsg("ctrl+s")}, "1 field needs fixing"},
	}
	for _, f := range flows {
		t.Run(f.name, func(t *testing.T) {
			c := uitest.Common(st, i18n.En, 100, 30)
			p := New(c).(*Pane)
			p.SetSize(100, 30)
			tm := teatest.NewTestModel(t, paneModel{p: p, data: d}, teatest.WithInitialTermSize(100, 30))
			first := "ROI"
			if f.keys == nil {
				first = f.until
			}
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(first)) },
				teatest.WithDuration(10*time.Second))
			for _, k := range f.keys {
				tm.Send(k)
			}
			if f.keys != nil {
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(f.until)) },
					teatest.WithDuration(10*time.Second))
			}
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(paneModel)
			golden.RequireEqual(t, []byte(fm.View()))
		})
	}
}
