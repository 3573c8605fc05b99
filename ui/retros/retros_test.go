package retros

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	runewidth.DefaultCondition.EastAsianWidth = false
	os.Exit(m.Run())
}

const members = 1500

var langs = []i18n.Lang{i18n.Zh, i18n.En}

// harness drives the pane the way the root does: Update, then every command
// it returns, their messages fed back until none is left.
type harness struct {
	t  testing.TB
	c  *common.Common
	p  *Pane
	st *store.Store
}

func newHarness(t testing.TB, st *store.Store, lang i18n.Lang, w, h int) *harness {
	t.Helper()
	c := uitest.Common(st, lang, w, h)
	hs := &harness{t: t, c: c, p: New(c).(*Pane), st: st}
	hs.p.SetSize(w, h)
	hs.run(hs.p.Init())
	hs.data()
	return hs
}

// data delivers a dataset loaded as the root loads it.
func (h *harness) data() {
	h.t.Helper()
	info, err := h.st.Info()
	if err != nil {
		h.t.Fatal(err)
	}
	d := &common.Dataset{Seq: 1, Info: info, AsOf: info.LastDay, Window: model.Window{From: info.LastDay - 29, To: info.LastDay}, Latest: true}
	if d.Retros, err = h.st.Retros(); err != nil {
		h.t.Fatal(err)
	}
	if d.Campaigns, err = h.st.Campaigns(); err != nil {
		h.t.Fatal(err)
	}
	if d.Targets, err = h.st.Targets(); err != nil {
		h.t.Fatal(err)
	}
	h.send(common.DataMsg{Data: d})
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.p.Update(msg)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	deadline := time.Now().Add(30 * time.Second)
	for len(queue) > 0 {
		if time.Now().After(deadline) {
			h.t.Fatal("commands did not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := h.p.Update(msg)
			queue = append(queue, next)
		}
	}
}

func (h *harness) keys(ks ...string) {
	h.t.Helper()
	for _, k := range ks {
		h.send(keyMsg(k))
	}
}

// typeText types s as one runes message, as a terminal delivers what an
// input method commits.
func (h *harness) typeText(s string) {
	h.t.Helper()
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
}

func keyMsg(k string) tea.KeyMsg {
	types := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "esc": tea.KeyEsc,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"ctrl+s": tea.KeyCtrlS, "backspace": tea.KeyBackspace, "home": tea.KeyHome, "end": tea.KeyEnd,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "ctrl+end": tea.KeyCtrlEnd,
	}
	if t, ok := types[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func checkFits(t testing.TB, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("%s: %d lines, want %d", name, len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s: line %d is %d wide (> %d): %q", name, i, lw, w, l)
		}
	}
}

// selectRetro moves the list's cursor to the retro with id.
func (h *harness) selectRetro(id string) {
	h.t.Helper()
	h.keys("home")
	for range h.p.retros {
		if h.p.selectedID() == id {
			return
		}
		h.keys("j")
	}
	h.t.Fatalf("retro %s is not listed", id)
}

// The sample's retros (uitest: End 2026-06-30).
const (
	idPromo   = "R-618-2026"
	idWinback = "R-WB-2026Q1"
	idMonthly = "R-M-202605"
)

func TestListShowsWhatEachCovers(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 120, 30)
	rs, _ := st.Retros()
	if len(h.p.retros) != len(rs) || len(rs) < 3 {
		t.Fatalf("listed %d of %d", len(h.p.retros), len(rs))
	}
	view := h.p.View()
	checkFits(t, "list", view, 120, 30)
	for _, r := range rs {
		line := lineWith(view, r.ID)
		if line == "" {
			t.Fatalf("%s not listed:\n%s", r.ID, view)
		}
		for _, want := range []string{h.c.T("retro.kind." + string(r.Kind)), r.Window.From.String(), "draft",
			r.Updated.In(uitest.Zone).Format("2006-01-02 15:04")} {
			if !strings.Contains(line, want) {
				t.Errorf("%s: line %q lacks %q", r.ID, line, want)
			}
		}
	}
	if !strings.Contains(lineWith(view, idPromo), "(C-618-2026)") {
		t.Errorf("campaign retro does not name its campaign: %q", lineWith(view, idPromo))
	}
	// Latest edit first.
	for i := 1; i < len(h.p.retros); i++ {
		if h.p.retros[i].Updated.After(h.p.retros[i-1].Updated) {
			t.Errorf("list not latest first at %d", i)
		}
	}
}

