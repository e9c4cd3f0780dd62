package kernels

import (
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
			Axpy(got, x, -0.3)
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
			GatherRows(got, src, cols, idx)
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
		GatherRows(nil, nil, 0, []int{3, 1, 4, 1, 5, 9, 2, 6})
	}
}

// Split loops allocate nothing in the steady state.
func TestParallelAllocs(t *testing.T) {
	withSplit(t, 2)
	x, y := make([]float64, 1000), make([]float64, 1000)
	idx := []int{3, 1, 2, 0}
	f := func() {
		Axpy(y, x, 0.5)
		GatherRows(y, x, 100, idx)
	}
	f()
	if n := testing.AllocsPerRun(50, f); n != 0 {
		t.Errorf("%v allocations per call, want 0", n)
	}
}
