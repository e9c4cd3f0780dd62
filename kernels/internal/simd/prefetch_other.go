//go:build purego || !(amd64 || arm64)

package simd

// Prefetch does nothing in this build (see prefetch.go).
func Prefetch(x []float64) {}
