package main

import (
	"testing"
	"time"

	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
)

// The progress line gives rows, rows per second, the share of the file and
// the time left while reading, and the stored share and time left while
// storing, extrapolated from each stage's own pace.
func TestProgressLine(t *testing.T) {
	en, zh := i18n.New(i18n.En), i18n.New(i18n.Zh)
	cases := []struct {
		cat   i18n.Catalog
		p     store.ImportProgress
		since time.Duration
		want  string
	}{
		{en, store.ImportProgress{Rows: 2_000_000, Bytes: 100, TotalSize: 400, Elapsed: 4 * time.Second}, 0,
			"events.csv: reading, 2,000,000 rows (500,000 rows/s), 25.0% of the file, 12s left"},
		{zh, store.ImportProgress{Rows: 2_000_000, Bytes: 100, TotalSize: 400, Elapsed: 4 * time.Second}, 0,
			"events.csv：读取中，2,000,000 行（每秒 500,000 行），已读文件 25.0%，约剩 12s"},
		{en, store.ImportProgress{Rows: 0, Bytes: 0, TotalSize: 0, Elapsed: 0}, 0,
			"events.csv: reading, 0 rows (… rows/s), — of the file, … left"},
		{en, store.ImportProgress{Rows: 10, Storing: true, Done: 3_000_000, Total: 12_000_000, Elapsed: 13 * time.Second}, 10 * time.Second,
			"events.csv: storing, 3,000,000 of 12,000,000 events and order ids, 25.0%, 9s left"},
		{en, store.ImportProgress{Storing: true, Done: 0, Total: 12, Elapsed: 13 * time.Second}, 13 * time.Second,
			"events.csv: storing, 0 of 12 events and order ids, 0.0%, … left"},
	}
	for _, c := range cases {
		if got := progressLine(c.cat, "events.csv", c.p, c.since); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}
