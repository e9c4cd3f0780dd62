package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// needBLAS returns the machine's CBLAS, or skips the test where there is
// none, unless DLGO_TEST_BLAS=1 (set by .ci/run, which installs OpenBLAS)
// makes that a failure.
func needBLAS(t *testing.T) *cblas {
	t.Helper()
	l, err := loadBLAS()
	if err != nil {
		if os.Getenv("DLGO_TEST_BLAS") == "1" {
			t.Fatalf("DLGO_TEST_BLAS=1 but %v", err)
		}
		t.Skip(err)
	}
	return l
}

// The blas path gives the reference loop's product, within rounding, for
// every transpose case, alpha and beta, leading dimensions wider than the
// rows, and at one and two threads.
func TestBLASGemm(t *testing.T) {
	l := needBLAS(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := newRand()
	for _, th := range []int{1, 2} {
		runtime.GOMAXPROCS(th)
		for _, s := range [][3]int{{1, 1, 1}, {7, 9, 5}, {33, 17, 64}, {130, 70, 90}, {5, 6, 0}} {
			for _, tr := range []string{"NN", "NT", "TN", "TT"} {
				for _, ab := range [][2]float64{{1, 0}, {-0.5, 1}, {2, 0.25}} {
					m, n, k := s[0], s[1], s[2]
					tA, tB := tr[0] == 'T', tr[1] == 'T'
					ra, ca := m, k // A stored ra×ca
					if tA {
						ra, ca = k, m
					}
					rb, cb := k, n
					if tB {
						rb, cb = n, k
					}
					lda, ldb, ldc := ca+3, cb+1, n+2
					a, b := make([]float64, max(ra*lda, 1)), make([]float64, max(rb*ldb, 1))
					for i := range a {
						a[i] = rng.Float64() - 0.5
					}
					for i := range b {
						b[i] = rng.Float64() - 0.5
					}
					c := make([]float64, m*ldc)
					for i := range c {
						c[i] = rng.Float64()
					}
					want := append([]float64(nil), c...)
					refGemm(tA, tB, m, n, k, ab[0], a, lda, b, ldb, ab[1], want, ldc)
					l.gemm(tA, tB, m, n, k, ab[0], a, lda, b, ldb, ab[1], c, ldc)
					if l.getThreads != nil && m > 0 && l.getThreads() != th {
						t.Fatalf("GOMAXPROCS %d: the library runs %d threads", th, l.getThreads())
					}
					for i := range c {
						if d := math.Abs(c[i] - want[i]); d > 1e-13*float64(k+1) {
							t.Fatalf("%d threads, %dx%dx%d %s alpha %v beta %v: c[%d] = %v, want %v",
								th, m, n, k, tr, ab[0], ab[1], i, c[i], want[i])
						}
					}
				}
			}
		}
	}
}

// A library that is not there, or that has no cblas_dgemm, is refused
// with its name in the message.
func TestOpenBLASErrors(t *testing.T) {
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		t.Skip("the libraries named here are Linux's")
	}
	if _, err := openBLAS("/nonexistent/libopenblas.so.0"); err == nil || !strings.Contains(err.Error(), "/nonexistent/libopenblas.so.0") {
		t.Errorf("missing library: %v", err)
	}
	if _, err := openBLAS("libm.so.6"); err == nil || !strings.Contains(err.Error(), "libm.so.6: no cblas_dgemm") {
		t.Errorf("a library without cblas_dgemm: %v", err)
	}
}

