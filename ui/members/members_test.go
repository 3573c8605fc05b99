package members

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/uitest"
)

// The package's tests share one read-only store of the fixed-seed sample
// with 2000 members, and its Dataset.
var (
	fixStore *store.Store
	fixData  *common.Dataset
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "members-test")
		if err != nil {
			panic(err)
		}
		defer os.RemoveAll(dir)
		st, err := store.Open(filepath.Join(dir, "m.db"), store.Options{Location: uitest.Zone})
		if err != nil {
			panic(err)
		}
		defer st.Close()
		if err := uitest.Fill(st, uitest.SampleConfig(2000)); err != nil {
			panic(err)
		}
		fixStore = st
		fixData = dataset(nil, st)
		return m.Run()
	}())
}

// dataset loads what the root delivers: as-of the data's last day, a 30-day
// window, the analysis, the previous window, 365 daily rollups, targets.
func dataset(t testing.TB, st *store.Store) *common.Dataset {
	must := func(err error) {
		if err == nil {
			return
		}
		if t == nil {
			panic(err)
		}
		t.Fatal(err)
	}
	info, err := st.Info()
	must(err)
	asOf := info.LastDay
	w := model.Window{From: asOf - 29, To: asOf}
	d := &common.Dataset{Seq: 1, Info: info, AsOf: asOf, Window: w, Latest: true,
		DailyWindow: model.Window{From: asOf - 364, To: asOf}}
	d.Analysis, err = st.Analyze(model.DefaultRules(), w)
	must(err)
	d.Prev, err = st.Snapshot(model.DefaultRules(), model.Window{From: w.From - 30, To: w.From - 1})
	must(err)
	d.Daily, err = st.Daily(d.DailyWindow)
	must(err)
	d.Targets, err = st.Targets()
	must(err)
	return d
}

// settle runs cmd and every command its messages lead to, feeding the
// pane's own results back into m; other messages are returned.
func settle(m *Model, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case profilesLoaded, viewComputed, memberLoaded:
			_, next := m.Update(msg)
			queue = append(queue, next)
		default:
			out = append(out, msg)
		}
	}
	return out
}

// send delivers msg and settles what follows.
func send(m *Model, msg tea.Msg) []tea.Msg {
	_, cmd := m.Update(msg)
	return settle(m, cmd)
}

func press(m *Model, ks ...string) {
	for _, k := range ks {
		send(m, keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// pane builds the pane over the shared fixture at w×h in lang, with the
// Dataset delivered and every load settled.
func pane(t testing.TB, lang i18n.Lang, w, h int) *Model {
	t.Helper()
	return paneOver(t, fixStore, fixData, lang, w, h)
}

func paneOver(t testing.TB, st *store.Store, d *common.Dataset, lang i18n.Lang, w, h int) *Model {
	t.Helper()
	m := New(uitest.Common(st, lang, w, h)).(*Model)
	m.SetSize(w, h)
	send(m, common.DataMsg{Data: d})
	if m.Total() == 0 || m.profiles == nil {
		t.Fatalf("pane not loaded: %d rows, profiles %v", m.Total(), m.profiles != nil)
	}
	return m
}

var langs = []i18n.Lang{i18n.Zh, i18n.En}

func TestGolden(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang.String(), func(t *testing.T) {
			cases := []struct {
				name string
				keys []string
			}{
				{"table", nil},
				{"filtered", []string{"s", "s", "t", "o", "j", "j"}},            // growth, regular, by spend
				{"search", []string{"g", "/", "张", "enter"}},                    // important value, named 张…
				{"paged", []string{"O", "pgdown", "pgdown", "j", "pgup"}},       // import order reversed
				{"detail", []string{"s", "s", "s", "j", "enter"}},               // a maturity member
				{"detail-scrolled", []string{"s", "s", "s", "j", "enter", "j"}}, //
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					m := pane(t, lang, 100, 30)
					press(m, c.keys...)
					golden.RequireEqual(t, []byte(m.View()))
				})
			}
		})
	}
}

// entries returns the analysis entries of the rows.
func entries(m *Model) []store.IndexEntry {
	out := make([]store.IndexEntry, len(m.rows))
	for i, r := range m.rows {
		out[i] = m.a.Members[r]
	}
	return out
}

