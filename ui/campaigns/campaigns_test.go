package campaigns

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
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

const members = 2000

var langs = []i18n.Lang{i18n.Zh, i18n.En}

// Sample campaign ids with End 2026-06-30.
const (
	idCult  = "C-CULT-202606" // cultivation, live, one late task, in the cap conflict
	idPts   = "C-PTS-202606"  // points week, live from the last day, in the cap conflict
	idSMS   = "C-SMS-202606"  // reactivation SMS, warm-up D-3
	id618   = "C-618-2026"    // promotion, reviewed
	idReact = "C-REACT-202604"
)

// harness drives the pane as the root does: Update, then every command's
// message back in, until none is left (spinner ticks dropped).
type harness struct {
	t     testing.TB
	c     *common.Common
	p     *Pane
	st    *store.Store
	files map[string][]byte // what SaveFile wrote
}

func newHarness(t testing.TB, st *store.Store, lang i18n.Lang, w, h int) *harness {
	t.Helper()
	c := uitest.Common(st, lang, w, h)
	hs := &harness{t: t, c: c, st: st, files: map[string][]byte{}}
	c.SaveFile = func(name string, write func(io.Writer) error) (string, error) {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return "", err
		}
		hs.files[name] = b.Bytes()
		return "/exports/" + name, nil
	}
	hs.p = New(c).(*Pane)
	hs.p.SetSize(w, h)
	hs.run(hs.p.Init())
	hs.data(0)
	return hs
}

// data delivers a dataset as of asOf (0: the data's last day), as the root
// does after a load.
func (h *harness) data(asOf model.Day) {
	h.t.Helper()
	h.send(common.DataMsg{Data: dataset(h.t, h.st, asOf)})
}

func dataset(t testing.TB, st *store.Store, asOf model.Day) *common.Dataset {
	t.Helper()
	info, err := st.Info()
	if err != nil {
		t.Fatal(err)
	}
	if asOf == 0 {
		asOf = info.LastDay
	}
	w := model.Window{From: asOf - 29, To: asOf}
	a, err := st.Analyze(model.DefaultRules(), w)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.Campaigns()
	if err != nil {
		t.Fatal(err)
	}
	return &common.Dataset{Seq: 1, Info: info, AsOf: asOf, Window: w, Analysis: a, Campaigns: cs, Latest: true}
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.p.Update(msg)
	h.run(cmd)
}

func (h *harness) keys(ks ...string) {
	h.t.Helper()
	for _, k := range ks {
		h.send(keyMsg(k))
	}
}

func (h *harness) typeText(s string) {
	h.t.Helper()
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
}

// replace clears the focused input and types s.
func (h *harness) replace(s string) {
	h.t.Helper()
	h.keys("end", "ctrl+u")
	if s != "" {
		h.typeText(s)
	}
}

// focus tabs to the form field key.
func (h *harness) focus(f interface{ Focused() string }, key string) {
	h.t.Helper()
	for i := 0; i < 30; i++ {
		if f.Focused() == key {
			return
		}
		h.keys("tab")
	}
	h.t.Fatalf("field %s not reached", key)
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
		case spinner.TickMsg:
		default:
			_, next := h.p.Update(msg)
			queue = append(queue, next)
		}
	}
}

// selectCampaign moves the list's cursor to the campaign id.
func (h *harness) selectCampaign(id string) {
	h.t.Helper()
	h.keys("home")
	for i := 0; i < len(h.p.rows); i++ {
		if r := h.p.selected(); r != nil && r.c.ID == id {
			return
		}
		h.keys("j")
	}
	h.t.Fatalf("campaign %s not in the list", id)
}

func (h *harness) open(id string) {
	h.t.Helper()
	h.selectCampaign(id)
	h.keys("enter")
	if h.p.view != viewDetail {
		h.t.Fatalf("detail of %s did not open", id)
	}
}

func keyMsg(k string) tea.KeyMsg {
	types := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "esc": tea.KeyEsc,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"ctrl+s": tea.KeyCtrlS, "backspace": tea.KeyBackspace, "ctrl+u": tea.KeyCtrlU,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
	}
	if t, ok := types[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	if k == "space" {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func checkFits(t testing.TB, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%s: %d lines, more than %d", name, len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s: line %d is %d wide (> %d): %q", name, i, lw, w, l)
		}
	}
}

