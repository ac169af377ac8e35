//go:build unix

package markdown

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used so far, in user and
// system mode and on every thread, garbage collection included. On a shared,
// busy machine it varies less than wall-clock time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
