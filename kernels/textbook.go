//go:build textbook

// textbook.go: what the textbook build runs where the default build runs
// the engine's loops (engine_vector.go, engine_adam.go, engine_loops.go,
// engine_distance.go): the plain Go loops of loops.go on the
// calling goroutine, with the same results, bit for bit. No assembly, no
// worker, no split.

package kernels

import "time"

// engineBuilt reports whether the engine is in this build.
const engineBuilt = false

// vecAxpy computes y[i] += a·x[i] for every i (BLAS's daxpy), the product
// rounded before the addition. len(y) must be at least len(x).
func vecAxpy(y, x []float64, a float64) {
	mustLen("Axpy", len(y), len(x))
	axpyGeneric(y, x, a)
}

// vecZero sets every element of x to +0.
func vecZero(x []float64) { clear(x) }

// vecReLU computes y[i] = max(x[i], 0), Go's builtin max: NaN stays NaN and
// −0 gives +0. len(y) must be at least len(x).
func vecReLU(y, x []float64) {
	mustLen("ReLU", len(y), len(x))
	reluGeneric(y, x)
}

// vecReLUGrad computes dx[i] = dy[i] if x[i] > 0, else 0 (also for a NaN
// x[i]). dx and dy must be at least as long as x.
func vecReLUGrad(dx, dy, x []float64) {
	mustLen("ReLUGrad", len(dx), len(x))
	mustLen("ReLUGrad", len(dy), len(x))
	reluGradGeneric(dx, dy, x)
}

// vecAddTo computes dst[i] += src[i]. len(dst) must be at least len(src).
func vecAddTo(dst, src []float64) {
	mustLen("AddTo", len(dst), len(src))
	addToGeneric(dst, src)
}

// vecAdamUpdate performs one step of Adam on w (see the default build's
// engine_adam.go for the formulas): adamGeneric's loop.
func vecAdamUpdate(w, g, m, v []float64, beta1, beta2, a, s, eps float64) {
	n := len(w)
	mustLen("AdamUpdate", len(g), n)
	mustLen("AdamUpdate", len(m), n)
	mustLen("AdamUpdate", len(v), n)
	adamGeneric(w, g, m, v, &adamConsts{beta1, 1 - beta1, beta2, 1 - beta2, a, s, eps})
}

// vecGatherRows copies the rows idx of src (rows of cols values) into the
// first len(idx) rows of dst, in order. It panics if a row is out of range.
func vecGatherRows(dst, src []float64, cols int, idx []int) {
	mustLen("GatherRows", len(dst), len(idx)*cols)
	for r, i := range idx {
		copy(dst[r*cols:r*cols+cols], src[i*cols:i*cols+cols])
	}
}

// vecPrefetchRows does nothing in the textbook build: a prefetch is a hint
// (engine_loops.go's asks for the rows of the next batch).
func vecPrefetchRows(src []float64, cols int, idx []int) {}

// CoreDistance measures nothing in the textbook build, which has no
// workers: ok is false.
func CoreDistance() (rt time.Duration, far, ok bool) { return 0, false, false }

// sharedMode is engine_shared.go's switch, for tune.go to compile: the
// textbook build has no shared blocks, and Tune does not measure them.
var sharedMode = 0
