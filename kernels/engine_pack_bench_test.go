//go:build !textbook

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestPackFastMatchesPlain checks the engine's packing against pack.go's,
// bit for bit, over tile widths, both transposes, block shapes with partial
// panels, offsets into the stored matrix and strides longer than a row,
// with a guard after the block.
func TestPackFastMatchesPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, w := range []int{6, 8, 24} {
		for _, kb := range []int{1, 5, 17} {
			for _, n := range []int{1, 5, w, w + 3, 3*w - 1, 17*w + 2, 40 * w} {
				for _, tr := range []bool{false, true} {
					for _, group := range []int{1, 3, 16} {
						i0, p0 := rng.IntN(3), rng.IntN(3)
						// Stored rows (not transposed: kb rows of n values;
						// transposed: n rows of kb values), with extra.
						rows, cols := p0+kb, i0+n
						if tr {
							rows, cols = i0+n, p0+kb
						}
						ld := cols + rng.IntN(5)
						src := make([]float64, rows*ld)
						for i := range src {
							src[i] = rng.NormFloat64()
						}
						size := (n + w - 1) / w * w * kb
						want := make([]float64, size+3)
						got := make([]float64, size+3)
						for i := range want {
							want[i], got[i] = guard, guard
						}
						old := panelGroup
						panelGroup = group
						// Packing A with transA reads as packing B without transB.
						packB(want, tr, src, ld, p0, i0, kb, n, w)
						packBFast(true, got, tr, src, ld, p0, i0, kb, n, w)
						packA(want[:size], !tr, src, ld, i0, p0, n, kb, w) // same layout, other names
						gotA := make([]float64, size)
						packAFast(true, gotA, !tr, src, ld, i0, p0, n, kb, w)
						panelGroup = old
						for i := range want {
							if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
								t.Fatalf("packB w=%d kb=%d n=%d tr=%v group=%d: [%d] = %v, want %v", w, kb, n, tr, group, i, got[i], want[i])
							}
						}
						for i := range gotA {
							if math.Float64bits(gotA[i]) != math.Float64bits(want[i]) {
								t.Fatalf("packA w=%d kb=%d m=%d tr=%v group=%d: [%d] = %v, want %v", w, kb, n, !tr, group, i, gotA[i], want[i])
							}
						}
					}
				}
			}
		}
	}
}

// BenchmarkPackBlock reports packing speed in ns per value for the blocks a
// large product packs (a KC×n block of a B stored n wide, and of A stored
// transposed) and those of the MLP shapes, plain (pack.go) and engine
// (engine_pack.go), for both tile widths. DLGO_PACKGROUPS lists the
// panelGroup values to time (0: the plain pack), e.g. 0,1,4,8,16,32.
//
//	go test -run '^$' -bench PackBlock -cpu 1 ./kernels
func BenchmarkPackBlock(b *testing.B) {
	packGroups := []int{0, 1, panelGroup}
	if env := os.Getenv("DLGO_PACKGROUPS"); env != "" {
		packGroups = nil
		for _, f := range strings.Split(env, ",") {
			g, err := strconv.Atoi(f)
			if err != nil {
				b.Fatalf("DLGO_PACKGROUPS: %v", err)
			}
			packGroups = append(packGroups, g)
		}
	}
	type shape struct {
		name      string
		kb, n, ld int
	}
	shapes := []shape{
		{"512", 256, 512, 512}, {"1024", 256, 1024, 1024}, {"2048", 256, 2048, 2048},
		// The B blocks of the MLP shapes, stored k×n: 64×128×784 (KC rows of 128),
		// 64×784×128, 128×784×64.
		{"64x128x784", 256, 128, 128}, {"64x784x128", 128, 784, 784}, {"128x784x64", 64, 784, 784},
	}
	// A blocks: MC×KC of an A stored n×n (rows of n), not transposed, as a
	// square product packs them.
	for _, mr := range []int{6, 8} {
		for _, n := range []int{512, 1024, 2048} {
			const mb, kb = 96, 256
			src := make([]float64, mb*n)
			for i := range src {
				src[i] = float64(i)
			}
			dst := make([]float64, mb*kb)
			for _, engine := range []bool{false, true} {
				name := fmt.Sprintf("A/mr=%d/%d/plain", mr, n)
				if engine {
					name = fmt.Sprintf("A/mr=%d/%d/engine", mr, n)
				}
				b.Run(name, func(b *testing.B) {
					for b.Loop() {
						if engine {
							packAFast(true, dst, false, src, n, 0, 0, mb, kb, mr)
						} else {
							packA(dst, false, src, n, 0, 0, mb, kb, mr)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(mb*kb), "ns/value")
				})
			}
		}
	}
	for _, w := range []int{8, 24} {
		for _, s := range shapes {
			src := make([]float64, s.kb*s.ld)
			for i := range src {
				src[i] = float64(i)
			}
			dst := make([]float64, (s.n+w-1)/w*w*s.kb)
			// Group 0 is the plain pack; group 1 the engine's moves panel by
			// panel (its walk before the row walk).
			for _, group := range packGroups {
				engine := group > 0
				name := fmt.Sprintf("B/nr=%d/%s/plain", w, s.name)
				if engine {
					name = fmt.Sprintf("B/nr=%d/%s/engine-g%d", w, s.name, group)
				}
				b.Run(name, func(b *testing.B) {
					old := panelGroup
					panelGroup = max(group, 1)
					defer func() { panelGroup = old }()
					for b.Loop() {
						if engine {
							packBFast(true, dst, false, src, s.ld, 0, 0, s.kb, s.n, w)
						} else {
							packB(dst, false, src, s.ld, 0, 0, s.kb, s.n, w)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(s.kb*s.n), "ns/value")
				})
			}
		}
	}
}

// BenchmarkGemmSplit times the square products on the current thread
// count (-cpu) with the stripes along m and along n, on every path, by the
// wall clock and per second of the process's CPU time.
//
//	go test -run '^$' -bench GemmSplit -cpu 2 ./kernels
func BenchmarkGemmSplit(b *testing.B) {
	for _, n := range []int{256, 512, 1024, 2048} {
		x, y, z := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
		for i := range x {
			x[i], y[i] = 1, 1
		}
		flops := 2 * float64(n) * float64(n) * float64(n)
		for _, p := range available {
			for _, mode := range []int{0, 1, 2} {
				name := fmt.Sprintf("%d/%s/%s", n, p.name, []string{"auto", "m", "n"}[mode])
				b.Run(name, func(b *testing.B) {
					old := splitMode
					splitMode = mode
					defer func() { splitMode = old }()
					cpu0 := cpuTime()
					for b.Loop() {
						gemmOn(p, Threads(), gemmArgs{false, false, n, n, n, 1, x, n, y, n, 0, z, n})
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
					// Per second of CPU time (every thread's, pollers
					// included): what a split costs in work, which a machine
					// loaded by others shows better than the wall clock.
					if cpu := cpuTime() - cpu0; cpu > 0 {
						b.ReportMetric(flops*float64(b.N)/cpu.Seconds()/1e9, "GFLOP/cpu-s")
					}
				})
			}
		}
	}
}
