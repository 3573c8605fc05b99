package main

import (
	"fmt"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/ui"
	"github.com/memberops/cockpit/ui/format"
)

// frameLog wraps the root model to time the first frames for benchmarks
// (COCKPIT_FRAMES=FILE): from the start of the process to the first View
// (the shell), to the first View with the daily rollups (the Overview's
// figures), to the first View of the full Overview, its member-level
// figures included (the first full frame: from the KPI cache, or from the
// full analysis when the cache holds nothing true) and to the first View
// with the whole analysis loaded and no load running (every pane ready).
// Bubble Tea writes a frame right after View
// returns, so these are the times the terminal receives them, give or take
// the renderer's frame tick.
type frameLog struct {
	*ui.Model
	start                     time.Time
	shell, rollups, full, all time.Duration
}

// Update forwards to the root and keeps the wrapper as the program's model.
func (f *frameLog) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := f.Model.Update(msg)
	return f, cmd
}

// View draws the root and notes the first frames of each kind.
func (f *frameLog) View() string {
	v := f.Model.View()
	el := time.Since(f.start)
	if f.shell == 0 {
		f.shell = el
	}
	d := f.Model.Data()
	if f.rollups == 0 && d != nil && len(d.Daily) > 0 {
		f.rollups = el
	}
	if f.full == 0 && d != nil && len(d.Daily) > 0 && d.Analysis != nil && f.Model.OverviewComplete() {
		f.full = el
	}
	if f.all == 0 && d != nil && d.Analysis != nil && !d.Early && !f.Model.Loading() {
		f.all = el
	}
	return v
}

// write saves the four times (ms) when the session ends.
func (f *frameLog) write(path string) {
	ms := func(d time.Duration) string { return format.Decimal(float64(d.Microseconds())/1000, 1) }
	line := fmt.Sprintf("shell %s ms, overview from rollups %s ms, first full frame %s ms, analysis loaded %s ms\n",
		ms(f.shell), ms(f.rollups), ms(f.full), ms(f.all))
	_ = os.WriteFile(path, []byte(line), 0o644)
}
