//go:build !textbook

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"dlgo/kernels/internal/simd"
)

// The products on lists give exactly the FMA chains of A's nonzero terms,
// in order, starting from beta·C — in AVX2 or NEON and in Go, on 1, 2
// and 3 threads — over sizes around their strips (32 and 4 columns), blocks (64
// rows of B), densities 0.05, 0.5 and 1, a padded A, −0 in A and an
// infinity in B that only ever meets a zero of A (0·Inf is not a term).
func TestSparseLists(t *testing.T) {
	withMinParallelWork(t, 1)
	defer SetThreads(0)
	rng := rand.New(rand.NewPCG(13, 2))
	ways := []uint8{sparseListsGo}
	if simd.AVX2 {
		ways = append(ways, sparseListsAVX2)
	}
	if simd.NEON {
		ways = append(ways, sparseListsNEON)
	}
	for _, r := range []int{8, 9, 63, 64, 65, 130} {
		for _, k := range []int{1, 3, 63, 64, 65, 200} {
			for _, n := range []int{4, 5, 31, 32, 33, 67, 128} {
				density := []float64{0.05, 0.5, 1}[rng.IntN(3)]
				lda := k + rng.IntN(3)
				a := sparseMatrix(rng, r, lda, density)
				for i := 0; i < r; i++ { // column 0 zero, −0 in row 0
					a[i*lda] = 0
				}
				a[0] = math.Copysign(0, -1)
				if r > 1 { // the last row zero
					clear(a[(r-1)*lda : (r-1)*lda+k])
				}
				for _, trans := range []bool{false, true} {
					m, kk := r, k // C is m×n, the sum over kk
					if trans {
						m, kk = k, r
					}
					b := randSlice(rng, kk*n)
					if !trans {
						b[0] = math.Inf(1) // row 0 of B meets column 0 of A: zeros
					} else if r > 1 {
						b[(r-1)*n] = math.Inf(-1) // row r−1 of B meets row r−1 of A: zeros
					}
					ldc := n + 1
					c0 := randSlice(rng, m*ldc)
					beta := float64(rng.IntN(2))
					want := slices.Clone(c0)
					for i := 0; i < m; i++ {
						for j := 0; j < n; j++ {
							s := 0.0 // beta 0 writes zeros (a NaN in C does not survive)
							if beta != 0 {
								s = beta * want[i*ldc+j]
							}
							for p := 0; p < kk; p++ {
								var v float64
								if trans {
									v = a[p*lda+i]
								} else {
									v = a[i*lda+p]
								}
								if v != 0 {
									s = math.FMA(v, b[p*n+j], s)
								}
							}
							want[i*ldc+j] = s
						}
					}
					for _, way := range ways {
						for _, th := range []int{1, 2, 3} {
							SetThreads(th)
							got := slices.Clone(c0)
							g := gemmArgs{trans, false, m, n, kk, 1, a, lda, b, n, beta, got, ldc}
							if !listsProduct(&g, way, 1) {
								t.Fatalf("lists refused density %v", density)
							}
							name := fmt.Sprintf("%dx%d (lda %d) density %v, n %d, trans %v beta %v, way %d, %d threads", r, k, lda, density, n, trans, beta, way, th)
							for i := range got {
								if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
									t.Fatalf("%s: element %d (%d, %d) = %v, the chain %v", name, i, i/ldc, i%ldc, got[i], want[i])
								}
							}
						}
					}
				}
			}
		}
	}
}

