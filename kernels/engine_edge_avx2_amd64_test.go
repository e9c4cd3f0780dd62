//go:build !purego && !textbook

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"dlgo/kernels/internal/simd"
)

// kernelAVX2Rows gives, for every row count of an edge, B packed or read
// in place, the bits of the whole 6×8 tile's rows (kernelAVX2Packed or
// directAVX2 into a scratch tile, as macroKernel computes an edge tile), for depths around its loop, every
// alpha and beta (a NaN in C that beta = 0 must not read), touches no row
// below them, and allocates nothing (the whole-tile fallback's scratch is
// on the stack).
func TestAVX2RowsMatchTile(t *testing.T) {
	if !simd.AVX2 {
		t.Skip("no AVX2")
	}
	rng := rand.New(rand.NewPCG(41, 42))
	for rows := 1; rows < avx2MR; rows++ {
		for _, k := range []int{0, 1, 2, 3, 4, 5, 8, 17, 64, 129} {
			for _, ldb := range []int{avx2NR, 13} { // B packed, or in place
				for _, ab := range alphaBetas {
					a, b := randSlice(rng, avx2MR*k), randSlice(rng, max(0, k-1)*ldb+avx2NR)
					const ldc = 11
					c := randSlice(rng, avx2MR*ldc)
					c[0] = math.NaN()
					got, want := append([]float64(nil), c...), append([]float64(nil), c...)
					kernelAVX2Rows(rows, k, a, b, ldb, got, ldc, ab[0], ab[1])
					var tile [avx2MR * avx2NR]float64
					if ab[1] != 0 {
						for i := 0; i < rows; i++ {
							copy(tile[i*avx2NR:i*avx2NR+avx2NR], want[i*ldc:])
						}
					}
					if ldb == avx2NR {
						kernelAVX2Packed(k, a, b, tile[:], avx2NR, ab[0], ab[1])
					} else {
						directAVX2(k, a, 1, avx2MR, b, ldb, tile[:], avx2NR, ab[0], ab[1])
					}
					for i := 0; i < rows; i++ {
						copy(want[i*ldc:i*ldc+avx2NR], tile[i*avx2NR:])
					}
					name := fmt.Sprintf("rows %d, k %d, ldb %d, alpha %v, beta %v", rows, k, ldb, ab[0], ab[1])
					if !sameBits(got, want) {
						t.Fatalf("%s: %v, the tile's rows %v", name, got, want)
					}
				}
			}
		}
	}
	if raceEnabled {
		return
	}
	a, b, c := randSlice(rng, avx2MR*9), randSlice(rng, avx2NR*9), make([]float64, avx2MR*avx2NR)
	for rows := 1; rows < avx2MR; rows++ {
		if n := testing.AllocsPerRun(10, func() { kernelAVX2Rows(rows, 9, a, b, avx2NR, c, avx2NR, 1, 0.5) }); n != 0 {
			t.Errorf("rows %d: %v allocations, want 0", rows, n)
		}
	}
}
