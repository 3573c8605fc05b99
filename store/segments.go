package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
)

// bSegments holds saved segments (id → JSON). Files made before segments
// existed lack the bucket: it is created by the first save, and readers take
// a missing bucket as empty.
var bSegments = []byte("segments")

var kindSegment = recordKind{bSegments, "S", "segment"}

// PutSegment saves a segment (a new id when its ID is empty) for an editor
// or admin, with its audit entry, and returns the id.
func (s *Store) PutSegment(a Actor, seg model.SavedSegment) (string, error) {
	if seg.Name == "" {
		return "", fmt.Errorf("save segment: %w", ErrEmptyName)
	}
	if err := s.allow(a, Editor); err != nil {
		return "", err
	}
	if seg.Created.IsZero() {
		seg.Created = time.Now()
	}
	if seg.Owner == "" {
		seg.Owner = a.Name
	}
	if err := s.recordUpdate(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bSegments)
		return err
	}); err != nil {
		return "", fmt.Errorf("save segment: %w", err)
	}
	return putRecord(s, a, kindSegment, seg.ID, &seg, func(v *model.SavedSegment, id string) { v.ID = id })
}

// ErrEmptyName is returned for a record that needs a name and has none.
var ErrEmptyName = fmt.Errorf("a name is required")

// Segments lists the saved segments, newest first.
func (s *Store) Segments() ([]model.SavedSegment, error) {
	var out []model.SavedSegment
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bSegments)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var seg model.SavedSegment
			if err := json.Unmarshal(v, &seg); err != nil {
				return fmt.Errorf("segment %s: %w", k, err)
			}
			out = append(out, seg)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out, err
}

// Segment returns one saved segment.
func (s *Store) Segment(id string) (model.SavedSegment, error) {
	var seg model.SavedSegment
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bSegments)
		if b == nil {
			return fmt.Errorf("segment %q: %w", id, ErrNotFound)
		}
		v := b.Get([]byte(id))
		if v == nil {
			return fmt.Errorf("segment %q: %w", id, ErrNotFound)
		}
		return json.Unmarshal(v, &seg)
	})
	return seg, err
}

// SegmentSets resolves every saved segment's member ids to seqs, as the
// by-seq sets campaign audiences match against (AudienceIndex.WithSegments):
// saved segment id → model.SegmentSet. Ids no longer in the file are left
// out. One read transaction; a file without segments gives an empty map.
func (s *Store) SegmentSets() (map[string][]bool, error) {
	out := map[string][]bool{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bSegments)
		if b == nil {
			return nil
		}
		ids := tx.Bucket(bMemberIDs)
		return b.ForEach(func(k, v []byte) error {
			var seg model.SavedSegment
			if err := json.Unmarshal(v, &seg); err != nil {
				return fmt.Errorf("segment %s: %w", k, err)
			}
			seqs := make([]uint32, 0, len(seg.MemberIDs))
			for _, id := range seg.MemberIDs {
				if sv := ids.Get([]byte(id)); len(sv) == 4 {
					seqs = append(seqs, binary.BigEndian.Uint32(sv))
				}
			}
			out[string(k)] = model.SegmentSet(seqs)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("segment sets: %w", err)
	}
	return out, nil
}

// SegmentSeqs returns a saved segment and its members' seqs in the list's
// order, leaving out ids no longer in the file: the Members pane reopens a
// segment as its list with them.
func (s *Store) SegmentSeqs(id string) (model.SavedSegment, []uint32, error) {
	var seg model.SavedSegment
	var seqs []uint32
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bSegments)
		var v []byte
		if b != nil {
			v = b.Get([]byte(id))
		}
		if v == nil {
			return fmt.Errorf("segment %q: %w", id, ErrNotFound)
		}
		if err := json.Unmarshal(v, &seg); err != nil {
			return fmt.Errorf("segment %q: %w", id, err)
		}
		ids := tx.Bucket(bMemberIDs)
		seqs = make([]uint32, 0, len(seg.MemberIDs))
		for _, mid := range seg.MemberIDs {
			if sv := ids.Get([]byte(mid)); len(sv) == 4 {
				seqs = append(seqs, binary.BigEndian.Uint32(sv))
			}
		}
		return nil
	})
	return seg, seqs, err
}

