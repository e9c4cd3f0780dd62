package main

// tune.go: `dlgo tune`, which measures the cache blocks (and tile) that run
// Gemm fastest on this machine (kernels.Tune) and saves them where the
// library looks at its first Gemm (kernels.DefaultTuningPath, or -o).
// What it is not: a benchmark (dlgo bench is); its products are short.

import (
	"fmt"
	"io"
	"strings"
	"time"

	"dlgo/kernels"
)

const tuneAbout = `Measures, within -budget, the cache blocks MC, KC, NC (and the avx512 tile)
that run Gemm fastest on this machine, for each kernel path it runs and for
one thread and all of them, and saves them (by default in the user's cache
directory, where dlgo finds them at its first product; DLGO_TUNE=off ignores
the file, DLGO_TUNE=FILE reads another). Without a tuning file, the blocks
come from a model of the caches.`

func runTune(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("tune", "tune [flags]", tuneAbout, stderr)
	budget := fs.Duration("budget", 30*time.Second, "total time for the measurements")
	out := fs.String("o", "", "write the tuning file here (default: the user's cache directory)")
	paths := fs.String("paths", "", "comma-separated kernel paths to tune (default: all this CPU runs)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *budget <= 0 {
		return usagef("-budget %v: want a positive duration", *budget)
	}
	file := *out
	if file == "" {
		def, err := kernels.DefaultTuningPath()
		if err != nil {
			return fmt.Errorf("no cache directory for the tuning file (%v): give one with -o", err)
		}
		file = def
	}
	var names []string
	if *paths != "" {
		names = strings.Split(*paths, ",")
	}
	start := time.Now()
	fmt.Fprintf(stdout, "tuning Gemm's blocks within %v: one thread on 480³ and 960³, all threads on 960³\n", *budget)
	f, err := kernels.Tune(kernels.TuneOptions{
		Budget: *budget,
		Paths:  names,
		Log:    func(format string, a ...any) { fmt.Fprintf(stdout, "  "+format+"\n", a...) },
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
	}
	if err := f.Save(file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "saved %s in %v (dlgo uses it from the next run; DLGO_TUNE=off ignores it)\n",
		file, time.Since(start).Round(10*time.Millisecond))
	return nil
}
