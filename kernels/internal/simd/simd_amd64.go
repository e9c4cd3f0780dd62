//go:build !purego

package simd

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// AVX2 is whether the AVX2 routines run: AVX2 and FMA are separate CPUID
// bits, both needed (x/sys/cpu also checks that the OS saves the ymm
// registers). AVX512Masks is whether the masked products run: AVX-512
// Foundation, and BMI1 for TZCNT and BLSR.
var (
	AVX2        = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	AVX512Masks = cpu.X86.HasAVX512F && cpu.X86.HasBMI1
)

// The element-wise loops (vector_amd64.s): each takes slices of equal
// length, does the longest prefix that is a multiple of 4 (one ymm
// register of float64) and returns its length. They give the bits of the
// Go loops of kernels' loops.go they replace (axpyGeneric, reluGeneric,
// reluGradGeneric, addToGeneric, adamGeneric): no fused multiply-add, and
// max(x, 0) computed as max(0, x) + 0, which keeps a NaN and turns −0 into
// +0 as Go's builtin max does.

//go:noescape
func axpyAVX2(y, x *float64, n int, a float64)

//go:noescape
func reluAVX2(y, x *float64, n int)

//go:noescape
func reluGradAVX2(dx, dy, x *float64, n int)

//go:noescape
func addToAVX2(dst, src *float64, n int)

//go:noescape
func dotAVX2(x, y *float64, n int) float64

//go:noescape
func adamAVX2(w, grad, m, v *float64, n int, k *[7]float64)

// Axpy does y[i] += a·x[i] (the product rounded first) on a prefix of x.
func Axpy(y, x []float64, a float64) int {
	n := len(x) &^ 3
	if n > 0 {
		_ = y[n-1]
		axpyAVX2(&y[0], &x[0], n, a)
	}
	return n
}

// ReLU does y[i] = max(x[i], 0) on a prefix of x.
func ReLU(y, x []float64) int {
	n := len(x) &^ 3
	if n > 0 {
		_ = y[n-1]
		reluAVX2(&y[0], &x[0], n)
	}
	return n
}

// ReLUGrad does dx[i] = dy[i]·[x[i] > 0] on a prefix of x.
func ReLUGrad(dx, dy, x []float64) int {
	n := len(x) &^ 3
	if n > 0 {
		_, _ = dx[n-1], dy[n-1]
		reluGradAVX2(&dx[0], &dy[0], &x[0], n)
	}
	return n
}

// AddTo does dst[i] += src[i] on a prefix of src.
func AddTo(dst, src []float64) int {
	n := len(src) &^ 3
	if n > 0 {
		_ = dst[n-1]
		addToAVX2(&dst[0], &src[0], n)
	}
	return n
}

// Dot returns Σ_{i<n} x[i]·y[i] over the longest prefix n of x that is a
// multiple of 16, and n, with 16 partial sums (lane l of accumulator r
// sums the elements i ≡ 4r + l mod 16 by FMA, in order) added at the end
// as ((Y0 + Y1) + (Y2 + Y3)), then the four lanes as ((l0 + l1) + (l2 +
// l3)). It replaces
//
//	var acc [16]float64
//	for i := 0; i < n; i++ {
//		acc[i%16] = math.FMA(x[i], y[i], acc[i%16])
//	}
//	// then the pairwise sums above
//
// so its bits differ from an in-order sum (kernels' dotGeneric).
func Dot(x, y []float64) (float64, int) {
	n := len(x) &^ 15
	if n == 0 {
		return 0, 0
	}
	_ = y[n-1]
	return dotAVX2(&x[0], &y[0], n), n
}

// Adam does one Adam step (kernels' adamGeneric, with its scalars k = b1,
// c1, b2, c2, a, s, eps) on a prefix of w; g, m and v are as long as w.
func Adam(w, g, m, v []float64, k *[7]float64) int {
	n := len(w) &^ 3
	if n > 0 {
		_, _, _ = g[n-1], m[n-1], v[n-1]
		adamAVX2(&w[0], &g[0], &m[0], &v[0], n, k)
	}
	return n
}

