package main

import (
	"encoding/csv"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
)

// A campaign aimed at a saved segment: its audience is the segment's members
// who consented, are members as of the day and pass the other filters, as the
// oracle reads them from the sample's CSV.
func TestCampaignOnSavedSegment(t *testing.T) {
	dir := writeSample(t, 600, 4242, "2026-06-30")
	db := filepath.Join(t.TempDir(), "c.db")
	members, events := filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv")
	if code, _, errs := cli(t, db, "import", members, events, "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	loc, _ := time.LoadLocation(tz)
	o := newCampaignOracle(t, members, events, loc)
	asOf := oDay(time.Date(2026, 6, 30, 12, 0, 0, 0, loc), loc)

	// Every third member, plus an id the file does not hold.
	var ids []string
	inSeg := map[string]bool{}
	for i, m := range o.members {
		if i%3 == 0 {
			ids = append(ids, m.id)
			inSeg[m.id] = true
		}
	}
	ids = append(ids, "NO-SUCH-MEMBER")
	channel := o.members[0].channel
	want := func(byChannel bool) []string {
		var out []string
		for _, m := range o.members {
			if inSeg[m.id] && m.consent && m.reg <= asOf && (!byChannel || m.channel == channel) {
				out = append(out, m.id)
			}
		}
		sort.Strings(out)
		return out
	}
	all, chan1 := want(false), want(true)
	if len(all) == 0 || len(chan1) == 0 || len(chan1) == len(all) {
		t.Fatalf("the sample gives a weak case: %d in the segment, %d on %s", len(all), len(chan1), channel)
	}
	nonConsent := 0
	for _, m := range o.members {
		if inSeg[m.id] && !m.consent {
			nonConsent++
		}
	}
	if nonConsent == 0 {
		t.Fatal("the segment has no member without consent: the case proves nothing")
	}

	st, err := store.Open(db, store.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	segID, err := st.PutSegment(store.Actor{Name: "test", Role: store.Editor}, model.SavedSegment{Name: "每三位", MemberIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	add := func(args ...string) int {
		t.Helper()
		code, _, _ := cli(t, db, append([]string{"campaign", "add", "--type", "promotion", "--start", "2026-06-25", "--end", "2026-07-05", "--channels", "sms"}, args...)...)
		return code
	}
	if code := add("--id", "S1", "--name", "分群活动", "--segment-list", "每三位"); code != 0 {
		t.Fatalf("add by name: exit %d", code)
	}
	if code := add("--id", "S2", "--name", "分群渠道", "--segment-list", segID, "--channel", channel); code != 0 {
		t.Fatalf("add by id: exit %d", code)
	}
	if code := add("--id", "S3", "--name", "x", "--segment-list", "没有这个分群"); code != exitUsage {
		t.Errorf("unknown segment: exit %d, want %d", code, exitUsage)
	}
	for _, tc := range []struct {
		id   string
		want []string
	}{{"S1", all}, {"S2", chan1}} {
		size := int(showJSON(t, db, tc.id, "--as-of", "2026-06-30")["audience"].(map[string]any)["size"].(float64))
		if size != len(tc.want) {
			t.Errorf("%s: audience size %d, want %d", tc.id, size, len(tc.want))
		}
		// The two campaigns share members and touch by sms once each: two
		// touches, at the default cap, so nobody is left out.
		code, out, errs := cli(t, db, "campaign", "audience", tc.id, "--as-of", "2026-06-30")
		if code != 0 {
			t.Fatalf("%s audience: exit %d %s", tc.id, code, errs)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
		if err != nil || len(recs) == 0 {
			t.Fatalf("%s audience: %v %q", tc.id, err, out)
		}
		var got []string
		for _, r := range recs[1:] {
			got = append(got, r[0])
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s audience rows: %d, want %d\n got %v\nwant %v", tc.id, len(got), len(tc.want), got, tc.want)
		}
	}
	if _, out, _ := cli(t, db, "campaign", "show", "S1", "--as-of", "2026-06-30"); !strings.Contains(out, "segment "+segID) {
		t.Errorf("show does not name the segment:\n%s", out)
	}
	// A deleted segment empties the audience rather than widening it.
	st, err = store.Open(db, store.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSegment(store.Actor{Name: "test", Role: store.Editor}, segID); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if size := showJSON(t, db, "S1", "--as-of", "2026-06-30")["audience"].(map[string]any)["size"].(float64); size != 0 {
		t.Errorf("deleted segment: size %v, want 0", size)
	}
}
