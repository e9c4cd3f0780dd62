package bench

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// fakeMeter returns scripted measurements: no test here times anything.
type fakeMeter struct {
	trial  func(n int) Trial            // the n-th call of Time (from 0)
	peak   func(n, threads int) float64 // the n-th call of Peak
	gbps   float64
	times  int
	peaks  int
	triads int
}

func (f *fakeMeter) Time(ctx context.Context, d time.Duration, minSamples int, fn func()) Trial {
	fn() // the function runs, as the real meter runs it
	t := f.trial(f.times)
	f.times++
	return t
}

func (f *fakeMeter) Peak(threads int, d time.Duration) (float64, bool) {
	g := f.peak(f.peaks, threads)
	f.peaks++
	return g, true
}

func (f *fakeMeter) Triad(threads, length int, d time.Duration) float64 {
	f.triads++
	return f.gbps * float64(threads)
}

// trialAt builds a trial whose samples give the rates (GFLOP/s) of a
// product of the given flops, with the CPU share and others' share given.
func trialAt(flops float64, gflops []float64, threads int, share, others float64) Trial {
	var tr Trial
	for _, g := range gflops {
		d := time.Duration(flops / (g * 1e9) * float64(time.Second))
		tr.Samples = append(tr.Samples, d)
		tr.Wall += d
	}
	tr.CPU = time.Duration(share * float64(threads) * float64(tr.Wall))
	tr.Others, tr.Steal = others, 0
	return tr
}

var (
	tight = []float64{10, 10.1, 9.9, 10.05, 9.95, 10, 10.02}
	wide  = []float64{10, 6, 14, 5, 15, 9, 11}
)

// oneRow runs one 16³ generic row at th threads through meter m with a
// 1-thread peak of peak1 and a 2-thread peak of twice that.
func oneRow(t *testing.T, m *fakeMeter, th int) (*Report, GemmResult) {
	t.Helper()
	cfg := GemmConfig{Shapes: []Shape{{16, 16, 16}}, Trans: []string{"NN"}, Threads: []int{th},
		Paths: []string{"generic"}, Duration: time.Millisecond, Meter: m}
	r := &Report{}
	if err := RunGemm(context.Background(), cfg, r, nil); err != nil {
		t.Fatal(err)
	}
	if len(r.Gemm) != 1 {
		t.Fatalf("%d rows, want 1", len(r.Gemm))
	}
	return r, r.Gemm[0]
}

func peakOf(g float64) func(n, th int) float64 {
	return func(n, th int) float64 { return g * float64(th) }
}

const flops16 = 2 * 16 * 16 * 16

func TestNoiseCleanRow(t *testing.T) {
	m := &fakeMeter{peak: peakOf(50), gbps: 10, trial: func(int) Trial { return trialAt(flops16, tight, 1, 1, 0.02) }}
	r, g := oneRow(t, m, 1)
	if g.Unstable || g.Trials != 1 || g.Note != "" || r.Noise.Flagged != 0 || r.Noise.Remeasured != 0 {
		t.Fatalf("clean row judged bad: %+v, noise %+v", g, r.Noise)
	}
	if !(g.GFLOPS > 9.9 && g.GFLOPS < 10.1) || g.Min > 9.91 || g.Max < 10.09 || g.Samples != len(tight) {
		t.Errorf("figures %+v, want median 10, min 9.9, max 10.1", g)
	}
	if !(g.PeakFraction > 0.19 && g.PeakFraction < 0.21) || !(g.CPUShare > 0.99) {
		t.Errorf("peak fraction %v (want 0.2), CPU share %v (want 1)", g.PeakFraction, g.CPUShare)
	}
	var tab bytes.Buffer
	r.WriteTable(&tab)
	if strings.Contains(tab.String(), "~1") || strings.Contains(tab.String(), "\n~ ") {
		t.Errorf("a clean run's table has a ~:\n%s", tab.String())
	}
}

func TestNoiseWideThenClean(t *testing.T) {
	m := &fakeMeter{peak: peakOf(50), trial: func(n int) Trial {
		if n == 0 {
			return trialAt(flops16, wide, 1, 1, 0)
		}
		return trialAt(flops16, tight, 1, 1, 0)
	}}
	r, g := oneRow(t, m, 1)
	if g.Unstable || g.Trials != 2 || r.Noise.Remeasured != 1 || r.Noise.Flagged != 0 {
		t.Fatalf("a row clean on its second trial: %+v, noise %+v", g, r.Noise)
	}
	if g.Min < 9.8 {
		t.Errorf("kept the wide trial: %+v", g)
	}
}

func TestNoiseWideStays(t *testing.T) {
	m := &fakeMeter{peak: peakOf(50), trial: func(int) Trial { return trialAt(flops16, wide, 1, 1, 0) }}
	r, g := oneRow(t, m, 1)
	if !g.Unstable || g.Trials != 1+retries || !strings.Contains(g.Note, "spread ±") || len(g.Causes) != 1 || g.Causes[0] != causeSpread {
		t.Fatalf("a row wide on every trial: %+v", g)
	}
	if r.Noise.Flagged != 1 {
		t.Errorf("noise %+v, want 1 flagged", r.Noise)
	}
	var tab bytes.Buffer
	r.WriteTable(&tab)
	for _, want := range []string{"~10.00", "~ spread ±", "~ " + causeText[causeSpread]} {
		if !strings.Contains(tab.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, tab.String())
		}
	}
}

