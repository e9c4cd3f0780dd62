//go:build !textbook

package kernels

import (
	"fmt"
	"math/rand/v2"
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
