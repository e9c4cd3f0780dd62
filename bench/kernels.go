package bench

// kernels.go: every call bench makes into package kernels, in this one
// file, so that a change of kernels' exported names is adapted here alone.
// It is deliberately thin: no logic beyond saving and restoring settings.

import (
	"os"
	"time"

	"dlgo/kernels"
)

// gemmFunc has kernels.Gemm's signature.
type gemmFunc func(transA, transB bool, m, n, k int, alpha float64,
	a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int)

// Paths returns the kernel paths this CPU and build can run, best first.
func Paths() []string { return kernels.Paths() }

// blocksSource says where the current blocks come from: "model of the
// caches" or "tuned DATE from FILE" (kernels.Tuning).
func blocksSource() string { return kernels.Tuning().Source }

// kernelPath is the path Gemm uses now.
func kernelPath() string { return kernels.Path() }

// setKernelPath makes Gemm use the named path.
func setKernelPath(p string) error { return kernels.SetPath(p) }

// fixedSplits makes every product split across the threads it is given,
// wherever the cores are, so that a row measures the thread count it
// names: kernels otherwise splits only large products while two cores are
// far apart (engine_distance.go). It reads DLGO_SPLITS at its first split;
// a value the user set is kept.
func fixedSplits() {
	if _, set := os.LookupEnv("DLGO_SPLITS"); !set {
		os.Setenv("DLGO_SPLITS", "fixed")
	}
}

// setThreads sets the goroutines a Gemm is split across; 0 restores the
// default (GOMAXPROCS).
func setThreads(n int) { kernels.SetThreads(n) }

// dlgoGemm is Gemm on the current path; refGemm the plain reference loop.
var (
	dlgoGemm gemmFunc = kernels.Gemm
	refGemm  gemmFunc = kernels.GemmRef
)

// fmaPeak measures the FMA throughput at threads goroutines for about d;
// isPeak is false when no assembly probe runs on this build.
func fmaPeak(threads int, d time.Duration) (gflops float64, isPeak bool) {
	return kernels.PeakGFLOPS(threads, d)
}

// blockSizes returns the tile and cache blocks of the current path.
func blockSizes() (mr, nr, mc, kc, nc int) { return kernels.BlockSizes() }

// packFrom returns where the current path starts packing small products,
// as a tuning file set it (0: the default).
func packFrom() int { return kernels.Tuning().PackFrom }

// sharedTuned returns whether a tuning file chose shared packed blocks for
// the current path's threads.
func sharedTuned() bool { return kernels.Tuning().Shared }
