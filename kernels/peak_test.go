package kernels

import (
	"math"
	"runtime"
	"testing"
	"time"
)

// TestPeakGFLOPS checks that the probes run and give a positive figure (how
// large depends on the machine and its load: no timed assertion).
func TestPeakGFLOPS(t *testing.T) {
	g, isPeak := PeakGFLOPS(1, 20*time.Millisecond)
	wantPeak := len(archProbes()) > 0
	if !(g > 0) || math.IsInf(g, 0) || isPeak != wantPeak {
		t.Fatalf("PeakGFLOPS(1) = %v, %v; want > 0, %v", g, isPeak, wantPeak)
	}
	for _, p := range append(archProbes(), goProbe) {
		g, isPeak := PathPeakGFLOPS(p.name, 2, 10*time.Millisecond)
		if !(g > 0) || math.IsInf(g, 0) || isPeak != (p.name != "generic") {
			t.Errorf("PathPeakGFLOPS(%q, 2) = %v, %v", p.name, g, isPeak)
		}
	}
	if g, isPeak := PathPeakGFLOPS("no-such-path", 1, time.Millisecond); isPeak || !(g > 0) {
		t.Errorf("PathPeakGFLOPS(unknown) = %v, %v; want the Go loop, false", g, isPeak)
	}
	t.Logf("peak %.1f GFLOP/s on 1 thread (isPeak %v)", g, isPeak)
}

// BenchmarkPeak reports the probes' GFLOP/s at the -cpu thread count, so
// BenchmarkGemm's figures can be read as fractions of it.
//
//	go test -run '^$' -bench Peak -cpu 1,2 ./kernels
func BenchmarkPeak(b *testing.B) {
	for _, p := range append(archProbes(), goProbe) {
		b.Run(p.name, func(b *testing.B) {
			sum, runs := 0.0, 0
			for b.Loop() {
				sum += measurePeak(p, runtime.GOMAXPROCS(0), 50*time.Millisecond)
				runs++
			}
			b.ReportMetric(sum/float64(runs), "GFLOP/s")
		})
	}
}
