package bench

// machine.go: the computer a report was measured on.

import (
	"runtime"
	"strconv"
	"strings"

	"github.com/klauspost/cpuid/v2"
)

// Machine describes the computer a benchmark ran on, so that results from
// different machines can be told apart and compared.
type Machine struct {
	CPU        string   `json:"cpu"`
	Vendor     string   `json:"vendor"`
	Cores      int      `json:"cores"`         // physical cores, as CPUID counts them
	Logical    int      `json:"logical_cores"` // hardware threads, as CPUID counts them
	CPUs       int      `json:"cpus"`          // the logical CPUs this process may use (runtime.NumCPU)
	GOMAXPROCS int      `json:"gomaxprocs"`
	Features   []string `json:"features"` // the SIMD features that matter here
	L1D        int      `json:"l1d_bytes"`
	L2         int      `json:"l2_bytes"`
	L3         int      `json:"l3_bytes"`
	Path       string   `json:"kernel_path"` // the microkernel Gemm uses
	Paths      []string `json:"kernel_paths"`
	GoVersion  string   `json:"go_version"`
	GOOS       string   `json:"goos"`
	GOARCH     string   `json:"goarch"`
	BLAS       string   `json:"blas,omitempty"` // the CBLAS of the blas rows (BLAS)
}

// DescribeMachine reads the CPU's identity, caches and features (from
// github.com/klauspost/cpuid/v2) and the kernel paths it runs (the block
// sizes are in Tuning).
func DescribeMachine() Machine {
	c := cpuid.CPU
	m := Machine{
		CPU:        strings.TrimSpace(c.BrandName),
		Vendor:     c.VendorString,
		Cores:      c.PhysicalCores,
		Logical:    c.LogicalCores,
		CPUs:       runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		L1D:        c.Cache.L1D,
		L2:         c.Cache.L2,
		L3:         c.Cache.L3,
		Path:       kernelPath(),
		Paths:      Paths(),
		GoVersion:  runtime.Version(),
		GOOS:       runtime.GOOS,
		GOARCH:     runtime.GOARCH,
	}
	if m.CPU == "" {
		m.CPU = "unknown " + runtime.GOARCH + " CPU"
	}
	if m.Cores <= 0 {
		m.Cores = runtime.NumCPU()
	}
	if m.Logical <= 0 {
		m.Logical = runtime.NumCPU()
	}
	for _, f := range []struct {
		id   cpuid.FeatureID
		name string
	}{
		{cpuid.SSE2, "sse2"}, {cpuid.AVX, "avx"}, {cpuid.AVX2, "avx2"}, {cpuid.FMA3, "fma"},
		{cpuid.AVX512F, "avx512f"}, {cpuid.ASIMD, "neon"}, {cpuid.SVE, "sve"},
	} {
		if c.Supports(f.id) {
			m.Features = append(m.Features, f.name)
		}
	}
	return m
}

// plural returns "1 thread", "2 threads": n and the noun, singular for 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
