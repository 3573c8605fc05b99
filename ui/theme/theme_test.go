package theme

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"github.com/memberops/cockpit/model"
)

func TestFormats(t *testing.T) {
	counts := map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567", -45678: "-45,678"}
	for n, want := range counts {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	money := map[int64]string{0: "¥0.00", 5: "¥0.05", 123456789: "¥1,234,567.89", -150: "-¥1.50", 100000: "¥1,000.00"}
	for f, want := range money {
		if got := Money(f); got != want {
			t.Errorf("Money(%d) = %q, want %q", f, got, want)
		}
		if strings.ReplaceAll(strings.Replace(Money(f), "¥", "", 1), ",", "") != model.FormatFen(f) {
			t.Errorf("Money(%d) is not FormatFen with separators", f)
		}
	}
	if Percent(model.Ratio{Num: 1, Den: 3}, "—") != "33.3%" || Percent(model.Ratio{}, "—") != "—" {
		t.Error("Percent")
	}
	compact := []struct {
		v    float64
		zh   bool
		want string
	}{
		{123456, false, "123.5k"}, {123456, true, "12.3万"}, {12345678, false, "12.3M"}, {3e8, true, "3.0亿"},
		{1234, false, "1,234"}, {12.5, false, "12.5"}, {0.25, false, "0.25"}, {7, true, "7"},
	}
	for _, c := range compact {
		if got := Compact(c.v, c.zh); got != c.want {
			t.Errorf("Compact(%v, %v) = %q, want %q", c.v, c.zh, got, c.want)
		}
	}
}

func TestASCIIGlyphsAreNarrowEverywhere(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	s := New(r, true)
	g := s.G
	all := strings.Join([]string{g.Up, g.Down, g.Flat, g.Live, g.Idle, g.Selected, g.Sep, g.Dash, g.Ellipsis, string(g.Spark), g.TargetLine, g.HLine, g.VLine}, "")
	for _, ch := range all {
		if ch > 127 {
			t.Errorf("ASCII glyph %q", ch)
		}
	}
	for i := 0; i < len(asciiFallback); i += 2 {
		if !runewidth.IsAmbiguousWidth([]rune(asciiFallback[i])[0]) && asciiFallback[i] != "×" {
			t.Logf("%q is not ambiguous (harmless)", asciiFallback[i])
		}
		if len(asciiFallback[i+1]) != 1 {
			t.Errorf("fallback of %q is %q", asciiFallback[i], asciiFallback[i+1])
		}
	}
	if s.Color {
		t.Error("the Ascii profile reports colour")
	}
	if New(r, false).ASCII != nil {
		t.Error("Unicode styles have an ASCII replacer")
	}
}
