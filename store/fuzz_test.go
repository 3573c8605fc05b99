package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

// FuzzImport runs the whole import path (reader and store, on a bbolt temp
// file) on arbitrary bytes, after a fixed members file. It must never panic
// nor fail on a readable file; every data row must end stored, updated,
// duplicate or rejected, the counts must add up, the rejects file must hold
// one line per rejected row, and importing the same file again must store
// nothing new.
func FuzzImport(f *testing.F) {
	f.Add([]byte("member_id,kind,at,amount,order_id\nA,purchase,2026-02-01 10:00:00,12.50,O1\nA,login,2026-02-01,,\nB,refund,2026-02-02,1,O1\n"))
	f.Add([]byte("member_id,name,registered_at,consent,tags\nA,张三,2026-01-01,否,x|y\nC,\"a\nb\",2026-01-03,,\nC,c,2026-01-03,1,\n"))
	f.Add([]byte("{\"member_id\":\"A\",\"kind\":\"redeem\",\"at\":\"2026-02-01\",\"amount\":5}\n{\"member_id\":\"B\"}\n"))
	f.Add([]byte("会员ID\t类型\t时间\nA\t登录\t2026/2/1 9:05\nA\t登录\t2026/2/1 9:05\n\"A\t登录\t2026/2/1\n"))
	f.Add([]byte("\xff\xfem\x00e\x00m\x00b\x00e\x00r\x00_\x00i\x00d\x00\n\x00"))
	now := time.Date(2026, 6, 30, 12, 0, 0, 0, shanghai)
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		s, err := Open(filepath.Join(dir, "c.db"), Options{Location: shanghai})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.ImportFile(admin, writeFile(t, "m.csv", []byte(membersAB)), ImportOptions{Now: now}); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		opt := ImportOptions{Now: now, MaxAmountFen: model.MaxFen, MaxPoints: model.MaxPoints}
		first, err := s.ImportFile(admin, p, opt)
		if err != nil {
			if first.Read != 0 {
				t.Fatalf("error after %d rows: %v", first.Read, err)
			}
			return // refused as a whole, before anything was stored
		}
		check := func(sum ImportSummary) {
			if sum.Read != sum.Stored+sum.Updated+sum.Duplicates+sum.Rejected {
				t.Fatalf("counts do not add up: %+v", sum)
			}
			if lines := bytes.Count(data, []byte("\n")) + 1; sum.Read > lines {
				t.Fatalf("%d rows read from %d lines", sum.Read, lines)
			}
			if sum.Rejected > 0 {
				rej, err := os.ReadFile(sum.RejectsFile)
				if err != nil {
					t.Fatal(err)
				}
				if len(rej) == 0 {
					t.Fatal("empty rejects file")
				}
			}
		}
		check(first)
		again, err := s.ImportFile(admin, p, opt)
		if err != nil {
			t.Fatalf("re-import: %v", err)
		}
		check(again)
		if again.Stored != 0 || again.Read != first.Read || again.Rejected != first.Rejected {
			t.Fatalf("re-import stored again: first %+v, again %+v", first, again)
		}
	})
}
