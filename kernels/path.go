package kernels

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
)

// kernelPath is one way of computing Gemm's tiles: a microkernel and the
// block sizes tuned for it.
type kernelPath struct {
	name string
	blocking
	kernel microkernel
	asm    bool // whether the path runs assembly: the engine's SIMD loops follow it

	// Set at start-up by the engine (engine_paths_amd64.go), nil in the
	// textbook build: the same kernel on unpacked operands
	// (engine_direct.go), and the same arithmetic on a narrower tile
	// (engine_narrow.go).
	direct directKernel
	narrow *kernelPath
	// edgeRows, where set, computes the first rows (< mr) of a tile of a
	// packed A panel and B (rows ldb apart: nr when packed, which is
	// always so on a path without a directKernel) straight into C, as the
	// whole tile would compute them: an edge tile then costs its own rows
	// only (engine_generic.go, engine_edge_avx2_amd64.go,
	// engine_edge_neon_arm64.go).
	edgeRows func(rows, k int, a, b []float64, ldb int, c []float64, ldc int, alpha, beta float64)
	multi    *kernelPath // the same path with the blocks a tuning file chose for more than one thread, or nil (tune_load.go)
	sparse   uint8       // how Gemm takes a mostly-zero A through its nonzeros, 0 for not at all (engine_sparse.go)

	// packFrom is min(m, n) from which the engine packs a product small
	// enough to run unpacked (engine_direct.go): 0 for its default, or
	// what a tuning file measured (tune_load.go).
	packFrom int
	// shared is whether a tuning file measured this path's threads faster
	// sharing each packed block of B than in stripes (engine_shared.go,
	// tune.go's sharedPays).
	shared bool
}

// available lists the paths this CPU can run, best first; generic is always
// last. current is the one Gemm uses.
var (
	available = append(archPaths(), genericPath())
	current   atomic.Pointer[kernelPath]
	envErr    error
)

// genericPath builds the pure-Go path, with block sizes from the table.
func genericPath() *kernelPath {
	return &kernelPath{name: "generic", blocking: tunedBlocking("generic"), kernel: kernelGeneric}
}

func init() {
	current.Store(available[0])
	if name, ok := os.LookupEnv("DLGO_KERNEL"); ok && name != "" {
		if err := SetPath(name); err != nil {
			envErr = fmt.Errorf("DLGO_KERNEL: %w; using %q", err, available[0].name)
		}
	}
}

// Path names the microkernel Gemm uses: "generic", "avx2", "avx512" or
// "neon".
func Path() string { return current.Load().name }

// Paths lists the microkernels this CPU can run, best first. "generic" is
// always among them.
func Paths() []string {
	names := make([]string, len(available))
	for i, p := range available {
		names[i] = p.name
	}
	return names
}

// KnownPaths lists every microkernel name dlgo knows, whether or not this
// CPU and build can run it.
func KnownPaths() []string { return []string{"generic", "avx2", "avx512", "neon"} }

// SetPath makes Gemm use the named microkernel from now on. It returns an
// error, and changes nothing, for a name that is unknown or that this CPU or
// build cannot run. It is meant for start-up, benchmarks and tests: a Gemm
// already running keeps the path it started with.
func SetPath(name string) error {
	for _, p := range available {
		if p.name == name {
			current.Store(p)
			return nil
		}
	}
	for _, known := range KnownPaths() {
		if known == name {
			return fmt.Errorf("kernel path %q is not available on this CPU or build (available: %s)",
				name, strings.Join(Paths(), ", "))
		}
	}
	return fmt.Errorf("unknown kernel path %q (known: %s)", name, strings.Join(KnownPaths(), ", "))
}

// EnvError reports what was wrong with the DLGO_KERNEL environment variable
// at start-up, or nil. When it is non-nil, Gemm runs on the best available
// path instead; a command-line tool should print it and stop.
func EnvError() error { return envErr }

// directKernel is a microkernel that reads A and B in place, with strides,
// rather than from packed panels: it computes
//
//	C[i·ldc + j] = alpha·Σ_p a[i·rsa + p·csa]·b[p·ldb + j] + beta·C[i·ldc + j]
//
// for i < mr, j < nr, by the same operations, in the same order, as the
// path's microkernel does on packed panels (which is the case rsa = 1,
// csa = mr, ldb = nr). Both transposes of A are strides (rsa = lda, csa = 1
// for A as stored; rsa = 1, csa = lda for Aᵀ); B must have unit stride
// along j, so a transposed B is still packed.
type directKernel func(k int, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int, alpha, beta float64)
