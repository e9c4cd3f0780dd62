//go:build !purego && !textbook

// engine_pack_amd64.go: part of the engine, for engine_pack.go, where its plain twin
// and measured gain are named.

package kernels

import "unsafe"

// transpose4AVX2 is the AVX2 assembly behind transpose4: for b < blocks
// and q, i < 4 it does
//
//	dst[(4b+q)·w + i] = src[i·ld + 4b+q]
//
// four 4×4 blocks of a transpose, in registers. It replaces the Go loop
// that follows its call in transposeRowsFast (engine_pack.go), which does
// the same for the values it leaves; TestTransposeRows checks the two
// against pack.go's plain transposeRows.
//
//go:noescape
func transpose4AVX2(dst *float64, w int, src *float64, ld int, blocks int)

// transpose4 does the 4-row step of transposeRows: panel[p·w + i] =
// src[i·ld + p] for i < 4, p < kb, with AVX2 where the CPU has it. It
// returns how many values of p it did (a multiple of 4); the caller does
// the rest.
func transpose4(panel []float64, w int, src []float64, ld, kb int) int {
	blocks := kb / 4
	if !hasAVX2 || blocks == 0 {
		return 0
	}
	// The assembly does no bounds checks: check the extent once.
	if w < 4 || ld < 1 || len(panel) < (4*blocks-1)*w+4 || len(src) < 3*ld+4*blocks {
		panic("kernels: transpose4: panel or source out of range")
	}
	transpose4AVX2(unsafe.SliceData(panel), w, unsafe.SliceData(src), ld, blocks)
	return 4 * blocks
}
