//go:build !unix

package store

import "time"

// cpuTime is not measured where the OS has no getrusage; benchmarks then
// report 0 cpu-ms/op.
func cpuTime() time.Duration { return 0 }
