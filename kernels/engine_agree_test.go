//go:build !textbook

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The default build and the textbook build agree: on every path, the
// engine's runner (gemmEngine, at the hook) gives the bits of the plain
// loops (gemmPlain, all the textbook build has) for every product, on any
// number of threads, except two variants that sum in another order and so
// agree to rounding:
//
//   - one-column products (gemv: Dot's 16 partial sums),
//   - a mostly-zero A (the sparse products: lane masks on avx512, lists
//     on the other paths; each chain starts from C and skips the zero
//     terms),
//
// for which each element differs by at most 2(k+2)·2⁻⁵³ times the sum of
// the magnitudes of its terms, |alpha|·Σ_p |A_ip·B_pj| + |beta·C_ij|: the
// textbook bound for two orders of summation (Higham, Accuracy and
// Stability of Numerical Algorithms, §3.1), the same for both builds. The
// element-wise loops (Axpy, ReLU, …) give the plain loops' bits
// (TestVectorMatchesGeneric).
func TestEngineMatchesPlain(t *testing.T) {
	withMinParallelWork(t, 1)
	defer SetThreads(0)
	type shape struct {
		m, n, k int
		sparse  bool
	}
	shapes := []shape{{64, 128, 784, false}, {64, 784, 128, false}, {128, 784, 64, false}, {64, 10, 128, false},
		{37, 130, 29, false}, {300, 17, 260, false}, {64, 1, 784, false}, {7, 1, 3, false},
		{64, 128, 784, true}, {784, 128, 64, true}}
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		rng := rand.New(rand.NewPCG(21, 22))
		for _, s := range shapes {
			for _, tr := range transposes {
				if s.sparse && tr[1] {
					continue
				}
				ab := alphaBetas[rng.IntN(len(alphaBetas))]
				if s.sparse {
					ab = [2]float64{1, float64(rng.IntN(2))}
				}
				tc := newCase(rng, tr[0], tr[1], s.m, s.n, s.k, ab[0], ab[1], 0, 0)
				if s.sparse { // MNIST-like: 19% of A nonzero
					for i := range tc.a.data {
						if rng.Float64() > 0.19 {
							tc.a.data[i] = 0
						}
					}
				}
				want := tc.run(func(g gemmArgs) { gemmPlain(p, 1, g) })
				exact := s.n > 1 && !s.sparse
				for _, th := range []int{1, 2, 3} {
					got := tc.run(func(g gemmArgs) { gemmOn(p, th, g) })
					name := fmt.Sprintf("%s %dx%dx%d trans %v alpha %v beta %v, %d threads", p.name, s.m, s.n, s.k, tr, ab[0], ab[1], th)
					compareToPlain(t, name, tc, got, want, exact)
				}
			}
		}
	})
}

// compareToPlain checks got against want bit for bit (exact) or within the
// bound of TestEngineMatchesPlain.
func compareToPlain(t *testing.T, name string, tc gemmCase, got, want matrix, exact bool) {
	t.Helper()
	opA := func(i, p int) float64 {
		if tc.transA {
			return tc.a.data[p*tc.a.ld+i]
		}
		return tc.a.data[i*tc.a.ld+p]
	}
	opB := func(p, j int) float64 {
		if tc.transB {
			return tc.b.data[j*tc.b.ld+p]
		}
		return tc.b.data[p*tc.b.ld+j]
	}
	for i := 0; i < tc.m; i++ {
		for j := 0; j < tc.n; j++ {
			g, w := got.data[i*got.ld+j], want.data[i*want.ld+j]
			if exact {
				if math.Float64bits(g) != math.Float64bits(w) {
					t.Fatalf("%s: C[%d][%d] = %v, plain loops %v (want the same bits)", name, i, j, g, w)
				}
				continue
			}
			terms := math.Abs(tc.beta * tc.c.data[i*tc.c.ld+j])
			for p := 0; p < tc.k; p++ {
				terms += math.Abs(tc.alpha * opA(i, p) * opB(p, j))
			}
			if tol := 2 * float64(tc.k+2) * 0x1p-53 * terms; math.Abs(g-w) > tol {
				t.Fatalf("%s: C[%d][%d] = %v, plain loops %v (tolerance %.3g)", name, i, j, g, w, tol)
			}
		}
	}
}
