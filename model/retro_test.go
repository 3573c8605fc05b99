package model

import (
	"errors"
	"strings"
	"testing"
)

// sampleRetroData fills every field a template reads, with hand-set
// figures, so each built-in template is exercised end to end.
func sampleRetroData(kind RetroKind, lang string) *RetroData {
	from, to := CivilDay(2026, 5, 1), CivilDay(2026, 5, 31)
	flow := RetroFlow{Columns: []string{"A", "B"}, Rows: []RetroFlowRow{
		{Label: "A", Cells: []int64{3, 1}, Total: 4}, {Label: "B", Cells: []int64{0, 5}, Total: 5},
		{Label: "new", Cells: []int64{2, 0}, Total: 2}},
		ColTotals: []int64{5, 6}, Total: 11, Up: 1, Same: 8}
	return &RetroData{
		Lang: lang, Kind: kind, ID: "R9", Title: "Title|with pipe", Subject: "C-1", SubjectName: "Spring sale",
		Status: RetroFinal, Editor: "王磊", From: from, To: to, Days: 31, Before: from - 1, AsOf: to,
		Background: "背景：春季促销。", Analysis: "", Lessons: "1. 提前预热", Playbook: "- 复用券梯度",
		KPIs:    []RetroKPI{{Key: "gmv", Label: "GMV", Value: "¥1234.56", Prev: "¥1000.00", Change: "+23.46%", Num: 123456, Den: 1}},
		KPIFrom: from, KPITo: to, PrevFrom: from - 31, PrevTo: from - 1,
		Targets: []RetroTargetResult{{ID: "T1", Name: "May GMV", Metric: "gmv", MetricLabel: "GMV", From: from, To: to, Method: "even",
			Whole:  RetroPeriod{Label: "2026-05", Target: 100000, Actual: 123456, Gap: 23456, Reached: Fraction{123456, 100000}, Status: "ahead"},
			Weeks:  []RetroPeriod{{Label: "2026-W18", Target: 10000, Actual: 9000, Gap: -1000, Reached: Fraction{9000, 10000}, Status: "behind"}},
			Months: []RetroPeriod{{Label: "2026-05", Target: 100000, Actual: 123456, Gap: 23456, Reached: Fraction{123456, 100000}}}}},
		Stages: flow, Tiers: flow,
		Channels: []RetroChannel{{Channel: "APP", Members: 10, New: 2, Active: 4, Buyers: 3, Orders: 5, GMV: 123456,
			GMVShare: Fraction{1, 1}, RepurchaseRate: Fraction{1, 3}}},
		Campaigns: []RetroCampaignResult{{ID: "C-1", Name: "Spring sale", Type: "promotion", TypeLabel: "Promotion",
			Status: "reviewed", StatusLabel: "reviewed", Start: from, End: to, Reached: 40, Converted: 12, Registrations: 0,
			GMV: 345678, Spend: 100000, Budget: 200000, ROI: Fraction{345678, 100000}, CAC: Fraction{100000, 0},
			Tasks: 3, TasksDone: 2, TasksLate: 1}},
		CampaignsAvailable: true,
		Charts:             []RetroChart{{Key: "gmv", Title: "Daily GMV", Values: []int64{1, 2, 3}, Plot: RetroPlot([]int64{100, 300, 200}, 4, true)}},
	}
}

var retroHeadings = map[string][]string{
	"zh": {"## 背景说明", "## 目标对比", "## 各版块数据分析", "## 经验教训", "## 可复用经验"},
	"en": {"## Background", "## Target vs actual", "## Analysis by section", "## Lessons", "## Reusable playbook"},
}

