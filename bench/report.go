package bench

// report.go: a run's report and its text, CSV and JSON forms. The JSON
// form keeps everything needed to compare two runs later (compare.go):
// the machine, the tuning in use, the peaks, the bandwidth, the noise, and
// every row with its spread and its flags.

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is everything one `dlgo bench` run measured, with the machine it
// ran on, so that reports from different machines can be compared.
type Report struct {
	Run       RunInfo       `json:"run"`
	Machine   Machine       `json:"machine"`
	Tuning    Tuning        `json:"tuning"`
	Peaks     []Peak        `json:"peaks,omitempty"`
	Bandwidth []Bandwidth   `json:"bandwidth,omitempty"`
	Noise     Noise         `json:"noise"`
	Plan      *Plan         `json:"plan,omitempty"`
	Gemm      []GemmResult  `json:"gemm,omitempty"`
	Train     []TrainResult `json:"train,omitempty"`
}

// RunInfo says when and how a report was made.
type RunInfo struct {
	Start       time.Time `json:"start"`
	Command     string    `json:"command"`
	DlgoVersion string    `json:"dlgo_version"`
	WallSeconds float64   `json:"wall_s"`
}

// NewReport starts a report for the command line given: the time, the
// machine, dlgo's version and the tuning in use.
func NewReport(command string) *Report {
	return &Report{
		Run:     RunInfo{Start: time.Now().UTC().Truncate(time.Second), Command: command, DlgoVersion: Version()},
		Machine: DescribeMachine(),
		Tuning:  CurrentTuning(),
		Noise:   Noise{LoadBefore: -1, LoadAfter: -1, Others: -1, Steal: -1},
	}
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

// ReadReport parses a report written by WriteJSON, and refuses one that
// lacks the machine or has rows without a size, naming the file.
func ReadReport(data []byte, name string) (*Report, error) {
	var r Report
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&r); err != nil {
		var se *json.SyntaxError
		if asSyntax(err, &se) {
			return nil, fmt.Errorf("%s: not a dlgo bench JSON report: %v (at byte %d)", name, err, se.Offset)
		}
		return nil, fmt.Errorf("%s: not a dlgo bench JSON report: %v", name, err)
	}
	if r.Machine.CPU == "" {
		return nil, fmt.Errorf("%s: no machine description (\"machine\".\"cpu\"): not a dlgo bench JSON report", name)
	}
	for i, g := range r.Gemm {
		if g.M < 1 || g.N < 1 || g.K < 1 || g.Path == "" || g.Threads < 1 {
			return nil, fmt.Errorf("%s: gemm row %d has no size, path or thread count", name, i)
		}
	}
	for i, t := range r.Train {
		if t.Net == "" || t.Threads < 1 {
			return nil, fmt.Errorf("%s: train row %d has no net or thread count", name, i)
		}
	}
	return &r, nil
}

