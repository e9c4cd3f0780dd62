//go:build !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestNarrowSameBits checks, on every path with a narrow twin, that the
// twin is right (guards included) and gives the bits of the path's own
// tile, packed and unpacked, on one and several threads, over edge tiles,
// KC blocks, all transposes and the MLP shapes it is chosen for.
func TestNarrowSameBits(t *testing.T) {
	withMinParallelWork(t, 1)
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		q := p.narrow
		if q == nil {
			t.Skip("no narrow tile on this path")
		}
		rng := rand.New(rand.NewPCG(11, 12))
		shapes := [][3]int{{q.mr, q.nr, 1}, {q.mr - 1, q.nr + 1, 5}, {3*q.mr + 1, 2*q.nr - 1, q.kc + 3},
			{64, 128, 300}, {17, 10, 2*q.kc + 1}, {q.mc + q.mr + 1, 2, 9}, {1, 1, 1}, {24, 128, 64}, {16, 784, 40}}
		for _, s := range shapes {
			for _, tr := range transposes {
				ab := alphaBetas[rng.IntN(len(alphaBetas))]
				tc := newCase(rng, tr[0], tr[1], s[0], s[1], s[2], ab[0], ab[1], rng.IntN(3), rng.IntN(2)*3)
				run := func(path *kernelPath, mode, threads int) matrix {
					old := packMode
					packMode = mode
					defer func() { packMode = old }()
					return tc.run(func(g gemmArgs) { gemmOn(path, threads, g) })
				}
				wide := run(p, 1, 1)
				for _, mode := range []int{1, 2} {
					for _, th := range []int{1, 3} {
						got := run(q, mode, th)
						tc.check(t, "narrow", got)
						for i, v := range got.data {
							if math.Float64bits(v) != math.Float64bits(wide.data[i]) && !(math.IsNaN(v) && math.IsNaN(wide.data[i])) {
								t.Fatalf("%v: narrow (pack mode %d, %d threads) differs from %s at element %d: %v vs %v",
									tc, mode, th, p.name, i, v, wide.data[i])
							}
						}
					}
				}
			}
		}
	})
}

// pathFor takes the narrow tile exactly when it pads fewer columns.
func TestPathFor(t *testing.T) {
	wide := &kernelPath{blocking: blocking{nr: 24}}
	wide.narrow = &kernelPath{blocking: blocking{nr: 16}}
	for n, narrow := range map[int]bool{1: true, 10: true, 16: true, 24: false, 128: true, 144: false, 256: true, 784: true, 1000: false} {
		if got := pathFor(wide, n) == wide.narrow; got != narrow {
			t.Errorf("n = %d: narrow %v, want %v", n, got, narrow)
		}
	}
	if pathFor(wide.narrow, 10) != wide.narrow {
		t.Error("a path without a narrow twin must be kept")
	}
}