func TestListStatusesFiltersAndSort(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	if len(h.p.rows) != 12 || h.p.fatigue.OverCap == 0 {
		t.Fatalf("%d campaigns, fatigue %+v", len(h.p.rows), h.p.fatigue)
	}
	want := map[string]model.CampaignStatus{idCult: model.StatusLive, idPts: model.StatusLive, idSMS: model.StatusWarmup,
		id618: model.StatusReviewed, idReact: model.StatusEnded}
	for id, s := range want {
		if r := h.p.find(id); r == nil || r.status != s {
			t.Errorf("%s: %+v, want %v", id, r, s)
		}
	}
	if r := h.p.find(idSMS); r.cd != (model.Countdown{Kind: model.CountStart, Days: 3}) {
		t.Errorf("warm-up countdown %+v", r.cd)
	}
	if !h.p.find(idCult).capped || !h.p.find(idPts).capped || h.p.find(idSMS).capped {
		t.Error("the live pair must be marked, the SMS not")
	}
	view := h.p.View()
	for _, s := range []string{"! frequency cap:", "warm-up D-3", "20 d to end", "6 d to end"} {
		if !strings.Contains(view, s) {
			t.Errorf("list lacks %q:\n%s", s, view)
		}
	}
	// s cycles the status filter: draft, warm-up, live …
	h.keys("s", "s", "s")
	if vis := h.p.visible(); len(vis) != 2 || vis[0].status != model.StatusLive {
		t.Errorf("live filter: %d rows", len(vis))
	}
	h.keys("s", "s", "s", "s") // ended, reviewed, cancelled, any
	if h.p.list.status != -1 || len(h.p.visible()) != 12 {
		t.Errorf("filter did not come back to any: %d", h.p.list.status)
	}
	h.keys("t", "t", "t") // promotion
	for _, r := range h.p.visible() {
		if r.c.Type != model.CampaignPromotion {
			t.Errorf("type filter kept %s", r.c.ID)
		}
	}
	h.keys("t", "t", "t") // any
	h.keys("o")
	vis := h.p.visible()
	for i := 1; i < len(vis); i++ {
		a, b := vis[i-1].res.ROI, vis[i].res.ROI
		if b.Valid() && (!a.Valid() || model.CompareRatios(a, b) < 0) {
			t.Errorf("ROI order broken at %d: %v then %v", i, a, b)
		}
	}
	// The status moves with the as-of day.
	h.data(uitest.End + 3)
	if r := h.p.find(idSMS); r.status != model.StatusLive || r.cd.Days != 13 {
		t.Errorf("SMS three days later: %v %+v", r.status, r.cd)
	}
}

func TestFormCreatesCampaignAndRefusesBadInput(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.keys("n")
	if h.p.view != viewForm || !h.p.Capturing() {
		t.Fatal("n did not open the form")
	}
	f := h.p.form
	all := h.p.formSize.size
	if !h.p.formSize.ok || all == 0 {
		t.Fatalf("no audience size: %+v", h.p.formSize)
	}
	h.focus(f, fStages)
	h.keys("right", "right", "right", "space") // silent
	silent := h.p.formSize.size
	if !h.p.formSize.ok || silent == 0 || silent >= all {
		t.Errorf("size did not follow the stage: %d of %d", silent, all)
	}
	h.focus(f, fName)
	h.replace("沉默唤醒测试")
	h.focus(f, fCouponX)
	h.typeText("50")
	h.focus(f, fCouponY)
	h.typeText("50") // refused: Y must be < X
	h.focus(f, fEnd)
	h.replace("2026-06-01") // before the start
	h.keys("ctrl+s")
	if h.p.view != viewForm || f.Errors() == 0 {
		t.Fatalf("bad input accepted: view %d", h.p.view)
	}
	view := h.p.View()
	if !strings.Contains(view, "✗ 结束早于开始") {
		t.Errorf("no message beside the end:\n%s", view)
	}
	if f.Value(fName) != "沉默唤醒测试" || f.Value(fCouponY) != "50" {
		t.Error("typed values lost")
	}
	h.focus(f, fEnd)
	h.replace("2026-07-20")
	h.keys("ctrl+s")
	if !strings.Contains(h.p.View(), "✗ 满 X 减 Y 要求 0 < Y < X") {
		t.Errorf("coupon not refused:\n%s", h.p.View())
	}
	h.focus(f, fCouponY)
	h.replace("10")
	h.keys("ctrl+s")
	if h.p.view != viewDetail {
		t.Fatalf("not saved: %d\n%s", h.p.view, h.p.View())
	}
	id := h.p.det.id
	c, err := st.Campaign(id)
	if err != nil || c.Name != "沉默唤醒测试" || len(c.Audience.Stages) != 1 || c.Audience.Stages[0] != model.StageSilent ||
		c.Coupon != (model.Coupon{MinSpendFen: 5000, SaveFen: 1000}) {
		t.Fatalf("stored %+v %v", c, err)
	}
	log, _ := st.AuditLog(store.Actor{Name: "admin", Role: store.Admin})
	if last := log[len(log)-1]; last.Action != "campaign.put" || last.Object != id || last.Who != "test" {
		t.Errorf("audit %+v", last)
	}
	// The store's change reaches the pane with the next dataset.
	h.data(0)
	if r := h.p.find(id); r == nil || r.size != silent {
		t.Errorf("new campaign in the list: %+v, size want %d", r, silent)
	}
}

