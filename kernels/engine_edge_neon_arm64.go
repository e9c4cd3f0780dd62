//go:build !purego && !textbook

// engine_edge_neon_arm64.go: the neon path's edgeRows (path.go), as the
// avx2 path's (engine_edge_avx2_amd64.go): a tile of packed panels that
// overhangs C's lower edge by 4, 2 or 1 rows (m = 64 leaves 4 rows of the
// 6×8 tile, m = 128 leaves 2) computed on its rows inside C, straight
// into C (engine_edge_neon_arm64.s); 3 and 5 rows keep the whole tile.
// Plain twin: macroKernel's edge tile (the whole tile in a scratch, its
// rows inside C copied back). The same bits: each row's FMLAs and stores
// are gemm6x8NEON's. Gain not timed (no arm64 machine at hand): a 4-row
// edge does 16 FMLAs a k step instead of 24, as the avx2 one, which
// measured 45.5–46.0 → 47.7–47.9 GFLOP/s on MNIST's dy·Wᵀ.

package kernels

import "unsafe"

func init() {
	for _, p := range available {
		if p.name == "neon" {
			p.edgeRows = kernelNEONRows
		}
	}
}

// gemm4x8NEON, gemm2x8NEON and gemm1x8NEON compute the first 4, 2 and 1
// rows of gemm6x8NEON's tile into C at c.
//
//go:noescape
func gemm4x8NEON(k int, a, b, c *float64, ldc int, alpha, beta float64)

//go:noescape
func gemm2x8NEON(k int, a, b, c *float64, ldc int, alpha, beta float64)

//go:noescape
func gemm1x8NEON(k int, a, b, c *float64, ldc int, alpha, beta float64)

// kernelNEONRows is the neon path's edgeRows: the first rows (1 … 5) of
// the 6×8 tile of packed panels a and b (ldb = 8: the neon path always
// packs B), into C at c, as kernelNEON computes them.
func kernelNEONRows(rows, k int, a, b []float64, ldb int, c []float64, ldc int, alpha, beta float64) {
	if rows < 1 || rows >= neonMR || k < 0 || ldb != neonNR || len(a) < neonMR*k || len(b) < neonNR*k || ldc < neonNR || len(c) < (rows-1)*ldc+neonNR {
		panic("kernels: kernelNEONRows: rows, panel or tile out of range")
	}
	pa, pb := unsafe.SliceData(a), unsafe.SliceData(b)
	switch rows {
	case 4:
		gemm4x8NEON(k, pa, pb, &c[0], ldc, alpha, beta)
	case 2:
		gemm2x8NEON(k, pa, pb, &c[0], ldc, alpha, beta)
	case 1:
		gemm1x8NEON(k, pa, pb, &c[0], ldc, alpha, beta)
	default: // the whole tile, as macroKernel computes an edge tile
		var t [neonMR * neonNR]float64
		if beta != 0 {
			for i := 0; i < rows; i++ {
				copy(t[i*neonNR:i*neonNR+neonNR], c[i*ldc:])
			}
		}
		kernelNEON(k, a, b, t[:], neonNR, alpha, beta)
		for i := 0; i < rows; i++ {
			copy(c[i*ldc:i*ldc+neonNR], t[i*neonNR:])
		}
	}
}
