package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/store/rows"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
)

func cmdTarget(e *env, args []string, lang, tz string) error {
	return runVerb(e, "target", args, lang, tz, []subcommand{
		{"add", targetAdd}, {"list", targetList}, {"show", targetShow},
	})
}

func targetAdd(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("target add", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	metric := fs.String("metric", "", "KPI key, e.g. gmv, new_members, repurchase_rate")
	from := fs.String("from", "", "first day")
	to := fs.String("to", "", "last day")
	value := fs.String("value", "", "yuan for money, 0.25 or 25% for rates, a count otherwise")
	method := fs.String("method", "even", "even, history or custom")
	weights := fs.String("weights", "", "custom: one weight per month, comma-separated")
	name := fs.String("name", "", "a name for the target")
	owner := fs.String("owner", "", "who owns the target")
	if _, err := parse(e, fs, args, &lang, &tz); err != nil {
		return err
	}
	t := model.Target{Name: *name, Owner: *owner, Metric: *metric, Method: model.Method(*method)}
	var err error
	if *from == "" || *to == "" || *value == "" || *metric == "" {
		return usagef("target add: --metric, --from, --to and --value are required")
	}
	if t.From, err = model.ParseDay(*from); err != nil {
		return usagef("--from: %v", err)
	}
	if t.To, err = model.ParseDay(*to); err != nil {
		return usagef("--to: %v", err)
	}
	if t.Value, err = model.ParseTargetValue(t.Metric, *value); err != nil {
		return usagef("--%v", err)
	}
	if *weights != "" {
		for _, w := range strings.Split(*weights, ",") {
			n, err := strconv.ParseInt(strings.TrimSpace(w), 10, 64)
			if err != nil {
				return usagef("--weights: %q is not a whole number", w)
			}
			t.Weights = append(t.Weights, n)
		}
	}
	if err := t.Validate(); err != nil {
		return usagef("--%v", err)
	}
	if t.Name == "" {
		t.Name = fmt.Sprintf("%s %s..%s", t.Metric, t.From, t.To)
	}
	st, done, err := e.openStore(false)
	if err != nil {
		return err
	}
	defer done()
	id, err := st.PutTarget(e.actor(), t)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	return nil
}

// asOfDay is the day "to date" means: --as-of, else the latest event's day.
func asOfDay(e *env, st *store.Store, flagValue string) (model.Day, error) {
	if flagValue != "" {
		d, err := model.ParseDay(flagValue)
		if err != nil {
			return 0, usagef("--as-of: %v", err)
		}
		return d, nil
	}
	in, err := st.Info()
	if err != nil {
		return 0, err
	}
	return in.DefaultAsOf(model.DayOf(e.now(), st.Location())), nil
}

// targetJSON is the contract's `target show --json` object.
type targetJSON struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Metric         string    `json:"metric"`
	From           string    `json:"from"`
	To             string    `json:"to"`
	Value          any       `json:"value"`
	Method         string    `json:"method"`
	Source         string    `json:"history_source,omitempty"`
	Months         []rowJSON `json:"months"`
	Weeks          []rowJSON `json:"weeks"`
	Days           []rowJSON `json:"days"`
	ExpectedToDate any       `json:"expected_to_date"`
	ActualToDate   any       `json:"actual_to_date"`
	Forecast       any       `json:"forecast"`
	RunRateNeeded  any       `json:"run_rate_needed"`
	AsOf           string    `json:"as_of"`
	Status         string    `json:"status"`
}

type rowJSON struct {
	Period   string `json:"period"`
	Target   any    `json:"target"`
	Actual   any    `json:"actual"`
	Expected any    `json:"expected"`
	Gap      any    `json:"gap"`
	Status   string `json:"status"`
}