// The lists of A's columns are the same read off masks, in AVX2 or in
// Go, as transposed from the lists of its rows: the same bounds, rows
// and values.
func TestBuildColumns(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	ways := []bool{false}
	if simd.AVX2 {
		ways = append(ways, true)
	}
	for _, r := range []int{1, 7, 63, 64, 65, 130} {
		for _, c := range []int{1, 3, 4, 63, 64, 65, 200} {
			density := []float64{0.05, 0.5, 1}[rng.IntN(3)]
			lda := c + rng.IntN(3)
			a := sparseMatrix(rng, r, lda, density)
			var l, want sparseLists
			var cur []int32
			l.build(a, r, c, lda, 1, false)
			want.transpose(&l, &cur)
			for _, asm := range ways {
				var got sparseLists
				var masks []uint64
				if !got.buildColumns(a, r, c, lda, 1, asm, &masks) {
					t.Fatalf("%dx%d: buildColumns refused", r, c)
				}
				if got.rows != want.rows || got.cols != want.cols || got.blocks != want.blocks || got.nonzeros != want.nonzeros ||
					!slices.Equal(got.bnd, want.bnd) || !slices.Equal(got.idx, want.idx) || !slices.Equal(got.val, want.val) {
					t.Fatalf("%dx%d (lda %d) density %v, asm %v: the lists read off masks differ from the transposed ones", r, c, lda, density, asm)
				}
			}
		}
	}
}

// The AVX2 compaction writes what the Go loop writes: the same count, and
// the same positions, values and block starts up to it (a NaN counts, −0
// does not), for rows around the blocks and the groups of 4.
func TestCompactRow(t *testing.T) {
	if !simd.AVX2 {
		t.Skip("no AVX2 in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 3, 4, 5, 8, 63, 64, 65, 67, 68, 127, 128, 130, 200, 784} {
		for _, density := range []float64{0.05, 0.5, 1} {
			x := sparseMatrix(rng, 1, n, density)
			if n > 2 {
				x[rng.IntN(n)] = math.NaN()
			}
			start := rng.IntN(5)
			nb := (n + sparseKB - 1) / sparseKB
			idx, val, bnd := make([]int32, start+n), make([]float64, start+n), make([]int32, nb)
			idx2, val2, bnd2 := make([]int32, start+n), make([]float64, start+n), make([]int32, nb)
			got := compactRow(idx, val, start, x, bnd, true)
			want := compactRowGeneric(idx2, val2, start, x, 0, bnd2)
			if got != want || !slices.Equal(bnd, bnd2) {
				t.Fatalf("n %d: count %d, blocks %v; Go loop %d, %v", n, got, bnd, want, bnd2)
			}
			for e := start; e < want; e++ {
				if idx[e] != idx2[e] || math.Float64bits(val[e]) != math.Float64bits(val2[e]) {
					t.Fatalf("n %d: entry %d (%d, %v), Go loop (%d, %v)", n, e, idx[e], val[e], idx2[e], val2[e])
				}
			}
		}
	}
}

// Gemm takes the lists by itself on the paths that have them, for a
// mostly-zero A only, and gives the chains' bits; dense data stays with
// the tiles and gives gemmPlain's.
func TestSparseGemmLists(t *testing.T) {
	withMinParallelWork(t, 1)
	defer SetThreads(0)
	rng := rand.New(rand.NewPCG(7, 8))
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		if p.sparse != sparseListsAVX2 && p.sparse != sparseListsNEON && p.sparse != sparseListsGo {
			t.Skip("no lists on this path")
		}
		for _, density := range []float64{0.19, 0.9} {
			a := sparseMatrix(rng, 64, 784, density)
			b := randSlice(rng, 784*128)
			g := gemmArgs{false, false, 64, 128, 784, 1, a, 784, b, 128, 1, make([]float64, 64*128), 128}
			if took := sparseGemm(p, &g); took != (density < sparseMaxDensity) {
				t.Errorf("density %v: sparseGemm took it: %v", density, took)
			}
		}
	})
}

// The products on lists allocate nothing once their buffers have grown,
// on one thread or two in turn, on every path with lists.
func TestSparseListsAllocs(t *testing.T) {
	defer SetThreads(0)
	rng := rand.New(rand.NewPCG(3, 4))
	x := sparseMatrix(rng, 64, 784, 0.19)
	w, y, dw := randSlice(rng, 784*128), make([]float64, 64*128), make([]float64, 784*128)
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		if p.sparse != sparseListsAVX2 && p.sparse != sparseListsNEON && p.sparse != sparseListsGo {
			t.Skip("no lists on this path")
		}
		f := func() {
			for _, th := range []int{1, 2} {
				SetThreads(th)
				fwd := gemmArgs{false, false, 64, 128, 784, 1, x, 784, w, 128, 0, y, 128}
				grad := gemmArgs{true, false, 784, 128, 64, 1, x, 784, y, 128, 1, dw, 128}
				if !sparseGemm(p, &fwd) || !sparseGemm(p, &grad) {
					t.Fatal("sparseGemm refused MNIST-like data")
				}
			}
		}
		f()
		if n := testing.AllocsPerRun(10, f); n != 0 {
			t.Errorf("%v allocations, want 0", n)
		}
	})
}

