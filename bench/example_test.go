package bench_test

import (
	"fmt"
	"os"

	"dlgo/bench"
)

// A saved run (dlgo bench -save FILE, or -format json) read back: the
// machine, the tuning in use, the peaks, the bandwidth, and every row with
// its mark.
func ExampleReadReport() {
	b, err := os.ReadFile("testdata/zen3.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := bench.ReadReport(b, "testdata/zen3.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Machine.CPU, "—", r.Tuning.Source, "blocks")
	for _, p := range r.Peaks {
		fmt.Printf("peak %.1f GFLOP/s, threads %d\n", p.GFLOPS, p.Threads)
	}
	for _, bw := range r.Bandwidth {
		fmt.Printf("triad %.1f GB/s, threads %d\n", bw.GBps, bw.Threads)
	}
	for _, g := range r.Gemm {
		mark := ""
		if g.Unstable {
			mark = " ~ " + g.Note
		}
		fmt.Printf("%v %s %d: %.1f GFLOP/s%s\n", g.Shape(), g.Path, g.Threads, g.GFLOPS, mark)
	}
	// Output:
	// AMD EPYC 7B13 64-Core Processor — built-in blocks
	// peak 46.5 GFLOP/s, threads 1
	// peak 93.0 GFLOP/s, threads 2
	// triad 14.2 GB/s, threads 1
	// triad 19.8 GB/s, threads 2
	// 1024 avx2 1: 27.2 GFLOP/s
	// 1024 avx2 2: 52.7 GFLOP/s
	// 64x128x784 avx2 1: 29.7 GFLOP/s ~ spread ±14%
}