func targetObject(rep *store.TargetReport) targetJSON {
	t := rep.Target
	v := func(x int64) any { return model.TargetJSONValue(t.Metric, x) }
	rowsOf := func(rs []model.PeriodRow) []rowJSON {
		out := make([]rowJSON, len(rs))
		for i, r := range rs {
			out[i] = rowJSON{Period: r.Label, Target: v(r.Target), Actual: v(r.Actual), Expected: v(r.Expected), Gap: v(r.Gap), Status: r.Status.String()}
		}
		return out
	}
	src := ""
	if rep.Source != model.HistoryNone {
		src = rep.Source.String()
	}
	w := rep.Whole
	return targetJSON{ID: t.ID, Name: t.Name, Metric: t.Metric, From: t.From.String(), To: t.To.String(),
		Value: v(t.Value), Method: string(t.Method), Source: src,
		Months: rowsOf(rep.Months), Weeks: rowsOf(rep.Weeks), Days: rowsOf(rep.Days),
		ExpectedToDate: v(w.Expected), ActualToDate: v(w.Actual), Forecast: v(w.Forecast),
		RunRateNeeded: v(w.RunRateNeeded), AsOf: rep.AsOf.String(), Status: w.Status.String()}
}

func targetShow(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("target show", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asJSON := fs.Bool("json", false, "print the contract's JSON object")
	asOf := fs.String("as-of", "", "day that \"to date\" means (default: the latest event's day)")
	format := fs.String("format", "", "text, json or xlsx (default: text, or xlsx for an --out file ending in .xlsx)")
	out := fs.String("out", "", "output file (default: standard output)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("target show: want `target show ID`")
	}
	switch *format {
	case "", "text", "xlsx":
	case "json":
		*asJSON = true
	default:
		return usagef("--format %q: want text, json or xlsx", *format)
	}
	xlsx := wantsXLSX(*format, *out)
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
	t, err := st.Target(pos[0])
	if err != nil {
		return notFound(e, err, "target", pos[0], "target.notfound")
	}
	day, err := asOfDay(e, st, *asOf)
	if err != nil {
		return err
	}
	rep, err := st.TargetReport(model.DefaultRules(), t, day)
	if err != nil {
		return err
	}
	if xlsx {
		err := e.writeWorkbook(st.Location(), *out, func(wb *rows.Workbook) error {
			return writeTargetWorkbook(wb, e.cat, rep)
		})
		if err != nil {
			return fmt.Errorf("target show: %w", err)
		}
		e.doneWorkbook(*out, 3)
		return nil
	}
	if *asJSON {
		b, err := json.Marshal(targetObject(rep))
		if err != nil {
			return err
		}
		return e.toOut(*out, func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "%s\n", b)
			return err
		})
	}
	return e.toOut(*out, func(w io.Writer) error {
		ew := *e
		ew.stdout = w
		writeTargetText(&ew, rep)
		return nil
	})
}

func writeTargetText(e *env, rep *store.TargetReport) {
	t := rep.Target
	f := func(x int64) string { return format.Value(t.Metric, x) }
	gap := func(x int64) string { return format.Gap(t.Metric, x, false, e.cat.Lang) }
	w := e.stdout
	fmt.Fprintf(w, "%s  %s  %s\n", t.ID, t.Name, e.cat.T("kpi."+t.Metric))
	fmt.Fprintf(w, e.cat.T("target.head"), format.Date(t.From), format.Date(t.To), f(t.Value), methodName(e.cat, t), format.Date(rep.AsOf))
	if rep.Source != model.HistoryNone {
		fmt.Fprintf(w, e.cat.T("target.source"), e.cat.T("target.source."+rep.Source.String()))
	}
	row := func(label string, r model.PeriodRow) {
		fmt.Fprintf(w, "  %s %s %s %s %s  %s\n", pad(label, 22), padLeft(f(r.Target), 16), padLeft(f(r.Actual), 16),
			padLeft(f(r.Expected), 16), padLeft(gap(r.Gap), 16), e.cat.T("pace."+r.Status.String()))
	}
	fmt.Fprintf(w, "  %s %s %s %s %s  %s\n", pad(e.cat.T("target.col.period"), 22), padLeft(e.cat.T("target.col.target"), 16),
		padLeft(e.cat.T("target.col.actual"), 16), padLeft(e.cat.T("target.col.expected"), 16), padLeft(e.cat.T("target.col.gap"), 16), e.cat.T("target.col.status"))
	row(rep.Whole.Label, rep.Whole)
	for _, m := range rep.Months {
		row(m.Label, m)
	}
	fmt.Fprintf(w, e.cat.T("target.forecast"), f(rep.Whole.Forecast), f(rep.Whole.RunRateNeeded))
}

