package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/demo"
)

// tuiCLI runs one command line in-process with stdin as the keyboard.
func tuiCLI(t *testing.T, stdin string, lang string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"LANG": lang, "COCKPIT_ASCII": "1"}
	code := run(args, strings.NewReader(stdin), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func TestTUIWithoutDatabaseSaysHowToStart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, _ := tuiCLI(t, "", "en_US.UTF-8", "--db", db)
	if code != exitOK || !strings.Contains(out, "cockpit import") || !strings.Contains(out, "cockpit demo") {
		t.Fatalf("exit %d, out %q", code, out)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Error("opening the cockpit created an empty database")
	}
	code, out, _ = tuiCLI(t, "", "zh_CN.UTF-8", "--db", db)
	if code != exitOK || !strings.Contains(out, "还没有会员") {
		t.Fatalf("zh: exit %d, out %q", code, out)
	}
}

func TestTUIOnEmptyDatabaseSaysHowToStart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, _ := tuiCLI(t, "", "en_US.UTF-8", "--db", db)
	if code != exitOK || !strings.Contains(out, "holds no members") {
		t.Fatalf("exit %d, out %q", code, out)
	}
}

// TestTUIOpensAndQuits runs the real program on a small database with "q"
// as the keyboard: it opens the alternate screen, draws, and exits 0.
func TestTUIOpensAndQuits(t *testing.T) {
	db := filepath.Join(t.TempDir(), "small.db")
	loc, _ := time.LoadLocation("Asia/Shanghai")
	st, err := store.Open(db, store.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(st, sample.Config{Members: 300, Seed: 3, End: model.CivilDay(2026, 6, 30), Loc: loc}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	done := make(chan struct{})
	var code int
	var out, errs string
	go func() {
		defer close(done)
		code, out, errs = tuiCLI(t, "q", "zh_CN.UTF-8", "--db", db)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the cockpit did not quit on q")
	}
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "\x1b[?1049h") || !strings.Contains(out, "\x1b[?1049l") {
		t.Error("alternate screen not entered and left")
	}
	if _, err := os.Stat(db + ".owner"); !os.IsNotExist(err) {
		t.Error("the owner note was left behind")
	}
}

func TestDemoRejectsBadMembers(t *testing.T) {
	code, _, errs := tuiCLI(t, "", "en_US.UTF-8", "demo", "--members", "0")
	if code != exitUsage || !strings.Contains(errs, "--members") {
		t.Fatalf("exit %d, %q", code, errs)
	}
}

func TestTUIOwnedDatabaseFailsFast(t *testing.T) {
	db := filepath.Join(t.TempDir(), "owned.db")
	st, err := store.Open(db, store.Options{Owner: store.OwnerInfo{Command: "cockpit serve"}})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	code, _, errs := tuiCLI(t, "", "en_US.UTF-8", "--db", db)
	if code != exitFatal || !strings.Contains(errs, "in use") || !strings.Contains(errs, "cockpit serve") {
		t.Fatalf("exit %d, %q", code, errs)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %s", took)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestTUIOnDumbTerminal: with TERM=dumb the cockpit switches on no
// alternate screen, no mouse and sends no cursor sequence (nothing with an
// escape at all); it writes whole frames, one per key, and quits on q.
func TestTUIOnDumbTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "small.db")
	loc, _ := time.LoadLocation("Asia/Shanghai")
	st, err := store.Open(db, store.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(st, sample.Config{Members: 300, Seed: 3, End: model.CivilDay(2026, 6, 30), Loc: loc}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	keys, typing := io.Pipe()
	var out, errb syncBuffer
	env := map[string]string{"LANG": "en_US.UTF-8", "TERM": "dumb", "COLUMNS": "100", "LINES": "30"}
	done := make(chan int)
	go func() {
		done <- run([]string{"--db", db}, keys, &out, &errb, func(k string) string { return env[k] })
	}()
	wait := func(what string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(out.String(), what) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q in %q", what, out.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	wait("300 members")
	_, _ = typing.Write([]byte("3"))
	wait("[3 Members]")
	_, _ = typing.Write([]byte("q"))
	var code int
	select {
	case code = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the cockpit did not quit on q")
	}
	typing.Close()
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	o := out.String()
	if i := strings.IndexByte(o, 0x1b); i >= 0 {
		t.Errorf("an escape sequence on a dumb terminal at %d: %q", i, o[i:min(i+12, len(o))])
	}
	for _, l := range strings.Split(o, "\n") {
		if w := len([]rune(l)); w > 100 {
			t.Errorf("a line of %d columns: %q", w, l)
		}
	}
}
