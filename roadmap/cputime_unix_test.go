//go:build unix

package roadmap

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used so far.
// On a shared machine it compares phases better than wall time, which
// counts the time other processes hold the cores.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
