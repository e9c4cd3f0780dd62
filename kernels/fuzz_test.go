package kernels

import (
	"math/rand/v2"
	"testing"
)

// FuzzGemm compares the blocked Gemm of every path with the reference on
// fuzzer-chosen shapes, transposes, strides, scalars and thread counts.
func FuzzGemm(f *testing.F) {
	f.Add(uint8(7), uint8(9), uint8(5), false, true, uint8(1), uint8(2), uint8(1), uint64(1))
	f.Add(uint8(0), uint8(3), uint8(0), true, false, uint8(0), uint8(0), uint8(2), uint64(2))
	f.Add(uint8(61), uint8(17), uint8(200), true, true, uint8(3), uint8(1), uint8(3), uint64(3))
	f.Fuzz(func(t *testing.T, m, n, k uint8, transA, transB bool, pad, tail, th uint8, seed uint64) {
		rng := rand.New(rand.NewPCG(seed, 99))
		ab := alphaBetas[seed%uint64(len(alphaBetas))]
		tc := newCase(rng, transA, transB, int(m), int(n), int(k), ab[0], ab[1], int(pad%4), int(tail%4))
		old := minParallelWork
		minParallelWork = 1
		defer func() { minParallelWork = old }()
		for _, p := range available {
			tc.check(t, p.name, tc.run(func(g gemmArgs) { gemmOn(p, 1+int(th%4), g) }))
		}
	})
}
