package bench

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// shapes are the square sizes and the batch-64 products of a 784-128-10
// net: forward (64×128×784), the input gradient (64×784×128) and the weight
// gradient (128×784×64).
var shapes = [][3]int{
	{64, 64, 64}, {128, 128, 128}, {256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024},
	{64, 128, 784}, {64, 784, 128}, {128, 784, 64},
}

func randomOperands(m, n, k int) (a, b, c []float64) {
	rng := rand.New(rand.NewPCG(1, 1))
	a, b, c = make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
	for i := range a {
		a[i] = rng.Float64()
	}
	for i := range b {
		b[i] = rng.Float64()
	}
	return a, b, c
}

// BenchmarkGemmVsGonum runs dlgo's Gemm (the path in use) and gonum's Dgemm
// on the same operands, reporting GFLOP/s (2·m·n·k per product), so that
// benchstat can put them side by side:
//
//	go test -run '^$' -bench GemmVsGonum -cpu 1 ./bench
func BenchmarkGemmVsGonum(b *testing.B) {
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		x, y, z := randomOperands(m, n, k)
		flops := 2 * float64(m) * float64(n) * float64(k)
		name := fmt.Sprintf("%dx%dx%d", m, n, k)
		b.Run(name+"/dlgo-"+kernelPath(), func(b *testing.B) {
			for b.Loop() {
				dlgoGemm(false, false, m, n, k, 1, x, k, y, n, 0, z, n)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run(name+"/gonum", func(b *testing.B) {
			A := blas64.General{Rows: m, Cols: k, Stride: k, Data: x}
			B := blas64.General{Rows: k, Cols: n, Stride: n, Data: y}
			C := blas64.General{Rows: m, Cols: n, Stride: n, Data: z}
			for b.Loop() {
				blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, A, B, 0, C)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
