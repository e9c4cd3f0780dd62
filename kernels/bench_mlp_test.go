//go:build !textbook

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
				p := pathFor(p, n) // as Gemm does: the narrow tile where it pads less
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

// BenchmarkGemmPacking compares Gemm with both operands packed and with
// neither (a transposed B is always packed) on the paths that can skip
// packing, over the sizes around choosePacking's threshold: the
// measurement behind directMaxWork.
//
//	go test -run '^$' -bench GemmPacking -cpu 1 ./kernels
func BenchmarkGemmPacking(b *testing.B) {
	shapes := append([][3]int{{64, 64, 64}, {128, 128, 128}, {192, 192, 192}, {256, 256, 256}, {384, 384, 384}, {512, 512, 512}}, mlpShapes...)
	shapes = append(shapes, [3]int{256, 784, 128}, [3]int{512, 784, 128})
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
		for _, p := range available {
			if p.direct == nil {
				continue
			}
			for _, mode := range []int{1, 2} {
				name := fmt.Sprintf("%dx%dx%d/%s/%s", m, n, k, p.name, map[int]string{1: "packed", 2: "direct"}[mode])
				b.Run(name, func(b *testing.B) {
					old := packMode
					packMode = mode
					defer func() { packMode = old }()
					for b.Loop() {
						gemmOn(p, Threads(), gemmArgs{false, false, m, n, k, 1, x, k, y, n, 0, z, n})
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}
