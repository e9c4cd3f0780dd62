package kernels

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

var transposes = [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}}

var alphaBetas = [][2]float64{{1, 0}, {1, 1}, {-0.5, 0.3}, {0, 0.3}, {0, 0}, {1, 0.3}, {-0.5, 0}}

// TestGemmSmall covers every small shape around the tile sizes, every
// transpose, every alpha and beta, with padded strides, on every path.
func TestGemmSmall(t *testing.T) {
	dims := []int{0, 1, 2, 5, 6, 7, 8, 9, 13, 17}
	ks := []int{0, 1, 3, 8, 17}
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		rng := rand.New(rand.NewPCG(1, 2))
		for _, tr := range transposes {
			for _, m := range dims {
				for _, n := range dims {
					for _, k := range ks {
						ab := alphaBetas[rng.IntN(len(alphaBetas))]
						tc := newCase(rng, tr[0], tr[1], m, n, k, ab[0], ab[1], rng.IntN(3), rng.IntN(2)*3)
						tc.check(t, p.name, tc.run(func(g gemmArgs) { gemmOn(p, 1, g) }))
					}
				}
			}
		}
	})
}

// TestGemmBlockEdges crosses the KC, MC and NC block boundaries of each
// path and takes sizes above 257 and primes.
func TestGemmBlockEdges(t *testing.T) {
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		rng := rand.New(rand.NewPCG(3, 4))
		type shape struct{ m, n, k int }
		var shapes []shape
		for _, k := range []int{p.kc - 1, p.kc, p.kc + 1, 2*p.kc + 3} {
			shapes = append(shapes, shape{p.mr + 1, p.nr - 1, k}, shape{13, 11, k})
		}
		for _, m := range []int{p.mc - 1, p.mc, p.mc + 1} {
			shapes = append(shapes, shape{m, p.nr + 1, 7})
		}
		for _, n := range []int{p.nc - 1, p.nc + 1} {
			shapes = append(shapes, shape{p.mr - 1, n, 3})
		}
		shapes = append(shapes, shape{263, 271, 257}, shape{97, 101, 103}, shape{300, 7, 31})
		for _, s := range shapes {
			for _, tr := range transposes {
				ab := alphaBetas[rng.IntN(len(alphaBetas))]
				tc := newCase(rng, tr[0], tr[1], s.m, s.n, s.k, ab[0], ab[1], rng.IntN(3), rng.IntN(2)*2)
				tc.check(t, p.name, tc.run(func(g gemmArgs) { gemmOn(p, 1, g) }))
			}
		}
	})
}

// TestGemmThreadsBitIdentical checks that 1, 2, 3 and 8 goroutines give the
// same bits, on shapes split along m and along n with ragged edges, and
// that the multi-threaded results are right.
func TestGemmThreadsBitIdentical(t *testing.T) {
	withMinParallelWork(t, 1)
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		rng := rand.New(rand.NewPCG(5, 6))
		shapes := [][3]int{{97, 13, 300}, {13, 97, 300}, {200, 150, 40}, {p.mc + 5, 3*p.nr + 1, p.kc + 1}}
		for _, s := range shapes {
			for _, tr := range transposes {
				tc := newCase(rng, tr[0], tr[1], s[0], s[1], s[2], -0.5, 0.3, 1, 2)
				one := tc.run(func(g gemmArgs) { gemmOn(p, 1, g) })
				tc.check(t, p.name, one)
				for _, th := range []int{2, 3, 8} {
					got := tc.run(func(g gemmArgs) { gemmOn(p, th, g) })
					for i, v := range got.data {
						if math.Float64bits(v) != math.Float64bits(one.data[i]) {
							t.Fatalf("%s %v: %d threads differ from 1 at element %d: %v vs %v",
								p.name, tc, th, i, v, one.data[i])
						}
					}
				}
			}
		}
	})
}

// TestGemmPublic goes through the exported entry point with its thread
// setting.
func TestGemmPublic(t *testing.T) {
	defer SetThreads(0)
	rng := rand.New(rand.NewPCG(7, 8))
	for _, th := range []int{1, 2, 0} {
		SetThreads(th)
		tc := newCase(rng, false, true, 130, 70, 90, 1, 0, 2, 1)
		tc.check(t, "Gemm", tc.run(func(g gemmArgs) {
			Gemm(g.transA, g.transB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, g.c, g.ldc)
		}))
	}
}

func TestGemmAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	if !engineBuilt {
		t.Skip("the textbook build allocates its goroutines and pack buffers per call")
	}
	defer SetThreads(0)
	const n = 256
	a, b, c := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
	for i := range a {
		a[i], b[i] = float64(i%7), float64(i%5)
	}
	for _, th := range []int{1, 2} {
		SetThreads(th)
		allocs := testing.AllocsPerRun(5, func() {
			Gemm(false, false, n, n, n, 1, a, n, b, n, 0, c, n)
		})
		if allocs != 0 {
			t.Errorf("%d threads: %v allocations per 256³ Gemm, want 0", th, allocs)
		}
	}
}

