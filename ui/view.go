package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
)

// View draws the tab bar, the active pane (with the help overlay over it when
// open) and the status bar, exactly the terminal's size.
func (m *Model) View() string {
	if m.quitting || m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	w, ph := m.width, m.c.Height
	var body string
	switch {
	case m.data != nil && m.data.Info.Members == 0:
		msg := m.c.Styles.Title.Render(m.c.T("shell.emptytui"))
		body = lipgloss.Place(w, ph, lipgloss.Center, lipgloss.Center, wrapBlock(msg, w-4))
	case !m.loaded && m.loadErr != nil:
		msg := m.c.Styles.ErrorLabel.Render(m.c.T("shell.loadfailed")) + "\n" + m.c.Styles.Subtle.Render(m.loadErr.Error())
		body = lipgloss.Place(w, ph, lipgloss.Center, lipgloss.Center, wrapBlock(msg, w-4))
	default:
		body = m.panes[m.active].View()
	}
	lines := fitLines(body, w, ph)
	if m.showHelp {
		lines = overlay(lines, m.helpView(w-4, ph-2), w)
	}
	frame := m.tabsView() + "\n" + strings.Join(lines, "\n") + "\n" + m.statusView()
	if r := m.c.Styles.ASCII; r != nil {
		frame = r.Replace(frame)
	}
	return frame
}

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

func (m *Model) tooSmallView() string {
	msg := m.c.T("shell.toosmall", MinWidth, MinHeight, m.width, m.height)
	box := wrapBlock(m.c.Styles.Warn.Render(msg), max(m.width-2, 1))
	return strings.Join(fitLines(lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box), m.width, m.height), "\n")
}

// tabLabel is the label of tab i, the same width active or not.
func (m *Model) tabLabel(i int) string {
	return fmt.Sprintf("%d %s", i+1, m.panes[i].Title())
}

// tabsView draws the tab bar: the active tab in brackets (visible without
// colour), the app's name on the right when there is room.
func (m *Model) tabsView() string {
	st := m.c.Styles
	var b strings.Builder
	for i := range m.panes {
		label := m.tabLabel(i)
		if i == m.active {
			b.WriteString(st.ActiveTab.Padding(0).Render("[" + label + "]"))
		} else {
			b.WriteString(st.Tab.Render(label))
		}
	}
	tabs := b.String()
	title := st.Subtle.Render(m.c.T("app.title"))
	gap := m.width - lipgloss.Width(tabs) - lipgloss.Width(title) - 1
	if gap >= 2 {
		tabs += strings.Repeat(" ", gap) + title + " "
	}
	return fitLine(tabs, m.width)
}

// tabAt maps a column of the tab bar to a tab.
func (m *Model) tabAt(x int) (int, bool) {
	col := 0
	for i := range m.panes {
		w := lipgloss.Width(m.tabLabel(i)) + 2 // padding or brackets
		if x >= col && x < col+w {
			return i, true
		}
		col += w
	}
	return 0, false
}

// statusView draws the status bar: database, as-of day, window, members,
// live indicator and the last error on the left, the help hint on the right.
// Fields of least importance go first when the line is too narrow.
func (m *Model) statusView() string {
	st := m.c.Styles
	g := st.G
	type field struct {
		s    string
		prio int // higher stays longer
	}
	var fields []field
	fields = append(fields, field{st.StatusKey.Render(m.opts.DBName), 5})
	if d := m.data; d != nil {
		asOf := m.c.T("status.asof", d.AsOf.String())
		if !d.Latest {
			asOf += m.c.T("status.pinned")
		}
		fields = append(fields,
			field{st.StatusValue.Render(asOf), 6},
			field{st.StatusValue.Render(m.c.T("status.window", d.Window.Len())), 2},
			field{st.StatusValue.Render(m.c.T("status.members", format.Count(membersAsOf(d)))), 3})
	}
	if !m.dataAt.IsZero() {
		fields = append(fields, field{st.StatusValue.Render(m.c.T("ops.status.dataat", m.dataAt.In(m.c.Store.Location()).Format(time.TimeOnly))), 4})
	}
	if m.rate > 0 {
		fields = append(fields, field{st.StatusLive.Render(g.Live + " " + m.c.T("status.live", format.Count(m.rate))), 7})
	} else {
		fields = append(fields, field{st.StatusBar.Render(g.Idle + " " + m.c.T("status.idle")), 4})
	}
	if m.userLoading && m.Loading() {
		fields = append(fields, field{st.Subtle.Render(m.c.T("status.loading")), 1})
	}
	if err := m.lastErr(); err != nil {
		fields = append(fields, field{st.StatusError.Render(m.c.T("status.error", err.Error())), 8})
	}
	right := st.StatusKey.Render("?") + " " + st.StatusBar.Render(m.c.T("status.help"))
	sep := st.StatusBar.Render(g.Sep)
	join := func(fs []field) string {
		parts := make([]string, len(fs))
		for i, f := range fs {
			parts[i] = f.s
		}
		return " " + strings.Join(parts, sep)
	}
	avail := m.width - lipgloss.Width(right) - 2
	for len(fields) > 1 && lipgloss.Width(join(fields)) > avail {
		low := 0
		for i, f := range fields {
			if f.prio < fields[low].prio {
				low = i
			}
		}
		fields = append(fields[:low], fields[low+1:]...)
	}
	left := join(fields)
	if lipgloss.Width(left) > avail {
		left = ansi.Truncate(left, max(avail, 0), g.Ellipsis)
	}
	gap := max(m.width-lipgloss.Width(left)-lipgloss.Width(right)-1, 1)
	return fitLine(left+strings.Repeat(" ", gap)+right+" ", m.width)
}

