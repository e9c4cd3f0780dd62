//go:build !purego && !textbook

// engine_column_avx2_amd64.go: the avx2 path's strided column kernel
// (engine_column_avx2_amd64.s), for the tiles macroKernel runs on unpacked
// operands (engine_direct.go) or with one operand packed. Plain twin:
// directAVX2 called once per tile (macroKernel's loop over ir), the same
// operations in the same order, so the same bits. Measured gain: see
// columnKernel (engine_gemm.go).

package kernels

import "unsafe"

// gemm6x8AVX2Strided computes tiles 6×8 tiles down a column of C: tile t is
// gemm6x8AVX2 on A read as A[i][p] = a[t·tileA + i·rsa + p·csa], B as
// B[p][j] = b[p·ldb + j], and C at c + t·6·ldc.
//
//go:noescape
func gemm6x8AVX2Strided(tiles, k int, a *float64, rsa, csa, tileA int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)

// stridedAVX2 is a stridedColumn (engine_gemm.go) for the avx2 path: tiles
// tiles down a column of C, each as directAVX2 computes it.
func stridedAVX2(tiles, k int, a []float64, rsa, csa, tileA int, b []float64, ldb int, c []float64, ldc int, alpha, beta float64) {
	// The assembly does no bounds checks: check the whole extent once.
	ok := tiles >= 1 && k >= 0 && rsa >= 0 && csa >= 0 && tileA >= 0 && ldb >= 0 &&
		ldc >= avx2NR && len(c) >= (tiles*avx2MR-1)*ldc+avx2NR
	if ok && k > 0 {
		ok = len(a) > (tiles-1)*tileA+(avx2MR-1)*rsa+(k-1)*csa && len(b) >= (k-1)*ldb+avx2NR
	}
	if !ok {
		panic("kernels: stridedAVX2: operand out of range")
	}
	gemm6x8AVX2Strided(tiles, k, unsafe.SliceData(a), rsa, csa, tileA, unsafe.SliceData(b), ldb, &c[0], ldc, alpha, beta)
}
