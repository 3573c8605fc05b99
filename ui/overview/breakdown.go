package overview

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// The selected KPI's breakdown (issue 8): b opens it over the pane and
// cycles channel → tier → stage → new/returning, esc closes it. Each part
// shows its value, its share of the whole (additive KPIs) and its change
// against the previous window of the same length. The parts are computed
// in a tea.Cmd (one scan of the member summaries for the window and the
// previous one) when it opens and when the window changes; View only formats.

// breakdownState is the open breakdown.
type breakdownState struct {
	dim       model.Dimension
	id        uint64
	busy      bool
	cur, prev *model.Breakdown
	names     []string // channel names (ByChannel)
	err       error
}

// breakdownLoaded is the result of one breakdown computation.
type breakdownLoaded struct {
	id        uint64
	cur, prev model.Breakdown
	names     []string
	err       error
}

// BreakdownOpen reports whether the breakdown is shown, and by what.
func (o *Overview) BreakdownOpen() (model.Dimension, bool) {
	if o.bd == nil {
		return 0, false
	}
	return o.bd.dim, true
}

// breakdownKey handles b and, while the breakdown is open, esc; it reports
// whether it took the key.
func (o *Overview) breakdownKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	switch {
	case key.Matches(msg, o.keys.Breakdown):
		if o.bd == nil {
			o.bd = &breakdownState{dim: model.ByChannel}
		} else {
			o.bd = &breakdownState{dim: (o.bd.dim + 1) % model.NumDimensions, id: o.bd.id}
		}
		return true, o.loadBreakdown()
	case o.bd != nil && msg.Type == tea.KeyEsc:
		o.bd = nil
		return true, nil
	}
	return false, nil
}

// loadBreakdown computes the breakdown of the current window and the one
// before it in a tea.Cmd; a result for an older request is dropped.
func (o *Overview) loadBreakdown() tea.Cmd {
	if o.bd == nil || o.data == nil || o.c.Store == nil {
		return nil
	}
	o.bd.id++
	o.bd.busy = true
	id, dim, st, rules := o.bd.id, o.bd.dim, o.c.Store, o.c.Rules
	w := o.data.Window
	prevW := model.Window{From: w.From - model.Day(w.Len()), To: w.From - 1}
	return func() tea.Msg {
		out := breakdownLoaded{id: id}
		var channel func(uint32) int
		if dim == model.ByChannel {
			ids, names, err := st.ChannelIndex()
			if err != nil {
				out.err = err
				return out
			}
			out.names = names
			channel = func(seq uint32) int {
				if int(seq) < len(ids) {
					return int(ids[seq])
				}
				return 0
			}
		}
		out.cur, out.prev, out.err = st.BreakdownWithPrevious(rules, w, prevW, dim, channel)
		return out
	}
}

func (o *Overview) onBreakdown(msg breakdownLoaded) {
	if o.bd == nil || msg.id != o.bd.id {
		return
	}
	o.bd.busy, o.bd.err = false, msg.err
	if msg.err == nil {
		o.bd.cur, o.bd.prev, o.bd.names = &msg.cur, &msg.prev, msg.names
	}
}

// breakdownKPI is the KPI the breakdown splits: the selected card's, with
// today's DAU read as the window's active members.
func (o *Overview) breakdownKPI() string {
	k := cards[o.sel].key
	if k == "dau" {
		return "active_members"
	}
	return k
}

