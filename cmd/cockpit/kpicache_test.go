package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
)

// cachedDefault reports whether db's KPI cache holds a true snapshot of the
// window `kpi` answers by default (30 days to the data's last day).
func cachedDefault(t *testing.T, db string) bool {
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
	_, ok, err := st.CachedSnapshot(model.DefaultRules(), model.Window{From: in.LastDay - 29, To: in.LastDay})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestKPICacheGivesTheComputedBytes: the first `kpi --json` computes and
// keeps its snapshot; the second answers from the cache with the same
// bytes; an import afterwards makes the cache stale, and the next `kpi`
// gives exactly what a database imported from scratch with the same rows
// computes.
func TestKPICacheGivesTheComputedBytes(t *testing.T) {
	dir := writeSample(t, 1200, 7717, "2026-05-31")
	members, events := filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv")
	a := filepath.Join(t.TempDir(), "a.db")
	if code, out, errs := cli(t, a, "import", members, events, "--tz", tz); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if cachedDefault(t, a) {
		t.Fatal("cached before any kpi")
	}
	_, first, _ := cli(t, a, "kpi", "--json")
	if !cachedDefault(t, a) {
		t.Fatal("kpi did not keep its snapshot")
	}
	_, second, _ := cli(t, a, "kpi", "--json")
	if first == "" || second != first {
		t.Fatalf("from the cache:\n%s\ncomputed:\n%s", second, first)
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
	if cachedDefault(t, a) {
		t.Fatal("the cache still answers after an import")
	}
	_, after, _ := cli(t, a, "kpi", "--json")
	if after == first {
		t.Fatal("kpi after the import gives the figures from before it")
	}
	b := filepath.Join(t.TempDir(), "b.db")
	if code, out, errs := cli(t, b, "import", members, events, extra, "--tz", tz); code != 0 {
		t.Fatalf("import b: %d %s %s", code, out, errs)
	}
	_, fresh, _ := cli(t, b, "kpi", "--json")
	if after != fresh {
		t.Fatalf("after the import:\n%s\nfrom scratch:\n%s", after, fresh)
	}
	_, again, _ := cli(t, a, "kpi", "--json")
	if again != fresh || !cachedDefault(t, a) {
		t.Fatalf("second kpi after the import (cached %v):\n%s\nwant\n%s", cachedDefault(t, a), again, fresh)
	}
}
