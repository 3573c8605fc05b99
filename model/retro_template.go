package model

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/guptarohit/asciigraph"
)

// The built-in templates are Go text/template files embedded from
// retro_templates/, named KIND.LANG.md.tmpl (campaign.zh.md.tmpl …), written
// exactly as a team's custom template is: the same data, the same functions.
//
//go:embed retro_templates/*.md.tmpl
var builtinRetroFS embed.FS

// RetroTemplateExt is the file name ending of a retro template.
const RetroTemplateExt = ".md.tmpl"

// RetroTemplate is a parsed template, ready to render any number of retros.
// It is immutable once parsed: sessions share it.
type RetroTemplate struct {
	// Name is the template's file name (campaign.zh.md.tmpl, or a custom
	// file's name); errors name it.
	Name string
	// Builtin reports whether it is one of the embedded templates.
	Builtin bool
	t       *template.Template
}

// TemplateError is a template that cannot be parsed or that fails while it
// renders, with the file and the line where it went wrong (0 when the error
// does not say).
type TemplateError struct {
	File string
	Line int
	Err  error
}

// Error reads "FILE:LINE: what went wrong".
func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap returns the cause.
func (e *TemplateError) Unwrap() error { return e.Err }

// templateLine finds the "name:LINE:" text/template puts in its messages.
var templateLine = regexp.MustCompile(`template: ([^:]+):(\d+)(?::\d+)?: (.*)$`)

// templateError turns a text/template error into a TemplateError naming the
// file and the line.
func templateError(name string, err error) error {
	msg := err.Error()
	if m := templateLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[2])
		rest := m[3]
		// Execution errors read `executing "NAME" at <.F>: …`: keep from "at".
		if strings.HasPrefix(rest, "executing ") {
			if i := strings.Index(rest, " at <"); i >= 0 {
				rest = rest[i+1:]
			}
		}
		return &TemplateError{File: name, Line: n, Err: errors.New(rest)}
	}
	return &TemplateError{File: name, Err: errors.New(strings.TrimPrefix(msg, "template: "))}
}

// ParseRetroTemplate parses a template's source. name is the file name that
// errors cite. A template that does not parse gives a *TemplateError with
// the line; it never panics.
func ParseRetroTemplate(name, src string) (tmpl *RetroTemplate, err error) {
	defer func() {
		if p := recover(); p != nil {
			tmpl, err = nil, &TemplateError{File: name, Err: fmt.Errorf("%v", p)}
		}
	}()
	t, err := template.New(name).Option("missingkey=error").Funcs(retroFuncs(DefaultRetroFormat())).Parse(src)
	if err != nil {
		return nil, templateError(name, err)
	}
	return &RetroTemplate{Name: name, t: t}, nil
}

// RetroFormat writes figures as text for the templates' functions and the
// KPI rows. The cockpit passes its one formatter (ui/format), so a retro
// reads its figures exactly as `cockpit kpi`, `target show` and the screens
// write them; DefaultRetroFormat is a plain one for tests and tools.
type RetroFormat struct {
	Money func(fen int64) string              // "¥1,234.56"
	Count func(n int64) string                // "1,234"
	Rate  func(r Ratio) string                // "12.3%", a dash when undefined
	Value func(metric string, v int64) string // a target value in its unit
	Gap   func(metric string, v int64) string // the same with its sign
	// Change writes a relative change already in percent ("+12.3%"), Points
	// a difference of two rates in percentage points ("+1.2pt").
	Change, Points func(p float64) string
}

// DefaultRetroFormat writes money as "¥1234.56", counts as digits, rates
// with two decimals, target values as FormatTargetValue.
func DefaultRetroFormat() RetroFormat {
	return RetroFormat{
		Money:  func(fen int64) string { return "¥" + FormatFen(fen) },
		Count:  func(n int64) string { return strconv.FormatInt(n, 10) },
		Rate:   FormatPct,
		Value:  plainTargetValue,
		Gap:    signedTargetValue,
		Change: func(p float64) string { return signedHundredths(p) + "%" },
		Points: func(p float64) string { return signedHundredths(p) + "pp" },
	}
}

// Render executes the template on d, writing figures with f, and returns
// the Markdown. An error while rendering (a missing field, a function given
// the wrong type) is a *TemplateError naming the file and the line; it
// never panics.
func (rt *RetroTemplate) Render(d *RetroData, f RetroFormat) (out string, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = "", &TemplateError{File: rt.Name, Err: fmt.Errorf("%v", p)}
		}
	}()
	if d == nil {
		return "", &TemplateError{File: rt.Name, Err: errors.New("no data")}
	}
	// The shared template is cloned so each render binds its own formatter.
	t, err := rt.t.Clone()
	if err != nil {
		return "", &TemplateError{File: rt.Name, Err: err}
	}
	t.Funcs(retroFuncs(f))
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return "", templateError(rt.Name, err)
	}
	return b.String(), nil
}

