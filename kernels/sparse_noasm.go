//go:build purego || !amd64

package kernels

// Without assembly the sparse products run their Go loops throughout.

func sparseAsm() bool { return false }

func spmmRow64(row []float64, col []int32, val []float64, b []float64, ldb int) {
	spmmRowGeneric(row, col, val, b, ldb)
}

func spmmScatter64(c []float64, ldc int, t *SparseRows, b []float64, ldb int) {
	spmmScatterGeneric(c, ldc, t, b, ldb, 64)
}

func compressRow(row []float64, col []int32, val []float64) int {
	return compressGeneric(row, col, val, 0)
}
