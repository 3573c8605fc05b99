package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/theme"
)

// reason says why the server ended a session.
type reason int32

const (
	reasonNone reason = iota
	reasonShutdown
	reasonIdle
	reasonOverflow
)

// fpExt is where the public-key handler records the fingerprint of the key
// it approved, in the connection's permissions.
const fpExt = "cockpit-key-fp"

// sessionKey finds a session's state in its ssh.Context.
type sessionKey struct{}

// session is one SSH (or local socket) session.
type session struct {
	srv    *Server
	sess   ssh.Session
	local  bool
	actor  store.Actor
	lang   i18n.Lang
	cat    i18n.Catalog
	getenv func(string) string
	ctx    context.Context
	cancel context.CancelFunc
	out    *outQueue

	lastInput atomic.Int64 // unix nanos of the last byte the client typed
	why       atomic.Int32 // a reason once the server ends the session

	mu     sync.Mutex
	prog   *tea.Program
	model  *ui.Model
	ending bool
}

// publicKeyHandler approves a key found in the authorized keys file and
// records its fingerprint. It may be called for several keys of one
// connection (a client offers before it signs); the session re-checks the
// key it actually authenticated with (admit), which is what the role comes
// from — trusting the last key merely offered is CVE-2024-45337.
func (s *Server) publicKeyHandler(ctx ssh.Context, pk ssh.PublicKey) bool {
	e, ok := s.keys.lookup(pk)
	if !ok {
		s.logf("unknown key %s from %s refused", gossh.FingerprintSHA256(pk), ctx.RemoteAddr())
		return false
	}
	perms := ctx.Permissions()
	if perms.Extensions == nil {
		perms.Extensions = map[string]string{}
	}
	perms.Extensions[fpExt] = e.Fingerprint
	return true
}

// identify works out who the session is: over TCP, from the public key the
// connection authenticated with, looked up again in the keys file as it is
// now; over the local socket, this machine's user as admin.
func (s *Server) identify(sess ssh.Session, local bool) (store.Actor, *KeyEntry, bool) {
	if local {
		return store.Actor{Name: s.cfg.LocalUser + " (local)", Role: store.Admin}, nil, true
	}
	pk := sess.PublicKey()
	if pk == nil {
		return store.Actor{}, nil, false
	}
	fp := gossh.FingerprintSHA256(pk)
	if perms := sess.Permissions().Permissions; perms == nil || perms.Extensions[fpExt] != fp {
		return store.Actor{}, nil, false
	}
	e, ok := s.keys.lookup(pk)
	if !ok {
		return store.Actor{}, nil, false
	}
	name := e.Comment
	if name == "" {
		name = sess.User()
	}
	return store.Actor{Name: name, Role: e.Role, KeyFingerprint: e.Fingerprint, KeyComment: e.Comment}, &e, true
}

// envOf returns a lookup of the session's environment where the locale
// falls back to the key's language, then to the server's default, so the
// CLI's own detection gives the right language.
func envOf(sess ssh.Session, lang i18n.Lang) func(string) string {
	env := sess.Environ()
	return func(k string) string {
		for _, v := range env {
			if strings.HasPrefix(v, k+"=") {
				return v[len(k)+1:]
			}
		}
		if k == "LANG" {
			if lang == i18n.Zh {
				return "zh_CN.UTF-8"
			}
			return "en_US.UTF-8"
		}
		return ""
	}
}

// sessionLang is the client's LANG (or LC_ALL, LC_MESSAGES) when sent, else
// the key's lang= option, else the server's default.
func (s *Server) sessionLang(sess ssh.Session, e *KeyEntry) i18n.Lang {
	env := sess.Environ()
	for _, k := range []string{"COCKPIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		for _, v := range env {
			if val, ok := strings.CutPrefix(v, k+"="); ok && val != "" {
				if k == "COCKPIT_LANG" {
					if l, ok := i18n.Parse(val); ok {
						return l
					}
					continue
				}
				return i18n.Detect(func(string) string { return val })
			}
		}
	}
	if e != nil && e.HasLang {
		return e.Lang
	}
	return s.cfg.Lang
}

