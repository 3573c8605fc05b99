package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// cli runs one command line in-process with a fixed environment and returns
// the exit code, stdout and stderr.
func cli(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"LANG": "en_US.UTF-8", "COCKPIT_DB": db}
	code := run(args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

const tz = "Asia/Shanghai"

// writeSample writes a sample the tests never saw elsewhere (its own seed).
func writeSample(t *testing.T, members int, seed uint64, end string) string {
	t.Helper()
	dir := t.TempDir()
	code, _, errs := cli(t, filepath.Join(dir, "unused.db"), "sample", "--members", fmt.Sprint(members),
		"--seed", fmt.Sprint(seed), "--end", end, "--tz", tz, "--out", dir)
	if code != 0 {
		t.Fatalf("sample: exit %d: %s", code, errs)
	}
	return dir
}

func kpiJSONOf(t *testing.T, db string, args ...string) map[string]any {
	t.Helper()
	code, out, errs := cli(t, db, append([]string{"kpi", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("kpi %v: exit %d: %s", args, code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("kpi output %q: %v", out, err)
	}
	return m
}

// sameJSON compares the cockpit's object with the oracle's: counts and money
// exactly, ratios within 1e-6 (the JSON carries six decimals), null as null.
func sameJSON(t *testing.T, label string, got, want map[string]any) {
	t.Helper()
	for _, k := range []string{"as_of", "from", "to"} {
		if got[k] != want[k] {
			t.Errorf("%s: %s = %v, want %v", label, k, got[k], want[k])
		}
	}
	for _, sec := range []string{"stages", "tiers", "rfm", "kpis"} {
		g, _ := got[sec].(map[string]any)
		var w map[string]any
		switch x := want[sec].(type) {
		case map[string]int64:
			w = map[string]any{}
			for k, v := range x {
				w[k] = float64(v)
			}
		case map[string]any:
			w = map[string]any{}
			for k, v := range x {
				if n, ok := v.(int64); ok {
					w[k] = float64(n)
				} else {
					w[k] = v
				}
			}
		}
		if len(g) != len(w) {
			t.Errorf("%s: %s has %d keys, want %d: %v", label, sec, len(g), len(w), g)
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				t.Errorf("%s: %s.%s missing", label, sec, k)
				continue
			}
			if wv == nil || gv == nil {
				if wv != gv {
					t.Errorf("%s: %s.%s = %v, want %v", label, sec, k, gv, wv)
				}
				continue
			}
			gf, wf := gv.(float64), wv.(float64)
			tol := 0.0
			if strings.Contains(k, "rate") || strings.HasPrefix(k, "retention") || k == "aov" {
				tol = 1e-6
			}
			if math.Abs(gf-wf) > tol {
				t.Errorf("%s: %s.%s = %v, want %v", label, sec, k, gf, wf)
			}
		}
	}
}

func TestSampleImportKPIAgreesWithOracle(t *testing.T) {
	dir := writeSample(t, 3000, 9173, "2026-03-31")
	db := filepath.Join(t.TempDir(), "c.db")
	members, events := filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv")
	// Events first on the command line: import still takes members first.
	code, out, errs := cli(t, db, "import", events, members, "--tz", tz)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
	}
	loc, _ := time.LoadLocation(tz)
	o := newOracle(t, members, events, loc)
	windows := []struct {
		args           []string
		asOf, from, to string
	}{
		{nil, "2026-03-31", "2026-03-02", "2026-03-31"},
		{[]string{"--as-of", "2026-02-15"}, "2026-02-15", "2026-01-17", "2026-02-15"},
		{[]string{"--from", "2025-11-01", "--to", "2025-11-30"}, "2026-03-31", "2025-11-01", "2025-11-30"},
		{[]string{"--from", "2026-01-01", "--to", "2026-03-31"}, "2026-03-31", "2026-01-01", "2026-03-31"},
		{[]string{"--from", "2025-06-18", "--to", "2025-06-18"}, "2026-03-31", "2025-06-18", "2025-06-18"},
		{[]string{"--as-of", "2024-01-01"}, "2024-01-01", "2023-12-03", "2024-01-01"}, // before most data: zero denominators
	}
	for _, w := range windows {
		got := kpiJSONOf(t, db, w.args...)
		want := o.kpi(oParseDay(w.asOf), oParseDay(w.from), oParseDay(w.to))
		sameJSON(t, strings.Join(w.args, " "), got, want)
	}
	// Re-importing the same files changes nothing.
	before := kpiJSONOf(t, db)
	code, out, _ = cli(t, db, "import", members, events)
	if code != 0 || !strings.Contains(out, " 0 stored") {
		t.Errorf("re-import: exit %d, %s", code, out)
	}
	if after := kpiJSONOf(t, db); !reflect.DeepEqual(before, after) {
		t.Errorf("re-import changed the KPIs")
	}
}

// toGB18030 rewrites a UTF-8 CSV as GB18030 with Chinese headers and Chinese
// event kind names, as Excel in China would save it.
func toGB18030(t *testing.T, src, dst string, events bool) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	header, body, _ := strings.Cut(text, "\n")
	zh := map[string]string{"member_id": "会员ID", "name": "姓名", "phone": "手机号", "channel": "渠道", "registered_at": "注册时间",
		"birthday": "生日", "consent": "授权", "tags": "标签", "kind": "类型", "at": "时间", "amount": "金额", "order_id": "订单号", "campaign_id": "活动ID"}
	cols := strings.Split(strings.TrimSpace(header), ",")
	for i, c := range cols {
		cols[i] = zh[c]
	}
	if events {
		for en, cn := range map[string]string{",purchase,": ",购买,", ",refund,": ",退款,", ",signin,": ",签到,"} {
			body = strings.ReplaceAll(body, en, cn)
		}
	}
	enc, err := simplifiedchinese.GB18030.NewEncoder().String(strings.Join(cols, ",") + "\r\n" + body)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, []byte(enc), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestGB18030WithChineseHeadersGivesTheIdenticalObject(t *testing.T) {
	dir := writeSample(t, 1500, 5521, "2026-05-31")
	a := filepath.Join(t.TempDir(), "a.db")
	if code, out, errs := cli(t, a, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatalf("utf8 import: %d %s %s", code, out, errs)
	}
	gbDir := t.TempDir()
	toGB18030(t, filepath.Join(dir, "members.csv"), filepath.Join(gbDir, "会员.csv"), false)
	toGB18030(t, filepath.Join(dir, "events.csv"), filepath.Join(gbDir, "事件.csv"), true)
	b := filepath.Join(t.TempDir(), "b.db")
	if code, out, errs := cli(t, b, "import", filepath.Join(gbDir, "会员.csv"), filepath.Join(gbDir, "事件.csv"), "--tz", tz); code != 0 {
		t.Fatalf("gb18030 import: %d %s %s", code, out, errs)
	}
	for _, args := range [][]string{nil, {"--from", "2025-12-01", "--to", "2026-02-28"}} {
		_, ja, _ := cli(t, a, append([]string{"kpi", "--json"}, args...)...)
		_, jb, _ := cli(t, b, append([]string{"kpi", "--json"}, args...)...)
		if ja != jb || ja == "" {
			t.Errorf("kpi %v differs:\nutf8    %s\ngb18030 %s", args, ja, jb)
		}
	}
}

func TestImportRejectsKeepGoodRowsAndExitThree(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	members := filepath.Join(dir, "m.csv")
	os.WriteFile(members, []byte("member_id,name,phone,channel,registered_at,birthday,consent,tags\n"+
		"M1,张三,13800001111,小程序,2026-01-01 10:00:00,,true,\n"+
		"M2,李四,13800002222,APP,not-a-time,,true,\n"+
		"M3,王五,13800003333,门店,2026-01-02,05-06,false,学生|新客\n"), 0o600)
	events := filepath.Join(dir, "e.csv")
	os.WriteFile(events, []byte("member_id,kind,at,amount,order_id,channel,campaign_id\n"+
		"M1,purchase,2026-01-05 12:00:00,88.50,O1,APP,\n"+
		"M1,purchase,2026-01-05 12:00:00,1.234,O2,APP,\n"+ // three decimals
		"M9,login,2026-01-05 12:00:00,,,APP,\n"+ // unknown member
		"M3,dance,2026-01-05 12:00:00,,,APP,\n"+ // unknown kind
		"M3,login,2026/01/06 08:30,,,APP,\n"), 0o600)
	code, out, errs := cli(t, db, "import", members, events, "--tz", tz)
	if code != exitRejected {
		t.Fatalf("exit %d, want 3\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"(utf8, comma-separated), 3 rows read: 2 stored, 0 updated, 0 duplicates, 1 rejected", "5 rows read: 2 stored, 0 updated, 0 duplicates, 3 rejected", "m.csv.rejects.csv", "e.csv.rejects.csv"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	rej, err := os.ReadFile(events + ".rejects.csv")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(rej), "\ufeff")
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "line,reason,member_id,kind,at,amount,order_id,channel,campaign_id") {
		t.Fatalf("rejects file:\n%s", text)
	}
	for i, want := range []struct{ line, field, raw string }{
		{"3,", "amount", "M1,purchase,2026-01-05 12:00:00,1.234,O2,APP,"},
		{"4,", "M9", "M9,login,2026-01-05 12:00:00,,,APP,"},
		{"5,", "kind", "M3,dance,2026-01-05 12:00:00,,,APP,"},
	} {
		l := lines[i+1]
		if !strings.HasPrefix(l, want.line) || !strings.Contains(l, want.field) || !strings.HasSuffix(l, want.raw) {
			t.Errorf("reject line %d = %q, want line %s naming %s ending %q", i+1, l, want.line, want.field, want.raw)
		}
	}
	got := kpiJSONOf(t, db, "--from", "2026-01-01", "--to", "2026-01-31")
	k := got["kpis"].(map[string]any)
	if k["members_total"] != 2.0 || k["orders"] != 1.0 || k["gmv"] != 88.5 {
		t.Errorf("kpis after partial import = %v", k)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"kpi", "--from", "2026-01-01"}, exitUsage},
		{[]string{"kpi", "--as-of", "yesterday"}, exitUsage},
		{[]string{"import"}, exitUsage},
		{[]string{"import", "--kind", "orders", "x.csv"}, exitUsage},
		{[]string{"export", "nothing"}, exitUsage},
		{[]string{"import", filepath.Join(dir, "missing.csv")}, exitFatal},
		{[]string{"kpi"}, exitFatal}, // no database yet
	}
	for _, c := range cases {
		if code, _, errs := cli(t, db, c.args...); code != c.code {
			t.Errorf("%v: exit %d, want %d (%s)", c.args, code, c.code, errs)
		}
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("foo,bar\n1,2\n"), 0o600)
	if code, _, errs := cli(t, db, "import", bad); code != exitFatal || !strings.Contains(errs, "bad.csv") {
		t.Errorf("headerless file: exit %d, %s", code, errs)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	dir := writeSample(t, 800, 313, "2026-04-30")
	a := filepath.Join(t.TempDir(), "a.db")
	if code, _, errs := cli(t, a, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	for _, format := range []string{"csv", "jsonl"} {
		out := t.TempDir()
		m, e := filepath.Join(out, "m."+format), filepath.Join(out, "e."+format)
		if code, _, errs := cli(t, a, "export", "members", "--unmask", "--format", format, "--out", m); code != 0 {
			t.Fatal(errs)
		}
		if code, _, errs := cli(t, a, "export", "events", "--format", format, "--out", e); code != 0 {
			t.Fatal(errs)
		}
		b := filepath.Join(t.TempDir(), "b.db")
		if code, out, errs := cli(t, b, "import", m, e, "--tz", tz); code != 0 {
			t.Fatalf("%s re-import: %d %s %s", format, code, out, errs)
		}
		for _, what := range []string{"members", "events"} {
			_, x, _ := cli(t, a, "export", what, "--unmask", "--format", format)
			_, y, _ := cli(t, b, "export", what, "--unmask", "--format", format)
			if x != y || len(x) < 100 {
				t.Errorf("%s %s export differs after a round trip (%d vs %d bytes)", format, what, len(x), len(y))
			}
		}
		if x, y := kpiJSONOf(t, a), kpiJSONOf(t, b); !reflect.DeepEqual(x, y) {
			t.Errorf("%s: kpi differs after a round trip", format)
		}
	}
	// Masked by default.
	_, masked, _ := cli(t, a, "export", "members")
	if !strings.Contains(masked, "****") {
		t.Error("default export does not mask phones")
	}
}

func TestBackupCopiesWhileReadable(t *testing.T) {
	dir := writeSample(t, 300, 77, "2026-04-30")
	db := filepath.Join(t.TempDir(), "c.db")
	cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz)
	cp := filepath.Join(t.TempDir(), "copy.db")
	if code, _, errs := cli(t, db, "backup", cp); code != 0 {
		t.Fatal(errs)
	}
	_, a, _ := cli(t, db, "kpi", "--json")
	_, b, _ := cli(t, cp, "kpi", "--json")
	if a != b || a == "" {
		t.Errorf("backup kpi differs")
	}
}

// TestSecondProcessGetsAClearMessage runs a real second process against a
// database this process owns without answering on a socket (the case where
// the command cannot run through the owner): it fails within a second,
// naming the owner, in the user's language.
func TestSecondProcessGetsAClearMessage(t *testing.T) {
	if os.Getenv("COCKPIT_CHILD") == "1" {
		os.Exit(run(strings.Fields(os.Getenv("COCKPIT_ARGS")), os.Stdin, os.Stdout, os.Stderr, os.Getenv))
	}
	dir := writeSample(t, 50, 1, "2026-04-30")
	db := filepath.Join(t.TempDir(), "c.db")
	cli(t, db, "import", filepath.Join(dir, "members.csv"), "--tz", tz)
	st, done, err := (&env{db: db, getenv: os.Getenv}).openStore(false)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	_ = st
	for _, c := range []struct{ lang, want string }{{"en_US.UTF-8", "in use by"}, {"zh_CN.UTF-8", "正被"}} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSecondProcessGetsAClearMessage$")
		cmd.Env = append(os.Environ(), "COCKPIT_CHILD=1", "COCKPIT_ARGS=kpi --db "+db, "LANG="+c.lang, "LC_ALL=", "LC_MESSAGES=")
		start := time.Now()
		out, _ := cmd.CombinedOutput()
		took := time.Since(start)
		if cmd.ProcessState.ExitCode() != exitFatal {
			t.Errorf("%s: child exit %d, want 1: %s", c.lang, cmd.ProcessState.ExitCode(), out)
		}
		if !strings.Contains(string(out), c.want) || !strings.Contains(string(out), strconv.Itoa(os.Getpid())) {
			t.Errorf("%s: child message %q does not name the owner", c.lang, out)
		}
		if took > 3*time.Second { // one second of lock timeout plus process start
			t.Errorf("child took %v", took)
		}
	}
}

func TestBenchCommandReportsEveryFigure(t *testing.T) {
	code, out, errs := cli(t, filepath.Join(t.TempDir(), "x.db"), "bench", "--members", "300", "--tz", tz)
	if code != 0 {
		t.Fatalf("bench: %d %s", code, errs)
	}
	for _, want := range []string{"events/s end to end from CSV", "peak RSS during import", "cold open", "kpi snapshot", "analysis"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}