// FindSegment returns the saved segment whose id, or else whose name, is
// ref; a name two segments share is refused (ErrAmbiguous) so that a
// campaign never aims at the wrong list.
func (s *Store) FindSegment(ref string) (model.SavedSegment, error) {
	if seg, err := s.Segment(ref); err == nil {
		return seg, nil
	}
	all, err := s.Segments()
	if err != nil {
		return model.SavedSegment{}, err
	}
	var found []model.SavedSegment
	for _, seg := range all {
		if seg.Name == ref {
			found = append(found, seg)
		}
	}
	switch len(found) {
	case 0:
		return model.SavedSegment{}, fmt.Errorf("segment %q: %w", ref, ErrNotFound)
	case 1:
		return found[0], nil
	}
	return model.SavedSegment{}, fmt.Errorf("segment %q: %d segments have that name, give the id: %w", ref, len(found), ErrAmbiguous)
}

// ErrAmbiguous is returned when a name matches more than one record.
var ErrAmbiguous = fmt.Errorf("ambiguous name")

// DeleteSegment removes a saved segment, whether or not a campaign's
// audience names it (such an audience then matches nobody: a deleted list
// never widens a send). The screens and `cockpit segment delete` go
// through DeleteUnusedSegment, which refuses that case.
func (s *Store) DeleteSegment(a Actor, id string) error {
	if err := s.allow(a, Editor); err != nil {
		return err
	}
	var missing bool
	s.db.View(func(tx *bolt.Tx) error { missing = tx.Bucket(bSegments) == nil; return nil })
	if missing {
		return fmt.Errorf("segment %q: %w", id, ErrNotFound)
	}
	return s.deleteRecord(a, kindSegment, id)
}

// ErrSegmentInUse is returned by DeleteUnusedSegment for a saved segment
// that is a campaign's audience.
var ErrSegmentInUse = errors.New("the audience of a campaign")

// SegmentInUseError is the error DeleteUnusedSegment returns for a segment
// that campaigns use (it wraps ErrSegmentInUse): it names them, so that the
// operator can change their audience first or delete anyway.
type SegmentInUseError struct {
	Segment   string
	Campaigns []model.Campaign // in id order
}

func (e *SegmentInUseError) Error() string {
	ids := make([]string, len(e.Campaigns))
	for i, c := range e.Campaigns {
		ids[i] = c.ID
	}
	return fmt.Sprintf("segment %q: %v (%s)", e.Segment, ErrSegmentInUse, strings.Join(ids, ", "))
}

func (e *SegmentInUseError) Unwrap() error { return ErrSegmentInUse }

// SegmentCampaigns lists the campaigns whose audience is the saved segment
// id, in id order (cancelled and ended ones included: their results and
// retrospectives still read the audience).
func (s *Store) SegmentCampaigns(id string) ([]model.Campaign, error) {
	var out []model.Campaign
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = segmentCampaigns(tx, id)
		return err
	})
	return out, err
}

