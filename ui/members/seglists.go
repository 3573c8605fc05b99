package members

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/theme"
)

// segPicker lists the saved segments (the Lists key) so that one can be
// reopened as the table's list.
type segPicker struct {
	open    bool
	loading bool
	segs    []model.SavedSegment // newest first
	cur     int
	top     int
	reqID   uint64
	err     error
	// confirm is the id of the segment d was pressed on once (a second d
	// deletes it); note says how the last deletion went.
	confirm string
	note    string
}

type (
	segmentsListed struct {
		id   uint64
		segs []model.SavedSegment
		err  error
	}
	segmentOpened struct {
		id   uint64
		seg  model.SavedSegment
		seqs []uint32
		err  error
	}
	segmentDeleted struct {
		id   uint64
		name string
		segs []model.SavedSegment // the list after the deletion
		err  error
	}
)

// openPicker shows the saved segments, read off the update loop.
func (m *Model) openPicker() tea.Cmd {
	if m.a == nil {
		return nil
	}
	m.picker = segPicker{open: true, loading: true, reqID: m.picker.reqID + 1}
	id, st := m.picker.reqID, m.c.Store
	return func() tea.Msg {
		segs, err := st.Segments()
		return segmentsListed{id: id, segs: segs, err: err}
	}
}

func (m *Model) onSegmentsListed(msg segmentsListed) {
	if msg.id != m.picker.reqID || !m.picker.open {
		return
	}
	m.picker.loading, m.picker.segs, m.picker.err = false, msg.segs, msg.err
}

// pickerKey moves in the picker; enter reopens the segment, d twice deletes
// it (refused while a campaign's audience is the segment), esc closes.
func (m *Model) pickerKey(msg tea.KeyMsg) tea.Cmd {
	p := &m.picker
	k := msg.String()
	if k != "d" {
		p.confirm = ""
	}
	switch k {
	case "d":
		if p.loading || p.cur >= len(p.segs) {
			return nil
		}
		seg := p.segs[p.cur]
		if p.confirm != seg.ID {
			p.confirm, p.note = seg.ID, m.c.T("mb.seglists.confirm", seg.Name)
			return nil
		}
		p.confirm = ""
		p.reqID++
		id, st, actor := p.reqID, m.c.Store, m.c.Actor
		p.loading = true
		return func() tea.Msg {
			err := st.DeleteUnusedSegment(actor, seg.ID)
			segs, lerr := st.Segments()
			if err == nil {
				err = lerr
			}
			return segmentDeleted{id: id, name: seg.Name, segs: segs, err: err}
		}
	case "esc", "backspace", "l":
		m.picker.open = false
	case "up", "k":
		p.cur = max(p.cur-1, 0)
	case "down", "j":
		p.cur = max(min(p.cur+1, len(p.segs)-1), 0)
	case "enter":
		if p.loading || p.cur >= len(p.segs) {
			return nil
		}
		p.reqID++
		id, segID, st := p.reqID, p.segs[p.cur].ID, m.c.Store
		p.loading = true
		return func() tea.Msg {
			seg, seqs, err := st.SegmentSeqs(segID)
			return segmentOpened{id: id, seg: seg, seqs: seqs, err: err}
		}
	}
	return nil
}

// onSegmentDeleted shows the list without the segment, or why it stayed.
func (m *Model) onSegmentDeleted(msg segmentDeleted) {
	p := &m.picker
	if msg.id != p.reqID || !p.open {
		return
	}
	p.loading = false
	if msg.segs != nil || msg.err == nil {
		p.segs = msg.segs
	}
	p.cur = max(min(p.cur, len(p.segs)-1), 0)
	var inUse *store.SegmentInUseError
	switch {
	case errors.As(msg.err, &inUse):
		ids := make([]string, len(inUse.Campaigns))
		for i, c := range inUse.Campaigns {
			ids[i] = c.Name
		}
		p.note = m.c.T("mb.seglists.inuse", msg.name, strings.Join(ids, ", "))
	case msg.err != nil:
		p.note = m.c.T("mb.seglists.delfail", msg.err)
	default:
		p.note = m.c.T("mb.seglists.deleted", msg.name)
	}
}

// onSegmentOpened makes the segment's members the table's list (the other
// filters cleared, the sort kept).
func (m *Model) onSegmentOpened(msg segmentOpened) tea.Cmd {
	if msg.id != m.picker.reqID || !m.picker.open {
		return nil
	}
	m.picker.loading = false
	if msg.err != nil {
		m.picker.err = msg.err
		return nil
	}
	m.picker.open = false
	q := NoFilter()
	q.Sort, q.Reverse = m.q.Sort, m.q.Reverse
	q.List = common.NewMemberList(m.c.T("mb.seglists.open", msg.seg.Name), "", msg.seqs, nil)
	m.q = q
	m.lists.note = ""
	m.cursor, m.top = 0, 0
	m.layout()
	return m.recompute(false)
}

// pickerView draws the saved segments within the pane.
func (m *Model) pickerView() string {
	t, w, h := m.c.T, m.width, m.height
	p := &m.picker
	lines := []string{m.st.title.Render(theme.Clip(t("mb.seglists.title"), w))}
	switch {
	case p.err != nil:
		lines = append(lines, m.st.err.Render(theme.Clip(p.err.Error(), w)))
	case p.loading && len(p.segs) == 0:
		lines = append(lines, m.st.subtle.Render(theme.Clip(t("mb.seglists.busy"), w)))
	case len(p.segs) == 0:
		lines = append(lines, m.st.subtle.Render(theme.Clip(t("mb.seglists.empty"), w)))
	}
	// Two lines a segment: its name, then its size, date and filters.
	room := max((h-3)/2, 1)
	if p.note != "" {
		room = max((h-4)/2, 1)
	}
	if p.cur < p.top {
		p.top = p.cur
	} else if p.cur >= p.top+room {
		p.top = p.cur - room + 1
	}
	for i := p.top; i < len(p.segs) && i < p.top+room; i++ {
		s := p.segs[i]
		mark := "  "
		name := theme.Clip(s.Name, max(w-2, 1))
		if i == p.cur {
			mark = "▸ "
			name = m.st.label.Render(name)
		}
		lines = append(lines, mark+name)
		detail := t("mb.seglists.row", format.Count(int64(len(s.MemberIDs))), format.Count(int64(s.Consenting)), s.Created.In(m.c.Store.Location()).Format("2006-01-02"))
		if len(s.Filters) > 0 {
			detail += " · " + strings.Join(s.Filters, "  ")
		}
		lines = append(lines, m.st.subtle.Render(theme.Clip("    "+detail, w)))
	}
	if p.note != "" {
		lines = append(lines, m.st.label.Render(theme.Clip(p.note, w)))
	}
	lines = append(lines, m.st.subtle.Render(theme.Clip(t("mb.seglists.help"), w)))
	return strings.Join(lines, "\n")
}
