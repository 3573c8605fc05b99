package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/memberops/cockpit/model"
)

// keyLabels labels with the catalogue key itself (the store does not know
// the languages).
func keyLabels(key string, args ...any) string {
	if len(args) > 0 {
		return key + fmt.Sprint(args...)
	}
	return key
}

var editor = Actor{Name: "王磊", Role: Editor}

// TestRetroFiguresHandChecked uses the hand population of
// TestAnalyzeHandChecked (June 2026): the stage flow is the analysis's;
// every member is a regular member at both ends (growth: 100 for
// registering plus at most 800 yuan bought), C is new in the window; every
// member came through 小程序.
func TestRetroFiguresHandChecked(t *testing.T) {
	s := handPopulation(t)
	f, err := s.RetroFigures(model.DefaultRules(), june)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Analyze(model.DefaultRules(), june)
	if err != nil {
		t.Fatal(err)
	}
	if f.StageFlow != a.Flow {
		t.Errorf("stage flow %v, analysis %v", f.StageFlow, a.Flow)
	}
	var want [model.NumTiers + 1][model.NumTiers]int64
	want[model.TierRegular][model.TierRegular] = 4 // A, B, E, F
	want[model.NumTiers][model.TierRegular] = 1    // C
	if f.TierFlow != want {
		t.Errorf("tier flow %v", f.TierFlow)
	}
	if len(f.Channels) != 1 || f.Channels[0].Channel != "小程序" || f.Channels[0].KPIs != f.Snapshot.KPIs {
		t.Errorf("channels %+v", f.Channels)
	}
	snap, _ := s.Snapshot(model.DefaultRules(), june)
	if !reflect.DeepEqual(f.Snapshot, snap) {
		t.Errorf("snapshot %+v, want %+v", f.Snapshot, snap)
	}
	if f.Prev != (model.Window{From: day("2026-05-02"), To: day("2026-05-31")}) {
		t.Errorf("previous window %v", f.Prev)
	}
}

// TestRetroFiguresAgreeWithKPI checks on the sample that the figures are the
// kpi command's (same snapshot), the stage flow the analysis's, the tier
// flow's upgrades the upgrade rate's numerator, and the channels add up to
// the whole for every additive count and amount.
func TestRetroFiguresAgreeWithKPI(t *testing.T) {
	s := sampleStore(t, 3000)
	for _, w := range []model.Window{
		{From: day("2026-05-01"), To: day("2026-05-31")},
		{From: day("2026-02-01"), To: day("2026-02-28")},
		{From: day("2025-07-01"), To: day("2026-06-30")},
	} {
		f, err := s.RetroFigures(model.DefaultRules(), w)
		if err != nil {
			t.Fatal(err)
		}
		snap, _ := s.Snapshot(model.DefaultRules(), w)
		prev, _ := s.Snapshot(model.DefaultRules(), f.Prev)
		if !reflect.DeepEqual(f.Snapshot, snap) || !reflect.DeepEqual(f.PrevSnapshot, prev) {
			t.Fatalf("%v: snapshots differ from Snapshot", w)
		}
		a, _ := s.Analyze(model.DefaultRules(), w)
		if f.StageFlow != a.Flow {
			t.Errorf("%v: stage flow differs from the analysis", w)
		}
		var up, existed int64
		for from := 0; from < int(model.NumTiers); from++ {
			for to, n := range f.TierFlow[from] {
				existed += n
				if to > from {
					up += n
				}
			}
		}
		if (model.Ratio{Num: up, Den: existed}) != snap.KPIs.UpgradeRate {
			t.Errorf("%v: tier upgrades %d/%d, upgrade rate %v", w, up, existed, snap.KPIs.UpgradeRate)
		}
		var sum model.KPIs
		for _, c := range f.Channels {
			k := c.KPIs
			sum.MembersTotal += k.MembersTotal
			sum.NewMembers += k.NewMembers
			sum.ActiveMembers += k.ActiveMembers
			sum.Buyers += k.Buyers
			sum.Orders += k.Orders
			sum.GMVFen += k.GMVFen
			sum.RefundsFen += k.RefundsFen
		}
		k := snap.KPIs
		if sum.MembersTotal != k.MembersTotal || sum.NewMembers != k.NewMembers || sum.ActiveMembers != k.ActiveMembers ||
			sum.Buyers != k.Buyers || sum.Orders != k.Orders || sum.GMVFen != k.GMVFen || sum.RefundsFen != k.RefundsFen {
			t.Errorf("%v: channels sum to %+v, whole %+v", w, sum, k)
		}
		if len(f.Channels) < 3 {
			t.Errorf("%v: only %d channels", w, len(f.Channels))
		}
	}
}

