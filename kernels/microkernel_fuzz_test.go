package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// goTwin returns the Go microkernel a path's assembly is compared with:
// kernelGeneric for a 6×8 tile, kernelPlain otherwise (and for k == 0, where
// kernelGeneric, which Gemm never calls with k == 0, needs non-empty panels).
func goTwin(p *kernelPath, k int) microkernel {
	if p.mr == genericMR && p.nr == genericNR && k > 0 {
		return kernelGeneric
	}
	return func(k int, a, b, c []float64, ldc int, alpha, beta float64) {
		kernelPlain(p.mr, p.nr, k, a, b, c, ldc, alpha, beta)
	}
}

// guarded returns n random values in [−1, 1) followed by tail guards, and
// the first n of them: an assembly kernel that reads past its panel picks up
// a NaN that shows in the result.
func guarded(rng *rand.Rand, n, tail int) (all, panel []float64) {
	all = make([]float64, n+tail)
	for i := range all {
		all[i] = guard
		if i < n {
			all[i] = 2*rng.Float64() - 1
		}
	}
	return all, all[:n]
}

// FuzzMicrokernel compares each path's microkernel with its Go twin on one
// tile: fuzzer-chosen k, row stride of C (ldc > NR leaves guards between the
// rows), alpha, beta and contents. C sits in a guarded buffer, so a write
// outside the tile is caught; with beta == 0, C starts as NaN, which must
// not leak. FMA rounds once where the twin rounds twice, so the comparison
// allows the rounding of a sum of k products: 2(k+2)ε·(|alpha|·Σ|a||b| + |beta·c|).
func FuzzMicrokernel(f *testing.F) {
	for _, k := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 257} {
		f.Add(uint16(k), uint8(k%3), uint8(k%len(alphaBetas)), uint64(k))
	}
	f.Fuzz(func(t *testing.T, k16 uint16, pad, ab uint8, seed uint64) {
		k := int(k16 % 1024)
		alpha, beta := alphaBetas[int(ab)%len(alphaBetas)][0], alphaBetas[int(ab)%len(alphaBetas)][1]
		for _, p := range fuzzKernels() {
			rng := rand.New(rand.NewPCG(seed, uint64(k)))
			mr, nr := p.mr, p.nr
			_, a := guarded(rng, mr*k, 8)
			_, b := guarded(rng, nr*k, 8)
			ldc := nr + int(pad%5)
			// C: a guard row before the tile, the tile, guards after it.
			lead := ldc
			c := newMatrix(rng, mr+2, ldc, 0, 8).data
			for i := range c {
				if i < lead || i >= lead+(mr-1)*ldc+nr || (i-lead)%ldc >= nr {
					c[i] = guard
				} else if beta == 0 {
					c[i] = math.NaN()
				}
			}
			want := append([]float64(nil), c...)
			got := append([]float64(nil), c...)
			goTwin(p, k)(k, a, b, want[lead:], ldc, alpha, beta)
			p.kernel(k, a, b, got[lead:], ldc, alpha, beta)
			if p.direct != nil {
				checkStrided(t, p, k, a, b, c[lead:], ldc, alpha, beta, got[lead:], int(pad))
			}
			eps := math.Nextafter(1, 2) - 1
			for idx := range got {
				i, j := (idx-lead)/ldc, (idx-lead)%ldc
				inTile := idx >= lead && i < mr && j < nr
				if !inTile {
					if math.Float64bits(got[idx]) != math.Float64bits(c[idx]) {
						t.Fatalf("%s k=%d ldc=%d: element %d outside the tile written: %v", p.name, k, ldc, idx, got[idx])
					}
					continue
				}
				bound := 0.0
				for q := 0; q < k; q++ {
					bound += math.Abs(a[q*mr+i] * b[q*nr+j])
				}
				bound = math.Abs(alpha) * bound
				if beta != 0 {
					bound += math.Abs(beta * c[idx])
				}
				tol := 2 * float64(k+2) * eps * bound
				if math.IsNaN(got[idx]) || math.Abs(got[idx]-want[idx]) > tol {
					t.Fatalf("%s k=%d ldc=%d alpha=%v beta=%v: C[%d][%d] = %v, Go twin %v (tolerance %.3g)",
						p.name, k, ldc, alpha, beta, i, j, got[idx], want[idx], tol)
				}
			}
		}
	})
}

// fuzzKernels lists every assembly microkernel this CPU can run: each
// path's own and its narrow twin.
func fuzzKernels() []*kernelPath {
	var ks []*kernelPath
	for _, p := range available {
		if p.name == "generic" {
			continue
		}
		ks = append(ks, p)
		if p.narrow != nil {
			ks = append(ks, p.narrow)
		}
	}
	return ks
}

// checkStrided runs p's directKernel on the panels a and b laid out as
// matrices with strides (A as stored and transposed, B with a row stride
// over NR, guards in every gap) and checks that it writes the same bits as
// p's microkernel on the panels (got), as the unpacked loop relies on.
func checkStrided(t *testing.T, p *kernelPath, k int, a, b, c0 []float64, ldc int, alpha, beta float64, got []float64, pad int) {
	t.Helper()
	mr, nr := p.mr, p.nr
	ldb := nr + pad%7
	bs := guardSlice(max(0, k-1)*ldb + nr + 4)
	for q := 0; q < k; q++ {
		copy(bs[q*ldb:q*ldb+nr], b[q*nr:])
	}
	for _, transA := range []bool{false, true} {
		// A as stored m×k (rsa = lda, csa = 1) or k×m (rsa = 1, csa = lda).
		lda := max(k, 1) + pad%3
		rsa, csa := lda, 1
		if transA {
			lda = mr + pad%3
			rsa, csa = 1, lda
		}
		as := guardSlice((mr-1)*rsa + max(0, k-1)*csa + 1 + 4)
		for q := 0; q < k; q++ {
			for i := 0; i < mr; i++ {
				as[i*rsa+q*csa] = a[q*mr+i]
			}
		}
		c := append([]float64(nil), c0...)
		p.direct(k, as, rsa, csa, bs, ldb, c, ldc, alpha, beta)
		for i, v := range c {
			if math.Float64bits(v) != math.Float64bits(got[i]) {
				t.Fatalf("%s %d×%d strided (transA=%v, k=%d, lda=%d, ldb=%d): element %d = %v, packed kernel %v",
					p.name, mr, nr, transA, k, lda, ldb, i, v, got[i])
			}
		}
	}
}

// guardSlice returns n guard values.
func guardSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = guard
	}
	return s
}
