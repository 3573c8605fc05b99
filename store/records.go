package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// Role is what a person may do. Every edit of a record goes through a method
// that takes an Actor and checks the role here, so the TUI and the SSH server
// cannot forget to.
type Role uint8

// Roles, weakest first.
const (
	Viewer Role = iota
	Editor
	Admin
)

// String names the role as authorized-keys files spell it.
func (r Role) String() string { return [...]string{"viewer", "editor", "admin"}[r] }

// ParseRole reads viewer, editor or admin.
func ParseRole(s string) (Role, bool) {
	switch s {
	case "viewer":
		return Viewer, true
	case "editor":
		return Editor, true
	case "admin":
		return Admin, true
	}
	return 0, false
}

// Actor is who asks for a write or a sensitive read: a name and a role, and
// what the audit log needs to tell one person from another. The local user
// fills UID and Host; an SSH session (cockpit serve) also the key's
// fingerprint and comment.
type Actor struct {
	Name           string
	Role           Role
	UID            string // operating-system user id, when known
	Host           string // machine the person works on
	KeyFingerprint string // SSH key fingerprint (SHA256:…), empty locally
	KeyComment     string // SSH key comment (often user@host), empty locally
}

// ErrForbidden is returned when the actor's role does not allow the action.
var ErrForbidden = errors.New("not allowed for this role")

// allow is the one place where a role is checked: every write (and an
// unmasked export) goes through it with the role it needs.
func (s *Store) allow(a Actor, need Role) error {
	if s.readOnly && need > Viewer {
		return ErrReadOnly
	}
	if a.Role < need {
		return fmt.Errorf("%s (%s, needs %s): %w", a.Name, a.Role, need, ErrForbidden)
	}
	return nil
}

// Allow reports (as an error wrapping ErrForbidden or ErrReadOnly) whether a
// may do what needs the role need here; callers check before starting work
// whose result they would otherwise throw away.
func (s *Store) Allow(a Actor, need Role) error { return s.allow(a, need) }

// AuditEntry is one line of the audit log: every edit, import, member update
// and unmasked export, with who did it from where.
type AuditEntry struct {
	At             time.Time `json:"at"`
	Who            string    `json:"who"`
	Role           string    `json:"role"`
	UID            string    `json:"uid,omitempty"`
	Host           string    `json:"host,omitempty"`
	KeyFingerprint string    `json:"key_fingerprint,omitempty"`
	KeyComment     string    `json:"key_comment,omitempty"`
	Action         string    `json:"action"` // e.g. "target.put", "import", "member.update", "export.unmasked"
	Object         string    `json:"object"`
	// Detail says what was done: the counts of an import, the fields a member
	// update changed, where an export went and how many rows.
	Detail string `json:"detail,omitempty"`
}

func audit(tx *bolt.Tx, a Actor, action, object, detail string) error {
	b := tx.Bucket(bAudit)
	n, _ := b.NextSequence()
	now := time.Now()
	var k [12]byte
	binary.BigEndian.PutUint64(k[:8], uint64(now.UnixNano()))
	binary.BigEndian.PutUint32(k[8:], uint32(n))
	v, _ := json.Marshal(AuditEntry{At: now, Who: a.Name, Role: a.Role.String(), UID: a.UID, Host: a.Host,
		KeyFingerprint: a.KeyFingerprint, KeyComment: a.KeyComment, Action: action, Object: object, Detail: detail})
	return b.Put(k[:], v)
}

// Audit records an action that is not itself a write (an unmasked export).
func (s *Store) Audit(a Actor, action, object, detail string) error {
	if s.readOnly {
		// A read-only reader cannot leave a trace, so the audited action is
		// refused rather than done unrecorded.
		return ErrReadOnly
	}
	return s.recordUpdate(func(tx *bolt.Tx) error { return audit(tx, a, action, object, detail) })
}

// AuditLog returns the audit entries, oldest first, to an admin.
func (s *Store) AuditLog(a Actor) ([]AuditEntry, error) {
	if a.Role < Admin {
		return nil, fmt.Errorf("audit log: %s (%s, needs admin): %w", a.Name, a.Role, ErrForbidden)
	}
	var out []AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bAudit).ForEach(func(_, v []byte) error {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	return out, err
}

// recordKind ties a record type to its bucket, id prefix and audit name.
type recordKind struct {
	bucket []byte
	prefix string // for generated ids
	name   string
}

var (
	kindTarget   = recordKind{bTargets, "T", "target"}
	kindPlan     = recordKind{bPlans, "P", "plan"}
	kindCampaign = recordKind{bCampaigns, "C", "campaign"}
	kindRetro    = recordKind{bRetros, "R", "retro"}
)

// putRecord stores v under id (a new id when empty) in one transaction with its
// audit entry, announces the change and returns the id.
func putRecord[T any](s *Store, a Actor, k recordKind, id string, v *T, setID func(*T, string)) (string, error) {
	if err := s.allow(a, Editor); err != nil {
		return "", s.refused(a, k.name+".put", id, err)
	}
	err := s.recordUpdate(func(tx *bolt.Tx) error {
		b := tx.Bucket(k.bucket)
		if id == "" {
			for {
				n, err := b.NextSequence()
				if err != nil {
					return err
				}
				id = fmt.Sprintf("%s%d", k.prefix, n)
				if b.Get([]byte(id)) == nil {
					break
				}
			}
		}
		setID(v, id)
		buf, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(id), buf); err != nil {
			return err
		}
		return audit(tx, a, k.name+".put", id, "")
	})
	if err != nil {
		return "", fmt.Errorf("save %s %s: %w", k.name, id, err)
	}
	s.feed.publish(Change{Kind: ChangeRecords, Count: 1})
	return id, nil
}

