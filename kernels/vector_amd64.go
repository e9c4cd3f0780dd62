//go:build !purego

package kernels

// The AVX2 loops of vector.go (vector_amd64.s). Each takes slices of equal
// length, processes the longest prefix that is a multiple of 4 (one ymm
// register of float64) and returns its length; the caller finishes the
// rest with the Go loop. They give the same bits as the Go loops in
// vector_generic.go, which they replace: no fused multiply-add, and
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
