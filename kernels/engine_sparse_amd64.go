//go:build !purego && !textbook

// engine_sparse_amd64.go: part of the engine, for engine_sparse.go, where its plain twin
// and measured gain are named.

package kernels

import "golang.org/x/sys/cpu"

// The AVX-512 loops of engine_sparse.go (engine_sparse_amd64.s), on the avx512 path (they
// use TZCNT and BLSR too, which every AVX-512 CPU has).

var hasMaskAsm = hasAVX512 && cpu.X86.HasBMI1

// maskAsm reports whether the masked products run in assembly: on the
// avx512 path.
func maskAsm() bool { return current.Load().sparse }

// maskRowAVX512 replaces maskRowGeneric on a[:n], mask[:n], n a multiple
// of 8.
//
//go:noescape
func maskRowAVX512(a *float64, n int, mask *uint64, bit uint) int

// maskedScatter64AVX512 replaces maskedScatterGeneric on columns 0 … 63
// of c and b for the columns 0 … 2·pairs−1 of a; strides in bytes.
//
//go:noescape
func maskedScatter64AVX512(c *float64, ldc8 int, a *float64, lda8 int, mask *uint64, pairs int, b *float64, ldb8 int)

// maskedGather64AVX512 replaces maskedGatherGeneric on columns 0 … 63 of
// c and b for the rows 0 … 2·pairs−1 of c (c, a and mask start at the
// first); strides in bytes.
//
//go:noescape
func maskedGather64AVX512(c *float64, ldc8 int, a *float64, lda8 int, mask *uint64, pairs int, b *float64, ldb8 int)

// maskRow sets bit bit of mask[j] for each a[j] ≠ 0 and returns how
// many: the assembly on the longest multiple of 8, the Go loop on the
// rest.
func maskRow(a []float64, mask []uint64, bit uint) int {
	done, n := 0, 0
	if maskAsm() && len(a) >= 8 {
		done = len(a) &^ 7
		_ = mask[len(a)-1]
		n = maskRowAVX512(&a[0], done, &mask[0], bit)
	}
	return n + maskRowGeneric(a[done:], mask[done:], bit)
}

// maskedScatter64 is maskedScatterGeneric on columns 0 … 63 and all k
// columns of a (row stride lda = k), for a group of up to 64 rows of c
// (row stride ldc): the assembly on the pairs of columns, the Go loop on
// the last one if k is odd (after the others, as each element's chain
// takes the columns in order). maskedCols has checked the sizes.
func maskedScatter64(c []float64, ldc int, a []float64, k int, mask []uint64, b []float64, ldb int) {
	if pairs := k / 2; pairs > 0 {
		_, _, _ = c[63], b[(k-1)*ldb+63], mask[k-1]
		maskedScatter64AVX512(&c[0], ldc*8, &a[0], k*8, &mask[0], pairs, &b[0], ldb*8)
	}
	if k%2 == 1 {
		maskedScatterGeneric(c, ldc, a, k, mask, k-1, k, b, ldb, 64)
	}
}

// maskedGather64 is maskedGatherGeneric on columns 0 … 63 and rows p0 …
// p1−1 of c: the assembly on pairs of rows, the Go loop on the last one
// if there is an odd number. maskedTCols has checked the sizes.
func maskedGather64(c []float64, ldc int, a []float64, k int, mask []uint64, p0, p1 int, b []float64, ldb int) {
	if pairs := (p1 - p0) / 2; pairs > 0 {
		_, _ = c[(p1-1)*ldc+63], mask[p1-1]
		maskedGather64AVX512(&c[p0*ldc], ldc*8, &a[p0], k*8, &mask[p0], pairs, &b[0], ldb*8)
	}
	if (p1-p0)%2 == 1 {
		maskedGatherGeneric(c, ldc, a, k, mask, p1-1, p1, b, ldb, 64)
	}
}
