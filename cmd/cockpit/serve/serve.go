// Package serve is the owner of a cockpit database answering for it: the SSH
// server of `cockpit serve` (public keys from an OpenSSH authorized_keys
// file, a role per key, one cockpit per session with its own renderer, size
// and language, command-line subcommands through the exec form) and the
// local socket beside the database through which other cockpit processes of
// the same user run their commands and open their own sessions while a
// cockpit owns the file.
//
// Every session draws from one common.Hub (one analysis per change of the
// data) and holds only its view state. A session has an end: when the
// client leaves, the server shuts down, the session is idle too long or its
// output backs up, its context is cancelled, its program quits, its change
// subscription is released and it is told why.
//
// The package does I/O (keys, sockets) and wires ui; cmd/cockpit only
// builds a Config.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/i18n"
)

// Defaults of the limits that keep a shared server healthy.
const (
	DefaultMaxSessions = 32
	DefaultIdleTimeout = 30 * time.Minute
	DefaultOutputCap   = 4 << 20 // bytes of a session's output waiting for its client
)

// ExecRequest is one command-line subcommand run through the owner: `ssh
// -p PORT HOST kpi --json`, or another cockpit process on the same file.
type ExecRequest struct {
	Ctx    context.Context // ends with the session
	Args   []string        // the subcommand and its arguments (no "cockpit")
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string // the session's environment (LANG …)
	Actor  store.Actor         // who runs it, from the key it authenticated with
	// Remote is true for an SSH client (file arguments must be "-"); false
	// for the local socket, whose caller is this machine's same user.
	Remote bool
	// Dir is the caller's working directory over the local socket (relative
	// file arguments are its), empty over SSH.
	Dir string
}

// Config describes a server. Store and Hub are required; Exec runs the
// command-line subcommands (cmd/cockpit's CLI entry on the open store).
type Config struct {
	Store *store.Store
	Hub   *common.Hub
	// Listen is the TCP address of the SSH server ("" for none: a local
	// cockpit answering only on its socket).
	Listen         string
	AuthorizedKeys string // OpenSSH authorized_keys file with role= options
	HostKey        string // ed25519 host key, created (0600) when missing
	// Socket is the unix socket beside the database for the same user's
	// other cockpit processes ("" for none).
	Socket string
	// LocalUser names the local socket's caller in the audit log.
	LocalUser string

	MaxSessions int           // 0: DefaultMaxSessions
	IdleTimeout time.Duration // 0: DefaultIdleTimeout; <0: none
	OutputCap   int           // 0: DefaultOutputCap

	Lang   i18n.Lang // language of a session whose client sends no LANG
	ASCII  bool      // draw every session with ASCII only
	Rules  model.Rules
	Now    func() time.Time
	DBName string

	Exec func(ExecRequest) int
	// Log receives one line per connection event (nil: discarded).
	Log io.Writer
}

// Server is a running owner: the SSH listener, the local socket, or both.
type Server struct {
	cfg    Config
	keys   *keyring
	signer gossh.Signer
	tcp    *ssh.Server
	local  *ssh.Server
	ln     net.Listener
	sockLn net.Listener
	wg     sync.WaitGroup

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool
	logMu    sync.Mutex
}

