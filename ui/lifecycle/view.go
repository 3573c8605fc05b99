package lifecycle

import (
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
)

// Layout: two columns from wideMin columns on (stages, focus and tiers on
// the left; flow and RFM on the right), one column below; a selection line
// and a key hint at the bottom. At 80×21 everything fits in 18 lines.
const (
	wideMin = 76
	gap     = 3
)

// View draws the pane within its size: no line is wider than the width and
// there are no more lines than the height.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.data == nil || m.data.Analysis == nil {
		return theme.Clip(m.st.subtle.Render(m.c.T("lifecycle.loading")), w)
	}
	if m.data.Analysis.Snapshot.KPIs.MembersTotal == 0 {
		return theme.Clip(m.st.subtle.Render(m.c.T("lifecycle.empty")), w)
	}
	bottom := []string{m.selectionLine(w), m.st.subtle.Render(theme.Clip(m.c.T("lifecycle.hint"), w))}
	var body []string
	if w >= wideMin {
		lw := (w - gap) * 45 / 100
		rw := w - gap - lw
		left := m.stagesBlock(lw)
		left = append(left, m.focusBlock(lw)...)
		left = append(left, "")
		left = append(left, m.tiersBlock(lw)...)
		right := m.flowBlock(rw)
		right = append(right, "")
		right = append(right, m.rfmBlock(rw)...)
		for i := 0; i < max(len(left), len(right)); i++ {
			var l, r string
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			body = append(body, pad(l, lw)+strings.Repeat(" ", gap)+r)
		}
	} else {
		body = append(m.stagesBlock(w), m.focusBlock(w)...)
		rest := [][]string{m.tiersBlock(w), m.rfmBlock(w), m.flowBlock(w)}
		if m.block == BlockRFM {
			rest[0], rest[1] = rest[1], rest[0]
		}
		for _, b := range rest {
			body = append(body, "")
			body = append(body, b...)
		}
	}
	room := h - len(bottom)
	if room > len(body) {
		body = append(body, "")
		room--
	}
	if room < 0 {
		bottom = bottom[:max(h, 0)]
		room = 0
	}
	if len(body) > room {
		body = body[:room]
	}
	lines := append(body, bottom...)
	for i, l := range lines {
		lines[i] = theme.Clip(l, w)
	}
	return strings.Join(lines, "\n")
}

// pad fills a (possibly styled) line with spaces to w columns.
func pad(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return theme.Clip(s, w)
}

func (m *Model) stageName(s model.Stage) string { return m.c.T("stage." + s.String()) }
func (m *Model) tierName(t model.Tier) string   { return m.c.T("tier." + t.String()) }
func (m *Model) segName(g model.Segment) string { return m.c.T("segment." + g.String()) }

// share formats n/total as a percentage with one decimal.
func share(n, total int64) string {
	return format.Rate(model.Ratio{Num: n, Den: total}, format.Dash)
}

// row draws one selectable line: a marker, the label, the count, its share
// and a bar scaled to the largest count of the block.
func (m *Model) row(selected bool, b Block, label string, labelW int, n, total, most int64, cntW, w int) string {
	marker := "  "
	switch {
	case selected && m.block == b:
		marker = "> "
	case selected && b == BlockStages: // the stage the focus lines describe
		marker = "* "
	}
	s := marker + theme.Fit(label, labelW) + " " + theme.FitRight(format.Count(n), cntW) + " " + theme.FitRight(share(n, total), 6) + " "
	barW := w - lipgloss.Width(s)
	var frac float64
	if most > 0 {
		frac = float64(n) / float64(most)
	}
	line := s + m.st.bar.Render(theme.Bar(frac, barW))
	if selected && m.block == b {
		return m.st.selected.Render(s) + m.st.bar.Render(theme.Bar(frac, barW))
	}
	return line
}

// counts returns the width of the widest count and the largest value.
func counts(vs []int64) (width int, most int64) {
	for _, v := range vs {
		width = max(width, len(format.Count(v)))
		most = max(most, v)
	}
	return width, most
}

