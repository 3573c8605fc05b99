package members

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Text fitting by display width (lipgloss.Width: a Chinese character is two
// columns), so that blocks with Chinese labels stay aligned.

// fit truncates s to w columns (with a trailing "…" when cut) and pads it
// with spaces to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := lipgloss.Width(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = lipgloss.Width(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// fitRight is fit with the text aligned right (numbers).
func fitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := lipgloss.Width(s)
	if n > w {
		return fit(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// clip cuts s to at most w columns without padding.
func clip(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}
