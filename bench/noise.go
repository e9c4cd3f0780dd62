package bench

// noise.go: deciding whether a measurement can be trusted, and saying why
// not in one line. A row is judged on its samples and on what the machine
// did meanwhile (measure.go, usage.go): a figure above the measured FMA
// peak is impossible, a wide spread means the samples disagree, and a row
// that received less CPU time than its threads asked for while other
// processes ran was sharing the cores. A judged-bad row is measured again;
// if it is still bad it keeps its figure, marked "~", with the reason. It
// does not measure anything itself.

import (
	"fmt"
	"strings"
)

// The thresholds of the judgement.
const (
	// wideIQR: the middle half of the samples spans more than this
	// fraction of the median. A quiet machine stays within a few percent.
	wideIQR = 0.10
	// starvedShare, busyOthers: the row received less than this share of
	// the CPU time its threads asked for (getrusage) while other processes
	// used at least busyOthers of the machine (/proc/stat). Both are
	// needed: a product too small to split leaves its second thread idle,
	// which is not noise.
	starvedShare = 0.90
	busyOthers   = 0.10
	// abovePeak, abovePeakMax: the median, or the fastest sample, exceeds
	// the measured FMA peak by more than this. Either is impossible; it
	// means the peak was measured while something slowed it, or the clock
	// speed changed between the two (frequency scaling).
	abovePeak    = 1.02
	abovePeakMax = 1.05
	// peakDisagree: two measurements of the peak at one thread count
	// differ by more than this fraction.
	peakDisagree = 0.05
	// retries: a bad row is measured this many more times at most.
	retries = 2
)

// verdict is the judgement of one trial.
type verdict struct {
	above, starved, wide bool
	share                float64 // CPU received / (wall × threads); -1 unknown
	s                    spread
	others, steal        float64
	peak                 float64
}

// ok reports whether nothing was wrong.
func (v verdict) ok() bool { return !v.above && !v.starved && !v.wide }

// badness orders trials from the most to the least trustworthy, to keep
// the best of several when none is clean.
func (v verdict) badness() float64 {
	b := v.s.IQR
	if v.above {
		b += 10
	}
	if v.starved {
		b += 1 + (1 - v.share)
	}
	return b
}

// judge looks at one trial of a row run at threads threads, given its rates
// (GFLOP/s or examples/s per sample). peak is the measured FMA peak at that
// thread count (0: not judged against a peak).
func judge(tr Trial, rs []float64, threads int, peak float64) verdict {
	v := verdict{s: spreadOf(rs), share: -1, others: tr.Others, steal: tr.Steal, peak: peak}
	if tr.CPU > 0 && tr.Wall > 0 {
		v.share = tr.CPU.Seconds() / (tr.Wall.Seconds() * float64(max(threads, 1)))
	}
	v.wide = len(rs) >= 4 && v.s.IQR > wideIQR
	v.starved = v.share >= 0 && v.share < starvedShare && tr.Others >= busyOthers
	v.above = peak > 0 && (v.s.Median > abovePeak*peak || v.s.Max > abovePeakMax*peak)
	return v
}

// The causes a row can be marked for, each explained once under the
// table (causeText).
const (
	causeAbove  = "above-peak"
	causeBusy   = "busy"
	causeSpread = "spread"
)

// causeText explains each cause in a line, printed once under a table
// that has rows marked for it.
var causeText = map[string]string{
	causeAbove:  "above the FMA peak: impossible, so the peak was measured while something slowed the core, or the clock speed changed between the two (frequency scaling, turbo)",
	causeBusy:   "got N% of its CPU time: the row's threads received only that share of the CPU time they asked for (getrusage) while other processes used the machine (/proc/stat): another process was using the CPU, and the figure is low",
	causeSpread: "spread ±N%: the middle half of the samples disagree by that much; with the CPU to itself the cause is frequency scaling or, on a VM, its neighbours on the host",
}

