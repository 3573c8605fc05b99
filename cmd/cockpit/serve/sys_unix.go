//go:build unix

package serve

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// inode identifies the file behind fi, so a keys file replaced by a rename
// with the same size and time is still re-read.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// listenSocket listens on the unix socket at path with mode 0600 from the
// start (umask), so only this user can reach the owner. A socket left by a
// process that died is replaced; one that answers is another owner's.
func listenSocket(path string) (net.Listener, error) {
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&fs.ModeSocket == 0 {
			return nil, fmt.Errorf("owner socket %s: exists and is not a socket", path)
		}
		if c, err := net.DialTimeout("unix", path, 200*time.Millisecond); err == nil {
			c.Close()
			return nil, fmt.Errorf("owner socket %s: another cockpit answers on it", path)
		}
		os.Remove(path)
	}
	old := syscall.Umask(0o177)
	ln, err := net.Listen("unix", path)
	syscall.Umask(old)
	if err != nil {
		return nil, fmt.Errorf("owner socket %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("owner socket %s: %w", path, err)
	}
	return ln, nil
}

// SocketSupported reports whether this system serves the owner socket.
const SocketSupported = true

// watchResize calls f on every terminal resize (SIGWINCH) until ctx ends.
func watchResize(ctx context.Context, f func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGWINCH)
	defer signal.Stop(ch)
	for {
		select {
		case <-ctx.Done():
			return
		case <-ch:
			f()
		}
	}
}
