package kernels

import (
	"runtime"
	"sync/atomic"
)

// threads is the number of goroutines a large Gemm is split across; 0 means
// runtime.GOMAXPROCS(0), read at each call.
var threads atomic.Int64

// SetThreads sets how many goroutines a large Gemm is split across. n == 0
// restores the default, runtime.GOMAXPROCS(0) read at each call. Results
// are bit-identical for any n.
func SetThreads(n int) {
	if n < 0 {
		n = 0
	}
	threads.Store(int64(n))
}

// Threads returns the number of goroutines a large Gemm is split across now.
func Threads() int {
	if n := int(threads.Load()); n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}