func TestTotalsMatchTheAnalysis(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	sn := fixData.Analysis.Snapshot
	if int64(m.Total()) != fixData.Info.Members || int64(m.Total()) != sn.KPIs.MembersTotal {
		t.Fatalf("no filter: %d rows, %d members, %d at as-of", m.Total(), fixData.Info.Members, sn.KPIs.MembersTotal)
	}
	for s := range model.NumStages {
		send(m, common.ShowMembersMsg{Stage: &s})
		if int64(m.Total()) != sn.Stages[s] {
			t.Errorf("stage %v: %d rows, snapshot %d", s, m.Total(), sn.Stages[s])
		}
		for _, e := range entries(m) {
			if e.Stage != s {
				t.Fatalf("stage %v filter lists %+v", s, e)
			}
		}
	}
	for tr := range model.NumTiers {
		send(m, common.ShowMembersMsg{Tier: &tr})
		if int64(m.Total()) != sn.Tiers[tr] {
			t.Errorf("tier %v: %d rows, snapshot %d", tr, m.Total(), sn.Tiers[tr])
		}
	}
	for g := range model.NumSegments {
		send(m, common.ShowMembersMsg{Segment: &g})
		if int64(m.Total()) != sn.RFM[g] {
			t.Errorf("segment %v: %d rows, snapshot %d", g, m.Total(), sn.RFM[g])
		}
	}
	send(m, common.ShowMembersMsg{})
	if int64(m.Total()) != fixData.Info.Members {
		t.Errorf("empty drill-down: %d rows", m.Total())
	}
}

func TestMovementAndPaging(t *testing.T) {
	m := pane(t, i18n.En, 100, 30)
	v := m.visible()
	n := m.Total()
	step := func(k string, cursor, top int) {
		t.Helper()
		press(m, k)
		if m.Cursor() != cursor || m.Top() != top {
			t.Fatalf("after %s: cursor %d top %d, want %d %d", k, m.Cursor(), m.Top(), cursor, top)
		}
	}
	step("k", 0, 0)
	step("j", 1, 0)
	step("down", 2, 0)
	step("up", 1, 0)
	step("pgdown", 1+v, v)
	step("pgdown", 1+2*v, 2*v)
	step("pgup", 1+v, v)
	step("end", n-1, n-v)
	step("j", n-1, n-v)
	step("pgdown", n-1, n-v)
	step("home", 0, 0)
	step("pgup", 0, 0)
	for i := 0; i < v; i++ { // walking down scrolls one row at a time
		press(m, "j")
	}
	if m.Cursor() != v || m.Top() != 1 {
		t.Fatalf("walked %d down: cursor %d top %d", v, m.Cursor(), m.Top())
	}
	// The table holds only the rows on screen.
	if got := len(m.table.Rows()); got != v {
		t.Errorf("table holds %d rows, want %d", got, v)
	}
	seq, _ := m.SelectedSeq()
	if seq != m.a.Members[m.rows[v]].Seq || !strings.Contains(m.View(), "> "+m.profiles.ID(seq)) {
		t.Errorf("the marker is not on member %d:\n%s", seq, m.View())
	}
	send(m, tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if m.Cursor() != v+3 {
		t.Errorf("wheel down: cursor %d", m.Cursor())
	}
	send(m, tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp})
	if m.Cursor() != v {
		t.Errorf("wheel up: cursor %d", m.Cursor())
	}
}

