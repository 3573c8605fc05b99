package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"
)

// Tests for issue 11 through the command line.

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const twoMembers = "member_id,name,phone,channel,registered_at\nA,张三,13812341234,小程序,2026-01-01 10:00:00\nB,李四,13912341234,门店,2026-01-02 10:00:00\n"

// Point 1: 150 short rows used to panic with exit 2 and leave a .owner note.
func TestImportOfShortRowsExitsZero(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	var b strings.Builder
	b.WriteString("member_id,kind,at\n")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&b, "A,login,2026-02-01 10:%02d:%02d\n", i/60, i%60)
	}
	code, out, errs := cli(t, db, "import", write(t, dir, "m.csv", twoMembers), write(t, dir, "e.csv", b.String()), "--tz", tz)
	if code != exitOK || !strings.Contains(out, "150 rows read: 150 stored") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(db + ".owner"); !os.IsNotExist(err) {
		t.Error("the owner note was left behind")
	}
}

// Point 8: one event dated 2099 used to move the default as-of day there.
func TestFutureEventDoesNotMoveTheDefaultDay(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	events := "member_id,kind,at,amount,order_id\nA,purchase,2026-02-01 10:00:00,12.50,O1\nA,login,2099-01-01 10:00:00,,\n"
	m, e := write(t, dir, "m.csv", twoMembers), write(t, dir, "e.csv", events)
	code, out, _ := cli(t, db, "import", m, e, "--tz", tz)
	if code != exitRejected || !strings.Contains(out, "2 rows read: 1 stored, 0 updated, 0 duplicates, 1 rejected") {
		t.Fatalf("without --allow-future: exit %d\n%s", code, out)
	}
	rej, _ := os.ReadFile(e + ".rejects.csv")
	if !strings.Contains(string(rej), "--allow-future") {
		t.Errorf("rejects: %s", rej)
	}
	if code, out, errs := cli(t, db, "import", e, "--allow-future"); code != exitOK || !strings.Contains(out, "1 stored, 0 updated, 1 duplicates") {
		t.Fatalf("with --allow-future: exit %d\n%s%s", code, out, errs)
	}
	loc, _ := time.LoadLocation(tz)
	today := time.Now().In(loc).Format("2006-01-02")
	if got := kpiJSONOf(t, db)["as_of"]; got != today {
		t.Errorf("as_of %v, want today %s", got, today)
	}
}

// Point 12: a UTF-16 tab-separated file (Excel's "Unicode text") imports, and
// the summary says the encoding and delimiter used.
func TestImportUTF16SaysTheEncoding(t *testing.T) {
	dir := t.TempDir()
	text := "会员ID\t姓名\t注册时间\r\nA\t张三\t2026/1/1 10:00\r\n"
	b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	p := filepath.Join(dir, "u.txt")
	os.WriteFile(p, b, 0o600)
	code, out, errs := cli(t, filepath.Join(dir, "c.db"), "import", p, "--tz", tz)
	if code != exitOK || !strings.Contains(out, "members (utf16le, tab-separated), 1 rows read: 1 stored") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = cli(t, filepath.Join(dir, "c.db"), "import", p, "--lang", "zh")
	if code != exitOK || !strings.Contains(out, "会员（utf16le，制表符分隔），读取 1 行：写入 0，更新 0，重复 1") {
		t.Errorf("zh: %s", out)
	}
}

// Point 12: a refused file says why and what to do, and stores nothing.
func TestRefusedFileSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	p := write(t, dir, "t.csv", "会员名单 2026年6月\nmember_id,name,registered_at\nA,a,2026-01-01\n")
	code, _, errs := cli(t, db, "import", p)
	if code != exitFatal || !strings.Contains(errs, "line 2 does") || !strings.Contains(errs, "delete the 1 line(s) above line 2") ||
		!strings.Contains(errs, "refused before anything was stored") {
		t.Errorf("exit %d: %s", code, errs)
	}
	code, _, errs = cli(t, db, "import", p, "--lang", "zh")
	if code != exitFatal || !strings.Contains(errs, "列名") {
		t.Errorf("zh: exit %d: %s", code, errs)
	}
}

// Point 12 (and issue 14 point 15): an empty file and a missing directory
// are explained, by every command.
func TestDatabasePathsAreExplained(t *testing.T) {
	dir := t.TempDir()
	empty := write(t, dir, "empty.db", "")
	for _, args := range [][]string{{"kpi"}, {}, {"import", write(t, dir, "m.csv", twoMembers)}, {"audit"}} {
		code, _, errs := cli(t, empty, args...)
		if code != exitFatal || !strings.Contains(errs, "empty file (0 bytes)") || strings.Contains(errs, "bad file descriptor") {
			t.Errorf("%v on an empty file: exit %d: %s", args, code, errs)
		}
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Error("the empty file was turned into a database")
	}
	if code, _, errs := cli(t, empty, "kpi", "--lang", "zh"); code != exitFatal || !strings.Contains(errs, "是空文件（0 字节）") {
		t.Errorf("zh: exit %d: %s", code, errs)
	}
	missing := filepath.Join(dir, "no", "such", "c.db")
	for _, args := range [][]string{{}, {"import", filepath.Join(dir, "m.csv")}} {
		code, out, errs := cli(t, missing, args...)
		if code != exitFatal || !strings.Contains(errs, "does not exist") {
			t.Errorf("%v with a missing directory: exit %d: %s%s", args, code, out, errs)
		}
	}
}

// Point 12: the cockpit opens a file it can read but not write read-only,
// and says so. (Root can write any file: the check needs another user.)
func TestTUIOpensReadOnlyFileReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: every file is writable")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if code, _, errs := cli(t, db, "import", write(t, dir, "m.csv", twoMembers), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	os.Chmod(db, 0o400)
	code, _, errs := tuiCLI(t, "q", "en_US.UTF-8", "--db", db)
	if code != exitOK || !strings.Contains(errs, "opened read-only") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// Point 12: `cockpit audit` lists who imported and exported what, where and
// how many rows.
func TestAuditCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if code, _, errs := cli(t, db, "import", write(t, dir, "m.csv", twoMembers), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "full.csv")
	if code, _, errs := cli(t, db, "export", "members", "--unmask", "--out", out); code != 0 {
		t.Fatal(errs)
	}
	code, js, errs := cli(t, db, "audit", "--json")
	if code != 0 {
		t.Fatal(errs)
	}
	var log []map[string]any
	if err := json.Unmarshal([]byte(js), &log); err != nil || len(log) != 2 {
		t.Fatalf("%v: %s", err, js)
	}
	host, _ := os.Hostname()
	if log[0]["action"] != "import" || log[0]["host"] != host || log[0]["uid"] != fmt.Sprint(os.Getuid()) || log[0]["role"] != "admin" ||
		!strings.Contains(log[0]["detail"].(string), "read 2, stored 2") {
		t.Errorf("import entry %v", log[0])
	}
	if log[1]["action"] != "export.unmasked" || log[1]["detail"] != "2 members to "+out+" (csv)" {
		t.Errorf("export entry %v", log[1])
	}
	code, table, _ := cli(t, db, "audit", "--lang", "zh")
	if code != 0 || !strings.HasPrefix(table, "时间") || !strings.Contains(table, "export.unmasked") {
		t.Errorf("table:\n%s", table)
	}
}
