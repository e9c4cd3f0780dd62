package kernels

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkBlocking times the current path with other cache blocks, the
// measurement behind the tuned table (blocking_table.go). DLGO_BLOCKS lists
// the candidates as mc/kc/nc triples, e.g.
//
//	DLGO_BLOCKS=96/256/4080,192/128/4080 go test -run '^$' -bench Blocking -cpu 1 ./kernels
//
// Without it, the table's own sizes and a few around them are timed.
func BenchmarkBlocking(b *testing.B) {
	p := *current.Load()
	cands := []blocking{p.blocking}
	for _, kc := range []int{p.kc / 2, p.kc * 2} {
		q := p.blocking
		q.kc = kc
		cands = append(cands, q)
	}
	for _, mc := range []int{p.mc / 2, p.mc * 2} {
		q := p.blocking
		q.mc = mc / p.mr * p.mr
		cands = append(cands, q)
	}
	if env := os.Getenv("DLGO_BLOCKS"); env != "" {
		cands = nil
		for _, t := range strings.Split(env, ",") {
			f := strings.Split(t, "/")
			if len(f) != 3 {
				b.Fatalf("DLGO_BLOCKS: %q is not mc/kc/nc", t)
			}
			q := p.blocking
			q.mc, _ = strconv.Atoi(f[0])
			q.kc, _ = strconv.Atoi(f[1])
			q.nc, _ = strconv.Atoi(f[2])
			cands = append(cands, q)
		}
	}
	for _, n := range []int{512, 1024, 2048} {
		a, x, c := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
		for i := range a {
			a[i], x[i] = 1, 1
		}
		flops := 2 * float64(n) * float64(n) * float64(n)
		for _, bl := range cands {
			q := p
			q.blocking = bl
			b.Run(fmt.Sprintf("%d/%s/mc=%d,kc=%d,nc=%d", n, p.name, bl.mc, bl.kc, bl.nc), func(b *testing.B) {
				for b.Loop() {
					gemmOn(&q, Threads(), gemmArgs{false, false, n, n, n, 1, a, n, x, n, 0, c, n})
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
