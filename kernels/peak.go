// peak.go: the FMA-throughput probe, the denominator of every "fraction
// of peak" dlgo reports. The loops themselves are assembly (peak_amd64.s,
// peak_arm64.s); timing, threads and the pure-Go fallback are here. It
// measures the core, not Gemm: no memory traffic at all.

package kernels

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// PeakGFLOPS measures this CPU's floating-point throughput with threads
// goroutines for about d, in GFLOP/s (an FMA counts as 2 flops): each
// goroutine, locked to an OS thread, runs a loop of at least 12 independent
// chains of vector float64 FMAs, enough to keep every FMA pipe busy despite
// the FMA latency (latency × pipes ≤ chains). It uses the widest vector FMA
// that this CPU and build can run: 512-bit zmm with AVX-512, 256-bit ymm with
// AVX2+FMA, 128-bit NEON on arm64. That is the ceiling no float64 kernel can
// pass, and Gemm's GFLOP/s divided by it is the fraction of peak reached.
//
// isPeak is false when this build has no assembly for the CPU (the purego
// tag, another architecture, or an x86 without FMA): the figure then comes
// from a pure-Go loop of independent multiply-adds and is only what Go code
// reaches, not the hardware's peak.
//
// threads < 1 counts as 1; d ≤ 0 as 100 ms. The figure is noisy when other
// work shares the cores: take the best of a few calls.
func PeakGFLOPS(threads int, d time.Duration) (gflops float64, isPeak bool) {
	probes := archProbes()
	if len(probes) == 0 {
		return measurePeak(goProbe, threads, d), false
	}
	return measurePeak(probes[0], threads, d), true
}

// PathPeakGFLOPS is PeakGFLOPS with the vector width of the named kernel
// path (see Paths): the ceiling of that path's microkernel, which for avx2
// on a CPU with full-width AVX-512 is half of PeakGFLOPS. For "generic",
// and for a path this CPU or build cannot run, it measures the pure-Go loop
// and isPeak is false.
func PathPeakGFLOPS(path string, threads int, d time.Duration) (gflops float64, isPeak bool) {
	for _, p := range archProbes() {
		if p.name == path {
			return measurePeak(p, threads, d), true
		}
	}
	return measurePeak(goProbe, threads, d), false
}

// peakProbe is a loop of independent FMA chains: run(n) does n iterations
// of flops floating-point operations each.
type peakProbe struct {
	name  string
	flops float64
	run   func(n int)
}

// goProbe is the pure-Go fallback: 12 independent chains of x = x·m + a,
// 2 flops each per iteration.
var goProbe = peakProbe{name: "generic", flops: 24, run: func(n int) { peakSink.Store(math.Float64bits(fmaChainsGo(n))) }}

// peakSink keeps the Go loop's result alive so the compiler cannot drop it;
// atomic, since every thread of the probe writes it.
var peakSink atomic.Uint64

// fmaChainsGo runs n iterations of 12 independent multiply-add chains. The
// multiplier and addend keep the values bounded (x → a/(1−m) = 1), so no
// chain ever reaches a subnormal or infinity, which would slow it down.
func fmaChainsGo(n int) float64 {
	const m, a = 0.5, 0.5
	x0, x1, x2, x3, x4, x5 := 0.1, 0.2, 0.3, 0.4, 0.5, 0.6
	x6, x7, x8, x9, x10, x11 := 0.7, 0.8, 0.9, 1.0, 1.1, 1.2
	for i := 0; i < n; i++ {
		x0, x1, x2, x3, x4, x5 = x0*m+a, x1*m+a, x2*m+a, x3*m+a, x4*m+a, x5*m+a
		x6, x7, x8, x9, x10, x11 = x6*m+a, x7*m+a, x8*m+a, x9*m+a, x10*m+a, x11*m+a
	}
	return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11
}

// measurePeak runs p on threads goroutines, each locked to an OS thread,
// in chunks of about a millisecond until d has passed, and returns the
// total flops over the wall time, in GFLOP/s.
func measurePeak(p peakProbe, threads int, d time.Duration) float64 {
	threads = max(threads, 1)
	if d <= 0 {
		d = 100 * time.Millisecond
	}
	// Calibrate a chunk of about 1 ms, so that the clock is read rarely.
	n := 1 << 10
	for {
		t := time.Now()
		p.run(n)
		if el := time.Since(t); el > 200*time.Microsecond || n > 1<<30 {
			n = max(1, int(float64(n)*float64(time.Millisecond)/float64(max(el, 1))))
			break
		}
		n *= 4
	}
	iters := make([]int, threads)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			// At least one chunk each: a goroutine started late (a loaded
			// machine, an emulator) must not count for nothing.
			for first := true; first || time.Since(start) < d; first = false {
				p.run(n)
				iters[i] += n
			}
		}()
	}
	wg.Wait()
	el := time.Since(start).Seconds()
	total := 0
	for _, it := range iters {
		total += it
	}
	return float64(total) * p.flops / el / 1e9
}
