package kernels

import (
	"runtime"
	"sync"
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

// A long-lived pool of worker goroutines runs the stripes of a parallel Gemm
// other than the caller's own, so that a call starts no goroutine and
// allocates nothing. Workers never wait on anything but the queue, so a
// stripe queued behind other calls' stripes always runs.
var pool struct {
	sync.Mutex
	started int
	queue   chan *stripe
}

// ensureWorkers starts workers until at least n exist.
func ensureWorkers(n int) {
	pool.Lock()
	defer pool.Unlock()
	if pool.queue == nil {
		pool.queue = make(chan *stripe, 64)
	}
	for ; pool.started < n; pool.started++ {
		go func() {
			for s := range pool.queue {
				s.run()
				s.done.Done()
			}
		}()
	}
}

// Contexts (pack buffers and the stripes of one call) are reused across
// calls through a free list, so the steady state allocates nothing. A
// mutex-guarded list, rather than a sync.Pool, keeps them across garbage
// collections.
var contexts struct {
	sync.Mutex
	free []*gemmCall
}

func getCall() *gemmCall {
	contexts.Lock()
	defer contexts.Unlock()
	if n := len(contexts.free); n > 0 {
		c := contexts.free[n-1]
		contexts.free = contexts.free[:n-1]
		return c
	}
	return new(gemmCall)
}

func putCall(c *gemmCall) {
	contexts.Lock()
	defer contexts.Unlock()
	contexts.free = append(contexts.free, c)
}
