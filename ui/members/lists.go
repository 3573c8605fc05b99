package members

import (
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
)

// listState is the pane's state for computed lists, saving a list as a
// segment and exporting it.
type listState struct {
	birthdays int    // a birthday list waiting for the profiles (days ahead)
	consent   int    // consenting members among the rows (-1: unknown)
	naming    bool   // the input takes a segment's name
	note      string // the outcome of the last save or export
	noteErr   bool
	reqID     uint64
}

type (
	listSaved struct {
		id    uint64
		segID string
		name  string
		n     int
		err   error
	}
	listExported struct {
		id  uint64
		out store.ListExport
		err error
	}
)

// birthdayList is the members whose birthday falls in the next n days
// (from the as-of day), soonest first, with the days to go.
func (m *Model) birthdayList(n int) *common.MemberList {
	var d model.Day
	if m.data != nil {
		d = m.data.AsOf
	}
	es := m.profiles.Birthdays(d, n)
	seqs := make([]uint32, len(es))
	vals := make([]string, len(es))
	for i, e := range es {
		seqs[i] = e.Seq
		vals[i] = e.Date.String()[5:] + " " + m.c.T("members.list.in_days", e.In)
	}
	return common.NewMemberList(m.c.T("members.list.birthdays", n), m.c.T("members.col.birthday"), seqs, vals)
}

// listSeqs is the members of the rows, in the rows' order.
func (m *Model) listSeqs() []uint32 {
	out := make([]uint32, len(m.rows))
	for i, r := range m.rows {
		out[i] = m.a.Members[r].Seq
	}
	return out
}

// filterTexts describes the query for people and for tools (a saved
// segment keeps both).
func (m *Model) filterTexts() (human, machine []string) {
	t := m.c.T
	q := m.q
	add := func(h, k, v string) { human, machine = append(human, h), append(machine, k+"="+v) }
	if q.Flow >= 0 {
		to := "*"
		toName := t("members.flow.any")
		if q.Stage >= 0 {
			to = model.Stage(q.Stage).String()
			toName = t("stage." + to)
		}
		add(t("members.filter.flow")+"="+m.flowFrom(q.Flow)+"→"+toName, "flow", m.flowKey(q.Flow)+">"+to)
	} else if q.Stage >= 0 {
		add(t("members.filter.stage")+"="+t("stage."+model.Stage(q.Stage).String()), "stage", model.Stage(q.Stage).String())
	}
	if q.Tier >= 0 {
		add(t("members.filter.tier")+"="+t("tier."+model.Tier(q.Tier).String()), "tier", model.Tier(q.Tier).String())
	}
	if q.Segment >= 0 {
		add(t("members.filter.segment")+"="+t("segment."+model.Segment(q.Segment).String()), "segment", model.Segment(q.Segment).String())
	}
	if p := m.profiles; p != nil && q.Channel > 0 && q.Channel <= len(p.Channels()) {
		add(t("members.filter.channel")+"="+p.Channels()[q.Channel-1], "channel", p.Channels()[q.Channel-1])
	}
	if p := m.profiles; p != nil && q.Tag > 0 && q.Tag <= len(p.Tags()) {
		add(t("members.filter.tag")+"="+p.Tags()[q.Tag-1], "tag", p.Tags()[q.Tag-1])
	}
	if q.Text != "" {
		add(t("members.filter.search")+"=\""+q.Text+"\"", "search", q.Text)
	}
	if q.List != nil {
		add(t("members.filter.list")+"="+q.List.Name, "list", q.List.Name)
	}
	return human, machine
}

func (m *Model) flowFrom(row int) string {
	if row == int(store.FlowNew) {
		return m.c.T("lifecycle.flow.new")
	}
	return m.c.T("stage." + model.Stage(row).String())
}

func (m *Model) flowKey(row int) string {
	if row == int(store.FlowNew) {
		return "new"
	}
	return model.Stage(row).String()
}

