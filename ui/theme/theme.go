// Package theme builds the session's styles from its renderer, with adaptive
// colours for light and dark terminals. NO_COLOR and the ASCII profile used in
// tests simply yield styles without colour.
//
// Nothing here is package-level mutable state: every session calls New with
// its own renderer (SSH clients differ in colour support and background) and
// keeps the *Styles in its common.Common.
package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Palette is the set of adaptive colours the styles draw from.
type Palette struct {
	Accent, Muted, Text, Good, Bad, Warn, Border, Highlight lipgloss.AdaptiveColor
	// Chart colours: the actual series and the target line.
	Series, Target lipgloss.AdaptiveColor
}

// DefaultPalette works on light and dark backgrounds.
func DefaultPalette() Palette {
	return Palette{
		Accent:    lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A48BFF"},
		Muted:     lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"},
		Text:      lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#E6E6E6"},
		Good:      lipgloss.AdaptiveColor{Light: "#117A38", Dark: "#4ADE80"},
		Bad:       lipgloss.AdaptiveColor{Light: "#B42318", Dark: "#F87171"},
		Warn:      lipgloss.AdaptiveColor{Light: "#A15C00", Dark: "#FBBF24"},
		Border:    lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#444444"},
		Highlight: lipgloss.AdaptiveColor{Light: "#EDE7FF", Dark: "#2E2646"},
		Series:    lipgloss.AdaptiveColor{Light: "#1D4ED8", Dark: "#60A5FA"},
		Target:    lipgloss.AdaptiveColor{Light: "#A15C00", Dark: "#FBBF24"},
	}
}

// Glyphs are the symbols the panes draw with. Most of them are of ambiguous
// East Asian width (▲, ●, ▁…█, —), which some terminals draw two columns wide
// under a Chinese locale; the ASCII set replaces every one of them.
type Glyphs struct {
	Up, Down, Flat    string // change against the previous window
	Live, Idle        string // status-bar live indicator
	Selected          string // marks the selected item
	Sep               string // separates status-bar fields
	Dash              string // an undefined value ("—" on screen, per the contract)
	Ellipsis          string
	Spark             []rune // sparkline levels, lowest first
	TargetLine        string // the target series in charts
	HLine, VLine      string
	ChartReplacements []string // old, new pairs applied to asciigraph output (ASCII only)
}

// UnicodeGlyphs are the default symbols.
func UnicodeGlyphs() Glyphs {
	return Glyphs{
		Up: "▲", Down: "▼", Flat: "=",
		Live: "●", Idle: "○", Selected: "▸", Sep: " │ ", Dash: "—", Ellipsis: "…",
		Spark:      []rune("▁▂▃▄▅▆▇█"),
		TargetLine: "┄",
		HLine:      "─", VLine: "│",
	}
}

// ASCIIGlyphs are the symbols for terminals that draw ambiguous characters
// wide (cockpit --ascii).
func ASCIIGlyphs() Glyphs {
	return Glyphs{
		Up: "+", Down: "-", Flat: "=",
		Live: "*", Idle: "o", Selected: ">", Sep: " | ", Dash: "-", Ellipsis: "~",
		Spark:      []rune("_.,:-=+*#"),
		TargetLine: ".",
		HLine:      "-", VLine: "|",
		ChartReplacements: []string{
			"┼", "+", "┤", "|", "─", "-", "│", "|", "╭", "+", "╮", "+", "╰", "+", "╯", "+",
			"└", "+", "┬", "+", "┄", ".",
		},
	}
}

// asciiFallback maps symbols of ambiguous East Asian width to ASCII, one
// column for one column, so ASCII mode never depends on how a terminal draws
// them.
var asciiFallback = []string{
	"·", "-", "…", "~", "—", "-", "–", "-", "×", "x",
	"→", ">", "←", "<", "↑", "^", "↓", "v", "▲", "+", "▼", "-", "●", "*", "○", "o", "▸", ">", "★", "*",
	"█", "#", "▉", "#", "▊", "#", "▋", "#", "▌", "#", "▍", "#", "▎", "#", "▏", "|",
	"▁", "_", "▂", ".", "▃", ",", "▄", ":", "▅", "-", "▆", "=", "▇", "+",
	"─", "-", "━", "=", "│", "|", "┃", "#", "┄", ".", "┈", ".",
	"╭", "+", "╮", "+", "╰", "+", "╯", "+", "┌", "+", "┐", "+", "└", "+", "┘", "+",
	"┏", "#", "┓", "#", "┗", "#", "┛", "#", "├", "+", "┤", "|", "┬", "+", "┴", "+", "┼", "+",
}

