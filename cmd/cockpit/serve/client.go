package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	gossh "golang.org/x/crypto/ssh"
)

// SocketPath is the owner's socket beside the database file.
func SocketPath(db string) string { return db + ".sock" }

// Dial connects to the owner of a database through its socket, within
// timeout. An error means no owner answers there (no socket, or one left
// by a process that died): the caller opens the file itself.
//
// The host key is not checked: the socket is mode 0600 in the owner's
// name, so whoever answers on it is this same user's cockpit.
func Dial(socket string, timeout time.Duration) (*gossh.Client, error) {
	nc, err := net.DialTimeout("unix", socket, timeout)
	if err != nil {
		return nil, err
	}
	nc.SetDeadline(time.Now().Add(timeout))
	conn, chans, reqs, err := gossh.NewClientConn(nc, socket, &gossh.ClientConfig{
		User:            "local",
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // see above: the socket's mode authenticates
		Timeout:         timeout,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("owner socket %s: %w", socket, err)
	}
	nc.SetDeadline(time.Time{})
	return gossh.NewClient(conn, chans, reqs), nil
}

// RunCommand runs a command-line subcommand in the owner (the exec form)
// with the given environment and streams and returns its exit code.
func RunCommand(c *gossh.Client, args []string, env map[string]string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	sess, err := c.NewSession()
	if err != nil {
		return 1, err
	}
	defer sess.Close()
	for k, v := range env {
		if v != "" {
			sess.Setenv(k, v)
		}
	}
	sess.Stdout, sess.Stderr = stdout, stderr
	in, err := sess.StdinPipe()
	if err != nil {
		return 1, err
	}
	// Standard input is copied without being waited for: a command that
	// does not read it must not hang on a terminal that sends nothing.
	go func() {
		if stdin != nil {
			io.Copy(in, stdin)
		}
		in.Close()
	}()
	return exitCode(sess.Run(Quote(args)))
}

// exitCode turns a session's end into the remote exit code.
func exitCode(err error) (int, error) {
	var ee *gossh.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &ee):
		return ee.ExitStatus(), nil
	}
	return 1, err
}

// RunTUI opens a cockpit session in the owner on this terminal: the
// terminal goes raw, the owner draws into it at its size and follows its
// resizes, until the session ends.
func RunTUI(c *gossh.Client, in, out *os.File, env map[string]string) (int, error) {
	sess, err := c.NewSession()
	if err != nil {
		return 1, err
	}
	defer sess.Close()
	for k, v := range env {
		if v != "" {
			sess.Setenv(k, v)
		}
	}
	w, h, err := term.GetSize(out.Fd())
	if err != nil {
		w, h = 80, 24
	}
	termName := env["TERM"]
	if termName == "" {
		termName = "xterm-256color"
	}
	if err := sess.RequestPty(termName, h, w, gossh.TerminalModes{}); err != nil {
		return 1, err
	}
	if state, err := term.MakeRaw(in.Fd()); err == nil {
		defer term.Restore(in.Fd(), state)
	}
	sess.Stdout, sess.Stderr = out, out
	pipe, err := sess.StdinPipe()
	if err != nil {
		return 1, err
	}
	go func() {
		io.Copy(pipe, in)
		pipe.Close()
	}()
	if err := sess.Shell(); err != nil {
		return 1, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go watchResize(ctx, func() {
		if w, h, err := term.GetSize(out.Fd()); err == nil {
			sess.WindowChange(h, w)
		}
	})
	return exitCode(sess.Wait())
}

// Quote joins args into one command line the server splits back exactly
// (POSIX shell quoting, as the SSH exec form carries a single string).
func Quote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.IndexFunc(a, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
		}) < 0 {
			q[i] = a
			continue
		}
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}
