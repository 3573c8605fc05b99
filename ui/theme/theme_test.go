package theme

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"
)

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
