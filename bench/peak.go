package bench

import (
	"context"
	"time"

	"dlgo/kernels"
)

// Peak is the measured FMA throughput of this CPU at a thread count: the
// ceiling no float64 kernel can pass.
type Peak struct {
	Threads int     `json:"threads"`
	GFLOPS  float64 `json:"gflops"`
	// IsPeak is false when no assembly probe runs on this build: the figure
	// is then what a pure-Go loop reaches, not the hardware's limit.
	IsPeak bool `json:"is_peak"`
}

// MeasurePeaks measures the FMA peak at each thread count, best of three
// runs of about d/3 (the figure is a maximum, so noise only lowers it).
func MeasurePeaks(ctx context.Context, threads []int, d time.Duration) []Peak {
	var out []Peak
	for _, th := range threads {
		p := Peak{Threads: th}
		for i := 0; i < 3 && ctx.Err() == nil; i++ {
			g, ok := kernels.PeakGFLOPS(th, d/3)
			p.GFLOPS, p.IsPeak = max(p.GFLOPS, g), ok
		}
		out = append(out, p)
	}
	return out
}

// peakMap indexes peaks by thread count.
func peakMap(peaks []Peak) map[int]float64 {
	m := make(map[int]float64, len(peaks))
	for _, p := range peaks {
		m[p.Threads] = p.GFLOPS
	}
	return m
}
