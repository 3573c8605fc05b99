package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// A missing or unknown verb is bad usage (exit 2) and says which verbs there
// are, in the caller's language.
func TestVerbUsageInBothLanguages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	cases := []struct {
		lang string
		args []string
		want string
	}{
		{"en_US.UTF-8", []string{"target"}, "target: want add, list or show"},
		{"en_US.UTF-8", []string{"retro", "bogus"}, "retro bogus: want new, export, list, final, draft or refresh"},
		{"zh_CN.UTF-8", []string{"campaign", "bogus"}, "campaign bogus：没有这个子命令，可用 add、list、show、audience 或 task"},
		{"zh_CN.UTF-8", []string{"retro"}, "retro：缺少子命令，可用 new、export、list、final、draft 或 refresh"},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		env := map[string]string{"LANG": c.lang, "COCKPIT_DB": db}
		code := run(c.args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
		if code != exitUsage || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%s %v: exit %d, %q; want exit %d and %q", c.lang, c.args, code, errb.String(), exitUsage, c.want)
		}
	}
}
