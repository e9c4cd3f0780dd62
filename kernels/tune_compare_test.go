package kernels

import (
	"os"
	"slices"
	"testing"
	"time"
)

// TestCompareBlocks times, interleaved, the blocks of issue 12's table (a
// Zen 5's scaled to this CPU's caches), the model's, and a tuning file's
// (DLGO_COMPARE_TUNED=FILE), for the avx512 and avx2 paths this CPU has,
// at 1 and 2 threads on 512³ and 1024³: 5 rounds of 3 runs each, rated at
// 1 thread by CPU time (a loaded machine blurs it less) and by the wall
// clock ("by CPU time" at 2 threads is the wall clock). It is a measurement, not a test: it runs only
// with DLGO_COMPARE=1 and asserts nothing.
//
//	DLGO_COMPARE=1 DLGO_COMPARE_TUNED=$HOME/.cache/dlgo/tune.json \
//		go test -run CompareBlocks -v ./kernels
func TestCompareBlocks(t *testing.T) {
	if os.Getenv("DLGO_COMPARE") == "" {
		t.Skip("a measurement: set DLGO_COMPARE=1")
	}
	tuneOnce.Do(loadTuning)
	old := map[string]blocking{ // blocking_table.go before issue 13, on a 48 KiB L1, ≥ 1 MiB L2, ≥ 32 MiB L3
		"avx512": {mr: 8, nr: 24, mc: 128, kc: 192, nc: 4080},
		"avx2":   {mr: 6, nr: 8, mc: 96, kc: 256, nc: 4080},
	}
	type cfg struct{ name, path string }
	var cfgs []cfg
	paths := map[cfg]*kernelPath{}
	var tuned []*kernelPath
	if f := os.Getenv("DLGO_COMPARE_TUNED"); f != "" {
		tuned = freshPaths()
		if info := applyTuningEnv(f, tuned, CurrentTuneKey()); info.Err != nil {
			t.Fatal(info.Err)
		}
	}
	for _, name := range []string{"avx512", "avx2"} {
		p, ok := pristine[name]
		if !ok {
			continue
		}
		o := p
		o.blocking = old[name]
		if o.narrow != nil {
			n := *o.narrow
			n.blocking = withNR(o.blocking, n.nr)
			o.narrow = &n
		}
		m := p
		paths[cfg{"old table", name}], paths[cfg{"model", name}] = &o, &m
		cfgs = append(cfgs, cfg{"old table", name}, cfg{"model", name})
		for _, q := range tuned {
			if q.name == name {
				paths[cfg{"tuned", name}] = q
				cfgs = append(cfgs, cfg{"tuned", name})
			}
		}
	}
	const n = 1024
	a, b, c := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
	for i := range a {
		a[i], b[i] = float64(i%7)-3, float64(i%5)-2
	}
	type key struct {
		cfg
		n, threads int
	}
	byCPU, byWall := map[key][]float64{}, map[key][]float64{}
	for round := 0; round < 5; round++ {
		for _, sz := range []int{512, 1024} {
			for _, th := range []int{1, 2} {
				for _, cf := range cfgs {
					p := paths[cf]
					if th > 1 && p.multi != nil {
						p = p.multi
					}
					g := gemmArgs{false, false, sz, sz, sz, 1, a, sz, b, sz, 0, c, sz}
					gemmOn(p, th, g)
					for r := 0; r < 3; r++ {
						w0 := time.Now()
						c0, _ := tuneCPUTime()
						gemmOn(p, th, g)
						w := time.Since(w0).Seconds()
						c1, _ := tuneCPUTime()
						flop := 2 * float64(sz*sz*sz) / 1e9
						k := key{cf, sz, th}
						cpu := w // on more threads, a sleeping thread's CPU time stops: the wall clock
						if th == 1 {
							cpu = min(w, max((c1-c0).Seconds(), 1e-9))
						}
						byCPU[k] = append(byCPU[k], flop/cpu)
						byWall[k] = append(byWall[k], flop/w)
					}
				}
			}
		}
	}
	med := func(x []float64) float64 { y := slices.Clone(x); slices.Sort(y); return y[len(y)/2] }
	for _, cf := range cfgs {
		p := paths[cf]
		t.Logf("%-9s %-6s MC %d KC %d NC %d tile %dx%d", cf.name, cf.path, p.mc, p.kc, p.nc, p.mr, p.nr)
	}
	for _, sz := range []int{512, 1024} {
		for _, th := range []int{1, 2} {
			for _, cf := range cfgs {
				k := key{cf, sz, th}
				base := med(byCPU[key{cfg{"old table", cf.path}, sz, th}])
				t.Logf("%-6s %d thread(s) %4d³ %-9s GFLOP/s by CPU time: median %6.1f best %6.1f (%.2f× old) | by wall: median %6.1f best %6.1f",
					cf.path, th, sz, cf.name, med(byCPU[k]), slices.Max(byCPU[k]), med(byCPU[k])/base, med(byWall[k]), slices.Max(byWall[k]))
			}
		}
	}
}
