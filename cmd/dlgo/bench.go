package main

// bench.go: "dlgo bench", the matmul workbench; "dlgo bench train", the
// training benchmark; "dlgo bench -compare a.json b.json", two saved runs
// side by side. The measuring, judging and drawing live in package bench;
// this file parses flags, shows progress, handles Ctrl-C and writes the
// report and its pictures.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"dlgo/bench"
	"dlgo/nn"
)

const benchAbout = `Measures how close this CPU gets to its own FMA peak with dlgo's Gemm:
for each size, each kernel path (naive, the paths this CPU has) and gonum's
Dgemm as the yardstick, at 1 and all threads, the median GFLOP/s (2·m·n·k
per product) with its min–max, the fraction of the measured FMA peak and the
speed-up over gonum. Every path's result is checked before it is timed; a
wrong result is refused, not printed.

-vs blas (or "blas" in -paths) adds the machine's own CBLAS, loaded at run
time: OpenBLAS, BLIS or MKL, the first the dynamic loader finds, or the
library DLGO_BLAS names. Its rows are checked like dlgo's, it runs at each
row's thread count, and every row after it gets its speed-up over it
(× blas; for dlgo's paths the median of seven pairs timed alternately,
which a drift in the machine's speed moves less). OPENBLAS_CORETYPE=Haswell holds OpenBLAS to its AVX2 kernel, to
set it against dlgo's avx2 path (-paths avx2,blas -vs blas).

By default the run takes about a minute (-budget): each row gets an equal
share, a path too slow for its share of a size is left out there, and the
largest sizes are dropped until the rows fit; -full measures every size.
The FMA peak is measured before and after the rows, the memory bandwidth
(a STREAM triad) at 1 and all threads. A row whose samples spread wide, that
passes the peak, or that got less CPU time than its threads asked for while
other processes ran is measured again and, if still so, marked ~ with the
reason; the load and the CPU time other processes took are reported.

-plot FILE.png also draws FILE.png (GFLOP/s against size, thread scaling)
and FILE-roofline.png (GFLOP/s against arithmetic intensity under the peak
and bandwidth roofs). -save FILE.json keeps the run; "dlgo bench -compare
A.json B.json" prints two saved runs side by side with the ratio per row.
"dlgo bench train [flags]" measures MLP training speed (run it with -h).
Ctrl-C prints the rows finished so far.`