// BuiltinTemplateName is the file name of the built-in template of a kind in
// a language ("zh" unless lang is "en").
func BuiltinTemplateName(kind RetroKind, lang string) string {
	if lang != "en" {
		lang = "zh"
	}
	return string(kind) + "." + lang + RetroTemplateExt
}

// BuiltinRetroTemplate parses the built-in template of a kind in a language.
func BuiltinRetroTemplate(kind RetroKind, lang string) (*RetroTemplate, error) {
	name := BuiltinTemplateName(kind, lang)
	src, err := builtinRetroFS.ReadFile("retro_templates/" + name)
	if err != nil {
		return nil, fmt.Errorf("no built-in retro template %s", name)
	}
	t, err := ParseRetroTemplate(name, string(src))
	if err != nil {
		return nil, err
	}
	t.Builtin = true
	return t, nil
}

// RetroKinds lists the three kinds of retro.
func RetroKinds() []RetroKind { return []RetroKind{RetroCampaign, RetroMonthly, RetroTarget} }

// retroFuncs are the functions every template may call, writing figures
// with f:
//
//	yuan FEN            money (fen in the data): "¥1,234.56"
//	num N               a count: "1,234"
//	pct FRACTION        a rate: "12.3%", "—" when undefined
//	ratio FRACTION      "3.46", "—" when undefined (ROI)
//	fenratio FRACTION   money per unit (CAC), rounded to the fen
//	value METRIC V      a target value in its metric's unit (¥, %, count)
//	signed METRIC V     the same with its sign (rates in points)
//	chart VALUES H      an asciigraph drawing of int64 values, H lines high
//	cell TEXT           TEXT made safe for a Markdown table cell (| escaped,
//	                    line breaks as spaces)
//	quote TEXT          TEXT as a Markdown block quote ("> " before each line)
//	orDash TEXT         TEXT, or "—" when it is empty
//	add A B, sub A B    integer arithmetic
func retroFuncs(f RetroFormat) template.FuncMap {
	return template.FuncMap{
		"yuan":  f.Money,
		"num":   f.Count,
		"pct":   func(v any) (string, error) { r, err := toRatio(v); return f.Rate(r), err },
		"ratio": func(v any) (string, error) { r, err := toRatio(v); return formatRatio2(r), err },
		"fenratio": func(v any) (string, error) {
			r, err := toRatio(v)
			if err != nil || !r.Valid() {
				return "—", err
			}
			return f.Money(divRound(r.Num, r.Den)), nil
		},
		"value":  f.Value,
		"signed": f.Gap,
		"chart":  func(v []int64, h int) string { return RetroPlot(v, h, false) },
		"cell":   markdownCell,
		"quote":  markdownQuote,
		"orDash": func(s string) string {
			if strings.TrimSpace(s) == "" {
				return "—"
			}
			return s
		},
		"add": func(a, b int64) int64 { return a + b },
		"sub": func(a, b int64) int64 { return a - b },
	}
}

// toRatio accepts a Fraction or a Ratio (the template functions take both).
func toRatio(v any) (Ratio, error) {
	switch x := v.(type) {
	case Fraction:
		return x.Ratio(), nil
	case Ratio:
		return x, nil
	}
	return Ratio{}, fmt.Errorf("want a Fraction, got %T", v)
}

// FormatPct formats a rate as `cockpit kpi` does: "12.34%", "—" when
// undefined.
func FormatPct(r Ratio) string {
	if !r.Valid() {
		return "—"
	}
	if r.Num > math.MaxInt64/10000 || r.Num < -math.MaxInt64/10000 {
		return strconv.FormatFloat(100*r.Float(), 'f', 2, 64) + "%" // beyond exact int64 hundredths
	}
	return FormatFen(divRound(r.Num*10000, r.Den)) + "%"
}

func formatRatio2(r Ratio) string {
	if !r.Valid() {
		return "—"
	}
	if r.Num > math.MaxInt64/100 || r.Num < -math.MaxInt64/100 {
		return strconv.FormatFloat(r.Float(), 'f', 2, 64) // beyond exact int64 hundredths
	}
	return FormatFen(divRound(r.Num*100, r.Den))
}

// signedHundredths writes x with two decimals and its sign ("+1.25",
// "-0.50", "+0.00"), in integer hundredths so that no float verb decides
// the rounding.
func signedHundredths(x float64) string {
	h := int64(math.Round(x * 100))
	s := FormatFen(h)
	if h >= 0 {
		s = "+" + s
	}
	return s
}