func TestFormEscAsksBeforeDiscarding(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.keys("n", "esc")
	if h.p.view != viewList {
		t.Fatal("an untouched form closes on esc")
	}
	h.keys("n", "tab")
	h.replace("changed")
	h.keys("esc")
	if h.p.view != viewForm || !h.p.form.Asking() || !strings.Contains(h.p.View(), "Discard your changes?") {
		t.Fatal("esc on a changed form must ask")
	}
	h.keys("n")
	if h.p.view != viewForm || h.p.form.Value(fID) != "changed" {
		t.Fatal("n goes back to the form as typed")
	}
	h.keys("esc", "y")
	if h.p.view != viewList {
		t.Fatal("y discards")
	}
}

func TestLifecycleHookPrefillsTheForm(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.send(common.NewCampaignMsg{Stage: model.StageSilent, Type: model.CampaignReactivation})
	f := h.p.form
	if h.p.view != viewForm || f == nil {
		t.Fatal("no form")
	}
	if model.CampaignTypes[f.Choice(fType)] != model.CampaignReactivation || f.Value(fName) != "沉默期 · 唤醒" ||
		len(f.Selected(fStages)) != 1 || f.Selected(fStages)[0] != int(model.StageSilent) || f.Focused() != fName {
		t.Errorf("prefill: type %d name %q stages %v focus %s", f.Choice(fType), f.Value(fName), f.Selected(fStages), f.Focused())
	}
	if ch := f.Selected(fChannels); len(ch) != 1 || model.CampaignChannels[ch[0]] != "sms" {
		t.Errorf("channels %v", ch)
	}
	h.keys("ctrl+s")
	c, err := st.Campaign(h.p.det.id)
	if err != nil || c.Type != model.CampaignReactivation || c.Start != uitest.End+7 || c.WarmupStart != uitest.End+3 {
		t.Errorf("saved %+v %v", c, err)
	}
}

func TestTasksAndExport(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.open(idCult)
	r := h.p.find(idCult)
	late := -1
	for i, tk := range r.c.Tasks {
		if tk.Overdue(h.p.asOf) {
			late = i
		}
	}
	if late < 0 || !strings.Contains(h.p.View(), "LATE") {
		t.Fatal("no late task shown")
	}
	for range late {
		h.keys("j")
	}
	h.keys("space")
	if c, _ := st.Campaign(idCult); !c.Tasks[late].Done {
		t.Error("space did not mark the task done")
	}
	// Add a task through the task form; a due day before the start is refused.
	h.keys("a")
	tf := h.p.task
	h.typeText("短信文案")
	h.keys("tab")
	h.typeText("李娜")
	h.keys("tab", "tab")
	h.typeText("2026-06-01")
	h.keys("ctrl+s")
	if h.p.view != viewTaskForm || tf.Errors() != 1 {
		t.Fatalf("due before start accepted")
	}
	h.replace("2026-07-03")
	h.keys("ctrl+s")
	c, _ := st.Campaign(idCult)
	if h.p.view != viewDetail || len(c.Tasks) != len(r.c.Tasks)+1 || c.Tasks[len(c.Tasks)-1].Assignee != "李娜" {
		t.Fatalf("task not added: %d tasks", len(c.Tasks))
	}
	// Export: the points week shares the cultivation's growth members; the
	// later campaign (the points week) leaves them out.
	h.data(0)
	h.keys("esc")
	h.open(idPts)
	h.keys("x")
	raw := h.files[idPts+"-audience.csv"]
	if !bytes.HasPrefix(raw, []byte("\ufeffmember_id,name,phone,stage,tier,segment,tags\r\n")) {
		t.Fatalf("csv head %q", raw[:min(len(raw), 80)])
	}
	rows := bytes.Count(raw, []byte("\r\n")) - 1
	pts := h.p.find(idPts)
	if int64(rows) >= pts.size || !strings.Contains(h.p.View(), "left out by the frequency cap") {
		t.Errorf("cap not enforced: %d rows of %d\n%s", rows, pts.size, h.p.View())
	}
	if bytes.Contains(raw, []byte(",growth,")) {
		t.Error("growth members (in the earlier cultivation campaign) were not left out")
	}
}

