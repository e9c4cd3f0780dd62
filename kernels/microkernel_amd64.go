//go:build !purego

package kernels

import "unsafe"

// Tile of the AVX2 microkernel (see microkernel_amd64.s for why 6×8).
const (
	avx2MR = 6
	avx2NR = 8
)

// gemm6x8AVX2 is the AVX2+FMA assembly that kernelAVX2 calls: the 6×8 tile
// of C at c (row stride ldc) from the packed panels at a and b. It replaces
// this Go loop (kernelGeneric computes the same, in sub-tiles):
//
//	for i := 0; i < 6; i++ {
//		for j := 0; j < 8; j++ {
//			s := 0.0
//			for p := 0; p < k; p++ {
//				s = math.FMA(a[p*6+i], b[p*8+j], s) // one rounding per step
//			}
//			if beta == 0 {
//				c[i*ldc+j] = alpha * s
//			} else {
//				c[i*ldc+j] = math.FMA(beta, c[i*ldc+j], alpha*s)
//			}
//		}
//	}
//
//go:noescape
func gemm6x8AVX2(k int, a, b, c *float64, ldc int, alpha, beta float64)

// kernelAVX2 is the microkernel of the avx2 path: the microkernel contract
// (microkernel_generic.go) on a 6×8 tile, by gemm6x8AVX2. The products are
// fused multiply-adds, so results differ from kernelGeneric's in the last
// bits; they are the same whatever the thread count.
func kernelAVX2(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	// The assembly does no bounds checks: check the whole extent once.
	if len(a) < avx2MR*k || len(b) < avx2NR*k || ldc < avx2NR || len(c) < (avx2MR-1)*ldc+avx2NR {
		panic("kernels: kernelAVX2: panel or tile out of range")
	}
	gemm6x8AVX2(k, unsafe.SliceData(a), unsafe.SliceData(b), &c[0], ldc, alpha, beta)
}
