//go:build !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// withSplit makes every loop of more than 8 elements per thread split, on
// threads threads, for the length of a test.
func withSplit(t *testing.T, threads int) {
	oldMin := minParallelElems
	minParallelElems = 8
	SetThreads(threads)
	t.Cleanup(func() { minParallelElems = oldMin; SetThreads(0) })
}

// Split loops give the bits of the loop on one thread, for any thread
// count and lengths that do not divide evenly.
func TestParallelSameBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, threads := range []int{2, 3, 5} {
		withSplit(t, threads)
		for _, n := range []int{7, 8, 17, 100, 1001} {
			x, y := vectorInputs(rng, n), vectorInputs(rng, n)
			got, want := slices.Clone(y), slices.Clone(y)
			vecAxpy(got, x, -0.3)
			axpyGeneric(want, x, -0.3)
			if !sameBits(got, want) {
				t.Errorf("Axpy, %d threads, n=%d: differs from one thread", threads, n)
			}
		}
		const cols = 13
		src := make([]float64, 50*cols)
		for i := range src {
			src[i] = float64(i)
		}
		for _, rows := range []int{1, 2, 7, 40} {
			idx := rng.Perm(50)[:rows]
			got := make([]float64, rows*cols+1)
			got[rows*cols] = -1 // a guard
			vecGatherRows(got, src, cols, idx)
			for r, i := range idx {
				if !slices.Equal(got[r*cols:r*cols+cols], src[i*cols:i*cols+cols]) {
					t.Fatalf("GatherRows, %d threads: row %d is not source row %d", threads, r, i)
				}
			}
			if got[rows*cols] != -1 {
				t.Fatalf("GatherRows wrote past its rows")
			}
		}
		// Rows of no columns (the prefetch ahead included) read nothing.
		vecGatherRows(nil, nil, 0, []int{3, 1, 4, 1, 5, 9, 2, 6})
	}
}

// Split loops allocate nothing in the steady state.
func TestParallelAllocs(t *testing.T) {
	withSplit(t, 2)
	x, y := make([]float64, 1000), make([]float64, 1000)
	idx := []int{3, 1, 2, 0}
	f := func() {
		vecAxpy(y, x, 0.5)
		vecGatherRows(y, x, 100, idx)
	}
	f()
	if n := testing.AllocsPerRun(50, f); n != 0 {
		t.Errorf("%v allocations per call, want 0", n)
	}
}

// vecZero clears every element, to +0, on any number of threads, and nothing
// past its slice.
func TestZero(t *testing.T) {
	defer SetThreads(0)
	old := minParallelElems
	minParallelElems = 1
	defer func() { minParallelElems = old }()
	for _, threads := range []int{1, 2, 3} {
		SetThreads(threads)
		for _, n := range []int{0, 1, 7, 8, 9, 100, 1001} {
			x := make([]float64, n+1)
			for i := range x {
				x[i] = math.Copysign(float64(i+1), -1)
			}
			vecZero(x[:n])
			for i, v := range x[:n] {
				if math.Float64bits(v) != 0 {
					t.Fatalf("%d threads, n=%d: element %d is %v, want +0", threads, n, i, v)
				}
			}
			if x[n] != -float64(n+1) {
				t.Fatalf("%d threads, n=%d: Zero wrote past its slice", threads, n)
			}
		}
	}
}

// rowSplit cuts rows at the first row that starts where partBounds cuts
// their storage or after, into parts that cover every row once, in order.
func TestRowSplit(t *testing.T) {
	for _, c := range []struct{ rows, ldc, t int }{{784, 128, 2}, {784, 128, 3}, {256, 64, 4}, {5, 16, 8}, {1, 8, 2}, {100, 13, 3}} {
		prev := 0
		for i := 0; i <= c.t; i++ {
			r := rowSplit(c.rows, c.ldc, i, c.t)
			if r < prev || r > c.rows || (i == 0 && r != 0) || (i == c.t && r != c.rows) {
				t.Fatalf("%+v: part %d starts at row %d after %d", c, i, r, prev)
			}
			if lo, _ := partBounds(c.rows*c.ldc, i, c.t); i < c.t && (r*c.ldc < lo || r*c.ldc >= lo+c.ldc) {
				t.Fatalf("%+v: part %d starts at row %d, Axpy's at element %d", c, i, r, lo)
			}
			prev = r
		}
	}
}
