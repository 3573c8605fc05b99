package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/memberops/cockpit/store"
)

// subcommand is one verb of a command with verbs (`target add`, `retro new`).
type subcommand struct {
	name string
	run  func(e *env, args []string, lang, tz string) error
}

// runVerb runs the subcommand that args[0] names. A missing or unknown verb
// is a usage error in the caller's language listing the verbs, so commands
// with verbs share one table-driven switch and one message.
func runVerb(e *env, cmd string, args []string, lang, tz string, subs []subcommand) error {
	if len(args) > 0 {
		for _, s := range subs {
			if s.name == args[0] {
				return s.run(e, args[1:], lang, tz)
			}
		}
	}
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = s.name
	}
	verbs := strings.Join(names[:len(names)-1], e.cat.T("cli.sub.sep")) + e.cat.T("cli.sub.or") + names[len(names)-1]
	if len(args) == 0 {
		return usageError{e.cat.T("cli.sub.want", cmd, verbs)}
	}
	return usageError{e.cat.T("cli.sub.unknown", cmd, args[0], verbs)}
}

// notFound turns the store's ErrNotFound for the record id of the given
// kind into the message of catalogue key msg, in the caller's language
// ("retro R7: no such retro"); any other error is returned as it is.
func notFound(e *env, err error, kind, id, msg string) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%s %s: %s", kind, id, e.cat.T(msg))
	}
	return err
}
