package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/store/rows"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
)

func cmdRetro(e *env, args []string, lang, tz string) error {
	status := func(s model.RetroStatus) func(*env, []string, string, string) error {
		return func(e *env, args []string, lang, tz string) error { return retroStatus(e, args, lang, tz, s) }
	}
	return runVerb(e, "retro", args, lang, tz, []subcommand{
		{"new", retroNew}, {"export", retroExport}, {"list", retroList},
		{"final", status(model.RetroFinal)}, {"draft", status(model.RetroDraft)},
		{"refresh", retroRefresh},
	})
}

// retroLabels is the catalogue of a retro's own language (its figures'
// labels), whatever the language of the command line.
func retroLabels(lang string) store.Labeler {
	return i18n.New(retroLang(lang)).T
}

// retroFormat is the cockpit's one formatter (ui/format) in a retro's
// language: the retro's figures read as `cockpit kpi` prints them.
func retroFormat(lang string) model.RetroFormat { return format.Retro(retroLang(lang)) }

func retroLang(lang string) i18n.Lang {
	if lang == "en" {
		return i18n.En
	}
	return i18n.Zh
}

func retroNew(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("retro new", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	campaign := fs.String("campaign", "", "a campaign id")
	target := fs.String("target", "", "a target id")
	month := fs.String("month", "", "a month, YYYY-MM")
	tmpl := fs.String("template", "", "a custom template file name in "+store.RetroTemplateDirName+"/ beside the database")
	title := fs.String("title", "", "the title (default from the subject)")
	asOf := fs.String("as-of", "", "last day of data the figures use (default: the latest event's day)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("retro new: unexpected argument %q", pos[0])
	}
	var kind model.RetroKind
	var subject string
	n := 0
	for _, c := range []struct {
		v string
		k model.RetroKind
	}{{*campaign, model.RetroCampaign}, {*target, model.RetroTarget}, {*month, model.RetroMonthly}} {
		if c.v != "" {
			n++
			kind, subject = c.k, c.v
		}
	}
	if n != 1 {
		return usagef("retro new: give one of --campaign ID, --target ID or --month YYYY-MM")
	}
	if kind == model.RetroMonthly {
		if _, err := model.MonthWindow(subject); err != nil {
			return usagef("--month: %v", err)
		}
	}
	st, done, err := e.openStore(false)
	if err != nil {
		return err
	}
	defer done()
	day, err := asOfDay(e, st, *asOf)
	if err != nil {
		return err
	}
	if *tmpl != "" {
		probe := model.Retro{Template: *tmpl}
		if _, err := store.RetroTemplateFor(&probe, store.RetroTemplateDir(st.Path())); err != nil {
			return err
		}
	}
	rl := e.lang.String()
	r, err := st.NewRetro(e.actor(), model.DefaultRules(), kind, subject, rl, *tmpl, *title, day, retroLabels(rl), retroFormat(rl))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("retro new: %s %s: %s", kind, subject, e.cat.T("retro.cli.notfound"))
		}
		return err
	}
	fmt.Fprintln(e.stdout, r.ID)
	return nil
}

// loadRetro reads a retro, with its figures filled as of the latest data
// when it has none yet (retros stored without figures, as the sample's).
func loadRetro(e *env, st *store.Store, id string) (model.Retro, error) {
	r, err := st.Retro(id)
	if err != nil {
		return r, notFound(e, err, "retro", id, "retro.cli.notfound")
	}
	if r.Data == nil {
		day, err := asOfDay(e, st, "")
		if err != nil {
			return r, err
		}
		if err := st.FillRetro(model.DefaultRules(), &r, day, retroLabels(r.LangOrDefault()), retroFormat(r.LangOrDefault())); err != nil {
			return r, err
		}
	}
	return r, nil
}

