//go:build purego || !arm64

package simd

// NEON is false: no NEON routine runs in this build, and the ones
// below do nothing or are never called.
const NEON = false

// SparseStrip32NEON is never called in this build (NEON is false); it
// panics.
func SparseStrip32NEON(c []float64, ldc int, bnd []int32, stride, span int, idx []int32, val []float64, rows int, b []float64, ldb, bRows int) {
	panic("simd: no NEON in this build")
}

// Transpose4NEON does nothing in this build and returns 0.
func Transpose4NEON(panel []float64, w int, src []float64, ld, kb int) int { return 0 }

// Transpose2NEON does nothing in this build and returns 0.
func Transpose2NEON(panel []float64, w int, src []float64, ld, kb int) int { return 0 }
