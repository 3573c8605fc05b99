package ui

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
)

// BenchmarkPaneViewsAtScale measures every pane's View on a real database,
// typically the 1,000,000-member one `cockpit bench --members 1000000 --dir D`
// leaves in D/bench.db:
//
//	COCKPIT_BENCH_DB=D/bench.db go test -run '^$' -bench PaneViewsAtScale ./ui/
//
// It loads the data the way a session does, waits for every pane to settle,
// then times View alone (the budget is 10 ms a frame).
func BenchmarkPaneViewsAtScale(b *testing.B) {
	path := os.Getenv("COCKPIT_BENCH_DB")
	if path == "" {
		b.Skip("set COCKPIT_BENCH_DB to a database file")
	}
	st, err := store.Open(path, store.Options{ReadOnly: true, Populate: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	in, _ := st.Info()
	d, _ := session(b, st, i18n.Zh, 100, 30, Options{})
	for i := 1; i <= 6; i++ {
		d.send(keyMsg(fmt.Sprint(i)))
		// Let the pane's own loads (profiles, target reports) finish.
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			select {
			case msg := <-d.msgs:
				d.handle(msg)
				continue
			case <-time.After(500 * time.Millisecond):
			}
			break
		}
		name := fmt.Sprintf("pane%d_%dmembers", i, in.Members)
		b.Run(name, func(b *testing.B) {
			for range b.N {
				_ = d.m.View()
			}
		})
	}
}