func TestNoiseBusy(t *testing.T) {
	// Two threads that got half the CPU time while others used half the
	// machine: marked. The same share with the machine otherwise idle is
	// a product too small to split: not noise.
	m := &fakeMeter{peak: peakOf(50), trial: func(int) Trial { return trialAt(flops16, tight, 2, 0.5, 0.5) }}
	_, g := oneRow(t, m, 2)
	if !g.Unstable || g.Causes[0] != causeBusy || !strings.Contains(g.Note, "got 50% of its CPU time, others used 50%") {
		t.Fatalf("a starved row: %+v", g)
	}
	m = &fakeMeter{peak: peakOf(50), trial: func(int) Trial { return trialAt(flops16, tight, 2, 0.5, 0.01) }}
	if _, g := oneRow(t, m, 2); g.Unstable {
		t.Fatalf("an idle second thread judged as noise: %+v", g)
	}
}

func TestNoiseAbovePeak(t *testing.T) {
	// The peak probe says 8 GFLOP/s at first; the row runs at 10. The
	// peak is measured again at once: if it stays low the row is marked,
	// if it rises the row stands.
	m := &fakeMeter{peak: peakOf(8), trial: func(int) Trial { return trialAt(flops16, tight, 1, 1, 0) }}
	r, g := oneRow(t, m, 1)
	if !g.Unstable || g.Causes[0] != causeAbove || len(r.Peaks[0].During) == 0 {
		t.Fatalf("a row above the peak: %+v, peaks %+v", g, r.Peaks)
	}
	m = &fakeMeter{trial: func(int) Trial { return trialAt(flops16, tight, 1, 1, 0) },
		peak: func(n, th int) float64 {
			if n < 2 { // the two probes before the rows
				return 8
			}
			return 12
		}}
	r, g = oneRow(t, m, 1)
	if g.Unstable || r.Peaks[0].GFLOPS != 12 || r.Peaks[0].Before != 8 {
		t.Fatalf("a row under the re-measured peak: %+v, peaks %+v", g, r.Peaks)
	}
	notes := strings.Join(r.Noise.Notes, "\n")
	if !strings.Contains(notes, "was 8.0 GFLOP/s before the rows and 12.0 after") {
		t.Errorf("the peaks' disagreement is not reported: %q", notes)
	}
}

func TestPeakNotes(t *testing.T) {
	notes := peakNotes([]Peak{
		{Threads: 1, GFLOPS: 50, IsPeak: true, Before: 50, After: 49},
		{Threads: 2, GFLOPS: 60, IsPeak: true, Before: 60, After: 59, Busy: true, BusyNote: "got 60%"},
	})
	all := strings.Join(notes, "\n")
	if len(notes) != 2 || !strings.Contains(all, "only 1.20× the 1-thread peak") || !strings.Contains(all, "measured while the machine was busy (it got 60%)") {
		t.Fatalf("notes %q", notes)
	}
	if n := peakNotes([]Peak{{Threads: 1, GFLOPS: 50, IsPeak: true, Before: 50, After: 50}, {Threads: 2, GFLOPS: 99, IsPeak: true, Before: 99, After: 98}}); len(n) != 0 {
		t.Errorf("agreeing peaks gave notes %q", n)
	}
}

func TestTrainNoise(t *testing.T) {
	calls := 0
	m := &fakeMeter{trial: func(int) Trial {
		calls++
		return trialAt(1e9*8, []float64{1000, 400, 1600, 500, 1500, 900}, 1, 1, 0)
	}}
	r := &Report{}
	cfg := TrainConfig{Nets: []string{"20-8-3"}, Batch: 8, Threads: []int{1}, Duration: time.Millisecond, Meter: m}
	if err := RunTrain(context.Background(), cfg, r, nil); err != nil {
		t.Fatal(err)
	}
	tr := r.Train[0]
	if !tr.Unstable || tr.Trials != 1+retries || calls != 1+retries || r.Noise.Flagged != 1 || !strings.Contains(tr.Note, "spread") {
		t.Fatalf("a wide training row: %+v, noise %+v", tr, r.Noise)
	}
	if !(tr.ExamplesPerSec > 900 && tr.ExamplesPerSec < 1100) {
		t.Errorf("examples/s %v, want about 1000 (8 examples per %v)", tr.ExamplesPerSec, time.Duration(8e9/1000))
	}
	var tab bytes.Buffer
	r.WriteTable(&tab)
	if !strings.Contains(tab.String(), "~") || !strings.Contains(tab.String(), causeText[causeSpread]) {
		t.Errorf("table does not mark the row:\n%s", tab.String())
	}
}

func TestSpreadOf(t *testing.T) {
	s := spreadOf([]float64{4, 1, 3, 2, 5})
	if s.Median != 3 || s.Min != 1 || s.Max != 5 || s.IQR != 2.0/3 {
		t.Fatalf("spreadOf = %+v", s)
	}
	if s := spreadOf(nil); s != (spread{}) {
		t.Fatalf("spreadOf(nil) = %+v", s)
	}
}

func TestUsageSince(t *testing.T) {
	// Two CPUs at 100 jiffies a second for 1 s: 200 jiffies; this process
	// took 0.5 s (50 jiffies), the machine was busy for 150: others 100.
	b := usage{self: 0, busy: 1000, all: 5000, steal: 10, haveSystem: true}
	u := usage{self: 500 * time.Millisecond, busy: 1150, all: 5200, steal: 20, haveSystem: true}
	cpu, others, steal := u.sinceOn(b, time.Second, 2)
	if cpu != 500*time.Millisecond || others != 0.5 || steal != 10.0/200 {
		t.Fatalf("since = %v, %v, %v", cpu, others, steal)
	}
	if _, o, s := u.since(usage{self: 0}, time.Second); o != -1 || s != -1 {
		t.Errorf("unknown system counters gave %v, %v", o, s)
	}
}