func (m *Model) stagesBlock(w int) []string {
	sn := &m.data.Analysis.Snapshot
	total := sn.KPIs.MembersTotal
	title := m.st.title.Render(m.c.T("lifecycle.stages")) + "  " +
		m.st.subtle.Render(m.c.Cat.N("lifecycle.total", total, format.Count(total)))
	cntW, most := counts(sn.Stages[:])
	names := make([]string, model.NumStages)
	nameW := 0
	for s := range model.NumStages {
		names[s] = m.stageName(s)
		nameW = max(nameW, lipgloss.Width(names[s]))
	}
	if w-(2+nameW+1+cntW+1+6+1) < 8 { // too narrow for full names
		nameW = 0
		for s := range model.NumStages {
			names[s] = m.c.T("lifecycle.short." + s.String())
			nameW = max(nameW, lipgloss.Width(names[s]))
		}
	}
	lines := []string{theme.Clip(title, w)}
	for s := range model.NumStages {
		lines = append(lines, m.row(int(s) == m.sel[BlockStages], BlockStages, names[s], nameW, sn.Stages[s], total, most, cntW, w))
	}
	return lines
}

// focusBlock names the selected stage's operating focus and the campaign
// type that suits it (the stage is the one marked in the list above).
func (m *Model) focusBlock(w int) []string {
	s := model.Stage(m.sel[BlockStages])
	focus, suits := m.c.T("lifecycle.focus"), m.c.T("lifecycle.suits")
	lw := max(lipgloss.Width(focus), lipgloss.Width(suits)) + 2
	return []string{
		m.st.label.Render(theme.Fit(focus, lw)) + theme.Clip(m.c.T("focus."+s.String()), max(w-lw, 0)),
		m.st.label.Render(theme.Fit(suits, lw)) + theme.Clip(m.c.T("campaign."+string(CampaignFor(s)))+m.c.T("lifecycle.campaign.key"), max(w-lw, 0)),
	}
}

func (m *Model) tiersBlock(w int) []string {
	sn := &m.data.Analysis.Snapshot
	total := sn.KPIs.MembersTotal
	cntW, most := counts(sn.Tiers[:])
	nameW := 0
	for t := range model.NumTiers {
		nameW = max(nameW, lipgloss.Width(m.tierName(t)))
	}
	lines := []string{m.st.title.Render(theme.Clip(m.c.T("lifecycle.tiers"), w))}
	for t := range model.NumTiers {
		lines = append(lines, m.row(int(t) == m.sel[BlockTiers], BlockTiers, m.tierName(t), nameW, sn.Tiers[t], total, most, cntW, w))
	}
	return lines
}

// flowBlock draws Analysis.Flow: one row per stage at the day before the
// window (and one for members registered in it), one column per stage at
// the window's end.
func (m *Model) flowBlock(w int) []string {
	a := m.data.Analysis
	win := m.data.Window
	title := m.st.title.Render(m.c.T("lifecycle.flow", (win.From - 1).String(), win.To.String()))
	labels := make([]string, model.NumStages+1)
	labelW := lipgloss.Width(m.c.T("lifecycle.flow.row"))
	for s := range model.NumStages {
		labels[s] = m.c.T("lifecycle.short." + s.String())
	}
	labels[model.NumStages] = m.c.T("lifecycle.flow.new")
	for _, l := range labels {
		labelW = max(labelW, lipgloss.Width(l))
	}
	labelW++
	cw := min(max((w-labelW)/int(model.NumStages), 1), 10)
	head := theme.Fit(m.c.T("lifecycle.flow.row"), labelW)
	for s := range model.NumStages {
		head += theme.FitRight(labels[s], cw)
	}
	lines := []string{theme.Clip(title, w), m.st.subtle.Render(theme.Clip(head, w))}
	for from := range a.Flow {
		line := theme.Fit(labels[from], labelW)
		if from == m.sel[BlockStages] {
			line = m.st.label.Render(line)
		}
		for to := range a.Flow[from] {
			line += theme.FitRight(number(a.Flow[from][to], cw-1, m.c.Cat.Lang), cw)
		}
		lines = append(lines, line)
	}
	return lines
}

// number formats n in at most w columns: grouped digits when they fit,
// else compact (12.3k, 1.2万); never digits without separators.
func number(n int64, w int, lang i18n.Lang) string {
	if s := format.Count(n); len(s) <= w {
		return s
	}
	return format.Compact(float64(n), lang)
}

// rfmRows are the grid's rows; the columns are important (M high) and
// general (M low), so segment = column·4 + row, the contract's order.
var rfmRows = [4]string{"value", "develop", "keep", "retain"}

