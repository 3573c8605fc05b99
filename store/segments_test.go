package store

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

func TestSegmentsRoleCheckedAndAudited(t *testing.T) {
	s := profilePopulation(t)
	viewer, editor := Actor{Name: "v", Role: Viewer}, Actor{Name: "ed", Role: Editor}
	if segs, err := s.Segments(); err != nil || len(segs) != 0 {
		t.Fatalf("no segments yet: %v %v", segs, err)
	}
	seg := model.SavedSegment{Name: "成熟→沉默", Filters: []string{"成熟期 → 沉默期"}, Query: []string{"flow=maturity>silent"},
		MemberIDs: []string{"M001", "M002"}, Consenting: 2}
	if _, err := s.PutSegment(viewer, seg); !errors.Is(err, ErrForbidden) {
		t.Fatalf("viewer saved a segment: %v", err)
	}
	if _, err := s.PutSegment(editor, model.SavedSegment{}); !errors.Is(err, ErrEmptyName) {
		t.Fatalf("nameless segment: %v", err)
	}
	id, err := s.PutSegment(editor, seg)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Segment(id)
	if err != nil || got.Name != seg.Name || got.Owner != "ed" || len(got.MemberIDs) != 2 || got.Created.IsZero() {
		t.Fatalf("segment %+v %v", got, err)
	}
	if segs, _ := s.Segments(); len(segs) != 1 || segs[0].ID != id {
		t.Fatalf("segments %+v", segs)
	}
	log, _ := s.AuditLog(Actor{Name: "root", Role: Admin})
	if len(log) == 0 || log[len(log)-1].Action != "segment.put" || log[len(log)-1].Object != id {
		t.Fatalf("audit %+v", log)
	}
	if err := s.DeleteSegment(viewer, id); !errors.Is(err, ErrForbidden) {
		t.Fatalf("viewer deleted: %v", err)
	}
	if err := s.DeleteSegment(editor, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Segment(id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted segment: %v", err)
	}
}

func TestWriteMemberList(t *testing.T) {
	s := profilePopulation(t)
	editor, admin := Actor{Name: "ed", Role: Editor}, Actor{Name: "root", Role: Admin}
	var b bytes.Buffer
	out, err := s.WriteMemberList(&b, editor, []uint32{2, 0}, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if !strings.HasPrefix(text, "\ufeffmember_id,") || out.Members != 2 || out.Consenting != 1 || out.Unmasked {
		t.Fatalf("%+v\n%s", out, text)
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "VIP3,Zhang Wei,150****1234,") || !strings.HasPrefix(lines[2], "M001,张伟,138****1234,") {
		t.Fatalf("rows in list order, masked, Chinese intact:\n%s", text)
	}
	if _, err := s.WriteMemberList(&b, editor, []uint32{0}, true, "test"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("editor unmasked: %v", err)
	}
	b.Reset()
	if out, err := s.WriteMemberList(&b, admin, []uint32{0}, true, "test"); err != nil || !out.Unmasked || !strings.Contains(b.String(), "13812341234") {
		t.Fatalf("admin unmasked: %+v %v", out, err)
	}
	log, _ := s.AuditLog(Actor{Name: "root", Role: Admin})
	if log[len(log)-1].Action != "export.unmasked" || log[len(log)-1].Who != "root" {
		t.Fatalf("unmasked export not audited: %+v", log[len(log)-1])
	}
	now := time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC)
	ex, err := s.ExportMemberList(editor, "成熟→沉默 / 6月", []uint32{0, 1}, false, now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(ex.Path, "成熟→沉默_6月-20260701-093000.csv") || ex.Members != 2 {
		t.Fatalf("export %+v", ex)
	}
	st, err := os.Stat(ex.Path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("file %v %v", st, err)
	}
	if _, err := s.ExportMemberList(editor, "成熟→沉默 / 6月", []uint32{0}, false, now); err == nil {
		t.Fatal("an existing file was overwritten")
	}
}

// TestDeleteUnusedSegment: a segment that a campaign's audience names is
// not deleted (the error names the campaigns, in id order, and the audit
// log has no deletion); once the campaigns aim elsewhere it is, with its
// audit entry; a viewer is refused and a missing id is ErrNotFound.
func TestDeleteUnusedSegment(t *testing.T) {
	s := profilePopulation(t)
	viewer, editor := Actor{Name: "v", Role: Viewer}, Actor{Name: "ed", Role: Editor}
	id, err := s.PutSegment(editor, model.SavedSegment{Name: "生日", MemberIDs: []string{"M001"}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.PutSegment(editor, model.SavedSegment{Name: "other", MemberIDs: []string{"M002"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.Campaign{
		{ID: "C2", Name: "b", Audience: model.Audience{Segment: id}},
		{ID: "C1", Name: "a", Audience: model.Audience{Segment: id}, Cancelled: true},
		{ID: "C3", Name: "c", Audience: model.Audience{Segment: other}},
	} {
		if _, err := s.PutCampaign(editor, c); err != nil {
			t.Fatal(err)
		}
	}
	users, err := s.SegmentCampaigns(id)
	if err != nil || len(users) != 2 || users[0].ID != "C1" || users[1].ID != "C2" {
		t.Fatalf("campaigns of %s: %+v %v", id, users, err)
	}
	err = s.DeleteUnusedSegment(editor, id)
	var inUse *SegmentInUseError
	if !errors.Is(err, ErrSegmentInUse) || !errors.As(err, &inUse) || len(inUse.Campaigns) != 2 ||
		!strings.Contains(err.Error(), "C1, C2") {
		t.Fatalf("in use: %v", err)
	}
	if _, err := s.Segment(id); err != nil {
		t.Fatalf("refused deletion deleted: %v", err)
	}
	if err := s.DeleteUnusedSegment(viewer, other); !errors.Is(err, ErrForbidden) {
		t.Fatalf("viewer: %v", err)
	}
	for _, c := range []string{"C1", "C2"} {
		cp, _ := s.Campaign(c)
		cp.Audience.Segment = ""
		if _, err := s.PutCampaign(editor, cp); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteUnusedSegment(editor, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Segment(id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted segment: %v", err)
	}
	log, _ := s.AuditLog(Actor{Name: "root", Role: Admin})
	if last := log[len(log)-1]; last.Action != "segment.delete" || last.Object != id || last.Who != "ed" {
		t.Fatalf("audit %+v", last)
	}
	var deletes int
	for _, e := range log {
		if e.Action == "segment.delete" {
			deletes++
		}
	}
	if deletes != 1 {
		t.Fatalf("%d segment.delete entries, want 1", deletes)
	}
	if err := s.DeleteUnusedSegment(editor, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("twice: %v", err)
	}
	if segs, _ := s.Segments(); len(segs) != 1 || segs[0].ID != other {
		t.Fatalf("left %+v", segs)
	}
}
