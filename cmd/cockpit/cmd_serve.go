package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/memberops/cockpit/cmd/cockpit/serve"
	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
)

// routedError reports that the command ran in the process that owns the
// database; code is its exit code there.
type routedError struct{ code int }

func (e *routedError) Error() string {
	return fmt.Sprintf("ran in the owning cockpit (exit %d)", e.code)
}

// ownerCommand reports whether a subcommand may run through the owner of
// the database (over SSH or the local socket): the data commands, not
// those that create or own a database themselves.
func ownerCommand(cmd string) bool {
	switch cmd {
	case "kpi", "cohorts", "import", "export", "backup", "target", "audit", "campaign", "retro", "segment", "help", "-h", "--help":
		return true
	}
	return false
}

// cmdServe is `cockpit serve [--db FILE] [--listen :23234]
// [--authorized-keys FILE] [--host-key FILE] [--memory-limit 256MiB]`: the
// one process that owns
// the database, serving a cockpit per SSH session and the command line
// through the exec form, until SIGTERM or ctrl+c.
func cmdServe(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	listen := fs.String("listen", ":23234", "address to listen on")
	keys := fs.String("authorized-keys", "", "OpenSSH authorized_keys file; role=viewer|editor|admin in front of a key (default: FILE.authorized_keys beside the database)")
	hostKey := fs.String("host-key", "", "ed25519 host key, created when missing (default: FILE.host_key beside the database)")
	maxSessions := fs.Int("max-sessions", serve.DefaultMaxSessions, "most sessions at once")
	idle := fs.Duration("idle", serve.DefaultIdleTimeout, "close a cockpit session after this long without input (0: never)")
	memLimit := fs.String("memory-limit", fmt.Sprintf("%dMiB", defaultServeMemoryLimit>>20), "soft limit of the server's Go memory, so the collector returns memory under pressure (e.g. 512MiB, 1GiB; 0: none; default GOMEMLIMIT when set)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve: unexpected argument %q", pos[0])
	}
	memGiven := false
	fs.Visit(func(f *flag.Flag) { memGiven = memGiven || f.Name == "memory-limit" })
	limit, setLimit, err := memoryLimit(*memLimit, memGiven)
	if err != nil {
		return err
	}
	if setLimit {
		// The process is the server's; restored for a caller that runs
		// serve in-process (tests).
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	}
	if *keys == "" {
		*keys = e.db + ".authorized_keys"
	}
	if *hostKey == "" {
		*hostKey = e.db + ".host_key"
	}
	if *idle == 0 {
		*idle = -1
	}
	if _, err := os.Stat(*keys); err != nil {
		return errors.New(e.cat.T("serve.nokeys", *keys, err))
	}
	host, port, err := net.SplitHostPort(*listen)
	if err != nil {
		return usagef("--listen %q: %v", *listen, err)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		if host, err = os.Hostname(); err != nil || host == "" {
			host = "localhost"
		}
	}
	sshLine := fmt.Sprintf("ssh -p %s %s", port, host)
	narrowAmbiguous()
	// Warm, not Populate: MAP_POPULATE maps every page of the file into
	// this process, so the whole file (≈ 885 MB at a million members, most
	// of it events no session reads) counted in the server's RSS. Warm
	// reads the file into the page cache with read(2) instead; the map
	// then holds only the pages the sessions touch (the member summaries
	// and profiles).
	st, err := store.Open(e.db, store.Options{Warm: true, Location: e.tz,
		Owner: store.OwnerInfo{Command: "cockpit " + strings.Join(os.Args[1:], " "), Connect: sshLine}})
	if err != nil {
		var owned *store.OwnedError
		if errors.As(err, &owned) {
			return e.ownedError(owned)
		}
		return err
	}
	defer st.Close()
	hub := common.NewHub(st)
	cfg := e.ownerConfig(st, hub)
	cfg.Listen, cfg.AuthorizedKeys, cfg.HostKey = *listen, *keys, *hostKey
	cfg.MaxSessions, cfg.IdleTimeout = *maxSessions, *idle
	cfg.Log = e.stderr
	srv, err := serve.New(cfg)
	if err != nil {
		return err
	}
	srv.Start()
	info, err := st.Info()
	if err != nil {
		return err
	}
	if port == "0" {
		if a, ok := srv.Addr().(*net.TCPAddr); ok {
			sshLine = fmt.Sprintf("ssh -p %d %s", a.Port, host)
		}
	}
	fmt.Fprintf(e.stdout, e.cat.T("serve.started"), e.db, format.Count(info.Members), format.Count(info.Events),
		*hostKey, srv.Fingerprint(), *keys, srv.AuthorizedCount(), sshLine)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintf(e.stdout, e.cat.T("serve.stopping"), srv.Sessions())
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	if err := st.Close(); err != nil {
		return err
	}
	fmt.Fprint(e.stdout, e.cat.T("serve.stopped"))
	return nil
}

