package main

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCLIWritesFiguresOneWay checks the text of `kpi`, `target list` and
// `target show` against the one format of the TUI (ui/format): money with
// separators, counts never in e-notation, rates with one decimal, rate gaps
// in percentage points, and no English word in Chinese output.
func TestCLIWritesFiguresOneWay(t *testing.T) {
	dir := writeSample(t, 2000, 777, "2026-06-30")
	db := filepath.Join(t.TempDir(), "c.db")
	code, imported, errs := cli(t, db, "import", filepath.Join(dir, "members.csv"), filepath.Join(dir, "events.csv"), "--tz", tz)
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(imported, "2,000 rows read: 2,000 stored") {
		t.Errorf("import summary without separators: %q", imported)
	}
	gmv := addTarget(t, db, "--metric", "gmv", "--from", "2026-01-01", "--to", "2026-12-31", "--value", "14100000", "--method", "history")
	rate := addTarget(t, db, "--metric", "repurchase_rate", "--from", "2026-06-01", "--to", "2026-06-30", "--value", "99%")
	addTarget(t, db, "--metric", "new_members", "--from", "2026-01-01", "--to", "2026-12-31", "--value", "1050000")

	eNotation := regexp.MustCompile(`\d[eE][+-]?\d`)
	bareMoney := regexp.MustCompile(`¥\d{4}`) // four digits without a separator
	twoDecimalRate := regexp.MustCompile(`\d\.\d\d%`)
	for _, lang := range []string{"en", "zh"} {
		_, list, errs := cli(t, db, "target", "list", "--as-of", "2026-06-30", "--lang", lang)
		if list == "" {
			t.Fatalf("target list: %s", errs)
		}
		_, kpi, _ := cli(t, db, "kpi", "--as-of", "2026-06-30", "--lang", lang)
		_, show, _ := cli(t, db, "target", "show", gmv, "--as-of", "2026-06-30", "--lang", lang)
		_, showRate, _ := cli(t, db, "target", "show", rate, "--as-of", "2026-06-30", "--lang", lang)
		for name, out := range map[string]string{"target list": list, "kpi": kpi, "target show": show, "target show (rate)": showRate} {
			if m := eNotation.FindString(out); m != "" {
				t.Errorf("%s %s: e-notation %q:\n%s", lang, name, m, out)
			}
			if m := bareMoney.FindString(out); m != "" {
				t.Errorf("%s %s: money without separators %q:\n%s", lang, name, m, out)
			}
			if m := twoDecimalRate.FindString(out); m != "" {
				t.Errorf("%s %s: a rate with two decimals %q:\n%s", lang, name, m, out)
			}
		}
		if !strings.Contains(list, "¥14,100,000.00") || !strings.Contains(list, "1,050,000") || !strings.Contains(list, "99.0%") {
			t.Errorf("%s target list:\n%s", lang, list)
		}
		// The rate target's gap is in percentage points and agrees with the
		// JSON figure.
		unit := map[string]string{"en": "pt", "zh": "个百分点"}[lang]
		js := showTarget(t, db, rate, "--as-of", "2026-06-30")
		gapRe := regexp.MustCompile(`(?m)^  2026-06 .*?([+-]?\d+\.\d)` + unit + `\s`)
		m := gapRe.FindStringSubmatch(showRate)
		if m == nil {
			t.Fatalf("%s: no gap in points in the month row:\n%s", lang, showRate)
		}
		got, _ := strconv.ParseFloat(m[1], 64)
		if want := math.Round(js.Months[0].Gap*1000) / 10; math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: gap %v pt, JSON says %v", lang, got, want)
		}
		if strings.Contains(showRate, ".-") {
			t.Errorf("%s: a broken negative figure:\n%s", lang, showRate)
		}
		if lang == "zh" {
			for _, word := range []string{" even", " history", " custom", "behind", "ahead"} {
				if strings.Contains(show+showRate+list, word) {
					t.Errorf("zh output has the English %q:\n%s\n%s", word, show, showRate)
				}
			}
			if !strings.Contains(show, "拆分方式 按历史拆分") || !strings.Contains(showRate, "拆分方式 水平类指标：不拆分") {
				t.Errorf("zh method not translated:\n%s\n%s", show, showRate)
			}
		}
	}
}