// TestRetroTypedTextSurvivesAKill saves the narrative step by step, as the
// editor does after each change, and after each step closes the file
// without anything else and opens it again (what a kill -9 leaves is what
// was committed): the text of that step is there, and the edits leave one
// audit entry.
func TestRetroTypedTextSurvivesAKill(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.IngestMembers([]model.Member{member("A", "2026-05-01 10:00:00")}); err != nil {
		t.Fatal(err)
	}
	r, err := s.NewRetro(editor, model.DefaultRules(), model.RetroMonthly, "2026-05", "zh", "", "", day("2026-06-30"), keyLabels, model.DefaultRetroFormat())
	if err != nil {
		t.Fatal(err)
	}
	if r.ID == "" || r.Data == nil || r.Data.ID != r.ID || r.Status != model.RetroDraft || r.Editor != "王磊" {
		t.Fatalf("new retro %+v", r)
	}
	steps := []model.RetroNarrative{
		{"本", "", "", ""},
		{"本月", "", "", ""},
		{"本月大促", "", "一、", ""},
		{"本月大促", "渠道：小程序", "一、预热晚了", "- 提前三周"},
	}
	for i, n := range steps {
		if _, err := s.SaveRetroNarrative(editor, r.ID, n); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if s, err = Open(path, Options{Location: shanghai}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Retro(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Narrative() != n || got.Data.Lessons != n[model.SectionLessons] {
			t.Fatalf("step %d: stored %q, typed %q", i, got.Narrative(), n)
		}
		if got.Data == nil || got.Title != r.Title || got.Kind != model.RetroMonthly {
			t.Fatalf("step %d: the rest of the record changed: %+v", i, got)
		}
	}
	defer s.Close()
	log, _ := s.AuditLog(Actor{Name: "admin", Role: Admin})
	edits := 0
	for _, e := range log {
		if e.Action == "retro.edit" {
			edits++
		}
	}
	if edits != 1 {
		t.Errorf("%d retro.edit audit entries, want 1 for one sitting", edits)
	}
	viewer := Actor{Name: "v", Role: Viewer}
	if _, err := s.SaveRetroNarrative(viewer, r.ID, steps[0]); !errors.Is(err, ErrForbidden) {
		t.Errorf("a viewer saved: %v", err)
	}
	if _, err := s.SaveRetroNarrative(editor, "R404", steps[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving a missing retro: %v", err)
	}
}

// TestFinalRetroMarksCampaignReviewed: final marks the campaign reviewed
// (its status after its end becomes reviewed); draft reopens it.
func TestFinalRetroMarksCampaignReviewed(t *testing.T) {
	s, _ := openTemp(t)
	c := model.Campaign{ID: "C-618", Name: "618", Type: model.CampaignPromotion, Start: day("2026-06-01"), End: day("2026-06-18")}
	if _, err := s.PutCampaign(editor, c); err != nil {
		t.Fatal(err)
	}
	r, err := s.NewRetro(editor, model.DefaultRules(), model.RetroCampaign, "C-618", "en", "", "", day("2026-06-30"), keyLabels, model.DefaultRetroFormat())
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "retro.title.campaign618" || !r.Data.CampaignsAvailable || len(r.Data.Campaigns) != 1 {
		t.Fatalf("retro %+v", r)
	}
	asOf := day("2026-06-30")
	for _, st := range []model.RetroStatus{model.RetroFinal, model.RetroDraft, model.RetroFinal} {
		if err := s.SetRetroStatus(editor, r.ID, st); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Retro(r.ID)
		camp, _ := s.Campaign("C-618")
		want := model.StatusEnded
		if st == model.RetroFinal {
			want = model.StatusReviewed
		}
		if got.Status != st || camp.Status(asOf) != want || camp.Reviewed != (st == model.RetroFinal) {
			t.Errorf("after %s: retro %s, campaign %s reviewed=%v", st, got.Status, camp.Status(asOf), camp.Reviewed)
		}
	}
	if err := s.SetRetroStatus(Actor{Name: "v", Role: Viewer}, r.ID, model.RetroDraft); !errors.Is(err, ErrForbidden) {
		t.Errorf("a viewer changed the status: %v", err)
	}
	if err := s.SetRetroStatus(editor, r.ID, "done"); err == nil {
		t.Error("status done accepted")
	}
	// A monthly retro marked final touches no campaign.
	m, err := s.NewRetro(editor, model.DefaultRules(), model.RetroMonthly, "2026-06", "en", "", "", asOf, keyLabels, model.DefaultRetroFormat())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetRetroStatus(editor, m.ID, model.RetroFinal); err != nil {
		t.Fatal(err)
	}
	if _, err := s.NewRetro(editor, model.DefaultRules(), model.RetroCampaign, "C-404", "en", "", "", asOf, keyLabels, model.DefaultRetroFormat()); !errors.Is(err, ErrNotFound) {
		t.Errorf("retro of a missing campaign: %v", err)
	}
}

// TestCustomRetroTemplates loads a team's folder: a good template renders
// a retro with the same data; a broken one is reported with its file and
// line; a name with a folder in it is refused.
func TestCustomRetroTemplates(t *testing.T) {
	s, path := openTemp(t)
	dir := RetroTemplateDir(path)
	if got, errs := CustomRetroTemplates(dir); got != nil || errs != nil {
		t.Fatalf("missing folder: %v %v", got, errs)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("short.md.tmpl", "# {{.Title}}\n\n{{range .KPIs}}- {{.Label}}: {{.Value}}\n{{end}}")
	write("broken.md.tmpl", "# {{.Title}}\n\n{{if .Lessons}\n")
	write("notes.txt", "not a template")
	got, errs := CustomRetroTemplates(dir)
	if len(got) != 1 || filepath.Base(got[0].Name) != "short.md.tmpl" {
		t.Fatalf("templates %v", got)
	}
	var te *model.TemplateError
	if len(errs) != 1 || !errors.As(errs[0], &te) || te.Line != 3 || te.File != filepath.Join(dir, "broken.md.tmpl") {
		t.Fatalf("errors %v", errs)
	}
	r, err := s.NewRetro(editor, model.DefaultRules(), model.RetroMonthly, "2026-06", "en", "short.md.tmpl", "June", day("2026-06-30"), keyLabels, model.DefaultRetroFormat())
	if err != nil {
		t.Fatal(err)
	}
	md, err := RenderRetro(&r, dir, model.DefaultRetroFormat())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(md, "# June\n\n- kpi.members_total: 0\n") {
		t.Errorf("custom render:\n%s", md)
	}
	r.Template = "broken.md.tmpl"
	if _, err := RenderRetro(&r, dir, model.DefaultRetroFormat()); !errors.As(err, &te) || te.Line != 3 {
		t.Errorf("broken template at render: %v", err)
	}
	r.Template = "../short.md.tmpl"
	if _, err := RenderRetro(&r, dir, model.DefaultRetroFormat()); err == nil {
		t.Error("a template outside the folder was used")
	}
}

// BenchmarkSaveRetroNarrative measures one save of the editor (a short bbolt
// transaction with its fsync): what a kill -9 can lose is what was typed
// during one of these.
func BenchmarkSaveRetroNarrative(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "b.db"), Options{Location: shanghai})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r, err := s.NewRetro(editor, model.DefaultRules(), model.RetroMonthly, "2026-05", "zh", "", "", day("2026-06-30"), keyLabels, model.DefaultRetroFormat())
	if err != nil {
		b.Fatal(err)
	}
	n := model.RetroNarrative{strings.Repeat("背景说明文字。", 100), strings.Repeat("分析。", 100), "", ""}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n[2] += "字"
		if _, err := s.SaveRetroNarrative(editor, r.ID, n); err != nil {
			b.Fatal(err)
		}
	}
}
