package members

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// View draws the table (or the open detail) within the pane's size.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	var out string
	switch {
	case m.detail != nil:
		out = m.detailView()
	case m.picker.open:
		out = m.pickerView()
	case m.a == nil:
		out = m.st.subtle.Render(theme.Clip(m.c.T("members.loading"), w))
	default:
		lines := []string{m.statusLine(), m.filterLine()}
		if len(m.rows) == 0 {
			lines = append(lines, m.st.subtle.Render(theme.Clip(m.emptyText(), w)))
		} else {
			lines = append(lines, m.table.View())
		}
		out = strings.Join(lines, "\n")
	}
	return fence(out, w, h)
}

func (m *Model) emptyText() string {
	if m.pending || m.busy {
		return m.c.T("members.busy")
	}
	return m.c.T("members.none")
}

// fence guarantees the pane's bounds: at most h lines of at most w columns.
func fence(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = theme.Clip(l, w)
		}
	}
	return strings.Join(lines, "\n")
}

// statusLine shows how many members are listed of how many, the sort and
// the cursor's row.
func (m *Model) statusLine() string {
	t := m.c.T
	dirKey := "members.sort.desc"
	if !m.q.descending() {
		dirKey = "members.sort.asc"
	}
	parts := []string{
		m.st.title.Render(m.c.Cat.N("members.count", int64(len(m.a.Members)), format.Count(int64(len(m.rows))), format.Count(int64(len(m.a.Members))))),
	}
	if c := m.consentText(); c != "" && m.q.Filtered() {
		parts = append(parts, m.st.label.Render(c))
	}
	parts = append(parts, t("members.sort", t("members.sort."+sortNames[m.q.Sort])+" "+t(dirKey)))
	if len(m.rows) > 0 {
		parts = append(parts, t("members.position", format.Count(int64(m.cursor+1))))
	}
	if m.Busy() {
		parts = append(parts, m.st.subtle.Render(t("members.busy")))
	}
	if m.err != nil {
		parts = append(parts, m.st.err.Render(m.err.Error()))
	}
	return theme.Clip(strings.Join(parts, "  "), m.width)
}

// filterLine is the search input while typing, else the active filters, else
// the keys.
func (m *Model) filterLine() string {
	t := m.c.T
	if m.searching || m.lists.naming {
		return m.input.View()
	}
	if n := m.lists.note; n != "" { // the last save or export, until a key
		if m.lists.noteErr {
			return m.st.err.Render(theme.Clip(n, m.width))
		}
		return m.st.label.Render(theme.Clip(n, m.width))
	}
	if !m.q.Filtered() {
		return m.st.subtle.Render(theme.Clip(t("members.hint"), m.width))
	}
	fs, _ := m.filterTexts()
	return m.st.label.Render(theme.Clip(t("members.filters", strings.Join(fs, "  ")), m.width))
}
