package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/sample"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/store/rows"
	"github.com/memberops/cockpit/ui"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
)

func cmdImport(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	kind := fs.String("kind", "", "members or events (default: from the header)")
	enc := fs.String("encoding", "auto", "auto, utf8, gb18030, utf16le or utf16be")
	fileFormat := fs.String("format", "", "csv or jsonl (default: from the content; an Excel workbook is told by its content)")
	sheet := fs.String("sheet", "", "the sheet of an Excel workbook to read (default: the first)")
	delim := fs.String("delimiter", "auto", "CSV delimiter: auto, comma, tab, semicolon or pipe")
	allowFuture := fs.Bool("allow-future", false, "accept events after today (rejected by default)")
	maxAmount := fs.String("max-amount", "", "ceiling of one row's amount in yuan (default 10000000.00)")
	insertOnly := fs.Bool("insert-only", false, "keep stored members as they are (default: update the fields that changed)")
	files, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("import: name at least one file")
	}
	opt := store.ImportOptions{Sheet: *sheet}
	switch *kind {
	case "":
	case "members":
		opt.Kind = rows.Members
	case "events":
		opt.Kind = rows.Events
	default:
		return usagef("--kind %q: want members or events", *kind)
	}
	if opt.Encoding, err = rows.ParseEncoding(*enc); err != nil {
		return usagef("--encoding: %v", err)
	}
	switch *fileFormat {
	case "":
	case "csv":
		opt.Format = rows.CSV
	case "jsonl":
		opt.Format = rows.JSONL
	default:
		return usagef("--format %q: want csv or jsonl", *fileFormat)
	}
	if opt.Delimiter, err = rows.ParseDelimiter(*delim); err != nil {
		return usagef("--delimiter: %v", err)
	}
	if *maxAmount != "" {
		fen, err := model.ParseAmountFen(*maxAmount)
		if err != nil || fen == 0 {
			return usagef("--max-amount %q: want a positive amount of yuan, e.g. 50000000.00", *maxAmount)
		}
		opt.MaxAmountFen = fen
	}
	opt.AllowFuture, opt.InsertOnly, opt.Now = *allowFuture, *insertOnly, e.now()
	// "-" reads standard input (the SSH session's, over `ssh host import -`):
	// it is spooled to a private temp file, since an import reads its input
	// twice (kind detection, then rows) and reports rejects beside it.
	names := map[string]string{} // path imported → name shown
	for i, f := range files {
		if f == "-" {
			tmp, cleanup, err := e.spoolStdin()
			if err != nil {
				return err
			}
			defer cleanup()
			files[i], names[tmp] = tmp, "-"
			continue
		}
		p, err := e.path(f)
		if err != nil {
			return err
		}
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("import %s: %w", f, err)
		}
		files[i], names[p] = p, f
	}
	st, done, err := e.openStore(false)
	if err != nil {
		return err
	}
	defer done()
	// Refuse before reading anything (store.ImportFile checks again and
	// audits the refusal).
	shown := make([]string, len(files))
	for i, f := range files {
		shown[i] = names[f]
	}
	if err := st.Guard(e.actor(), store.Editor, "import", strings.Join(shown, " ")); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	// Members first: an event for a member not yet stored is rejected, so a
	// command given both files takes the members file first whatever the order.
	ordered, err := membersFirst(files, opt)
	if err != nil {
		return fmt.Errorf("%w\n%s", err, e.cat.T("import.refused"))
	}
	actor := e.actor()
	tty := false
	if f, ok := e.stderr.(*os.File); ok {
		tty = isatty.IsTerminal(f.Fd())
	}
	rejected, changed := 0, false
	for _, f := range ordered {
		o := opt
		if tty {
			name := filepath.Base(names[f])
			var since time.Duration // when the storing stage began
			o.Progress = func(p store.ImportProgress) {
				if p.Storing && since == 0 {
					since = p.Elapsed
				}
				fmt.Fprint(e.stderr, "\r\033[K"+progressLine(e.cat, name, p, since))
			}
		}
		sum, err := st.ImportFile(actor, f, o)
		if tty {
			fmt.Fprint(e.stderr, "\r\033[K")
		}
		if err != nil {
			if sum.Read == 0 && !errors.Is(err, store.ErrForbidden) {
				return fmt.Errorf("%w\n%s", err, e.cat.T("import.refused"))
			}
			return err
		}
		kindName := e.cat.T("import.events")
		if sum.Kind == rows.Members {
			kindName = e.cat.T("import.members")
		}
		encName, delimName := sum.Encoding.String(), e.delimName(sum.Delimiter)
		if sum.Sheet != "" { // a workbook: say which sheet was read
			encName, delimName = "xlsx", e.cat.T("import.sheet", sum.Sheet, len(sum.Sheets))
		}
		c := func(n int) string { return format.Count(int64(n)) }
		fmt.Fprintf(e.stdout, e.cat.T("import.result"), names[f], kindName, encName, delimName,
			c(sum.Read), c(sum.Stored), c(sum.Updated), c(sum.Duplicates), c(sum.Rejected), sum.Elapsed.Round(time.Millisecond),
			format.Count(int64(math.Round(sum.RowsPerSecond()))))
		if sum.Rejected > 0 {
			if names[f] == "-" {
				// The rejects file sits in the spool directory, which goes:
				// hand its rows to the caller instead.
				if b, err := os.ReadFile(sum.RejectsFile); err == nil {
					e.stderr.Write(b)
				}
			} else {
				fmt.Fprintf(e.stdout, e.cat.T("import.rejects"), sum.RejectsFile)
			}
		}
		rejected += sum.Rejected
		changed = changed || sum.Stored > 0 || sum.Updated > 0
	}
	if changed && e.shared == nil {
		// The next start draws the whole Overview, and `kpi` answers, from
		// the KPI cache (a cache: a failure changes nothing else).
		_ = ui.PrimeFirstFrame(st, model.DefaultRules(), e.now(), 30)
	}
	if rejected > 0 {
		return rejectedError{rejected}
	}
	return nil
}

