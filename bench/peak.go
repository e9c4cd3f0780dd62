package bench

// peak.go: the FMA peak, the ceiling every GFLOP/s figure is set against,
// measured more than once per run — before the rows, after them, and again
// whenever a row seems to pass it — so that a peak measured while the
// machine was busy is caught rather than trusted. The probe itself is in
// package kernels.

import (
	"fmt"
	"time"
)

// Peak is the measured FMA throughput of this CPU at a thread count.
type Peak struct {
	Threads int `json:"threads"`
	// GFLOPS is the highest of the measurements: noise only ever lowers a
	// peak, so the highest is the closest to the hardware's.
	GFLOPS float64 `json:"gflops"`
	// IsPeak is false when no assembly probe runs on this build: the figure
	// is then what a pure-Go loop reaches, not the hardware's limit.
	IsPeak bool `json:"is_peak"`
	// Before and After were measured before the first row and after the
	// last; During, whenever a row came out above the peak known then.
	Before float64   `json:"before"`
	After  float64   `json:"after,omitempty"`
	During []float64 `json:"during,omitempty"`
	// Busy is set when the measurement GFLOPS comes from received less
	// CPU time than its threads asked for while other processes ran (as
	// for a row, see noise.go): the peak is then low. BusyNote says by
	// how much.
	Busy     bool   `json:"busy,omitempty"`
	BusyNote string `json:"busy_note,omitempty"`
}

// peakTime is the length of one peak measurement, the best of two probes
// of half of it each.
const peakTime = 200 * time.Millisecond

// peakBook holds the peaks of a run, measured through its Meter.
type peakBook struct {
	meter Meter
	peaks []Peak
}

// probe measures the peak at th threads: the best of two probes, and
// whether the process was starved of CPU time meanwhile.
func (b *peakBook) probe(th int) (g float64, ok bool, busy string) {
	u, t := readUsage(), time.Now()
	g1, ok := b.meter.Peak(th, peakTime/2)
	g2, _ := b.meter.Peak(th, peakTime/2)
	wall := time.Since(t)
	cpu, others, _ := readUsage().since(u, wall)
	if share := cpu.Seconds() / (wall.Seconds() * float64(th)); cpu > 0 && share < starvedShare && others >= busyOthers {
		busy = fmt.Sprintf("got %.0f%% of its CPU time while other processes used %.0f%% of the machine", 100*share, 100*others)
	}
	return max(g1, g2), ok, busy
}

// record adds a measurement g of the peak at index i. The peak is the
// highest measurement, and Busy says whether that one was starved.
func (b *peakBook) record(i int, g float64, busy string) {
	p := &b.peaks[i]
	if g >= p.GFLOPS {
		p.GFLOPS, p.Busy, p.BusyNote = g, busy != "", busy
	}
}

// before measures the peak at each thread count, before the rows.
func (b *peakBook) before(threads []int) {
	for _, th := range threads {
		g, ok, busy := b.probe(th)
		b.peaks = append(b.peaks, Peak{Threads: th, IsPeak: ok, Before: g})
		b.record(len(b.peaks)-1, g, busy)
	}
}

// after measures every peak again, after the rows.
func (b *peakBook) after() {
	for i := range b.peaks {
		g, _, busy := b.probe(b.peaks[i].Threads)
		b.peaks[i].After = g
		b.record(i, g, busy)
	}
}

// again measures the peak at th threads once more, during the rows, and
// returns the best so far.
func (b *peakBook) again(th int) float64 {
	for i := range b.peaks {
		if b.peaks[i].Threads == th {
			g, _, busy := b.probe(th)
			b.peaks[i].During = append(b.peaks[i].During, g)
			b.record(i, g, busy)
			return b.peaks[i].GFLOPS
		}
	}
	return 0
}

// best returns the best peak at th threads, 0 if unknown or not a
// hardware peak (a pure-Go loop is no ceiling for Go code).
func (b *peakBook) best(th int) float64 {
	for _, p := range b.peaks {
		if p.Threads == th && p.IsPeak {
			return p.GFLOPS
		}
	}
	return 0
}

// notes says where the measurements of the peak disagree: before and after
// the rows, or the peak on N threads far from N times one thread's.
func peakNotes(peaks []Peak) []string {
	var notes []string
	one := 0.0
	for _, p := range peaks {
		if p.Threads == 1 {
			one = p.GFLOPS
		}
	}
	for _, p := range peaks {
		lo, hi := min(p.Before, p.After), max(p.Before, p.After)
		if p.After > 0 && hi > 0 && (hi-lo)/hi > peakDisagree {
			notes = append(notes, fmt.Sprintf("the FMA peak at %s was %.1f GFLOP/s before the rows and %.1f after (%+.0f%%): the machine was busier at one end of the run; fractions of the peak use the higher",
				threadsName(p.Threads), p.Before, p.After, 100*(p.After-p.Before)/p.Before))
		}
		if p.Busy {
			notes = append(notes, fmt.Sprintf("the FMA peak at %s was measured while the machine was busy (it %s): it is low, so fractions of it are high", threadsName(p.Threads), p.BusyNote))
		}
		if p.Threads > 1 && one > 0 && p.IsPeak && p.GFLOPS < 0.8*float64(p.Threads)*one {
			notes = append(notes, fmt.Sprintf("the FMA peak at %d threads is only %.2f× the 1-thread peak: another process held a core, or the threads share cores (SMT)",
				p.Threads, p.GFLOPS/one))
		}
	}
	return notes
}
