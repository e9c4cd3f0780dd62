//go:build !purego && !textbook

// engine_vector_amd64.go: part of the engine, for engine_vector.go, where its plain twin
// and measured gain are named.

package kernels

// The AVX2 loops of engine_vector.go (engine_vector_amd64.s). Each takes slices of equal
// length, processes the longest prefix that is a multiple of 4 (one ymm
// register of float64) and returns its length; the caller finishes the
// rest with the Go loop. They give the same bits as the Go loops in
// loops.go, which they replace: no fused multiply-add, and
// max(x, 0) computed as max(0, x) + 0, which keeps a NaN and turns −0
// into +0 as Go's builtin max does.

var hasVectorAsm = hasAVX2

// axpyAVX2 replaces axpyGeneric on y[:n], x[:n], n = len(x)&^3.
//
//go:noescape
func axpyAVX2(y, x *float64, n int, a float64)

// reluAVX2 replaces reluGeneric on y[:n], x[:n].
//
//go:noescape
func reluAVX2(y, x *float64, n int)

// reluGradAVX2 replaces reluGradGeneric on dx[:n], dy[:n], x[:n].
//
//go:noescape
func reluGradAVX2(dx, dy, x *float64, n int)

// addToAVX2 replaces addToGeneric on dst[:n], src[:n].
//
//go:noescape
func addToAVX2(dst, src *float64, n int)

func axpyAsm(y, x []float64, a float64) int {
	n := len(x) &^ 3
	if n > 0 {
		axpyAVX2(&y[0], &x[0], n, a)
	}
	return n
}

func reluAsm(y, x []float64) int {
	n := len(x) &^ 3
	if n > 0 {
		reluAVX2(&y[0], &x[0], n)
	}
	return n
}

func reluGradAsm(dx, dy, x []float64) int {
	n := len(x) &^ 3
	if n > 0 {
		reluGradAVX2(&dx[0], &dy[0], &x[0], n)
	}
	return n
}

func addToAsm(dst, src []float64) int {
	n := len(src) &^ 3
	if n > 0 {
		addToAVX2(&dst[0], &src[0], n)
	}
	return n
}

// dotAVX2 returns Σ_{i<n} x[i]·y[i] for n a positive multiple of 16, with
// 16 partial sums (lane l of accumulator r sums the elements i ≡ 4r + l
// mod 16 by FMA, in order) added at the end as ((Y0 + Y1) + (Y2 + Y3)),
// then the four lanes as ((l0 + l1) + (l2 + l3)). It replaces
//
//	var acc [16]float64
//	for i := 0; i < n; i++ {
//		acc[i%16] = math.FMA(x[i], y[i], acc[i%16])
//	}
//	// then the pairwise sums above
//
//go:noescape
func dotAVX2(x, y *float64, n int) float64

// adamAVX2 replaces adamGeneric on the first n elements of w, the
// gradient, m and v, n a multiple of 4, with the scalars *k.
//
//go:noescape
func adamAVX2(w, grad, m, v *float64, n int, k *adamConsts)

func adamAsm(w, g, m, v []float64, k *adamConsts) int {
	n := len(w) &^ 3
	if n > 0 {
		adamAVX2(&w[0], &g[0], &m[0], &v[0], n, k)
	}
	return n
}