// breakdownView draws the breakdown table within the pane.
func (o *Overview) breakdownView() string {
	w, h := o.width, o.height
	s := o.c.Styles
	t := o.c.T
	bd := o.bd
	kpi := o.breakdownKPI()
	lines := []string{s.Title.Render(t("ov.bd.title", t("kpi."+kpi), t("insight.dim."+bd.dim.String())))}
	switch {
	case bd.err != nil:
		lines = append(lines, s.Bad.Render(bd.err.Error()))
	case bd.cur == nil:
		lines = append(lines, s.Subtle.Render(t("ov.bd.busy")))
	default:
		lines = append(lines, s.Subtle.Render(t("ov.bd.window", bd.cur.Window.From, bd.cur.Window.To, bd.prev.Window.From, bd.prev.Window.To)))
		lines = append(lines, o.breakdownTable(kpi, w)...)
	}
	hint := s.Subtle.Render(theme.Clip(t("ov.bd.hint"), w))
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

func (o *Overview) breakdownTable(kpi string, w int) []string {
	s := o.c.Styles
	bd := o.bd
	type row struct {
		name, value, share, change string
		frac                       float64
	}
	var rows []row
	wholeN, _, isRatio, _ := model.KPIValue(bd.cur.Whole, kpi)
	value := func(n int64, r model.Ratio) string {
		switch {
		case kpi == "aov":
			if r.Den == 0 {
				return "—"
			}
			return format.Money((2*r.Num + r.Den) / (2 * r.Den))
		case isRatio:
			return format.Rate(r, "—")
		case kpi == "gmv" || kpi == "refunds":
			return format.Money(n)
		}
		return format.Count(n)
	}
	change := func(cur, prev model.KPIs) string {
		n, r, _, _ := model.KPIValue(cur, kpi)
		pn, pr, _, _ := model.KPIValue(prev, kpi)
		if isRatio {
			if !r.Valid() || !pr.Valid() {
				return "—"
			}
			return signed(100*(r.Float()-pr.Float()), format.Points(100*(r.Float()-pr.Float()), o.c.Cat.Lang))
		}
		if pn == 0 {
			return "—"
		}
		p := 100 * float64(n-pn) / float64(pn)
		return signed(p, format.Percent(p, "—"))
	}
	most := 0.0
	add := func(name string, cur, prev model.KPIs) {
		n, r, _, _ := model.KPIValue(cur, kpi)
		rw := row{name: name, value: value(n, r), change: change(cur, prev)}
		if isRatio {
			rw.frac = r.Float()
		} else {
			rw.share = format.Rate(model.Ratio{Num: n, Den: wholeN}, "—")
			rw.frac = float64(n)
		}
		most = max(most, rw.frac)
		rows = append(rows, rw)
	}
	for i := range bd.cur.Parts {
		if bd.dim == model.ByChannel && i == 0 && bd.cur.Parts[0].KPIs.MembersTotal == 0 {
			continue
		}
		key := bd.cur.PartKey(i, bd.names)
		var name string
		switch bd.dim {
		case model.ByTier:
			name = o.c.T("tier." + key)
		case model.ByStage:
			name = o.c.T("stage." + key)
		case model.ByNew:
			name = o.c.T("insight.part." + key)
		default:
			name = key
			if key == model.PartNoChannel {
				name = o.c.T("insight.part.nochannel")
			}
		}
		var prev model.KPIs
		if i < len(bd.prev.Parts) {
			prev = bd.prev.Parts[i].KPIs
		}
		add(name, bd.cur.Parts[i].KPIs, prev)
	}
	wn, wr, _, _ := model.KPIValue(bd.cur.Whole, kpi)
	whole := row{name: o.c.T("insight.whole"), value: value(wn, wr), change: change(bd.cur.Whole, bd.prev.Whole)}
	nameW := lipgloss.Width(whole.name)
	valW, shareW, chW := 12, 7, 9
	for _, r := range rows {
		nameW = max(nameW, lipgloss.Width(r.name))
		valW = max(valW, lipgloss.Width(r.value)+1)
		chW = max(chW, lipgloss.Width(r.change)+1)
	}
	t := o.c.T
	head := theme.Fit("", nameW) + theme.FitRight(t("ov.bd.value"), valW) + theme.FitRight(t("ov.bd.share"), shareW+1) + theme.FitRight(t("ov.bd.change"), chW)
	out := []string{"", s.TableHeader.Render(head)}
	barW := max(w-lipgloss.Width(head)-2, 0)
	line := func(r row, bar bool) string {
		l := theme.Fit(r.name, nameW) + theme.FitRight(r.value, valW) + theme.FitRight(r.share, shareW+1) + theme.FitRight(r.change, chW)
		if bar && most > 0 {
			l += "  " + s.Accent.Render(theme.Bar(r.frac/most, barW))
		}
		return l
	}
	for _, r := range rows {
		out = append(out, line(r, true))
	}
	if !isRatio {
		whole.share = "100.0%"
	}
	out = append(out, line(whole, false))
	return out
}

// signed puts a plus sign before a written positive change (the format
// package writes the sign of negatives only).
func signed(x float64, s string) string {
	if x > 0 {
		return "+" + s
	}
	return s
}
