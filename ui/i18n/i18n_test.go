package i18n

import (
	"strings"
	"testing"
)

func TestEveryEntryHasBothLanguagesAndNoKeyRepeats(t *testing.T) {
	seen := map[string]bool{}
	for _, tab := range tables {
		for k, e := range tab {
			if seen[k] {
				t.Errorf("key %q is in two tables", k)
			}
			seen[k] = true
			if strings.TrimSpace(e.en) == "" || strings.TrimSpace(e.zh) == "" {
				t.Errorf("key %q lacks a language: %+v", k, e)
			}
			if strings.Count(e.en, "%") != strings.Count(e.zh, "%") {
				t.Errorf("key %q: verbs differ between en %q and zh %q", k, e.en, e.zh)
			}
		}
	}
}

func TestDetect(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Zh},
		{map[string]string{"LANG": "en_US.UTF-8"}, En},
		{map[string]string{}, En},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, En},
		{map[string]string{"LC_ALL": "zh_TW.UTF-8", "LANG": "C"}, Zh},
	}
	for _, c := range cases {
		if got := Detect(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("Detect(%v) = %v, want %v", c.env, got, c.want)
		}
	}
	if New(Zh).T("stage.churned") != "流失期" || New(En).T("stage.churned") != "Churned" {
		t.Error("lookup failed")
	}
	if New(En).T("no.such.key") != "no.such.key" {
		t.Error("missing key should come back as itself")
	}
}

// TestPlural: N uses the singular entry for one thing in English only, and
// every singular entry has the verbs of its plural.
func TestPlural(t *testing.T) {
	en, zh := New(En), New(Zh)
	cases := []struct {
		n      int64
		en, zh string
	}{
		{1, "1 field needs fixing; nothing was saved", "有 1 项需要修改，尚未保存"},
		{2, "2 fields need fixing; nothing was saved", "有 2 项需要修改，尚未保存"},
		{0, "0 fields need fixing; nothing was saved", "有 0 项需要修改，尚未保存"},
	}
	for _, c := range cases {
		if got := en.N("tg.form.fix", c.n, c.n); got != c.en {
			t.Errorf("en %d: %q, want %q", c.n, got, c.en)
		}
		if got := zh.N("tg.form.fix", c.n, c.n); got != c.zh {
			t.Errorf("zh %d: %q, want %q", c.n, got, c.zh)
		}
	}
	if got := en.N("tg.list.title", 1); got != "Targets" {
		t.Errorf("a key without a singular: %q", got)
	}
	for _, tab := range tables {
		for k, e := range tab {
			if base, ok := strings.CutSuffix(k, ".one"); ok {
				if !Has(base) {
					t.Errorf("%s has no plural %s", k, base)
					continue
				}
				if strings.Count(e.en, "%") != strings.Count(New(En).T(base), "%") {
					t.Errorf("%s: verbs differ from %s", k, base)
				}
			}
		}
	}
}
