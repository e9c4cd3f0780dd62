// loops.go: the Go loops behind engine_vector.go, always built: the
// reference the assembly is tested against, and the loops that run when
// there is none. Each assembly routine processes a prefix of its slices
// and these loops the rest.

package kernels

import (
	"math"

	"dlgo/internal/loops"
)

// axpyGeneric computes y[i] += a·x[i]; the conversion keeps the compiler
// from fusing the multiply and the addition.
func axpyGeneric(y, x []float64, a float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += float64(a * v)
	}
}

// reluGeneric computes y[i] = max(x[i], 0).
func reluGeneric(y, x []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] = max(v, 0)
	}
}

// reluGradGeneric computes dx[i] = dy[i]·[x[i] > 0].
func reluGradGeneric(dx, dy, x []float64) {
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		if v > 0 {
			dx[i] = dy[i]
		} else {
			dx[i] = 0
		}
	}
}

// addToGeneric computes dst[i] += src[i].
func addToGeneric(dst, src []float64) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] += v
	}
}

// dotGeneric returns Σ_i x[i]·y[i], summed in order.
func dotGeneric(x, y []float64) float64 {
	y = y[:len(x)]
	var s float64
	for i, v := range x {
		s += v * y[i]
	}
	return s
}

// adamGeneric is AdamUpdate on slices of equal length. The conversions
// keep the compiler from fusing a product into the sum it feeds.
func adamGeneric(w, g, m, v []float64, k *adamConsts) {
	b1, c1, b2, c2, a, s, eps := k.b1, k.c1, k.b2, k.c2, k.a, k.s, k.eps
	g, m, v = g[:len(w)], m[:len(w)], v[:len(w)]
	for i, gi := range g {
		mi := float64(b1*m[i]) + float64(c1*gi)
		vi := float64(b2*v[i]) + float64(float64(c2*gi)*gi)
		m[i], v[i] = mi, vi
		w[i] -= float64(a*mi) / (float64(math.Sqrt(vi)*s) + eps)
	}
}

// adamConsts are the scalars of an update, in the order adamAVX2 reads
// them.
type adamConsts struct {
	b1, c1, b2, c2, a, s, eps float64 // c1 = 1−beta1, c2 = 1−beta2
}

// init hands the element-wise loops to packages tensor and nn through
// dlgo/internal/loops, so that they are no part of this package's API:
// the engine's (engine_vector.go, engine_adam.go, engine_loops.go) or, in
// the textbook build, the plain ones (textbook.go).
func init() {
	loops.Axpy, loops.Zero, loops.AddTo = vecAxpy, vecZero, vecAddTo
	loops.ReLU, loops.ReLUGrad = vecReLU, vecReLUGrad
	loops.AdamUpdate, loops.GatherRows = vecAdamUpdate, vecGatherRows
	loops.PrefetchRows = vecPrefetchRows
}
