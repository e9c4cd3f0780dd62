//go:build purego || !amd64

package simd

// CompactRow does nothing in this build and returns 0, n (see
// sparse_amd64.go).
func CompactRow(idx []int32, val []float64, n int, x []float64, bnd []int32, kb int) (done, count int) {
	return 0, n
}

// SparseStrip32 is never called in this build (AVX2 is false); it panics.
func SparseStrip32(c []float64, ldc int, bnd []int32, stride, span int, idx []int32, val []float64, rows int, b []float64, ldb, bRows int) {
	panic("simd: no assembly in this build")
}

// SparseStrip4 is never called in this build; it panics.
func SparseStrip4(c []float64, ldc int, bnd []int32, stride, span int, idx []int32, val []float64, rows int, b []float64, ldb, bRows int) {
	panic("simd: no assembly in this build")
}

// CountColumns is never called in this build; it panics.
func CountColumns(cur, idx []int32) { panic("simd: no assembly in this build") }

// ScatterRow is never called in this build; it panics.
func ScatterRow(tidx []int32, tval []float64, cur, lidx []int32, lval []float64, lo, hi, row int) {
	panic("simd: no assembly in this build")
}
