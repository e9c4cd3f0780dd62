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

// MaskRowAVX2 does nothing in this build and returns 0, 0.
func MaskRowAVX2(a []float64, mask []uint64, bit uint) (done, nonzeros int) { return 0, 0 }

// ListsFromMasks is never called in this build; it panics.
func ListsFromMasks(idx []int32, val []float64, bnd []int32, mask []uint64, n int, a []float64, r, c, lda int) {
	panic("simd: no assembly in this build")
}
