//go:build !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Build sets exactly the bits of the nonzeros (a NaN counts, −0 does
// not), counts them, and refuses a dense matrix.
func TestNonzeroMasks(t *testing.T) {
	defer SetPath(Paths()[0])
	rng := rand.New(rand.NewPCG(1, 1))
	for _, path := range Paths() {
		SetPath(path)
		for _, shape := range [][2]int{{1, 1}, {3, 7}, {64, 784}, {65, 9}, {130, 17}} {
			r, c := shape[0], shape[1]
			a := sparseMatrix(rng, r, c, 0.2)
			a[0] = math.Copysign(0, -1)
			if len(a) > 1 {
				a[1] = math.NaN()
			}
			var m nonzeroMasks
			if !m.build(a, r, c, 1) {
				t.Fatalf("%v %s: Build refused a matrix under the density", shape, path)
			}
			n := 0
			for i := 0; i < r; i++ {
				for j := 0; j < c; j++ {
					set := m.mask[i/64*c+j]>>(i%64)&1 == 1
					if set != (a[i*c+j] != 0) {
						t.Fatalf("%v %s: bit of (%d, %d) is %v for %v", shape, path, i, j, set, a[i*c+j])
					}
					if set {
						n++
					}
				}
			}
			if m.nonZeros() != n {
				t.Fatalf("%v %s: NonZeros() = %d, want %d", shape, path, m.nonZeros(), n)
			}
		}
		var m nonzeroMasks
		if m.build(sparseMatrix(rng, 20, 50, 0.9), 20, 50, 0.5) {
			t.Fatalf("%s: Build took a matrix 90%% nonzero at a density of 0.5", path)
		}
	}
}

// The masked products give the bits of their Go loops on every path and
// thread count — which are those of the term-by-term chains over the
// nonzeros in order — and agree with the dense products to rounding.
func TestMaskedProducts(t *testing.T) {
	defer SetPath(Paths()[0])
	defer SetThreads(0)
	old := minParallelWork
	minParallelWork = 1
	defer func() { minParallelWork = old }()
	rng := rand.New(rand.NewPCG(2, 2))
	for _, shape := range [][3]int{{64, 784, 128}, {7, 30, 200}, {13, 5, 64}, {1, 1, 1}, {9, 16, 10}, {3, 41, 130}, {64, 7, 191}, {130, 33, 64}, {100, 20, 70}} {
		r, k, n := shape[0], shape[1], shape[2]
		a := sparseMatrix(rng, r, k, 0.2)
		checkMasked(t, rng, a, r, k, n)
	}
}

// The masked products against the chains over sizes around their blocks:
// groups of 64 rows, pairs of columns, blocks of 64 columns.
func TestMaskedSizes(t *testing.T) {
	defer SetPath(Paths()[0])
	defer SetThreads(0)
	old := minParallelWork
	minParallelWork = 1
	defer func() { minParallelWork = old }()
	rng := rand.New(rand.NewPCG(4, 4))
	for _, r := range []int{1, 2, 63, 64, 65, 129} {
		for _, k := range []int{1, 2, 3, 9} {
			for _, n := range []int{1, 63, 64, 65, 129} {
				density := []float64{0.05, 0.5, 1}[rng.IntN(3)]
				checkMasked(t, rng, sparseMatrix(rng, r, k, density), r, k, n)
			}
		}
	}
}

// checkMasked runs both masked products on a (r×k) with random B and C on
// every path and 1, 2 and 3 threads, and fails unless each gives the bits
// of the FMA chains over a's nonzeros in order and agrees with the dense
// product to rounding.
func checkMasked(t *testing.T, rng *rand.Rand, a []float64, r, k, n int) {
	t.Helper()
	shape := [3]int{r, k, n}
	for i := 0; i < r; i++ { // column 0 zero, as −0 in row 0
		a[i*k] = 0
	}
	a[0] = math.Copysign(0, -1)
	b, bt := randSlice(rng, k*n+3), randSlice(rng, r*n+3) // B for A·B, for Aᵀ·B
	b[0] = math.Inf(1)                                    // only ever times a zero: not a term
	ldc := n + 2
	c0, ct0 := randSlice(rng, r*ldc), randSlice(rng, k*ldc)
	// The references: each element's chain, written out.
	want, wantT := slices.Clone(c0), slices.Clone(ct0)
	for i := 0; i < r; i++ {
		for p := 0; p < k; p++ {
			if v := a[i*k+p]; v != 0 {
				for j := 0; j < n; j++ {
					want[i*ldc+j] = math.FMA(v, b[p*n+j], want[i*ldc+j])
					wantT[p*ldc+j] = math.FMA(v, bt[i*n+j], wantT[p*ldc+j])
				}
			}
		}
	}
	dense, denseT := slices.Clone(c0), slices.Clone(ct0)
	b0 := b[0]
	b[0] = 0 // the dense product would add 0·Inf
	GemmRef(false, false, r, n, k, 1, a, k, b, n, 1, dense, ldc)
	b[0] = b0
	GemmRef(true, false, k, n, r, 1, a, k, bt, n, 1, denseT, ldc)
	for _, path := range Paths() {
		SetPath(path)
		for _, th := range []int{1, 2, 3} {
			SetThreads(th)
			var m nonzeroMasks
			m.build(a, r, k, 1)
			got, gotT := slices.Clone(c0), slices.Clone(ct0)
			maskedMulAdd(got, ldc, &m, b, n, n)
			maskedTMulAdd(gotT, ldc, &m, bt, n, n)
			if !slices.Equal(got, want) {
				t.Fatalf("%v %s, %d threads: maskedMulAdd differs from the chains", shape, path, th)
			}
			if !slices.Equal(gotT, wantT) {
				t.Fatalf("%v %s, %d threads: maskedTMulAdd differs from the chains", shape, path, th)
			}
			for i, v := range got {
				if math.Abs(v-dense[i]) > 1e-12*float64(k) {
					t.Fatalf("%v: element %d is %v, dense %v", shape, i, v, dense[i])
				}
			}
			for i, v := range gotT {
				if math.Abs(v-denseT[i]) > 1e-12*float64(r) {
					t.Fatalf("%v: transposed element %d is %v, dense %v", shape, i, v, denseT[i])
				}
			}
		}
	}
}