func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestListKeys(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	n := len(h.p.retros)
	for _, s := range []struct {
		key  string
		want int
	}{{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"up", 0}, {"end", n - 1}, {"down", n - 1}, {"home", 0}} {
		h.keys(s.key)
		if h.p.cursor != s.want {
			t.Fatalf("after %q cursor %d, want %d", s.key, h.p.cursor, s.want)
		}
	}
	if h.p.Capturing() {
		t.Error("the list captures keys")
	}
	h.selectRetro(idMonthly)
	h.keys("enter")
	if h.p.view != viewPreview || h.p.pv == nil || h.p.pv.id != idMonthly || !h.p.pv.ready {
		t.Fatalf("enter did not open the preview: view %d %+v", h.p.view, h.p.pv)
	}
	h.keys("esc")
	if h.p.view != viewList {
		t.Fatal("esc did not leave the preview")
	}
	h.keys("e")
	if h.p.view != viewEditor || !h.p.Capturing() || h.p.ed.id != idMonthly {
		t.Fatal("e did not open the editor")
	}
	h.keys("q") // typed, not a quit
	if !strings.HasSuffix(h.p.ed.areas[0].Value(), "q") {
		t.Errorf("q was not typed: %q", h.p.ed.areas[0].Value())
	}
	for _, word := range []string{"up", "tab", "esc", "left", "enter"} { // text that spells a key
		h.typeText(word)
		if h.p.view != viewEditor || !strings.HasSuffix(h.p.ed.areas[0].Value(), word) {
			t.Fatalf("typing %q: view %d, text %q", word, h.p.view, h.p.ed.areas[0].Value())
		}
	}
	h.keys("esc")
	if h.p.view != viewPreview {
		t.Fatal("esc did not leave the editor for the preview")
	}
}

// TestTypedTextIsOnDiskAfterEverySave types Chinese text section by
// section; after each step the commands (the saves) have run, and a second
// store opened on the same file — what a restart after kill -9 finds —
// holds exactly the text typed.
func TestTypedTextIsOnDiskAfterEverySave(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.selectRetro(idWinback)
	h.keys("e")
	before, _ := st.Retro(idWinback)
	st = nil // closed and reopened below
	want := before.Narrative()
	steps := []struct {
		keys []string
		text string
		sec  int
	}{
		{nil, "补充：", 0},
		{nil, "回流会员二单率低。", 0},
		{[]string{"enter"}, "下次提前唤醒", 0},
		{[]string{"tab", "tab"}, "\n4. 券面额偏大", 2},
		{[]string{"tab"}, "\n- 小样本测试", 3},
		{[]string{"backspace"}, "", 3},
	}
	for i, s := range steps {
		h.keys(s.keys...)
		if s.text != "" {
			h.typeText(s.text)
		}
		for _, k := range s.keys {
			switch k {
			case "enter":
				want[s.sec] += "\n"
			}
		}
		if s.keys != nil && s.keys[0] == "backspace" {
			r := []rune(want[s.sec])
			want[s.sec] = string(r[:len(r)-1])
		}
		want[s.sec] += s.text
		if got := h.p.ed.narrative(); got != want {
			t.Fatalf("step %d: editor holds %q, want %q", i, got, want)
		}
		if h.p.ed.dirty() {
			t.Fatalf("step %d: still unsaved after the commands ran", i)
		}
		// The process's store goes away as a killed process's would (no
		// more writes), and a new one opens the file.
		path := h.st.Path()
		h.st.Close()
		reopened, err := store.Open(path, store.Options{Location: uitest.Zone})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { reopened.Close() })
		h.st, h.c.Store = reopened, reopened
		got, err := reopened.Retro(idWinback)
		if err != nil {
			t.Fatal(err)
		}
		if got.Narrative() != want {
			t.Fatalf("step %d: on disk %q, typed %q", i, got.Narrative(), want)
		}
		if got.Editor != "test" {
			t.Errorf("step %d: editor %q", i, got.Editor)
		}
	}
}

