//go:build !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// withPackMode forces packMode for the length of a test.
func withPackMode(t *testing.T, mode int) {
	old := packMode
	packMode = mode
	t.Cleanup(func() { packMode = old })
}

// TestGemmDirect checks, on every path with a directKernel, that Gemm
// without packing is right (guards included) and gives the same bits as
// Gemm with packing, over edge tiles, KC blocks and all transposes, on one
// and several threads.
func TestGemmDirect(t *testing.T) {
	withMinParallelWork(t, 1)
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		if p.direct == nil {
			t.Skip("no direct kernel on this path")
		}
		rng := rand.New(rand.NewPCG(9, 10))
		shapes := [][3]int{{p.mr, p.nr, 1}, {p.mr - 1, p.nr + 1, 5}, {3*p.mr + 1, 2*p.nr - 1, p.kc + 3},
			{64, 128, 300}, {17, 3, 2*p.kc + 1}, {p.mc + p.mr + 1, 2, 9}, {1, 1, 1},
			// Several MC blocks of rows and several micro-panels of a
			// transposed B: later blocks reuse the packed panels.
			{p.mc + 3, 2*p.nr + 1, p.kc + 5}}
		for _, s := range shapes {
			for _, tr := range transposes {
				ab := alphaBetas[rng.IntN(len(alphaBetas))]
				tc := newCase(rng, tr[0], tr[1], s[0], s[1], s[2], ab[0], ab[1], rng.IntN(3), rng.IntN(2)*3)
				run := func(mode, threads int) matrix {
					old := packMode
					packMode = mode
					defer func() { packMode = old }()
					return tc.run(func(g gemmArgs) { gemmOn(p, threads, g) })
				}
				packed := run(1, 1)
				for _, th := range []int{1, 3} {
					direct := run(2, th)
					tc.check(t, p.name+" direct", direct)
					for i, v := range direct.data {
						if math.Float64bits(v) != math.Float64bits(packed.data[i]) {
							t.Fatalf("%s %v: direct (%d threads) differs from packed at element %d: %v vs %v",
								p.name, tc, th, i, v, packed.data[i])
						}
					}
				}
			}
		}
	})
}

// TestGemmSmallUnpacked reruns the small-shape sweep with every operand
// packed and with none, so that both loops see every edge case whatever
// choosePacking decides.
func TestGemmSmallUnpacked(t *testing.T) {
	for _, mode := range []int{1, 2} {
		withPackMode(t, mode)
		TestGemmSmall(t)
	}
}

// TestChoosePackingFrom: a path's packFrom (a tuning file's pack_from)
// moves the size from which a small product is packed; 0 keeps the
// default, and a product above directMaxWork, or a B stored transposed,
// is packed whatever it says.
func TestChoosePackingFrom(t *testing.T) {
	for _, base := range available {
		if base.direct == nil {
			continue
		}
		p := *base
		def := packMinReuse * vectorWidth(&p)
		for _, c := range []struct {
			from, m, n, k int
			transB        bool
			pack, packB   bool
		}{
			{0, def, def, 8, false, true, true},
			{0, def - 1, def, 8, false, false, false},
			{192, 192, 256, 192, false, true, true},
			{192, 191, 256, 192, false, false, false},
			{448, 384, 384, 384, false, false, false},
			{448, 384, 384, 384, true, false, true},
			{448, 64, 1024, 2048, false, true, true}, // 2^27 multiply-adds > directMaxWork
			{1, 6, 8, 1, false, true, true},
		} {
			p.packFrom = c.from
			packA, packB := choosePacking(&p, &gemmArgs{transB: c.transB, m: c.m, n: c.n, k: c.k})
			if packA != c.pack || packB != c.packB {
				t.Errorf("%s, packFrom %d, %d×%d×%d transB %v: packs A %v, B %v; want %v, %v",
					p.name, c.from, c.m, c.n, c.k, c.transB, packA, packB, c.pack, c.packB)
			}
		}
	}
}
