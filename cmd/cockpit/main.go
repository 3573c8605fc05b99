// Command cockpit is the Member Ops Cockpit: a terminal cockpit for membership
// operations. This file only parses the command line and wires the packages
// together; the work lives in model, store, sample and ui.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
)

// Exit codes of the contract.
const (
	exitOK       = 0
	exitFatal    = 1
	exitUsage    = 2
	exitRejected = 3
)

// usageError marks an error as bad usage (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// rejectedError marks a run that finished but rejected rows (exit code 3).
type rejectedError struct{ n int }

func (e rejectedError) Error() string { return fmt.Sprintf("%d rows rejected", e.n) }

// env is what every command gets: streams, environment and global settings.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	getenv         func(string) string
	db             string
	lang           i18n.Lang
	tz             *time.Location
	now            func() time.Time
	cat            i18n.Catalog
	ascii          bool // draw the TUI with ASCII only (--ascii or COCKPIT_ASCII)
	// started is when run began: COCKPIT_FRAMES measures the first frames
	// from it.
	started time.Time

	// args is the command line as given, kept so that a command can be
	// handed whole to the process that owns the database.
	args []string
	// routable says the command may run through the owning process when
	// another cockpit holds the file (set by dispatch for data commands).
	routable bool
	// shared is the owning process's open store when the command runs
	// inside it (cockpit serve or the local cockpit answering another
	// command); nil means the command opens e.db itself.
	shared *store.Store
	// caller is who runs the command when it comes through the owner (an
	// SSH key or the local socket); nil means the person at this terminal.
	caller *store.Actor
	// remote marks a caller from another machine: file arguments would name
	// the server's files, so only "-" (the session's streams) is allowed.
	remote bool
	// dir resolves relative file arguments (the client's working directory
	// when a command comes over the local socket); empty: the process's own.
	dir string
}

func main() {
	// COCKPIT_CPUPROFILE=FILE writes a CPU profile of the run (for benchmarks).
	if p := os.Getenv("COCKPIT_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			pprof.StartCPUProfile(f)
			code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(code)
		}
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// run executes one command line and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin, getenv: getenv, now: time.Now, args: args, started: time.Now()}
	return e.exec()
}

// exec runs e.args with e's streams and settings and returns the exit code.
// The local command line and the owner's exec requests (SSH or the local
// socket) both come through here.
func (e *env) exec() int {
	stderr, getenv := e.stderr, e.getenv
	if v := getenv("COCKPIT_ASCII"); v != "" && v != "0" {
		e.ascii = true
	}
	err := dispatch(e, e.args)
	var routed *routedError
	if errors.As(err, &routed) {
		return routed.code
	}
	if err == nil {
		return exitOK
	}
	var ue usageError
	var re rejectedError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "cockpit: %s\n%s", ue.msg, e.cat.T("cli.usage.hint"))
		return exitUsage
	case errors.As(err, &re):
		return exitRejected
	case errors.Is(err, store.ErrForbidden):
		// A refused write (over SSH as a viewer): say so in the caller's
		// language; the attempt is already in the audit log.
		fmt.Fprintf(stderr, "cockpit: %s\n", e.cat.T("cli.forbidden", e.actor().Name, e.actor().Role))
		return exitFatal
	default:
		fmt.Fprintf(stderr, "cockpit: %v\n", err)
		return exitFatal
	}
}

// globalFlags registers the flags every command accepts.
func globalFlags(fs *flag.FlagSet, e *env, lang, tz *string) {
	fs.StringVar(&e.db, "db", e.db, "database file (default $COCKPIT_DB or ./cockpit.db)")
	fs.StringVar(lang, "lang", *lang, "interface language: zh or en (default from LANG)")
	fs.StringVar(tz, "tz", *tz, "time zone for a new database and for timestamps without a zone (default: local)")
	fs.BoolVar(&e.ascii, "ascii", e.ascii, "draw the cockpit with ASCII only (terminals that draw ambiguous characters wide)")
}

// parse parses flags that may come before, between or after positional
// arguments ("import a.csv --kind events b.csv"), then settles the globals.
func parse(e *env, fs *flag.FlagSet, args []string, lang, tz *string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(e.stdout)
				fs.PrintDefaults()
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return pos, e.settle(*lang, *tz)
}

func (e *env) settle(lang, tz string) error {
	if e.db == "" {
		e.db = e.getenv("COCKPIT_DB")
	}
	if e.db == "" {
		e.db = "cockpit.db"
	}
	e.lang = i18n.Detect(e.getenv)
	if lang != "" {
		l, ok := i18n.Parse(lang)
		if !ok {
			return usagef("--lang %q: want zh or en", lang)
		}
		e.lang = l
	}
	e.cat = i18n.New(e.lang)
	if tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil {
			return usagef("--tz %q: %v", tz, err)
		}
		e.tz = l
	}
	return nil
}

