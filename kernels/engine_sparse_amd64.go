//go:build !purego && !textbook

// engine_sparse_amd64.go: which sparse products each amd64 path runs
// (engine_sparse.go), decided once at start-up.

package kernels

import "dlgo/kernels/internal/simd"

// sparseWay returns how the path p takes a mostly-zero A: avx512 through
// its lane masks (with BMI1 for TZCNT and BLSR; without, densely, as
// before lists existed), avx2 through lists in AVX2, generic through
// lists in Go.
func sparseWay(p *kernelPath) uint8 {
	switch {
	case p.name == "avx512" && simd.AVX512Masks:
		return sparseMasks
	case p.name == "avx512":
		return sparseNone
	case p.asm && simd.AVX2:
		return sparseListsAVX2
	}
	return sparseListsGo
}
