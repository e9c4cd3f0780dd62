//go:build !purego

package kernels

import "unsafe"

// Tile of the AVX2 microkernel (see microkernel_amd64.s for why 6×8).
const (
	avx2MR = 6
	avx2NR = 8
)

// gemm6x8AVX2 is the AVX2+FMA assembly behind kernelAVX2 (and the
// engine's directAVX2, which reads A and B in place):
// the 6×8 tile of C at c (row stride ldc) from A read as
// A[i][p] = a[i·rsa + p·csa] and B as B[p][j] = b[p·ldb + j]. It replaces
// this Go loop (kernelGeneric computes the same on packed panels, in
// sub-tiles, by the same fused multiply-adds):
//
//	for i := 0; i < 6; i++ {
//		for j := 0; j < 8; j++ {
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
// A packed A panel is rsa = 1, csa = 6; a packed B panel is ldb = 8.
//
//go:noescape
func gemm6x8AVX2(k int, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)

// kernelAVX2 is the microkernel of the avx2 path: the microkernel contract
// (microkernel_generic.go) on a 6×8 tile of packed panels, by gemm6x8AVX2.
// Each element is the same chain of fused multiply-adds as kernelGeneric's,
// so the two give the same bits.
func kernelAVX2(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	// The assembly does no bounds checks: check the whole extent once.
	if len(a) < avx2MR*k || len(b) < avx2NR*k || ldc < avx2NR || len(c) < (avx2MR-1)*ldc+avx2NR {
		panic("kernels: kernelAVX2: panel or tile out of range")
	}
	gemm6x8AVX2(k, unsafe.SliceData(a), 1, avx2MR, unsafe.SliceData(b), avx2NR, &c[0], ldc, alpha, beta)
}