// WriteHeader writes the machine, the tuning, the peaks, the bandwidth and
// the run's conditions, as the table format begins.
func (r *Report) WriteHeader(w io.Writer) error {
	m := r.Machine
	var b strings.Builder
	fmt.Fprintf(&b, "CPU:      %s (%d cores, %d hardware threads, GOMAXPROCS %d)\n", m.CPU, m.Cores, m.Logical, m.GOMAXPROCS)
	fmt.Fprintf(&b, "System:   %s %s/%s, dlgo %s\n", m.GoVersion, m.GOOS, m.GOARCH, r.Run.DlgoVersion)
	fmt.Fprintf(&b, "Features: %s\n", strings.Join(m.Features, " "))
	fmt.Fprintf(&b, "Caches:   L1d %s, L2 %s, L3 %s\n", bytesize(m.L1D), bytesize(m.L2), bytesize(m.L3))
	fmt.Fprintf(&b, "Kernel:   %s (available: %s)\n", m.Path, strings.Join(m.Paths, ", "))
	if m.BLAS != "" {
		fmt.Fprintf(&b, "BLAS:     %s\n", m.BLAS)
	}
	var blocks []string
	for _, bl := range r.Tuning.Blocks {
		blocks = append(blocks, fmt.Sprintf("%s %d×%d MC %d KC %d NC %d", bl.Path, bl.MR, bl.NR, bl.MC, bl.KC, bl.NC))
	}
	if len(blocks) > 0 {
		fmt.Fprintf(&b, "Blocks:   %s (%s)\n", strings.Join(blocks, "; "), r.Tuning.Source)
	}
	for _, p := range r.Peaks {
		note := "measured FMA peak"
		if !p.IsPeak {
			note = "pure-Go loop, not the hardware peak"
		}
		again := ""
		if p.After > 0 {
			again = fmt.Sprintf("; before the rows %.1f, after %.1f", p.Before, p.After)
		}
		busy := ""
		if p.Busy {
			busy = " ~ measured while the machine was busy"
		}
		fmt.Fprintf(&b, "Peak:     %.1f GFLOP/s at %s (%s%s)%s\n", p.GFLOPS, threadsName(p.Threads), note, again, busy)
	}
	for _, bw := range r.Bandwidth {
		ridge := ""
		if p := (&peakBook{peaks: r.Peaks}).best(bw.Threads); p > 0 && bw.GBps > 0 {
			ridge = fmt.Sprintf("; ridge point %.1f flop/byte", p/bw.GBps)
		}
		busy := ""
		if bw.Busy {
			busy = " ~ measured while the machine was busy"
		}
		fmt.Fprintf(&b, "Memory:   %.1f GB/s at %s (triad, 3 × %s%s)%s\n", bw.GBps, threadsName(bw.Threads), bytesize(bw.ArrayBytes), ridge, busy)
	}
	if r.Run.WallSeconds > 0 {
		fmt.Fprintf(&b, "Run:      %s, %.1f s", r.Run.Start.Format("2006-01-02 15:04 MST"), r.Run.WallSeconds)
		if p := r.Plan; p != nil {
			fmt.Fprintf(&b, " (budget %.0f s, %.2f s a row", p.BudgetSeconds, p.RowSeconds)
			b.WriteString(")")
		}
		b.WriteString("\n")
		if p := r.Plan; p != nil && len(p.Dropped)+len(p.Skipped) > 0 {
			var left []string
			for _, d := range p.Dropped {
				left = append(left, "every path on "+d)
			}
			left = append(left, p.Skipped...)
			fmt.Fprintf(&b, "Left out: %s (too slow for the budget; -full measures them)\n", strings.Join(left, "; "))
		}
	}
	n := r.Noise
	if n.WallSeconds > 0 {
		fmt.Fprintf(&b, "Noise:    %s; %s measured again, %d marked ~\n", n.conditions(), plural(n.Remeasured, "row"), n.Flagged)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// conditions describes the machine's load during the run in a phrase.
func (n Noise) conditions() string {
	var parts []string
	if n.LoadBefore >= 0 {
		parts = append(parts, fmt.Sprintf("load average %.2f → %.2f", n.LoadBefore, n.LoadAfter))
	}
	if n.Others >= 0 {
		parts = append(parts, fmt.Sprintf("other processes %.0f%% of the CPU time", 100*n.Others))
	}
	if n.Steal >= 0 {
		parts = append(parts, fmt.Sprintf("steal %.0f%%", 100*n.Steal))
	}
	if n.WallSeconds > 0 {
		parts = append(parts, fmt.Sprintf("this process %.1f CPU-s in %.1f s", n.CPUSeconds, n.WallSeconds))
	}
	return strings.Join(parts, ", ")
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
// the training rows, then the notes: each row marked ~ with its reason,
// and the run's warnings.
func (r *Report) WriteTable(w io.Writer) error {
	if err := r.WriteHeader(w); err != nil {
		return err
	}
	causes := map[string]bool{}
	if len(r.Gemm) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		withBLAS := slices.ContainsFunc(r.Gemm, func(g GemmResult) bool { return g.VsBLAS > 0 })
		if withBLAS {
			fmt.Fprintln(tw, GemmTableHeaderBLAS)
		} else {
			fmt.Fprintln(tw, GemmTableHeader)
		}
		for _, g := range r.Gemm {
			fmt.Fprintln(tw, g.tableRow(withBLAS))
			for _, c := range g.Causes {
				causes[c] = true
			}
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
			for _, c := range t.Causes {
				causes[c] = true
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	var notes []string
	for _, c := range []string{causeAbove, causeBusy, causeSpread} {
		if causes[c] {
			notes = append(notes, "~ "+causeText[c])
		}
	}
	notes = append(notes, r.Noise.Notes...)
	if len(notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range notes {
			fmt.Fprintln(w, n)
		}
	}
	return nil
}

// GemmTableHeader is the header line of the Gemm table (tab-separated).
const GemmTableHeader = "size\ttrans\tpath\tthreads\tGFLOP/s\tmin–max\t% peak\t× gonum\t"

// GemmTableHeaderBLAS is GemmTableHeader with the speed-up over the
// blas path, for a run that measured it.
const GemmTableHeaderBLAS = GemmTableHeader + "× blas\t"

// TableRow formats the row for the Gemm table (tab-separated); an
// unstable row's figure is marked "~".
func (g GemmResult) TableRow() string { return g.tableRow(false) }

// tableRow is TableRow, with the column of GemmTableHeaderBLAS if withBLAS.
func (g GemmResult) tableRow(withBLAS bool) string {
	blas := ""
	if withBLAS {
		blas = "\t"
		if g.VsBLAS > 0 {
			blas = fmt.Sprintf("%.2f×\t", g.VsBLAS)
		}
	}
	if g.Err != "" {
		return fmt.Sprintf("%s\t%s\t%s\t%d\t—\t\t\t\t%sREFUSED: %s", g.Shape(), g.Trans, g.Path, g.Threads, blas, g.Err)
	}
	peak, vs := "", ""
	if g.PeakFraction > 0 {
		peak = fmt.Sprintf("%.0f%%", 100*g.PeakFraction)
	}
	if g.VsGonum > 0 {
		vs = fmt.Sprintf("%.1f×", g.VsGonum)
	}
	return fmt.Sprintf("%s\t%s\t%s\t%d\t%s\t%.1f–%.1f\t%s\t%s\t%s%s",
		g.Shape(), g.Trans, g.Path, g.Threads, tilde(g.Unstable, g.GFLOPS, 2), g.Min, g.Max, peak, vs, blas, markNote(g.Unstable, g.Note))
}

// markNote is the last column of a marked row: "~ " and its note.
func markNote(unstable bool, note string) string {
	if !unstable {
		return ""
	}
	return "  ~ " + note
}

// tilde formats x, marked "~" when it is not to be trusted.
func tilde(unstable bool, x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if unstable {
		return "~" + s
	}
	return s
}

// WriteCSV writes the Gemm rows, then (after a blank line) the training
// rows, each row carrying the machine's CPU, core count and Go version.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	m := r.Machine
	machine := []string{m.CPU, strconv.Itoa(m.Cores), m.GoVersion, m.GOARCH}
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
	book := peakBook{peaks: r.Peaks}
	if len(r.Gemm) > 0 {
		cw.Write([]string{"cpu", "cores", "go", "arch", "m", "n", "k", "trans", "path", "threads",
			"gflops", "gflops_min", "gflops_max", "peak_gflops", "peak_fraction", "speedup_vs_gonum",
			"speedup_vs_blas", "intensity", "cpu_share", "trials", "unstable", "note", "error"})
		for _, g := range r.Gemm {
			cw.Write(append(append([]string{}, machine...),
				strconv.Itoa(g.M), strconv.Itoa(g.N), strconv.Itoa(g.K), g.Trans, g.Path, strconv.Itoa(g.Threads),
				f(g.GFLOPS), f(g.Min), f(g.Max), f(book.best(g.Threads)), f(g.PeakFraction), f(g.VsGonum),
				f(g.VsBLAS), f(g.Intensity), f(g.CPUShare), strconv.Itoa(g.Trials), strconv.FormatBool(g.Unstable), g.Note, g.Err))
		}
	}
	if len(r.Train) > 0 {
		if len(r.Gemm) > 0 {
			cw.Flush()
			fmt.Fprintln(w)
		}
		cw.Write([]string{"cpu", "cores", "go", "arch", "net", "skip_data_grad", "batch", "threads",
			"examples_per_s", "examples_per_s_min", "examples_per_s_max", "s_per_epoch", "allocs_per_step",
			"cpu_share", "trials", "unstable", "note", "error"})
		for _, t := range r.Train {
			cw.Write(append(append([]string{}, machine...),
				t.Net, strconv.FormatBool(t.SkipDataGrad), strconv.Itoa(t.Batch), strconv.Itoa(t.Threads),
				f(t.ExamplesPerSec), f(t.Min), f(t.Max), f(t.SecondsPerEpoch), f(t.AllocsPerStep),
				f(t.CPUShare), strconv.Itoa(t.Trials), strconv.FormatBool(t.Unstable), t.Note, t.Err))
		}
	}
	cw.Flush()
	return cw.Error()
}
