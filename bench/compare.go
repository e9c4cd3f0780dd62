package bench

// compare.go: two saved runs side by side (`dlgo bench -compare a.json
// b.json`): the machines, the tuning, the peaks, the bandwidth and the
// conditions, then every row both have, with the ratio B/A, so that two
// CPUs, two Go versions or two kernel changes can be compared. A row
// marked ~ in either run keeps its mark. It reads reports; it measures
// nothing.

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// gemmKey identifies a Gemm row across runs.
type gemmKey struct {
	s       Shape
	trans   string
	path    string
	threads int
}

// trainKey identifies a training row across runs.
type trainKey struct {
	net     string
	skip    bool
	batch   int
	threads int
}

// WriteComparison writes reports a and b (named by their files) side by
// side: a header line per property, then the Gemm and training rows in
// a's order followed by those only b has, with b's figure over a's.
func WriteComparison(w io.Writer, a, b *Report, nameA, nameB string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(what, x, y string) { fmt.Fprintf(tw, "%s\t%s\t%s\t\n", what, x, y) }
	row("", "A: "+nameA, "B: "+nameB)
	row("CPU", a.Machine.CPU, b.Machine.CPU)
	row("cores", fmt.Sprint(a.Machine.Cores), fmt.Sprint(b.Machine.Cores))
	row("caches", caches(a.Machine), caches(b.Machine))
	row("features", strings.Join(a.Machine.Features, " "), strings.Join(b.Machine.Features, " "))
	row("Go", a.Machine.GoVersion+" "+a.Machine.GOOS+"/"+a.Machine.GOARCH, b.Machine.GoVersion+" "+b.Machine.GOOS+"/"+b.Machine.GOARCH)
	row("dlgo", a.Run.DlgoVersion, b.Run.DlgoVersion)
	row("date", a.Run.Start.Format("2006-01-02 15:04 MST"), b.Run.Start.Format("2006-01-02 15:04 MST"))
	row("tuning", tuning(a.Tuning), tuning(b.Tuning))
	if a.Machine.BLAS+b.Machine.BLAS != "" {
		row("BLAS", a.Machine.BLAS, b.Machine.BLAS)
	}
	for _, th := range threadCounts(a.Peaks, b.Peaks) {
		row(fmt.Sprintf("FMA peak, %s", threadsName(th)), peakAt(a, th), peakAt(b, th))
	}
	for _, th := range bwCounts(a.Bandwidth, b.Bandwidth) {
		row(fmt.Sprintf("bandwidth, %s", threadsName(th)), bwAt(a, th), bwAt(b, th))
	}
	row("noise", noiseLine(a), noiseLine(b))
	if err := tw.Flush(); err != nil {
		return err
	}

	if len(a.Gemm)+len(b.Gemm) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "size\ttrans\tpath\tthreads\tA GFLOP/s\tB GFLOP/s\tB/A\tA % peak\tB % peak\t")
		bs := map[gemmKey]GemmResult{}
		for _, g := range b.Gemm {
			bs[gemmKey{g.Shape(), g.Trans, g.Path, g.Threads}] = g
		}
		seen := map[gemmKey]bool{}
		line := func(x, y *GemmResult) {
			g := x
			if g == nil {
				g = y
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t\n", g.Shape(), g.Trans, g.Path, g.Threads,
				gemmFig(x), gemmFig(y), ratio(x, y), peakPct(x), peakPct(y))
		}
		for i := range a.Gemm {
			k := gemmKey{a.Gemm[i].Shape(), a.Gemm[i].Trans, a.Gemm[i].Path, a.Gemm[i].Threads}
			seen[k] = true
			if y, ok := bs[k]; ok {
				line(&a.Gemm[i], &y)
			} else {
				line(&a.Gemm[i], nil)
			}
		}
		for i := range b.Gemm {
			if !seen[gemmKey{b.Gemm[i].Shape(), b.Gemm[i].Trans, b.Gemm[i].Path, b.Gemm[i].Threads}] {
				line(nil, &b.Gemm[i])
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	if len(a.Train)+len(b.Train) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "net\tdata grad\tbatch\tthreads\tA examples/s\tB examples/s\tB/A\t")
		bs := map[trainKey]TrainResult{}
		for _, t := range b.Train {
			bs[trainKey{t.Net, t.SkipDataGrad, t.Batch, t.Threads}] = t
		}
		seen := map[trainKey]bool{}
		line := func(x, y *TrainResult) {
			t := x
			if t == nil {
				t = y
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t\n", t.Net, t.gradName(), t.Batch, t.Threads,
				trainFig(x), trainFig(y), trainRatio(x, y))
		}
		for i := range a.Train {
			k := trainKey{a.Train[i].Net, a.Train[i].SkipDataGrad, a.Train[i].Batch, a.Train[i].Threads}
			seen[k] = true
			if y, ok := bs[k]; ok {
				line(&a.Train[i], &y)
			} else {
				line(&a.Train[i], nil)
			}
		}
		for i := range b.Train {
			if !seen[trainKey{b.Train[i].Net, b.Train[i].SkipDataGrad, b.Train[i].Batch, b.Train[i].Threads}] {
				line(nil, &b.Train[i])
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, "\nB/A > 1: B is faster. ~ marks a figure its run found unstable (see that run's notes).")
	return err
}

func caches(m Machine) string {
	return fmt.Sprintf("L1d %s, L2 %s, L3 %s", bytesize(m.L1D), bytesize(m.L2), bytesize(m.L3))
}

func tuning(t Tuning) string {
	var parts []string
	for _, b := range t.Blocks {
		parts = append(parts, fmt.Sprintf("%s %d×%d/%d/%d/%d", b.Path, b.MR, b.NR, b.MC, b.KC, b.NC))
	}
	if t.Source == "" {
		return "unknown"
	}
	return t.Source + ": " + strings.Join(parts, " ")
}

func threadCounts(a, b []Peak) []int {
	var out []int
	for _, p := range append(append([]Peak{}, a...), b...) {
		if !containsInt(out, p.Threads) {
			out = append(out, p.Threads)
		}
	}
	return out
}

func bwCounts(a, b []Bandwidth) []int {
	var out []int
	for _, p := range append(append([]Bandwidth{}, a...), b...) {
		if !containsInt(out, p.Threads) {
			out = append(out, p.Threads)
		}
	}
	return out
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func peakAt(r *Report, th int) string {
	for _, p := range r.Peaks {
		if p.Threads == th {
			return fmt.Sprintf("%.1f GFLOP/s", p.GFLOPS)
		}
	}
	return "—"
}

func bwAt(r *Report, th int) string {
	for _, b := range r.Bandwidth {
		if b.Threads == th {
			return fmt.Sprintf("%.1f GB/s", b.GBps)
		}
	}
	return "—"
}

func noiseLine(r *Report) string {
	n := r.Noise
	s := fmt.Sprintf("%d marked ~", n.Flagged)
	if n.Others >= 0 {
		s += fmt.Sprintf(", others %.0f%% of the CPU", 100*n.Others)
	}
	return s
}

func gemmFig(g *GemmResult) string {
	switch {
	case g == nil:
		return "—"
	case g.Err != "":
		return "refused"
	}
	return tilde(g.Unstable, g.GFLOPS, 2)
}

func peakPct(g *GemmResult) string {
	if g == nil || g.Err != "" || g.PeakFraction <= 0 {
		return ""
	}
	return fmt.Sprintf("%.0f%%", 100*g.PeakFraction)
}

func ratio(x, y *GemmResult) string {
	if x == nil || y == nil || x.Err != "" || y.Err != "" || !(x.GFLOPS > 0) {
		return ""
	}
	return tilde(x.Unstable || y.Unstable, y.GFLOPS/x.GFLOPS, 2) + "×"
}

func trainFig(t *TrainResult) string {
	switch {
	case t == nil:
		return "—"
	case t.Err != "":
		return "failed"
	}
	return tilde(t.Unstable, t.ExamplesPerSec, 0)
}

func trainRatio(x, y *TrainResult) string {
	if x == nil || y == nil || x.Err != "" || y.Err != "" || !(x.ExamplesPerSec > 0) {
		return ""
	}
	return tilde(x.Unstable || y.Unstable, y.ExamplesPerSec/x.ExamplesPerSec, 2) + "×"
}
