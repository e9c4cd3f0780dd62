//go:build !purego && !textbook

// engine_edge_avx2_amd64.go: the avx2 path's edgeRows (path.go): a
// tile of a packed A panel (B packed or read in place) that overhangs C's
// lower edge (m = 64 and 256 leave 4 rows of the 6×8 tile, m = 128 and 32
// leave 2) computed on its rows inside C, straight into C, by kernels with
// fewer accumulators (engine_edge_avx2_amd64.s). Plain twin: macroKernel's edge
// tile, the whole 6×8 tile computed into a scratch tile and its rows
// inside C copied back, which also serves 3 and 5 rows here (2 + 1 and 4
// + 1 would cost more than the whole tile: a 1- or 2-row kernel waits
// on its FMAs' latency). The same bits: each row's FMAs and stores are
// the whole tile's. Measured gain: see kernelAVX2Rows.

package kernels

import "unsafe"

// gemm4x8AVX2Rows, gemm2x8AVX2Rows and gemm1x8AVX2Rows compute the first
// 4, 2 and 1 rows of a 6×8 tile from the packed A panel a (6 values a k
// step) and B at b (8 values a row, rows ldb apart: 8 when packed) into C
// at c.
//
//go:noescape
func gemm4x8AVX2Rows(k int, a, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func gemm2x8AVX2Rows(k int, a, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func gemm1x8AVX2Rows(k int, a, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)

// kernelAVX2Rows is the avx2 path's edgeRows: the first rows (1 …
// 5) of the 6×8 tile of the packed A panel a and B (rows ldb apart), into
// C at c, as kernelAVX2Packed (B packed, ldb = 8) or directAVX2 (B in
// place) computes them. Measured on the Zen 5 VM (Gemm in-process, avx2,
// one thread, pinned, three alternations, GFLOP/s): the dy·Wᵀ of an
// MNIST step, 64×784×128 with B transposed (packed), 45.5–46.0 →
// 47.7–47.9; 128×784×64 (2 rows over) 47.1–47.9 → 48.6–48.8. With B read
// in place (the small products that skip packing it): 64×128×256
// 47.9–49.3 → 49.2–50.6, 64×784×128 48.3–48.7 → 49.3 (and 45.6 → 48.5
// in a slower pass); 64×128×784 within the noise.
func kernelAVX2Rows(rows, k int, a, b []float64, ldb int, c []float64, ldc int, alpha, beta float64) {
	if rows < 1 || rows >= avx2MR || k < 0 || ldb < avx2NR || len(a) < avx2MR*k || (k > 0 && len(b) < (k-1)*ldb+avx2NR) ||
		ldc < avx2NR || len(c) < (rows-1)*ldc+avx2NR {
		panic("kernels: kernelAVX2Rows: rows, panel or tile out of range")
	}
	pa, pb := unsafe.SliceData(a), unsafe.SliceData(b)
	switch rows {
	case 4:
		gemm4x8AVX2Rows(k, pa, pb, ldb, &c[0], ldc, alpha, beta)
	case 2:
		gemm2x8AVX2Rows(k, pa, pb, ldb, &c[0], ldc, alpha, beta)
	case 1:
		gemm1x8AVX2Rows(k, pa, pb, ldb, &c[0], ldc, alpha, beta)
	default: // the whole tile, as macroKernel computes an edge tile
		var t [avx2MR * avx2NR]float64
		if beta != 0 {
			for i := 0; i < rows; i++ {
				copy(t[i*avx2NR:i*avx2NR+avx2NR], c[i*ldc:])
			}
		}
		if ldb == avx2NR {
			kernelAVX2Packed(k, a, b, t[:], avx2NR, alpha, beta)
		} else {
			directAVX2(k, a, 1, avx2MR, b, ldb, t[:], avx2NR, alpha, beta)
		}
		for i := 0; i < rows; i++ {
			copy(c[i*ldc:i*ldc+avx2NR], t[i*avx2NR:])
		}
	}
}