// divRound is n/d rounded half away from zero (d != 0).
func divRound(n, d int64) int64 {
	if d < 0 {
		n, d = -n, -d
	}
	if n >= 0 {
		return (n + d/2) / d
	}
	return -((-n + d/2) / d)
}

// plainTargetValue writes a target value in its metric's unit plainly:
// "¥1234.56", "12.34%" (RatioScale), or the count.
func plainTargetValue(metric string, v int64) string {
	info, _ := Metric(metric)
	switch {
	case info.Money:
		return "¥" + FormatFen(v)
	case info.Rate:
		sign := ""
		if v < 0 {
			sign, v = "-", -v
		}
		return fmt.Sprintf("%s%d.%02d%%", sign, v/100, v%100)
	}
	return strconv.FormatInt(v, 10)
}

// signedTargetValue is a value with its sign in front: "+¥1.00",
// "-¥1.00", "-3", "+0.50%".
func signedTargetValue(metric string, v int64) string {
	switch {
	case v > 0:
		return "+" + plainTargetValue(metric, v)
	case v < 0 && v != math.MinInt64:
		return "-" + plainTargetValue(metric, -v)
	}
	return plainTargetValue(metric, v)
}

// FormatKPI formats one KPI of k with f as `cockpit kpi` prints it (the
// average order value rounded half away from zero to the fen, "—" for an
// undefined ratio) and returns the raw numerator and denominator (Den 1 for
// counts and money).
func FormatKPI(k KPIs, key string, f RetroFormat) (text string, num, den int64) {
	count := func(n int64) (string, int64, int64) { return f.Count(n), n, 1 }
	rate := func(r Ratio) (string, int64, int64) { return f.Rate(r), r.Num, r.Den }
	switch key {
	case "members_total":
		return count(k.MembersTotal)
	case "new_members":
		return count(k.NewMembers)
	case "active_members":
		return count(k.ActiveMembers)
	case "active_rate":
		return rate(k.ActiveRate)
	case "buyers":
		return count(k.Buyers)
	case "repurchase_rate":
		return rate(k.RepurchaseRate)
	case "orders":
		return count(k.Orders)
	case "gmv":
		return f.Money(k.GMVFen), k.GMVFen, 1
	case "refunds":
		return f.Money(k.RefundsFen), k.RefundsFen, 1
	case "aov":
		if k.Orders == 0 {
			return f.Rate(Ratio{}), k.GMVFen, 0
		}
		return f.Money(divRound(k.GMVFen, k.Orders)), k.GMVFen, k.Orders
	case "upgrade_rate":
		return rate(k.UpgradeRate)
	case "retention_d1":
		return rate(k.RetentionD1)
	case "retention_d7":
		return rate(k.RetentionD7)
	case "retention_d30":
		return rate(k.RetentionD30)
	case "points_redemption_rate":
		return rate(k.PointsRedemptionRate)
	}
	return "—", 0, 0
}

// KPIChange says how a KPI moved from prev to cur, written with f: a
// relative change for counts and money (f.Change), a change in percentage
// points for rates (f.Points); "—" when either side is undefined or the
// previous value is zero.
func KPIChange(key string, cur, prev KPIs, f RetroFormat) string {
	_, cn, cd := FormatKPI(cur, key, f)
	_, pn, pd := FormatKPI(prev, key, f)
	if cd == 0 || pd == 0 {
		return "—"
	}
	if IsRatioKPI(key) {
		return f.Points(100 * (float64(cn)/float64(cd) - float64(pn)/float64(pd)))
	}
	c, p := float64(cn)/float64(cd), float64(pn)/float64(pd)
	if p == 0 {
		return "—"
	}
	return f.Change(100 * (c - p) / math.Abs(p))
}

// RetroPlot draws int64 daily values with asciigraph, height lines high and
// at most 60 columns wide; money values (fen) are plotted in yuan. It returns
// "" for fewer than two values.
func RetroPlot(v []int64, height int, money bool) string {
	if len(v) < 2 {
		return ""
	}
	height = min(max(height, 3), 20)
	f := make([]float64, len(v))
	lo, hi := v[0], v[0]
	for i, x := range v {
		f[i] = float64(x)
		if money {
			f[i] /= 100
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	if !money && hi-lo < int64(height) {
		// Small counts: one row per unit (asciigraph draws height+1 rows),
		// so no two axis labels repeat.
		height = max(int(hi-lo), 1)
	}
	width := min(max(len(v), 20), 60)
	return asciigraph.Plot(f, asciigraph.Height(height), asciigraph.Width(width), asciigraph.Precision(0))
}

// markdownCell makes s safe inside a GitHub table cell.
func markdownCell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", " ")
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// markdownQuote prefixes every line of s with "> ".
func markdownQuote(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}
