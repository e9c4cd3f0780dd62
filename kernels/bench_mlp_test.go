package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// mlpShapes are the products of a 784-128-10 net trained in batches of 64:
// the forward X·W (64×128×784), the input gradient dY·Wᵀ (64×784×128) and
// the weight gradient Xᵀ·dY (128×784×64, as m×n×k).
var mlpShapes = [][3]int{{64, 128, 784}, {64, 784, 128}, {128, 784, 64}}

// BenchmarkGemmMLP reports GFLOP/s for the MLP shapes in all four transpose
// combinations on every path, at the -cpu thread count: the layers call Gemm
// with whichever transposes their formulas need, and none should be slow.
//
//	go test -run '^$' -bench GemmMLP -cpu 1 ./kernels
func BenchmarkGemmMLP(b *testing.B) {
	for _, s := range mlpShapes {
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
		for _, tr := range transposes {
			lda, ldb := k, n
			if tr[0] {
				lda = m
			}
			if tr[1] {
				ldb = k
			}
			for _, p := range available {
				name := fmt.Sprintf("%dx%dx%d/%s/tA=%v,tB=%v", m, n, k, p.name, tr[0], tr[1])
				b.Run(name, func(b *testing.B) {
					for b.Loop() {
						gemmOn(p, Threads(), gemmArgs{tr[0], tr[1], m, n, k, 1, x, lda, y, ldb, 0, z, n})
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}
