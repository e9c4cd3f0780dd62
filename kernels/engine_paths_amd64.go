//go:build !purego && !textbook

// engine_paths_amd64.go: the engine's additions to the amd64 paths, made
// once at start-up: each assembly kernel's strided form, for the products
// that skip packing (engine_direct.go), the avx2 path's packed-only kernel
// (engine_packed_avx2_amd64.go), column kernels (engine_gemm.go:
// columnKernel, stridedColumn) and edge rows (engine_edge_avx2_amd64.go), and the avx512 path's narrow 8×16 twin
// (engine_narrow.go). Which sparse products a path runs is set in
// engine_sparse_amd64.go. The other microkernels are the textbook's
// (microkernel_amd64.go, microkernel_avx512_amd64.go).

package kernels

import "unsafe"

func init() {
	for _, p := range available {
		switch p.name {
		case "avx2":
			p.direct = directAVX2
			p.kernel = kernelAVX2Packed
			p.edgeRows = kernelAVX2Rows
			columnKernels[columnKey{"avx2", avx2MR, avx2NR}] = columnAVX2
			stridedColumns[columnKey{"avx2", avx2MR, avx2NR}] = stridedAVX2
		case "avx512":
			p.direct = directAVX512
			p.narrow = &kernelPath{name: "avx512", blocking: narrowBlocking(p.blocking, avx512x16NR),
				kernel: kernelAVX512x16, direct: directAVX512x16, asm: true}
		}
	}
}

// directAVX2 is the strided form of kernelAVX2 (a directKernel): A and B
// read in place, A[i][p] = a[i·rsa + p·csa], B[p][j] = b[p·ldb + j].
func directAVX2(k int, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int, alpha, beta float64) {
	checkDirect("directAVX2", avx2MR, avx2NR, k, a, rsa, csa, b, ldb, c, ldc)
	gemm6x8AVX2(k, unsafe.SliceData(a), rsa, csa, unsafe.SliceData(b), ldb, &c[0], ldc, alpha, beta)
}

// directAVX512 is the strided form of kernelAVX512 (a directKernel): A and
// B read in place, A[i][p] = a[i·rsa + p·csa], B[p][j] = b[p·ldb + j].
func directAVX512(k int, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int, alpha, beta float64) {
	checkDirect("directAVX512", avx512MR, avx512NR, k, a, rsa, csa, b, ldb, c, ldc)
	gemm8x24AVX512(k, unsafe.SliceData(a), rsa, csa, unsafe.SliceData(b), ldb, &c[0], ldc, alpha, beta)
}
