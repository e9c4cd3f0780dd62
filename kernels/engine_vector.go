//go:build !textbook

// engine_vector.go: the element-wise loops of a training step that are worth
// SIMD — the SGD update (axpy), ReLU forward and backward, a row added into a
// sum — in AVX2 assembly on the amd64 assembly paths, in NEON on neon
// (internal/simd/vector_arm64.s: Axpy 2.25 instructions an element
// against 8 for the Go loop, go tool objdump; not timed, as no arm64
// machine was at hand). Plain twins: the Go loops
// of loops.go (the textbook build's, textbook.go), with the same bits.
// Measured gain: Axpy over a 784×128 weight 23.0 → 8.7 µs, ReLU over
// a 64×128 batch 5.5 → 1.4 µs (BenchmarkEngine, one thread, median of 3, on a 2-core Sapphire Rapids VM
// shared with other work). Not a general vector library: only what
// package tensor's operations of a training step need.

package kernels

import "dlgo/kernels/internal/simd"

// vecAxpy computes y[i] += a·x[i] for every i (BLAS's daxpy; the SGD update
// is vecAxpy(w, g, −lr)), the product rounded before the addition (no fused
// multiply-add), so that every path gives the same bits as axpyGeneric.
// len(y) must be at least len(x).
//
// A long Axpy (minParallelElems per thread) is split across Threads()
// goroutines (engine_loops.go).
func vecAxpy(y, x []float64, a float64) {
	mustLen("Axpy", len(y), len(x))
	t := min(splitParts(len(x)), maxInline)
	if t == 1 {
		axpySerial(y, x, a)
		return
	}
	c := getVecCall(t)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < t; i++ {
		lo, hi := partBounds(len(x), i, t)
		c.axpy[i] = axpyPart{y[lo:hi], x[lo:hi], a}
		parts = append(parts, &c.axpy[i])
	}
	runParts(&c.done, parts)
	putVecCall(c)
}

// vecZero sets every element of x to +0, split across threads as Axpy splits
// a loop of the same length (partBounds): a gradient zeroed here and then
// updated by Axpy is touched by the same thread in both, and stays in that
// core's caches (a large one does not fit in one core's L2 and the other's
// too, and a line written on one core and read on the other crosses
// between them).
func vecZero(x []float64) {
	t := min(splitParts(len(x)), maxInline)
	if t == 1 {
		clear(x)
		return
	}
	c := getVecCall(t)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < t; i++ {
		lo, hi := partBounds(len(x), i, t)
		c.zero[i] = zeroPart{x[lo:hi]}
		parts = append(parts, &c.zero[i])
	}
	runParts(&c.done, parts)
	putVecCall(c)
}

// zeroPart is a share of Zero.
type zeroPart struct{ x []float64 }

func (p *zeroPart) run() { clear(p.x) }

// axpySerial is Axpy on the calling goroutine.
func axpySerial(y, x []float64, a float64) { axpy(vectorAsm(), y, x, a) }

// axpy is axpySerial, in assembly if asm (and the CPU has it: AVX2, or
// NEON on arm64).
func axpy(asm bool, y, x []float64, a float64) {
	n := 0
	if asm && (simd.AVX2 || simd.NEON) {
		n = simd.Axpy(y[:len(x)], x, a)
	}
	axpyGeneric(y[n:len(x)], x[n:], a)
}

// vecReLU computes y[i] = max(x[i], 0), Go's builtin max: NaN stays NaN and
// −0 gives +0. len(y) must be at least len(x).
func vecReLU(y, x []float64) {
	mustLen("ReLU", len(y), len(x))
	n := 0
	if vectorAsm() {
		n = simd.ReLU(y[:len(x)], x)
	}
	reluGeneric(y[n:len(x)], x[n:])
}

// vecReLUGrad computes dx[i] = dy[i] if x[i] > 0, else 0 (also for a NaN
// x[i]): the backward pass of ReLU. dx and dy must be at least as long as
// x.
func vecReLUGrad(dx, dy, x []float64) {
	mustLen("ReLUGrad", len(dx), len(x))
	mustLen("ReLUGrad", len(dy), len(x))
	n := 0
	if vectorAsm() {
		n = simd.ReLUGrad(dx[:len(x)], dy[:len(x)], x)
	}
	reluGradGeneric(dx[n:len(x)], dy[n:len(x)], x[n:])
}

// vecAddTo computes dst[i] += src[i] (a bias gradient sums the rows of dy
// this way, in row order). len(dst) must be at least len(src).
func vecAddTo(dst, src []float64) {
	mustLen("AddTo", len(dst), len(src))
	n := 0
	if vectorAsm() {
		n = simd.AddTo(dst[:len(src)], src)
	}
	addToGeneric(dst[n:len(src)], src[n:])
}

// vectorAsm reports whether the vector loops run in assembly (AVX2 on
// amd64, NEON on arm64; simd's routines have the same names on both): on
// a CPU that has it, unless the generic path was chosen (DLGO_KERNEL=generic
// or SetPath), which keeps every loop in Go.
func vectorAsm() bool { return (simd.AVX2 || simd.NEON) && current.Load().asm }

// dot returns Σ_i x[i]·y[i] over len(x) elements (gemv's rows), in
// assembly if asm (and the CPU has it). The assembly keeps 16 partial sums
// (four ymm registers of fused multiply-adds) and adds them at the end, so
// its bits differ from dotGeneric's in-order sum; both are deterministic.
// len(y) must be at least len(x).
func dot(asm bool, x, y []float64) float64 {
	if asm && simd.AVX2 {
		s, n := simd.Dot(x, y)
		return s + dotGeneric(x[n:], y[n:len(x)])
	}
	return dotGeneric(x, y[:len(x)])
}
