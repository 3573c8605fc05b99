//go:build unix

package store

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this pid runs on this machine
// (kill(pid, 0): EPERM means it runs under another user).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