func targetList(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("target list", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asJSON := fs.Bool("json", false, "print JSON")
	asOf := fs.String("as-of", "", "day that \"to date\" means")
	if _, err := parse(e, fs, args, &lang, &tz); err != nil {
		return err
	}
	st, done, err := e.openStore(true)
	if err != nil {
		return err
	}
	defer done()
	ts, err := st.Targets()
	if err != nil {
		return err
	}
	day, err := asOfDay(e, st, *asOf)
	if err != nil {
		return err
	}
	type item struct {
		ID             string `json:"id"`
		Name           string `json:"name"`
		Metric         string `json:"metric"`
		From           string `json:"from"`
		To             string `json:"to"`
		Value          any    `json:"value"`
		Method         string `json:"method"`
		ExpectedToDate any    `json:"expected_to_date"`
		ActualToDate   any    `json:"actual_to_date"`
		Status         string `json:"status"`
	}
	items := []item{}
	progress := make([][3]string, 0, len(ts))
	for _, t := range ts {
		rep, err := st.TargetReport(model.DefaultRules(), t, day)
		if err != nil {
			return err
		}
		v := func(x int64) any { return model.TargetJSONValue(t.Metric, x) }
		items = append(items, item{t.ID, t.Name, t.Metric, t.From.String(), t.To.String(), v(t.Value), string(t.Method),
			v(rep.Whole.Expected), v(rep.Whole.Actual), rep.Whole.Status.String()})
		progress = append(progress, [3]string{format.Value(t.Metric, rep.Whole.Actual),
			format.Value(t.Metric, rep.Whole.Expected), rep.Whole.Status.String()})
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
		fmt.Fprintln(e.stdout, e.cat.T("target.none"))
		return nil
	}
	writeTargetList(e.stdout, e, ts, progress)
	return nil
}

// methodName is a target's split method in the session's language, or
// that it is not split when its metric is a level metric.
func methodName(cat i18n.Catalog, t model.Target) string {
	if info, _ := model.Metric(t.Metric); !info.Additive {
		return cat.T("tg.method.level")
	}
	m := t.Method
	if m == "" {
		m = model.MethodEven
	}
	return cat.T("tg.method." + string(m))
}

func writeTargetList(w io.Writer, e *env, ts []model.Target, progress [][3]string) {
	// Columns as wide as their widest cell (Chinese counts two), so ids,
	// names and metrics of any length stay aligned.
	var idW, nameW, metricW, valueW, actualW, expectedW int
	for i, t := range ts {
		idW = max(idW, runewidth.StringWidth(t.ID))
		nameW = max(nameW, runewidth.StringWidth(t.Name))
		metricW = max(metricW, runewidth.StringWidth(e.cat.T("kpi."+t.Metric)))
		valueW = max(valueW, runewidth.StringWidth(format.Value(t.Metric, t.Value)))
		actualW = max(actualW, runewidth.StringWidth(progress[i][0]))
		expectedW = max(expectedW, runewidth.StringWidth(progress[i][1]))
	}
	for i, t := range ts {
		fmt.Fprintf(w, "%s  %s  %s  %s..%s  %s  %s / %s  %s\n", pad(t.ID, idW), pad(t.Name, nameW), pad(e.cat.T("kpi."+t.Metric), metricW),
			format.Date(t.From), format.Date(t.To), padLeft(format.Value(t.Metric, t.Value), valueW),
			padLeft(progress[i][0], actualW), pad(progress[i][1], expectedW), e.cat.T("pace."+progress[i][2]))
	}
}
