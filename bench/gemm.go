package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"dlgo/kernels"
)

// GemmConfig says what RunGemm measures: every shape × transpose case ×
// thread count × path, plus gonum's Dgemm on the same operands.
type GemmConfig struct {
	Shapes   []Shape
	Trans    []string      // "NN", "NT", "TN", "TT"
	Threads  []int         // goroutines (kernels.SetThreads and GOMAXPROCS)
	Paths    []string      // "naive" (kernels.GemmRef) and kernel paths
	Gonum    bool          // measure gonum's Dgemm too
	Duration time.Duration // measuring time per row, after a warm-up
	// Progress, if set, is told what is being measured before each row.
	Progress func(what string)
}

// NaiveMaxWork is the largest m·n·k the naive loop is run on: beyond it one
// call takes seconds and says nothing new. It runs at one thread only.
const NaiveMaxWork = 512 * 512 * 512

// GemmResult is one row: a path at a thread count on one product.
type GemmResult struct {
	M       int     `json:"m"`
	N       int     `json:"n"`
	K       int     `json:"k"`
	Trans   string  `json:"trans"`
	Path    string  `json:"path"`
	Threads int     `json:"threads"`
	GFLOPS  float64 `json:"gflops"`     // median over the samples
	Min     float64 `json:"gflops_min"` // slowest sample
	Max     float64 `json:"gflops_max"` // fastest sample
	// PeakFraction is GFLOPS over the measured FMA peak at this thread
	// count (0 when no peak was measured).
	PeakFraction float64 `json:"peak_fraction"`
	Gonum        float64 `json:"gonum_gflops,omitempty"`     // gonum, same operands, same threads
	VsGonum      float64 `json:"speedup_vs_gonum,omitempty"` // GFLOPS / Gonum
	Err          string  `json:"error,omitempty"`            // why the row has no figure
}

// Shape returns the row's product size.
func (r GemmResult) Shape() Shape { return Shape{r.M, r.N, r.K} }

// gemmFunc has kernels.Gemm's signature.
type gemmFunc func(transA, transB bool, m, n, k int, alpha float64,
	a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int)

// implFor returns the Gemm that runs the named path. A variable so that a
// test can inject a wrong kernel and see its row refused.
var implFor = func(path string) (gemmFunc, error) {
	if path == "naive" {
		return kernels.GemmRef, nil
	}
	if err := kernels.SetPath(path); err != nil {
		return nil, err
	}
	return kernels.Gemm, nil
}

// operands holds one product's matrices as stored (A is K×M when
// transposed, B is N×K).
type operands struct {
	transA, transB bool
	s              Shape
	a, b, c, ref   []float64
	lda, ldb       int
}

func newOperands(s Shape, trans string, rng *rand.Rand) *operands {
	o := &operands{transA: trans[0] == 'T', transB: trans[1] == 'T', s: s}
	o.a = make([]float64, s.M*s.K)
	o.b = make([]float64, s.K*s.N)
	o.c = make([]float64, s.M*s.N)
	for i := range o.a {
		o.a[i] = rng.Float64()
	}
	for i := range o.b {
		o.b[i] = rng.Float64()
	}
	o.lda, o.ldb = s.K, s.N
	if o.transA {
		o.lda = s.M
	}
	if o.transB {
		o.ldb = s.K
	}
	return o
}

// run computes C = op(A)·op(B) with f. beta = 0, so every repetition writes
// a fresh C rather than accumulating into the last one.
func (o *operands) run(f gemmFunc) {
	f(o.transA, o.transB, o.s.M, o.s.N, o.s.K, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.s.N)
}

// verify computes the product with f and compares it with the reference
// loop, within the rounding a k-term sum of values in [0, 1) can carry.
func (o *operands) verify(f gemmFunc) error {
	if o.ref == nil {
		o.ref = make([]float64, len(o.c))
		kernels.GemmRef(o.transA, o.transB, o.s.M, o.s.N, o.s.K, 1, o.a, o.lda, o.b, o.ldb, 0, o.ref, o.s.N)
	}
	for i := range o.c {
		o.c[i] = math.NaN() // a kernel that skips an element cannot pass
	}
	o.run(f)
	tol := 4 * float64(o.s.K+1) * 0x1p-52 * float64(o.s.K)
	for i, want := range o.ref {
		if got := o.c[i]; !(math.Abs(got-want) <= tol) {
			return fmt.Errorf("wrong result: C[%d][%d] = %v, want %v", i/o.s.N, i%o.s.N, got, want)
		}
	}
	return nil
}

