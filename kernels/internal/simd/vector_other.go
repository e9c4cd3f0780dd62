//go:build purego || !(amd64 || arm64)

package simd

// The element-wise loops, which run in AVX2 on amd64 (simd_amd64.go) and
// in NEON on arm64 (vector_arm64.go), do nothing in this build and return
// 0: the caller's Go loop does it all.

// Axpy does nothing in this build (see simd_amd64.go).
func Axpy(y, x []float64, a float64) int { return 0 }

// ReLU does nothing in this build (see simd_amd64.go).
func ReLU(y, x []float64) int { return 0 }

// ReLUGrad does nothing in this build (see simd_amd64.go).
func ReLUGrad(dx, dy, x []float64) int { return 0 }

// AddTo does nothing in this build (see simd_amd64.go).
func AddTo(dst, src []float64) int { return 0 }

// Adam does nothing in this build (see simd_amd64.go).
func Adam(w, g, m, v []float64, k *[7]float64) int { return 0 }
