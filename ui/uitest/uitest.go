// Package uitest builds what pane tests share: a real store in a temp dir
// filled with the fixed-seed sample, and a session Common with an ASCII
// renderer, a fixed clock and a fixed size, so golden files are stable.
package uitest

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/demo"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
)

// End is the last day of the fixture's events; Now is noon of the next day.
var (
	Zone = mustLoc("Asia/Shanghai")
	End  = model.CivilDay(2026, time.June, 30)
	Now  = time.Date(2026, time.July, 1, 12, 0, 0, 0, Zone)
)

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// SampleConfig is the fixture's sample configuration.
func SampleConfig(members int) sample.Config {
	return sample.Config{Members: members, Seed: 7, End: End, Loc: Zone}
}

// Store returns a store in t's temp dir holding the sample with the given
// number of members (plus its targets, campaigns, plan and retros). It is
// closed when the test ends.
func Store(t testing.TB, members int) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "ui.db"), store.Options{Location: Zone})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := Fill(st, SampleConfig(members)); err != nil {
		t.Fatal(err)
	}
	return st
}

// Fill ingests a sample into st through the same ingest path as import, in
// batches, with the sample's records (the demo's loader: one copy).
func Fill(st *store.Store, cfg sample.Config) error { return demo.Load(st, cfg, nil) }

// Common returns a session context over st for tests: ASCII colour profile,
// the fixed clock, the given language and pane size.
func Common(st *store.Store, lang i18n.Lang, width, height int) *common.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return &common.Common{
		Store: st, Cat: i18n.New(lang), Renderer: r, Styles: theme.New(r, false),
		Now: func() time.Time { return Now }, Rules: model.DefaultRules(),
		Actor: store.Actor{Name: "test", Role: store.Admin}, Width: width, Height: height,
	}
}
