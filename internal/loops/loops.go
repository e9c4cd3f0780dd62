// Package loops is the hand-over of the element-wise loops of a training
// step from package kernels, which implements them, to packages tensor and
// nn, which run them: kernels sets these function values once, at
// start-up (its engine's SIMD loops split across threads, or the plain
// loops of the textbook build), and nothing changes them after. Internal,
// so that they are no part of dlgo's API: a user calls tensor's
// operations, which run on them.
//
// Each is documented where kernels implements it (textbook.go, and
// engine_vector.go, engine_adam.go, engine_loops.go).
package loops

// The loops, on slices; each panics, naming itself, on a slice too short.
var (
	// Axpy computes y[i] += a·x[i], the product rounded before the sum.
	Axpy func(y, x []float64, a float64)
	// Zero sets every element of x to +0.
	Zero func(x []float64)
	// ReLU computes y[i] = max(x[i], 0), NaN kept.
	ReLU func(y, x []float64)
	// ReLUGrad computes dx[i] = dy[i] if x[i] > 0, else 0.
	ReLUGrad func(dx, dy, x []float64)
	// AddTo computes dst[i] += src[i].
	AddTo func(dst, src []float64)
	// AdamUpdate performs one step of Adam on w with gradient g and
	// moments m, v: m, v := β₁m + (1−β₁)g, β₂v + (1−β₂)g²; w −= a·m/(√v·s + eps).
	AdamUpdate func(w, g, m, v []float64, beta1, beta2, a, s, eps float64)
	// GatherRows copies the rows idx of src (rows of cols values) into the
	// first len(idx) rows of dst.
	GatherRows func(dst, src []float64, cols int, idx []int)
	// PrefetchRows asks for the first cache line of each row idx of src, a
	// hint for a GatherRows to come; it changes nothing.
	PrefetchRows func(src []float64, cols int, idx []int)
)
