//go:build !purego && !textbook

// engine_sparse_arm64.go: which sparse products each arm64 path runs
// (engine_sparse.go), decided once at start-up.

package kernels

import "dlgo/kernels/internal/simd"

// sparseWay returns how the path p takes a mostly-zero A: neon through
// lists and NEON strips of 32 columns (sparse_arm64.s), generic through
// lists in Go. Per nonzero and 32 columns the strip runs 27 instructions,
// 16 of them FMLAs of two lanes: 0.84 instructions a multiply-add against
// 3.0 for the Go loop's eight scalar FMADDs and their loads, checks and
// branch (go tool objdump of the arm64 test binary). Not timed: this
// machine runs arm64 under qemu only.
func sparseWay(p *kernelPath) uint8 {
	if p.asm && simd.NEON {
		return sparseListsNEON
	}
	return sparseListsGo
}