// TestUnsavedMarkWhileASaveIsPending holds the save command back: the mark
// shows, edits meanwhile start no second save, and when the first returns
// the newest text is saved next.
func TestUnsavedMarkWhileASaveIsPending(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.selectRetro(idMonthly)
	h.keys("e")
	_, cmd := h.p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("甲")})
	if cmd == nil || !h.p.ed.saving {
		t.Fatal("an edit started no save")
	}
	if !strings.Contains(h.p.View(), "● unsaved") {
		t.Errorf("no unsaved mark:\n%s", h.p.View())
	}
	_, cmd2 := h.p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("乙")})
	if cmd2 != nil {
		if _, ok := cmd2().(retroSaved); ok {
			t.Fatal("a second save started while one runs")
		}
	}
	// A resize and a dataset meanwhile change nothing typed.
	h.p.SetSize(80, 24)
	h.data()
	h.run(cmd) // the first save returns; the newest text is saved next
	if h.p.ed.dirty() {
		t.Fatal("still unsaved")
	}
	got, _ := st.Retro(idMonthly)
	if !strings.HasSuffix(got.Background, "甲乙") {
		t.Errorf("stored %q", got.Background)
	}
	if !strings.Contains(h.p.View(), "saved") || strings.Contains(h.p.View(), "unsaved") {
		t.Errorf("mark after saving:\n%s", h.p.View())
	}
}

func TestNewOffersEndedCampaignsAndClosedMonthsFirst(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 110, 30)
	h.keys("n")
	if h.p.view != viewNew {
		t.Fatal("n did not open the chooser")
	}
	opts := h.p.choose.opts
	seenRest := false
	has := map[string]bool{}
	for _, r := range h.p.data.Retros {
		has[string(r.Kind)+"/"+r.Subject] = true
	}
	for _, o := range opts {
		if !o.suggested {
			seenRest = true
			continue
		}
		if seenRest {
			t.Fatalf("suggestion %v after the rest", o)
		}
		if has[string(o.kind)+"/"+o.subject] {
			t.Errorf("%v suggested but it has a retro", o)
		}
		if o.kind == model.RetroCampaign && o.w.To >= uitest.End {
			t.Errorf("campaign %s suggested before it ended", o.subject)
		}
	}
	if len(opts) == 0 || !opts[0].suggested || !strings.Contains(h.p.View(), "suggested") {
		t.Fatalf("no suggestion first:\n%s", h.p.View())
	}
	// June 2026 closed on the fixture's last day and has no retro.
	found := false
	for _, o := range opts {
		found = found || (o.kind == model.RetroMonthly && o.subject == "2026-06" && o.suggested)
	}
	if !found {
		t.Error("the month just closed is not suggested")
	}
	// Create a monthly retro for June: it opens in the editor and is stored.
	for i, o := range opts {
		if o.subject == "2026-06" {
			for j := 0; j < i; j++ {
				h.keys("down")
			}
		}
	}
	h.keys("enter")
	if h.p.view != viewEditor || h.p.ed == nil {
		t.Fatalf("enter did not create and edit: %q", h.p.msg)
	}
	r, err := st.Retro(h.p.ed.id)
	if err != nil || r.Kind != model.RetroMonthly || r.Subject != "2026-06" || r.Lang != "en" || r.Data == nil {
		t.Fatalf("created %+v %v", r, err)
	}
	h.keys("esc", "esc")
	if h.p.view != viewList || h.p.selectedID() != r.ID {
		t.Errorf("back on the list at %q", h.p.selectedID())
	}
}

