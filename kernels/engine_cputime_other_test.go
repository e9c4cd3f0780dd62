//go:build !linux

package kernels

import "time"

// cpuTime is not measured off Linux: BenchmarkGemmSplit then reports the
// wall clock only.
func cpuTime() time.Duration { return 0 }
