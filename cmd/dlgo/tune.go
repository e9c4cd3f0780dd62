package main

// tune.go: `dlgo tune`, which measures the cache blocks (and tile) that run
// Gemm fastest on this machine (kernels.Tune) and saves them where the
// library looks at its first Gemm (kernels.DefaultTuningPath, or -o).
// What it is not: a benchmark (dlgo bench is); its products are short.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"dlgo/kernels"
)

const tuneAbout = `Measures, within -budget, the cache blocks MC, KC, NC (and the avx512 tile)
that run Gemm fastest on this machine, for each kernel path it runs and for
one thread and all of them, from which size packing a small product
pays (avx2, avx512: n³ products, n = 128 to 384), and whether the threads
of a large product run faster sharing each packed block of B than each
packing its own stripe's (used while the cores are close), and saves them (by
default in the user's cache directory, where dlgo finds them at its first
product; DLGO_TUNE=off ignores the file, DLGO_TUNE=FILE reads another).
Without a tuning file, the blocks come from a model of the caches.`

func runTune(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("tune", "tune [flags]", tuneAbout, stderr)
	budget := fs.Duration("budget", 30*time.Second, "total time for the measurements")
	out := fs.String("o", "", "write the tuning file here (default: the user's cache directory)")
	paths := fs.String("paths", "", "comma-separated kernel paths to tune (default: all this CPU runs)")
	size := fs.Int("size", 960, "the largest n of the n×n×k products timed (k = n·25/24 + 1 for the largest): 48 to 960, rounded down to a multiple of 48")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *budget <= 0 {
		return usagef("-budget %v: want a positive duration", *budget)
	}
	if *size < 48 || *size > 960 {
		return usagef("-size %d: want 48 to 960", *size)
	}
	file := *out
	if file == "" {
		def, err := kernels.DefaultTuningPath()
		if err != nil {
			return fmt.Errorf("no cache directory for the tuning file (%v): give one with -o", err)
		}
		file = def
	}
	// Fail now, not after the measurements, if the file cannot be written.
	if err := checkWritable(file); err != nil {
		return err
	}
	var names []string
	if *paths != "" {
		names = strings.Split(*paths, ",")
	}
	start := time.Now()
	if load, ok := loadAverage(); ok && load > float64(runtime.NumCPU())/2 {
		fmt.Fprintf(stdout, "the machine is busy (load average %.1f on %d CPUs): figures at one thread are CPU times and hold; those at %d threads are wall-clock times, tune again when it is quiet\n",
			load, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	}
	fmt.Fprintf(stdout, "tuning Gemm's blocks within %v: n×n×k products, n up to %d, at 1 thread and %d\n", *budget, *size, runtime.GOMAXPROCS(0))
	f, err := kernels.Tune(kernels.TuneOptions{
		Budget:  *budget,
		Paths:   names,
		MaxSize: *size,
		Log:     func(format string, a ...any) { fmt.Fprintf(stdout, "  "+format+"\n", a...) },
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "chosen (%d threads for \"all\"):\n", f.Threads)
	for _, name := range kernels.Paths() {
		p, ok := f.Paths[name]
		if !ok {
			continue
		}
		for _, c := range []struct {
			what string
			b    kernels.BlockChoice
		}{{"1 thread", p.One}, {fmt.Sprintf("%d threads", f.Threads), p.All}} {
			gain := 0.0
			if c.b.ModelGFLOPS > 0 {
				gain = 100 * (c.b.GFLOPS/c.b.ModelGFLOPS - 1)
			}
			fmt.Fprintf(stdout, "  %-8s %-10s tile %-5s MC %4d KC %4d NC %4d  %6.1f GFLOP/s, model's blocks %6.1f (%+.1f%%)\n",
				name, c.what, c.b.Tile, c.b.MC, p.KC, c.b.NC, c.b.GFLOPS, c.b.ModelGFLOPS, gain)
		}
		if p.PackFrom > 0 {
			fmt.Fprintf(stdout, "  %-8s packs a small product from min(m, n) = %d\n", name, p.PackFrom)
		}
		if p.Shared {
			fmt.Fprintf(stdout, "  %-8s %d threads share each packed block of B (faster than a stripe each, while the cores are close)\n", name, f.Threads)
		}
	}
	if err := f.Save(file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "saved %s in %v (dlgo uses it from the next run; DLGO_TUNE=off ignores it)\n",
		file, time.Since(start).Round(10*time.Millisecond))
	return nil
}

// blocksLine says which blocks Gemm uses and where they came from, for
// dlgo cpu and dlgo bench; without a tuning file it suggests dlgo tune.
func blocksLine() string {
	t := kernels.Tuning()
	s := fmt.Sprintf("%s: tile %d×%d, MC %d, KC %d, NC %d", t.Path, t.MR, t.NR, t.MC, t.KC, t.NC)
	if t.AllMR != t.MR || t.AllNR != t.NR || t.AllMC != t.MC || t.AllNC != t.NC {
		s += fmt.Sprintf("; on more threads tile %d×%d, MC %d, NC %d", t.AllMR, t.AllNR, t.AllMC, t.AllNC)
	}
	if t.PackFrom > 0 {
		s += fmt.Sprintf("; packs a small product from min(m, n) = %d", t.PackFrom)
	}
	if t.Shared {
		s += "; threads share packed blocks of B while the cores are close"
	}
	s += " (" + t.Source + ")"
	switch {
	case t.Err != nil:
		s += "; tuning file not used: " + t.Err.Error()
	case t.File == "" && t.Source == "model of the caches":
		s += `; "dlgo tune" (30 s) measures this machine's`
	}
	return s
}

// printTuneHint, after a benchmark's report (whose header names the blocks
// and their source), says why a tuning file was not used, or suggests dlgo
// tune when there is none: below a table, on stderr beside CSV and JSON.
func printTuneHint(format string, stdout, stderr io.Writer) {
	w := stderr
	if format == "table" {
		w = stdout
	}
	switch t := kernels.Tuning(); {
	case t.Err != nil:
		fmt.Fprintf(w, "blocks: %s; tuning file not used: %v\n", t.Source, t.Err)
	case t.File == "" && t.Source == "model of the caches":
		fmt.Fprintln(w, `blocks: from a model of the caches; "dlgo tune" (30 s) measures this machine's`)
	}
}

// checkWritable makes the directory of file and a temporary file in it, and
// removes the temporary file: what Save will need.
func checkWritable(file string) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("saving the tuning file: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tune-check-*")
	if err != nil {
		return fmt.Errorf("saving the tuning file: %w", err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// loadAverage returns the one-minute load average where the OS says it
// (/proc/loadavg on Linux).
func loadAverage() (float64, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	x, err := strconv.ParseFloat(f[0], 64)
	return x, err == nil
}
