package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Text fitting by display width (lipgloss.Width: a Chinese character takes two
// columns), shared by every pane so rows with Chinese labels stay aligned.

// Ellipsis ends text that was cut to fit.
const Ellipsis = "…"

// Fit truncates s to w columns (ending in "…" when cut) and pads it with
// spaces to exactly w.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := lipgloss.Width(s)
	if n > w {
		s = ansi.Truncate(s, w, Ellipsis)
		n = lipgloss.Width(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// FitRight is Fit aligned right (numbers).
func FitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := lipgloss.Width(s)
	if n > w {
		return Fit(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// Clip truncates s to at most w columns without padding.
func Clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		return ansi.Truncate(s, w, Ellipsis)
	}
	return s
}

// Bar draws a horizontal bar of frac (0…1) of w columns with eighth blocks,
// padded with spaces to w; a non-zero fraction shows at least a sliver.
func Bar(frac float64, w int) string {
	if w <= 0 {
		return ""
	}
	frac = min(max(frac, 0), 1)
	eighths := int(frac*float64(w*8) + 0.5)
	if frac > 0 && eighths == 0 {
		eighths = 1
	}
	var b strings.Builder
	full := eighths / 8
	b.WriteString(strings.Repeat("█", full))
	if r := eighths % 8; r > 0 {
		b.WriteRune([]rune("▏▎▍▌▋▊▉")[r-1])
		full++
	}
	b.WriteString(strings.Repeat(" ", w-full))
	return b.String()
}
