package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// cmdBenchServe measures `cockpit serve` as a team uses it and prints one
// line per figure (BENCHMARKS.md records them): it starts the server on
// the database as a child process, opens N concurrent SSH sessions with a
// PTY (x/crypto/ssh, as the tests do), and reports the server's memory,
// the time from a keystroke to the frame reaching the client, and the time
// from an editor's save to every other session's frame showing it.
//
//	cockpit bench-serve --db FILE [--sessions 20] [--rounds 20] [--saves 5]
//	    [--panes 2,1] [--settle=true] [--idle 1s] [--server-cpuprofile FILE]
//	    [--server-log FILE] [--server-args "--memory-limit off"]
//
// The keystrokes are timed once every session shows the analysis and the
// server's background work has settled (--settle=false times them at
// once). Besides wall times, which other processes' load inflates, it
// prints the server's CPU time (/proc/PID/stat) per keystroke and per save.
func cmdBenchServe(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("bench-serve", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	sessions := fs.Int("sessions", 20, "concurrent SSH sessions")
	rounds := fs.Int("rounds", 20, "keystrokes per session")
	saves := fs.Int("saves", 5, "editor saves to time")
	serverProfile := fs.String("server-cpuprofile", "", "write a CPU profile of the server process (not of bench-serve) to this file")
	serverLog := fs.String("server-log", "", "write the server's standard error to this file (e.g. with GODEBUG=gctrace=1)")
	panes := fs.String("panes", "2,1", "the tabs every session switches between, in turn (1–6; sessions start on 1, so begin with another)")
	settle := fs.Bool("settle", true, "wait for the server's background work after the first analysis (≤ 10% of a core for 2 s) before the keystrokes")
	idle := fs.Duration("idle", time.Second, "how long to measure the server's CPU with every session idle, before the keystrokes")
	serverArgs := fs.String("server-args", "", "more arguments for `cockpit serve`, space-separated (e.g. \"--memory-limit off\")")
	if _, err := parse(e, fs, args, &lang, &tz); err != nil {
		return err
	}
	if *sessions < 2 {
		return usagef("bench-serve: --sessions must be at least 2")
	}
	tabs := strings.Split(*panes, ",")
	for _, k := range tabs {
		if len(k) != 1 || k[0] < '1' || k[0] > '6' {
			return usagef("bench-serve: --panes %q: tabs 1 to 6, comma-separated", *panes)
		}
	}
	work, err := os.MkdirTemp("", "cockpit-bench-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	out := e.stdout
	fmt.Fprintf(out, "machine: %s/%s, %d CPUs, %s; %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().Format("2006-01-02 15:04"))
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Fprintf(out, "load average at start: %s", b)
	}

	// Keys: one editor, one viewer for the others.
	signer := func() (gossh.Signer, error) {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, err
		}
		return gossh.NewSignerFromKey(priv)
	}
	editor, err := signer()
	if err != nil {
		return err
	}
	viewer, err := signer()
	if err != nil {
		return err
	}
	keys := filepath.Join(work, "keys")
	body := "role=editor " + string(gossh.MarshalAuthorizedKey(editor.PublicKey())) + string(gossh.MarshalAuthorizedKey(viewer.PublicKey()))
	if err := os.WriteFile(keys, []byte(body), 0o600); err != nil {
		return err
	}

	self, err := os.Executable()
	if err != nil {
		return err
	}
	t0 := time.Now()
	child := exec.Command(self, "serve", "--db", e.db, "--listen", "127.0.0.1:0", "--authorized-keys", keys,
		"--host-key", filepath.Join(work, "host_key"), "--max-sessions", fmt.Sprint(*sessions+8), "--lang", "en")
	child.Args = append(child.Args, strings.Fields(*serverArgs)...)
	child.Stderr = io.Discard
	if *serverLog != "" {
		f, err := os.Create(*serverLog)
		if err != nil {
			return err
		}
		defer f.Close()
		child.Stderr = f
	}
	// COCKPIT_CPUPROFILE is read by both processes: the child gets only
	// --server-cpuprofile, so the two never write the same file.
	child.Env = slices.DeleteFunc(os.Environ(), func(v string) bool { return strings.HasPrefix(v, "COCKPIT_CPUPROFILE=") })
	if *serverProfile != "" {
		p, err := filepath.Abs(*serverProfile)
		if err != nil {
			return err
		}
		child.Env = append(child.Env, "COCKPIT_CPUPROFILE="+p)
	}
	stdout, err := child.StdoutPipe()
	if err != nil {
		return err
	}
	if err := child.Start(); err != nil {
		return err
	}
	defer func() {
		child.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { child.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			child.Process.Kill()
		}
	}()
	sc := bufio.NewScanner(stdout)
	port := ""
	for port == "" && sc.Scan() {
		if m := regexp.MustCompile(`ssh -p (\d+) `).FindStringSubmatch(sc.Text()); m != nil {
			port = m[1]
		}
	}
	if port == "" {
		return errors.New("bench-serve: the server printed no ssh line")
	}
	go io.Copy(io.Discard, stdout)
	fmt.Fprintf(out, "server up (pid %d) in %s; RSS %s\n", child.Process.Pid, time.Since(t0).Round(time.Millisecond), rss(child.Process.Pid))

	dial := func(s gossh.Signer) (*gossh.Client, error) {
		return gossh.Dial("tcp", "127.0.0.1:"+port, &gossh.ClientConfig{User: "bench", Auth: []gossh.AuthMethod{gossh.PublicKeys(s)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second})
	}
	// Open the sessions, every other one in Chinese.
	t0 = time.Now()
	terms := make([]*benchTerm, *sessions)
	for i := range terms {
		c, err := dial(viewer)
		if err != nil {
			return err
		}
		defer c.Close()
		l := "en_US.UTF-8"
		if i%2 == 1 {
			l = "zh_CN.UTF-8"
		}
		if terms[i], err = openBenchTerm(c, 100, 30, l); err != nil {
			return err
		}
	}
	for _, bt := range terms {
		if err := bt.waitFor([]string{"○ idle", "○ 空闲"}, 10*time.Minute); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "%d sessions open with their first full frame in %s\n", *sessions, time.Since(t0).Round(time.Millisecond))
	// The first frame draws the daily rollups while the member-level
	// analysis runs (the status bar says "loading…" beside "idle"): the
	// keystrokes are timed only once every session has the analysis, so
	// they do not compete with it.
	for _, bt := range terms {
		if err := bt.waitFor([]string{"○ idle  ", "○ 空闲  "}, 10*time.Minute); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "%d sessions with the analysis on screen in %s\n", *sessions, time.Since(t0).Round(time.Millisecond))
	pid := child.Process.Pid
	// Background work after the first analysis (the Lifecycle's insight
	// after its debounce, the campaigns' audience index) is waited out, so
	// the keystrokes below are timed on a server that is otherwise idle.
	// Quiet means 2 s in a row: longer than the insight's debounce
	// (1.5 s), which would otherwise pass for the end of the work.
	quietAt := time.Now()
	for quiet := 0; *settle && quiet < 4 && time.Since(quietAt) < 2*time.Minute; {
		c0 := cpuTime(pid)
		time.Sleep(500 * time.Millisecond)
		if cpuTime(pid)-c0 <= 50*time.Millisecond {
			quiet++
		} else {
			quiet = 0
		}
	}
	if *settle {
		fmt.Fprintf(out, "server quiet (≤ 10%% of a core for 2 s) %s later\n", time.Since(quietAt).Round(time.Millisecond))
	}
	if *idle > 0 {
		idle0 := cpuTime(pid)
		time.Sleep(*idle)
		fmt.Fprintf(out, "server CPU with %d idle sessions: %s per second (over %s)\n", *sessions,
			time.Duration(float64(cpuTime(pid)-idle0)/idle.Seconds()).Round(time.Millisecond), *idle)
	}
	fmt.Fprintf(out, "server memory with %d sessions: RSS %s, peak %s\n", *sessions, rss(pid), hwm(pid))

	// Keystroke to frame: every session switches panes concurrently, one
	// key at a time, and waits for the frame with the new tab marked.
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	keys0, keysAt := cpuTime(pid), time.Now()
	for _, bt := range terms {
		wg.Add(1)
		go func(bt *benchTerm) {
			defer wg.Done()
			for r := range *rounds {
				k := tabs[r%len(tabs)]
				mark := "[" + k + " "
				bt.reset()
				start := time.Now()
				bt.in.Write([]byte(k))
				if bt.waitFor([]string{mark}, 30*time.Second) != nil {
					continue
				}
				mu.Lock()
				lat = append(lat, bt.seenAt.Sub(start))
				mu.Unlock()
				time.Sleep(100 * time.Millisecond)
			}
		}(bt)
	}
	wg.Wait()
	keysCPU, keysWall := cpuTime(pid)-keys0, time.Since(keysAt)
	fmt.Fprintf(out, "keystroke to frame, %d sessions at once: median %s, p90 %s, max %s (%d keys)\n",
		*sessions, percentile(lat, 50), percentile(lat, 90), percentile(lat, 100), len(lat))
	if len(lat) > 0 {
		// CPU time is not inflated by other processes' load as wall time is:
		// it is what the server spent, idle ticks included.
		fmt.Fprintf(out, "server CPU during the keystrokes: %s in %s wall, %s per key\n",
			keysCPU.Round(time.Millisecond), keysWall.Round(time.Millisecond), (keysCPU / time.Duration(len(lat))).Round(100*time.Microsecond))
	}

	// Editor's save to the other sessions' frames.
	for _, bt := range terms {
		bt.reset()
		bt.in.Write([]byte("4"))
	}
	for _, bt := range terms {
		if err := bt.waitFor([]string{"Targets ·", "运营目标"}, time.Minute); err != nil {
			return err
		}
	}
	ed, err := dial(editor)
	if err != nil {
		return err
	}
	defer ed.Close()
	var perSave []time.Duration
	saves0 := cpuTime(pid)
	for n := range *saves {
		name := fmt.Sprintf("BN%d", n+1)
		for _, bt := range terms {
			bt.reset()
		}
		s, err := ed.NewSession()
		if err != nil {
			return err
		}
		var eo bytes.Buffer
		s.Stderr = &eo
		err = s.Run(fmt.Sprintf("target add --metric gmv --from 2020-01-01 --to 2020-12-31 --value 1 --name %s", name))
		saved := time.Now()
		s.Close()
		if err != nil {
			return fmt.Errorf("bench-serve: target add: %v %s", err, eo.String())
		}
		var last time.Duration
		for _, bt := range terms {
			if err := bt.waitFor([]string{name}, time.Minute); err != nil {
				return err
			}
			last = max(last, bt.seenAt.Sub(saved))
		}
		perSave = append(perSave, last)
	}
	fmt.Fprintf(out, "editor's save to all %d viewer sessions' frames: median %s, max %s (%d saves)\n",
		*sessions, percentile(perSave, 50), percentile(perSave, 100), len(perSave))
	if len(perSave) > 0 {
		fmt.Fprintf(out, "server CPU during the saves: %s, %s per save\n",
			(cpuTime(pid) - saves0).Round(time.Millisecond), ((cpuTime(pid) - saves0) / time.Duration(len(perSave))).Round(time.Millisecond))
	}
	fmt.Fprintf(out, "server memory at the end: RSS %s, peak %s\n", rss(child.Process.Pid), hwm(child.Process.Pid))
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Fprintf(out, "load average at the end: %s", b)
	}
	return nil
}

// benchTerm is one PTY session of the benchmark.
type benchTerm struct {
	in     io.Writer
	mu     sync.Mutex
	text   strings.Builder
	seenAt time.Time
	cond   *sync.Cond
}

func openBenchTerm(c *gossh.Client, w, h int, lang string) (*benchTerm, error) {
	s, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	s.Setenv("LANG", lang)
	if err := s.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	bt := &benchTerm{}
	bt.cond = sync.NewCond(&bt.mu)
	in, _ := s.StdinPipe()
	o, _ := s.StdoutPipe()
	bt.in = in
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := o.Read(buf)
			if n > 0 {
				chunk := string(buf[:n])
				if strings.Contains(chunk, "\x1b]11;?") || strings.Contains(chunk, "\x1b[c") {
					in.Write([]byte("\x1b]11;rgb:0000/0000/0000\x07\x1b[?62c"))
				}
				bt.mu.Lock()
				bt.text.WriteString(ansi.Strip(chunk))
				bt.seenAt = time.Now()
				bt.cond.Broadcast()
				bt.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	return bt, s.Shell()
}

func (bt *benchTerm) reset() {
	bt.mu.Lock()
	bt.text.Reset()
	bt.mu.Unlock()
}

// waitFor waits until one of marks was drawn; seenAt is then the arrival of
// the chunk that completed it.
func (bt *benchTerm) waitFor(marks []string, d time.Duration) error {
	deadline := time.Now().Add(d)
	timer := time.AfterFunc(d, func() {
		bt.mu.Lock()
		bt.cond.Broadcast()
		bt.mu.Unlock()
	})
	defer timer.Stop()
	bt.mu.Lock()
	defer bt.mu.Unlock()
	for {
		s := bt.text.String()
		for _, m := range marks {
			if strings.Contains(s, m) {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("bench-serve: %q not drawn within %s", marks, d)
		}
		bt.cond.Wait()
	}
}

// percentile is the p-th percentile of ds (nearest rank).
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[min(max(i-1, 0), len(s)-1)].Round(100 * time.Microsecond)
}

// rss and hwm read a process's resident and peak resident memory (Linux):
// resident in all, its own (anonymous) part, and the part that is the
// database file mapped from the page cache.
func rss(pid int) string {
	return childStatus(pid, "VmRSS:") + " (own " + childStatus(pid, "RssAnon:") + ", file " + childStatus(pid, "RssFile:") + ")"
}
func hwm(pid int) string { return childStatus(pid, "VmHWM:") }

// cpuTime is the CPU time (user + system) a process has used so far, from
// /proc/PID/stat (Linux; 0 elsewhere), in clock ticks of 10 ms.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name (field 2) may hold spaces: count from its ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	var ticks int64
	for _, s := range f[11:13] { // utime, stime (fields 14 and 15)
		var n int64
		fmt.Sscan(s, &n)
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

func childStatus(pid int, field string) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "n/a"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, field) {
			return strings.TrimSpace(strings.TrimPrefix(l, field))
		}
	}
	return "n/a"
}
