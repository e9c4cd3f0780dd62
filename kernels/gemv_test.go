//go:build !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Gemm's one-column products (gemv) agree with the reference, guards
// included, on every path, for both transposes of A and B, every alpha
// and beta, and lengths around the dot product's blocks of 16.
func TestGemv(t *testing.T) {
	defer SetPath(Paths()[0])
	rng := rand.New(rand.NewPCG(5, 6))
	for _, path := range Paths() {
		SetPath(path)
		for _, mk := range [][2]int{{1, 1}, {3, 15}, {5, 16}, {64, 17}, {7, 33}, {64, 784}, {784, 64}, {2, 100}} {
			for _, tr := range transposes {
				for _, ab := range alphaBetas {
					tc := newCase(rng, tr[0], tr[1], mk[0], 1, mk[1], ab[0], ab[1], 0, 3)
					g := gemmArgs{tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, tc.a.data, tc.a.ld, tc.b.data, tc.b.ld, tc.beta, nil, tc.c.ld}
					if !isGemv(&g) && ab[0] != 0 {
						t.Fatalf("%v: not taken by gemv", tc)
					}
					got := tc.run(func(g gemmArgs) {
						Gemm(g.transA, g.transB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, g.c, g.ldc)
					})
					tc.check(t, path+" gemv", got)
				}
			}
		}
	}
}

// Dot agrees with the in-order sum within rounding, on every path.
func TestDot(t *testing.T) {
	defer SetPath(Paths()[0])
	rng := rand.New(rand.NewPCG(8, 9))
	for _, path := range Paths() {
		SetPath(path)
		for _, n := range []int{0, 1, 15, 16, 17, 31, 32, 100, 784} {
			x, y := make([]float64, n), make([]float64, n+1)
			var abs float64
			for i := range x {
				x[i], y[i] = 2*rng.Float64()-1, 2*rng.Float64()-1
				abs += math.Abs(x[i] * y[i])
			}
			y[n] = math.NaN() // past the end: must not be read
			got, want := dot(true, x, y), dotGeneric(x, y[:n])
			if math.Abs(got-want) > 4*float64(n+1)*0x1p-52*abs {
				t.Errorf("%s n=%d: Dot = %v, want %v", path, n, got, want)
			}
		}
	}
}
