//go:build !purego && !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPackedAVX2MatchesStrided checks the packed-only AVX2 microkernel
// against kernelAVX2, its twin, bit for bit, on every k of the unrolled
// loop and its tail, every kind of alpha and beta, and a C with guards
// between and after its rows (beta == 0: C starts as NaN).
func TestPackedAVX2MatchesStrided(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2")
	}
	rng := rand.New(rand.NewPCG(21, 22))
	for _, k := range []int{1, 2, 3, 4, 5, 7, 8, 9, 31, 168, 256, 257} {
		for _, ab := range alphaBetas {
			_, a := guarded(rng, avx2MR*k, 8)
			_, b := guarded(rng, avx2NR*k, 8)
			const ldc = avx2NR + 3
			c := randSlice(rng, avx2MR*ldc+4)
			for i := range c {
				if i%ldc >= avx2NR || i >= (avx2MR-1)*ldc+avx2NR {
					c[i] = guard
				} else if ab[1] == 0 {
					c[i] = math.NaN()
				}
			}
			got, want := append([]float64(nil), c...), append([]float64(nil), c...)
			kernelAVX2Packed(k, a, b, got, ldc, ab[0], ab[1])
			kernelAVX2(k, a, b, want, ldc, ab[0], ab[1])
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("k=%d alpha=%v beta=%v: element %d = %v, kernelAVX2 %v", k, ab[0], ab[1], i, got[i], want[i])
				}
			}
		}
	}
}

// BenchmarkKernelAVX2 times the AVX2 microkernel on panels hot in L1 (k =
// 256), strided (the textbook's) and packed-only, in GFLOP/s.
//
//	go test -run '^$' -bench KernelAVX2 -cpu 1 ./kernels
func BenchmarkKernelAVX2(b *testing.B) {
	if !hasAVX2 {
		b.Skip("no AVX2")
	}
	const k = 256
	rng := rand.New(rand.NewPCG(1, 2))
	a, x, c := randSlice(rng, avx2MR*k), randSlice(rng, avx2NR*k), randSlice(rng, avx2MR*avx2NR)
	for _, kc := range []struct {
		name string
		f    microkernel
	}{{"strided", kernelAVX2}, {"packed", kernelAVX2Packed}} {
		b.Run(kc.name, func(b *testing.B) {
			for b.Loop() {
				kc.f(k, a, x, c, avx2NR, 1, 1)
			}
			b.ReportMetric(2*avx2MR*avx2NR*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// TestColumnAVX2MatchesTiles checks the column kernel against kernelAVX2
// called once per tile, bit for bit, with C rows padded by guards that must
// stay untouched.
func TestColumnAVX2MatchesTiles(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2")
	}
	rng := rand.New(rand.NewPCG(23, 24))
	for _, tiles := range []int{1, 2, 5} {
		for _, k := range []int{0, 1, 3, 4, 9, 256} {
			for _, ab := range alphaBetas {
				_, a := guarded(rng, tiles*avx2MR*k, 8)
				_, b := guarded(rng, avx2NR*k, 8)
				const ldc = avx2NR + 2
				c := randSlice(rng, tiles*avx2MR*ldc+3)
				for i := range c {
					if i%ldc >= avx2NR || i >= (tiles*avx2MR-1)*ldc+avx2NR {
						c[i] = guard
					} else if ab[1] == 0 {
						c[i] = math.NaN()
					}
				}
				got, want := append([]float64(nil), c...), append([]float64(nil), c...)
				columnAVX2(tiles, k, a, b, got, ldc, ab[0], ab[1])
				for i := 0; i < tiles; i++ {
					kernelAVX2(k, a[i*avx2MR*k:], b, want[i*avx2MR*ldc:], ldc, ab[0], ab[1])
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("tiles=%d k=%d alpha=%v beta=%v: element %d = %v, kernelAVX2 %v", tiles, k, ab[0], ab[1], i, got[i], want[i])
					}
				}
			}
		}
	}
}
