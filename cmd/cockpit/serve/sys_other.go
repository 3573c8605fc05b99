//go:build !unix

package serve

import (
	"context"
	"errors"
	"io/fs"
	"net"
)

func inode(fs.FileInfo) uint64 { return 0 }

// listenSocket is not offered here: a unix socket's file mode does not keep
// other users out on this system, so a second cockpit is told who owns the
// file instead.
func listenSocket(path string) (net.Listener, error) {
	return nil, errors.New("the owner socket is not supported on this system")
}

// SocketSupported reports whether this system serves the owner socket.
const SocketSupported = false

// watchResize has no resize signal to follow here: the session keeps the
// size it started with.
func watchResize(ctx context.Context, f func()) { <-ctx.Done() }
