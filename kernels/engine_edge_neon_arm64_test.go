//go:build !purego && !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// kernelNEONRows gives, for every row count of an edge, the bits of the
// whole 6×8 tile's rows (kernelNEON into a scratch tile, as macroKernel
// computes an edge tile), for depths around its loop, every alpha and
// beta (a NaN in C that beta = 0 must not read), touches no row below
// them, and allocates nothing.
func TestNEONRowsMatchTile(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	for rows := 1; rows < neonMR; rows++ {
		for _, k := range []int{0, 1, 2, 3, 5, 8, 17, 64} {
			for _, ab := range alphaBetas {
				a, b := randSlice(rng, neonMR*k), randSlice(rng, neonNR*k)
				const ldc = 11
				c := randSlice(rng, neonMR*ldc)
				c[0] = math.NaN()
				got, want := append([]float64(nil), c...), append([]float64(nil), c...)
				kernelNEONRows(rows, k, a, b, neonNR, got, ldc, ab[0], ab[1])
				var tile [neonMR * neonNR]float64
				if ab[1] != 0 {
					for i := 0; i < rows; i++ {
						copy(tile[i*neonNR:i*neonNR+neonNR], want[i*ldc:])
					}
				}
				kernelNEON(k, a, b, tile[:], neonNR, ab[0], ab[1])
				for i := 0; i < rows; i++ {
					copy(want[i*ldc:i*ldc+neonNR], tile[i*neonNR:])
				}
				if !sameBits(got, want) {
					t.Fatalf("rows %d, k %d, alpha %v, beta %v: %v, the tile's rows %v", rows, k, ab[0], ab[1], got, want)
				}
			}
		}
	}
	if raceEnabled {
		return
	}
	a, b, c := randSlice(rng, neonMR*9), randSlice(rng, neonNR*9), make([]float64, neonMR*neonNR)
	for rows := 1; rows < neonMR; rows++ {
		if n := testing.AllocsPerRun(10, func() { kernelNEONRows(rows, 9, a, b, neonNR, c, neonNR, 1, 0.5) }); n != 0 {
			t.Errorf("rows %d: %v allocations, want 0", rows, n)
		}
	}
}
