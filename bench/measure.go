package bench

import (
	"context"
	"slices"
	"time"
)

// measure times f: one untimed warm-up call, then samples of as many calls
// as fill about a twentieth of d each, until d has passed and at least
// minSamples samples are in (or ctx is cancelled). It returns the time per
// call of each sample. Timing whole samples rather than single calls keeps
// the clock's resolution out of small products; the caller takes the
// median, which a stray interruption does not move.
func measure(ctx context.Context, d time.Duration, minSamples int, f func()) []time.Duration {
	t0 := time.Now()
	f()
	one := max(time.Since(t0), time.Nanosecond)
	calls := max(1, int((d/20)/one))
	var samples []time.Duration
	start := time.Now()
	for len(samples) < minSamples || time.Since(start) < d {
		if ctx.Err() != nil {
			break
		}
		t := time.Now()
		for i := 0; i < calls; i++ {
			f()
		}
		samples = append(samples, time.Since(t)/time.Duration(calls))
	}
	return samples
}

// stats returns the median, minimum and maximum of rate(sample) over the
// samples (for GFLOP/s, the fastest sample gives the maximum).
func stats(samples []time.Duration, rate func(time.Duration) float64) (median, lo, hi float64) {
	if len(samples) == 0 {
		return 0, 0, 0
	}
	r := make([]float64, len(samples))
	for i, s := range samples {
		r[i] = rate(s)
	}
	slices.Sort(r)
	n := len(r)
	median = r[n/2]
	if n%2 == 0 {
		median = (r[n/2-1] + r[n/2]) / 2
	}
	return median, r[0], r[n-1]
}
