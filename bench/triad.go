package bench

// triad.go: the memory bandwidth, measured as STREAM does (McCalpin,
// https://www.cs.virginia.edu/stream/): the triad a[i] = b[i] + s·c[i] over
// arrays much larger than the caches, 24 bytes counted per element (two
// reads, one write; the write-allocate read is not counted, as in STREAM),
// best of several passes. It is the slope of the roofline (roofline.go).
// It is a plain Go loop, not tuned assembly: one core's loop is bound by
// memory, not by its instructions, once the arrays are out of cache.

import (
	"runtime"
	"sync"
	"time"
)

// BandwidthBytesPerElement is what one triad element moves: b[i] and c[i]
// read, a[i] written.
const BandwidthBytesPerElement = 24

// triadLength returns the length of each triad array for a last-level
// cache of l3 bytes: four times the cache as STREAM asks, at least 32 MiB
// and at most 128 MiB an array (a VM may report its host's whole L3 —
// hundreds of MiB — while its own share is far smaller).
func triadLength(l3 int) int {
	b := min(max(4*l3, 32<<20), 128<<20)
	return b / 8
}

// triad runs the triad on threads goroutines, each locked to an OS thread
// and owning a contiguous slice of the arrays, pass after pass for about d,
// and returns the best pass's bandwidth in GB/s.
func triad(threads, length int, d time.Duration) float64 {
	threads = max(threads, 1)
	a, b, c := make([]float64, length), make([]float64, length), make([]float64, length)
	parts := func(f func(lo, hi int)) time.Duration {
		var wg sync.WaitGroup
		start := time.Now()
		for t := range threads {
			lo, hi := t*length/threads, (t+1)*length/threads
			wg.Add(1)
			go func() {
				defer wg.Done()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				f(lo, hi)
			}()
		}
		wg.Wait()
		return time.Since(start)
	}
	// First touch by the thread that will use each part (pages land near
	// it on a NUMA machine), as STREAM initialises in parallel.
	parts(func(lo, hi int) {
		for i := lo; i < hi; i++ {
			a[i], b[i], c[i] = 0, 1, 2
		}
	})
	const s = 3.0
	best := time.Duration(1<<63 - 1)
	for start, n := time.Now(), 0; n < 3 || time.Since(start) < d; n++ {
		el := parts(func(lo, hi int) {
			aa, bb, cc := a[lo:hi], b[lo:hi], c[lo:hi]
			for i := range aa {
				aa[i] = bb[i] + s*cc[i]
			}
		})
		best = min(best, el)
	}
	runtime.KeepAlive(a)
	return float64(BandwidthBytesPerElement*length) / best.Seconds() / 1e9
}
