//go:build !textbook

// engine_distance.go: how far apart the cores we run on are, measured, so that a
// split only runs where it pays. On some virtual machines two vCPUs are
// sometimes neighbours (a cache line crosses between them in about 100 ns
// there and back) and sometimes far apart (400 ns to several µs), and the
// host moves them from one arrangement to the other while a program runs.
// A training step hands a few MB between the cores at every split (the
// halves of W and dW, of y and dy); far apart, that costs more than the
// second core gives: measured on a 784-128-10 MNIST step (Zen 5 VM), 2
// threads took 165 µs close and 300–340 µs far, 1 thread 258 µs.
//
// So the splits ask for farScale times more work per thread while the
// cores are far apart, which keeps a training step's products and loops on
// one thread and still splits a large Gemm (at 512³ each thread works on
// its own panels, and far apart the second core still gives 1.7×). The bits
// do not depend on the thread count, so they do not depend on this either.
//
// Plain twin: gemmPlain's split (gemm.go), which asks the same work per
// thread wherever the cores are. Measured gain: the step above, 300–340 µs
// on two far cores without it, 258 µs with it (`dlgo bench train -threads
// 2`). DLGO_SPLITS=fixed, read at the first split, turns it off: for
// benchmarks that must split the same way throughout, and tests that count
// allocations.

package kernels

import (
	"os"
	"sync/atomic"
	"time"
)

// farRoundTrip is the round trip of a cache line between two cores above
// which they count as far apart: neighbours measure 80–170 ns, far apart
// 380 ns and more (CoreDistance).
const farRoundTrip = 250 * time.Nanosecond

// probeEvery is how often the distance is measured again, at most: a probe
// takes a few µs of the caller's and one worker's time.
const probeEvery = time.Second

// farScale multiplies the work each thread must get for a split while the
// cores are far apart.
const farScale = 64

var distance struct {
	far     atomic.Bool  // measured far apart at the last probe
	near    atomic.Bool  // measured close at the last probe
	checked atomic.Int64 // time.Now().UnixNano() of the last probe
	probing atomic.Bool
	flag    atomic.Int64 // the line the probe bounces
	part    probePart
	done    waiter
}

// workScale returns by how much to multiply the minimum work per thread
// of a split: farScale while the cores were far apart at the last probe,
// else 1. It probes again when the last probe is older than probeEvery.
func workScale() int {
	if !adaptiveSplits() {
		return 1
	}
	if coresFar() {
		return farScale
	}
	return 1
}

// coresFar reports whether the cores were far apart at the last probe
// (checkDistance).
func coresFar() bool {
	checkDistance()
	return distance.far.Load()
}

// coresNear reports whether the last probe (checkDistance) measured the
// cores close: false while they are far apart, and when no probe has
// answered (the other core may not be running at all), where coresFar
// gives the benefit of the doubt. sharedGemm (engine_shared.go) asks it:
// its threads read the blocks the others packed, which pays between
// neighbours only.
func coresNear() bool {
	checkDistance()
	return distance.near.Load()
}

// checkDistance probes the cores' distance again when the last probe is
// older than probeEvery, whatever DLGO_SPLITS says.
func checkDistance() {
	if Threads() > 1 && canSpin() {
		now := time.Now().UnixNano()
		if now-distance.checked.Load() > int64(probeEvery) && distance.probing.CompareAndSwap(false, true) {
			rt, ok := probe()
			distance.far.Store(ok && rt > farRoundTrip)
			distance.near.Store(ok && rt <= farRoundTrip)
			distance.checked.Store(time.Now().UnixNano())
			distance.probing.Store(false)
		}
	}
}

// splitsMode is DLGO_SPLITS, read once, at the first split: 1 adaptive
// (the default), 2 fixed (DLGO_SPLITS=fixed: a product or loop is split
// whenever it is large enough on neighbouring cores).
var splitsMode atomic.Int32

// adaptiveSplits reports whether the splits follow the distance between
// the cores.
func adaptiveSplits() bool {
	m := splitsMode.Load()
	if m == 0 {
		m = 1
		if os.Getenv("DLGO_SPLITS") == "fixed" {
			m = 2
		}
		splitsMode.Store(m)
	}
	return m == 1
}

// probeRounds is the number of round trips a probe times; the first few,
// which include waking the worker, are not counted.
const (
	probeRounds = 24
	probeWarm   = 8
)

// CoreDistance measures how long a cache line takes to go from the
// calling goroutine's core to a worker's and back (the fastest of a few
// round trips), as the splits do every second, and whether that counts as
// far apart: then only large products are split, until the cores come
// closer. ok is false if nothing was measured: no worker answered within a
// few hundred µs (all busy, GOMAXPROCS 1, or the other core held by another
// process), or the textbook build, which has no workers.
func CoreDistance() (rt time.Duration, far, ok bool) {
	if !canSpin() {
		return 0, false, false
	}
	for !distance.probing.CompareAndSwap(false, true) {
		time.Sleep(time.Microsecond)
	}
	defer distance.probing.Store(false)
	rt, ok = probe()
	return rt, ok && rt > farRoundTrip, ok
}

// probe bounces a cache line between the caller and a worker and returns
// the fastest round trip; ok is false if no worker took part in time.
// The caller holds distance.probing.
func probe() (time.Duration, bool) {
	ensureWorkers(1)
	d := &distance
	d.flag.Store(0)
	d.done.add(1)
	pool.queue <- job{&d.part, &d.done}
	best := time.Duration(1 << 62)
	ok := true
	for i := int64(0); i < probeRounds && ok; i++ {
		start := time.Now()
		d.flag.Store(2*i + 1)
		for n := 1; d.flag.Load() != 2*i+2; n++ {
			if n%64 == 0 && time.Since(start) > probeTimeout {
				ok = false
				break
			}
		}
		if rt := time.Since(start); i >= probeWarm && rt < best {
			best = rt
		}
	}
	d.flag.Store(-1) // tells the part, if it is still waiting, to stop
	d.done.wait()
	return best, ok
}

// probeTimeout is how long the probe waits for one round trip.
const probeTimeout = 300 * time.Microsecond

// probePart is the worker's side of a probe: it answers each odd value of
// distance.flag with the next even one.
type probePart struct{}

func (probePart) run() {
	f := &distance.flag
	for i := int64(0); i < probeRounds; i++ {
		start := time.Now()
		for n := 1; ; n++ {
			v := f.Load()
			if v < 0 {
				return
			}
			if v == 2*i+1 {
				break
			}
			if n%64 == 0 && time.Since(start) > probeTimeout {
				return
			}
		}
		f.Store(2*i + 2)
	}
}