func TestFilterKeys(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	sn := fixData.Analysis.Snapshot
	all := m.Total()
	press(m, "s")
	if q := m.Query(); q.Stage != 0 || int64(m.Total()) != sn.Stages[0] {
		t.Fatalf("s: %+v, %d rows", q, m.Total())
	}
	press(m, "S", "S") // back to none, then the last stage
	if q := m.Query(); q.Stage != int(model.StageChurned) || int64(m.Total()) != sn.Stages[model.StageChurned] {
		t.Fatalf("S S: %+v, %d rows", q, m.Total())
	}
	press(m, "s") // past the last: none
	if q := m.Query(); q.Stage != -1 || m.Total() != all {
		t.Fatalf("s past the end: %+v", q)
	}
	press(m, "t", "t")
	if q := m.Query(); q.Tier != 1 || int64(m.Total()) != sn.Tiers[1] {
		t.Fatalf("t t: %+v, %d rows", q, m.Total())
	}
	press(m, "T", "T", "g")
	if q := m.Query(); q.Tier != -1 || q.Segment != 0 || int64(m.Total()) != sn.RFM[0] {
		t.Fatalf("T T g: %+v, %d rows", q, m.Total())
	}
	press(m, "G") // from the first segment back to none
	if q := m.Query(); q.Segment != -1 {
		t.Fatalf("G: %+v", q)
	}
	p := m.profiles
	press(m, "c")
	if q := m.Query(); q.Channel != 1 {
		t.Fatalf("c: %+v", q)
	}
	want := 0
	for _, e := range fixData.Analysis.Members {
		if p.ChannelID(e.Seq) == 1 {
			want++
		}
	}
	if m.Total() != want || want == 0 {
		t.Errorf("channel %q: %d rows, want %d", p.Channels()[0], m.Total(), want)
	}
	if !strings.Contains(m.View(), "渠道="+p.Channels()[0]) {
		t.Errorf("the filter line does not show the channel:\n%s", m.View())
	}
	press(m, "C") // back to none
	press(m, "x")
	if q := m.Query(); q.Tag != 1 || q.Channel != 0 {
		t.Fatalf("C x: %+v", q)
	}
	for _, e := range entries(m) {
		if !slices.Contains(p.TagIDs(e.Seq), 1) {
			t.Fatalf("tag filter lists %d with tags %v", e.Seq, p.MemberTags(e.Seq))
		}
	}
	press(m, "X", "X")
	if q := m.Query(); q.Tag != len(p.Tags()) {
		t.Fatalf("X X: %+v", q)
	}
	press(m, "s", "t", "esc")
	if q := m.Query(); q.Filtered() || m.Total() != all {
		t.Errorf("esc: %+v, %d rows", q, m.Total())
	}
}

func TestSortKeys(t *testing.T) {
	m := pane(t, i18n.En, 100, 30)
	check := func(name string, key func(e store.IndexEntry) int64, desc bool) {
		t.Helper()
		es := entries(m)
		if len(es) != int(fixData.Info.Members) {
			t.Fatalf("%s: %d rows", name, len(es))
		}
		for i := 1; i < len(es); i++ {
			a, b := key(es[i-1]), key(es[i])
			if (desc && a < b) || (!desc && a > b) {
				t.Fatalf("%s: row %d (%d) before row %d (%d)", name, i-1, a, i, b)
			}
		}
	}
	seq := func(e store.IndexEntry) int64 { return int64(e.Seq) }
	spend := func(e store.IndexEntry) int64 { return e.SpendFen }
	active := func(e store.IndexEntry) int64 { return int64(e.LastActive) }
	reg := func(e store.IndexEntry) int64 { return int64(e.Reg) }
	check("import order", seq, false)
	press(m, "o")
	check("spend", spend, true)
	press(m, "O")
	check("spend reversed", spend, false)
	if q := m.Query(); q.Sort != SortSpend || !q.Reverse {
		t.Fatalf("O: %+v", q)
	}
	press(m, "o")
	check("last active", active, true)
	press(m, "o")
	check("registered", reg, true)
	press(m, "O")
	check("registered reversed", reg, false)
	press(m, "o")
	check("import order again", seq, false)
	if q := m.Query(); q.Sort != SortSeq || q.Reverse {
		t.Fatalf("cycled back: %+v", q)
	}
	press(m, "O")
	check("import order reversed", seq, true)
}

