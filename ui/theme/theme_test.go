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

// TestCursorVisibleWithoutColour checks that a text field's cursor shows
// under the Ascii profile (NO_COLOR), where bubbles' reverse video is
// dropped, and stays reverse video where the terminal draws attributes.
func TestCursorVisibleWithoutColour(t *testing.T) {
	ascii := lipgloss.NewRenderer(nil)
	ascii.SetColorProfile(termenv.Ascii)
	s := New(ascii, false)
	// cursor.Model.View renders Style.Inline(true).Reverse(true).
	for in, want := range map[string]string{" ": "_", "a": "|a", "会": "|会"} {
		if got := s.Cursor.Inline(true).Reverse(true).Render(in); got != want {
			t.Errorf("Ascii cursor on %q = %q, want %q", in, got, want)
		}
	}
	ansi := lipgloss.NewRenderer(nil)
	ansi.SetColorProfile(termenv.ANSI256)
	s = New(ansi, false)
	if got := s.Cursor.Inline(true).Reverse(true).Render(" "); got != "\x1b[7m \x1b[0m" {
		t.Errorf("colour cursor = %q, want reverse video", got)
	}
}