func TestEveryBuiltinTemplateRendersInBothLanguages(t *testing.T) {
	for _, kind := range RetroKinds() {
		for _, lang := range []string{"zh", "en"} {
			t.Run(string(kind)+"."+lang, func(t *testing.T) {
				tmpl, err := BuiltinRetroTemplate(kind, lang)
				if err != nil {
					t.Fatal(err)
				}
				if !tmpl.Builtin || tmpl.Name != string(kind)+"."+lang+".md.tmpl" {
					t.Fatalf("template %+v", tmpl)
				}
				out, err := tmpl.Render(sampleRetroData(kind, lang), DefaultRetroFormat())
				if err != nil {
					t.Fatal(err)
				}
				last := -1
				for _, h := range retroHeadings[lang] {
					i := strings.Index(out, "\n"+h+"\n")
					if i < 0 {
						t.Fatalf("no heading %q in\n%s", h, out)
					}
					if i < last {
						t.Errorf("heading %q out of order", h)
					}
					last = i
				}
				for _, want := range []string{
					"# Title|with pipe\n", "2026-05-01", "2026-05-31", "王磊", "背景：春季促销。", "1. 提前预热", "- 复用券梯度",
					"| GMV | ¥1234.56 | ¥1000.00 | +23.46% |",
					"| 2026-05 | ¥1000.00 | ¥1234.56 | +¥234.56 | 123.46% |",
					"| 2026-W18 | ¥100.00 | ¥90.00 | -¥10.00 | 90.00% | behind |",
					"| A | 3 | 1 | 4 |", "| new | 2 | 0 | 2 |",
					"| APP | 10 | 2 | 4 | 3 | 5 | ¥1234.56 | 100.00% | 33.33% |",
					"| Spring sale (C-1) | Promotion | reviewed | 40 | 12 | 0 | ¥3456.78 | ¥1000.00 | 3.46 | — | 2/1/3 |",
					"```text\n", "Daily GMV",
				} {
					if !strings.Contains(out, want) {
						t.Errorf("lacks %q in\n%s", want, out)
					}
				}
				for _, bad := range []string{"<no value>", "\x1b", "map[", "%!"} {
					if strings.Contains(out, bad) {
						t.Errorf("contains %q", bad)
					}
				}
				// Empty narrative sections say they are to be written.
				d := sampleRetroData(kind, lang)
				d.Background, d.Lessons, d.Playbook = "", "", ""
				d.Targets, d.Campaigns = nil, nil
				empty, err := tmpl.Render(d, DefaultRetroFormat())
				if err != nil {
					t.Fatal(err)
				}
				todo := map[string]string{"zh": "_（待填写）_", "en": "_(to be written)_"}[lang]
				if strings.Count(empty, todo) != 3 {
					t.Errorf("want 3 %q markers:\n%s", todo, empty)
				}
				d.CampaignsAvailable = false
				if _, err := tmpl.Render(d, DefaultRetroFormat()); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

func TestBrokenTemplateNamesFileAndLine(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		parse     bool   // fails when parsed (else when rendered)
		msg       string // part of the message
	}{
		{"unclosed.md.tmpl", "# {{.Title}}\n\n{{range .KPIs}}\n| {{.Label}} |\n", 5, true, "unexpected EOF"}, // text/template reports the end
		{"badfunc.md.tmpl", "line one\nline two {{nosuch .Title}}\n", 2, true, "nosuch"},
		{"badfield.md.tmpl", "# {{.Title}}\n\n\n{{.NoSuchField}}\n", 4, false, "NoSuchField"},
		{"badarg.md.tmpl", "a\n{{pct .Title}}\n", 2, false, "Fraction"},
		{"badindex.md.tmpl", "a\nb\n{{index .KPIs 99}}\n", 3, false, "index"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmpl, err := ParseRetroTemplate("/teams/retro-templates/"+c.name, c.src)
			if !c.parse {
				if err != nil {
					t.Fatalf("parse: %v", err)
				}
				_, err = tmpl.Render(sampleRetroData(RetroMonthly, "en"), DefaultRetroFormat())
			}
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %v (%T), want a *TemplateError", err, err)
			}
			if te.File != "/teams/retro-templates/"+c.name || te.Line != c.line {
				t.Errorf("file %q line %d, want line %d", te.File, te.Line, c.line)
			}
			want := "/teams/retro-templates/" + c.name + ":"
			if !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("message %q: want it to start with %q and mention %q", err, want, c.msg)
			}
		})
	}
	// A nil data value is an error, not a panic.
	tmpl, _ := BuiltinRetroTemplate(RetroMonthly, "en")
	if _, err := tmpl.Render(nil, DefaultRetroFormat()); err == nil {
		t.Error("nil data rendered")
	}
}

func TestFormatKPIIsTheCLIFormat(t *testing.T) {
	k := KPIs{MembersTotal: 2793, GMVFen: 19632889, Orders: 631, RefundsFen: 0,
		ActiveRate: Ratio{449, 2793}, UpgradeRate: Ratio{0, 0}, AOV: Ratio{19632889, 631}}
	cases := map[string]string{
		"members_total": "2793", "gmv": "¥196328.89", "refunds": "¥0.00", "orders": "631",
		"active_rate": "16.08%", "upgrade_rate": "—", "aov": "¥311.14", "buyers": "0",
	}
	for key, want := range cases {
		if got, _, _ := FormatKPI(k, key, DefaultRetroFormat()); got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
	if got, _, _ := FormatKPI(KPIs{}, "aov", DefaultRetroFormat()); got != "—" {
		t.Errorf("aov without orders: %q", got)
	}
	prev := KPIs{MembersTotal: 2615, ActiveRate: Ratio{388, 2615}}
	if got := KPIChange("members_total", k, prev, DefaultRetroFormat()); got != "+6.81%" {
		t.Errorf("change %q", got)
	}
	if got := KPIChange("active_rate", k, prev, DefaultRetroFormat()); got != "+1.24pp" {
		t.Errorf("rate change %q", got)
	}
	if got := KPIChange("gmv", k, KPIs{}, DefaultRetroFormat()); got != "—" {
		t.Errorf("change from zero %q", got)
	}
}

func TestTemplateFunctions(t *testing.T) {
	f := retroFuncs(DefaultRetroFormat())
	signed := f["signed"].(func(string, int64) string)
	for _, c := range []struct {
		metric string
		v      int64
		want   string
	}{{"gmv", -1142242, "-¥11422.42"}, {"gmv", 97690, "+¥976.90"}, {"gmv", 0, "¥0.00"},
		{"new_members", -5, "-5"}, {"repurchase_rate", 120, "+1.20%"}} {
		if got := signed(c.metric, c.v); got != c.want {
			t.Errorf("signed(%s, %d) = %q, want %q", c.metric, c.v, got, c.want)
		}
	}
	fen := f["fenratio"].(func(any) (string, error))
	if got, _ := fen(Fraction{1000, 3}); got != "¥3.33" {
		t.Errorf("fenratio %q", got)
	}
	if got, _ := fen(Fraction{1001, 2}); got != "¥5.01" { // 500.5 fen rounds half away
		t.Errorf("fenratio half %q", got)
	}
	if got := markdownCell("a|b\nc"); got != `a\|b c` {
		t.Errorf("cell %q", got)
	}
	if got := markdownQuote("a\n\nb\n"); got != "> a\n>\n> b" {
		t.Errorf("quote %q", got)
	}
	if RetroPlot([]int64{5}, 8, false) != "" {
		t.Error("one point plotted")
	}
	// Small counts: one row per unit, no repeated axis label.
	plot := RetroPlot([]int64{4, 7, 5, 6}, 8, false)
	if n := strings.Count(plot, "\n") + 1; n != 4 {
		t.Errorf("plot of 4..7 has %d rows:\n%s", n, plot)
	}
}

func TestMonthsAndClosedMonths(t *testing.T) {
	w, err := MonthWindow("2024-02")
	if err != nil || w.From != CivilDay(2024, 2, 1) || w.To != CivilDay(2024, 2, 29) {
		t.Fatalf("2024-02: %v %v", w, err)
	}
	for _, bad := range []string{"2024-13", "2024-2", "24-02", ""} {
		if _, err := MonthWindow(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := MonthOf(CivilDay(2026, 12, 31)).String(); got != "2026-12" {
		t.Errorf("MonthOf %q", got)
	}
	// As of the last day of June, June is closed; as of the 30th of July it is not.
	got := ClosedMonths(CivilDay(2026, 4, 15), CivilDay(2026, 6, 30), 12)
	if strings.Join(got, ",") != "2026-06,2026-05,2026-04" {
		t.Errorf("closed months %v", got)
	}
	got = ClosedMonths(CivilDay(2025, 1, 1), CivilDay(2026, 7, 30), 3)
	if strings.Join(got, ",") != "2026-06,2026-05,2026-04" {
		t.Errorf("closed months %v", got)
	}
	if got := ClosedMonths(CivilDay(2026, 7, 1), CivilDay(2026, 7, 30), 3); len(got) != 0 {
		t.Errorf("closed months before any closed: %v", got)
	}
}