func (m *Model) rfmBlock(w int) []string {
	labelW := 0
	for _, r := range rfmRows {
		labelW = max(labelW, lipgloss.Width(m.c.T("lifecycle.rfm."+r)))
	}
	labelW++
	cellW := max((w-labelW-1)/2, 1)
	sn := &m.data.Analysis.Snapshot
	cntW, avgW := 0, 0
	for g := range model.NumSegments {
		cntW = max(cntW, len(format.Count(sn.RFM[g])))
		avgW = max(avgW, lipgloss.Width(avgSpend(sn.RFMSpend[g], sn.RFM[g])))
	}
	lines := []string{
		m.st.title.Render(theme.Clip(m.c.T("lifecycle.rfm"), w)),
		m.st.subtle.Render(strings.Repeat(" ", labelW) + theme.Fit("  "+m.c.T("lifecycle.rfm.important"), cellW) + " " +
			theme.Fit("  "+m.c.T("lifecycle.rfm.general"), cellW)),
	}
	for r := range rfmRows {
		line := theme.Fit(m.c.T("lifecycle.rfm."+rfmRows[r]), labelW)
		for col := 0; col < 2; col++ {
			g := model.Segment(col*4 + r)
			cell := theme.Fit(m.rfmCell(g, cntW, avgW), cellW)
			if int(g) == m.sel[BlockRFM] && m.block == BlockRFM {
				cell = m.st.selected.Render(cell)
			}
			if col == 1 {
				line += " "
			}
			line += cell
		}
		lines = append(lines, line)
	}
	return lines
}

// rfmCell is a group's count and average spend in whole yuan, right
// aligned in cntW and avgW columns.
func (m *Model) rfmCell(g model.Segment, cntW, avgW int) string {
	sn := &m.data.Analysis.Snapshot
	marker := "  "
	if int(g) == m.sel[BlockRFM] && m.block == BlockRFM {
		marker = "> "
	}
	return marker + theme.FitRight(format.Count(sn.RFM[g]), cntW) + " " + theme.FitRight(avgSpend(sn.RFMSpend[g], sn.RFM[g]), avgW)
}

// avgSpend is sum/n fen as whole yuan with the ¥ sign, or — when n is 0.
func avgSpend(sum, n int64) string {
	if n == 0 {
		return format.Dash
	}
	return format.MoneyWhole(int64(math.Round(float64(sum)/float64(n)/100)) * 100)
}

// selectionLine describes the selected item of the focused block.
func (m *Model) selectionLine(w int) string {
	sn := &m.data.Analysis.Snapshot
	total := sn.KPIs.MembersTotal
	var s string
	switch m.block {
	case BlockStages:
		st := model.Stage(m.sel[BlockStages])
		s = m.stageName(st) + "  " + m.c.Cat.N("lifecycle.sel.members", sn.Stages[st], format.Count(sn.Stages[st]), share(sn.Stages[st], total))
	case BlockTiers:
		t := model.Tier(m.sel[BlockTiers])
		s = m.tierName(t) + "  " + m.c.Cat.N("lifecycle.sel.members", sn.Tiers[t], format.Count(sn.Tiers[t]), share(sn.Tiers[t], total)) +
			"  " + m.c.T("lifecycle.tier.from", format.Count(model.TierThresholds[t]))
	case BlockRFM:
		g := model.Segment(m.sel[BlockRFM])
		hl := func(low bool) string {
			if low {
				return m.c.T("lifecycle.rfm.low")
			}
			return m.c.T("lifecycle.rfm.high")
		}
		// Segment order: M low adds 4, R low adds 2, F low adds 1.
		s = m.segName(g) + "  " + m.c.T("lifecycle.rfm.profile", hl(g&2 != 0), hl(g&1 != 0), hl(g&4 != 0)) + "  " +
			m.c.Cat.N("lifecycle.sel.members", sn.RFM[g], format.Count(sn.RFM[g]), share(sn.RFM[g], sn.Means.N)) + "  " +
			m.c.T("lifecycle.rfm.avg", avgSpend(sn.RFMSpend[g], sn.RFM[g])) + "  " +
			m.c.Cat.N("lifecycle.rfm.buyers", sn.Means.N, format.Count(sn.Means.N))
	}
	return m.st.title.Render(theme.Clip(s, w))
}
