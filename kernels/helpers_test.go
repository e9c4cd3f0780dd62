package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// guard is the NaN written around and between the rows of every matrix a
// test passes in. Its payload is distinctive: if it turns up in a result, a
// guard was read as data; if it is gone from C's padding, C was written
// outside its window.
var guard = math.Float64frombits(0x7ff8_dead_beef_0001)

// matrix is a rows×cols row-major matrix with row stride ld, surrounded by
// guard values: the ld−cols padding of each row and tail values past the end.
type matrix struct {
	rows, cols, ld int
	data           []float64
}

// newMatrix fills a rows×cols matrix with uniform values in [−1, 1) and its
// padding with guards.
func newMatrix(rng *rand.Rand, rows, cols, pad, tail int) matrix {
	ld := max(1, cols) + pad
	x := matrix{rows: rows, cols: cols, ld: ld, data: make([]float64, matrixLen(rows, cols, ld)+tail)}
	for i := range x.data {
		x.data[i] = guard
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			x.data[i*ld+j] = 2*rng.Float64() - 1
		}
	}
	return x
}

func (x matrix) clone() matrix {
	x.data = append([]float64(nil), x.data...)
	return x
}

// inWindow reports whether index idx of x's data is inside its rows×cols
// window.
func (x matrix) inWindow(idx int) bool {
	i, j := idx/x.ld, idx%x.ld
	return i < x.rows && j < x.cols
}

// checkGuards fails if any element of got outside its window is not the
// guard it started as.
func checkGuards(t testing.TB, what string, got matrix) {
	t.Helper()
	for idx, v := range got.data {
		if !got.inWindow(idx) && math.Float64bits(v) != math.Float64bits(guard) {
			t.Fatalf("%s: element %d (row %d, col %d) outside the %d×%d window was written: %v",
				what, idx, idx/got.ld, idx%got.ld, got.rows, got.cols, v)
		}
	}
}

func maxAbs(x matrix) float64 {
	m := 0.0
	for i := 0; i < x.rows; i++ {
		for j := 0; j < x.cols; j++ {
			m = max(m, math.Abs(x.data[i*x.ld+j]))
		}
	}
	return m
}

// gemmCase is one Gemm problem with guarded operands.
type gemmCase struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	a, b, c        matrix
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("tA=%v tB=%v m=%d n=%d k=%d alpha=%v beta=%v lda=%d ldb=%d ldc=%d",
		tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, tc.beta, tc.a.ld, tc.b.ld, tc.c.ld)
}

// newCase builds a problem with random contents; pads are the extra row
// strides and tail the guard values past each matrix's last element.
func newCase(rng *rand.Rand, transA, transB bool, m, n, k int, alpha, beta float64, pad, tail int) gemmCase {
	tc := gemmCase{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta}
	if transA {
		tc.a = newMatrix(rng, k, m, pad, tail)
	} else {
		tc.a = newMatrix(rng, m, k, pad, tail)
	}
	if transB {
		tc.b = newMatrix(rng, n, k, pad, tail)
	} else {
		tc.b = newMatrix(rng, k, n, pad, tail)
	}
	tc.c = newMatrix(rng, m, n, pad, tail)
	if beta == 0 && m > 0 && n > 0 {
		tc.c.data[0] = math.NaN() // must not leak when beta == 0
	}
	return tc
}

// run computes the case with f into a copy of C and returns it.
func (tc gemmCase) run(f func(g gemmArgs)) matrix {
	c := tc.c.clone()
	f(gemmArgs{tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha,
		tc.a.data, tc.a.ld, tc.b.data, tc.b.ld, tc.beta, c.data, c.ld})
	return c
}

func (tc gemmCase) ref() matrix {
	return tc.run(func(g gemmArgs) {
		GemmRef(g.transA, g.transB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, g.c, g.ldc)
	})
}

// check compares got with the reference within the rounding a sum of k
// products can accumulate, k·ε·max|a|·max|b| (times a small factor), plus
// the rounding of beta·C; and checks the guards.
func (tc gemmCase) check(t testing.TB, what string, got matrix) {
	t.Helper()
	want := tc.ref()
	checkGuards(t, what, got)
	eps := math.Nextafter(1, 2) - 1
	tol := 4*float64(tc.k+1)*eps*math.Abs(tc.alpha)*maxAbs(tc.a)*maxAbs(tc.b) +
		4*eps*math.Abs(tc.beta)*maxAbs(tc.c)
	for i := 0; i < tc.m; i++ {
		for j := 0; j < tc.n; j++ {
			g, w := got.data[i*got.ld+j], want.data[i*want.ld+j]
			if math.IsNaN(g) || math.Abs(g-w) > tol {
				t.Fatalf("%s %v: C[%d][%d] = %v, want %v (tolerance %.3g)", what, tc, i, j, g, w, tol)
			}
		}
	}
}

// forEachPath runs f once for every path this CPU can run.
func forEachPath(t *testing.T, f func(t *testing.T, p *kernelPath)) {
	for _, p := range available {
		t.Run(p.name, func(t *testing.T) { f(t, p) })
	}
}

// withMinParallelWork lowers the parallel threshold for the length of a
// test, so that small products take the multi-goroutine path.
func withMinParallelWork(t *testing.T, w int) {
	old := minParallelWork
	minParallelWork = w
	t.Cleanup(func() { minParallelWork = old })
}

func randSlice(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 2*rng.Float64() - 1
	}
	return x
}
