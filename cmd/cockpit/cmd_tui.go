package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	iofs "io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/demo"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// narrowAmbiguous makes go-runewidth (bubbles' tables and inputs) measure
// East Asian ambiguous characters (…, ─, ·, ★, ▲) one column wide, as
// lipgloss does, whatever the locale says: RUNEWIDTH_EASTASIAN=0.
func narrowAmbiguous() {
	os.Setenv("RUNEWIDTH_EASTASIAN", "0")
	runewidth.DefaultCondition.EastAsianWidth = false
}

// cmdTUI opens the cockpit on the database: `cockpit [--db FILE] [--lang zh|en] [--ascii]`.
func cmdTUI(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("cockpit", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unknown command %q", pos[0])
	}
	// Do not create a database just to say it is empty; but a directory that
	// does not exist is a mistake in --db, not an empty cockpit.
	if _, err := os.Stat(e.db); errors.Is(err, os.ErrNotExist) {
		if _, derr := os.Stat(filepath.Dir(e.db)); derr != nil {
			return errors.New(e.cat.T("db.nodir", e.db))
		}
		fmt.Fprintf(e.stdout, e.cat.T("shell.empty"), e.db, e.db)
		return nil
	}
	// A cockpit already owns the file: open this terminal's own session
	// in it, on the same data.
	if ok, err := e.tuiViaOwner(lang); ok || err != nil {
		return err
	}
	st, done, err := e.openStoreWith(store.Options{Warm: true})
	readOnly := false
	if errors.Is(err, iofs.ErrPermission) {
		// Readable but not writable (a colleague's file, a read-only share):
		// open it to look at, and say so.
		if ro, rdone, rerr := e.openStoreWith(store.Options{ReadOnly: true, Warm: true}); rerr == nil {
			fmt.Fprintf(e.stderr, e.cat.T("db.readonly.note"), e.db, errors.Unwrap(err))
			st, done, err, readOnly = ro, rdone, nil, true
		}
	}
	if err != nil {
		return err
	}
	defer done()
	info, err := st.Info()
	if err != nil {
		return err
	}
	if info.Members == 0 {
		fmt.Fprintf(e.stdout, e.cat.T("shell.empty"), e.db, e.db)
		return nil
	}
	hub := common.NewHub(st)
	if !readOnly {
		defer e.startOwner(st, hub)()
	}
	return e.runTUIWith(st, hub, e.ascii, readOnly)
}

// cmdDemo loads the sample into a fresh database and opens the cockpit:
// `cockpit demo [--members N] [--db FILE] [--live] [--seed S]`.
func cmdDemo(e *env, args []string, lang, tz string) error {
	dbGiven := e.db != "" // `cockpit --db x demo`
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	members := fs.Int("members", 20000, "number of members")
	live := fs.Bool("live", false, "keep feeding simulated events")
	seed := fs.Uint64("seed", 1, "random seed of the sample")
	end := fs.String("end", "", "last day of the sample's events (default: yesterday)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("demo: unexpected argument %q", pos[0])
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "db" {
			dbGiven = true
		}
	})
	if *members <= 0 {
		return usagef("demo: --members must be positive")
	}
	cfg, err := e.sampleConfig(*members, *seed, *end)
	if err != nil {
		return err
	}
	if !dbGiven {
		dir, err := os.MkdirTemp("", "cockpit-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		e.db = filepath.Join(dir, "demo.db")
	}
	st, done, err := e.openStoreWith(store.Options{Populate: true})
	if err != nil {
		return err
	}
	defer done()
	// The sample's days are in the store's zone.
	cfg.Loc = st.Location()
	if *end == "" {
		cfg.End = model.DayOf(e.now(), cfg.Loc) - 1
	}
	info, err := st.Info()
	if err != nil {
		return err
	}
	if info.Members > 0 {
		fmt.Fprintf(e.stderr, e.cat.T("demo.existing"), e.db, format.Count(info.Members))
	} else {
		start := time.Now()
		last := time.Time{}
		err := demo.Load(st, cfg, func(m, n int) {
			if time.Since(last) > 100*time.Millisecond {
				last = time.Now()
				fmt.Fprintf(e.stderr, e.cat.T("demo.progress"), format.Count(int64(m)), format.Count(int64(n)))
			}
		})
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if info, err = st.Info(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "\r\033[K"+e.cat.T("demo.done"), format.Count(info.Members), format.Count(info.Events),
			time.Since(start).Round(time.Millisecond), e.db)
	}
	hub := common.NewHub(st)
	defer e.startOwner(st, hub)()
	if !*live {
		return e.runTUI(st, hub, e.ascii)
	}
	fmt.Fprint(e.stderr, e.cat.T("demo.live"))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var liveErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		liveErr = demo.Live(ctx, st, cfg, *seed, time.Now)
	}()
	err = e.runTUI(st, hub, e.ascii)
	cancel()
	wg.Wait()
	if liveErr != nil {
		fmt.Fprintf(e.stderr, e.cat.T("demo.liveerror"), liveErr)
	}
	return err
}

