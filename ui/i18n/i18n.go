// Package i18n is the catalogue of every user-facing string, in Chinese and
// English. Strings are looked up by key; each area of the program keeps its
// entries in its own file (cli.go, shell.go, …) as an immutable table.
package i18n

import (
	"fmt"
	"strings"
)

// Lang is a user-interface language.
type Lang uint8

// Supported languages.
const (
	En Lang = iota
	Zh
)

// String returns the language code ("en", "zh").
func (l Lang) String() string {
	if l == Zh {
		return "zh"
	}
	return "en"
}

// Parse reads "zh" or "en" (also zh_CN, zh-CN, en_US …).
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, "zh"):
		return Zh, true
	case strings.HasPrefix(s, "en"):
		return En, true
	}
	return En, false
}

// Detect chooses the language from the environment the way locales do:
// LC_ALL, then LC_MESSAGES, then LANG; Chinese where the value starts with zh.
func Detect(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return Zh
			}
			return En
		}
	}
	return En
}

// entry is one string in both languages.
type entry struct{ en, zh string }

// tables lists every area's table; lookups walk them in order.
var tables = []map[string]entry{screenStrings, cliStrings, importStrings, cliTargetStrings, domainStrings, shellStrings, overviewStrings, lifecycleStrings, membersStrings, targetsStrings, opsStrings, serveStrings, campaignStrings, formStrings, insightStrings, insightMemberStrings, insightViewStrings, insightOverviewStrings, retrosStrings, excelStrings, retroExcelStrings, segmentListStrings}

// Catalog translates keys into one language. It is a value: each session has
// its own.
type Catalog struct{ Lang Lang }

// New returns the catalogue for lang.
func New(lang Lang) Catalog { return Catalog{Lang: lang} }

// T returns the string for key, formatted with args when given. An unknown key
// comes back as itself, so a missing entry shows rather than vanishes (a test
// checks that none is missing).
func (c Catalog) T(key string, args ...any) string {
	for _, t := range tables {
		if e, ok := t[key]; ok {
			s := e.en
			if c.Lang == Zh {
				s = e.zh
			}
			if len(args) > 0 {
				return fmt.Sprintf(s, args...)
			}
			return s
		}
	}
	if len(args) > 0 {
		return key + fmt.Sprint(args...)
	}
	return key
}

// N is T for a sentence about n things: where the language writes the
// singular differently (English: "1 target", not "1 targets") and the
// catalogue has key+".one", that entry is used when n is 1. Chinese has no
// plural: its ".one" entries read as the plain ones.
func (c Catalog) N(key string, n int64, args ...any) string {
	if n == 1 && c.Lang == En && Has(key+".one") {
		return c.T(key+".one", args...)
	}
	return c.T(key, args...)
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	for _, t := range tables {
		if _, ok := t[key]; ok {
			return true
		}
	}
	return false
}
