//go:build !purego

package simd

import "unsafe"

// transpose4NEON computes, for b < blocks and q < 2,
//
//	dst[(2b+q)·w + i] = src[i·ld + 2b+q], i < 4,
//
// blocks 4×2 blocks of a transpose, in registers (transpose_arm64.s).
//
//go:noescape
func transpose4NEON(dst *float64, w int, src *float64, ld int, blocks int)

// Transpose4NEON does the 4-row step of kernels' transposeRowsFast,
// panel[p·w + i] = src[i·ld + p] for i < 4, on the longest prefix of p <
// kb that is a multiple of 2, and returns its length; the Go loop after
// its call there is its twin, and does the rest.
func Transpose4NEON(panel []float64, w int, src []float64, ld, kb int) int {
	blocks := kb / 2
	if blocks == 0 {
		return 0
	}
	// The assembly does no bounds checks: check the extent once.
	if w < 4 || ld < 1 || len(panel) < (2*blocks-1)*w+4 || len(src) < 3*ld+2*blocks {
		panic("simd: Transpose4NEON: panel or source out of range")
	}
	transpose4NEON(unsafe.SliceData(panel), w, unsafe.SliceData(src), ld, blocks)
	return 2 * blocks
}

// transpose2NEON does, for b < blocks and q, i < 2,
//
//	dst[(2b+q)·w + i] = src[i·ld + 2b+q]
//
// the 2-row blocks of a transpose (transpose_arm64.s).
//
//go:noescape
func transpose2NEON(dst *float64, w int, src *float64, ld int, blocks int)

// Transpose2NEON is Transpose4NEON for two stored rows (i < 2): the two
// rows a 6-row panel has left after its four.
func Transpose2NEON(panel []float64, w int, src []float64, ld, kb int) int {
	blocks := kb / 2
	if blocks == 0 {
		return 0
	}
	// The assembly does no bounds checks: check the extent once.
	if w < 2 || ld < 1 || len(panel) < (2*blocks-1)*w+2 || len(src) < ld+2*blocks {
		panic("simd: Transpose2NEON: panel or source out of range")
	}
	transpose2NEON(unsafe.SliceData(panel), w, unsafe.SliceData(src), ld, blocks)
	return 2 * blocks
}
