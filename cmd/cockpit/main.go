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
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin, getenv: getenv, now: time.Now}
	if v := getenv("COCKPIT_ASCII"); v != "" && v != "0" {
		e.ascii = true
	}
	err := dispatch(e, args)
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
	case "backup":
		return cmdBackup(e, args, lang, tz)
	case "audit":
		return cmdAudit(e, args, lang, tz)
	case "target":
		return cmdTarget(e, args, lang, tz)
	case "bench":
		return cmdBench(e, args, lang, tz)
	case "serve", "campaign", "retro":
		return fmt.Errorf("%s: %s", cmd, e.cat.T("cli.notyet"))
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, e.cat.T("cli.usage"))
		return nil
	default:
		return usagef("unknown command %q", cmd)
	}
}

// openStore opens the database for a command. Read-only commands take a
// shared lock so several can run at once; both fail within a second with the
// owner's name when another process owns the file.
func (e *env) openStore(readOnly bool) (*store.Store, error) {
	return e.openStoreWith(store.Options{ReadOnly: readOnly})
}

// openStoreWith is openStore with more options (the TUI maps the whole file
// at open: a cold scan of a million summaries then reads sequentially).
func (e *env) openStoreWith(opt store.Options) (*store.Store, error) {
	st, err := store.Open(e.db, store.Options{ReadOnly: opt.ReadOnly, Populate: opt.Populate, Location: e.tz,
		Owner: store.OwnerInfo{Command: "cockpit " + strings.Join(os.Args[1:], " ")}})
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, fmt.Errorf("%s: %s", e.db, e.cat.T("cli.nodb"))
	}
	if errors.Is(err, store.ErrNoDirectory) {
		return nil, errors.New(e.cat.T("db.nodir", e.db))
	}
	if errors.Is(err, store.ErrEmptyFile) {
		return nil, errors.New(e.cat.T("db.empty", e.db))
	}
	return st, err
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
