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

// AxpyNEON does nothing in this build and returns 0.
func AxpyNEON(y, x []float64, a float64) int { return 0 }

// ReLUNEON does nothing in this build and returns 0.
func ReLUNEON(y, x []float64) int { return 0 }

// ReLUGradNEON does nothing in this build and returns 0.
func ReLUGradNEON(dx, dy, x []float64) int { return 0 }

// AddToNEON does nothing in this build and returns 0.
func AddToNEON(dst, src []float64) int { return 0 }

// AdamNEON does nothing in this build and returns 0.
func AdamNEON(w, g, m, v []float64, k *[7]float64) int { return 0 }