// runTUI runs one local session of the cockpit on st until the user quits.
// Its analysis comes from hub, which the sessions the owner serves to other
// processes share.
func (e *env) runTUI(st *store.Store, hub *common.Hub, ascii bool) error {
	return e.runTUIWith(st, hub, ascii, false)
}

// runTUIWith is runTUI; readOnly marks the status bar's file name when the
// file could only be opened read-only.
func (e *env) runTUIWith(st *store.Store, hub *common.Hub, ascii, readOnly bool) error {
	narrowAmbiguous()
	// The default renderer writes to stdout and honours NO_COLOR (termenv
	// reports the Ascii profile then) and the terminal's background.
	r := lipgloss.DefaultRenderer()
	dumb := e.getenv("TERM") == "dumb"
	if !dumb {
		// Ask the terminal for its background before Bubble Tea reads the
		// input (a dumb terminal cannot answer: no query is sent).
		r.HasDarkBackground()
	}
	c := &common.Common{
		Store:    st,
		Cat:      e.cat,
		Renderer: r,
		Styles:   theme.New(r, ascii),
		Now:      time.Now,
		Rules:    model.DefaultRules(),
		Actor:    e.actor(),
		Hub:      hub,
		SaveFile: saveFile,
	}
	name := filepath.Base(e.db)
	if readOnly {
		name += e.cat.T("db.readonly.tag")
	}
	m := ui.New(c, ui.Options{DBName: name})
	var p *tea.Program
	if dumb {
		// TERM=dumb cannot move the cursor: no alternate screen, no mouse,
		// no cursor sequences; whole frames are written one after another.
		p = tea.NewProgram(ui.NewPlain(m, e.stdout, e.envSize("COLUMNS", 80), e.envSize("LINES", 24)),
			tea.WithoutRenderer(), tea.WithInput(e.stdin), tea.WithOutput(e.stdout))
	} else {
		var tm tea.Model = m
		if path := e.getenv("COCKPIT_FRAMES"); path != "" {
			fl := &frameLog{Model: m, start: e.started}
			defer fl.write(path)
			tm = fl
		}
		p = tea.NewProgram(tm, tea.WithAltScreen(), tea.WithMouseCellMotion(),
			tea.WithInput(e.stdin), tea.WithOutput(e.stdout))
	}
	// A closed terminal (SIGHUP) or a kill (SIGTERM) ends the session
	// cleanly, so deferred clean-ups (the demo's temp file, the owner note)
	// still run.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP, syscall.SIGTERM)
	defer signal.Stop(sig)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-sig:
			p.Quit()
		case <-done:
		}
	}()
	_, err := p.Run()
	return err
}

// envSize reads a terminal dimension from the environment (COLUMNS,
// LINES), or def when it is unset or not a positive number.
func (e *env) envSize(name string, def int) int {
	if n, err := strconv.Atoi(e.getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
