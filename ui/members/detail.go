package members

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// detailState is an open member detail. Its figures are computed when the
// member is loaded (in Update); the view only lays them out.
type detailState struct {
	id       uint64 // the load whose result is wanted
	seq      uint32
	loaded   bool
	err      error
	title    string
	groups   [][]string // summary lines, each a list of items packed to the width
	head     string     // the timeline's heading
	timeline []string   // one line per event, newest first
	lines    []string   // groups packed to the current width
	inVP     bool       // everything scrolls in the viewport (a short pane)
}

// loadMember reads the member's profile, summary and latest events in a
// tea.Cmd.
func (m *Model) loadMember(seq uint32) tea.Cmd {
	m.memberID++
	id := m.memberID
	if m.detail != nil {
		m.detail.id = id
	}
	st := m.c.Store
	return func() tea.Msg {
		res := memberLoaded{id: id, seq: seq}
		res.m, res.h, res.err = st.Member(seq)
		if res.err == nil {
			res.events, res.err = st.MemberEvents(seq, timelineLimit)
		}
		return res
	}
}

func (m *Model) onMember(msg memberLoaded) {
	d := m.detail
	if d == nil || msg.id != d.id || msg.seq != d.seq {
		return
	}
	d.loaded, d.err = true, msg.err
	if msg.err == nil {
		m.describe(d, &msg)
	}
	m.layoutDetail()
	m.vp.GotoTop()
}

// describe computes and formats everything the detail shows.
func (m *Model) describe(d *detailState, msg *memberLoaded) {
	c := m.c
	t := c.T
	mem := &msg.m
	asOf := m.data.AsOf
	st := c.Rules.Evaluate(&msg.h, asOf)
	yesNo := t("members.detail.no")
	if mem.Consent {
		yesNo = t("members.detail.yes")
	}
	dash := t("members.detail.none")
	orDash := func(s string) string {
		if s == "" {
			return dash
		}
		return s
	}
	item := func(label, value string) string { return m.st.label.Render(label) + " " + value }

	d.title = t("members.detail.title", mem.ID, mem.Name)
	d.groups = [][]string{
		{
			item(t("members.detail.phone"), orDash(model.MaskPhone(mem.Phone))),
			item(t("members.detail.channel"), orDash(mem.Channel)),
			item(t("members.detail.reg"), mem.RegisteredAt.In(c.Store.Location()).Format("2006-01-02 15:04")),
			item(t("members.detail.birthday"), orDash(mem.Birthday)),
			item(t("members.detail.consent"), yesNo),
		},
		{item(t("members.detail.tags"), orDash(strings.Join(mem.Tags, ", ")))},
		{item(t("members.detail.stage"), c.Rules.StageReason(st, c.Cat.Lang.String()))},
	}
	tier := []string{
		item(t("members.detail.tier"), t("tier."+st.Tier.String())),
		t("members.detail.growth", format.Count(st.Growth)),
	}
	if next, need, ok := model.NextTier(st.Growth); ok {
		tier = append(tier, t("members.detail.next", format.Count(need), t("tier."+next.String())))
	} else {
		tier = append(tier, t("members.detail.top"))
	}
	tier = append(tier, t("members.detail.aging", format.Count(model.GrowthAgingOut(&msg.h, asOf, 30))))
	d.groups = append(d.groups, tier, []string{
		item(t("members.detail.points"), format.Count(st.Points)),
		item(t("members.detail.spend"), t("members.detail.orders", format.Money(st.SpendFen), format.Count(st.Purchases), format.Date(st.LastActive))),
	})
	rfm := []string{item(t("members.detail.rfm"), t("members.detail.nobuy"))}
	if means := m.data.Analysis.Snapshot.Means; st.Purchases > 0 && means.N > 0 {
		r := int64(asOf - st.LastPurchase)
		g := means.Segment(r, st.Purchases, st.SpendFen)
		n := float64(means.N)
		rfm = []string{
			item(t("members.detail.rfm"), t("segment."+g.String())),
			t("members.detail.r", format.Count(r), format.Decimal(float64(means.SumR)/n, 1)),
			t("members.detail.f", format.Count(st.Purchases), format.Decimal(float64(means.SumF)/n, 1)),
			t("members.detail.m", format.Money(st.SpendFen), format.Money(int64(math.Round(float64(means.SumM)/n)))),
		}
	}
	d.groups = append(d.groups, rfm)

	n := strconv.Itoa(len(msg.events))
	if len(msg.events) == timelineLimit {
		n = t("members.detail.more", n)
	}
	d.head = t("members.detail.events", n)
	d.timeline = m.timeline(msg.events)
}

