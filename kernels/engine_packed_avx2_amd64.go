//go:build !purego && !textbook

// engine_packed_avx2_amd64.go: the avx2 path's microkernel for packed
// panels only (engine_packed_avx2_amd64.s), installed as the path's kernel
// by engine_paths_amd64.go; the strided gemm6x8AVX2 still serves the
// products that skip packing (engine_direct.go), and as its columnKernel
// (engine_gemm.go), which runs a column of tiles in one call. Plain twin:
// kernelAVX2 (microkernel_amd64.go), called once per tile: the same
// operations in the same order, read through strides (an index register
// per operand and a pointer bump per step), so the same bits. Measured
// gain: in L1 (BenchmarkKernelAVX2, k = 256) as fast as the strided one
// on the Sapphire Rapids VM here (53–56 GFLOP/s best of 8, both); on the
// Zen 3 of issue 13 a packed-only kernel with KC 256 gained 7–8% at
// 512³–1024³. With the column calls, see columnKernel.

package kernels

import "unsafe"

// gemm6x8AVX2Column computes tiles 6×8 tiles down a column of C: tile t
// is gemm6x8AVX2 with rsa = 1, csa = 6, ldb = 8 on the packed A panel at
// a + t·6·k (6 values a k step), the packed B panel at b (8 values a k
// step) and the C tile at c + t·6·ldc.
//
//go:noescape
func gemm6x8AVX2Column(tiles, k int, a, b, c *float64, ldc int, alpha, beta float64)

// kernelAVX2Packed is the microkernel contract (microkernel_generic.go) on
// a 6×8 tile of packed panels, by gemm6x8AVX2Column: kernelAVX2's bits.
func kernelAVX2Packed(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	columnAVX2(1, k, a, b, c, ldc, alpha, beta)
}

// columnAVX2 is a columnKernel (engine_gemm.go): tiles 6×8 tiles down a
// column of C, tile t from a[t·6·k:], b and c[t·6·ldc:], each as
// kernelAVX2Packed computes it.
func columnAVX2(tiles, k int, a, b, c []float64, ldc int, alpha, beta float64) {
	// The assembly does no bounds checks: check the whole extent once.
	if tiles < 1 || k < 0 || len(a) < tiles*avx2MR*k || len(b) < avx2NR*k || ldc < avx2NR || len(c) < (tiles*avx2MR-1)*ldc+avx2NR {
		panic("kernels: columnAVX2: panel or tile out of range")
	}
	gemm6x8AVX2Column(tiles, k, unsafe.SliceData(a), unsafe.SliceData(b), &c[0], ldc, alpha, beta)
}
