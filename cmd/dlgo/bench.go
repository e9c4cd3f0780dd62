package main

// bench.go: "dlgo bench", the matmul workbench, and "dlgo bench train", the
// training benchmark. The measuring lives in package bench; this file
// parses flags, shows progress, handles Ctrl-C and writes the report.

import (
	"bytes"
	"context"
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
	"dlgo/kernels"
	"dlgo/nn"
)

const benchAbout = `Measures how close this CPU gets to its own FMA peak with dlgo's Gemm:
for each size, each kernel path (naive, generic, and the SIMD paths this CPU
has) and each thread count, the median GFLOP/s (2·m·n·k per product) with its
min–max, the fraction of the measured peak, and the speed-up over gonum's
Dgemm measured in the same run. Every path's result is checked against the
reference loop before it is timed; a wrong result is refused, not printed.
The naive loop runs at one thread, on sizes up to 512³.

"dlgo bench train [flags]" measures MLP training speed instead (run it with -h).
Ctrl-C prints the rows finished so far.`

// runBench is "dlgo bench" (and dispatches "dlgo bench train").
func runBench(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "train" {
		return runBenchTrain(args[1:], stdout, stderr)
	}
	fs := newFlagSet("bench", "bench [flags]\n       dlgo bench train [flags]", benchAbout, stderr)
	sizes := fs.String("sizes", "", "sizes: n (square) or MxNxK, comma-separated (default 64,128,…,2048 and the 784-128-10 batch-64 shapes)")
	threads := fs.String("threads", defaultThreads(), "thread counts, comma-separated")
	paths := fs.String("paths", strings.Join(append([]string{"naive"}, kernels.Paths()...), ","), "kernel paths, comma-separated: naive and "+strings.Join(kernels.KnownPaths(), ", "))
	trans := fs.String("trans", "NN", "transpose cases, comma-separated: NN, NT, TN, TT")
	vs := fs.String("vs", "gonum", "the comparison: gonum or none")
	duration := fs.Duration("duration", 200*time.Millisecond, "measuring time per row, after a warm-up")
	format := fs.String("format", "table", "output: table, csv or json (csv and json carry the machine description)")
	plotFile := fs.String("plot", "", "also draw GFLOP/s against size and thread scaling into this PNG file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := bench.GemmConfig{Shapes: bench.DefaultShapes(), Duration: *duration}
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
		cfg.Gonum = true
	case "none":
	default:
		return usagef("-vs %q: want gonum or none", *vs)
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if *duration <= 0 {
		return usagef("-duration %v: want a positive duration such as 250ms", *duration)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	line := newStatusLine(stdout)
	cfg.Progress = line.show

	report := &bench.Report{Machine: bench.DescribeMachine()}
	line.show("measuring the FMA peak")
	report.Peaks = bench.MeasurePeaks(ctx, cfg.Threads, 300*time.Millisecond)
	peaks := map[int]float64{}
	for _, p := range report.Peaks {
		peaks[p.Threads] = p.GFLOPS
	}
	// A row measures the thread count it names, wherever the cores are
	// (kernels reads DLGO_SPLITS at its first split, which is still to come).
	if _, set := os.LookupEnv("DLGO_SPLITS"); !set {
		os.Setenv("DLGO_SPLITS", "fixed")
	}
	runErr := bench.RunGemm(ctx, cfg, peaks, func(r bench.GemmResult) { report.Gemm = append(report.Gemm, r) })
	line.clear()
	if err := report.Write(stdout, *format); err != nil {
		return err
	}
	if runErr != nil {
		return fmt.Errorf("interrupted: the %s finished are shown above", plural(len(report.Gemm), "row"))
	}
	if *plotFile != "" {
		var png bytes.Buffer
		if err := report.WritePlot(&png); err != nil {
			return fmt.Errorf("-plot: %w", err)
		}
		if err := nn.WriteFileAtomic(*plotFile, png.Bytes()); err != nil {
			return fmt.Errorf("-plot: %w", err)
		}
		fmt.Fprintf(stderr, "plot written to %s\n", *plotFile)
	}
	return nil
}

const benchTrainAbout = `Measures MLP training speed: examples per second and seconds per
60,000-example epoch of the plain training loop a user writes (copy a shuffled
batch, ZeroGrad, Forward, loss Forward, loss Backward, Backward, SGD Step), on
MNIST-shaped synthetic data (pen strokes, with as many zero pixels as MNIST:
81%), and the allocations per step; with the gradient of the data computed (the plain loop)
and skipped (Sequential.NoInputGrad, as PyTorch skips it). Nets are layer
sizes with ReLU hidden layers and softmax cross-entropy, or "logreg" for
logistic regression 784-1 (sigmoid, binary cross-entropy). As in training,
while two cores are far apart ("dlgo cpu" shows the distance) a step's
products and loops stay on one thread (DLGO_SPLITS=fixed turns that off).`

// runBenchTrain is "dlgo bench train".
func runBenchTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench train", "bench train [flags]", benchTrainAbout, stderr)
	nets := fs.String("nets", strings.Join(bench.DefaultNets, ","), "networks, comma-separated")
	batch := fs.Int("batch", 64, "mini-batch size")
	threads := fs.String("threads", defaultThreads(), "thread counts, comma-separated")
	duration := fs.Duration("duration", time.Second, "measuring time per row, after a warm-up")
	dataGrad := fs.String("datagrad", "computed,skipped", "the gradient of the data: computed (the plain loop), skipped (Sequential.NoInputGrad), or both")
	format := fs.String("format", "table", "output: table, csv or json")
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
	report := &bench.Report{Machine: bench.DescribeMachine()}
	runErr := bench.RunTrain(ctx, cfg, func(r bench.TrainResult) { report.Train = append(report.Train, r) })
	line.clear()
	if err := report.Write(stdout, *format); err != nil {
		return err
	}
	if runErr != nil {
		return fmt.Errorf("interrupted: the %s finished are shown above", plural(len(report.Train), "row"))
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

// parsePaths checks a list of kernel paths against those this CPU runs.
func parsePaths(list string) ([]string, error) {
	var out []string
	avail := append([]string{"naive"}, kernels.Paths()...)
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !slices.Contains(avail, p) {
			return nil, fmt.Errorf("%q is not a kernel path this CPU and build can run (available: %s)", p, strings.Join(avail, ", "))
		}
		out = append(out, p)
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
