//go:build unix

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	gossh "golang.org/x/crypto/ssh"
)

// TestServeSIGTERMEndsSessionsAndClosesTheDatabase runs `cockpit serve` as
// a real child process: it prints the host key's fingerprint and the ssh
// line, serves a session, and on SIGTERM tells the session, ends it, exits
// 0 and leaves a database that bbolt's check finds clean.
func TestServeSIGTERMEndsSessionsAndClosesTheDatabase(t *testing.T) {
	if os.Getenv("COCKPIT_CHILD") == "1" {
		os.Exit(run(strings.Fields(os.Getenv("COCKPIT_ARGS")), os.Stdin, os.Stdout, os.Stderr, os.Getenv))
	}
	dir := writeSample(t, 80, 3, "2026-04-30")
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz); code != 0 {
		t.Fatal(errs)
	}
	key := newSigner(t)
	keys := db + ".authorized_keys"
	os.WriteFile(keys, gossh.MarshalAuthorizedKey(key.PublicKey()), 0o600)
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeSIGTERMEndsSessionsAndClosesTheDatabase$")
	cmd.Env = append(os.Environ(), "COCKPIT_CHILD=1", "COCKPIT_ARGS=serve --db "+db+" --listen 127.0.0.1:0", "LANG=en_US.UTF-8")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(out)
	var printed []string
	port := ""
	for port == "" && sc.Scan() {
		printed = append(printed, sc.Text())
		if m := regexp.MustCompile(`ssh -p (\d+) `).FindStringSubmatch(sc.Text()); m != nil {
			port = m[1]
		}
	}
	if port == "" {
		t.Fatalf("no ssh line in %q", printed)
	}
	if !strings.Contains(strings.Join(printed, "\n"), "SHA256:") {
		t.Errorf("no fingerprint printed: %q", printed)
	}
	fi, err := os.Stat(db + ".host_key")
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key beside the database: %v %v", fi, err)
	}
	ts := &testServer{addr: "127.0.0.1:" + port}
	c, err := ts.dial(gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	pt := openTerm(t, c, 90, 26, "en_US.UTF-8")
	pt.waitFor(t, "Overview")
	go func() {
		for sc.Scan() {
		}
	}()
	cmd.Process.Signal(syscall.SIGTERM)
	pt.waitFor(t, "shutting down")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not exit after SIGTERM")
	}
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("the database is still locked or broken: %v", err)
	}
	defer bdb.Close()
	bdb.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			t.Errorf("bbolt check: %v", err)
		}
		return nil
	})
	if _, err := os.Stat(db + ".sock"); err == nil {
		t.Error("the owner socket was left behind")
	}
}