// admit is the outermost middleware: it identifies the session, applies
// the session limit, runs a command (exec form) or hands a terminal to the
// cockpit (the next middleware), and ends the session cleanly either way.
func (s *Server) admit(local bool) wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			actor, key, ok := s.identify(sess, local)
			lang := s.cfg.Lang
			if ok {
				lang = s.sessionLang(sess, key)
			}
			cat := i18n.New(lang)
			if !ok {
				s.logf("session from %s refused: key not authorised now", sess.RemoteAddr())
				fmt.Fprintln(sess.Stderr(), cat.T("serve.denied"))
				sess.Exit(1)
				return
			}
			ctx, cancel := context.WithCancel(sess.Context())
			defer cancel()
			ss := &session{srv: s, sess: sess, local: local, actor: actor, lang: lang, cat: cat,
				getenv: envOf(sess, lang), ctx: ctx, cancel: cancel}
			ss.lastInput.Store(time.Now().UnixNano())
			if full, closing := s.register(ss); full || closing {
				msg := cat.T("serve.full", s.cfg.MaxSessions)
				if closing {
					msg = cat.T("serve.closing")
				}
				s.logf("session of %s refused: %s", actor.Name, msg)
				fmt.Fprintln(sess.Stderr(), msg)
				sess.Exit(1)
				return
			}
			defer s.unregister(ss)
			sess.Context().SetValue(sessionKey{}, ss)
			if cmd := sess.Command(); len(cmd) > 0 {
				s.logf("exec by %s (%s): %s", actor.Name, actor.Role, strings.Join(cmd, " "))
				sess.Exit(s.exec(ss))
				return
			}
			if _, _, isPty := sess.Pty(); !isPty {
				fmt.Fprintln(sess.Stderr(), cat.T("serve.noterm"))
				sess.Exit(1)
				return
			}
			s.logf("cockpit for %s (%s) from %s", actor.Name, actor.Role, sess.RemoteAddr())
			ss.out = newOutQueue(sess, s.cfg.OutputCap, func() { ss.end(reasonOverflow) })
			go ss.watchIdle()
			next(sess) // the Bubble Tea middleware runs the program until it ends
			ss.finish()
		}
	}
}

// register counts a session in, unless the server is full or closing.
func (s *Server) register(ss *session) (full, closing bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false, true
	}
	if len(s.sessions) >= s.cfg.MaxSessions {
		return true, false
	}
	s.sessions[ss] = struct{}{}
	return false, false
}

func (s *Server) unregister(ss *session) {
	s.mu.Lock()
	delete(s.sessions, ss)
	s.mu.Unlock()
}

// exec runs the session's command through the CLI on the open store.
func (s *Server) exec(ss *session) int {
	req := ExecRequest{
		Ctx: ss.ctx, Args: ss.sess.Command(),
		Stdin: ss.sess, Stdout: ss.sess, Stderr: ss.sess.Stderr(),
		Getenv: ss.getenv, Actor: ss.actor, Remote: !ss.local,
	}
	if ss.local {
		req.Dir = ss.getenv("COCKPIT_CWD")
	}
	return s.cfg.Exec(req)
}

// programHandler builds a session's cockpit: its own renderer (colour
// profile and background from the client's terminal), catalogue, styles
// and root model, over the process's shared store and Hub.
func (s *Server) programHandler(sess ssh.Session) *tea.Program {
	ss, _ := sess.Context().Value(sessionKey{}).(*session)
	if ss == nil {
		return nil
	}
	r := bm.MakeRenderer(sess)
	ascii := s.cfg.ASCII
	if v := ss.getenv("COCKPIT_ASCII"); v != "" && v != "0" {
		ascii = true
	}
	c := &common.Common{
		Store:    s.cfg.Store,
		Cat:      ss.cat,
		Renderer: r,
		Styles:   theme.New(r, ascii),
		Now:      s.cfg.Now,
		Rules:    s.cfg.Rules,
		Actor:    ss.actor,
		Hub:      s.cfg.Hub,
		Ctx:      ss.ctx,
	}
	m := ui.New(c, ui.Options{DBName: s.cfg.DBName})
	p := tea.NewProgram(m,
		tea.WithInput(&idleReader{r: sess, ss: ss}),
		tea.WithOutput(ss.out),
		tea.WithAltScreen(),
		tea.WithMouseCellMotion(),
		tea.WithoutSignalHandler(),
	)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.ending {
		m.Close()
		return nil
	}
	ss.prog, ss.model = p, m
	return p
}

