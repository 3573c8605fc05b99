package insight

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// View draws the section within the view's size: a line of section names,
// the section, and a key hint; no line wider than the width, no more lines
// than the height. It only formats: a few hundred cells at most.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	s := m.c.Styles
	in := m.insight()
	lines := []string{m.tabsLine(w)}
	if in == nil {
		lines = append(lines, s.Subtle.Render(m.c.T("insight.loading")))
	} else {
		switch m.section {
		case SectionCohorts:
			lines = append(lines, m.cohorts(in, w)...)
		case SectionSecond:
			lines = append(lines, m.second(in, w, h-3)...)
		case SectionPoints:
			lines = append(lines, m.points(in, w, h-3)...)
		case SectionLists:
			lines = append(lines, m.lists(in, w)...)
		}
	}
	hint := s.Subtle.Render(theme.Clip(m.c.T("insight.hint."+sectionKeys[m.section]), w))
	if len(lines) > h-1 {
		lines = lines[:max(h-1, 0)]
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	lines = append(lines, hint)
	for i, l := range lines {
		lines[i] = theme.Clip(l, w)
	}
	return strings.Join(lines[:min(len(lines), h)], "\n")
}

// tabsLine names the sections, the current one highlighted.
func (m *Model) tabsLine(w int) string {
	s := m.c.Styles
	parts := []string{s.Title.Render(m.c.T("insight.title"))}
	for i := range NumSections {
		name := m.c.T("insight.section." + sectionKeys[i])
		if i == m.section {
			parts = append(parts, s.TableSelected.Render("["+name+"]"))
		} else {
			parts = append(parts, s.Subtle.Render(" "+name+" "))
		}
	}
	return theme.Clip(strings.Join(parts, " "), w)
}

// cohorts draws the cohort table: registration months down, months since
// registration across (as many as fit), each cell the share active or the
// cumulative GMV per member in whole yuan.
func (m *Model) cohorts(in *model.Insight, w int) []string {
	s := m.c.Styles
	rows := in.Cohorts.Rows
	title := m.c.T("insight.cohorts.active.short")
	if m.gmv {
		title = m.c.T("insight.cohorts.gmv.short")
	}
	monthW, sizeW, cellW := 8, 7, 6
	n := 0
	for _, r := range rows {
		n = max(n, len(r.Active))
	}
	fit := max((w-monthW-sizeW)/cellW, 1)
	cols := min(n, fit)
	head := theme.Fit(m.c.T("insight.cohort.month"), monthW) + theme.FitRight(m.c.T("insight.cohort.size"), sizeW)
	for k := 0; k < cols; k++ {
		head += theme.FitRight("M"+strconv.Itoa(k), cellW)
	}
	out := []string{s.Title.Render(title), s.TableHeader.Render(head)}
	for i := range rows {
		r := &rows[i]
		line := theme.Fit(r.Month.String(), monthW) + theme.FitRight(format.Count(r.Size), sizeW)
		for k := 0; k < cols && k < len(r.Active); k++ {
			var v string
			if m.gmv {
				v = "—"
				if pm := r.CumGMVPerMember(k); pm.Valid() {
					v = format.Count((pm.Num + pm.Den*50) / (pm.Den * 100)) // whole yuan, rounded
				}
			} else {
				v = pctShort(r.ActiveShare(k))
			}
			line += theme.FitRight(v, cellW)
		}
		out = append(out, line)
	}
	if cols < n {
		out = append(out, s.Subtle.Render(m.c.T("insight.cohorts.more", n-cols)))
	}
	return out
}

// pctShort is a share in at most 5 columns: "41.6", "100" (the header says %).
func pctShort(r model.Ratio) string {
	if !r.Valid() {
		return "—"
	}
	v := 100 * r.Float()
	if v >= 99.95 {
		return "100"
	}
	return format.Decimal(v, 1)
}

// second draws the second-purchase rate by month of first purchase with a
// bar, and the overall rate.
func (m *Model) second(in *model.Insight, w, room int) []string {
	s := m.c.Styles
	sp := &in.SecondPurchase
	out := []string{s.Title.Render(m.c.T("insight.second.short", sp.Within, format.Rate(sp.Overall(), "—")))}
	firstW, rateW := 8, 7
	head := theme.Fit(m.c.T("insight.cohort.month"), 8) + theme.FitRight(m.c.T("insight.second.first"), max(firstW, lipgloss.Width(m.c.T("insight.second.first"))+1)) +
		theme.FitRight(m.c.T("insight.second.rate"), rateW+1)
	out = append(out, s.TableHeader.Render(head))
	firstW = max(firstW, lipgloss.Width(m.c.T("insight.second.first"))+1)
	most := 0.0
	for _, mo := range sp.Months {
		most = max(most, mo.Rate.Float())
	}
	months := sp.Months
	if len(months) > room-2 && room > 2 {
		months = months[len(months)-(room-2):]
	}
	for _, mo := range months {
		line := theme.Fit(mo.Month.String(), 8) + theme.FitRight(format.Count(mo.FirstBuyer), firstW) +
			theme.FitRight(format.Rate(mo.Rate, "—"), rateW+1) + " "
		barW := max(w-lipgloss.Width(line)-22, 0)
		frac := 0.0
		if most > 0 {
			frac = mo.Rate.Float() / most
		}
		line += s.Accent.Render(theme.Bar(frac, barW))
		if mo.Pending > 0 {
			line += " " + s.Subtle.Render(m.c.T("insight.second.pending.n", format.Count(mo.Pending)))
		}
		out = append(out, line)
	}
	return out
}