// delimName names a CSV delimiter (0: JSON Lines) for the summary.
func (e *env) delimName(d byte) string {
	switch d {
	case 0:
		return e.cat.T("import.delim.jsonl")
	case '\t':
		return e.cat.T("import.delim.tab")
	case ';':
		return e.cat.T("import.delim.semicolon")
	case '|':
		return e.cat.T("import.delim.pipe")
	}
	return e.cat.T("import.delim.comma")
}

// membersFirst orders the files so members files come before events files,
// keeping the given order otherwise. The kind is read from each header.
func membersFirst(files []string, opt store.ImportOptions) ([]string, error) {
	if opt.Kind != rows.Auto || len(files) < 2 {
		return files, nil
	}
	var members, events []string
	for _, f := range files {
		k, err := store.DetectKind(f, opt)
		if err != nil {
			return nil, fmt.Errorf("import %w", err) // the reader's errors start with the file's name
		}
		if k == rows.Members {
			members = append(members, f)
		} else {
			events = append(events, f)
		}
	}
	return append(members, events...), nil
}

func cmdExport(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	fileFormat := fs.String("format", "", "csv, jsonl or xlsx (default: csv, or xlsx for an --out file ending in .xlsx)")
	unmask := fs.Bool("unmask", false, "write phones in full (recorded in the audit log)")
	out := fs.String("out", "", "output file (default: standard output)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "members" && pos[0] != "events") {
		return usagef("export: want `export members|events`")
	}
	xlsx := wantsXLSX(*fileFormat, *out)
	if xlsx {
		if err := e.checkXLSXOut(*out); err != nil {
			return err
		}
	}
	var f rows.Format
	switch *fileFormat {
	case "xlsx":
	case "csv", "":
		f = rows.CSV
	case "jsonl":
		f = rows.JSONL
	default:
		return usagef("--format %q: want csv, jsonl or xlsx", *fileFormat)
	}
	outPath := *out
	if outPath != "" && outPath != "-" {
		if outPath, err = e.path(outPath); err != nil {
			return err
		}
	}
	// An unmasked export is audited, which needs write access.
	st, done, err := e.openStore(!*unmask)
	if err != nil {
		return err
	}
	defer done()
	actor := e.actor()
	dest := "stdout"
	if e.caller != nil {
		dest = "session of " + e.caller.Name // the caller's standard output, over SSH or the socket
	}
	if outPath != "" && outPath != "-" {
		dest, _ = filepath.Abs(outPath)
	}
	opt := store.ExportOptions{Format: f, Unmask: *unmask && pos[0] == "members", Dest: dest}
	if opt.Unmask {
		// Before creating the file; a refusal is audited.
		if err := st.Guard(actor, store.Admin, "export.unmasked", pos[0]); err != nil {
			return fmt.Errorf("export --unmask: %w", err)
		}
	}
	if xlsx {
		dst := outPath
		if dst == "-" {
			dst = ""
		}
		n, err := e.exportWorkbook(st, actor, pos[0], dst, opt)
		if err != nil {
			return fmt.Errorf("export %s: %w", pos[0], err)
		}
		if dst != "" {
			fmt.Fprintf(e.stderr, e.cat.T("export.done"), format.Count(int64(n)), pos[0], *out)
		}
		return nil
	}
	w := e.stdout
	var file *os.File
	if outPath != "" && outPath != "-" {
		if file, err = os.OpenFile(outPath, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer file.Close()
		w = file
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var n int
	if pos[0] == "members" {
		n, err = st.ExportMembers(actor, bw, opt)
	} else {
		n, err = st.ExportEvents(actor, bw, opt)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", pos[0], err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export %s: %w", pos[0], err)
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(e.stderr, e.cat.T("export.done"), format.Count(int64(n)), pos[0], *out)
	}
	return nil
}

func cmdBackup(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("backup: want `backup FILE`")
	}
	dest := pos[0]
	if dest != "-" {
		if dest, err = e.path(dest); err != nil {
			return err
		}
	}
	st, done, err := e.openStore(true)
	if err != nil {
		return err
	}
	defer done()
	// A backup holds every phone in full: admins only (the local user is).
	if err := st.Guard(e.actor(), store.Admin, "backup", pos[0]); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if dest == "-" {
		// `ssh host backup - > copy.db`: the copy goes to standard output.
		_, err := st.WriteBackup(e.stdout)
		return err
	}
	if err := st.Backup(dest); err != nil {
		return err
	}
	fi, err := os.Stat(dest)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, e.cat.T("backup.done"), pos[0], format.Count(fi.Size()))
	return nil
}

