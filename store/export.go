package store

import (
	"io"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
)

// ExportMembers writes every member in member order as CSV or JSON Lines, in
// the form ImportFile reads back to the same state. Phones are masked unless
// mask is false (the caller audits an unmasked export). It returns the count.
func (s *Store) ExportMembers(w io.Writer, f rows.Format, mask bool) (int, error) {
	mw := rows.NewMembersWriter(w, f, s.loc, mask)
	n := 0
	err := s.ForEachMember(func(m *model.Member) error {
		n++
		return mw.Write(*m)
	})
	if err != nil {
		return n, err
	}
	return n, mw.Flush()
}

// ExportEvents writes every event, member by member and by time within a
// member, as CSV or JSON Lines.
func (s *Store) ExportEvents(w io.Writer, f rows.Format) (int, error) {
	ew := rows.NewEventsWriter(w, f, s.loc)
	n := 0
	err := s.ForEachEvent(func(e *model.Event) error {
		n++
		return ew.Write(*e)
	})
	if err != nil {
		return n, err
	}
	return n, ew.Flush()
}

// ExportMembersWorkbook writes every member in member order to a new sheet of
// wb, with the header in Chinese (zh) or English, phones masked unless mask
// is false (the caller audits an unmasked export). ImportFile reads the
// workbook back to the same members. It returns the count.
func (s *Store) ExportMembersWorkbook(wb *rows.Workbook, sheet string, zh, mask bool) (int, error) {
	ms, err := rows.NewMembersSheet(wb, sheet, zh, mask)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.ForEachMember(func(m *model.Member) error {
		n++
		return ms.Write(*m)
	})
	return n, err
}

// ExportEventsWorkbook writes every event, member by member and by time
// within a member, to a new sheet of wb.
func (s *Store) ExportEventsWorkbook(wb *rows.Workbook, sheet string, zh bool) (int, error) {
	es, err := rows.NewEventsSheet(wb, sheet, zh)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.ForEachEvent(func(e *model.Event) error {
		n++
		return es.Write(*e)
	})
	return n, err
}
