package bench

// gemm.go: the matmul rows — every size × transpose case × thread count ×
// path, gonum's Dgemm among them as the yardstick — each checked, then
// timed through the run's Meter, judged (noise.go), re-measured if it
// looks wrong, and marked if it stays so. The run fits a time budget
// (plan.go) and measures the FMA peak and the memory bandwidth around the
// rows. The report's formats are in report.go, its pictures in plot.go.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// GemmConfig says what RunGemm measures.
type GemmConfig struct {
	Shapes  []Shape
	Trans   []string // "NN", "NT", "TN", "TT"
	Threads []int    // goroutines (the kernels' thread count and GOMAXPROCS)
	// Paths are "naive" (the reference loop, at one thread), kernel paths
	// (see Paths), "gonum" (gonum's Dgemm, the yardstick) and "blas" (the
	// machine's CBLAS, see BLAS).
	Paths []string
	// Duration, if positive, is every row's measuring time, and every
	// size is measured (naive up to NaiveMaxWork). Otherwise the run fits
	// Budget (DefaultBudget if 0): see plan.go.
	Duration time.Duration
	Budget   time.Duration
	// Meter takes the measurements; nil means SystemMeter. Tests inject
	// their own.
	Meter Meter
	// Progress, if set, is told what is being measured before each row.
	Progress func(what string)
}

// DefaultBudget is the time a default `dlgo bench` run aims for.
const DefaultBudget = 60 * time.Second

// NaiveMaxWork is the largest m·n·k the naive loop is run on when the run
// has no budget: beyond it one call takes seconds and says nothing new.
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
	Samples int     `json:"samples"`
	// Intensity is the product's arithmetic intensity, 2·m·n·k over the
	// bytes it must move at least (Shape.Bytes), for the roofline.
	Intensity float64 `json:"intensity"`
	// PeakFraction is GFLOPS over the best measured FMA peak at this
	// thread count (0 when no hardware peak was measured).
	PeakFraction float64 `json:"peak_fraction"`
	VsGonum      float64 `json:"speedup_vs_gonum,omitempty"` // GFLOPS over gonum's, same run, same threads
	// VsBLAS is the speed-up over the blas path, same run, same threads:
	// for dlgo's paths the median of pairs timed alternately
	// (pairedRatio), else GFLOPS over the blas row's.
	VsBLAS float64 `json:"speedup_vs_blas,omitempty"`
	// CPUShare is the CPU time the row received over its wall time ×
	// threads (getrusage; -1 unknown); Others the share of the machine
	// other processes used meanwhile (-1 unknown).
	CPUShare float64 `json:"cpu_share"`
	Others   float64 `json:"others_share"`
	// Trials is how many times the row was measured (more than 1: it
	// looked wrong and was measured again). Unstable rows stayed wrong;
	// they are printed with "~" and Note says why.
	Trials   int    `json:"trials"`
	Unstable bool   `json:"unstable,omitempty"`
	Note     string `json:"note,omitempty"`
	// Causes name what was wrong: "above-peak", "busy", "spread".
	Causes []string `json:"causes,omitempty"`
	Err    string   `json:"error,omitempty"` // why the row has no figure
}

// Shape returns the row's product size.
func (r GemmResult) Shape() Shape { return Shape{r.M, r.N, r.K} }

// implFor returns the Gemm that runs the named path, after selecting the
// path. A variable so that a test can inject a wrong kernel and see its
// row refused.
var implFor = func(path string) (gemmFunc, error) {
	switch path {
	case "naive":
		return refGemm, nil
	case "gonum":
		return gonumGemm, nil
	case "blas":
		l, err := loadBLAS()
		if err != nil {
			return nil, err
		}
		return l.gemm, nil
	}
	if err := setKernelPath(path); err != nil {
		return nil, err
	}
	return dlgoGemm, nil
}

// gonumGemm is gonum's Dgemm (gonum.org/v1/gonum/blas/blas64) with
// kernels.Gemm's signature; it splits work across GOMAXPROCS goroutines.
func gonumGemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	tA, tB := blas.NoTrans, blas.NoTrans
	if transA {
		tA = blas.Trans
	}
	if transB {
		tB = blas.Trans
	}
	blas64.Implementation().Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// BLAS describes the machine's CBLAS that the "blas" path runs (the