// spoolStdin copies standard input to a private temp file for an import
// and returns its path and the function that removes it.
func (e *env) spoolStdin() (string, func(), error) {
	dir, err := os.MkdirTemp("", "cockpit-stdin-")
	if err != nil {
		return "", nil, fmt.Errorf("import -: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	p := filepath.Join(dir, "stdin")
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err == nil {
		_, err = io.Copy(f, e.stdin)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("import -: %w", err)
	}
	return p, cleanup, nil
}

func cmdSample(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	members := fs.Int("members", 20000, "number of members")
	out := fs.String("out", "", "output directory")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and end day give the same bytes")
	end := fs.String("end", "", "last day of the 12 months of events (default: yesterday)")
	shapeName := fs.String("shape", "default", "default (the built-in sample) or uniform (a shop export: time order, uniform members, numeric ids, RFC 3339 times)")
	if _, err := parse(e, fs, args, &lang, &tz); err != nil {
		return err
	}
	shape, err := sample.ParseShape(*shapeName)
	if err != nil {
		return usagef("sample: --shape: %v", err)
	}
	if *out == "" {
		return usagef("sample: --out DIR is required")
	}
	if *members <= 0 {
		return usagef("sample: --members must be positive")
	}
	cfg, err := e.sampleConfig(*members, *seed, *end)
	if err != nil {
		return err
	}
	start := time.Now()
	write := sample.WriteCSV
	if shape == sample.ShapeUniform {
		write = sample.WriteUniformCSV
	}
	nm, ne, err := write(*out, cfg)
	if err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	fmt.Fprintf(e.stdout, e.cat.T("sample.done"), format.Count(int64(nm)), format.Count(int64(ne)), *out, time.Since(start).Round(time.Millisecond))
	return nil
}

func (e *env) sampleConfig(members int, seed uint64, end string) (sample.Config, error) {
	loc := e.tz
	if loc == nil {
		loc = time.Local
	}
	cfg := sample.Config{Members: members, Seed: seed, Loc: loc}
	if end == "" {
		cfg.End = model.DayOf(e.now().In(loc), loc) - 1
	} else {
		d, err := model.ParseDay(end)
		if err != nil {
			return cfg, usagef("--end: %v", err)
		}
		cfg.End = d
	}
	return cfg, nil
}

// progressLine is the import's progress on a terminal: while reading, the
// rows read, rows per second, the share of the file's bytes and the time
// left to read the rest; while storing (the second stage of an events file),
// the events and order ids stored of those to store, their share and the
// time left to store them. since is when the storing stage began. Time left
// is extrapolated from the stage's own pace, so it says "…" until there is
// one.
func progressLine(cat i18n.Catalog, name string, p store.ImportProgress, since time.Duration) string {
	left := func(done, total float64, spent time.Duration) string {
		if done <= 0 || spent <= 0 || done > total {
			return "…"
		}
		return (time.Duration(float64(spent) * (total - done) / done)).Round(time.Second).String()
	}
	if p.Storing {
		pct := 100.0
		if p.Total > 0 {
			pct = 100 * float64(p.Done) / float64(p.Total)
		}
		return cat.T("import.storing", name, format.Count(int64(p.Done)), format.Count(int64(p.Total)),
			format.Percent(pct, format.Dash), left(float64(p.Done), float64(p.Total), p.Elapsed-since))
	}
	rate, pct, togo := "…", format.Dash, "…"
	if s := p.Elapsed.Seconds(); s > 0 {
		rate = format.Count(int64(float64(p.Rows) / s))
	}
	if p.TotalSize > 0 {
		pct = format.Percent(100*float64(p.Bytes)/float64(p.TotalSize), format.Dash)
		togo = left(float64(p.Bytes), float64(p.TotalSize), p.Elapsed)
	}
	return cat.T("import.progress", name, format.Count(int64(p.Rows)), rate, pct, togo)
}