func TestSearch(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	if m.Capturing() {
		t.Fatal("capturing before /")
	}
	press(m, "/")
	if !m.Capturing() {
		t.Fatal("/ does not capture")
	}
	// Chinese input arrives as runes; q is text while typing, not a quit.
	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("张")})
	if q := m.Query(); q.Text != "张" || !m.Capturing() {
		t.Fatalf("typed 张: %+v", q)
	}
	if m.Total() == 0 {
		t.Fatal("nobody named 张")
	}
	for _, e := range entries(m) {
		if !strings.Contains(m.profiles.Name(e.Seq), "张") && !strings.Contains(m.profiles.ID(e.Seq), "张") {
			t.Fatalf("张 lists %q", m.profiles.Name(e.Seq))
		}
	}
	if v := m.View(); !strings.Contains(v, "搜索：张") {
		t.Errorf("the input is not shown:\n%s", v)
	}
	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if q := m.Query(); q.Text != "张q" || m.Total() != 0 {
		t.Fatalf("typed q: %+v, %d rows", q, m.Total())
	}
	press(m, "backspace", "enter")
	if q := m.Query(); q.Text != "张" || m.Capturing() {
		t.Fatalf("enter: %+v capturing %v", q, m.Capturing())
	}
	if !strings.Contains(m.View(), `搜索="张"`) {
		t.Errorf("the search is not among the filters:\n%s", m.View())
	}
	press(m, "/", "esc")
	if q := m.Query(); q.Text != "" || m.Capturing() || int64(m.Total()) != fixData.Info.Members {
		t.Fatalf("esc: %+v capturing %v rows %d", q, m.Capturing(), m.Total())
	}
	// An input method commits several characters at once.
	press(m, "/")
	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("冯轩")})
	if q := m.Query(); q.Text != "冯轩" || m.Total() == 0 {
		t.Errorf("typed 冯轩: %+v, %d rows", q, m.Total())
	}
	press(m, "esc")
	// The last four digits of a phone, and an id.
	seq := fixData.Analysis.Members[123].Seq
	phone := m.profiles.Phone(seq)
	press(m, "/")
	for _, r := range phone[len(phone)-4:] {
		send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if !slices.ContainsFunc(entries(m), func(e store.IndexEntry) bool { return e.Seq == seq }) {
		t.Errorf("searching %q misses member %d", phone[len(phone)-4:], seq)
	}
	press(m, "esc", "/")
	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(m.profiles.ID(seq))})
	if es := entries(m); len(es) != 1 || es[0].Seq != seq {
		t.Errorf("searching the id %q: %d rows", m.profiles.ID(seq), len(es))
	}
}

func TestDetail(t *testing.T) {
	m := pane(t, i18n.En, 80, 21)
	press(m, "o", "j") // the second biggest spender: many events
	seq, _ := m.SelectedSeq()
	press(m, "enter")
	if got, ok := m.InDetail(); !ok || got != seq {
		t.Fatalf("enter: detail %d %v, want %d", got, ok, seq)
	}
	mem, h, err := fixStore.Member(seq)
	if err != nil {
		t.Fatal(err)
	}
	r := model.DefaultRules()
	st := r.Evaluate(&h, fixData.AsOf)
	v := m.View()
	for _, want := range []string{mem.ID, model.MaskPhone(mem.Phone), r.StageReason(st, "en"), "mean", "Events, newest first"} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, mem.Phone) {
		t.Error("the phone is shown unmasked")
	}
	top := m.vp.YOffset
	press(m, "j", "j")
	if m.vp.YOffset != top+2 {
		t.Errorf("j j in the timeline: offset %d, want %d", m.vp.YOffset, top+2)
	}
	press(m, "pgdown")
	press(m, "home")
	if m.vp.YOffset != 0 {
		t.Errorf("home: offset %d", m.vp.YOffset)
	}
	send(m, tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if m.vp.YOffset != 3 {
		t.Errorf("wheel: offset %d", m.vp.YOffset)
	}
	press(m, "esc")
	if _, ok := m.InDetail(); ok || m.Cursor() != 1 {
		t.Fatalf("esc: still in detail or cursor moved (%d)", m.Cursor())
	}
	press(m, "enter", "backspace")
	if _, ok := m.InDetail(); ok {
		t.Fatal("backspace: still in detail")
	}
	// A drill-down closes the detail.
	press(m, "enter")
	s := model.StageGrowth
	send(m, common.ShowMembersMsg{Stage: &s})
	if _, ok := m.InDetail(); ok || m.Query().Stage != int(s) {
		t.Fatal("a drill-down left the detail open")
	}
}

// TestStaleResultsAreDropped: results of an older request arriving after a
// newer one change nothing.
func TestStaleResultsAreDropped(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	_, first := m.Update(keyMsg("s")) // introduction
	_, second := m.Update(keyMsg("s"))
	settle(m, second) // growth arrives first
	send(m, first())  // then the older result
	if q := m.Query(); q.Stage != int(model.StageGrowth) || int64(m.Total()) != fixData.Analysis.Snapshot.Stages[model.StageGrowth] {
		t.Errorf("the older result won: %+v, %d rows", q, m.Total())
	}
}

