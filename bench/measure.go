package bench

// measure.go: timing a function, and what the machine did meanwhile. Every
// figure bench prints comes through a Meter, so that a test can inject the
// measurements (a wide spread, a starved CPU, a figure above the peak) and
// check how they are judged, without timing anything. It does not judge:
// that is noise.go.

import (
	"context"
	"slices"
	"time"
)

// A Trial is one measurement of a function: the time per call of each
// sample, and what the process and the machine did while it ran.
type Trial struct {
	Samples []time.Duration // time per call, one entry per sample
	Wall    time.Duration   // wall time of all the samples
	// CPU is the CPU time this process received meanwhile (getrusage:
	// user + system, all threads); 0 when the system cannot say.
	CPU time.Duration
	// Others is the share of the machine's CPU time (all CPUs) that other
	// processes used meanwhile, from /proc/stat; -1 when unknown.
	Others float64
	// Steal is the share of the machine's CPU time the hypervisor gave to
	// other virtual machines (/proc/stat's steal); -1 when unknown.
	Steal float64
}

// A Meter takes every measurement a benchmark run makes. SystemMeter is
// the real one; tests inject others.
type Meter interface {
	// Time calls f repeatedly for about d (at least minSamples samples of
	// one or more calls each). The caller has already called f once, so
	// caches and buffers are warm.
	Time(ctx context.Context, d time.Duration, minSamples int, f func()) Trial
	// Peak measures the FMA peak at threads goroutines for about d.
	Peak(threads int, d time.Duration) (gflops float64, isPeak bool)
	// Triad measures the memory bandwidth at threads goroutines for about
	// d, in GB/s, over arrays of the given length (triad.go).
	Triad(threads, length int, d time.Duration) float64
}

// SystemMeter measures with the clock, getrusage and /proc.
type SystemMeter struct{}

// Time implements Meter: samples of as many calls as fill about a
// twentieth of d each, so that the clock's resolution stays out of small
// products and a stray interruption spoils one sample of twenty. The first
// sample is one call, which also sizes the others (f is warm already).
func (SystemMeter) Time(ctx context.Context, d time.Duration, minSamples int, f func()) Trial {
	var tr Trial
	before := readUsage()
	start := time.Now()
	calls := 1
	for len(tr.Samples) < minSamples || time.Since(start) < d {
		if ctx.Err() != nil {
			break
		}
		t := time.Now()
		for i := 0; i < calls; i++ {
			f()
		}
		el := time.Since(t)
		tr.Samples = append(tr.Samples, el/time.Duration(calls))
		if len(tr.Samples) == 1 {
			calls = max(1, int((d/20)/max(el, time.Nanosecond)))
		}
	}
	tr.Wall = time.Since(start)
	tr.CPU, tr.Others, tr.Steal = readUsage().since(before, tr.Wall)
	return tr
}

// Peak implements Meter with the kernels' FMA probe.
func (SystemMeter) Peak(threads int, d time.Duration) (float64, bool) { return fmaPeak(threads, d) }

// Triad implements Meter with the STREAM-like triad of triad.go.
func (SystemMeter) Triad(threads, length int, d time.Duration) float64 {
	return triad(threads, length, d)
}

// spread summarises rates (one per sample, any order): the median, the
// slowest and fastest, and the interquartile range over the median, the
// width of the middle half of the samples, which one stray sample does not
// move.
type spread struct {
	Median, Min, Max, IQR float64
}

func spreadOf(rates []float64) spread {
	if len(rates) == 0 {
		return spread{}
	}
	r := slices.Clone(rates)
	slices.Sort(r)
	q := func(p float64) float64 { // linear interpolation between ranks
		x := p * float64(len(r)-1)
		i := int(x)
		if i+1 >= len(r) {
			return r[len(r)-1]
		}
		return r[i] + (x-float64(i))*(r[i+1]-r[i])
	}
	s := spread{Median: q(0.5), Min: r[0], Max: r[len(r)-1]}
	if s.Median > 0 {
		s.IQR = (q(0.75) - q(0.25)) / s.Median
	}
	return s
}

// rates converts times per call into rates: work / seconds / 1e9 (GFLOP/s
// for work in flops).
func rates(samples []time.Duration, work float64) []float64 {
	r := make([]float64, len(samples))
	for i, s := range samples {
		r[i] = work / max(s.Seconds(), 1e-12) / 1e9
	}
	return r
}