// timeline formats the events, newest first: time, kind, amount, order,
// channel and campaign, the kinds in a column of their widest name.
func (m *Model) timeline(evs []model.Event) []string {
	t := m.c.T
	if len(evs) == 0 {
		return []string{m.st.subtle.Render(t("members.detail.noevents"))}
	}
	kindW := 0
	for k := range model.NumKinds {
		kindW = max(kindW, lipgloss.Width(t("kind."+k.String())))
	}
	loc := m.c.Store.Location()
	out := make([]string, 0, len(evs))
	for i := range evs {
		e := &evs[i]
		parts := []string{e.At.In(loc).Format("2006-01-02 15:04"), theme.Fit(t("kind."+e.Kind.String()), kindW)}
		switch e.Kind {
		case model.KindPurchase:
			parts = append(parts, theme.FitRight(format.Money(e.Amount), 12))
		case model.KindRefund:
			parts = append(parts, theme.FitRight("-"+format.Money(e.Amount), 12))
		case model.KindRedeem:
			parts = append(parts, theme.FitRight(t("members.detail.pts", format.Count(e.Amount)), 12))
		default:
			parts = append(parts, strings.Repeat(" ", 12))
		}
		if e.OrderID != "" {
			parts = append(parts, t("members.detail.order", e.OrderID))
		}
		if e.Channel != "" {
			parts = append(parts, t("members.detail.via", e.Channel))
		}
		if e.CampaignID != "" {
			parts = append(parts, t("members.detail.campaign", e.CampaignID))
		}
		out = append(out, strings.TrimRight(strings.Join(parts, "  "), " "))
	}
	return out
}

// pack lays items out on lines of at most w columns, two spaces apart; an
// item wider than a line is cut.
func pack(items []string, w int) []string {
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = theme.Clip(it, w)
		case lipgloss.Width(cur)+2+lipgloss.Width(it) <= w:
			cur += "  " + it
		default:
			lines = append(lines, cur)
			cur = theme.Clip(it, w)
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// layoutDetail packs the summary to the width and gives the timeline the
// rest of the height; when that leaves fewer than three lines, the summary
// scrolls with the timeline instead.
func (m *Model) layoutDetail() {
	d := m.detail
	if d == nil {
		return
	}
	w, h := max(m.width, 1), m.height
	d.lines = d.lines[:0]
	for _, g := range d.groups {
		d.lines = append(d.lines, pack(g, w)...)
	}
	// title, summary, blank, timeline heading, viewport, key hint
	vpH := h - 1 - len(d.lines) - 2 - 1
	d.inVP = vpH < 3
	var content []string
	if d.inVP {
		content = append(append(append(content, d.lines...), "", d.head), d.timeline...)
		vpH = h - 2
	} else {
		content = d.timeline
	}
	m.vp.Width, m.vp.Height = w, max(vpH, 1)
	m.vp.SetContent(strings.Join(content, "\n"))
}

func (m *Model) detailKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.detail = nil
		m.refreshRows()
		return nil
	case key.Matches(msg, m.keys.Home):
		m.vp.GotoTop()
		return nil
	case key.Matches(msg, m.keys.End):
		m.vp.GotoBottom()
		return nil
	case key.Matches(msg, m.keys.PageUp):
		m.vp.PageUp()
		return nil
	case key.Matches(msg, m.keys.PageDown):
		m.vp.PageDown()
		return nil
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return cmd
}

// detailView draws the open detail within the pane.
func (m *Model) detailView() string {
	d := m.detail
	w := m.width
	var lines []string
	title := m.st.title.Render(theme.Clip(d.title, w))
	switch {
	case !d.loaded:
		lines = []string{m.st.subtle.Render(m.c.T("members.detail.loading"))}
	case d.err != nil:
		lines = []string{m.st.err.Render(theme.Clip(m.c.T("members.detail.gone")+": "+d.err.Error(), w))}
	case d.inVP:
		lines = []string{title, m.vp.View()}
	default:
		lines = append([]string{title}, d.lines...)
		lines = append(lines, "", m.st.title.Render(theme.Clip(d.head, w)), m.vp.View())
	}
	lines = append(lines, m.st.subtle.Render(theme.Clip(m.c.T("members.detail.keys"), w)))
	return strings.Join(lines, "\n")
}
