package members

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
)

// TestFlowCellLists: every cell of the flow matrix lists exactly its
// members, the filter names the cell, and esc removes it.
func TestFlowCellLists(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	a := fixData.Analysis
	for from := range a.Flow {
		for to := range a.Flow[from] {
			st, row := model.Stage(to), from
			send(m, common.ShowMembersMsg{Stage: &st, Flow: &row})
			if int64(m.Total()) != a.Flow[from][to] {
				t.Fatalf("cell %d→%d lists %d members, the matrix says %d", from, to, m.Total(), a.Flow[from][to])
			}
			for _, e := range entries(m) {
				if int(e.Prev) != from || int(e.Stage) != to {
					t.Fatalf("cell %d→%d lists %+v", from, to, e)
				}
			}
		}
	}
	mat, sil := int(model.StageMaturity), model.StageSilent
	send(m, common.ShowMembersMsg{Stage: &sil, Flow: &mat})
	if v := m.View(); !strings.Contains(v, "流转=成熟期→沉默期") || !strings.Contains(v, "已授权营销") {
		t.Fatalf("filter line:\n%s", v)
	}
	press(m, "esc")
	if m.Query().Filtered() || int64(m.Total()) != fixData.Info.Members {
		t.Fatalf("esc left %+v, %d rows", m.Query(), m.Total())
	}
}

// TestComputedListKeepsItsOrderAndValues: a list shows its members in its
// own order with its value column; sorting by a key still works.
func TestComputedListKeepsItsOrderAndValues(t *testing.T) {
	m := pane(t, i18n.En, 100, 30)
	seqs := []uint32{40, 7, 1999, 3}
	l := common.NewMemberList("tier risk", "Keep: +growth", seqs, []string{"+10 in 3d", "+20 in 5d", "+1 in 9d", "+2 in 30d"})
	send(m, common.ShowMembersMsg{List: l})
	got := entries(m)
	if len(got) != 4 || got[0].Seq != 40 || got[1].Seq != 7 || got[2].Seq != 1999 || got[3].Seq != 3 {
		t.Fatalf("list order %+v", got)
	}
	v := m.View()
	if !strings.Contains(v, "Keep: +growth") || !strings.Contains(v, "+20 in 5d") || !strings.Contains(v, "list=tier risk") {
		t.Fatalf("value column or filter missing:\n%s", v)
	}
	golden.RequireEqual(t, []byte(v))
	press(m, "o") // by spend
	if m.Total() != 4 {
		t.Fatal("sorting changed the list")
	}
	press(m, "esc")
	if strings.Contains(m.View(), "Keep: +growth") {
		t.Fatal("the value column stayed after the filter went")
	}
}

func TestBirthdayList(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	send(m, common.ShowMembersMsg{Birthdays: 30})
	want := m.profiles.Birthdays(fixData.AsOf, 30)
	if len(want) == 0 || m.Total() != len(want) {
		t.Fatalf("%d rows, %d birthdays", m.Total(), len(want))
	}
	if e := entries(m); e[0].Seq != want[0].Seq {
		t.Fatalf("not soonest first: %d, want %d", e[0].Seq, want[0].Seq)
	}
	if v := m.View(); !strings.Contains(v, "30 天内生日") || !strings.Contains(v, "生日") {
		t.Fatalf("%s", v)
	}
}

// TestSearchByPhone: full and masked phones as customer service reads them.
func TestSearchByPhone(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	phone := m.profiles.Phone(42)
	press(m, "/")
	send(m, keyMsg(phone))
	press(m, "enter")
	if e := entries(m); len(e) != 1 || e[0].Seq != 42 {
		t.Fatalf("full phone %s: %+v", phone, e)
	}
	press(m, "esc", "/")
	masked := model.MaskPhone(phone)
	send(m, keyMsg(masked))
	press(m, "enter")
	found := false
	for _, e := range entries(m) {
		found = found || e.Seq == 42
		if model.MaskPhone(m.profiles.Phone(e.Seq)) != masked {
			t.Fatalf("masked %s found %s", masked, m.profiles.Phone(e.Seq))
		}
	}
	if !found {
		t.Fatalf("masked %s did not find member 42", masked)
	}
}