func TestFinalExportAndViewer(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.selectRetro(idPromo)
	h.keys("f")
	r, _ := st.Retro(idPromo)
	c, _ := st.Campaign("C-618-2026")
	if !r.Final() || !c.Reviewed || !strings.Contains(h.p.msg, "C-618-2026") {
		t.Fatalf("f: retro %s, campaign reviewed %v, msg %q", r.Status, c.Reviewed, h.p.msg)
	}
	h.keys("x")
	path := strings.TrimPrefix(h.p.msg, "已导出到 ")
	md, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(md), "## 可复用经验") || !strings.Contains(string(md), "定稿") {
		t.Fatalf("export %q: %v\n%s", h.p.msg, err, md)
	}
	h.keys("r")
	if r, _ := st.Retro(idPromo); r.Data == nil || r.Data.AsOf != uitest.End {
		t.Errorf("refresh: %+v", r.Data)
	}
	// A viewer sees, previews and exports, but cannot write.
	v := newHarness(t, st, i18n.En, 100, 30)
	v.c.Actor = store.Actor{Name: "viewer", Role: store.Viewer}
	v.keys("n")
	if v.p.view != viewList || !strings.Contains(v.p.msg, "not allowed") {
		t.Errorf("viewer n: view %d msg %q", v.p.view, v.p.msg)
	}
	v.keys("e")
	if v.p.view == viewEditor {
		t.Error("viewer opened the editor")
	}
	v.keys("enter")
	if v.p.view != viewPreview {
		t.Error("viewer cannot preview")
	}
}

// TestEveryScreenFits draws every screen in both languages at 80×24 and
// 100×30, after a resize in the middle of each.
func TestEveryScreenFits(t *testing.T) {
	st := uitest.Store(t, members)
	for _, lang := range langs {
		for _, size := range [][2]int{{80, 24}, {100, 30}, {140, 40}} {
			h := newHarness(t, st, lang, 100, 30)
			h.p.SetSize(size[0], size[1])
			h.selectRetro(idPromo)
			checkFits(t, "list", h.p.View(), size[0], size[1])
			h.keys("enter")
			checkFits(t, "preview", h.p.View(), size[0], size[1])
			h.keys("pgdown", "right")
			checkFits(t, "preview scrolled", h.p.View(), size[0], size[1])
			h.keys("e")
			h.typeText("很长的一段中文文字，用来检查编辑器在窄屏下的换行是否保持对齐，不会超出宽度。")
			checkFits(t, "editor", h.p.View(), size[0], size[1])
			h.keys("esc", "esc", "n")
			checkFits(t, "new", h.p.View(), size[0], size[1])
		}
	}
}

// TestGolden pins the list, the chooser, the editor and the preview at
// 100×30 in both languages. Regenerate with `go test ./ui/retros/ -run
// TestGolden -update` and read the diff.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		do   func(h *harness)
	}{
		{"list", func(h *harness) {}},
		{"new", func(h *harness) { h.keys("n") }},
		{"editor", func(h *harness) {
			h.selectRetro(idMonthly)
			h.keys("e", "tab", "tab")
			h.typeText("\n3. 会员日活动提前一天预告，效果明显。")
		}},
		{"preview", func(h *harness) {
			h.selectRetro(idPromo)
			h.keys("enter")
		}},
		{"preview-scrolled", func(h *harness) {
			h.selectRetro(idPromo)
			h.keys("enter", "pgdown", "pgdown")
		}},
	}
	for _, lang := range langs {
		t.Run(lang.String(), func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					st := uitest.Store(t, members)
					h := newHarness(t, st, lang, 100, 30)
					c.do(h)
					view := h.p.View()
					checkFits(t, c.name, view, 100, 30)
					golden.RequireEqual(t, []byte(view))
				})
			}
		})
	}
}
