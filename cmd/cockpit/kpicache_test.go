package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
)

// cached reports whether db's KPI cache holds a true snapshot of w (the
// window `kpi` answers by default when w is zero: 30 days to the data's
// last day).
func cached(t *testing.T, db string, w model.Window) bool {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in, err := st.Info()
	if err != nil {
		t.Fatal(err)
	}
	if w == (model.Window{}) {
		w = model.Window{From: in.LastDay - 29, To: in.LastDay}
	}
	_, ok, err := st.CachedSnapshot(model.DefaultRules(), w)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// computedJSON is `kpi --json` of the default window computed from the
// summaries, never from the cache.
func computedJSON(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in, err := st.Info()
	if err != nil {
		t.Fatal(err)
	}
	snap, _, err := st.ComputeSnapshot(model.DefaultRules(), model.Window{From: in.LastDay - 29, To: in.LastDay})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := writeKPIJSON(&b, in.LastDay, snap); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestKPICacheGivesTheComputedBytes: an import leaves the default window's
// snapshot in the KPI cache and `kpi --json` answers from it with the bytes
// a scan gives; another import makes the old entry stale and primes the new
// figures, which are those of a database imported from scratch with the
// same rows; a window nobody primed is computed by the first `kpi`, kept,
// and the second answers the same bytes from the cache.
func TestKPICacheGivesTheComputedBytes(t *testing.T) {
	dir := writeSample(t, 1200, 7717, "2026-05-31")
	members, events := filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv")
	a := filepath.Join(t.TempDir(), "a.db")
	if code, out, errs := cli(t, a, "import", members, events, "--tz", tz); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if !cached(t, a, model.Window{}) {
		t.Fatal("the import did not prime the default window")
	}
	_, first, _ := cli(t, a, "kpi", "--json")
	if want := computedJSON(t, a); first == "" || first != want {
		t.Fatalf("from the cache:\n%s\ncomputed:\n%s", first, want)
	}

	// One more purchase on the last day, by the sample's first member.
	raw, err := os.ReadFile(members)
	if err != nil {
		t.Fatal(err)
	}
	id := strings.SplitN(strings.Split(string(raw), "\n")[1], ",", 2)[0]
	extra := filepath.Join(t.TempDir(), "extra.csv")
	if err := os.WriteFile(extra, []byte("member_id,kind,at,amount,order_id\n"+id+",purchase,2026-05-31 10:00:00,123.45,XTRA1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, a, "import", extra, "--tz", tz); code != 0 {
		t.Fatalf("import extra: %d %s %s", code, out, errs)
	}
	_, after, _ := cli(t, a, "kpi", "--json")
	if after == first {
		t.Fatal("kpi after the import gives the figures from before it")
	}
	b := filepath.Join(t.TempDir(), "b.db")
	if code, out, errs := cli(t, b, "import", members, events, extra, "--tz", tz); code != 0 {
		t.Fatalf("import b: %d %s %s", code, out, errs)
	}
	if want := computedJSON(t, b); after != want || after != computedJSON(t, a) {
		t.Fatalf("after the import:\n%s\nfrom scratch:\n%s", after, want)
	}

	// A window nothing primed: computed, kept, then read back.
	w := model.Window{From: model.CivilDay(2026, 3, 1), To: model.CivilDay(2026, 3, 31)}
	if cached(t, a, w) {
		t.Fatal("March cached before anyone asked")
	}
	args := []string{"kpi", "--json", "--from", "2026-03-01", "--to", "2026-03-31"}
	_, m1, _ := cli(t, a, args...)
	if !cached(t, a, w) {
		t.Fatal("kpi did not keep the snapshot it computed")
	}
	_, m2, _ := cli(t, a, args...)
	_, mb, _ := cli(t, b, args...)
	if m1 == "" || m2 != m1 || mb != m1 {
		t.Fatalf("March computed:\n%s\nfrom the cache:\n%s\nother file:\n%s", m1, m2, mb)
	}
}
