//go:build !textbook

// engine_pool.go: a pool of worker goroutines that runs the stripes of a
// parallel Gemm and the shares of a split loop. Plain twin: gemmPlain's
// go statements and sync.WaitGroup (gemm.go). Measured gain: see the pool
// comment below (a 64×128×784 product on two threads: 55 µs against
// 106–123 µs with goroutines woken per call).

package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// A long-lived pool of worker goroutines runs the parts of a split job
// other than the caller's own — the stripes of a parallel Gemm, the shares
// of a split loop (engine_loops.go) — so that a call starts no goroutine and
// allocates nothing.
//
// A part stays on the queue until a running goroutine takes it: an idle
// worker never waits in a receive on the queue (a send to a goroutine
// blocked in a receive hands the part to it at once, and the caller could
// then not take it back while that goroutine waits to be scheduled), but
// polls it, then sleeps on pool.wake, which add signals. A caller that is
// done with its own part runs the parts still queued itself (see wait), so
// a part never waits for a worker that is not running: when another
// process has the second core, a call runs on the caller alone, at the
// speed of one thread, rather than a time slice later.
//
// An idle worker polls the queue for spinFor before it sleeps, and a
// caller polls for the end of the other parts before it blocks: a training
// step hands off a product or a loop every few tens of microseconds, and
// waking a sleeping thread takes about as long as a small product's stripe
// (measured on a 2-vCPU KVM guest: a 64×128×784 product split in two took
// 106–123 µs with sleeping workers, 55 µs with polling ones, 104 µs on one
// thread). Both polls give the core up to the operating system every few
// microseconds (osYield), so that a poller sharing a core with the thread
// it waits for, or with the caller's serial work, does not hold that core.
var pool struct {
	sync.Mutex
	started int
	queue   chan job

	// sleeping counts the workers asleep on wake (or about to be); add
	// sends one token per part, up to that many.
	sleeping atomic.Int32
	wake     chan struct{}
}

// queueLen is the capacity of the queue: far more parts than can be
// pending at once, so that a send never waits.
const queueLen = 1024

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

// add expects n more parts, about to be queued, and wakes up to n
// sleeping workers to take them.
func (w *waiter) add(n int) {
	w.left.Add(int32(n))
	w.wg.Add(n)
	for s := int(pool.sleeping.Load()); s > 0 && n > 0; s, n = s-1, n-1 {
		select {
		case pool.wake <- struct{}{}:
		default: // enough tokens already
			return
		}
	}
}

// finish marks one part done.
func (w *waiter) finish() {
	w.left.Add(-1)
	w.wg.Done()
}

// wait returns when every part is done. While parts are still queued it
// runs them itself (a worker that is asleep, or whose thread is not
// running because another process has the core, would otherwise hold the
// call up: at worst the call runs on the caller alone); then it polls for
// the parts the workers took, so that the calling thread is not put to
// sleep for a wait of a few microseconds; then it blocks.
func (w *waiter) wait() {
	spin := canSpin()
	var start time.Time
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
		if i == 1 {
			start = time.Now()
		}
		if i%64 == 0 {
			if time.Since(start) > spinFor {
				break
			}
			// The worker running a part may share this core: let it
			// have it. A worker just woken may be queued on this
			// thread's P: let it run.
			osYield()
			if i%256 == 0 {
				runtime.Gosched()
			}
		}
	}
	w.wg.Wait() // at once if every part is done
}

// spinFor is how long an idle worker polls for a job, and a caller for
// the end of its parts, before sleeping; a polling goroutine holds its P
// that long at most.
const spinFor = 200 * time.Microsecond

// ensureWorkers starts workers until at least n exist.
func ensureWorkers(n int) {
	pool.Lock()
	defer pool.Unlock()
	if pool.queue == nil {
		pool.queue = make(chan job, queueLen)
		pool.wake = make(chan struct{}, queueLen)
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

// takeJob returns the next job: polled for spinFor, then slept for and
// polled again. A worker takes a job only from the queue, never in a
// blocking receive (see pool).
func takeJob() job {
	for {
		if j, ok := pollJob(); ok {
			return j
		}
		// Announce the sleep, then look once more: a job queued after
		// add saw no sleeper is taken here, or else by its caller's wait.
		pool.sleeping.Add(1)
		select {
		case j := <-pool.queue:
			pool.sleeping.Add(-1)
			return j
		default:
		}
		<-pool.wake
		pool.sleeping.Add(-1)
	}
}

// pollJob polls the queue for spinFor (once, with one P) and reports
// whether it got a job.
func pollJob() (job, bool) {
	if !canSpin() {
		select {
		case j := <-pool.queue:
			return j, true
		default:
			return job{}, false
		}
	}
	var start time.Time
	for i := 1; ; i++ {
		select {
		case j := <-pool.queue:
			return j, true
		default:
		}
		if i == 1 {
			start = time.Now()
		}
		if i%64 == 0 {
			if time.Since(start) > spinFor {
				return job{}, false
			}
			osYield()
		}
	}
}

// canSpin reports whether polling is worth it: with one P, a goroutine
// that polls keeps the one it waits for from running.
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
