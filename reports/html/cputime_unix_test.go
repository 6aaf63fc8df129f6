//go:build unix

package html_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used so far (user and system,
// all threads). Benchmarks report it beside the wall time: on a machine
// shared with others the wall time measures the others too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