// Styles are every style the panes use, built from one session's renderer so
// colour detection is per session (SSH clients differ).
type Styles struct {
	P Palette
	G Glyphs
	// ASCIIBorders replaces box-drawing characters for terminals that draw
	// ambiguous-width characters wide.
	ASCIIBorders bool
	// ASCII, when not nil (ASCII mode), rewrites every ambiguous-width symbol
	// a frame may still hold — from catalogue strings or from panes that draw
	// with Unicode — into ASCII; the root applies it to the whole frame.
	ASCII *strings.Replacer
	// Color reports whether the renderer draws colours at all (false under
	// NO_COLOR and the ASCII profile); charts add ANSI colours only then.
	Color bool

	App, Tab, ActiveTab, TabGap                       lipgloss.Style
	StatusBar, StatusKey, StatusValue, StatusLive     lipgloss.Style
	Title, Subtle, Good, Bad, Warn, Accent            lipgloss.Style
	Card, SelectedCard, CardTitle, CardValue, Help    lipgloss.Style
	TableHeader, TableCell, TableSelected, ErrorLabel lipgloss.Style

	// Additions for the shell and the overview.
	// KPICard and KPICardSelected frame the Overview's cards without padding;
	// the selected one has a heavier border so it shows without colour too.
	KPICard, KPICardSelected                          lipgloss.Style
	CardSelectedTitle, Spark, ChartTitle, ChartTarget lipgloss.Style
	HelpKey, HelpDesc, HelpSep, HelpTitle             lipgloss.Style
	Box                                               lipgloss.Style // a plain bordered box (placeholders, messages)
	StatusError                                       lipgloss.Style

	// Cursor is the style of a text field's cursor (textinput's
	// Cursor.Style). bubbles draws the cursor in reverse video, which the
	// Ascii profile (NO_COLOR, a dumb terminal) drops, leaving no cursor at
	// all; there the style writes one: "_" after the text, "|" before the
	// character under the cursor.
	Cursor lipgloss.Style
}

// visibleCursor marks the cursor without attributes: cursor.Model renders
// the character under it (a space after the text).
func visibleCursor(s string) string {
	if s == " " || s == "" {
		return "_"
	}
	return "|" + s
}

// New builds the styles from the session's renderer.
func New(r *lipgloss.Renderer, ascii bool) *Styles {
	p := DefaultPalette()
	border := lipgloss.RoundedBorder()
	selBorder := lipgloss.ThickBorder()
	g := UnicodeGlyphs()
	if ascii {
		border = lipgloss.Border{Top: "-", Bottom: "-", Left: "|", Right: "|", TopLeft: "+", TopRight: "+", BottomLeft: "+", BottomRight: "+"}
		selBorder = lipgloss.Border{Top: "=", Bottom: "=", Left: "#", Right: "#", TopLeft: "#", TopRight: "#", BottomLeft: "#", BottomRight: "#"}
		g = ASCIIGlyphs()
	}
	var asciiRep *strings.Replacer
	if ascii {
		asciiRep = strings.NewReplacer(asciiFallback...)
	}
	s := &Styles{P: p, G: g, ASCIIBorders: ascii, ASCII: asciiRep}
	s.Color = r.ColorProfile() != termenv.Ascii
	s.App = r.NewStyle()
	s.Tab = r.NewStyle().Foreground(p.Muted).Padding(0, 1)
	s.ActiveTab = r.NewStyle().Foreground(p.Accent).Bold(true).Underline(true).Padding(0, 1)
	s.TabGap = r.NewStyle().Foreground(p.Border)
	s.StatusBar = r.NewStyle().Foreground(p.Muted)
	s.StatusKey = r.NewStyle().Foreground(p.Accent).Bold(true)
	s.StatusValue = r.NewStyle().Foreground(p.Text)
	s.StatusLive = r.NewStyle().Foreground(p.Good).Bold(true)
	s.StatusError = r.NewStyle().Foreground(p.Bad).Bold(true)
	s.Title = r.NewStyle().Foreground(p.Accent).Bold(true)
	s.Subtle = r.NewStyle().Foreground(p.Muted)
	s.Good = r.NewStyle().Foreground(p.Good)
	s.Bad = r.NewStyle().Foreground(p.Bad)
	s.Warn = r.NewStyle().Foreground(p.Warn)
	s.Accent = r.NewStyle().Foreground(p.Accent)
	s.Cursor = r.NewStyle()
	if !s.Color {
		s.Cursor = s.Cursor.Transform(visibleCursor)
	}
	s.Card = r.NewStyle().Border(border).BorderForeground(p.Border).Padding(0, 1)
	s.SelectedCard = r.NewStyle().Border(border).BorderForeground(p.Accent).Padding(0, 1)
	s.KPICard = r.NewStyle().Border(border).BorderForeground(p.Border)
	s.KPICardSelected = r.NewStyle().Border(selBorder).BorderForeground(p.Accent)
	s.CardTitle = r.NewStyle().Foreground(p.Muted)
	s.CardSelectedTitle = r.NewStyle().Foreground(p.Accent).Bold(true)
	s.CardValue = r.NewStyle().Foreground(p.Text).Bold(true)
	s.Spark = r.NewStyle().Foreground(p.Series)
	s.ChartTitle = r.NewStyle().Foreground(p.Accent).Bold(true)
	s.ChartTarget = r.NewStyle().Foreground(p.Target)
	s.Help = r.NewStyle().Border(border).BorderForeground(p.Accent).Padding(0, 1)
	s.HelpKey = r.NewStyle().Foreground(p.Accent).Bold(true)
	s.HelpDesc = r.NewStyle().Foreground(p.Text)
	s.HelpSep = r.NewStyle().Foreground(p.Border)
	s.HelpTitle = r.NewStyle().Foreground(p.Accent).Bold(true)
	s.Box = r.NewStyle().Border(border).BorderForeground(p.Border).Padding(0, 2)
	s.TableHeader = r.NewStyle().Foreground(p.Accent).Bold(true)
	s.TableCell = r.NewStyle()
	s.TableSelected = r.NewStyle().Foreground(p.Text).Background(p.Highlight).Bold(true)
	s.ErrorLabel = r.NewStyle().Foreground(p.Bad).Bold(true)
	return s
}