func getRecord[T any](s *Store, k recordKind, id string) (T, error) {
	var v T
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(k.bucket).Get([]byte(id))
		if raw == nil {
			return fmt.Errorf("%s %q: %w", k.name, id, ErrNotFound)
		}
		return json.Unmarshal(raw, &v)
	})
	return v, err
}

func listRecords[T any](s *Store, k recordKind) ([]T, error) {
	var out []T
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(k.bucket).ForEach(func(key, raw []byte) error {
			var v T
			if err := json.Unmarshal(raw, &v); err != nil {
				return fmt.Errorf("%s %s: %w", k.name, key, err)
			}
			out = append(out, v)
			return nil
		})
	})
	return out, err
}

func (s *Store) deleteRecord(a Actor, k recordKind, id string) error {
	if err := s.allow(a, Editor); err != nil {
		return s.refused(a, k.name+".delete", id, err)
	}
	err := s.recordUpdate(func(tx *bolt.Tx) error {
		b := tx.Bucket(k.bucket)
		if b.Get([]byte(id)) == nil {
			return fmt.Errorf("%s %q: %w", k.name, id, ErrNotFound)
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		return audit(tx, a, k.name+".delete", id, "")
	})
	if err != nil {
		return err
	}
	s.feed.publish(Change{Kind: ChangeRecords, Count: 1})
	return nil
}

// PutTarget creates (empty ID) or replaces a target; it returns the id.
func (s *Store) PutTarget(a Actor, t model.Target) (string, error) {
	now := time.Now()
	if t.Created.IsZero() {
		t.Created = now
	}
	t.Updated = now
	return putRecord(s, a, kindTarget, t.ID, &t, func(t *model.Target, id string) { t.ID = id })
}

// Target returns one target.
func (s *Store) Target(id string) (model.Target, error) {
	return getRecord[model.Target](s, kindTarget, id)
}

// Targets lists targets ordered by start day, then id.
func (s *Store) Targets() ([]model.Target, error) {
	ts, err := listRecords[model.Target](s, kindTarget)
	sort.SliceStable(ts, func(i, j int) bool {
		if ts[i].From != ts[j].From {
			return ts[i].From < ts[j].From
		}
		return ts[i].ID < ts[j].ID
	})
	return ts, err
}

// DeleteTarget removes a target.
func (s *Store) DeleteTarget(a Actor, id string) error { return s.deleteRecord(a, kindTarget, id) }

// PutPlan creates or replaces a plan.
func (s *Store) PutPlan(a Actor, p model.Plan) (string, error) {
	return putRecord(s, a, kindPlan, p.ID, &p, func(p *model.Plan, id string) { p.ID = id })
}

// Plans lists plans in id order.
func (s *Store) Plans() ([]model.Plan, error) { return listRecords[model.Plan](s, kindPlan) }

// PutCampaign creates or replaces a campaign (its ID is chosen by the operator).
func (s *Store) PutCampaign(a Actor, c model.Campaign) (string, error) {
	return putRecord(s, a, kindCampaign, c.ID, &c, func(c *model.Campaign, id string) { c.ID = id })
}

// Campaign returns one campaign.
func (s *Store) Campaign(id string) (model.Campaign, error) {
	return getRecord[model.Campaign](s, kindCampaign, id)
}

// Campaigns lists campaigns ordered by start day.
func (s *Store) Campaigns() ([]model.Campaign, error) {
	cs, err := listRecords[model.Campaign](s, kindCampaign)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	return cs, err
}

// DeleteCampaign removes a campaign.
func (s *Store) DeleteCampaign(a Actor, id string) error { return s.deleteRecord(a, kindCampaign, id) }

// PutRetro creates or replaces a retrospective. Created and Updated are set
// to now unless given and not in the future (the sample's retros keep their
// own times); edits go through SaveRetroNarrative and the other retro
// methods, which stamp them.
func (s *Store) PutRetro(a Actor, r model.Retro) (string, error) {
	now := time.Now()
	if r.Created.IsZero() || r.Created.After(now) {
		r.Created = now
	}
	if r.Updated.IsZero() || r.Updated.After(now) {
		r.Updated = now
	}
	return putRecord(s, a, kindRetro, r.ID, &r, func(r *model.Retro, id string) { r.ID = id })
}

// Retro returns one retrospective.
func (s *Store) Retro(id string) (model.Retro, error) {
	return getRecord[model.Retro](s, kindRetro, id)
}

// Retros lists retrospectives in id order.
func (s *Store) Retros() ([]model.Retro, error) { return listRecords[model.Retro](s, kindRetro) }