// startSave opens the name input for saving the list as a segment.
func (m *Model) startSave() tea.Cmd {
	if m.a == nil || len(m.rows) == 0 {
		return nil
	}
	m.lists.naming = true
	m.lists.note = ""
	m.input.Prompt = m.c.T("members.save.prompt")
	m.input.Placeholder = m.c.T("members.save.hint")
	m.input.SetValue("")
	return m.input.Focus()
}

func (m *Model) endNaming() {
	m.lists.naming = false
	m.input.Blur()
	m.input.Prompt = m.c.T("members.search.prompt")
	m.input.Placeholder = m.c.T("members.search.hint")
	m.input.SetValue("")
}

// nameKey edits the segment's name; enter saves, esc cancels.
func (m *Model) nameKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEsc:
		m.endNaming()
		return nil
	case tea.KeyEnter:
		name := strings.TrimSpace(m.input.Value())
		if name == "" {
			return nil
		}
		m.endNaming()
		return m.save(name)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// save stores the list as a segment through the role-checked write path.
func (m *Model) save(name string) tea.Cmd {
	human, machine := m.filterTexts()
	seg := model.SavedSegment{Name: name, Filters: human, Query: machine, AsOf: m.data.AsOf, Window: m.data.Window,
		Consenting: max(m.lists.consent, 0)}
	seqs := m.listSeqs()
	p, st, actor := m.profiles, m.c.Store, m.c.Actor
	m.lists.reqID++
	id := m.lists.reqID
	return func() tea.Msg {
		seg.MemberIDs = make([]string, 0, len(seqs))
		for _, s := range seqs {
			if p != nil {
				seg.MemberIDs = append(seg.MemberIDs, p.ID(s))
			}
		}
		segID, err := st.PutSegment(actor, seg)
		return listSaved{id: id, segID: segID, name: name, n: len(seqs), err: err}
	}
}

func (m *Model) onSaved(msg listSaved) {
	if msg.id != m.lists.reqID {
		return
	}
	if msg.err != nil {
		m.lists.note, m.lists.noteErr = m.c.T("members.save.failed", msg.err), true
		return
	}
	m.lists.note, m.lists.noteErr = m.c.T("members.save.done", msg.name, msg.segID, msg.n), false
}

// export writes the list as a CSV file beside the database.
func (m *Model) export(unmask bool) tea.Cmd {
	if m.a == nil || len(m.rows) == 0 {
		return nil
	}
	if unmask && m.c.Actor.Role < store.Admin {
		m.lists.note, m.lists.noteErr = m.c.T("members.export.admin"), true
		return nil
	}
	name := m.c.T("members.export.name")
	if m.q.List != nil {
		name = m.q.List.Name
	} else if h, _ := m.filterTexts(); len(h) > 0 {
		name = strings.Join(h, "_")
	}
	seqs := m.listSeqs()
	st, actor, now := m.c.Store, m.c.Actor, m.c.Now()
	m.lists.reqID++
	id := m.lists.reqID
	m.lists.note, m.lists.noteErr = m.c.T("members.export.busy"), false
	return func() tea.Msg {
		out, err := st.ExportMemberList(actor, name, seqs, unmask, now)
		return listExported{id: id, out: out, err: err}
	}
}

func (m *Model) onExported(msg listExported) {
	if msg.id != m.lists.reqID {
		return
	}
	if msg.err != nil {
		m.lists.note, m.lists.noteErr = m.c.T("members.export.failed", msg.err), true
		return
	}
	// The file is beside the database: its name says where.
	m.lists.note, m.lists.noteErr = m.c.T("members.export.done", msg.out.Members, msg.out.Consenting, filepath.Base(msg.out.Path)), false
}

// consentText is "N consenting" for the status line, or "" when unknown.
func (m *Model) consentText() string {
	if m.lists.consent < 0 || m.profiles == nil {
		return ""
	}
	return m.c.T("members.consenting", format.Count(int64(m.lists.consent)))
}