// A run with the blas path measures it first, after gonum, and every row
// after it carries its speed-up over it, in the table, the CSV and the
// JSON; the header names the library.
func TestRunGemmBLAS(t *testing.T) {
	needBLAS(t)
	cfg := tinyConfig()
	cfg.Paths = []string{Paths()[0], "blas", "gonum"}
	r := &Report{}
	if err := RunGemm(context.Background(), cfg, r, nil); err != nil {
		t.Fatal(err)
	}
	if want := len(cfg.Shapes) * len(cfg.Trans) * len(cfg.Threads) * 3; len(r.Gemm) != want {
		t.Fatalf("%d rows, want %d", len(r.Gemm), want)
	}
	for i, g := range r.Gemm {
		if g.Err != "" {
			t.Fatalf("row %+v refused", g)
		}
		if want := []string{"gonum", "blas", Paths()[0]}[i%3]; g.Path != want {
			t.Fatalf("row %d is %s, want %s (gonum, then blas, then the others)", i, g.Path, want)
		}
		if g.Path == Paths()[0] && !(g.VsBLAS > 0 && g.VsGonum > 0) {
			t.Errorf("row without its speed-ups: %+v", g)
		}
		if g.Path != Paths()[0] && g.VsBLAS != 0 {
			t.Errorf("%s row with a speed-up over blas: %+v", g.Path, g)
		}
	}
	if r.Machine.BLAS == "" {
		t.Error("the report does not name the library")
	}
	var tab, csvb, js bytes.Buffer
	if err := r.WriteTable(&tab); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteCSV(&csvb); err != nil {
		t.Fatal(err)
	}
	if err := json.NewEncoder(&js).Encode(r); err != nil {
		t.Fatal(err)
	}
	row := r.Gemm[2]
	for what, text := range map[string]string{
		"table": tab.String(), "csv": csvb.String(), "json": js.String(),
	} {
		want := map[string][]string{
			"table": {"× blas", "BLAS:     " + r.Machine.BLAS, fmt.Sprintf("%.2f×", row.VsBLAS)},
			"csv":   {"speedup_vs_blas"},
			"json":  {`"speedup_vs_blas"`, `"blas":`},
		}[what]
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%s", what, w, text)
			}
		}
	}
}

// driftMeter runs f once per Time and reports as its one sample the time
// the function it ran takes (times[which], which the injected paths set),
// scaled by a machine speed that changes from pair to pair.
type driftMeter struct {
	SystemMeter
	which *string
	times map[string]time.Duration
	calls int
}

func (m *driftMeter) Time(ctx context.Context, d time.Duration, n int, f func()) Trial {
	f()
	drift := time.Duration(1 + 3*(m.calls/2%3)) // 1, 4, 7: each pair at its own speed
	m.calls++
	return Trial{Samples: []time.Duration{drift * m.times[*m.which]}}
}

// pairedRatio gives the ratio of the two paths' times, whatever the
// machine's speed does between pairs, as long as it holds within one.
func TestPairedRatio(t *testing.T) {
	old := implFor
	defer func() { implFor = old }()
	var which string
	implFor = func(path string) (gemmFunc, error) {
		return func(bool, bool, int, int, int, float64, []float64, int, []float64, int, float64, []float64, int) {
			which = path
		}, nil
	}
	m := &driftMeter{which: &which, times: map[string]time.Duration{"blas": 300, "avx2": 200}}
	o := newOperands(Shape{4, 4, 4}, "NN", newRand())
	if r := pairedRatio(context.Background(), m, o, "blas", "avx2", time.Second); r != 1.5 {
		t.Errorf("paired ratio %v, want 1.5", r)
	}
	if m.calls != 2*ratioPairs {
		t.Errorf("%d samples, want %d", m.calls, 2*ratioPairs)
	}
}

// A paired row counts as two in the plan: it is timed twice as long.
func TestPlanPaired(t *testing.T) {
	specs := []rowSpec{{s: Shape{64, 64, 64}, path: "blas"}, {s: Shape{64, 64, 64}, path: "avx2", paired: true}}
	if rt := rowTime(specs, 9); math.Abs(rt-3) > 1e-12 {
		t.Errorf("row time %v for a 9 s budget, want 3", rt)
	}
	if pt := plannedTime(specs, 3); math.Abs(pt-9) > 1e-12 {
		t.Errorf("planned %v s, want 9", pt)
	}
}

// A blas row whose library runs another thread count than the row's is
// refused, not timed.
func TestBLASThreadsRefused(t *testing.T) {
	l := needBLAS(t)
	if l.getThreads == nil {
		t.Skip("this library cannot say how many threads it runs")
	}
	old := l.getThreads
	defer func() { l.getThreads = old }()
	l.getThreads = func() int { return 1 } // as a single-threaded build says
	cfg := tinyConfig()
	cfg.Paths, cfg.Shapes, cfg.Trans = []string{"blas"}, cfg.Shapes[:1], []string{"NN"}
	r := &Report{}
	if err := RunGemm(context.Background(), cfg, r, nil); err != nil {
		t.Fatal(err)
	}
	if len(r.Gemm) != 2 || r.Gemm[0].Err != "" || !strings.Contains(r.Gemm[1].Err, "runs 1 thread, not 2") || r.Gemm[1].GFLOPS != 0 {
		t.Fatalf("rows %+v: want the 1-thread row timed and the 2-thread one refused", r.Gemm)
	}
}
