//go:build purego || !amd64

package simd

// Without assembly (the purego tag, or not amd64) nothing runs here: the
// flags are false, the prefix routines do nothing, and the others are
// never called.

// AVX2 and AVX512Masks are false: no routine runs.
const (
	AVX2        = false
	AVX512Masks = false
)

// Dot does nothing in this build and returns 0, 0 (see simd_amd64.go).
func Dot(x, y []float64) (float64, int) { return 0, 0 }

// Transpose4 does nothing in this build (see simd_amd64.go).
func Transpose4(panel []float64, w int, src []float64, ld, kb int) int { return 0 }

// Transpose2 does nothing in this build (see simd_amd64.go).
func Transpose2(panel []float64, w int, src []float64, ld, kb int) int { return 0 }

// MaskRow does nothing in this build (see simd_amd64.go).
func MaskRow(a []float64, mask []uint64, bit uint) (done, nonzeros int) { return 0, 0 }

// MaskedScatterPairs is never called in this build (AVX512Masks is
// false); it panics.
func MaskedScatterPairs(c []float64, ldc int, a []float64, k int, mask []uint64, pairs int, b []float64, ldb int) {
	panic("simd: no assembly in this build")
}

// MaskedGatherPairs is never called in this build; it panics.
func MaskedGatherPairs(c []float64, ldc int, a []float64, k int, mask []uint64, pairs int, b []float64, ldb int) {
	panic("simd: no assembly in this build")
}