// membersAsOf is the member total the status bar shows: members registered
// on or before the as-of day (the analysis's members_total, which Lifecycle
// and Members count too) when the day is pinned; the store's count, which
// live registrations move at once, when following the latest day.
func membersAsOf(d *common.Dataset) int64 {
	if !d.Latest && d.Analysis != nil {
		return d.Analysis.Snapshot.KPIs.MembersTotal
	}
	return d.Info.Members
}

func (m *Model) lastErr() error {
	if m.loadErr != nil {
		return m.loadErr
	}
	return m.paneErr
}

// helpView draws the help overlay: the active pane's keys, then the global
// keys, each group packed into rows that fit w columns, in a bordered box at
// most h lines high.
func (m *Model) helpView(w, h int) string {
	st := m.c.Styles
	hm := help.New()
	hm.Styles = help.Styles{
		Ellipsis: st.Subtle, ShortKey: st.HelpKey, ShortDesc: st.HelpDesc, ShortSeparator: st.HelpSep,
		FullKey: st.HelpKey, FullDesc: st.HelpDesc, FullSeparator: st.HelpSep,
	}
	hm.Ellipsis = st.G.Ellipsis
	hm.FullSeparator = "   "
	inner := max(w-4, 10) // border and padding
	var lines []string
	section := func(title string, groups [][]key.Binding) {
		if len(groups) == 0 {
			return
		}
		lines = append(lines, st.HelpTitle.Render(title))
		for _, row := range packGroups(hm, groups, inner) {
			lines = append(lines, strings.Split(hm.FullHelpView(row), "\n")...)
		}
		lines = append(lines, "")
	}
	pane := m.panes[m.active]
	section(m.c.T("help.pane", pane.Title()), pane.FullHelp())
	section(m.c.T("help.global"), m.keys.FullHelp())
	lines = append(lines, st.Subtle.Render(m.c.T("help.close")))
	if len(lines) > h-2 {
		lines = lines[:max(h-2, 1)]
	}
	for i, l := range lines {
		lines[i] = fitLine(l, inner)
	}
	return st.Help.Render(strings.Join(lines, "\n"))
}

// packGroups puts help groups side by side while they fit w columns.
func packGroups(hm help.Model, groups [][]key.Binding, w int) [][][]key.Binding {
	var rows [][][]key.Binding
	var cur [][]key.Binding
	for _, g := range groups {
		if len(g) == 0 {
			continue
		}
		try := append(append([][]key.Binding(nil), cur...), g)
		if len(cur) > 0 && lipgloss.Width(hm.FullHelpView(try)) > w {
			rows = append(rows, cur)
			cur = [][]key.Binding{g}
			continue
		}
		cur = try
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// overlay draws box centred over the lines of base (each w columns wide).
func overlay(base []string, box string, w int) []string {
	bl := strings.Split(box, "\n")
	bw := 0
	for _, l := range bl {
		bw = max(bw, lipgloss.Width(l))
	}
	bw = min(bw, w)
	x := max((w-bw)/2, 0)
	y := max((len(base)-len(bl))/2, 0)
	out := append([]string(nil), base...)
	for i, l := range bl {
		row := y + i
		if row >= len(out) {
			break
		}
		left := padRight(ansi.Truncate(out[row], x, ""), x)
		mid := padRight(ansi.Truncate(l, bw, ""), bw)
		// A wide character cut by the box's right edge is dropped by
		// TruncateLeft: put a space in its place.
		rest := w - x - bw
		right := ansi.TruncateLeft(out[row], x+bw, "")
		if need := lipgloss.Width(out[row]) - x - bw; need > 0 && lipgloss.Width(right) < need {
			right = " " + right
		}
		right = padRight(ansi.Truncate(right, rest, ""), rest)
		out[row] = left + mid + right
	}
	return out
}

// fitLines splits s into exactly h lines of at most w columns, padding with
// empty lines at the bottom.
func fitLines(s string, w, h int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = fitLine(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// fitLine cuts a line to w columns (never in the middle of a character).
func fitLine(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "")
}

func padRight(s string, w int) string {
	if n := w - lipgloss.Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// wrapBlock wraps text to w columns (wide characters break anywhere).
func wrapBlock(s string, w int) string {
	if w <= 0 {
		return s
	}
	return ansi.Wrap(s, w, " ")
}
