//go:build !purego && !textbook

// engine_narrow_avx512_amd64.go: part of the engine, for engine_narrow.go, where its plain twin
// and measured gain are named.

package kernels

import "unsafe"

// Tile of the narrow AVX-512 microkernel (engine_narrow_avx512_amd64.s):
// 8×16, the narrow twin of the 8×24 tile (engine_narrow.go).
const (
	avx512x16MR = 8
	avx512x16NR = 16
)

// gemm8x16AVX512 is the AVX-512 assembly behind kernelAVX512x16 and
// directAVX512x16: the 8×16 tile of C at c (row stride ldc) from A read as
// A[i][p] = a[i·rsa + p·csa] and B as B[p][j] = b[p·ldb + j]. It replaces
// the Go loop of gemm8x24AVX512 with j < 16, by the same operations: it
// is the same assembly (microkernel_avx512_amd64.s's macros) on two zmm
// columns instead of three.
//
//go:noescape
func gemm8x16AVX512(k int, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)

// kernelAVX512x16 is the microkernel contract (microkernel_generic.go) on
// an 8×16 tile of packed panels.
func kernelAVX512x16(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	directAVX512x16(k, a, 1, avx512x16MR, b, avx512x16NR, c, ldc, alpha, beta)
}

// directAVX512x16 is the strided form of kernelAVX512x16 (a directKernel).
func directAVX512x16(k int, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int, alpha, beta float64) {
	checkDirect("directAVX512x16", avx512x16MR, avx512x16NR, k, a, rsa, csa, b, ldb, c, ldc)
	gemm8x16AVX512(k, unsafe.SliceData(a), rsa, csa, unsafe.SliceData(b), ldb, &c[0], ldc, alpha, beta)
}