// The masked products allocate nothing once their buffers have grown, on
// one thread or two in turn.
func TestMaskedAllocs(t *testing.T) {
	defer SetThreads(0)
	rng := rand.New(rand.NewPCG(3, 3))
	a := sparseMatrix(rng, 64, 784, 0.2)
	w, y, dw := make([]float64, 784*128), make([]float64, 64*128), make([]float64, 784*128)
	var m nonzeroMasks
	f := func() {
		m.build(a, 64, 784, 0.5)
		maskedMulAdd(y, 128, &m, w, 128, 128)
		maskedTMulAdd(dw, 128, &m, y, 128, 128)
	}
	g := func() {
		SetThreads(1)
		f()
		SetThreads(2)
		f()
	}
	g()
	if n := testing.AllocsPerRun(10, g); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}

// sparseMatrix returns an r×c matrix with about density of nonzeros, some
// of them −0 (which count as zeros).
func sparseMatrix(rng *rand.Rand, r, c int, density float64) []float64 {
	a := make([]float64, r*c)
	for i := range a {
		switch {
		case rng.Float64() < density:
			a[i] = 2*rng.Float64() - 1
		case rng.IntN(10) == 0:
			a[i] = math.Copysign(0, -1)
		}
	}
	return a
}

// Gemm takes the sparse products by itself for a mostly-zero A (on the
// avx512 path its masks, on the others lists), and they agree with the dense product to rounding: each
// element is the chain of its nonzero terms. Dense data, a transposed B,
// an alpha other than 1 or (on avx512) a width that is not a multiple of
// 64 keep to the tiles, which give gemmPlain's bits exactly.
func TestSparseGemmMatchesDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	type shape struct{ rows, k, n int }
	for _, s := range []shape{{64, 784, 128}, {8, 65, 64}, {70, 33, 192}} {
		for _, density := range []float64{0.19, 0.9} {
			a := sparseMatrix(rng, s.rows, s.k, density)
			b, bt := randSlice(rng, s.k*s.n), randSlice(rng, s.rows*s.n)
			for _, beta := range []float64{0, 1} {
				c0 := randSlice(rng, s.rows*s.n)
				ct0 := randSlice(rng, s.k*s.n)
				// C = A·B + beta·C and C = Aᵀ·B' + beta·C.
				got, want := append([]float64(nil), c0...), append([]float64(nil), c0...)
				Gemm(false, false, s.rows, s.n, s.k, 1, a, s.k, b, s.n, beta, got, s.n)
				GemmRef(false, false, s.rows, s.n, s.k, 1, a, s.k, b, s.n, beta, want, s.n)
				gotT, wantT := append([]float64(nil), ct0...), append([]float64(nil), ct0...)
				Gemm(true, false, s.k, s.n, s.rows, 1, a, s.k, bt, s.n, beta, gotT, s.n)
				GemmRef(true, false, s.k, s.n, s.rows, 1, a, s.k, bt, s.n, beta, wantT, s.n)
				for _, r := range []struct {
					name      string
					got, want []float64
					terms     int
				}{{"A·B", got, want, s.k}, {"Aᵀ·B", gotT, wantT, s.rows}} {
					tol := 4 * float64(r.terms) * 0x1p-52
					for i := range r.got {
						if d := math.Abs(r.got[i] - r.want[i]); d > tol*(1+math.Abs(r.want[i])) {
							t.Fatalf("%v density %v beta %v %s: element %d = %v, want %v", s, density, beta, r.name, i, r.got[i], r.want[i])
						}
					}
				}
			}
			// The choice is the path's and the operand's: sparse A is taken
			// on a path with sparse products (avx512 with its masks, the
			// others with lists), dense is not.
			g := gemmArgs{m: s.rows, n: s.n, k: s.k, alpha: 1, a: a, lda: s.k, b: b, ldb: s.n, c: make([]float64, s.rows*s.n), ldc: s.n}
			took := sparseGemm(current.Load(), &g)
			if wantTook := current.Load().sparse != sparseNone && density < sparseMaxDensity; took != wantTook {
				t.Errorf("%v density %v on %s: sparseGemm took it: %v, want %v", s, density, current.Load().name, took, wantTook)
			}
		}
	}
}