// TestSaveAndExport: w saves the list as a segment (role-checked, in the
// store), e exports it as CSV with a BOM, phones masked, Chinese intact;
// E is refused to an editor.
func TestSaveAndExport(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	mat, sil := int(model.StageMaturity), model.StageSilent
	send(m, common.ShowMembersMsg{Stage: &sil, Flow: &mat})
	n := m.Total()
	if n == 0 {
		t.Fatal("no mature-turned-silent members in the fixture")
	}
	press(m, "w")
	if !m.Capturing() {
		t.Fatal("w does not ask for a name")
	}
	for _, msg := range send(m, keyMsg("成熟转沉默")) {
		t.Fatalf("unexpected %T", msg)
	}
	out := send(m, keyMsg("enter"))
	if len(out) != 1 {
		t.Fatalf("enter gave %v", out)
	}
	send(m, out[0])
	segs, err := fixStore.Segments()
	if err != nil || len(segs) == 0 || segs[0].Name != "成熟转沉默" || len(segs[0].MemberIDs) != n ||
		segs[0].Query[0] != "flow=maturity>silent" || segs[0].Consenting != m.lists.consent {
		t.Fatalf("segments %+v %v", segs, err)
	}
	if !strings.Contains(m.View(), "已保存分群「成熟转沉默」") {
		t.Fatalf("%s", m.View())
	}

	out = send(m, keyMsg("e"))
	if len(out) != 1 {
		t.Fatalf("e gave %v", out)
	}
	send(m, out[0])
	ex := out[0].(listExported)
	if ex.err != nil || ex.out.Members != n || ex.out.Unmasked {
		t.Fatalf("export %+v", ex)
	}
	b, err := os.ReadFile(ex.out.Path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.HasPrefix(text, "\ufeffmember_id,name,phone") || strings.Count(text, "\n") != n+1 {
		t.Fatalf("file %q…", text[:min(len(text), 80)])
	}
	first := m.profiles.Name(entries(m)[0].Seq)
	if !strings.Contains(text, first) || !strings.Contains(text, "****") {
		t.Fatalf("names or masks missing")
	}
	if !strings.Contains(m.View(), "已导出") {
		t.Fatalf("%s", m.View())
	}
	os.Remove(ex.out.Path)

	m.c.Actor = store.Actor{Name: "ed", Role: store.Editor}
	if out := send(m, keyMsg("E")); len(out) != 0 || !strings.Contains(m.View(), "仅限管理员") {
		t.Fatalf("E for an editor: %v\n%s", out, m.View())
	}
}

// TestReopenSavedSegment: l lists the saved segments and enter makes the
// chosen one the table's list: exactly its members still in the file, the
// other filters cleared.
func TestReopenSavedSegment(t *testing.T) {
	m := pane(t, i18n.Zh, 100, 30)
	// Every fifth member of the analysis, plus an id no longer in the file.
	want := map[uint32]bool{}
	var ids []string
	for i := 0; i < len(m.a.Members); i += 5 {
		seq := m.a.Members[i].Seq
		want[seq] = true
		ids = append(ids, m.profiles.ID(seq))
	}
	ids = append(ids, "GONE-1")
	segID, err := fixStore.PutSegment(store.Actor{Name: "ed", Role: store.Editor}, model.SavedSegment{Name: "五选一", MemberIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fixStore.DeleteSegment(store.Actor{Name: "ed", Role: store.Editor}, segID) })
	press(m, "s") // a filter the segment replaces
	out := send(m, keyMsg("l"))
	if !m.Capturing() || len(out) != 1 {
		t.Fatalf("l: capturing %v, %v", m.Capturing(), out)
	}
	send(m, out[0])
	cur := -1
	for i, s := range m.picker.segs {
		if s.ID == segID {
			cur = i
		}
	}
	if cur < 0 {
		t.Fatalf("segment %s not listed: %+v", segID, m.picker.segs)
	}
	for range cur {
		press(m, "down")
	}
	if v := m.View(); !strings.Contains(v, "▸ 五选一") || !strings.Contains(v, "已存分群") {
		t.Fatalf("picker:\n%s", v)
	}
	out = send(m, keyMsg("enter"))
	if len(out) != 1 {
		t.Fatalf("enter gave %v", out)
	}
	send(m, out[0])
	if m.Capturing() || m.q.Stage >= 0 || m.q.List == nil {
		t.Fatalf("not reopened: %+v", m.q)
	}
	if m.Total() != len(want) {
		t.Fatalf("rows %d, want %d", m.Total(), len(want))
	}
	for _, e := range entries(m) {
		if !want[e.Seq] {
			t.Fatalf("member %d is not in the segment", e.Seq)
		}
	}
	if v := m.View(); !strings.Contains(v, "分群:五选一") {
		t.Fatalf("filter line:\n%s", v)
	}
	// esc clears it like any filter.
	press(m, "esc")
	if m.q.List != nil {
		t.Fatal("esc kept the segment")
	}
}

// TestPickerDeletesSegment: in the saved-segment picker, d asks and a
// second d deletes the chosen segment; a segment that a campaign's audience
// names stays, with the campaign named; another key cancels the question.
func TestPickerDeletesSegment(t *testing.T) {
	m := pane(t, i18n.En, 100, 30)
	ed := store.Actor{Name: "ed", Role: store.Editor}
	free, err := fixStore.PutSegment(ed, model.SavedSegment{Name: "to-go", MemberIDs: []string{"x"}})
	if err != nil {
		t.Fatal(err)
	}
	used, err := fixStore.PutSegment(ed, model.SavedSegment{Name: "kept", MemberIDs: []string{"y"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fixStore.PutCampaign(ed, model.Campaign{ID: "PK1", Name: "Winback June", Type: model.CampaignWinback,
		Audience: model.Audience{Segment: used}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		fixStore.DeleteCampaign(ed, "PK1")
		fixStore.DeleteSegment(ed, free)
		fixStore.DeleteSegment(ed, used)
	})
	open := func() {
		t.Helper()
		out := send(m, keyMsg("l"))
		if len(out) != 1 {
			t.Fatalf("l gave %v", out)
		}
		send(m, out[0])
	}
	choose := func(id string) {
		t.Helper()
		for m.picker.cur > 0 {
			press(m, "up")
		}
		for i, s := range m.picker.segs {
			if s.ID == id {
				for range i {
					press(m, "down")
				}
				return
			}
		}
		t.Fatalf("segment %s not listed", id)
	}
	has := func(id string) bool {
		for _, s := range m.picker.segs {
			if s.ID == id {
				return true
			}
		}
		return false
	}
	open()
	choose(free)
	if out := send(m, keyMsg("d")); len(out) != 0 || !strings.Contains(m.View(), "press d again to delete to-go") {
		t.Fatalf("first d: %v\n%s", out, m.View())
	}
	press(m, "down", "up") // any other key forgets the question
	if out := send(m, keyMsg("d")); len(out) != 0 {
		t.Fatalf("d after moving deleted at once: %v", out)
	}
	out := send(m, keyMsg("d"))
	if len(out) != 1 {
		t.Fatalf("second d gave %v", out)
	}
	send(m, out[0])
	if _, err := fixStore.Segment(free); err == nil || has(free) || !strings.Contains(m.View(), "deleted to-go") {
		t.Fatalf("not deleted: %v\n%s", err, m.View())
	}
	choose(used)
	press(m, "d")
	out = send(m, keyMsg("d"))
	if len(out) != 1 {
		t.Fatalf("d d on the used segment gave %v", out)
	}
	send(m, out[0])
	if _, err := fixStore.Segment(used); err != nil || !has(used) || !strings.Contains(m.View(), "kept is the audience of Winback June") {
		t.Fatalf("used segment: %v\n%s", err, m.View())
	}
	if !m.Capturing() {
		t.Fatal("the picker closed")
	}
}
