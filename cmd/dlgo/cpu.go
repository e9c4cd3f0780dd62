package main

// cpu.go: `dlgo cpu`, what a benchmark or a slow training run needs to
// know about the machine: the CPU and its caches (from
// github.com/klauspost/cpuid/v2), the SIMD features the CPU has and the OS
// lets programs use (golang.org/x/sys/cpu), and which Gemm microkernel
// dlgo runs, with its block sizes and where they came from (a tuning file
// or the model of the caches).

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/klauspost/cpuid/v2"
	"golang.org/x/sys/cpu"

	"dlgo/bench"
	"dlgo/kernels"
)

const cpuAbout = `Prints the CPU model, cores, cache sizes and SIMD features, and the Gemm
kernel path dlgo uses (DLGO_KERNEL=NAME forces one of the available paths).`

func runCPU(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("cpu", "cpu", cpuAbout, stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	c := cpuid.CPU
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	line := func(k, format string, args ...any) { fmt.Fprintf(tw, "%s\t"+format+"\n", append([]any{k}, args...)...) }

	brand := strings.TrimSpace(c.BrandName)
	if brand == "" {
		brand = "unknown"
	}
	line("cpu", "%s (%s, family %d model %d stepping %d)", brand, c.VendorString, c.Family, c.Model, c.Stepping)
	if c.Hz > 0 || c.BoostFreq > 0 {
		line("clock", "%s base, %s boost", ghz(c.Hz), ghz(c.BoostFreq))
	}
	// The CPUID counts are the package's (a VM's may name the host's, or
	// nothing); runtime.NumCPU is what this process may run on.
	line("cores", "%d usable (runtime.NumCPU); CPUID: %d physical, %d logical (%d per core); GOMAXPROCS %d",
		runtime.NumCPU(), c.PhysicalCores, c.LogicalCores, c.ThreadsPerCore, runtime.GOMAXPROCS(0))
	line("caches", "L1d %s, L1i %s, L2 %s, L3 %s; line %d bytes",
		bytesize(c.Cache.L1D), bytesize(c.Cache.L1I), bytesize(c.Cache.L2), bytesize(c.Cache.L3), c.CacheLine)
	line("simd", "%s", strings.Join(simdFeatures(), " "))
	line("os", "%s/%s, %s", runtime.GOOS, runtime.GOARCH, runtime.Version())
	line("kernel", "%s (available: %s; known: %s)", kernels.Path(), strings.Join(kernels.Paths(), ", "), strings.Join(kernels.KnownPaths(), ", "))
	line("blocking", "%s", blocksLine())
	line("threads", "%d goroutines per Gemm", kernels.Threads())
	if rt, far, ok := kernels.CoreDistance(); ok {
		mode := "close: products and loops split across threads"
		if far {
			mode = "far apart: only large products split, until they come closer"
		}
		line("distance", "a cache line between two cores and back in %v (%s)", rt, mode)
	}
	// The library dlgo bench -vs blas would set dlgo against.
	if desc, err := bench.BLAS(); err == nil {
		line("blas", "%s (dlgo bench -vs blas)", desc)
	} else {
		line("blas", "none loaded: %v", err)
	}
	line("cpuid", "%s", strings.Join(c.FeatureSet(), " "))
	return tw.Flush()
}

// simdFeatures lists the vector features that matter to dlgo's kernels, as
// golang.org/x/sys/cpu reports them: present in the CPU and enabled by the
// OS (the AVX registers must be saved on a context switch).
func simdFeatures() []string {
	var have []string
	add := func(ok bool, name string) {
		if ok {
			have = append(have, name)
		}
	}
	switch runtime.GOARCH {
	case "amd64", "386":
		x := cpu.X86
		add(x.HasSSE2, "sse2")
		add(x.HasSSE41, "sse4.1")
		add(x.HasAVX, "avx")
		add(x.HasAVX2, "avx2")
		add(x.HasFMA, "fma")
		add(x.HasAVX512F, "avx512f")
		add(x.HasAVX512DQ, "avx512dq")
		add(x.HasAVX512VL, "avx512vl")
	case "arm64":
		a := cpu.ARM64
		add(a.HasASIMD, "neon")
		add(a.HasFPHP, "fphp")
		add(a.HasSVE, "sve")
	}
	if len(have) == 0 {
		have = []string{"none detected"}
	}
	return have
}

// bytesize formats a cache size; cpuid gives -1 when it does not know.
func bytesize(n int) string {
	switch {
	case n <= 0:
		return "?"
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// ghz formats a clock frequency in hertz.
func ghz(hz int64) string {
	if hz <= 0 {
		return "?"
	}
	return fmt.Sprintf("%.2f GHz", float64(hz)/1e9)
}
