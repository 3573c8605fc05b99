//go:build unix

package main

import "syscall"

// syncFS flushes dirty pages so dropping the cache really empties it.
func syncFS() { syscall.Sync() }
