//go:build !purego

package kernels

import "unsafe"

// Tile of the NEON microkernel (see microkernel_arm64.s for why 6×8).
const (
	neonMR = 6
	neonNR = 8
)

// gemm6x8NEON is the NEON assembly that kernelNEON calls: the 6×8 tile of
// C at c (row stride ldc) from the packed panels at a and b. It replaces
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
func gemm6x8NEON(k int, a, b, c *float64, ldc int, alpha, beta float64)

// kernelNEON is the microkernel of the neon path: the microkernel contract
// (microkernel_generic.go) on a 6×8 tile, by gemm6x8NEON. Its products are
// fused multiply-adds, so results differ from kernelGeneric's in the last
// bits; they are the same whatever the thread count.
func kernelNEON(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	// The assembly does no bounds checks: check the whole extent once.
	if len(a) < neonMR*k || len(b) < neonNR*k || ldc < neonNR || len(c) < (neonMR-1)*ldc+neonNR {
		panic("kernels: kernelNEON: panel or tile out of range")
	}
	gemm6x8NEON(k, unsafe.SliceData(a), unsafe.SliceData(b), &c[0], ldc, alpha, beta)
}
