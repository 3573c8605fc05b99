package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// refused records a refused attempt in the audit log (action+".denied" on
// object) when err is a role refusal, and returns err. Best effort: the
// refusal stands even if the log cannot be written.
func (s *Store) refused(a Actor, action, object string, err error) error {
	if errors.Is(err, ErrForbidden) && !s.readOnly {
		_ = s.recordUpdate(func(tx *bolt.Tx) error { return audit(tx, a, action+".denied", object, "") })
	}
	return err
}

// Guard checks that a holds at least the role need for action on object
// (an audit action name: "import", "backup", "export.unmasked", "target.put"
// …) and records a refusal in the audit log. Commands and views call it
// before work that does not go through a record method, so a viewer's
// attempt is refused and audited in one place.
func (s *Store) Guard(a Actor, need Role, action, object string) error {
	if a.Role < need {
		return s.refused(a, action, object, fmt.Errorf("%s (%s): %w", a.Name, a.Role, ErrForbidden))
	}
	return nil
}
