// Package bench is dlgo's benchmark suite: matrix multiply against this
// CPU's own limits — the FMA peak and the memory bandwidth — and against
// gonum and the machine's own CBLAS (OpenBLAS, BLIS or MKL, loaded at run
// time by blas.go), and MLP training speed. The `dlgo bench` command drives it;
// `go test -bench . ./bench` runs the comparisons as standard Go
// benchmarks.
//
// A run is meant to be trusted on a busy machine and to fit a minute:
//
//   - gemm.go measures the rows, each checked before it is timed
//     (operands.go), through a Meter (measure.go) that tests replace;
//   - noise.go judges each row — a wide spread, a figure above the peak,
//     less CPU time than its threads asked for while other processes ran
//     (usage.go, cputime_*.go) — re-measures it and marks it "~";
//   - peak.go measures the FMA peak before, during and after the rows,
//     triad.go and bandwidth.go the memory bandwidth;
//   - blas.go loads the machine's CBLAS for the blas path, and
//     pairedRatio (gemm.go) times dlgo's paths against it in pairs;
//   - plan.go fits the rows into the time budget;
//   - report.go, compare.go, plot.go and roofline.go write what was
//     measured; tuning.go and version.go say with what.
//
// Every call into package kernels is in kernels.go. It is the one package
// besides cmd/ that may depend on outside numerical code (gonum, a system
// CBLAS), as the yardstick, never as part of dlgo's own arithmetic.
package bench
