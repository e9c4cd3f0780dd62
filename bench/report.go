package bench

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Report is everything one `dlgo bench` run measured, with the machine it
// ran on, so that reports from different machines can be compared.
type Report struct {
	Machine Machine       `json:"machine"`
	Peaks   []Peak        `json:"peaks"`
	Gemm    []GemmResult  `json:"gemm,omitempty"`
	Train   []TrainResult `json:"train,omitempty"`
}

// Formats lists the output formats Write accepts.
var Formats = []string{"table", "csv", "json"}

// Write writes the report as a text table, CSV or JSON.
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "table":
		return r.WriteTable(w)
	case "csv":
		return r.WriteCSV(w)
	case "json":
		return r.WriteJSON(w)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// WriteJSON writes the report as one indented JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteHeader writes the machine description and the peaks, as the table
// format begins.
func (r *Report) WriteHeader(w io.Writer) error {
	m := r.Machine
	var b strings.Builder
	fmt.Fprintf(&b, "CPU:      %s (%d cores, %d hardware threads, GOMAXPROCS %d)\n", m.CPU, m.Cores, m.Logical, m.GOMAXPROCS)
	fmt.Fprintf(&b, "System:   %s %s/%s\n", m.GoVersion, m.GOOS, m.GOARCH)
	fmt.Fprintf(&b, "Features: %s\n", strings.Join(m.Features, " "))
	fmt.Fprintf(&b, "Caches:   L1d %s, L2 %s, L3 %s\n", bytesize(m.L1D), bytesize(m.L2), bytesize(m.L3))
	fmt.Fprintf(&b, "Kernel:   %s (available: %s); tile %d×%d, MC %d, KC %d, NC %d\n",
		m.Path, strings.Join(m.Paths, ", "), m.MR, m.NR, m.MC, m.KC, m.NC)
	for _, p := range r.Peaks {
		note := "measured FMA peak"
		if !p.IsPeak {
			note = "pure-Go loop, not the hardware peak"
		}
		fmt.Fprintf(&b, "Peak:     %.1f GFLOP/s at %d thread(s) (%s)\n", p.GFLOPS, p.Threads, note)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func bytesize(n int) string {
	switch {
	case n <= 0:
		return "?"
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// WriteTable writes the header, then a table of the Gemm rows and one of
// the training rows.
func (r *Report) WriteTable(w io.Writer) error {
	if err := r.WriteHeader(w); err != nil {
		return err
	}
	if len(r.Gemm) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, GemmTableHeader)
		for _, g := range r.Gemm {
			fmt.Fprintln(tw, g.TableRow())
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(r.Train) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, TrainTableHeader)
		for _, t := range r.Train {
			fmt.Fprintln(tw, t.TableRow())
		}
		return tw.Flush()
	}
	return nil
}

// GemmTableHeader is the header line of the Gemm table (tab-separated).
const GemmTableHeader = "size\ttrans\tpath\tthreads\tGFLOP/s\tmin–max\t% peak\tgonum\t× gonum\t"

// TableRow formats the row for the Gemm table (tab-separated).
func (g GemmResult) TableRow() string {
	if g.Err != "" {
		return fmt.Sprintf("%s\t%s\t%s\t%d\t—\t\t\t\t\tREFUSED: %s", g.Shape(), g.Trans, g.Path, g.Threads, g.Err)
	}
	peak, gonum, vs := "", "", ""
	if g.PeakFraction > 0 {
		peak = fmt.Sprintf("%.0f%%", 100*g.PeakFraction)
	}
	if g.Gonum > 0 {
		gonum = fmt.Sprintf("%.2f", g.Gonum)
		vs = fmt.Sprintf("%.1f×", g.VsGonum)
	}
	return fmt.Sprintf("%s\t%s\t%s\t%d\t%.2f\t%.1f–%.1f\t%s\t%s\t%s\t",
		g.Shape(), g.Trans, g.Path, g.Threads, g.GFLOPS, g.Min, g.Max, peak, gonum, vs)
}

// WriteCSV writes the Gemm rows, then (after a blank line) the training
// rows, each row carrying the machine's CPU, core count and Go version.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	m := r.Machine
	machine := []string{m.CPU, strconv.Itoa(m.Cores), m.GoVersion, m.GOARCH}
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
	peaks := peakMap(r.Peaks)
	if len(r.Gemm) > 0 {
		cw.Write([]string{"cpu", "cores", "go", "arch", "m", "n", "k", "trans", "path", "threads",
			"gflops", "gflops_min", "gflops_max", "peak_gflops", "peak_fraction", "gonum_gflops", "speedup_vs_gonum", "error"})
		for _, g := range r.Gemm {
			cw.Write(append(append([]string{}, machine...),
				strconv.Itoa(g.M), strconv.Itoa(g.N), strconv.Itoa(g.K), g.Trans, g.Path, strconv.Itoa(g.Threads),
				f(g.GFLOPS), f(g.Min), f(g.Max), f(peaks[g.Threads]), f(g.PeakFraction), f(g.Gonum), f(g.VsGonum), g.Err))
		}
	}
	if len(r.Train) > 0 {
		if len(r.Gemm) > 0 {
			cw.Flush()
			fmt.Fprintln(w)
		}
		cw.Write([]string{"cpu", "cores", "go", "arch", "net", "skip_data_grad", "batch", "threads",
			"examples_per_s", "s_per_epoch", "allocs_per_step", "error"})
		for _, t := range r.Train {
			cw.Write(append(append([]string{}, machine...),
				t.Net, strconv.FormatBool(t.SkipDataGrad), strconv.Itoa(t.Batch), strconv.Itoa(t.Threads),
				f(t.ExamplesPerSec), f(t.SecondsPerEpoch), f(t.AllocsPerStep), t.Err))
		}
	}
	cw.Flush()
	return cw.Error()
}
