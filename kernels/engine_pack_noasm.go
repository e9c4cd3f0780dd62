//go:build (purego || !amd64) && !textbook

// engine_pack_noasm.go: part of the engine, for engine_pack.go, where its plain twin
// and measured gain are named.

package kernels

// transpose4 does nothing without assembly: transposeRows's Go loop does
// all of it.
func transpose4(panel []float64, w int, src []float64, ld, kb int) int { return 0 }
