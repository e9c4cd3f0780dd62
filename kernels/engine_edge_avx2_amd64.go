//go:build !purego && !textbook

// engine_edge_avx2_amd64.go: the avx2 path's edgeRows (path.go): a tile
// of packed panels that overhangs C's lower edge by 2, 4 or 5 rows (m = 64
// and 256 leave 4 rows of the 6×8 tile, m = 128 and 32 leave 2) computed
// on its rows inside C, straight into C, by kernels with fewer
// accumulators (engine_edge_avx2_amd64.s). Plain twin: macroKernel's edge
// tile, the whole 6×8 tile computed into a scratch tile and its rows
// inside C copied back, which also serves 3 and 5 rows here (2 + 1 and 4
// + 1 would cost more than the whole tile: a 1- or 2-row kernel waits
// on its FMAs' latency). The same bits: each row's FMAs and stores are
// the whole tile's. Measured gain: see kernelAVX2Rows.

package kernels

import "unsafe"

// gemm4x8AVX2Packed, gemm2x8AVX2Packed and gemm1x8AVX2Packed compute the
// first 4, 2 and 1 rows of gemm6x8AVX2Column's tile (packed A panel a,
// 6 values a k step; packed B panel b, 8 values a k step) into C at c.
//
//go:noescape
func gemm4x8AVX2Packed(k int, a, b, c *float64, ldc int, alpha, beta float64)

//go:noescape
func gemm2x8AVX2Packed(k int, a, b, c *float64, ldc int, alpha, beta float64)

//go:noescape
func gemm1x8AVX2Packed(k int, a, b, c *float64, ldc int, alpha, beta float64)

// kernelAVX2Rows is the avx2 path's edgeRows: the first rows (1 … 5) of
// the 6×8 tile of packed panels a and b, into C at c, as kernelAVX2Packed
// computes them. Measured on the Zen 5 VM (Gemm in-process, avx2, one
// thread, pinned, three alternations, GFLOP/s): the dy·Wᵀ of an MNIST
// step, 64×784×128 with B transposed, 45.5–46.0 → 47.7–47.9; 128×784×64
// (2 rows over) 47.1–47.9 → 48.6–48.8. A product that reads B in place
// (not transposed, small) keeps macroKernel's edge tile.
func kernelAVX2Rows(rows, k int, a, b, c []float64, ldc int, alpha, beta float64) {
	if rows < 1 || rows >= avx2MR || k < 0 || len(a) < avx2MR*k || len(b) < avx2NR*k || ldc < avx2NR || len(c) < (rows-1)*ldc+avx2NR {
		panic("kernels: kernelAVX2Rows: rows, panel or tile out of range")
	}
	pa, pb := unsafe.SliceData(a), unsafe.SliceData(b)
	switch rows {
	case 4:
		gemm4x8AVX2Packed(k, pa, pb, &c[0], ldc, alpha, beta)
	case 2:
		gemm2x8AVX2Packed(k, pa, pb, &c[0], ldc, alpha, beta)
	case 1:
		gemm1x8AVX2Packed(k, pa, pb, &c[0], ldc, alpha, beta)
	default: // the whole tile, as macroKernel computes an edge tile
		var t [avx2MR * avx2NR]float64
		if beta != 0 {
			for i := 0; i < rows; i++ {
				copy(t[i*avx2NR:i*avx2NR+avx2NR], c[i*ldc:])
			}
		}
		kernelAVX2Packed(k, a, b, t[:], avx2NR, alpha, beta)
		for i := 0; i < rows; i++ {
			copy(c[i*ldc:i*ldc+avx2NR], t[i*avx2NR:])
		}
	}
}
