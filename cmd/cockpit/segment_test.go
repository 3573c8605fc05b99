package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
)

// TestSegmentListAndDelete: `segment list` shows the saved segments newest
// first with the campaigns that use them (text and --json); `segment
// delete` refuses one that a campaign's audience names, naming the
// campaign, deletes it with --force (warning), and deletes an unused one by
// name.
func TestSegmentListAndDelete(t *testing.T) {
	dir := writeSample(t, 50, 77, "2026-06-30")
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	if code, out, _ := cli(t, db, "segment", "list", "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("no segments: exit %d %q", code, out)
	}
	loc, _ := time.LoadLocation(tz)
	st, err := store.Open(db, store.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	ed := store.Actor{Name: "ed", Role: store.Editor}
	t0 := time.Date(2026, 7, 1, 9, 0, 0, 0, loc)
	used, err := st.PutSegment(ed, model.SavedSegment{Name: "成熟转沉默", Filters: []string{"成熟期 → 沉默期"},
		Query: []string{"flow=maturity>silent"}, MemberIDs: []string{"a", "b", "c"}, Consenting: 2, Created: t0,
		AsOf: model.CivilDay(2026, 6, 30), Window: model.Window{From: model.CivilDay(2026, 6, 1), To: model.CivilDay(2026, 6, 30)}})
	if err != nil {
		t.Fatal(err)
	}
	unused, err := st.PutSegment(ed, model.SavedSegment{Name: "spare", MemberIDs: []string{"a"}, Created: t0.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutCampaign(ed, model.Campaign{ID: "W1", Name: "唤醒", Type: model.CampaignWinback,
		Start: model.CivilDay(2026, 7, 1), End: model.CivilDay(2026, 7, 9), Audience: model.Audience{Segment: used}}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errs := cli(t, db, "segment", "list", "--json")
	if code != 0 {
		t.Fatalf("list --json: exit %d %s", code, errs)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 2 {
		t.Fatalf("list --json: %v %q", err, out)
	}
	if got[0]["id"] != unused || got[1]["id"] != used {
		t.Fatalf("not newest first: %v", got)
	}
	s := got[1]
	if s["name"] != "成熟转沉默" || s["members"] != 3.0 || s["consenting"] != 2.0 || s["as_of"] != "2026-06-30" ||
		s["from"] != "2026-06-01" || s["to"] != "2026-06-30" || s["owner"] != "ed" || s["created"] != "2026-07-01T09:00:00+08:00" {
		t.Fatalf("segment object %v", s)
	}
	if c := s["campaigns"].([]any); len(c) != 1 || c[0] != "W1" {
		t.Fatalf("campaigns %v", s["campaigns"])
	}
	if q := s["query"].([]any); len(q) != 1 || q[0] != "flow=maturity>silent" {
		t.Fatalf("query %v", s["query"])
	}
	if c := got[0]["campaigns"].([]any); len(c) != 0 {
		t.Fatalf("unused segment's campaigns %v", c)
	}

	code, out, _ = cli(t, db, "segment", "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.Contains(lines[2], "成熟转沉默") || !strings.Contains(lines[2], "W1") ||
		!strings.Contains(lines[2], "成熟期 → 沉默期") || !strings.Contains(lines[1], "spare") {
		t.Fatalf("list: exit %d\n%s", code, out)
	}

	code, _, errs = cli(t, db, "segment", "delete", "成熟转沉默")
	if code != exitFatal || !strings.Contains(errs, "W1 唤醒") || !strings.Contains(errs, "--force") {
		t.Fatalf("delete in use: exit %d %q", code, errs)
	}
	if code, out, _ := cli(t, db, "segment", "list", "--json"); code != 0 || !strings.Contains(out, used) {
		t.Fatalf("refused delete removed it: %s", out)
	}
	code, out, errs = cli(t, db, "segment", "delete", used, "--force")
	if code != 0 || !strings.Contains(errs, "W1") || !strings.Contains(out, "deleted segment 成熟转沉默") {
		t.Fatalf("delete --force: exit %d %q %q", code, out, errs)
	}
	if code, _, errs := cli(t, db, "segment", "delete", "spare"); code != 0 {
		t.Fatalf("delete unused: exit %d %s", code, errs)
	}
	if code, out, _ := cli(t, db, "segment", "list", "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("after deletes: %q", out)
	}
	if code, _, _ := cli(t, db, "segment", "delete", "spare"); code == 0 {
		t.Fatal("deleting a missing segment succeeded")
	}
	if code, _, _ := cli(t, db, "segment", "rename"); code != exitUsage {
		t.Fatalf("unknown subcommand: exit %d", code)
	}
}
