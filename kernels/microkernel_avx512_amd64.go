//go:build !purego

package kernels

import "unsafe"

// Tile of the AVX-512 microkernel (see microkernel_avx512_amd64.s for why
// 8×24).
const (
	avx512MR = 8
	avx512NR = 24
)

// gemm8x24AVX512 is the AVX-512 assembly behind kernelAVX512 (and
// the engine's directAVX512): the 8×24 tile of C at c (row stride ldc) from A read as
// A[i][p] = a[i·rsa + p·csa] and B as B[p][j] = b[p·ldb + j]. It replaces
// this Go loop:
//
//	for i := 0; i < 8; i++ {
//		for j := 0; j < 24; j++ {
//			s := 0.0
//			for p := 0; p < k; p++ {
//				s = math.FMA(a[i*rsa+p*csa], b[p*ldb+j], s) // one rounding per step
//			}
//			if beta == 0 {
//				c[i*ldc+j] = alpha * s
//			} else {
//				c[i*ldc+j] = math.FMA(beta, c[i*ldc+j], alpha*s)
//			}
//		}
//	}
//
// A packed A panel is rsa = 1, csa = 8; a packed B panel is ldb = 24.
//
//go:noescape
func gemm8x24AVX512(k int, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)

// kernelAVX512 is the microkernel of the avx512 path: the microkernel
// contract (microkernel_generic.go) on an 8×24 tile of packed panels.
func kernelAVX512(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	// The assembly does no bounds checks: check the whole extent once.
	if len(a) < avx512MR*k || len(b) < avx512NR*k || ldc < avx512NR || len(c) < (avx512MR-1)*ldc+avx512NR {
		panic("kernels: kernelAVX512: panel or tile out of range")
	}
	gemm8x24AVX512(k, unsafe.SliceData(a), 1, avx512MR, unsafe.SliceData(b), avx512NR, &c[0], ldc, alpha, beta)
}