func retroExport(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("retro export", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	out := fs.String("out", "", "write to FILE (default: standard output); a FILE ending in .xlsx gets a workbook")
	outFormat := fs.String("format", "", "md (the default) or xlsx: the retro's tables as a workbook, one sheet each")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("retro export: want `retro export ID [--format md|xlsx] [--out FILE]`")
	}
	switch *outFormat {
	case "", "md", "markdown", "xlsx":
	default:
		return usagef("--format %q: want md or xlsx", *outFormat)
	}
	xlsx := wantsXLSX(*outFormat, *out)
	if xlsx {
		if err := e.checkXLSXOut(*out); err != nil {
			return err
		}
	}
	st, done, err := e.openStore(true)
	if err != nil {
		return err
	}
	defer done()
	r, err := loadRetro(e, st, pos[0])
	if err != nil {
		return err
	}
	if xlsx {
		var sheets int
		err := e.writeWorkbook(st.Location(), *out, func(wb *rows.Workbook) error {
			var err error
			sheets, err = writeRetroWorkbook(wb, i18n.New(retroLang(r.LangOrDefault())), r.Data)
			return err
		})
		if err != nil {
			return fmt.Errorf("retro export: %w", err)
		}
		e.doneWorkbook(*out, sheets)
		return nil
	}
	md, err := store.RenderRetro(&r, store.RetroTemplateDir(st.Path()), retroFormat(r.LangOrDefault()))
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = fmt.Fprint(e.stdout, md)
		return err
	}
	if err := store.WriteFileAtomic(*out, []byte(md)); err != nil {
		return fmt.Errorf("retro export: %w", err)
	}
	fmt.Fprint(e.stderr, e.cat.T("retro.cli.written", r.ID, *out))
	return nil
}

// retroItem is one line of `retro list --json`.
type retroItem struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Subject  string `json:"subject"`
	Title    string `json:"title"`
	From     string `json:"from"`
	To       string `json:"to"`
	Status   string `json:"status"`
	Lang     string `json:"lang"`
	Template string `json:"template"`
	Editor   string `json:"editor"`
	Updated  string `json:"updated"`
}

func retroList(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("retro list", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("retro list: unexpected argument %q", pos[0])
	}
	st, done, err := e.openStore(true)
	if err != nil {
		return err
	}
	defer done()
	rs, err := st.Retros()
	if err != nil {
		return err
	}
	items := []retroItem{}
	for _, r := range rs {
		status := r.Status
		if status == "" {
			status = model.RetroDraft
		}
		tmpl := r.Template
		if tmpl == "" {
			tmpl = model.BuiltinTemplateName(r.Kind, r.LangOrDefault())
		}
		updated := ""
		if !r.Updated.IsZero() {
			updated = r.Updated.In(st.Location()).Format(time.RFC3339)
		}
		items = append(items, retroItem{ID: r.ID, Kind: string(r.Kind), Subject: r.Subject, Title: r.Title,
			From: r.Window.From.String(), To: r.Window.To.String(), Status: string(status), Lang: r.LangOrDefault(),
			Template: tmpl, Editor: r.Editor, Updated: updated})
	}
	if *asJSON {
		b, err := json.Marshal(items)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	}
	if len(items) == 0 {
		fmt.Fprintln(e.stdout, e.cat.T("retro.cli.none"))
		return nil
	}
	for _, it := range items {
		upd := it.Updated
		if len(upd) >= 16 {
			upd = upd[:10] + " " + upd[11:16]
		}
		fmt.Fprintf(e.stdout, "%s %s %s %s %s..%s %s %s %s\n", pad(it.ID, 10), pad(e.cat.T("retro.kind."+it.Kind), 8),
			pad(it.Subject, 14), pad(e.cat.T("retro.status."+it.Status), 6), it.From, it.To, pad(upd, 16), pad(it.Editor, 8), it.Title)
	}
	return nil
}

func retroStatus(e *env, args []string, lang, tz string, s model.RetroStatus) error {
	fs := flag.NewFlagSet("retro "+string(s), flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("retro %s: want `retro %s ID`", s, s)
	}
	st, done, err := e.openStore(false)
	if err != nil {
		return err
	}
	defer done()
	if err := st.SetRetroStatus(e.actor(), pos[0], s); err != nil {
		return notFound(e, err, "retro", pos[0], "retro.cli.notfound")
	}
	return nil
}

func retroRefresh(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("retro refresh", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asOf := fs.String("as-of", "", "last day of data the figures use (default: the latest event's day)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("retro refresh: want `retro refresh ID`")
	}
	st, done, err := e.openStore(false)
	if err != nil {
		return err
	}
	defer done()
	r, err := st.Retro(pos[0])
	if err != nil {
		return notFound(e, err, "retro", pos[0], "retro.cli.notfound")
	}
	day, err := asOfDay(e, st, *asOf)
	if err != nil {
		return err
	}
	_, err = st.RefreshRetro(e.actor(), model.DefaultRules(), r.ID, day, retroLabels(r.LangOrDefault()), retroFormat(r.LangOrDefault()))
	return err
}
