package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchShapes are the square sizes and the batch-64 products of a
// 784-128-10 net: forward (64×128×784), the input gradient (64×784×128) and
// the weight gradient (128×784×64, as m×n×k of Xᵀ·dY stored transposed).
var benchShapes = [][3]int{
	{64, 64, 64}, {128, 128, 128}, {256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024},
	{64, 128, 784}, {64, 784, 128}, {128, 784, 64},
}

// BenchmarkGemm reports GFLOP/s (2·m·n·k per product) for each size and
// path at the current thread setting (-cpu sets GOMAXPROCS), plus the
// naive reference on the sizes where it finishes in reasonable time.
//
//	go test -run '^$' -bench Gemm ./kernels
func BenchmarkGemm(b *testing.B) {
	for _, s := range benchShapes {
		m, n, k := s[0], s[1], s[2]
		rng := rand.New(rand.NewPCG(1, 1))
		x := make([]float64, m*k)
		y := make([]float64, k*n)
		z := make([]float64, m*n)
		for i := range x {
			x[i] = rng.Float64()
		}
		for i := range y {
			y[i] = rng.Float64()
		}
		flops := 2 * float64(m) * float64(n) * float64(k)
		name := fmt.Sprintf("%dx%dx%d", m, n, k)
		for _, p := range available {
			b.Run(name+"/"+p.name, func(b *testing.B) {
				for b.Loop() {
					gemmOn(p, Threads(), gemmArgs{false, false, m, n, k, 1, x, k, y, n, 0, z, n})
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
		if m*n*k <= 512*512*512 {
			b.Run(name+"/naive", func(b *testing.B) {
				for b.Loop() {
					GemmRef(false, false, m, n, k, 1, x, k, y, n, 0, z, n)
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
