package kernels

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

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

// Compress keeps exactly the nonzeros, in order, and refuses a dense
// matrix early.
func TestSparseCompress(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	var s SparseRows
	for _, rc := range [][2]int{{1, 1}, {5, 7}, {64, 784}, {3, 0}} {
		r, c := rc[0], rc[1]
		a := sparseMatrix(rng, r, c, 0.2)
		if !s.Compress(a, r, c, 1) {
			t.Fatalf("%v: refused at density limit 1", rc)
		}
		dense := make([]float64, r*c)
		for i := 0; i < r; i++ {
			for q := s.ptr[i]; q < s.ptr[i+1]; q++ {
				if q > s.ptr[i] && s.col[q] <= s.col[q-1] {
					t.Fatalf("%v: row %d columns out of order", rc, i)
				}
				dense[i*c+int(s.col[q])] = s.val[q]
			}
		}
		for i, v := range a {
			if dense[i] != v {
				t.Fatalf("%v: element %d is %v, want %v", rc, i, dense[i], v)
			}
		}
	}
	if s.Compress(sparseMatrix(rng, 20, 50, 0.9), 20, 50, 0.5) {
		t.Fatal("a dense matrix was not refused")
	}
}

// SpMMAdd gives the bits of its Go loop on every path and thread count,
// on S and on Transpose(S) (the same bits as on Compress of aᵀ), as does
// SpMMAddT on the transposes, and both agree with the dense products to
// rounding.
func TestSpMMAdd(t *testing.T) {
	defer SetPath(Paths()[0])
	defer SetThreads(0)
	old := minParallelWork
	minParallelWork = 1
	defer func() { minParallelWork = old }()
	rng := rand.New(rand.NewPCG(2, 2))
	for _, shape := range [][3]int{{64, 784, 128}, {7, 30, 200}, {13, 5, 64}, {1, 1, 1}, {9, 16, 10}, {3, 40, 130}, {64, 7, 191}} {
		m, k, n := shape[0], shape[1], shape[2]
		a := sparseMatrix(rng, m, k, 0.2)
		at := make([]float64, k*m) // aᵀ
		for i := 0; i < m; i++ {
			for p := 0; p < k; p++ {
				at[p*m+i] = a[i*k+p]
			}
		}
		b, bt := randSlice(rng, k*n+3), randSlice(rng, m*n+3) // B for S·B, for Sᵀ·B
		ldc := n + 2
		c0, ct0 := randSlice(rng, m*ldc), randSlice(rng, k*ldc)
		var s, st SparseRows
		s.Compress(a, m, k, 1)
		st.Compress(at, k, m, 1)
		// The references: the Go loops, and S·B through Sᵀ's rows.
		want, wantT := slices.Clone(c0), slices.Clone(ct0)
		for i := 0; i < m; i++ {
			spmmRowGeneric(want[i*ldc:i*ldc+n], s.col[s.ptr[i]:s.ptr[i+1]], s.val[s.ptr[i]:s.ptr[i+1]], b, n)
		}
		for p := 0; p < k; p++ {
			spmmRowGeneric(wantT[p*ldc:p*ldc+n], st.col[st.ptr[p]:st.ptr[p+1]], st.val[st.ptr[p]:st.ptr[p+1]], bt, n)
		}
		dense, denseT := slices.Clone(c0), slices.Clone(ct0)
		GemmRef(false, false, m, n, k, 1, a, k, b, n, 1, dense, ldc)
		GemmRef(true, false, k, n, m, 1, a, k, bt, n, 1, denseT, ldc)
		for _, path := range Paths() {
			SetPath(path)
			for _, th := range []int{1, 2, 3} {
				SetThreads(th)
				got, gotT := slices.Clone(c0), slices.Clone(ct0)
				SpMMAdd(got, ldc, &s, b, n, n)
				var tr SparseRows
				s.Transpose(&tr)
				SpMMAdd(gotT, ldc, &tr, bt, n, n)
				if !slices.Equal(got, want) {
					t.Fatalf("%v %s, %d threads: SpMMAdd differs from the Go loop", shape, path, th)
				}
				if !slices.Equal(gotT, wantT) {
					t.Fatalf("%v %s, %d threads: SpMMAdd on the Transpose differs from it on Compress of aᵀ", shape, path, th)
				}
				// S·B scattered from Sᵀ's rows, and Sᵀ·B scattered
				// from S's: the same bits as the row products.
				gotS, gotST := slices.Clone(c0), slices.Clone(ct0)
				SpMMAddT(gotS, ldc, &tr, b, n, n)
				SpMMAddT(gotST, ldc, &s, bt, n, n)
				if !slices.Equal(gotS, want) {
					t.Fatalf("%v %s, %d threads: SpMMAddT on the Transpose differs from SpMMAdd's Go loop", shape, path, th)
				}
				if !slices.Equal(gotST, wantT) {
					t.Fatalf("%v %s, %d threads: SpMMAddT differs from SpMMAdd on the Transpose", shape, path, th)
				}
				for i, v := range got {
					if math.Abs(v-dense[i]) > 1e-12*float64(k) {
						t.Fatalf("%v: element %d is %v, dense %v", shape, i, v, dense[i])
					}
				}
				for i, v := range gotT {
					if math.Abs(v-denseT[i]) > 1e-12*float64(m) {
						t.Fatalf("%v: transposed element %d is %v, dense %v", shape, i, v, denseT[i])
					}
				}
			}
		}
	}
}

func randSlice(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 2*rng.Float64() - 1
	}
	return x
}

// The sparse products allocate nothing once their buffers have grown.
func TestSparseAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	a := sparseMatrix(rng, 64, 784, 0.2)
	x, b, c := make([]float64, 784*128), make([]float64, 64*128), make([]float64, 784*128)
	var s, tr SparseRows
	f := func() {
		s.Compress(a, 64, 784, 0.5)
		SpMMAdd(b, 128, &s, x, 128, 128)
		s.Transpose(&tr)
		SpMMAdd(c, 128, &tr, b, 128, 128)
		SpMMAddT(b, 128, &tr, x, 128, 128)
	}
	f()
	if n := testing.AllocsPerRun(10, f); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
	// Split and unsplit calls in turn (one thread, then two) reuse the
	// same parts and scratch.
	defer SetThreads(0)
	old := minParallelWork
	minParallelWork = 1
	defer func() { minParallelWork = old }()
	g := func() {
		SetThreads(1)
		f()
		SetThreads(2)
		f()
		Axpy(c, x, 0.5)
	}
	g()
	if n := testing.AllocsPerRun(10, g); n != 0 {
		t.Errorf("on one thread then two: %v allocations, want 0", n)
	}
}

// A transpose in the background gives the transpose, on any thread count,
// and one discarded before it is waited for leaves nothing behind.
func TestBackgroundTranspose(t *testing.T) {
	defer SetThreads(0)
	rng := rand.New(rand.NewPCG(4, 4))
	a := sparseMatrix(rng, 30, 50, 0.2)
	var s, want, got SparseRows
	s.Compress(a, 30, 50, 1)
	s.Transpose(&want)
	for _, th := range []int{1, 2} {
		SetThreads(th)
		var bg Background
		bg.Transpose(&s, &got)
		bg.Wait()
		if !slices.Equal(got.ptr, want.ptr) || !slices.Equal(got.col, want.col) || !slices.Equal(got.val, want.val) {
			t.Fatalf("%d threads: background transpose differs", th)
		}
		bg.Transpose(&s, &got)
		bg.Discard()
		bg.Wait() // nothing pending: returns at once
	}
}
