//go:build !purego

package simd

import "unsafe"

// The sparse products' AVX2 loops (sparse_amd64.s), on the lists of
// kernels' engine_sparse_lists.go: strides in bytes.

//go:noescape
func compactAVX2(idx *int32, val *float64, x *float64, n int, bnd *int32, kb int, count int) int

//go:noescape
func sparseStrip32AVX2(c *float64, ldc8 int, bnd *int32, stride4, span4 int, idx *int32, val *float64, rows int, b *float64, ldb8 int)

//go:noescape
func sparseStrip4AVX2(c *float64, ldc8 int, bnd *int32, stride4, span4 int, idx *int32, val *float64, rows int, b *float64, ldb8 int)

// CompactRow writes the nonzeros of the longest prefix of x that is a
// multiple of 4 (a NaN counts, a −0 does not) at idx[n:], val[n:], their
// positions in x and their values, and, at the start of each block of kb
// values of x (kb a multiple of 4) that starts in the prefix, the count
// so far at bnd[0], bnd[1], …; it returns the prefix's length and n plus
// the nonzeros' count: kernels' compactRowGeneric on that prefix, which
// leaves the same values in idx, val and bnd up to the count. Like it, it
// may write past the count: idx and val must have room for the whole
// prefix from n.
func CompactRow(idx []int32, val []float64, n int, x []float64, bnd []int32, kb int) (done, count int) {
	done = len(x) &^ 3
	if done == 0 {
		return 0, n
	}
	if kb < 4 || kb%4 != 0 {
		panic("simd: CompactRow: block length not a positive multiple of 4")
	}
	_, _, _ = idx[n+done-1], val[n+done-1], bnd[(done-1)/kb]
	return done, compactAVX2(&idx[0], &val[0], &x[0], done, &bnd[0], kb, n)
}

// SparseStrip32 is kernels' sparseStripGeneric on 32 columns: for each of
// rows rows of c (row stride ldc), the entries e from bnd[r·stride] to
// bnd[r·stride + span] of idx and val give
//
//	c[r·ldc + j] = fma(val[e], b[idx[e]·ldb + j], c[r·ldc + j]), j < 32,
//
// in order of e, the 32 sums held in eight ymm registers. The lists are
// kernels' (sparseLists): the entries of a row increase, and every idx is
// below bRows, the rows of b; SparseStrip32 checks the extents.
func SparseStrip32(c []float64, ldc int, bnd []int32, stride, span int, idx []int32, val []float64, rows int, b []float64, ldb, bRows int) {
	if rows <= 0 {
		return
	}
	checkStrip("SparseStrip32", 32, c, ldc, bnd, stride, span, idx, val, rows, b, ldb, bRows)
	sparseStrip32AVX2(&c[0], ldc*8, &bnd[0], stride*4, span*4, unsafe.SliceData(idx), unsafe.SliceData(val), rows, &b[0], ldb*8)
}

// SparseStrip4 is SparseStrip32 on 4 columns, in one ymm register.
func SparseStrip4(c []float64, ldc int, bnd []int32, stride, span int, idx []int32, val []float64, rows int, b []float64, ldb, bRows int) {
	if rows <= 0 {
		return
	}
	checkStrip("SparseStrip4", 4, c, ldc, bnd, stride, span, idx, val, rows, b, ldb, bRows)
	sparseStrip4AVX2(&c[0], ldc*8, &bnd[0], stride*4, span*4, unsafe.SliceData(idx), unsafe.SliceData(val), rows, &b[0], ldb*8)
}

//go:noescape
func maskRowAVX2(a *float64, n int, mask *uint64, bit uint) int

//go:noescape
func listsFromMasks(idx *int32, val *float64, bnd *int32, mask *uint64, c, groups int, a *float64, lda8, c8 int)

// MaskRowAVX2 is MaskRow in AVX2: it sets bit bit of mask[j] for each
// a[j] ≠ 0 on the longest prefix of a that is a multiple of 4, and
// returns its length and how many it set: kernels' maskRowGeneric on that
// prefix.
func MaskRowAVX2(a []float64, mask []uint64, bit uint) (done, nonzeros int) {
	done = len(a) &^ 3
	if done == 0 {
		return 0, 0
	}
	_ = mask[done-1]
	return done, maskRowAVX2(&a[0], done, &mask[0], bit&63)
}

// ListsFromMasks reads the lists of kernels' sparseLists off column masks
// (kernels' listsFromMasksGeneric): for each column p < c of the r×c
// matrix a (row stride lda), for each group g of 64 rows, the count so
// far at bnd[p·(groups+1) + g], then for each bit i of mask[g·c + p],
// lowest first, g·64 + i at idx and a[(g·64+i)·lda + p] at val; the
// column's end at bnd[p·(groups+1) + groups]. The masks must have n bits
// set in all, each for a row below r (as kernels' are; it is not
// checked).
func ListsFromMasks(idx []int32, val []float64, bnd []int32, mask []uint64, n int, a []float64, r, c, lda int) {
	groups := (r + 63) / 64
	if c == 0 {
		return
	}
	if len(idx) < n || len(val) < n || len(bnd) < c*(groups+1) || len(mask) < groups*c ||
		r < 1 || lda < c || len(a) < (r-1)*lda+c {
		panic("simd: ListsFromMasks: operands out of range")
	}
	listsFromMasks(unsafe.SliceData(idx), unsafe.SliceData(val), &bnd[0], &mask[0], c, groups, &a[0], lda*8, c*8)
}