func dispatch(e *env, args []string) error {
	e.cat = i18n.New(i18n.Detect(e.getenv))
	var lang, tz string
	// Global flags may precede the command: cockpit --db x.db kpi.
	pre := flag.NewFlagSet("cockpit", flag.ContinueOnError)
	pre.SetOutput(io.Discard)
	globalFlags(pre, e, &lang, &tz)
	if err := pre.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.stdout, e.cat.T("cli.usage"))
			return err
		}
		return usagef("%v", err)
	}
	args = pre.Args()
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	if e.shared != nil && !ownerCommand(cmd) {
		return usageError{e.cat.T("serve.nocommand", cmd)}
	}
	e.routable = ownerCommand(cmd)
	switch cmd {
	case "":
		return cmdTUI(e, args, lang, tz)
	case "demo":
		return cmdDemo(e, args, lang, tz)
	case "sample":
		return cmdSample(e, args, lang, tz)
	case "import":
		return cmdImport(e, args, lang, tz)
	case "export":
		return cmdExport(e, args, lang, tz)
	case "kpi":
		return cmdKPI(e, args, lang, tz)
	case "cohorts":
		return cmdCohorts(e, args, lang, tz)
	case "backup":
		return cmdBackup(e, args, lang, tz)
	case "audit":
		return cmdAudit(e, args, lang, tz)
	case "target":
		return cmdTarget(e, args, lang, tz)
	case "bench":
		return cmdBench(e, args, lang, tz)
	case "bench-serve":
		return cmdBenchServe(e, args, lang, tz)
	case "serve":
		return cmdServe(e, args, lang, tz)
	case "campaign":
		return cmdCampaign(e, args, lang, tz)
	case "retro":
		return cmdRetro(e, args, lang, tz)
	case "segment":
		return cmdSegment(e, args, lang, tz)
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, e.cat.T("cli.usage"))
		return nil
	default:
		return usagef("unknown command %q", cmd)
	}
}

// openStore opens the database for a command and returns it with the
// function that releases it. Read-only commands take a shared lock so
// several can run at once. See openStoreWith for a file another cockpit owns.
func (e *env) openStore(readOnly bool) (*store.Store, func(), error) {
	return e.openStoreWith(store.Options{ReadOnly: readOnly})
}

// openStoreWith is openStore with more options (the TUI maps the whole file
// at open: a cold scan of a million summaries then reads sequentially).
//
// Inside the owning process (e.shared set) it hands out the open store and
// releases nothing. Otherwise, when a cockpit already owns the file and
// answers on its socket, a routable command runs there whole (the returned
// error is a *routedError carrying its exit code); when the owner cannot be
// reached, the command fails within a second naming the owner.
func (e *env) openStoreWith(opt store.Options) (*store.Store, func(), error) {
	if e.shared != nil {
		return e.shared, func() {}, nil
	}
	if e.routable {
		if err := e.viaOwner(); err != nil {
			return nil, nil, err
		}
	}
	st, err := store.Open(e.db, store.Options{ReadOnly: opt.ReadOnly, Populate: opt.Populate, Warm: opt.Warm, Location: e.tz,
		Owner: store.OwnerInfo{Command: "cockpit " + strings.Join(os.Args[1:], " ")}})
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, nil, fmt.Errorf("%s: %s", e.db, e.cat.T("cli.nodb"))
	}
	if errors.Is(err, store.ErrNoDirectory) {
		return nil, nil, errors.New(e.cat.T("db.nodir", e.db))
	}
	if errors.Is(err, store.ErrEmptyFile) {
		return nil, nil, errors.New(e.cat.T("db.empty", e.db))
	}
	var owned *store.OwnedError
	if errors.As(err, &owned) {
		return nil, nil, e.ownedError(owned)
	}
	if err != nil {
		return nil, nil, err
	}
	return st, func() { st.Close() }, nil
}

// ownedError says, in the user's language, who owns the file and how to
// reach the data instead.
func (e *env) ownedError(o *store.OwnedError) error {
	if o.Owner == nil {
		return errors.New(e.cat.T("owner.unknown", o.Path))
	}
	how := e.cat.T("owner.close")
	if o.Owner.Connect != "" {
		how = e.cat.T("owner.connect", o.Owner.Connect)
	}
	return errors.New(e.cat.T("owner.busy", o.Path, o.Owner.Command, o.Owner.PID, o.Owner.Host,
		o.Owner.Since.Format("2006-01-02 15:04:05"), how))
}

// actor is who runs the command: the SSH key's or local socket's caller
// when it came through the owner, else the person at this terminal, who
// owns the file and is admin.
func (e *env) actor() store.Actor {
	if e.caller != nil {
		return *e.caller
	}
	return e.localActor()
}

// localActor is the person at this terminal: the owner of the file, admin.
// The audit log gets the login name, the numeric user id and the host.
func (e *env) localActor() store.Actor {
	a := store.Actor{Role: store.Admin}
	if u, err := user.Current(); err == nil {
		a.Name, a.UID = u.Username, u.Uid
	}
	if v := e.getenv("USER"); v != "" {
		a.Name = v
	}
	if a.Name == "" {
		a.Name = "local"
	}
	a.Host, _ = os.Hostname()
	return a
}

// path resolves a file argument: relative paths against e.dir when set. A
// remote caller may not name the server's files (only "-").
func (e *env) path(p string) (string, error) {
	if e.remote {
		return "", usageError{e.cat.T("serve.nofiles", p)}
	}
	if e.dir != "" && !filepath.IsAbs(p) {
		return filepath.Join(e.dir, p), nil
	}
	return p, nil
}
