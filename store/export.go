package store

import (
	"fmt"
	"io"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
)

// ExportOptions say how to export.
type ExportOptions struct {
	Format rows.Format // CSV (the zero value reads as CSV) or JSONL
	// Unmask writes phones in full: it needs the admin role and is recorded in
	// the audit log, with Dest and the number of rows, before a row is written.
	Unmask bool
	// Dest names where the rows go (a file, "stdout", an SSH session), for the
	// audit log.
	Dest string
}

// ExportMembers writes every member in member order as CSV or JSON Lines, in
// the form ImportFile reads back to the same state, for actor a (any role may
// export masked phones; Unmask needs admin). It returns the count.
func (s *Store) ExportMembers(a Actor, w io.Writer, opt ExportOptions) (int, error) {
	if opt.Unmask {
		if err := s.allow(a, Admin); err != nil {
			return 0, fmt.Errorf("unmasked export: %w", s.refused(a, "export.unmasked", opt.Dest, err))
		}
		info, err := s.Info()
		if err != nil {
			return 0, err
		}
		detail := fmt.Sprintf("%d members to %s (%s)", info.Members, opt.Dest, formatOf(opt.Format))
		if err := s.Audit(a, "export.unmasked", "members", detail); err != nil {
			return 0, fmt.Errorf("unmasked export: audit: %w", err)
		}
	}
	mw := rows.NewMembersWriter(w, formatOf(opt.Format), s.loc, !opt.Unmask)
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
// member, as CSV or JSON Lines, for actor a (any role).
func (s *Store) ExportEvents(a Actor, w io.Writer, opt ExportOptions) (int, error) {
	if err := s.allow(a, Viewer); err != nil {
		return 0, err
	}
	ew := rows.NewEventsWriter(w, formatOf(opt.Format), s.loc)
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

func formatOf(f rows.Format) rows.Format {
	if f == rows.FormatAuto {
		return rows.CSV
	}
	return f
}
