package targets

import (
	"strings"

	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
)

// block joins lines into exactly h lines, none wider than w.
func block(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(theme.Clip(lines[i], w))
		}
	}
	return b.String()
}

// column is one column of a table the pane draws itself.
type column struct {
	title string
	width int  // natural width: the widest of title and cells
	min   int  // a flexible column may shrink to this
	right bool // numbers
	prio  int  // columns with the lowest priority are hidden first; 0 is never hidden
	flex  bool
}

// colGap is the space between columns.
const colGap = 1

// layoutColumns fits the columns into width: flexible columns shrink to
// their minimum first (the rightmost first, so a name on the left keeps its
// room longest), then columns are hidden lowest priority first (a
// hidden column gets width 0). It never returns a total wider than width
// unless the columns that are never hidden alone are.
func layoutColumns(cols []column, width int) []int {
	ws := make([]int, len(cols))
	for i, c := range cols {
		ws[i] = c.width
	}
	total := func() int {
		t, n := 0, 0
		for _, w := range ws {
			if w > 0 {
				t += w
				n++
			}
		}
		if n > 1 {
			t += colGap * (n - 1)
		}
		return t
	}
	for over := total() - width; over > 0; over = total() - width {
		shrunk := false
		for i := len(cols) - 1; i >= 0; i-- { // later columns give way first
			c := cols[i]
			if c.flex && ws[i] > c.min && over > 0 {
				d := min(over, ws[i]-c.min)
				ws[i] -= d
				over -= d
				shrunk = true
			}
		}
		if over <= 0 {
			break
		}
		// hide the lowest-priority visible column
		low := -1
		for i, c := range cols {
			if ws[i] > 0 && c.prio > 0 && (low < 0 || c.prio < cols[low].prio) {
				low = i
			}
		}
		if low < 0 {
			if !shrunk {
				break
			}
			continue
		}
		ws[low] = 0
	}
	// A flexible column takes back room freed by hidden columns, up to its
	// natural width.
	for i, c := range cols {
		if c.flex && ws[i] > 0 && ws[i] < c.width {
			if spare := width - total(); spare > 0 {
				ws[i] += min(spare, c.width-ws[i])
			}
		}
	}
	return ws
}

// renderRow lays cells out in the given widths (hidden columns skipped).
// style, when not nil, styles cell i after it is fitted (so padding is not
// part of what the style measures).
func renderRow(cols []column, ws []int, cells []string, style func(i int, s string) string) string {
	var b strings.Builder
	first := true
	for i, w := range ws {
		if w <= 0 {
			continue
		}
		if !first {
			b.WriteString(strings.Repeat(" ", colGap))
		}
		first = false
		var s string
		if cols[i].right {
			s = theme.FitRight(cells[i], w)
		} else {
			s = theme.Fit(cells[i], w)
		}
		if style != nil {
			s = style(i, s)
		}
		b.WriteString(s)
	}
	return b.String()
}

// valueFormat writes figures of a metric through ui/format: exact
// (format.Value) or compact (万/k, format.CompactValue) when columns are
// tight; gaps of rates in percentage points (format.Gap).
type valueFormat struct {
	metric  string
	compact bool
	lang    i18n.Lang
}

func (f valueFormat) format(v int64) string {
	if f.compact {
		return format.CompactValue(f.metric, v, f.lang)
	}
	return format.Value(f.metric, v)
}

// signed writes a gap with an explicit sign, rates in percentage points.
func (f valueFormat) signed(v int64) string { return format.Gap(f.metric, v, f.compact, f.lang) }

// localName shows one language of a bilingual record name ("启动 Launch",
// as model.DefaultPlan writes them): the Chinese part in Chinese, the rest
// in English. A name that is not of that shape is shown whole.
func localName(name string, lang i18n.Lang) string {
	i := strings.IndexByte(name, ' ')
	if i <= 0 {
		return name
	}
	zh, en := name[:i], strings.TrimSpace(name[i+1:])
	if !hasWide(zh) || hasWide(en) || en == "" {
		return name
	}
	if lang == i18n.Zh {
		return zh
	}
	return en
}

func hasWide(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 {
			return true
		}
	}
	return false
}