// TestGemmPanics checks that bad arguments panic with a message naming the
// argument and the numbers.
func TestGemmPanics(t *testing.T) {
	s := make([]float64, 100)
	cases := []struct {
		want string
		f    func()
	}{
		{"m = -1 < 0", func() { Gemm(false, false, -1, 2, 2, 1, s, 2, s, 2, 0, s, 2) }},
		{"n = -2 < 0", func() { Gemm(false, false, 2, -2, 2, 1, s, 2, s, 2, 0, s, 2) }},
		{"k = -3 < 0", func() { Gemm(false, false, 2, 2, -3, 1, s, 2, s, 2, 0, s, 2) }},
		{"lda = 3 < max(1, 4)", func() { Gemm(false, false, 2, 2, 4, 1, s, 3, s, 2, 0, s, 2) }},
		{"lda = 2 < max(1, 5)", func() { Gemm(true, false, 5, 2, 4, 1, s, 2, s, 2, 0, s, 2) }},
		{"ldb = 1 < max(1, 2)", func() { Gemm(false, false, 2, 2, 2, 1, s, 2, s, 1, 0, s, 2) }},
		{"ldb = 1 < max(1, 3)", func() { Gemm(false, true, 2, 2, 3, 1, s, 3, s, 1, 0, s, 2) }},
		{"ldc = 2 < max(1, 3)", func() { Gemm(false, false, 2, 3, 2, 1, s, 2, s, 3, 0, s, 2) }},
		{"len(a) = 5 < 6", func() { Gemm(false, false, 2, 2, 3, 1, s[:5], 3, s, 2, 0, s, 2) }},
		{"len(b) = 10 < 12", func() { Gemm(false, false, 2, 3, 4, 1, s, 4, s[:10], 3, 0, s, 3) }},
		{"len(c) = 3 < 4", func() { Gemm(false, false, 2, 2, 2, 1, s, 2, s, 2, 0, s[:3], 2) }},
	}
	for _, tc := range cases {
		msg := func() (msg string) {
			defer func() { msg, _ = recover().(string) }()
			tc.f()
			return ""
		}()
		if !strings.Contains(msg, tc.want) || !strings.HasPrefix(msg, "kernels.Gemm: ") {
			t.Errorf("panic %q, want one containing %q", msg, tc.want)
		}
	}
	// A slice ending exactly at the last element of the last row is fine.
	b, c := make([]float64, 5), make([]float64, 5)
	Gemm(false, false, 2, 2, 2, 1, s[:2*3-1], 3, b[:2*3-1], 3, 0, c[:3+2], 3)
}

// TestGemmRefDefinition checks the reference itself against the formula on a
// product small enough to write out.
func TestGemmRefDefinition(t *testing.T) {
	a := []float64{1, 2, 3, 4, 5, 6}    // 2×3
	b := []float64{7, 8, 9, 10, 11, 12} // 3×2
	c := []float64{1, 1, 1, 1}
	GemmRef(false, false, 2, 2, 3, 2, a, 3, b, 2, 0.5, c, 2)
	want := []float64{2*58 + 0.5, 2*64 + 0.5, 2*139 + 0.5, 2*154 + 0.5}
	for i := range want {
		if c[i] != want[i] {
			t.Fatalf("GemmRef = %v, want %v", c, want)
		}
	}
	// Aᵀ stored 3×2 and Bᵀ stored 2×3 give the same product.
	at := []float64{1, 4, 2, 5, 3, 6}
	bt := []float64{7, 9, 11, 8, 10, 12}
	c2 := []float64{1, 1, 1, 1}
	GemmRef(true, true, 2, 2, 3, 2, at, 2, bt, 3, 0.5, c2, 2)
	for i := range want {
		if c2[i] != want[i] {
			t.Fatalf("GemmRef transposed = %v, want %v", c2, want)
		}
	}
}

func TestPaths(t *testing.T) {
	if Path() == "" || Paths()[len(Paths())-1] != "generic" {
		t.Fatalf("Path() = %q, Paths() = %v", Path(), Paths())
	}
	if err := SetPath("no-such-kernel"); err == nil || !strings.Contains(err.Error(), "generic") {
		t.Fatalf("SetPath(unknown) = %v, want an error listing the known paths", err)
	}
	old := Path()
	defer SetPath(old)
	if err := SetPath("generic"); err != nil || Path() != "generic" {
		t.Fatalf("SetPath(generic) = %v, Path() = %q", err, Path())
	}
	mr, nr, mc, kc, nc := BlockSizes()
	if mr != genericMR || nr != genericNR || mc%mr != 0 || nc%nr != 0 || kc <= 0 {
		t.Fatalf("BlockSizes() = %d %d %d %d %d", mr, nr, mc, kc, nc)
	}
}

func TestDeriveBlocking(t *testing.T) {
	for _, c := range [][3]int{{0, 0, 0}, {32 << 10, 512 << 10, 32 << 20}, {48 << 10, 1 << 20, 32 << 20}, {1 << 30, 1 << 30, 1 << 40}} {
		bl := deriveBlocking(6, 8, max(c[0], 1), max(c[1], 1), max(c[2], 1))
		if bl.kc < 64 || bl.kc > 512 || bl.mc%6 != 0 || bl.mc < 6 || bl.nc%8 != 0 || bl.nc < 8 {
			t.Errorf("deriveBlocking(%v) = %+v", c, bl)
		}
	}
}