// end asks the session to close for reason: the program quits, and the
// session tells its client why once the screen is restored.
func (ss *session) end(why reason) {
	ss.why.CompareAndSwap(int32(reasonNone), int32(why))
	ss.mu.Lock()
	p := ss.prog
	ss.ending = true
	ss.mu.Unlock()
	if p != nil {
		p.Quit()
	} else if why != reasonShutdown {
		ss.cancel()
	}
}

// finish runs after the program ended: the subscription goes, the queued
// output is flushed (the alternate screen is left), and the client is told
// why the server ended the session.
func (ss *session) finish() {
	ss.mu.Lock()
	m := ss.model
	ss.ending = true
	ss.mu.Unlock()
	if m != nil {
		m.Close()
	}
	ss.cancel()
	ss.out.drain(2 * time.Second)
	var msg string
	switch reason(ss.why.Load()) {
	case reasonShutdown:
		msg = ss.cat.T("serve.closing")
	case reasonIdle:
		msg = ss.cat.T("serve.idle", ss.srv.cfg.IdleTimeout)
	case reasonOverflow:
		msg = ss.cat.T("serve.overflow", ss.srv.cfg.OutputCap>>10)
	}
	if msg != "" {
		ss.srv.logf("session of %s ended: %s", ss.actor.Name, msg)
		fmt.Fprintf(ss.sess.Stderr(), "\r\n%s\r\n", msg)
		ss.sess.Exit(1)
		return
	}
	ss.sess.Exit(0)
}

// watchIdle ends the session after the idle timeout without input.
func (ss *session) watchIdle() {
	idle := ss.srv.cfg.IdleTimeout
	if idle < 0 {
		return
	}
	tick := min(idle/4, time.Second)
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-ss.ctx.Done():
			return
		case now := <-t.C:
			if now.Sub(time.Unix(0, ss.lastInput.Load())) >= idle {
				ss.end(reasonIdle)
				return
			}
		}
	}
}

// idleReader notes when the client last typed.
type idleReader struct {
	r  io.Reader
	ss *session
}

func (i *idleReader) Read(p []byte) (int, error) {
	n, err := i.r.Read(p)
	if n > 0 {
		i.ss.lastInput.Store(time.Now().UnixNano())
	}
	if err != nil {
		// The client closed its side (the channel, not always the
		// connection): the session is over.
		go i.ss.end(reasonNone)
	}
	return n, err
}

// errOverflow is returned to the renderer once a session's output backed up.
var errOverflow = errors.New("session output queue full")

// outQueue decouples a session's program from its client: frames are queued
// and written by a goroutine of their own, so a client that stops reading
// (a stalled network) holds at most cap bytes, and then its session is
// ended instead of blocking or growing without bound.
type outQueue struct {
	w        io.Writer
	cap      int
	overflow func()

	mu     sync.Mutex
	cond   *sync.Cond
	buf    []byte
	closed bool
	done   chan struct{}
}

func newOutQueue(w io.Writer, cap int, overflow func()) *outQueue {
	q := &outQueue{w: w, cap: cap, overflow: overflow, done: make(chan struct{})}
	q.cond = sync.NewCond(&q.mu)
	go q.run()
	return q
}

// Write queues p; beyond the cap the session is ended.
func (q *outQueue) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return 0, io.ErrClosedPipe
	}
	if len(q.buf)+len(p) > q.cap {
		q.closed = true
		q.buf = nil
		q.cond.Signal()
		go q.overflow()
		return 0, errOverflow
	}
	q.buf = append(q.buf, p...)
	q.cond.Signal()
	return len(p), nil
}

func (q *outQueue) run() {
	defer close(q.done)
	var chunk []byte
	for {
		q.mu.Lock()
		for len(q.buf) == 0 && !q.closed {
			q.cond.Wait()
		}
		if len(q.buf) == 0 && q.closed {
			q.mu.Unlock()
			return
		}
		chunk, q.buf = q.buf, chunk[:0]
		q.mu.Unlock()
		if _, err := q.w.Write(chunk); err != nil {
			q.mu.Lock()
			q.closed, q.buf = true, nil
			q.mu.Unlock()
			return
		}
	}
}

// drain stops taking output and waits up to d for the queue to empty.
func (q *outQueue) drain(d time.Duration) {
	if q == nil {
		return
	}
	q.mu.Lock()
	q.closed = true
	q.cond.Signal()
	q.mu.Unlock()
	select {
	case <-q.done:
	case <-time.After(d):
	}
}
