package members

import (
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// colKind is one of the table's columns.
type colKind int

const (
	colMark colKind = iota // the cursor marker, so the selection shows without colour
	colID
	colName
	colPhone
	colChannel
	colStage
	colTier
	colRFM
	colSpend
	colActive
	colReg
	numCols
)

var colTitles = [numCols]string{"", "members.col.id", "members.col.name", "members.col.phone", "members.col.channel",
	"members.col.stage", "members.col.tier", "members.col.rfm", "members.col.spend", "members.col.active", "members.col.reg"}

type column struct {
	kind  colKind
	width int
}

// headerLines are the lines above the table: the count and sort line, and
// the filters (or the search input).
const headerLines = 2

// layout fits the columns to the width and sizes the table, the search
// input and the detail's viewport.
func (m *Model) layout() {
	m.layoutColumns()
	m.table.SetWidth(max(m.width, 0))
	m.table.SetHeight(m.visible() + 1)
	m.input.Width = max(m.width-lipgloss.Width(m.input.Prompt)-1, 1)
	m.layoutDetail()
	m.clampCursor()
	m.refreshRows()
}

// layoutColumns chooses the columns and their widths: each column as wide as
// its widest value (Chinese characters count two), then, while the table is
// wider than the pane, shorter dates, a narrower name, and columns dropped
// from the least needed on.
func (m *Model) layoutColumns() {
	var w [numCols]int
	title := func(k colKind) int { return lipgloss.Width(m.c.T(colTitles[k])) }
	widest := func(k colKind, vals ...string) int {
		n := title(k)
		for _, v := range vals {
			n = max(n, lipgloss.Width(v))
		}
		return n
	}
	w[colMark] = 1
	idLen := 9
	if m.profiles != nil && m.profiles.MaxIDLen() > 0 {
		idLen = m.profiles.MaxIDLen()
	}
	w[colID] = min(max(idLen, title(colID)), 14)
	w[colName] = max(8, title(colName))
	w[colPhone] = max(11, title(colPhone))
	var chans []string
	if m.profiles != nil {
		chans = m.profiles.Channels()
	}
	w[colChannel] = min(widest(colChannel, chans...), 10)
	var stages, tiers, segs []string
	for s := range model.NumStages {
		stages = append(stages, m.stageShort(s))
	}
	for t := range model.NumTiers {
		tiers = append(tiers, m.tierName(t))
	}
	for g := range model.NumSegments {
		segs = append(segs, m.segShort(g))
	}
	w[colStage] = widest(colStage, stages...)
	w[colTier] = widest(colTier, tiers...)
	w[colRFM] = widest(colRFM, segs...)
	w[colSpend] = max(m.spendW, title(colSpend), 9)
	w[colActive] = max(10, title(colActive))
	w[colReg] = max(10, title(colReg))

	on := [numCols]bool{}
	for k := range on {
		on[k] = true
	}
	total := func() int {
		n := 0
		for k := range numCols {
			if on[k] {
				n += w[k] + 1
			}
		}
		return n
	}
	steps := []func(){
		func() { w[colName] = max(6, min(w[colName], title(colName))) },
		func() { on[colReg] = false },
		func() { on[colChannel] = false },
		func() { on[colActive] = false },
		func() { on[colRFM] = false },
		func() { on[colTier] = false },
		func() { on[colPhone] = false },
		func() { w[colID] = 6 },
	}
	for _, step := range steps {
		if total() <= m.width {
			break
		}
		step()
	}
	m.cols = m.cols[:0]
	var tc []table.Column
	for k := range numCols {
		if !on[k] {
			continue
		}
		m.cols = append(m.cols, column{kind: k, width: w[k]})
		t := m.c.T(colTitles[k])
		if k == colMark {
			t = ""
		}
		if k == colSpend {
			t = theme.FitRight(t, w[k])
		} else {
			t = theme.Fit(t, w[k])
		}
		tc = append(tc, table.Column{Title: t, Width: w[k]})
	}
	m.table.SetRows(nil) // the old rows may have more cells than the new columns
	m.table.SetColumns(tc)
}

func (m *Model) stageShort(s model.Stage) string { return m.c.T("members.stage." + s.String()) }
func (m *Model) tierName(t model.Tier) string    { return m.c.T("tier." + t.String()) }
func (m *Model) segShort(g model.Segment) string { return m.c.T("members.seg." + g.String()) }

// date writes a day in the table: always ISO (format.Date), never with a
// two-digit year; a tight table hides date columns instead.
func (m *Model) date(d model.Day) string { return format.Date(d) }

// refreshRows hands the table the rows on screen, and only those.
func (m *Model) refreshRows() {
	if m.a == nil {
		m.table.SetRows(nil)
		return
	}
	end := min(m.top+m.visible(), len(m.rows))
	rows := make([]table.Row, 0, max(end-m.top, 0))
	for i := m.top; i < end; i++ {
		rows = append(rows, m.row(&m.a.Members[m.rows[i]], i == m.cursor))
	}
	m.table.SetRows(rows)
	m.table.SetCursor(m.cursor - m.top)
}

// row formats one member's cells, each fitted to its column's width by
// display width (so Chinese names and channels keep the columns aligned) and
// free of escape sequences: the table styles rows through table.Styles only.
func (m *Model) row(e *store.IndexEntry, selected bool) table.Row {
	p := m.profiles
	r := make(table.Row, len(m.cols))
	for i, c := range m.cols {
		var s string
		right := false
		switch c.kind {
		case colMark:
			if selected {
				s = ">"
			}
		case colID:
			s = "…"
			if p != nil {
				s = p.ID(e.Seq)
			}
		case colName:
			if p != nil {
				s = p.Name(e.Seq)
			}
		case colPhone:
			if p != nil {
				s = model.MaskPhone(p.Phone(e.Seq))
			}
		case colChannel:
			if p != nil {
				s = p.Channel(e.Seq)
			}
		case colStage:
			s = m.stageShort(e.Stage)
		case colTier:
			s = m.tierName(e.Tier)
		case colRFM:
			s = "-"
			if e.Segment >= 0 {
				s = m.segShort(model.Segment(e.Segment))
			}
		case colSpend:
			s, right = format.Money(e.SpendFen), true
		case colActive:
			s = m.date(e.LastActive)
		case colReg:
			s = m.date(e.Reg)
		}
		if right {
			r[i] = theme.FitRight(s, c.width)
		} else {
			r[i] = theme.Fit(s, c.width)
		}
	}
	return r
}