// BenchmarkSparseLists times the parts of a product on lists at MNIST's
// density (19% nonzero, uniform): building the lists of the rows, of the
// columns (read off masks, or transposed), and the strips, on the
// current path (the "-go" ones in Go on any path).
//
//	DLGO_KERNEL=avx2 go test -run '^$' -bench SparseLists -cpu 1 ./kernels
func BenchmarkSparseLists(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	x := sparseMatrix(rng, 64, 784, 0.19)
	w, y := randSlice(rng, 784*128), make([]float64, 64*128)
	dw := make([]float64, 784*128)
	way := current.Load().sparse
	asm := way == sparseListsAVX2 // the lists built in AVX2
	var l, tr sparseLists
	var cur []int32
	var masks []uint64
	l.build(x, 64, 784, 784, sparseMaxDensity, asm)
	tr.transpose(&l, &cur)
	b.Run("build-go", func(b *testing.B) {
		for b.Loop() {
			l.build(x, 64, 784, 784, sparseMaxDensity, false)
		}
	})
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if !l.build(x, 64, 784, 784, sparseMaxDensity, asm) {
				b.Fatal("build refused the matrix")
			}
		}
	})
	b.Run("columns-go", func(b *testing.B) {
		for b.Loop() {
			tr.buildColumns(x, 64, 784, 784, sparseMaxDensity, false, &masks)
		}
	})
	b.Run("columns", func(b *testing.B) {
		for b.Loop() {
			tr.buildColumns(x, 64, 784, 784, sparseMaxDensity, asm, &masks)
		}
	})
	b.Run("transpose", func(b *testing.B) {
		for b.Loop() {
			tr.transpose(&l, &cur)
		}
	})
	b.Run("x·W strips", func(b *testing.B) {
		for b.Loop() {
			listsMulAdd(y, 128, &l, w, 128, 128, 0, 64, way)
		}
	})
	b.Run("xᵀ·dY strips", func(b *testing.B) {
		for b.Loop() {
			listsMulAdd(dw, 128, &tr, y, 128, 128, 0, 784, way)
		}
	})
}

// A large dense A is refused after a few rows without the storage of a
// sparse one; a large sparse one is taken, its lists grown as its rows
// need, and give the chains' bits.
func TestSparseListsLarge(t *testing.T) {
	r, c := 1100, 4000 // 0.3·r·c entries are more than listsUpfront
	if 3*r*c/10 <= listsUpfront {
		t.Fatal("the matrix is too small for the test")
	}
	a := make([]float64, r*c)
	for i := range a {
		a[i] = 1
	}
	var l sparseLists
	if l.build(a, r, c, c, sparseMaxDensity, false) {
		t.Fatal("build took a dense matrix")
	}
	if cap(l.idx) > 100*c {
		t.Errorf("build refused a dense matrix with room for %d entries, %d rows' worth", cap(l.idx), cap(l.idx)/c)
	}
	clear(a)
	rng := rand.New(rand.NewPCG(9, 9))
	for i := range a {
		if rng.IntN(20) == 0 {
			a[i] = rng.Float64()
		}
	}
	if !l.build(a, r, c, c, sparseMaxDensity, simd.AVX2) {
		t.Fatal("build refused a matrix 5% nonzero")
	}
	e := 0
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if a[i*c+j] != 0 {
				if int(l.idx[e]) != j || l.val[e] != a[i*c+j] {
					t.Fatalf("entry %d: (%d, %v), want (%d, %v)", e, l.idx[e], l.val[e], j, a[i*c+j])
				}
				e++
			}
		}
	}
	if e != l.nonzeros {
		t.Fatalf("%d entries, want %d", l.nonzeros, e)
	}
}
