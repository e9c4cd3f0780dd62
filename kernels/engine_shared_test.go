//go:build !textbook

package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// The threads of sharedGemm give the bits of one thread, and of the
// stripes, on every path, with both operands packed (packMode 1): shapes
// of several NC, KC and MC blocks (NC cut down so that a small product
// has several), ragged in every dimension, every transpose, on 2, 3, 5
// and 8 threads, with and without beta.
func TestSharedMatchesStripes(t *testing.T) {
	withMinParallelWork(t, 1)
	oldPack := packMode
	packMode, sharedMode = 1, 1
	t.Cleanup(func() { packMode, sharedMode = oldPack, 0 })
	forEachPath(t, func(t *testing.T, p *kernelPath) {
		q := *p // a copy with small blocks: several of each
		q.nc = 3 * q.nr
		q.kc = min(q.kc, 40)
		q.mc = 2 * q.mr
		rng := rand.New(rand.NewPCG(31, 32))
		shapes := [][3]int{
			{8*q.mr + 3, 7*q.nr + 5, 2*q.kc + 7},
			{5*q.mr - 1, 3*q.nr + 1, q.kc + 1},
			{2 * q.mr, q.nc, q.kc},
			{3*q.mr + 1, 2, 9},
		}
		for _, s := range shapes {
			for _, tr := range transposes {
				ab := [2]float64{-0.5, float64(rng.IntN(2)) * 0.3}
				tc := newCase(rng, tr[0], tr[1], s[0], s[1], s[2], ab[0], ab[1], 1, 2)
				one := tc.run(func(g gemmArgs) { gemmOn(&q, 1, g) })
				tc.check(t, q.name, one)
				for _, th := range []int{2, 3, 5, 8} {
					name := fmt.Sprintf("%s %v, %d threads", q.name, tc, th)
					got := tc.run(func(g gemmArgs) { gemmOn(&q, th, g) })
					if !sameBits(got.data, one.data) {
						t.Fatalf("%s: shared blocks differ from one thread", name)
					}
					sharedMode = 2
					stripes := tc.run(func(g gemmArgs) { gemmOn(&q, th, g) })
					sharedMode = 1
					if !sameBits(stripes.data, one.data) {
						t.Fatalf("%s: stripes differ from one thread", name)
					}
				}
			}
		}
	})
}

// sharedGemm allocates nothing once its buffers have their size, and
// leaves each stripe its own B buffer.
func TestSharedAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	withMinParallelWork(t, 1)
	oldPack := packMode
	packMode, sharedMode = 1, 1
	t.Cleanup(func() { packMode, sharedMode = oldPack, 0 })
	const n = 96
	a, b, c := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
	for _, p := range available {
		f := func() {
			gemmOn(p, 2, gemmArgs{false, false, n, n, n, 1, a, n, b, n, 0, c, n})
			gemmOn(p, 1, gemmArgs{false, false, n, n, n, 1, a, n, b, n, 0, c, n})
		}
		f()
		if allocs := testing.AllocsPerRun(5, f); allocs != 0 {
			t.Errorf("%s: %v allocations per pair of products, want 0", p.name, allocs)
		}
	}
}

// BenchmarkGemmShared times the squares, both operands packed, with the
// threads sharing the packed blocks of B (sharedGemm, sharedMode 1) and
// as stripes (sharedMode 2), wherever the cores are, at -cpu threads, in
// GFLOP/s and GFLOP per CPU-second, with the round trip of a cache line
// between two cores (CoreDistance) just before.
//
//	go test -run '^$' -bench GemmShared -cpu 2 ./kernels
func BenchmarkGemmShared(b *testing.B) {
	oldPack := packMode
	packMode = 1
	defer func() { packMode = oldPack }()
	for _, n := range []int{256, 512, 1024, 2048} {
		rng := rand.New(rand.NewPCG(1, 1))
		x, y, z := randSlice(rng, n*n), randSlice(rng, n*n), make([]float64, n*n)
		flops := 2 * float64(n) * float64(n) * float64(n)
		for _, p := range available {
			if p.name == "generic" {
				continue
			}
			for _, off := range []bool{false, true} {
				name := fmt.Sprintf("%d³/%s/shared", n, p.name)
				if off {
					name = fmt.Sprintf("%d³/%s/stripes", n, p.name)
				}
				b.Run(name, func(b *testing.B) {
					sharedMode = 1
					if off {
						sharedMode = 2
					}
					defer func() { sharedMode = 0 }()
					// Where the cores are decides which way wins: the
					// round trip of a cache line between them, measured
					// once the workers are awake.
					gemmOn(p, Threads(), gemmArgs{false, false, n, n, n, 1, x, n, y, n, 0, z, n})
					rt, _, near := CoreDistance()
					b.ResetTimer()
					cpu0 := cpuTime()
					for b.Loop() {
						gemmOn(p, Threads(), gemmArgs{false, false, n, n, n, 1, x, n, y, n, 0, z, n})
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
					if cpu := cpuTime() - cpu0; cpu > 0 {
						b.ReportMetric(flops*float64(b.N)/cpu.Seconds()/1e9, "GFLOP/cpu-s")
					}
					if near {
						b.ReportMetric(float64(rt.Nanoseconds()), "rt-ns")
					}
				})
			}
		}
	}
}

// useShared takes the shared blocks only where a tuning file measured
// them faster, while the last probe measured the cores close (not far
// apart nor unmeasured), and when every thread gets a tile of rows and
// both operands are packed.
func TestUseShared(t *testing.T) {
	defer SetThreads(0)
	defer func() { distance.far.Store(false); distance.near.Store(false); distance.checked.Store(0) }()
	SetThreads(2)
	p := &kernelPath{blocking: blocking{mr: 6, nr: 8}}
	g := &gemmArgs{m: 12}
	for _, c := range []struct {
		far, near bool
		want      bool
	}{{false, false, false}, {true, false, false}, {false, true, true}} {
		distance.far.Store(c.far)
		distance.near.Store(c.near)
		distance.checked.Store(time.Now().UnixNano()) // fresh: no probe
		if got := useShared(p, true, g, true, true, 2); got != c.want {
			t.Errorf("far %v, near %v: useShared = %v, want %v", c.far, c.near, got, c.want)
		}
	}
	if useShared(p, true, g, true, true, 3) || useShared(p, true, g, false, true, 2) || useShared(p, true, g, true, false, 2) || useShared(p, false, g, true, true, 2) {
		t.Error("useShared with fewer tiles of rows than threads, an operand unpacked, or untuned")
	}
}
