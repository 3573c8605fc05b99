package campaigns

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// listState is the list's cursor, filters and sort.
type listState struct {
	cursor, offset int
	status         int  // a model.CampaignStatus, or −1 for any
	typ            int  // index into model.CampaignTypes, or −1 for any
	byROI          bool // sort by ROI (highest first) instead of start day
	flash          string
	flashBad       bool
}

func (l *listState) clamp(n, rows int) {
	l.cursor = max(min(l.cursor, n-1), 0)
	rows = max(rows, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	l.offset = max(min(l.offset, n-rows), 0)
}

// visible returns the rows the filters keep, in the list's order.
func (p *Pane) visible() []*row {
	var out []*row
	for i := range p.rows {
		r := &p.rows[i]
		if p.list.status >= 0 && int(r.status) != p.list.status {
			continue
		}
		if p.list.typ >= 0 && r.c.Type != model.CampaignTypes[p.list.typ] {
			continue
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b *row) int {
		if p.list.byROI {
			// Highest ROI first; an undefined ROI (no spend) last.
			av, bv := a.res.ROI, b.res.ROI
			switch {
			case av.Valid() && !bv.Valid():
				return -1
			case !av.Valid() && bv.Valid():
				return 1
			case av.Valid() && bv.Valid():
				return -model.CompareRatios(av, bv)
			}
		}
		if a.c.Start != b.c.Start {
			return int(a.c.Start - b.c.Start)
		}
		return strings.Compare(a.c.ID, b.c.ID)
	})
	return out
}

// listRows is the number of table rows that fit.
func (p *Pane) listRows() int {
	n := p.height - 4 // title, header, flash/fatigue, hint
	if p.fatigue.OverCap > 0 {
		n--
	}
	return max(n, 1)
}

func (p *Pane) selected() *row {
	vis := p.visible()
	if p.list.cursor < len(vis) {
		return vis[p.list.cursor]
	}
	return nil
}

func (p *Pane) listKey(msg tea.KeyMsg) tea.Cmd {
	k, l := p.keys, &p.list
	n := len(p.visible())
	rows := p.listRows()
	l.flash = ""
	switch {
	case key.Matches(msg, k.Up):
		l.cursor--
	case key.Matches(msg, k.Down):
		l.cursor++
	case key.Matches(msg, k.PageUp):
		l.cursor -= rows
	case key.Matches(msg, k.PageDown):
		l.cursor += rows
	case key.Matches(msg, k.Top):
		l.cursor = 0
	case key.Matches(msg, k.Bottom):
		l.cursor = n - 1
	case key.Matches(msg, k.Status):
		l.status++
		if l.status >= int(model.NumCampaignStatuses) {
			l.status = -1
		}
		l.cursor = 0
	case key.Matches(msg, k.Type):
		l.typ++
		if l.typ >= len(model.CampaignTypes) {
			l.typ = -1
		}
		l.cursor = 0
	case key.Matches(msg, k.Sort):
		l.byROI = !l.byROI
		l.cursor = 0
	case key.Matches(msg, k.Week):
		p.view = viewWeek
	case key.Matches(msg, k.New):
		return p.openForm(nil, nil)
	case key.Matches(msg, k.Open):
		if r := p.selected(); r != nil {
			return p.openDetail(r.c.ID)
		}
	case key.Matches(msg, k.Edit):
		if r := p.selected(); r != nil {
			c := r.c
			return p.openForm(&c, nil)
		}
	case key.Matches(msg, k.Export):
		if r := p.selected(); r != nil {
			return p.export(r, false)
		}
	}
	l.clamp(n, rows)
	return nil
}

// listView draws the list: a title with the filters, the fatigue warning,
// the table and the key hints.
func (p *Pane) listView() []string {
	st, w, T := p.c.Styles, p.width, p.c.T
	any := T("form.any")
	status, typ := any, any
	if p.list.status >= 0 {
		status = T("cp.status." + model.CampaignStatus(p.list.status).String())
	}
	if p.list.typ >= 0 {
		typ = T("campaign." + string(model.CampaignTypes[p.list.typ]))
	}
	sortBy := T("cp.sort.start")
	if p.list.byROI {
		sortBy = T("cp.sort.roi")
	}
	vis := p.visible()
	title := T("cp.list.title", p.asOf.String(), len(vis), status, typ, sortBy)
	lines := []string{st.Title.Render(theme.Clip(title, w))}
	if p.fatigue.OverCap > 0 {
		lines = append(lines, st.Warn.Render(theme.Clip(p.fatigueLine(), w)))
	}
	switch {
	case p.loadErr != nil:
		return append(lines, st.ErrorLabel.Render(theme.Clip(T("cp.loadfailed")+": "+p.loadErr.Error(), w)))
	case !p.loaded:
		return append(lines, "", st.Subtle.Render(p.spin.View()+" "+T("cp.loading")))
	case len(p.rows) == 0:
		return append(lines, "", st.Subtle.Render(theme.Clip(T("cp.list.empty"), w)))
	}
	cols := p.columns()
	lines = append(lines, st.TableHeader.Render(theme.Clip("  "+p.cells(cols, T("cp.col.name"), T("cp.col.type"), T("cp.col.status"),
		T("cp.col.countdown"), T("cp.col.audience"), T("cp.col.used"), T("cp.col.roi"), ""), w)))
	rows := p.listRows()
	p.list.clamp(len(vis), rows)
	for i := p.list.offset; i < len(vis) && i < p.list.offset+rows; i++ {
		r := vis[i]
		mark := ""
		if r.capped {
			mark = "!"
		}
		line := p.cells(cols, r.c.Name, T("campaign."+string(r.c.Type)), T("cp.status."+r.status.String()), p.countdown(r),
			format.Count(r.size), format.Rate(r.res.BudgetUsed, st.G.Dash), ratio2(r.res.ROI, st.G.Dash), mark)
		sel := i == p.list.cursor
		prefix := "  "
		if sel {
			prefix = st.G.Selected + " "
		}
		line = theme.Fit(prefix+line, w)
		switch {
		case sel:
			line = st.TableSelected.Render(line)
		case r.status == model.StatusLive:
			line = st.Good.Render(line)
		case r.status == model.StatusWarmup:
			line = st.Accent.Render(line)
		case r.status == model.StatusCancelled:
			line = st.Subtle.Render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < p.height-2 {
		lines = append(lines, "")
	}
	flash := ""
	if p.list.flash != "" {
		style := st.Good
		if p.list.flashBad {
			style = st.ErrorLabel
		}
		flash = style.Render(theme.Clip(p.list.flash, w))
	}
	return append(lines[:p.height-2], flash, st.Subtle.Render(theme.Clip(T("cp.hint.list"), w)))
}

// fatigueLine is the fatigue warning in one line.
func (p *Pane) fatigueLine() string {
	f := p.fatigue
	if len(f.Conflicts) == 0 {
		return ""
	}
	cf := f.Conflicts[0]
	more := ""
	if len(f.Conflicts) > 1 {
		more = p.c.T("cp.fatigue.more", len(f.Conflicts)-1)
	}
	return p.c.T("cp.fatigue.banner", format.Count(f.OverCap), strings.Join(p.names(cf.Campaigns), " + "),
		dayShort(cf.From), dayShort(cf.To)) + more
}

// names are the campaigns' names for ids (the id when unknown).
func (p *Pane) names(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if r := p.find(id); r != nil {
			out[i] = r.c.Name
		}
	}
	return out
}

func dayShort(d model.Day) string { return d.String()[5:] }

// ratio2 formats a ratio with two decimals, the dash when undefined.
func ratio2(r model.Ratio, dash string) string {
	if !r.Valid() {
		return dash
	}
	return format.Decimal(r.Float(), 2)
}

// columns are the list's column widths: name takes what is left.
type columns struct{ name, typ, status, cd, aud, used, roi int }

func (p *Pane) columns() columns {
	T := p.c.T
	c := columns{typ: lipgloss.Width(T("cp.col.type")), status: lipgloss.Width(T("cp.col.status")),
		cd: lipgloss.Width(T("cp.col.countdown")), aud: max(lipgloss.Width(T("cp.col.audience")), 7),
		used: max(lipgloss.Width(T("cp.col.used")), 6), roi: max(lipgloss.Width(T("cp.col.roi")), 5)}
	for _, t := range model.CampaignTypes {
		c.typ = max(c.typ, lipgloss.Width(T("campaign."+string(t))))
	}
	for s := model.StatusDraft; s < model.NumCampaignStatuses; s++ {
		c.status = max(c.status, lipgloss.Width(T("cp.status."+s.String())))
	}
	for i := range p.rows {
		c.cd = max(c.cd, lipgloss.Width(p.countdown(&p.rows[i])))
		c.aud = max(c.aud, lipgloss.Width(format.Count(p.rows[i].size)))
	}
	fixed := 2 + c.typ + c.status + c.cd + c.aud + c.used + c.roi + 2 + 7 // prefix, cap mark, gaps
	c.name = max(p.width-fixed, 8)
	return c
}

func (p *Pane) cells(c columns, name, typ, status, cd, aud, used, roi, mark string) string {
	return theme.Fit(name, c.name) + " " + theme.Fit(typ, c.typ) + " " + theme.Fit(status, c.status) + " " +
		theme.Fit(cd, c.cd) + " " + theme.FitRight(aud, c.aud) + " " + theme.FitRight(used, c.used) + " " +
		theme.FitRight(roi, c.roi) + " " + mark
}

// weekView is every person's open tasks due by the end of this week across
// the campaigns, overdue ones marked.
func (p *Pane) weekView() []string {
	st, w, T := p.c.Styles, p.width, p.c.T
	var cs []model.Campaign
	for i := range p.rows {
		cs = append(cs, p.rows[i].c)
	}
	people := model.TasksDueThisWeek(cs, p.asOf)
	lines := []string{st.Title.Render(theme.Clip(T("cp.week.title", p.asOf.String()), w)), ""}
	if len(people) == 0 {
		lines = append(lines, st.Subtle.Render(theme.Clip(T("cp.week.none"), w)))
	}
	for _, pt := range people {
		lines = append(lines, st.Accent.Render(theme.Clip(T("cp.week.person", pt.Assignee, len(pt.Tasks)), w)))
		for _, tr := range pt.Tasks {
			t := tr.Task
			name := tr.Campaign
			if r := p.find(tr.Campaign); r != nil {
				name = r.c.Name
			}
			state := T("cp.task.open")
			if t.Overdue(p.asOf) {
				state = T("cp.task.late")
			}
			line := theme.Clip("  "+theme.Fit(state, 8)+" "+dayShort(t.Due)+"  "+t.Title+" · "+name, w)
			if t.Overdue(p.asOf) {
				line = st.Bad.Render(line)
			}
			lines = append(lines, line)
		}
	}
	if len(lines) > p.height-1 {
		lines = lines[:p.height-1]
	}
	for len(lines) < p.height-1 {
		lines = append(lines, "")
	}
	return append(lines, st.Subtle.Render(theme.Clip(T("cp.hint.week"), w)))
}

// block joins lines into exactly w×h.
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
