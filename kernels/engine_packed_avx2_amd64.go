//go:build !purego && !textbook

// engine_packed_avx2_amd64.go: the avx2 path's microkernel for packed
// panels only (engine_packed_avx2_amd64.s), installed as the path's kernel
// by engine_paths_amd64.go; the strided gemm6x8AVX2 still serves the
// products that skip packing (engine_direct.go). Plain twin: kernelAVX2
// (microkernel_amd64.go), the same operations in the same order, read
// through strides (one index register per operand and a pointer bump per
// step), so the same bits. Measured gain: see kernelAVX2Packed.

package kernels

import "unsafe"

// gemm6x8AVX2Packed is gemm6x8AVX2 with rsa = 1, csa = 6, ldb = 8: the 6×8
// tile of C at c (row stride ldc) from a packed A panel (6 values a k step)
// and a packed B panel (8 values a k step).
//
//go:noescape
func gemm6x8AVX2Packed(k int, a, b, c *float64, ldc int, alpha, beta float64)

// kernelAVX2Packed is the microkernel contract (microkernel_generic.go) on
// a 6×8 tile of packed panels, by gemm6x8AVX2Packed: kernelAVX2's bits.
func kernelAVX2Packed(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	// The assembly does no bounds checks: check the whole extent once.
	if len(a) < avx2MR*k || len(b) < avx2NR*k || ldc < avx2NR || len(c) < (avx2MR-1)*ldc+avx2NR {
		panic("kernels: kernelAVX2Packed: panel or tile out of range")
	}
	gemm6x8AVX2Packed(k, unsafe.SliceData(a), unsafe.SliceData(b), &c[0], ldc, alpha, beta)
}
