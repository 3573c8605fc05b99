package theme

import (
	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
)

// The figures are written by ui/format, the one formatting home of the TUI
// and the CLI. These wrappers stay only until the last callers (the Overview
// pane) have moved; new code calls ui/format.

// Count is format.Count.
//
// Deprecated: use format.Count.
func Count(n int64) string { return format.Count(n) }

// Money is format.Money.
//
// Deprecated: use format.Money.
func Money(fen int64) string { return format.Money(fen) }

// Percent is format.Rate.
//
// Deprecated: use format.Rate.
func Percent(r model.Ratio, dash string) string { return format.Rate(r, dash) }

// Compact is format.Compact.
//
// Deprecated: use format.Compact with the session's language.
func Compact(v float64, zh bool) string {
	lang := i18n.En
	if zh {
		lang = i18n.Zh
	}
	return format.Compact(v, lang)
}
