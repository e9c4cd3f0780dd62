//go:build !textbook

package kernels

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// BenchmarkGemmCPU reports, for the square products 256³ … 2048³ and the
// MLP shapes on every path at the -cpu thread count, GFLOP/s by the wall
// clock and GFLOP per second of the process's CPU time (every thread's,
// pollers included; Linux only). On a machine shared with other work the
// second is the steadier: a time slice lost to another process costs wall
// time, not CPU time. With one thread it is the rate the core gives while
// it runs; with two, it is lower than the first by what splitting costs.
//
//	go test -run '^$' -bench GemmCPU -cpu 1,2 ./kernels
func BenchmarkGemmCPU(b *testing.B) {
	shapes := [][3]int{{256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}, {2048, 2048, 2048}}
	shapes = append(shapes, mlpShapes...)
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		rng := rand.New(rand.NewPCG(1, 1))
		x, y, z := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
		for i := range x {
			x[i] = rng.Float64()
		}
		for i := range y {
			y[i] = rng.Float64()
		}
		flops := 2 * float64(m) * float64(n) * float64(k)
		for _, p := range available {
			if p.name == "generic" {
				continue
			}
			b.Run(fmt.Sprintf("%dx%dx%d/%s", m, n, k, p.name), func(b *testing.B) {
				cpu0 := cpuTime()
				for b.Loop() {
					gemmOn(p, Threads(), gemmArgs{false, false, m, n, k, 1, x, k, y, n, 0, z, n})
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				if cpu := cpuTime() - cpu0; cpu > 0 {
					b.ReportMetric(flops*float64(b.N)/cpu.Seconds()/1e9, "GFLOP/cpu-s")
				}
			})
		}
	}
}

// BenchmarkBlocksCPU is BenchmarkBlocking (bench_blocking_test.go) by CPU
// time: the current path (DLGO_KERNEL) at n = 512, 1024, 2048 with each
// mc/kc/nc triple of DLGO_BLOCKS (default: the path's own), in GFLOP/s and
// GFLOP per CPU-second.
//
//	DLGO_KERNEL=avx2 DLGO_BLOCKS=96/256/4080,192/384/4080 go test -run '^$' -bench BlocksCPU -cpu 1 ./kernels
func BenchmarkBlocksCPU(b *testing.B) {
	p := *current.Load()
	cands := []blocking{p.blocking}
	if env := os.Getenv("DLGO_BLOCKS"); env != "" {
		cands = nil
		for _, t := range strings.Split(env, ",") {
			q := p.blocking
			if _, err := fmt.Sscanf(t, "%d/%d/%d", &q.mc, &q.kc, &q.nc); err != nil {
				b.Fatalf("DLGO_BLOCKS: %q is not mc/kc/nc: %v", t, err)
			}
			cands = append(cands, q)
		}
	}
	for _, n := range []int{512, 1024, 2048} {
		x, y, z := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
		for i := range x {
			x[i], y[i] = 1, 1
		}
		flops := 2 * float64(n) * float64(n) * float64(n)
		for _, bl := range cands {
			q := p
			q.blocking = bl
			b.Run(fmt.Sprintf("%d/%s/mc=%d,kc=%d,nc=%d", n, p.name, bl.mc, bl.kc, bl.nc), func(b *testing.B) {
				cpu0 := cpuTime()
				for b.Loop() {
					gemmOn(&q, Threads(), gemmArgs{false, false, n, n, n, 1, x, n, y, n, 0, z, n})
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				if cpu := cpuTime() - cpu0; cpu > 0 {
					b.ReportMetric(flops*float64(b.N)/cpu.Seconds()/1e9, "GFLOP/cpu-s")
				}
			})
		}
	}
}

// BenchmarkColumns times the avx2 path with its column kernels
// (columnKernel, stridedColumn) and without (the kernel called per tile),
// on the square products and the MLP shapes, by CPU time.
//
//	go test -run '^$' -bench Columns -cpu 1 ./kernels
func BenchmarkColumns(b *testing.B) {
	var p *kernelPath
	for _, q := range available {
		if q.name == "avx2" {
			p = q
		}
	}
	if p == nil {
		b.Skip("no avx2 path")
	}
	shapes := append([][3]int{{256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}}, mlpShapes...)
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		x, y, z := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
		for i := range x {
			x[i] = 1
		}
		for i := range y {
			y[i] = 1
		}
		flops := 2 * float64(m) * float64(n) * float64(k)
		for _, off := range []bool{false, true} {
			name := fmt.Sprintf("%dx%dx%d/columns", m, n, k)
			if off {
				name = fmt.Sprintf("%dx%dx%d/tiles", m, n, k)
			}
			b.Run(name, func(b *testing.B) {
				old := columnsOff
				columnsOff = off
				defer func() { columnsOff = old }()
				cpu0 := cpuTime()
				for b.Loop() {
					gemmOn(p, Threads(), gemmArgs{false, false, m, n, k, 1, x, k, y, n, 0, z, n})
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				if cpu := cpuTime() - cpu0; cpu > 0 {
					b.ReportMetric(flops*float64(b.N)/cpu.Seconds()/1e9, "GFLOP/cpu-s")
				}
			})
		}
	}
}
