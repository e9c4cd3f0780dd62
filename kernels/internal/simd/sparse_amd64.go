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

// checkStrip panics unless the rows of c, the bounds, the entries (up to
// the last row's end, the largest) and the rows of b are all in range.
func checkStrip(name string, w int, c []float64, ldc int, bnd []int32, stride, span int, idx []int32, val []float64, rows int, b []float64, ldb, bRows int) {
	end := int(bnd[(rows-1)*stride+span])
	if ldc < w || len(c) < (rows-1)*ldc+w || end > len(idx) || end > len(val) ||
		bRows < 1 || ldb < w || len(b) < (bRows-1)*ldb+w {
		panic("simd: " + name + ": operands out of range")
	}
}

//go:noescape
func listCount(cur *int32, idx *int32, n int)

//go:noescape
func listScatter(tidx *int32, tval *float64, cur *int32, lidx *int32, lval *float64, lo, hi int, row int)

// CountColumns does cur[p]++ for each p in idx: the count of kernels'
// sparseLists.transpose. Every p must be below len(cur), as in kernels'
// lists (it is not checked).
func CountColumns(cur, idx []int32) {
	if len(idx) > 0 {
		_ = cur[len(cur)-1]
		listCount(&cur[0], &idx[0], len(idx))
	}
}

// ScatterRow places the entries lidx[lo:hi], lval[lo:hi] of a row of
// kernels' lists, in order, at their columns' cursors, which advance:
// k = cur[lidx[e]]; tidx[k], tval[k] = row, lval[e]; cur[lidx[e]] = k+1 —
// the fill of sparseLists.transpose. Every column must be below
// len(cur) and every cursor stay below len(tidx) and len(tval), as in
// kernels' lists (it is not checked).
func ScatterRow(tidx []int32, tval []float64, cur, lidx []int32, lval []float64, lo, hi, row int) {
	if lo < hi {
		_, _ = lidx[hi-1], lval[hi-1]
		_, _, _ = tidx[len(tidx)-1], tval[len(tval)-1], cur[len(cur)-1]
		listScatter(&tidx[0], &tval[0], &cur[0], &lidx[0], &lval[0], lo, hi, row)
	}
}
