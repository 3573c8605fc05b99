//go:build unix

package members

import (
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
)

// BenchmarkListFilters measures what opening a list in the Members pane
// computes off the update loop (viewRequest.run, in a tea.Cmd): the rows of
// a flow-matrix cell, an RFM group, a tier, the tier-risk list, the 30-day
// birthday list and a masked-phone search, in the list's own order, with
// the consenting count. COCKPIT_BENCH_DB names a database file to run on
// (e.g. a copy of the 1,000,000-member /work/data/m1.db, opened read-only);
// without it the 2,000-member fixture is used:
//
//	COCKPIT_BENCH_DB=/tmp/m1.db go test ./ui/members -run '^$' -bench ListFilters
func BenchmarkListFilters(b *testing.B) {
	st := fixStore
	if path := os.Getenv("COCKPIT_BENCH_DB"); path != "" {
		var err error
		if st, err = store.Open(path, store.Options{ReadOnly: true, Populate: true}); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
	}
	info, err := st.Info()
	if err != nil {
		b.Fatal(err)
	}
	asOf := info.LastDay
	w := model.Window{From: asOf - 29, To: asOf}
	a, err := st.Analyze(model.DefaultRules(), w)
	if err != nil {
		b.Fatal(err)
	}
	p, err := st.LoadProfiles()
	if err != nil {
		b.Fatal(err)
	}
	in, err := st.Insight(model.DefaultInsightConfig(asOf))
	if err != nil {
		b.Fatal(err)
	}
	cat := i18n.New(i18n.Zh)
	risk := make([]uint32, len(in.TierRisk))
	vals := make([]string, len(in.TierRisk))
	for i, e := range in.TierRisk {
		risk[i], vals[i] = e.Seq, cat.T("insight.risk.value", strconv.FormatInt(e.Keep, 10), e.DropIn)
	}
	bd := p.Birthdays(asOf, 30)
	bseqs := make([]uint32, len(bd))
	for i, e := range bd {
		bseqs[i] = e.Seq
	}
	q := func(f func(*Query)) Query { x := NoFilter(); f(&x); return x }
	cases := []struct {
		name string
		q    Query
	}{
		{"flow-maturity-to-silent", q(func(x *Query) { x.Flow, x.Stage = int(model.StageMaturity), int(model.StageSilent) })},
		{"rfm-important-retain", q(func(x *Query) { x.Segment = int(model.ImportantRetain) })},
		{"tier-gold", q(func(x *Query) { x.Tier = int(model.TierGold) })},
		{"tier-risk-list", q(func(x *Query) { x.List = common.NewMemberList("risk", "keep", risk, vals) })},
		{"birthdays-30d-list", q(func(x *Query) { x.List = common.NewMemberList("birthdays", "", bseqs, nil) })},
		{"search-masked-phone", q(func(x *Query) { x.Text = "187****6701" })},
	}
	pop := "/members=" + strconv.FormatInt(info.Members, 10)
	for _, c := range cases {
		b.Run(c.name+pop, func(b *testing.B) {
			var rows int
			c0 := cpuTime()
			minWall := time.Duration(1 << 62)
			for b.Loop() {
				t := time.Now()
				out := viewRequest{q: c.q, a: a, p: p, keep: -1}.run()
				minWall = min(minWall, time.Since(t))
				rows = len(out.rows)
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(minWall)/1e6, "min-ms")
		})
	}
}

// cpuTime is the CPU time the process has used (user and system), which a
// loaded machine inflates far less than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
