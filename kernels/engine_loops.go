//go:build !textbook

// engine_loops.go: the element-wise loops worth splitting across threads — the
// SGD update over a layer's weights, the copy of a batch's rows — when
// they are long enough (minParallelElems) for a hand-off to pay. Each
// element is computed by one thread, by the same operations as on one, so
// the results do not depend on the thread count. The parts run on the
// workers Gemm's stripes run on (engine_pool.go). Plain twins: the same
// loops on the calling goroutine (textbook.go). Measured gain (Zen 5, two
// close cores): an MNIST batch's gather 27 → 17 µs; with Zero and the
// weight gradient split on the same bounds, a 784-128-10 step 203 → 194 µs
// (commit 5667927).

package kernels

import (
	"sync"

	"dlgo/kernels/internal/simd"
)

// minParallelElems is the number of float64 each thread must get for a
// loop to be split: 1<<15, a quarter of a MiB.
var minParallelElems = 1 << 15

// splitParts returns how many threads a loop over n elements is split
// across.
func splitParts(n int) int {
	return max(1, min(Threads(), n/(minParallelElems*workScale())))
}

// partBounds returns the bounds of part i of t of a loop over n elements:
// multiples of 8 elements (a cache line), so that two threads never write
// one line.
func partBounds(n, i, t int) (lo, hi int) {
	lo, hi = n*i/t&^7, n*(i+1)/t&^7
	if i == t-1 {
		hi = n
	}
	return lo, hi
}

// vecCall holds the parts of one split loop; calls are reused through a
// free list so that the steady state allocates nothing.
type vecCall struct {
	done   waiter
	axpy   []axpyPart
	rows   []rowsPart
	adam   []adamPart
	zero   []zeroPart
	masked []maskedPart

	// scratch holds a buffer per part that outlives the call (padBlock's),
	// so that the steady state allocates nothing.
	scratch [][]float64
}

var vecCalls struct {
	sync.Mutex
	free []*vecCall
}

func getVecCall(t int) *vecCall {
	vecCalls.Lock()
	var c *vecCall
	if n := len(vecCalls.free); n > 0 {
		c = vecCalls.free[n-1]
		vecCalls.free = vecCalls.free[:n-1]
	} else {
		c = new(vecCall)
	}
	vecCalls.Unlock()
	if len(c.axpy) < t {
		// Room for the most parts a loop is split into, so that a call
		// made for fewer parts is never remade (dropping its scratch).
		n := max(t, maxInline)
		c.axpy, c.rows = make([]axpyPart, n), make([]rowsPart, n)
		c.adam, c.zero = make([]adamPart, n), make([]zeroPart, n)
		c.masked = make([]maskedPart, n)
		c.scratch = make([][]float64, n)
	}
	return c
}

func putVecCall(c *vecCall) {
	clear(c.axpy) // drop the references to the caller's slices
	clear(c.rows)
	clear(c.adam)
	clear(c.zero)
	clear(c.masked)
	vecCalls.Lock()
	vecCalls.free = append(vecCalls.free, c)
	vecCalls.Unlock()
}

// runParts runs parts[0] on the caller and the others on workers, counted
// by done, and returns when all are done.
func runParts(done *waiter, parts []part) {
	ensureWorkers(len(parts) - 1)
	done.add(len(parts) - 1)
	for _, p := range parts[1:] {
		pool.queue <- job{p, done}
	}
	parts[0].run()
	done.wait()
}

// axpyPart is a share of Axpy.
type axpyPart struct {
	y, x []float64
	a    float64
}

func (p *axpyPart) run() { axpySerial(p.y, p.x, p.a) }

// rowsPart is a share of GatherRows.
type rowsPart struct {
	dst, src []float64
	cols     int
	idx      []int
}

func (p *rowsPart) run() { gatherSerial(p.dst, p.src, p.cols, p.idx) }

// vecGatherRows copies the rows idx of src (rows of cols values) into the
// first len(idx) rows of dst, in order: dst row r is src row idx[r]. A
// batch of a shuffled data set is built this way; on several threads each
// copies a share of the rows. It panics if a row is out of range.
func vecGatherRows(dst, src []float64, cols int, idx []int) {
	mustLen("GatherRows", len(dst), len(idx)*cols)
	// A gather waits on main memory, row after row, more than it moves
	// data: a second thread pays from a quarter of a loop's length on
	// (an MNIST batch of 64 rows: 27 → 17 µs on 2 threads, Zen 5 VM).
	t := min(splitParts(len(idx)*cols*gatherWeight), maxInline, max(1, len(idx)))
	if t == 1 || cols == 0 {
		gatherSerial(dst, src, cols, idx)
		return
	}
	c := getVecCall(t)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < t; i++ {
		lo, hi := len(idx)*i/t, len(idx)*(i+1)/t
		c.rows[i] = rowsPart{dst[lo*cols : hi*cols], src, cols, idx[lo:hi]}
		parts = append(parts, &c.rows[i])
	}
	runParts(&c.done, parts)
	putVecCall(c)
}

// gatherSerial is GatherRows on the calling goroutine.
func gatherSerial(dst, src []float64, cols int, idx []int) {
	asm := vectorAsm() // the prefetches are assembly
	for r, i := range idx {
		if asm && r+gatherAhead < len(idx) && cols > 0 {
			j := idx[r+gatherAhead]
			simd.Prefetch(src[j*cols : j*cols+cols])
		}
		copy(dst[r*cols:r*cols+cols], src[i*cols:i*cols+cols])
	}
}

// vecPrefetchRows asks for the first cache line of each row idx of src
// (rows of cols values), where the prefetches are assembly: a batcher
// calls it for the next batch as soon as it has copied the current one,
// so that the rows' first lines, and the memory pages behind them, are on
// their way during the training step in between, and the gather after it
// finds each row started (the hardware prefetcher follows a row from its
// first lines on, but starts on none by itself). In assembly on amd64
// (PREFETCHT0) and on the neon path (PRFM). Plain twin: nothing, as
// in the textbook build (textbook.go). Measured on a 64-row batch of
// 784-value rows out of 60,000, with 300 µs of other work between
// batches (Zen 5 VM): the gather 51–59 → 35–39 µs; in a training epoch
// (BenchmarkEpoch 784-128-10/skipdx, avx2, one thread, eight interleaved
// runs each) 180.2–182.8 → 184.5–186.1 thousand examples a second.
func vecPrefetchRows(src []float64, cols int, idx []int) {
	if !vectorAsm() || cols == 0 {
		return
	}
	line := min(cols, 8)
	for _, j := range idx {
		simd.Prefetch(src[j*cols : j*cols+line])
	}
}

// gatherWeight is how many elements of an arithmetic loop an element of
// a gather counts for, in deciding whether to split it.
const gatherWeight = 4

// gatherAhead is how many rows ahead gatherSerial asks for the row it
// will copy: the rows of a shuffled data set are scattered over main
// memory, and the hardware prefetcher only starts on a row once it is
// being read. Measured on an MNIST batch of 64 rows of 784 (Zen 5): 33 →
// 30 µs; 2, 4 and 8 rows ahead do as well as each other.
const gatherAhead = 4

// maxInline bounds the parts of a split loop kept on the stack; more
// threads than that share the loop in maxInline parts.
const maxInline = 16
