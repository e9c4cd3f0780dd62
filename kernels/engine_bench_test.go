//go:build !textbook

package kernels

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkEngine measures each engine variant against its plain twin on
// the current path, one thread, on the products of a 784-128-10 MNIST
// step: the gains the engine files' headers give.
//
//	go test -run '^$' -bench Engine -cpu 1 ./kernels
func BenchmarkEngine(b *testing.B) {
	defer SetThreads(0)
	SetThreads(1)
	p := current.Load()
	rng := rand.New(rand.NewPCG(1, 1))
	x := randSlice(rng, 64*784) // a batch, as MNIST: 19% nonzero
	xs := append([]float64(nil), x...)
	for i := range xs {
		if rng.Float64() > 0.19 {
			xs[i] = 0
		}
	}
	w, y := randSlice(rng, 784*128), make([]float64, 64*128)
	dense := *p // the same path without its variants' extras
	dense.name, dense.narrow, dense.direct, dense.sparse = p.name+"-plain", nil, nil, sparseNone
	cases := []struct {
		name        string
		plain, fast func()
	}{
		{"all/x·W 64x128x784", // every variant the product meets, with the pool
			func() { gemmPlain(p, 1, gemmArgs{false, false, 64, 128, 784, 1, x, 784, w, 128, 0, y, 128}) },
			func() { gemmOn(p, 1, gemmArgs{false, false, 64, 128, 784, 1, x, 784, w, 128, 0, y, 128}) }},
		{"gemv/x·w 64x1x784",
			func() { gemmPlain(p, 1, gemmArgs{false, false, 64, 1, 784, 1, x, 784, w, 1, 0, y, 1}) },
			func() { gemmOn(p, 1, gemmArgs{false, false, 64, 1, 784, 1, x, 784, w, 1, 0, y, 1}) }},
		{"direct+narrow/dy·Wᵀ 64x784x128",
			func() { gemmOn(&dense, 1, gemmArgs{false, true, 64, 784, 128, 1, y, 128, w, 128, 0, x, 784}) },
			func() { gemmOn(p, 1, gemmArgs{false, true, 64, 784, 128, 1, y, 128, w, 128, 0, x, 784}) }},
		{"sparse/x·W 64x128x784 at 19%",
			func() { gemmOn(&dense, 1, gemmArgs{false, false, 64, 128, 784, 1, xs, 784, w, 128, 0, y, 128}) },
			func() { gemmOn(p, 1, gemmArgs{false, false, 64, 128, 784, 1, xs, 784, w, 128, 0, y, 128}) }},
		{"sparse/xᵀ·dY 784x128x64 at 19%",
			func() { gemmOn(&dense, 1, gemmArgs{true, false, 784, 128, 64, 1, xs, 784, y, 128, 1, w, 128}) },
			func() { gemmOn(p, 1, gemmArgs{true, false, 784, 128, 64, 1, xs, 784, y, 128, 1, w, 128}) }},
		{"loops/Axpy 784·128", func() { axpyGeneric(w, x[:len(w)/2], 1e-9) }, func() { vecAxpy(w, x[:len(w)/2], 1e-9) }},
		{"loops/ReLU 64·128", func() { reluGeneric(y, w[:len(y)]) }, func() { vecReLU(y, w[:len(y)]) }},
	}
	for _, c := range cases {
		b.Run(c.name+"/plain", func(b *testing.B) {
			for b.Loop() {
				c.plain()
			}
		})
		b.Run(c.name+"/engine", func(b *testing.B) {
			for b.Loop() {
				c.fast()
			}
		})
	}
}
