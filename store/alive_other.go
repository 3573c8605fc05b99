//go:build !unix

package store

import "os"

// processAlive reports whether a process with this pid runs on this machine.
// On Windows FindProcess opens the process, which fails when there is none.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
