package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
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

// A long-lived pool of worker goroutines runs the parts of a split job
// other than the caller's own — the stripes of a parallel Gemm, the shares
// of a split loop (parallel.go) — so that a call starts no goroutine and
// allocates nothing. Workers never wait on anything but the queue, so a
// part queued behind other calls' parts always runs.
//
// An idle worker polls the queue for spinFor before it blocks on it, and
// a caller polls for the end of the other parts before it blocks: a training step hands off a product or a loop
// every few tens of microseconds, and waking a blocked thread takes about
// as long as a small product's stripe (measured on a 2-vCPU KVM guest: a
// 64×128×784 product split in two took 106–123 µs with blocking workers,
// 55 µs with polling ones, 104 µs on one thread).
var pool struct {
	sync.Mutex
	started int
	queue   chan job
}

// part is one goroutine's share of a split job.
type part interface{ run() }

// job is a part queued for a worker, and the waiter to tell when it is
// done.
type job struct {
	p    part
	done *waiter
}

// waiter counts the parts of a call still running. The caller polls it
// for spinFor, then blocks (see wait).
type waiter struct {
	left atomic.Int32
	wg   sync.WaitGroup
}

// add expects n more parts.
func (w *waiter) add(n int) {
	w.left.Add(int32(n))
	w.wg.Add(n)
}

// finish marks one part done.
func (w *waiter) finish() {
	w.left.Add(-1)
	w.wg.Done()
}

// wait returns when every part is done. While parts are still queued it
// runs them itself (a worker whose thread is not running, because another
// process has the core, would otherwise hold the call up by a time slice:
// at worst the call runs on the caller alone); then it polls for the
// parts the workers took, so that the calling thread is not put to sleep
// for a wait of a few microseconds; then it blocks.
func (w *waiter) wait() {
	spin := canSpin()
	start := time.Now()
	for i := 1; w.left.Load() > 0; i++ {
		select {
		case j := <-pool.queue:
			j.p.run()
			j.done.finish()
			continue
		default:
		}
		if !spin {
			break
		}
		if i%256 == 0 {
			if time.Since(start) > spinFor {
				break
			}
			// A worker just woken may be queued on this thread's P:
			// let it run.
			runtime.Gosched()
		}
	}
	w.wg.Wait() // at once if every part is done
}

// spinFor is how long an idle worker polls for a job, and a caller for
// the end of its parts, before blocking; a polling goroutine holds its P
// that long at most.
const spinFor = 200 * time.Microsecond

// ensureWorkers starts workers until at least n exist.
func ensureWorkers(n int) {
	pool.Lock()
	defer pool.Unlock()
	if pool.queue == nil {
		pool.queue = make(chan job, 64)
	}
	for ; pool.started < n; pool.started++ {
		go func() {
			for {
				j := takeJob()
				j.p.run()
				j.done.finish()
			}
		}()
	}
}

// takeJob returns the next job: polled for spinFor, then waited for.
func takeJob() job {
	if canSpin() {
		start := time.Now()
		for i := 1; ; i++ {
			select {
			case j := <-pool.queue:
				return j
			default:
			}
			if i%256 == 0 && time.Since(start) > spinFor {
				break
			}
		}
	}
	return <-pool.queue
}

// canSpin reports whether polling is worth it: with one P, a goroutine
// that polls keeps the one it waits for from running. (Polls do not yield:
// yielding wakes other threads of the runtime, which costs as much as the
// sleep it avoids.)
func canSpin() bool { return runtime.GOMAXPROCS(0) > 1 }

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
