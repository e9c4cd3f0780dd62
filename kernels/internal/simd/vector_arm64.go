//go:build !purego

package simd

// The element-wise loops in NEON (vector_arm64.s), under the names the
// AVX2 ones have on amd64 (simd_amd64.go), each on the longest prefix its
// block divides, returning that prefix's length; the caller's Go loop,
// its twin, does the rest.

//go:noescape
func axpyNEON(y, x *float64, n int, a float64)

//go:noescape
func reluNEON(y, x *float64, n int)

//go:noescape
func reluGradNEON(dx, dy, x *float64, n int)

//go:noescape
func addToNEON(dst, src *float64, n int)

//go:noescape
func adamNEON(w, grad, m, v *float64, n int, k *[7]float64)

// Axpy does y[i] += a·x[i] (the product rounded first) on a prefix of
// x; y is at least as long.
func Axpy(y, x []float64, a float64) int {
	n := len(x) &^ 3
	if n > 0 {
		_ = y[n-1]
		axpyNEON(&y[0], &x[0], n, a)
	}
	return n
}

// ReLU does y[i] = max(x[i], 0) on a prefix of x.
func ReLU(y, x []float64) int {
	n := len(x) &^ 3
	if n > 0 {
		_ = y[n-1]
		reluNEON(&y[0], &x[0], n)
	}
	return n
}

// ReLUGrad does dx[i] = dy[i]·[x[i] > 0] on a prefix of x.
func ReLUGrad(dx, dy, x []float64) int {
	n := len(x) &^ 3
	if n > 0 {
		_, _ = dx[n-1], dy[n-1]
		reluGradNEON(&dx[0], &dy[0], &x[0], n)
	}
	return n
}

// AddTo does dst[i] += src[i] on a prefix of src.
func AddTo(dst, src []float64) int {
	n := len(src) &^ 3
	if n > 0 {
		_ = dst[n-1]
		addToNEON(&dst[0], &src[0], n)
	}
	return n
}

// Adam does one Adam step (kernels' adamGeneric, with its scalars k =
// b1, c1, b2, c2, a, s, eps) on a prefix of w; g, m and v are as long as w.
func Adam(w, g, m, v []float64, k *[7]float64) int {
	n := len(w) &^ 1
	if n > 0 {
		_, _, _ = g[n-1], m[n-1], v[n-1]
		adamNEON(&w[0], &g[0], &m[0], &v[0], n, k)
	}
	return n
}
