//go:build unix

// tune_cputime_unix.go: the CPU time the tuner (tune.go) measures with, so
// that a product that waited for a core another program held does not
// look slow. Not a general clock: it counts this whole process.

package kernels

import (
	"syscall"
	"time"
)

// tuneCPUTime returns the user and system CPU time this process has used, and
// true; false where the OS does not say.
func tuneCPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