// points draws the liability: what is held, what expires in 30/60/90 days
// and the monthly flows with the balance.
func (m *Model) points(in *model.Insight, w, room int) []string {
	s := m.c.Styles
	p := &in.Points
	out := []string{
		s.Title.Render(m.c.T("insight.points.title", ruleText(m, p.Rule))),
		m.c.T("insight.points.outstanding", format.Count(p.Outstanding)) + overdrawn(m, p.Overdrawn),
	}
	for i, hz := range model.ExpiryHorizons {
		line := m.c.T("insight.points.expiring", hz, format.Count(p.Expiring[i]), format.Count(p.ExpiringMembers[i]))
		if i == 0 && p.Expiring[0] > 0 {
			line = s.Warn.Render(line)
		}
		out = append(out, line)
	}
	cols := []string{"insight.points.col.month", "insight.points.col.issued", "insight.points.col.redeemed",
		"insight.points.col.refunded", "insight.points.col.expired", "insight.points.col.balance", "insight.points.col.rate"}
	widths := []int{8, 10, 10, 9, 9, 12, 8}
	head := ""
	for i, c := range cols {
		t := m.c.T(c)
		widths[i] = max(widths[i], lipgloss.Width(t)+1)
		if i == 0 {
			head += theme.Fit(t, widths[i])
		} else {
			head += theme.FitRight(t, widths[i])
		}
	}
	out = append(out, "", s.TableHeader.Render(head))
	months := p.Months
	if left := room - len(out); len(months) > left && left > 0 {
		months = months[len(months)-left:]
	}
	for _, mo := range months {
		cells := []string{mo.Month.String(), format.Count(mo.Issued), format.Count(mo.Redeemed), format.Count(mo.Refunded),
			format.Count(mo.Expired), format.Count(mo.Outstanding), format.Rate(mo.RedemptionRate(), "—")}
		line := ""
		for i, c := range cells {
			if i == 0 {
				line += theme.Fit(c, widths[i])
			} else {
				line += theme.FitRight(c, widths[i])
			}
		}
		out = append(out, line)
	}
	return out
}

func ruleText(m *Model, r model.ExpiryRule) string {
	switch r.Kind {
	case model.ExpireYearEnd:
		return m.c.T("insight.rule.yearend", r.N)
	case model.ExpireAfterDays:
		return m.c.T("insight.rule.days", r.N)
	}
	return m.c.T("insight.rule.never")
}

func overdrawn(m *Model, n int64) string {
	if n == 0 {
		return ""
	}
	return "  " + m.c.Styles.Bad.Render(m.c.T("insight.points.overdrawn", format.Count(n)))
}

// lists draws the lists that open in the Members pane, with their sizes,
// and the tier-risk and near-upgrade counts by tier.
func (m *Model) lists(in *model.Insight, w int) []string {
	s := m.c.Styles
	cfg := in.Config
	items := [NumLists]string{
		m.c.T("insight.lists.risk", cfg.RiskDays, format.Count(int64(len(in.TierRisk)))),
		m.c.T("insight.lists.near", cfg.NearPct, format.Count(int64(len(in.NearUpgrade)))),
		m.c.T("insight.lists.birthdays", 7),
		m.c.T("insight.lists.birthdays", 30),
	}
	out := []string{s.Title.Render(m.c.T("insight.lists.title"))}
	for i, it := range items {
		marker := "  "
		if i == m.sel {
			marker = "> "
			out = append(out, s.TableSelected.Render(theme.Fit(marker+it, min(w, lipgloss.Width(marker+it)+1))))
			continue
		}
		out = append(out, marker+it)
	}
	out = append(out, "", s.Title.Render(m.c.T("insight.lists.bytier")))
	nameW := 0
	for t := range model.NumTiers {
		nameW = max(nameW, lipgloss.Width(m.c.T("tier."+t.String())))
	}
	head := theme.Fit("", nameW+2) + theme.FitRight(m.c.T("insight.col.risk"), 12) + theme.FitRight(m.c.T("insight.col.near"), 12)
	out = append(out, s.TableHeader.Render(head))
	for t := range model.NumTiers {
		out = append(out, "  "+theme.Fit(m.c.T("tier."+t.String()), nameW)+
			theme.FitRight(format.Count(in.RiskByTier[t]), 12)+theme.FitRight(format.Count(in.NearByTier[t]), 12))
	}
	return out
}