// runBench is "dlgo bench" (and dispatches "dlgo bench train" and
// "dlgo bench -compare").
func runBench(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "train" {
		return runBenchTrain(args[1:], stdout, stderr)
	}
	if len(args) > 0 && (args[0] == "-compare" || args[0] == "--compare") {
		return runBenchCompare(args[1:], stdout)
	}
	fs := newFlagSet("bench", "bench [flags]\n       dlgo bench -compare A.json B.json\n       dlgo bench train [flags]", benchAbout, stderr)
	sizes := fs.String("sizes", "", "sizes: n (square) or MxNxK, comma-separated (default 64,128,…,2048 and the 784-128-10 batch-64 shapes)")
	threads := fs.String("threads", defaultThreads(), "thread counts, comma-separated")
	paths := fs.String("paths", strings.Join(append(append([]string{"naive"}, bench.Paths()...), "gonum"), ","), "paths, comma-separated: naive, the kernel paths of this CPU ("+strings.Join(bench.Paths(), ", ")+"), gonum and blas (the machine's CBLAS)")
	trans := fs.String("trans", "NN", "transpose cases, comma-separated: NN, NT, TN, TT")
	vs := fs.String("vs", "gonum", "the yardstick: gonum, blas (adds the machine's CBLAS to -paths) or none (removes gonum from -paths)")
	budget := fs.Duration("budget", bench.DefaultBudget, "time the whole run aims for: the largest sizes and the per-row time follow from it")
	duration := fs.Duration("duration", 0, "a fixed measuring time per row instead of -budget (every size measured)")
	full := fs.Bool("full", false, "the long sweep: every size, every path, 0.5 s a row (unless -duration)")
	format := fs.String("format", "table", "output: table, csv or json (csv and json carry the machine description)")
	plotFile := fs.String("plot", "", "also draw FILE.png (GFLOP/s against size, thread scaling) and FILE-roofline.png")
	save := fs.String("save", "", "also write the JSON report to this file, for -compare")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := bench.GemmConfig{Shapes: bench.DefaultShapes(), Budget: *budget, Duration: *duration}
	var err error
	if *sizes != "" {
		if cfg.Shapes, err = bench.ParseShapes(*sizes); err != nil {
			return usagef("-sizes: %v", err)
		}
	}
	if cfg.Threads, err = bench.ParseInts(*threads); err != nil {
		return usagef("-threads: %v", err)
	}
	// A, B and C, and gonum's copies of them, of the largest product.
	var need float64
	for _, sh := range cfg.Shapes {
		m, n, k := float64(sh.M), float64(sh.N), float64(sh.K)
		need = max(need, 2*8*(m*k+k*n+m*n))
	}
	if err := checkMemory(fmt.Sprintf("-sizes %s", *sizes), need); err != nil {
		return err
	}
	if cfg.Trans, err = bench.ParseTrans(*trans); err != nil {
		return usagef("-trans: %v", err)
	}
	if cfg.Paths, err = parsePaths(*paths); err != nil {
		return usagef("-paths: %v", err)
	}
	switch *vs {
	case "gonum":
	case "blas":
		if _, err := bench.BLAS(); err != nil {
			return fmt.Errorf("-vs blas: %v", err)
		}
		if !slices.Contains(cfg.Paths, "blas") {
			cfg.Paths = append(cfg.Paths, "blas")
		}
	case "none":
		cfg.Paths = slices.DeleteFunc(cfg.Paths, func(p string) bool { return p == "gonum" })
		if len(cfg.Paths) == 0 {
			return usagef("-vs none leaves no path to measure")
		}
	default:
		return usagef("-vs %q: want gonum, blas or none", *vs)
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if *duration < 0 {
		return usagef("-duration %v: want a positive duration such as 250ms", *duration)
	}
	if *budget <= 0 {
		return usagef("-budget %v: want a positive duration such as 60s", *budget)
	}
	if *full && cfg.Duration == 0 {
		cfg.Duration = 500 * time.Millisecond
	}
	if *plotFile != "" && !strings.HasSuffix(strings.ToLower(*plotFile), ".png") {
		return usagef("-plot %q: want a file name ending in .png", *plotFile)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	line := newStatusLine(stdout)
	cfg.Progress = line.show

	report := bench.NewReport(strings.TrimSpace("dlgo bench " + strings.Join(args, " ")))
	start := time.Now()
	runErr := bench.RunGemm(ctx, cfg, report, nil)
	report.Run.WallSeconds = time.Since(start).Seconds()
	line.clear()
	if err := report.Write(stdout, *format); err != nil {
		return err
	}
	printTuneHint(*format, stdout, stderr)
	if runErr != nil {
		return fmt.Errorf("interrupted: the %s finished are shown above", plural(len(report.Gemm), "row"))
	}
	if err := saveReport(report, *save, stderr); err != nil {
		return err
	}
	if *plotFile != "" {
		if err := writeBenchPlots(report, *plotFile, stderr); err != nil {
			return fmt.Errorf("-plot: %w", err)
		}
	}
	return nil
}

// writeBenchPlots writes name (size and scaling) and name-roofline.png.
func writeBenchPlots(r *bench.Report, name string, stderr io.Writer) error {
	var png bytes.Buffer
	if err := r.WritePlot(&png); err != nil {
		return err
	}
	if err := nn.WriteFileAtomic(name, png.Bytes()); err != nil {
		return err
	}
	roof := name[:len(name)-len(".png")] + "-roofline.png"
	png.Reset()
	switch err := r.WriteRoofline(&png); {
	case errors.Is(err, bench.ErrNoRoof):
		// A build without assembly has no FMA peak to draw a roof at.
		fmt.Fprintf(stderr, "plot written to %s; no roofline: %v\n", name, err)
		return nil
	case err != nil:
		return err
	}
	if err := nn.WriteFileAtomic(roof, png.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "plots written to %s and %s\n", name, roof)
	return nil
}

// runBenchCompare is "dlgo bench -compare A.json B.json".
func runBenchCompare(args []string, stdout io.Writer) error {
	if len(args) != 2 {
		return usagef("-compare takes two saved reports: dlgo bench -compare A.json B.json (got %d argument(s))", len(args))
	}
	var reps [2]*bench.Report
	for i, name := range args {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if reps[i], err = bench.ReadReport(b, name); err != nil {
			return err
		}
	}
	return bench.WriteComparison(stdout, reps[0], reps[1], args[0], args[1])
}

const benchTrainAbout = `Measures MLP training speed: examples per second and seconds per
60,000-example epoch of the plain training loop a user writes (copy a shuffled
batch, ZeroGrad, Forward, loss Forward, loss Backward, Backward, SGD Step), on
MNIST-shaped synthetic data (pen strokes, with as many zero pixels as MNIST:
81%), and the allocations per step; with the gradient of the data computed
(the plain loop) and skipped (Sequential.NoInputGrad, as PyTorch skips it).
Nets are layer sizes with ReLU hidden layers and softmax cross-entropy, or
"logreg" for logistic regression 784-1 (sigmoid, binary cross-entropy).
As for "dlgo bench", a row whose samples spread wide or that got less CPU
time than its threads asked for while other processes ran is measured again
and, if still so, marked ~ with the reason.`

// runBenchTrain is "dlgo bench train".
func runBenchTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench train", "bench train [flags]", benchTrainAbout, stderr)
	nets := fs.String("nets", strings.Join(bench.DefaultNets, ","), "networks, comma-separated")
	batch := fs.Int("batch", 64, "mini-batch size")
	threads := fs.String("threads", defaultThreads(), "thread counts, comma-separated")
	duration := fs.Duration("duration", time.Second, "measuring time per row, after a warm-up")
	dataGrad := fs.String("datagrad", "computed,skipped", "the gradient of the data: computed (the plain loop), skipped (Sequential.NoInputGrad), or both")
	format := fs.String("format", "table", "output: table, csv or json")
	save := fs.String("save", "", "also write the JSON report to this file, for -compare")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := bench.TrainConfig{Batch: *batch, Duration: *duration}
	for _, n := range strings.Split(*nets, ",") {
		if n = strings.TrimSpace(n); n != "" {
			cfg.Nets = append(cfg.Nets, n)
		}
	}
	if len(cfg.Nets) == 0 {
		return usagef("-nets: no networks given")
	}
	var err error
	if cfg.Threads, err = bench.ParseInts(*threads); err != nil {
		return usagef("-threads: %v", err)
	}
	for _, g := range strings.Split(*dataGrad, ",") {
		switch strings.TrimSpace(g) {
		case "computed":
			cfg.SkipDataGrad = append(cfg.SkipDataGrad, false)
		case "skipped":
			cfg.SkipDataGrad = append(cfg.SkipDataGrad, true)
		default:
			return usagef("-datagrad %q: want computed, skipped or both, comma-separated", *dataGrad)
		}
	}
	if *batch < 1 || *batch > 1<<16 {
		return usagef("-batch %d: want 1 to 65536", *batch)
	}
	if *duration <= 0 {
		return usagef("-duration %v: want a positive duration such as 1s", *duration)
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	line := newStatusLine(stdout)
	cfg.Progress = line.show
	report := bench.NewReport(strings.TrimSpace("dlgo bench train " + strings.Join(args, " ")))
	start := time.Now()
	runErr := bench.RunTrain(ctx, cfg, report, nil)
	report.Run.WallSeconds = time.Since(start).Seconds()
	line.clear()
	if err := report.Write(stdout, *format); err != nil {
		return err
	}
	if runErr != nil {
		return fmt.Errorf("interrupted: the %s finished are shown above", plural(len(report.Train), "row"))
	}
	if err := saveReport(report, *save, stderr); err != nil {
		return err
	}
	for _, r := range report.Train {
		if r.Err != "" {
			return fmt.Errorf("%s: %s", r.Net, r.Err)
		}
	}
	return nil
}

// defaultThreads is "1" on one core, else "1,N" for N = GOMAXPROCS.
func defaultThreads() string {
	n := runtime.GOMAXPROCS(0)
	if n == 1 {
		return "1"
	}
	return "1," + strconv.Itoa(n)
}

// parsePaths checks a list of paths against those this CPU runs.
func parsePaths(list string) ([]string, error) {
	var out []string
	avail := append(append([]string{"naive"}, bench.Paths()...), "gonum", "blas")
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if p == "blas" {
			if _, err := bench.BLAS(); err != nil {
				return nil, fmt.Errorf("blas: %v", err)
			}
		}
		if !slices.Contains(avail, p) {
			return nil, fmt.Errorf("%q is not a path this CPU and build can run (available: %s)", p, strings.Join(avail, ", "))
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no paths given")
	}
	return out, nil
}

func checkFormat(f string) error {
	if !slices.Contains(bench.Formats, f) {
		return usagef("-format %q: want one of %s", f, strings.Join(bench.Formats, ", "))
	}
	return nil
}

// statusLine is the one-line progress shown while a benchmark runs, on a
// terminal only; each message replaces the last.
type statusLine struct {
	w     io.Writer
	tty   bool
	start time.Time
}

func newStatusLine(w io.Writer) *statusLine {
	return &statusLine{w: w, tty: isTerminal(w), start: time.Now()}
}

func (s *statusLine) show(msg string) {
	if s.tty {
		fmt.Fprintf(s.w, "\r\033[K[%3.0fs] %s …", time.Since(s.start).Seconds(), msg)
	}
}

func (s *statusLine) clear() {
	if s.tty {
		fmt.Fprint(s.w, "\r\033[K")
	}
}

// saveReport writes report as JSON to path, atomically, for -compare; an
// empty path writes nothing.
func saveReport(report *bench.Report, path string, stderr io.Writer) error {
	if path == "" {
		return nil
	}
	var js bytes.Buffer
	if err := report.WriteJSON(&js); err != nil {
		return err
	}
	if err := nn.WriteFileAtomic(path, js.Bytes()); err != nil {
		return fmt.Errorf("-save: %w", err)
	}
	fmt.Fprintf(stderr, "report written to %s\n", path)
	return nil
}