// library file, and the version and core OpenBLAS or BLIS report), or says
// why there is none. The library is DLGO_BLAS if set (a file or a library
// name), else the first of OpenBLAS, BLIS and MKL the dynamic loader
// finds; it is loaded at run time (github.com/ebitengine/purego), so that
// dlgo builds and runs without it. Its threads are set to each row's
// count; OpenBLAS's own variables (OPENBLAS_CORETYPE, to force a kernel)
// apply as usual.
func BLAS() (string, error) {
	l, err := loadBLAS()
	if err != nil {
		return "", err
	}
	return l.desc, nil
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

// gemmSpecs lists the rows of cfg in the order they are run: by shape,
// transpose case and thread count, gonum then blas first (so that each
// path's row can say its speed-up over them), naive at one thread only.
func gemmSpecs(cfg GemmConfig, fixed bool) []rowSpec {
	var specs []rowSpec
	var paths []string
	for _, first := range []string{"gonum", "blas"} {
		if slices.Contains(cfg.Paths, first) {
			paths = append(paths, first)
		}
	}
	for _, p := range cfg.Paths {
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	withBLAS := slices.Contains(paths, "blas")
	for _, s := range cfg.Shapes {
		for _, tr := range cfg.Trans {
			for _, th := range cfg.Threads {
				for _, p := range paths {
					if p == "naive" && (th != 1 || fixed && s.M*s.N*s.K > NaiveMaxWork) {
						continue
					}
					// dlgo's paths are timed against the blas path in pairs too.
					paired := withBLAS && p != "blas" && p != "gonum" && p != "naive"
					specs = append(specs, rowSpec{s: s, trans: tr, threads: th, path: p, paired: paired})
				}
			}
		}
	}
	return specs
}

// RunGemm measures the FMA peak and the memory bandwidth into r, then the
// rows of cfg, appending each to r.Gemm and passing it to emit (which may
// be nil) as soon as it is done, so that an interrupted run keeps every
// row finished so far; then the peak again, and the run's noise. A wrong
// result gives a row with Err set and no figure. RunGemm returns
// ctx.Err() if it was cancelled.
func RunGemm(ctx context.Context, cfg GemmConfig, r *Report, emit func(GemmResult)) error {
	fixedSplits()
	start := time.Now()
	w := startWatch()
	meter := cfg.Meter
	if meter == nil {
		meter = SystemMeter{}
	}
	oldPath, oldProcs := kernelPath(), runtime.GOMAXPROCS(0)
	defer func() {
		setKernelPath(oldPath)
		setThreads(0)
		runtime.GOMAXPROCS(oldProcs)
	}()
	setThreads1 := func(th int) {
		runtime.GOMAXPROCS(th)
		setThreads(th)
	}
	if r.Tuning.Source == "" {
		r.Tuning = CurrentTuning()
	}
	if slices.Contains(cfg.Paths, "blas") {
		if desc, err := BLAS(); err == nil {
			r.Machine.BLAS = desc
		}
	}

	progress(cfg, "measuring the FMA peak")
	book := &peakBook{meter: meter}
	book.before(cfg.Threads)
	r.Peaks = book.peaks
	progress(cfg, "measuring the memory bandwidth")
	r.Bandwidth = measureBandwidth(meter, r.Machine.L3, cfg.Threads)

	fixed := cfg.Duration > 0
	specs := gemmSpecs(cfg, fixed)
	rowSeconds := cfg.Duration.Seconds()
	if !fixed {
		budget := cfg.Budget
		if budget <= 0 {
			budget = DefaultBudget
		}
		setThreads1(1)
		rate := calibrate(cfg.Paths)
		// What is left for the rows: the budget less what is spent so
		// far and the peaks to measure at the end.
		left := budget.Seconds() - time.Since(start).Seconds() - float64(len(cfg.Threads))*peakTime.Seconds()
		// Plan for nine tenths of it: the slowest rows are estimated
		// from a product timed once, and a busy machine slows them.
		left = max(0.9*left, budget.Seconds()/2) // a budget smaller than the probes still gets rows
		var p Plan
		specs, p = plan(specs, rate, left)
		p.BudgetSeconds = budget.Seconds()
		r.Plan = &p
		rowSeconds = p.RowSeconds
	}
	deadline := start.Add(time.Duration(r.planBudget() * float64(time.Second)))
	// slow is how much longer the rows so far took than planned: on a
	// busy machine a large product takes several times its estimate,
	// and a row that would then overrun the budget is left out.
	var spent, planned float64

	rng := newRand()
	var o *operands
	gonum := map[int]float64{} // thread count → gonum's GFLOP/s on the current operands
	blas := map[int]float64{}  // and the blas path's
	for i, sp := range specs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if o == nil || o.s != sp.s || o.transA != (sp.trans[0] == 'T') || o.transB != (sp.trans[1] == 'T') {
			o = newOperands(sp.s, sp.trans, rng)
			clear(gonum)
			clear(blas)
		}
		d := rowSeconds
		if !fixed {
			// Stretch or shrink the rows left so that the run ends
			// near its budget, whatever the re-measurements took.
			left := time.Until(deadline).Seconds() - float64(len(cfg.Threads))*peakTime.Seconds()
			d = rowSeconds * min(max(left/plannedTime(specs[i:], rowSeconds), 0.1), 2)
			slow := 1.0
			if planned > 0 {
				slow = max(1, spent/planned)
			}
			if est := sp.minTime * slow; est > 2*d && est > left {
				r.Plan.Skipped = append(r.Plan.Skipped, fmt.Sprintf("%s %s on %s (over the budget on this busy machine)", sp.path, plural(sp.threads, "thread"), sp.s))
				continue
			}
		}
		rowStart := time.Now()
		setThreads1(sp.threads)
		progress(cfg, "%s %s %s %s", sp.s, sp.trans, sp.path, plural(sp.threads, "thread"))
		g := GemmResult{M: sp.s.M, N: sp.s.N, K: sp.s.K, Trans: sp.trans, Path: sp.path, Threads: sp.threads,
			Intensity: sp.s.Flops() / sp.s.Bytes(), CPUShare: -1, Others: -1}
		// A row is measured again only while the run is on schedule: the
		// time left covers this row's next trial and the rows after it.
		retry := func() bool {
			left := time.Until(deadline).Seconds() - float64(len(cfg.Threads))*peakTime.Seconds()
			return fixed || left > d+plannedTime(specs[i+1:], rowSeconds)
		}
		if err := measureRow(ctx, meter, book, o, time.Duration(d*float64(time.Second)), &g, retry); err != nil {
			g.Err = err.Error()
		}
		if ctx.Err() != nil {
			return ctx.Err() // a cut-short row is not a measurement
		}
		spent += time.Since(rowStart).Seconds()
		planned += max(rowSeconds, sp.minTime)
		if sp.path == "gonum" && g.Err == "" {
			gonum[sp.threads] = g.GFLOPS
		} else if gn := gonum[sp.threads]; gn > 0 && g.Err == "" {
			g.VsGonum = g.GFLOPS / gn
		}
		if sp.path == "blas" && g.Err == "" {
			blas[sp.threads] = g.GFLOPS
		} else if bl := blas[sp.threads]; bl > 0 && g.Err == "" {
			g.VsBLAS = g.GFLOPS / bl
			if sp.paired {
				if r := pairedRatio(ctx, meter, o, "blas", sp.path, time.Duration(d*float64(time.Second))); r > 0 {
					g.VsBLAS = r
				}
			}
		}
		r.Gemm = append(r.Gemm, g)
		if emit != nil {
			emit(g)
		}
	}

	progress(cfg, "measuring the FMA peak again")
	book.after()
	r.Peaks = book.peaks
	r.finishGemm()
	w.finish(&r.Noise, time.Since(start).Seconds())
	r.Noise.Notes = append(peakNotes(r.Peaks), r.Noise.Notes...)
	r.Noise.mostMarked(len(r.Gemm))
	return nil
}

// planBudget is the run's budget in seconds, or a day when it has none.
func (r *Report) planBudget() float64 {
	if r.Plan == nil {
		return 86400
	}
	return r.Plan.BudgetSeconds
}

// finishGemm sets every row's fraction of the best peak, now that the
// peak has been measured after the rows too; a row above it that was not
// caught while measuring (the peak rose later) is marked.
func (r *Report) finishGemm() {
	book := peakBook{peaks: r.Peaks}
	r.Noise.Remeasured, r.Noise.Flagged = 0, 0
	for i := range r.Gemm {
		g := &r.Gemm[i]
		if g.Err != "" {
			continue
		}
		if p := book.best(g.Threads); p > 0 {
			g.PeakFraction = g.GFLOPS / p
			if !g.Unstable && g.GFLOPS > abovePeak*p {
				v := verdict{above: true, peak: p}
				g.Unstable, g.Note, g.Causes = true, v.note(), v.causes()
			}
		}
		if g.Trials > 1 {
			r.Noise.Remeasured++
		}
		if g.Unstable {
			r.Noise.Flagged++
		}
	}
}

func progress(cfg GemmConfig, format string, args ...any) {
	if cfg.Progress != nil {
		cfg.Progress(fmt.Sprintf(format, args...))
	}
}

// measureRow checks and then times one path on o, filling g's figures: a
// trial judged bad is measured again (retries times at most, and only
// while retry allows), after measuring the peak again if the row was above
// it; the best trial is kept and, if still bad, marked.
func measureRow(ctx context.Context, meter Meter, book *peakBook, o *operands, d time.Duration, g *GemmResult, retry func() bool) error {
	f, err := implFor(g.Path)
	if err != nil {
		return err
	}
	t0 := time.Now()
	if g.Path == "gonum" {
		o.run(f) // the yardstick is not checked, only warmed up
	} else if err := o.verify(f); err != nil {
		return fmt.Errorf("%s: %w; not timed", g.Path, err)
	}
	if g.Path == "blas" {
		// verify ran it at the row's count: check that it took it.
		if l, err := loadBLAS(); err == nil {
			if err := l.checkThreads(g.Threads); err != nil {
				return fmt.Errorf("blas: %w; not timed", err)
			}
		}
	}
	one := time.Since(t0).Seconds() // about one call, for the sample count
	flops := o.s.Flops()
	var best verdict
	var bestTrial Trial
	for attempt := 0; ; attempt++ {
		n := minSamples
		if 1.2*float64(minSamples)*one > d.Seconds() {
			n = bigSamples // long products: a median of three
		}
		tr := meter.Time(ctx, d, n, func() { o.run(f) })
		if ctx.Err() != nil {
			return nil
		}
		rs := rates(tr.Samples, flops)
		v := judge(tr, rs, g.Threads, book.best(g.Threads))
		if v.above {
			// Perhaps the peak was measured low: measure it again.
			v = judge(tr, rs, g.Threads, book.again(g.Threads))
		}
		g.Trials = attempt + 1
		if attempt == 0 || v.badness() < best.badness() {
			best, bestTrial = v, tr
		}
		if v.ok() || attempt == retries || !retry() {
			break
		}
	}
	g.GFLOPS, g.Min, g.Max = best.s.Median, best.s.Min, best.s.Max
	g.Samples = len(bestTrial.Samples)
	g.CPUShare, g.Others = best.share, best.others
	if !best.ok() {
		g.Unstable, g.Note, g.Causes = true, best.note(), best.causes()
	}
	return nil
}

// ratioPairs is how many pairs pairedRatio times.
const ratioPairs = 7

// pairedRatio times path against yard (two paths' names, implFor's) on o
// for about d in all: ratioPairs pairs, each a sample of yard and then one
// of path (Meter.Time over d/(2·ratioPairs) each), and returns the median
// over the pairs of yard's time over path's, path's speed-up; 0 if either
// cannot run. A machine whose speed drifts (a VM's neighbours, a clock
// that moves) moves both halves of a pair alike, and their ratio less
// than two rows timed seconds apart.
func pairedRatio(ctx context.Context, meter Meter, o *operands, yard, path string, d time.Duration) float64 {
	fy, err := implFor(yard)
	if err != nil {
		return 0
	}
	fp, err := implFor(path)
	if err != nil {
		return 0
	}
	median := func(tr Trial) float64 {
		s := make([]float64, len(tr.Samples))
		for i, x := range tr.Samples {
			s[i] = x.Seconds()
		}
		return spreadOf(s).Median
	}
	half := d / (2 * ratioPairs)
	var r []float64
	for range ratioPairs {
		ty := median(meter.Time(ctx, half, 1, func() { o.run(fy) }))
		tp := median(meter.Time(ctx, half, 1, func() { o.run(fp) }))
		if ctx.Err() != nil {
			return 0
		}
		if ty > 0 && tp > 0 {
			r = append(r, ty/tp)
		}
	}
	return spreadOf(r).Median
}