// New prepares a server: it loads (or creates) the host key and reads the
// authorized keys when there is a TCP listener, and opens the listeners.
// Nothing is served before Start.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Hub == nil || cfg.Exec == nil {
		return nil, errors.New("serve: Store, Hub and Exec are required")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.OutputCap <= 0 {
		cfg.OutputCap = DefaultOutputCap
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Rules == (model.Rules{}) {
		cfg.Rules = model.DefaultRules()
	}
	if cfg.LocalUser == "" {
		cfg.LocalUser = "local"
	}
	s := &Server{cfg: cfg, sessions: map[*session]struct{}{}}
	if cfg.Listen != "" {
		signer, err := LoadHostKey(cfg.HostKey)
		if err != nil {
			return nil, err
		}
		s.signer = signer
		s.keys = &keyring{path: cfg.AuthorizedKeys, log: s.logf}
		if _, err := s.keys.current(); err != nil {
			return nil, err
		}
		srv, err := wish.NewServer(
			hostKey(signer),
			wish.WithPublicKeyAuth(s.publicKeyHandler),
			wish.WithMiddleware(s.middleware(false)...),
		)
		if err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
		srv.ConnectionFailedCallback = func(c net.Conn, err error) {
			s.logf("refused %s: %v", c.RemoteAddr(), err)
		}
		s.tcp = srv
		ln, err := net.Listen("tcp", cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("serve: listen %s: %w", cfg.Listen, err)
		}
		s.ln = ln
	}
	if cfg.Socket != "" {
		// The socket is reachable only by this user (0600): no keys, every
		// caller is the local admin. Its host key lives in memory.
		signer, err := newSigner()
		if err != nil {
			return nil, err
		}
		srv, err := wish.NewServer(hostKey(signer), wish.WithMiddleware(s.middleware(true)...))
		if err != nil {
			s.closeListeners()
			return nil, fmt.Errorf("serve: %w", err)
		}
		s.local = srv
		ln, err := listenSocket(cfg.Socket)
		if err != nil {
			s.closeListeners()
			return nil, err
		}
		s.sockLn = ln
	}
	return s, nil
}

// hostKey sets the server's host key, so wish does not create one of its
// own in the working directory.
func hostKey(signer gossh.Signer) ssh.Option {
	return func(srv *ssh.Server) error {
		srv.AddHostKey(signer)
		return nil
	}
}

// Start serves in the background until Shutdown.
func (s *Server) Start() {
	serveOn := func(srv *ssh.Server, ln net.Listener) {
		if srv == nil || ln == nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
				s.logf("serve: %v", err)
			}
		}()
	}
	serveOn(s.tcp, s.ln)
	serveOn(s.local, s.sockLn)
}

// Addr is the TCP address listened on (nil without one).
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Fingerprint is the host key's SHA256 fingerprint as ssh prints it.
func (s *Server) Fingerprint() string {
	if s.signer == nil {
		return ""
	}
	return gossh.FingerprintSHA256(s.signer.PublicKey())
}

// AuthorizedCount is how many keys the authorized keys file holds now.
func (s *Server) AuthorizedCount() int {
	if s.keys == nil {
		return 0
	}
	ks, err := s.keys.current()
	if err != nil {
		return 0
	}
	return len(ks)
}

// Sessions returns how many sessions are open.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Shutdown tells every session the server is closing and ends it, stops
// accepting, and waits (until ctx ends) for the sessions to go. The store
// stays open: its owner closes it afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	open := make([]*session, 0, len(s.sessions))
	for ss := range s.sessions {
		open = append(open, ss)
	}
	s.mu.Unlock()
	for _, ss := range open {
		ss.end(reasonShutdown)
	}
	// Wait for the sessions to say goodbye before the connections close.
	for s.Sessions() > 0 {
		select {
		case <-ctx.Done():
			s.closeAll()
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	s.closeAll()
	return nil
}

func (s *Server) closeAll() {
	for _, srv := range []*ssh.Server{s.tcp, s.local} {
		if srv != nil {
			srv.Close()
		}
	}
	s.closeListeners()
	s.wg.Wait()
	if s.cfg.Socket != "" {
		os.Remove(s.cfg.Socket)
	}
}

func (s *Server) closeListeners() {
	for _, ln := range []net.Listener{s.ln, s.sockLn} {
		if ln != nil {
			ln.Close()
		}
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, "%s %s\n", time.Now().Format("2006-01-02 15:04:05"), fmt.Sprintf(format, args...))
}

// middleware is the chain of a session, outermost first: who it is (the
// key re-checked), the session limit, then a cockpit for a terminal without
// a command, else the command.
func (s *Server) middleware(local bool) []wish.Middleware {
	// wish runs the last middleware first.
	return []wish.Middleware{
		bm.MiddlewareWithProgramHandler(s.programHandler, termenv.Ascii),
		s.admit(local),
	}
}
