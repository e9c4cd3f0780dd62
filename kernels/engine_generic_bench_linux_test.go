//go:build linux && !textbook

package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"golang.org/x/sys/unix"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// processCPUTime returns the CPU time this process has used.
func processCPUTime() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_PROCESS_CPUTIME_ID, &ts); err != nil {
		panic(err)
	}
	return time.Duration(ts.Nano())
}

// BenchmarkGenericGemm measures Gemm on the generic path with the
// textbook's microkernel (kernelGeneric) and with the engine's
// (kernelGenericFast), and gonum's Dgemm, on the squares and the MLP
// shapes: the generic path's figures against its yardstick. Besides
// GFLOP/s by the wall clock it reports cpu-GFLOP/s, by the process's CPU
// time, which other processes on a shared machine do not inflate (they
// still share its caches and, under a hypervisor, its cores). Run it on
// one thread, so that gonum's Dgemm, which splits across GOMAXPROCS
// goroutines, runs on one too:
//
//	go test -run '^$' -bench GenericGemm -cpu 1 -count 5 ./kernels
func BenchmarkGenericGemm(b *testing.B) {
	defer SetThreads(0)
	SetThreads(1)
	p := available[len(available)-1]
	textbook := *p
	textbook.kernel = kernelGeneric
	var impl gonum.Implementation
	for _, s := range [][3]int{{512, 512, 512}, {1024, 1024, 1024}, {64, 128, 784}, {64, 784, 128}, {128, 784, 64}} {
		m, n, k := s[0], s[1], s[2]
		x, y, z := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
		for i := range x {
			x[i] = float64(i%13) * 0.1
		}
		for i := range y {
			y[i] = float64(i%7) * 0.3
		}
		flops := 2 * float64(m) * float64(n) * float64(k)
		for _, v := range []struct {
			name string
			f    func()
		}{
			{"textbook", func() { gemmOn(&textbook, 1, gemmArgs{false, false, m, n, k, 1, x, k, y, n, 0, z, n}) }},
			{"engine", func() { gemmOn(p, 1, gemmArgs{false, false, m, n, k, 1, x, k, y, n, 0, z, n}) }},
			{"gonum", func() { impl.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, x, k, y, n, 0, z, n) }},
		} {
			b.Run(fmt.Sprintf("%dx%dx%d/%s", m, n, k, v.name), func(b *testing.B) {
				v.f()
				cpu := processCPUTime()
				for b.Loop() {
					v.f()
				}
				cpu = processCPUTime() - cpu
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				b.ReportMetric(flops*float64(b.N)/cpu.Seconds()/1e9, "cpu-GFLOP/s")
			})
		}
	}
}

// BenchmarkGenericKernel measures the generic microkernel, the textbook's
// against the engine's, on one 6×8 tile with its panels in L1 (k = 256,
// the generic path's KC): the speed of the kernel alone, by the wall clock
// and by the process's CPU time.
//
//	go test -run '^$' -bench GenericKernel -cpu 1 ./kernels
func BenchmarkGenericKernel(b *testing.B) {
	const k = 256
	rng := rand.New(rand.NewPCG(1, 2))
	a, bp := randSlice(rng, genericMR*k), randSlice(rng, genericNR*k)
	c := make([]float64, genericMR*genericNR)
	for _, v := range []struct {
		name string
		f    microkernel
	}{{"plain", kernelGeneric}, {"engine", kernelGenericFast}} {
		b.Run(v.name, func(b *testing.B) {
			cpu := processCPUTime()
			for b.Loop() {
				v.f(k, a, bp, c, genericNR, 1, 0)
			}
			cpu = processCPUTime() - cpu
			flops := 2 * genericMR * genericNR * k * float64(b.N)
			b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			b.ReportMetric(flops/cpu.Seconds()/1e9, "cpu-GFLOP/s")
		})
	}
}