// ownerConfig is what every owner serves with: sessions on st and hub in
// e's language, commands through the CLI entry with the caller's role, and
// the local socket beside the database where this system offers it.
func (e *env) ownerConfig(st *store.Store, hub *common.Hub) serve.Config {
	cfg := serve.Config{
		Store:     st,
		Hub:       hub,
		LocalUser: e.actor().Name,
		Lang:      e.lang,
		ASCII:     e.ascii,
		Rules:     model.DefaultRules(),
		Now:       time.Now,
		DBName:    filepath.Base(e.db),
		Exec:      e.ownerExec(st),
	}
	if serve.SocketSupported {
		cfg.Socket = serve.SocketPath(e.db)
	}
	return cfg
}

// ownerExec runs a subcommand that came through the owner: the CLI entry on
// the open store with the caller's role, streams and environment.
func (e *env) ownerExec(st *store.Store) func(serve.ExecRequest) int {
	db, tz := e.db, e.tz
	return func(req serve.ExecRequest) int {
		actor := req.Actor
		sub := &env{stdout: req.Stdout, stderr: req.Stderr, stdin: req.Stdin, getenv: req.Getenv,
			now: time.Now, args: req.Args, shared: st, caller: &actor, remote: req.Remote, dir: req.Dir, db: db, tz: tz}
		return sub.exec()
	}
}

// startOwner makes this process answer for its open database on the local
// socket (other cockpit commands on the same file, a second cockpit TUI)
// and returns the function that stops it. Where the socket cannot be
// served, the others are told who owns the file instead.
func (e *env) startOwner(st *store.Store, hub *common.Hub) func() {
	if !serve.SocketSupported {
		return func() {}
	}
	srv, err := serve.New(e.ownerConfig(st, hub))
	if err != nil {
		return func() {}
	}
	srv.Start()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}
}

// clientEnv is what a command run through the owner needs of this
// process's environment: the locale and terminal (so the owner answers in
// this user's language and colours), and the working directory (relative
// file arguments are this process's).
func (e *env) clientEnv(lang string) map[string]string {
	env := map[string]string{}
	for _, k := range []string{"LANG", "LC_ALL", "LC_MESSAGES", "TERM", "COLORTERM", "NO_COLOR", "COCKPIT_ASCII"} {
		env[k] = e.getenv(k)
	}
	if e.ascii {
		env["COCKPIT_ASCII"] = "1"
	}
	env["COCKPIT_LANG"] = lang
	env["COCKPIT_CWD"] = e.dir
	if env["COCKPIT_CWD"] == "" {
		env["COCKPIT_CWD"], _ = os.Getwd()
	}
	return env
}

// viaOwner runs the whole command in the cockpit that owns e.db when one
// answers on its socket, and returns a *routedError with its exit code; nil
// when there is no owner to ask (the caller opens the file itself).
func (e *env) viaOwner() error {
	if !serve.SocketSupported {
		return nil
	}
	c, err := serve.Dial(serve.SocketPath(e.db), time.Second)
	if err != nil {
		return nil
	}
	defer c.Close()
	code, err := serve.RunCommand(c, e.args, e.clientEnv(""), e.stdin, e.stdout, e.stderr)
	if err != nil {
		return errors.New(e.cat.T("owner.gone", e.db, err))
	}
	return &routedError{code: code}
}

// tuiViaOwner opens this terminal's own cockpit session in the owner of
// e.db when one answers on its socket; ok is false when there is none.
func (e *env) tuiViaOwner(lang string) (ok bool, err error) {
	if !serve.SocketSupported {
		return false, nil
	}
	in, okIn := e.stdin.(*os.File)
	out, okOut := e.stdout.(*os.File)
	if !okIn || !okOut {
		return false, nil
	}
	c, err := serve.Dial(serve.SocketPath(e.db), time.Second)
	if err != nil {
		return false, nil
	}
	defer c.Close()
	if _, err := serve.RunTUI(c, in, out, e.clientEnv(lang)); err != nil {
		return true, errors.New(e.cat.T("owner.gone", e.db, err))
	}
	return true, nil
}
