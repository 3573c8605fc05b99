//go:build !unix

package main

// syncFS is a no-op where the OS has no sync(2); the bench's cold figures are
// then only as cold as the OS allows.
func syncFS() {}