// transpose4AVX2 does, for b < blocks and q, i < 4,
//
//	dst[(4b+q)·w + i] = src[i·ld + 4b+q]
//
// four 4×4 blocks of a transpose, in registers (transpose_amd64.s).
//
//go:noescape
func transpose4AVX2(dst *float64, w int, src *float64, ld int, blocks int)

// Transpose4 does the 4-row step of kernels' transposeRowsFast,
// panel[p·w + i] = src[i·ld + p] for i < 4, on the longest prefix of p <
// kb that is a multiple of 4, and returns its length; the Go loop after
// its call there is its twin, and does the rest.
func Transpose4(panel []float64, w int, src []float64, ld, kb int) int {
	blocks := kb / 4
	if blocks == 0 {
		return 0
	}
	// The assembly does no bounds checks: check the extent once.
	if w < 4 || ld < 1 || len(panel) < (4*blocks-1)*w+4 || len(src) < 3*ld+4*blocks {
		panic("simd: Transpose4: panel or source out of range")
	}
	transpose4AVX2(unsafe.SliceData(panel), w, unsafe.SliceData(src), ld, blocks)
	return 4 * blocks
}

// transpose2AVX2 does, for b < blocks and q < 4, i < 2,
//
//	dst[(4b+q)·w + i] = src[i·ld + 4b+q]
//
// the 2-row blocks of a transpose (transpose_amd64.s).
//
//go:noescape
func transpose2AVX2(dst *float64, w int, src *float64, ld int, blocks int)

// Transpose2 is Transpose4 for two stored rows (i < 2): the two rows a
// 6-row panel has left after its four.
func Transpose2(panel []float64, w int, src []float64, ld, kb int) int {
	blocks := kb / 4
	if blocks == 0 {
		return 0
	}
	// The assembly does no bounds checks: check the extent once.
	if w < 2 || ld < 1 || len(panel) < (4*blocks-1)*w+2 || len(src) < ld+4*blocks {
		panic("simd: Transpose2: panel or source out of range")
	}
	transpose2AVX2(unsafe.SliceData(panel), w, unsafe.SliceData(src), ld, blocks)
	return 4 * blocks
}

// The masked products (masks_amd64.s): strides in bytes.

//go:noescape
func maskRowAVX512(a *float64, n int, mask *uint64, bit uint) int

//go:noescape
func maskedScatter64AVX512(c *float64, ldc8 int, a *float64, lda8 int, mask *uint64, pairs int, b *float64, ldb8 int)

//go:noescape
func maskedGather64AVX512(c *float64, ldc8 int, a *float64, lda8 int, mask *uint64, pairs int, b *float64, ldb8 int)

// MaskRow sets bit bit of mask[j] for each a[j] ≠ 0 on the longest prefix
// of a that is a multiple of 8, and returns its length and how many it
// set: kernels' maskRowGeneric on that prefix.
func MaskRow(a []float64, mask []uint64, bit uint) (done, nonzeros int) {
	done = len(a) &^ 7
	if done == 0 {
		return 0, 0
	}
	_ = mask[done-1]
	return done, maskRowAVX512(&a[0], done, &mask[0], bit)
}

// MaskedScatterPairs is kernels' maskedScatterGeneric on columns 0 … 63
// of c and b, for the columns p < 2·pairs of a (row stride k), two at a
// time, in the same order for each element. c, a, mask and b hold what
// it reads and writes (the caller checks the sizes).
func MaskedScatterPairs(c []float64, ldc int, a []float64, k int, mask []uint64, pairs int, b []float64, ldb int) {
	_, _, _ = c[63], b[(2*pairs-1)*ldb+63], mask[2*pairs-1]
	maskedScatter64AVX512(&c[0], ldc*8, &a[0], k*8, &mask[0], pairs, &b[0], ldb*8)
}

// MaskedGatherPairs is kernels' maskedGatherGeneric on columns 0 … 63 of
// c and b, for 2·pairs rows of c from its first (c, a and mask start
// there).
func MaskedGatherPairs(c []float64, ldc int, a []float64, k int, mask []uint64, pairs int, b []float64, ldb int) {
	_, _ = c[(2*pairs-1)*ldc+63], mask[2*pairs-1]
	maskedGather64AVX512(&c[0], ldc*8, &a[0], k*8, &mask[0], pairs, &b[0], ldb*8)
}