func TestWeekView(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.keys("w")
	v := h.p.View()
	if h.p.view != viewWeek || !strings.Contains(v, "本周到期任务") || !strings.Contains(v, "已逾期") {
		t.Errorf("week view:\n%s", v)
	}
	h.keys("esc")
	if h.p.view != viewList {
		t.Error("esc back")
	}
}

func TestViewerCannotSave(t *testing.T) {
	st := uitest.Store(t, members)
	h := newHarness(t, st, i18n.En, 100, 30)
	h.c.Actor = store.Actor{Name: "v", Role: store.Viewer}
	h.keys("n", "ctrl+s")
	if h.p.view != viewForm || !strings.Contains(h.p.View(), "not allowed") {
		t.Errorf("a viewer's save:\n%s", h.p.View())
	}
}

func TestEveryScreenFits(t *testing.T) {
	st := uitest.Store(t, members)
	for _, lang := range langs {
		for _, sz := range [][2]int{{100, 28}, {80, 22}} {
			h := newHarness(t, st, lang, sz[0], sz[1])
			checkFits(t, "list", h.p.View(), sz[0], sz[1])
			h.open(idCult)
			checkFits(t, "detail", h.p.View(), sz[0], sz[1])
			h.keys("pgdown", "pgdown")
			checkFits(t, "detail scrolled", h.p.View(), sz[0], sz[1])
			h.keys("esc", "n")
			checkFits(t, "form", h.p.View(), sz[0], sz[1])
			h.keys("esc", "w")
			checkFits(t, "week", h.p.View(), sz[0], sz[1])
		}
	}
}

