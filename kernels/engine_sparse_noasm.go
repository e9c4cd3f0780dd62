//go:build (purego || !amd64) && !textbook

// engine_sparse_noasm.go: part of the engine, for engine_sparse.go, where its plain twin
// and measured gain are named.

package kernels

// Without assembly the masked products run their Go loops throughout.

func maskAsm() bool { return false }

func maskRow(a []float64, mask []uint64, bit uint) int { return maskRowGeneric(a, mask, bit) }

func maskedScatter64(c []float64, ldc int, a []float64, k int, mask []uint64, b []float64, ldb int) {
	maskedScatterGeneric(c, ldc, a, k, mask, 0, k, b, ldb, 64)
}

func maskedGather64(c []float64, ldc int, a []float64, k int, mask []uint64, p0, p1 int, b []float64, ldb int) {
	maskedGatherGeneric(c, ldc, a, k, mask, p0, p1, b, ldb, 64)
}