func segmentCampaigns(tx *bolt.Tx, id string) ([]model.Campaign, error) {
	var out []model.Campaign
	b := tx.Bucket(bCampaigns)
	if b == nil {
		return nil, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var c model.Campaign
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("campaign %s: %w", k, err)
		}
		if c.Audience.Segment == id {
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// DeleteUnusedSegment removes a saved segment for an editor or admin, with
// its audit entry, unless a campaign's audience names it: then nothing is
// deleted and the error is a *SegmentInUseError naming the campaigns. The
// check and the deletion are one transaction, so a campaign saved meanwhile
// cannot lose its audience.
func (s *Store) DeleteUnusedSegment(a Actor, id string) error {
	if err := s.allow(a, Editor); err != nil {
		return s.refused(a, kindSegment.name+".delete", id, err)
	}
	err := s.recordUpdate(func(tx *bolt.Tx) error {
		b := tx.Bucket(bSegments)
		if b == nil || b.Get([]byte(id)) == nil {
			return fmt.Errorf("segment %q: %w", id, ErrNotFound)
		}
		users, err := segmentCampaigns(tx, id)
		if err != nil {
			return err
		}
		if len(users) > 0 {
			return &SegmentInUseError{Segment: id, Campaigns: users}
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		return audit(tx, a, kindSegment.name+".delete", id, "")
	})
	if err != nil {
		return fmt.Errorf("delete segment: %w", err)
	}
	s.feed.publish(Change{Kind: ChangeRecords, Count: 1})
	return nil
}

// ListExport is what WriteMemberList wrote.
type ListExport struct {
	Path       string // the file written (ExportMemberList only)
	Members    int
	Consenting int
	Unmasked   bool
}

// utf8BOM starts every list file so that Excel reads it as UTF-8 (Chinese
// names intact).
const utf8BOM = "\ufeff"

// WriteMemberList writes the members seqs, in order, as CSV with a UTF-8
// byte-order mark, in the columns of `export members`. Phones are masked
// unless unmask is set and the actor is an admin; an unmasked list is
// audited first (and refused when it cannot be).
func (s *Store) WriteMemberList(w io.Writer, a Actor, seqs []uint32, unmask bool, object string) (ListExport, error) {
	out := ListExport{}
	if unmask {
		if a.Role < Admin {
			return out, fmt.Errorf("unmasked list: %s (%s): %w", a.Name, a.Role, ErrForbidden)
		}
		if err := s.Audit(a, "export.unmasked", object, fmt.Sprintf("member list of %d", len(seqs))); err != nil {
			return out, fmt.Errorf("unmasked list: %w", err)
		}
		out.Unmasked = true
	}
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return out, err
	}
	mw := rows.NewMembersWriter(w, rows.CSV, s.loc, !out.Unmasked)
	const page = 4096
	for i := 0; i < len(seqs); i += page {
		ms, err := s.Members(seqs[i:min(i+page, len(seqs))])
		if err != nil {
			return out, fmt.Errorf("member list: %w", err)
		}
		for j := range ms {
			if err := mw.Write(ms[j]); err != nil {
				return out, err
			}
			out.Members++
			if ms[j].Consent {
				out.Consenting++
			}
		}
	}
	return out, mw.Flush()
}

// ExportMemberList writes WriteMemberList to a new file named after the
// list beside the database (name-YYYYMMDD-HHMMSS.csv, mode 0600; a name's
// path separators are replaced) and returns what it wrote.
func (s *Store) ExportMemberList(a Actor, name string, seqs []uint32, unmask bool, now time.Time) (ListExport, error) {
	base := safeFileName(name)
	if base == "" {
		base = "members"
	}
	path := filepath.Join(filepath.Dir(s.path), base+"-"+now.Format("20060102-150405")+".csv")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return ListExport{}, fmt.Errorf("export list: %w", err)
	}
	out, err := s.WriteMemberList(f, a, seqs, unmask, path)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return out, fmt.Errorf("export list %s: %w", path, err)
	}
	out.Path = path
	return out, nil
}

// safeFileName keeps a name's letters (Chinese included), digits, '-' and
// '_', turns other runs into one '_', and trims it to 60 bytes.
func safeFileName(name string) string {
	var b []rune
	under := false
	for _, r := range name {
		ok := r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 && r != 0xFFFD
		if ok {
			b = append(b, r)
			under = false
		} else if !under && len(b) > 0 {
			b = append(b, '_')
			under = true
		}
	}
	s := string(b)
	for len(s) > 60 {
		r := []rune(s)
		s = string(r[:len(r)-1])
	}
	for len(s) > 0 && s[len(s)-1] == '_' {
		s = s[:len(s)-1]
	}
	return s
}
