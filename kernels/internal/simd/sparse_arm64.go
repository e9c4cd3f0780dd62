//go:build !purego

package simd

import "unsafe"

// NEON is whether the NEON routines run: ASIMD with float64 lanes is part
// of the arm64 baseline.
const NEON = true

//go:noescape
func sparseStrip32NEON(c *float64, ldc8 int, bnd *int32, stride4, span4 int, idx *int32, val *float64, rows int, b *float64, ldb8 int)

// SparseStrip32NEON is SparseStrip32 (kernels' sparseStripGeneric on 32
// columns) in NEON: the 32 sums of a row of c held in sixteen V registers,
// and, for each entry, the 32 values of row idx[e] of b loaded 8 at a time
// and added by FMLA (fused, by element: val[e] from a register's lane 0),
// in order of e (sparse_arm64.s). The same bits as the Go loop.
func SparseStrip32NEON(c []float64, ldc int, bnd []int32, stride, span int, idx []int32, val []float64, rows int, b []float64, ldb, bRows int) {
	if rows <= 0 {
		return
	}
	checkStrip("SparseStrip32NEON", 32, c, ldc, bnd, stride, span, idx, val, rows, b, ldb, bRows)
	sparseStrip32NEON(&c[0], ldc*8, &bnd[0], stride*4, span*4, unsafe.SliceData(idx), unsafe.SliceData(val), rows, &b[0], ldb*8)
}