func TestFormAimsAtSavedSegment(t *testing.T) {
	st := uitest.Store(t, members)
	prof, err := st.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	// Every fourth seq: the audience is those who consented (and are members
	// as of the day, which every sample member is by its last day).
	var ids []string
	want := int64(0)
	for seq := uint32(0); int(seq) < prof.Len(); seq += 4 {
		if !prof.Has(seq) {
			continue
		}
		ids = append(ids, prof.ID(seq))
		if prof.Consent(seq) {
			want++
		}
	}
	if want == 0 || want == int64(len(ids)) {
		t.Fatalf("weak case: %d of %d consent", want, len(ids))
	}
	segID, err := st.PutSegment(store.Actor{Name: "test", Role: store.Editor}, model.SavedSegment{Name: "四选一", MemberIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, i18n.Zh, 100, 30)
	h.keys("n")
	f := h.p.form
	h.focus(f, fSegList)
	h.keys("right")
	if !h.p.formSize.ok || h.p.formSize.size != want {
		t.Fatalf("segment audience %+v, want %d", h.p.formSize, want)
	}
	h.keys("ctrl+s")
	if h.p.view != viewDetail {
		t.Fatalf("not saved: %d\n%s", h.p.view, h.p.View())
	}
	c, err := st.Campaign(h.p.det.id)
	if err != nil || c.Audience.Segment != segID {
		t.Fatalf("stored audience %+v %v, want segment %s", c.Audience, err, segID)
	}
	h.data(0)
	if r := h.p.find(c.ID); r == nil || r.size != want {
		t.Errorf("list size %+v, want %d", r, want)
	}
	if v := h.p.View(); !strings.Contains(v, "分群 四选一") {
		t.Errorf("detail does not name the segment:\n%s", v)
	}
	// Reopened for editing, the form keeps the segment.
	h.p.openForm(&c, nil)
	if h.p.formSegs[h.p.form.Choice(fSegList)] != segID {
		t.Error("edit form lost the segment")
	}
}

// TestSessionsShareTheAudienceIndex: two sessions on one Hub get the same
// profiles and audience index, computed once (profiles, birthdays, index,
// and the campaigns' rows, each a pass over the members per campaign); a
// newer analysis of the same window gives both one new index and rows, and
// the Hub keeps only the newest. Each session holds its own copy of the
// rows.
func TestSessionsShareTheAudienceIndex(t *testing.T) {
	st := uitest.Store(t, members)
	hub := common.NewHub(st)
	var panes []*harness
	for range 2 {
		c := uitest.Common(st, i18n.En, 100, 30)
		c.Hub = hub
		hs := &harness{t: t, c: c, st: st, files: map[string][]byte{}}
		hs.p = New(c).(*Pane)
		hs.p.SetSize(100, 30)
		hs.run(hs.p.Init())
		panes = append(panes, hs)
	}
	d := dataset(t, st, 0)
	d.Version = 1
	for _, hs := range panes {
		hs.send(common.DataMsg{Data: d})
	}
	a, b := panes[0].p, panes[1].p
	if a.ix == nil || a.ix != b.ix || a.prof != b.prof {
		t.Fatalf("sessions hold their own index (%p, %p) or profiles", a.ix, b.ix)
	}
	if n := hub.Computed(); n != 4 {
		t.Fatalf("%d computations for two sessions, want 4 (profiles, birthdays, index, rows)", n)
	}
	if len(a.rows) == 0 || len(a.rows) != len(b.rows) || &a.rows[0] == &b.rows[0] {
		t.Fatalf("rows: %d and %d, shared backing array %v", len(a.rows), len(b.rows), len(a.rows) > 0 && len(b.rows) > 0 && &a.rows[0] == &b.rows[0])
	}
	old := a.ix
	d2 := dataset(t, st, 0) // a new analysis of the same window, as after a save
	d2.Version = 2
	for _, hs := range panes {
		hs.send(common.DataMsg{Data: d2})
	}
	if a.ix == old || a.ix != b.ix || hub.Computed() != 6 {
		t.Fatalf("new analysis: same index %v, shared %v, %d computations", a.ix == old, a.ix == b.ix, hub.Computed())
	}
	if n := hub.Len(); n != 4 {
		t.Fatalf("%d Hub entries, want 4: the superseded index or rows were kept", n)
	}
}

// TestDeferredUntilShown: a pane the root defers (common.Lazy) keeps the
// Datasets it gets without computing on them (no profile index, no
// audience index, nothing in flight) until it is shown; then it computes on
// the newest one, once; a pane never deferred computes at once.
func TestDeferredUntilShown(t *testing.T) {
	st := uitest.Store(t, members)
	hub := common.NewHub(st)
	c := uitest.Common(st, i18n.En, 100, 30)
	c.Hub = hub
	hs := &harness{t: t, c: c, st: st, files: map[string][]byte{}}
	hs.p = New(c).(*Pane)
	hs.p.SetSize(100, 30)
	hs.run(hs.p.Init())
	p := hs.p
	p.Defer()
	d1, d2 := dataset(t, st, 0), dataset(t, st, 0)
	for i, d := range []*common.Dataset{d1, d2} {
		_, cmd := p.Update(common.DataMsg{Data: d})
		if cmd != nil || p.listSeq != 0 || p.loaded || hub.Computed() != 0 {
			t.Fatalf("Dataset %d while deferred: command %v, in flight %d, loaded %v, %d Hub computations",
				i+1, cmd != nil, p.listSeq, p.loaded, hub.Computed())
		}
	}
	cmd := p.Show()
	if cmd == nil {
		t.Fatal("shown: no computation of the Dataset kept")
	}
	hs.run(cmd)
	if !p.loaded || p.data != d2 || p.ix == nil || len(p.rows) == 0 {
		t.Fatalf("shown: loaded %v, newest Dataset %v, index %v, %d rows", p.loaded, p.data == d2, p.ix != nil, len(p.rows))
	}
	if again := p.Show(); again != nil {
		t.Fatal("shown again: computed again")
	}
	// Shown, the pane computes on every new Dataset at once.
	if _, cmd := p.Update(common.DataMsg{Data: dataset(t, st, 0)}); cmd == nil {
		t.Fatal("a Dataset after Show: no computation")
	}
}