// RunGemm measures each row of cfg and passes it to emit as soon as it is
// done, so that an interrupted run still has every row finished so far.
// peaks maps a thread count to the measured FMA peak at that count, for
// the peak fraction. Every path's result is checked against the reference
// before it is timed; a wrong result gives a row with Err set and no
// figure. A row's products split across its threads whatever the
// distance between the cores when the process runs with
// DLGO_SPLITS=fixed (as dlgo bench does), so that a row measures the
// thread count it names. RunGemm returns ctx.Err() if it
// was cancelled.
func RunGemm(ctx context.Context, cfg GemmConfig, peaks map[int]float64, emit func(GemmResult)) error {
	oldPath, oldProcs := kernels.Path(), runtime.GOMAXPROCS(0)
	defer func() {
		kernels.SetPath(oldPath)
		kernels.SetThreads(0)
		runtime.GOMAXPROCS(oldProcs)
	}()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range cfg.Shapes {
		for _, tr := range cfg.Trans {
			o := newOperands(s, tr, rng)
			for _, th := range cfg.Threads {
				runtime.GOMAXPROCS(th)
				kernels.SetThreads(th)
				gonum := 0.0
				if cfg.Gonum {
					if err := ctx.Err(); err != nil {
						return err
					}
					progress(cfg, "%s %s gonum %d thread(s)", s, tr, th)
					gonum = measureGonum(ctx, cfg.Duration, o)
				}
				for _, path := range cfg.Paths {
					if path == "naive" && (th != 1 || s.M*s.N*s.K > NaiveMaxWork) {
						continue
					}
					if err := ctx.Err(); err != nil {
						return err
					}
					progress(cfg, "%s %s %s %d thread(s)", s, tr, path, th)
					r := GemmResult{M: s.M, N: s.N, K: s.K, Trans: tr, Path: path, Threads: th, Gonum: gonum}
					if err := measurePath(ctx, cfg.Duration, o, path, &r); err != nil {
						r.Err = err.Error()
					} else {
						if p := peaks[th]; p > 0 {
							r.PeakFraction = r.GFLOPS / p
						}
						if gonum > 0 {
							r.VsGonum = r.GFLOPS / gonum
						}
					}
					if ctx.Err() != nil {
						return ctx.Err() // a cut-short row is not a measurement
					}
					emit(r)
				}
			}
		}
	}
	return nil
}

func progress(cfg GemmConfig, format string, args ...any) {
	if cfg.Progress != nil {
		cfg.Progress(fmt.Sprintf(format, args...))
	}
}

// measurePath verifies and then times one path, filling r's figures.
func measurePath(ctx context.Context, d time.Duration, o *operands, path string, r *GemmResult) error {
	f, err := implFor(path)
	if err != nil {
		return err
	}
	if err := o.verify(f); err != nil {
		return fmt.Errorf("%s: %w; not timed", path, err)
	}
	samples := measure(ctx, d, 3, func() { o.run(f) })
	flops := o.s.Flops()
	r.GFLOPS, r.Min, r.Max = stats(samples, func(t time.Duration) float64 { return flops / t.Seconds() / 1e9 })
	return nil
}

// measureGonum times gonum's Dgemm (gonum.org/v1/gonum/blas/blas64) on the
// same operands; it splits work across GOMAXPROCS goroutines.
func measureGonum(ctx context.Context, d time.Duration, o *operands) float64 {
	tA, tB := blas.NoTrans, blas.NoTrans
	if o.transA {
		tA = blas.Trans
	}
	if o.transB {
		tB = blas.Trans
	}
	impl := blas64.Implementation()
	run := func() {
		impl.Dgemm(tA, tB, o.s.M, o.s.N, o.s.K, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.s.N)
	}
	samples := measure(ctx, d, 3, run)
	flops := o.s.Flops()
	g, _, _ := stats(samples, func(t time.Duration) float64 { return flops / t.Seconds() / 1e9 })
	return g
}