// causes lists what is wrong, in a fixed order.
func (v verdict) causes() []string {
	var c []string
	if v.above {
		c = append(c, causeAbove)
	}
	if v.starved {
		c = append(c, causeBusy)
	}
	if v.wide && !v.starved {
		c = append(c, causeSpread)
	}
	return c
}

// note is the short explanation printed beside a row still bad after its
// re-measurements: what was seen, with its figures.
func (v verdict) note() string {
	var what []string
	if v.above {
		what = append(what, fmt.Sprintf("above the FMA peak (%.1f)", v.peak))
	}
	if v.starved {
		what = append(what, fmt.Sprintf("got %.0f%% of its CPU time, others used %.0f%%", 100*v.share, 100*v.others))
	}
	if v.wide && !v.starved {
		w := fmt.Sprintf("spread ±%.0f%%", 50*v.s.IQR)
		switch {
		case v.others >= busyOthers:
			w += fmt.Sprintf(", others used %.0f%%", 100*v.others)
		case v.steal >= 0.02:
			w += fmt.Sprintf(", steal %.0f%%", 100*v.steal)
		}
		what = append(what, w)
	}
	return strings.Join(what, "; ")
}

// Noise is what a run says about the conditions it measured in.
type Noise struct {
	// LoadBefore and LoadAfter are the 1-minute load averages
	// (/proc/loadavg) at the start and end; -1 when unknown.
	LoadBefore float64 `json:"loadavg_before"`
	LoadAfter  float64 `json:"loadavg_after"`
	// CPUSeconds is the CPU time the process received during the run
	// (getrusage), WallSeconds the run's wall time.
	CPUSeconds  float64 `json:"cpu_s"`
	WallSeconds float64 `json:"wall_s"`
	// Others and Steal are the shares of the machine's CPU time (all CPUs)
	// that other processes and (on a VM) the hypervisor took during the
	// run; -1 when unknown.
	Others float64 `json:"others_share"`
	Steal  float64 `json:"steal_share"`
	// Remeasured counts the rows measured more than once, Flagged those
	// still unstable after it (marked "~").
	Remeasured int `json:"remeasured_rows"`
	Flagged    int `json:"flagged_rows"`
	// Notes are the run's warnings, one line each: peaks that disagree,
	// a busy machine.
	Notes []string `json:"notes,omitempty"`
}

// watch records the run-level counters from its start.
type watch struct {
	u    usage
	load float64
}

func startWatch() watch { return watch{u: readUsage(), load: loadAvg()} }

// finish fills n's run-level fields and adds a note when other processes
// or the hypervisor took a noticeable share of the machine.
func (w watch) finish(n *Noise, wall float64) {
	n.LoadBefore, n.LoadAfter = w.load, loadAvg()
	now := readUsage()
	var cpu = now.self - w.u.self
	_, n.Others, n.Steal = now.since(w.u, secondsDuration(wall))
	n.CPUSeconds, n.WallSeconds = cpu.Seconds(), wall
	if n.Others >= busyOthers {
		n.Notes = append(n.Notes, fmt.Sprintf("other processes used %.0f%% of this machine's CPU time during the run (load average %.1f → %.1f): rows that shared a core are marked ~", 100*n.Others, n.LoadBefore, n.LoadAfter))
	}
	if n.Steal >= 0.02 {
		n.Notes = append(n.Notes, fmt.Sprintf("the hypervisor gave %.0f%% of the CPU time to other virtual machines during the run", 100*n.Steal))
	}
}

// mostMarked adds a closing note when more than half of the rows are
// marked: the figures then describe the busy machine, not the CPU.
func (n *Noise) mostMarked(rows int) {
	if rows > 0 && 2*n.Flagged > rows {
		n.Notes = append(n.Notes, fmt.Sprintf("%d of %d rows are marked ~: the figures show how busy this machine was, not how fast its CPU is; run again when it is quiet", n.Flagged, rows))
	}
}
