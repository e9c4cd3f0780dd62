//go:build !unix

// tune_cputime_other.go: where the OS gives no rusage (Windows, wasm), the
// tuner (tune.go) times by the wall clock alone.

package kernels

import "time"

// tuneCPUTime reports that this OS gives no CPU time.
func tuneCPUTime() (time.Duration, bool) { return 0, false }