// TestDataRefresh: a new analysis keeps the cursor on its member; a refresh
// with the same analysis recomputes nothing; a new member count reloads the
// profiles.
func TestDataRefresh(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	press(m, "o", "j", "j", "j")
	seq, _ := m.SelectedSeq()
	same := *fixData
	_, cmd := m.Update(common.DataMsg{Data: &same})
	if cmd != nil {
		t.Error("a refresh with the same analysis and count started work")
	}
	again := dataset(t, fixStore) // a new analysis of the same data
	send(m, common.DataMsg{Data: again})
	if got, _ := m.SelectedSeq(); got != seq || m.a != again.Analysis {
		t.Errorf("after a reload the cursor is on %d, want %d", got, seq)
	}
	more := *again
	more.Info.Members++
	before := m.profilesID
	_, cmd = m.Update(common.DataMsg{Data: &more})
	if cmd == nil || m.profilesID != before+1 {
		t.Error("a new member count did not reload the profiles")
	}
	settle(m, cmd)
}

// TestAlignment cuts every row of the screen at the columns' display
// offsets and finds each member's own values there: Chinese names and
// channels (two columns a character) keep every column in place.
func TestAlignment(t *testing.T) {
	for _, lang := range langs {
		for _, w := range []int{100, 80} {
			m := pane(t, lang, w, 30)
			press(m, "c") // a channel with a Chinese name first
			if w == 100 {
				press(m, "C", "C") // and the last, mixed
			}
			p := m.profiles
			lines := strings.Split(m.View(), "\n")[headerLines+1:]
			rows := 0
			for i, l := range lines {
				if strings.TrimSpace(l) == "" {
					continue
				}
				rows++
				if lipgloss.Width(l) != w {
					t.Errorf("%v %d: line %q is %d wide", lang, w, l, lipgloss.Width(l))
				}
				e := m.a.Members[m.rows[m.top+i]]
				at := 0
				for _, c := range m.cols {
					cell := strings.TrimSpace(ansi.Cut(l, at, at+c.width))
					want := ""
					switch c.kind {
					case colID:
						want = p.ID(e.Seq)
					case colName:
						want = p.Name(e.Seq)
						if lipgloss.Width(want) > c.width {
							want = ansi.Truncate(want, c.width, "…")
						}
					case colPhone:
						want = model.MaskPhone(p.Phone(e.Seq))
					case colChannel:
						want = p.Channel(e.Seq)
					case colStage:
						want = m.stageShort(e.Stage)
					case colSpend:
						want = format.Money(e.SpendFen)
					case colActive:
						want = m.date(e.LastActive)
					case colReg:
						want = m.date(e.Reg)
					default:
						at += c.width + 1
						continue
					}
					if cell != want {
						t.Errorf("%v %d: row %q: column %d holds %q, want %q", lang, w, l, c.kind, cell, want)
					}
					at += c.width + 1
				}
			}
			if rows != m.visible() {
				t.Errorf("%v %d: %d rows on screen, want %d", lang, w, rows, m.visible())
			}
		}
	}
}

func TestResize(t *testing.T) {
	for _, lang := range langs {
		for _, sz := range [][2]int{{80, 21}, {100, 27}, {60, 10}, {100, 30}} {
			w, h := sz[0], sz[1]
			for _, ks := range [][]string{nil, {"s", "t"}, {"/", "张"}, {"enter"}, {"enter", "pgdown"}} {
				m := pane(t, lang, 100, 30)
				press(m, ks...)
				m.SetSize(w, h) // resized after the state was reached
				check(t, m.View(), w, h, lang, ks)
				m2 := pane(t, lang, w, h) // and built at the size
				press(m2, ks...)
				check(t, m2.View(), w, h, lang, ks)
			}
		}
	}
}

func check(t *testing.T, v string, w, h int, lang i18n.Lang, ks []string) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%v %dx%d after %v: %d lines", lang, w, h, ks, len(lines))
	}
	for _, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("%v %dx%d after %v: line %d wide: %q", lang, w, h, ks, lipgloss.Width(l), l)
		}
	}
}

// BenchmarkMembersView draws the table of a 20,000-member sample at 100×30.
// Only the rows on screen are formatted, so the cost does not depend on the
// number of members (budget: 10 ms at a million).
func BenchmarkMembersView(b *testing.B) {
	st := uitest.Store(b, 20000)
	d := dataset(b, st)
	m := paneOver(b, st, d, i18n.Zh, 100, 30)
	b.Run("view", func(b *testing.B) {
		for b.Loop() {
			_ = m.View()
		}
	})
	b.Run("scroll+view", func(b *testing.B) { // a key and a frame
		down := keyMsg("j")
		for b.Loop() {
			m.Update(down)
			_ = m.View()
		}
	})
	b.Run("detail", func(b *testing.B) {
		press(m, "enter")
		for b.Loop() {
			_ = m.View()
		}
	})
}
