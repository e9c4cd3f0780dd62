// tune.go: `dlgo tune`'s measurement: for each path this CPU runs, and for
// one thread and all of them, the cache blocks (and, for avx512, the tile)
// that run Gemm fastest here, found by coordinate descent around the
// model's blocks (blocking.go) within a time budget. What it is not: an
// exhaustive search (36 pairs of one path take minutes), or a benchmark
// to quote (dlgo bench is): its products are few and short.

package kernels

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"time"
)

// TuneOptions are the tuner's settings; the zero value is `dlgo tune`'s.
type TuneOptions struct {
	Budget  time.Duration                 // total time; 0 means 30 s
	Paths   []string                      // the paths to tune; nil means all this CPU runs
	Threads int                           // "all threads"; 0 means runtime.GOMAXPROCS(0)
	MaxSize int                           // the largest n of the n×n×k products timed, at most 960 (the default)
	Log     func(format string, a ...any) // progress, one line a call; nil means none
}

// Tuner's constants: the timing of each candidate is the best of tuneReps
// runs, the first of which warms up; a candidate replaces the best so far
// only if it is tuneMargin faster (less is noise on a shared machine), or
// twice that on several threads, timed by the wall clock.
const (
	tuneReps   = 4
	tuneMargin = 1.02
)

// pristine holds each path as start-up built it, before a tuning file
// changed it: the tuner starts from the model, whatever is in use.
var pristine = map[string]kernelPath{}

// Tune measures, within opt.Budget, the blocks that run Gemm fastest on
// this machine, and returns them as a tuning file (not saved: see
// TuningFile.Save). For each path: KC, MC, NC and the tile at one thread
// on 480×480×1001 and 960×960×1001 (depth), then, on a path that can run
// unpacked, the size from which packing pays (n³ products, n = 128 to
// 384), then MC, NC and the tile at all threads on 960×960×1001 (smaller
// with MaxSize) with that KC (KC fixes each element's order of summation:
// one per path keeps results bit-identical for any thread count), and
// whether the threads are faster sharing each packed block of B than in
// stripes there (sharedPays). Each
// point is the best of a few runs; on one thread its time is the
// process's CPU time where the OS gives it, so that a loaded machine slows
// the search more than it sways its verdict. A slow path is timed on
// smaller products.
func Tune(opt TuneOptions) (*TuningFile, error) {
	start := time.Now()
	tuneOnce.Do(loadTuning)
	if opt.Budget <= 0 {
		opt.Budget = 30 * time.Second
	}
	if opt.Threads <= 0 {
		opt.Threads = runtime.GOMAXPROCS(0)
	}
	logf := opt.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	names := opt.Paths
	if names == nil {
		names = Paths()
	}
	var bases []kernelPath
	for _, name := range names {
		p, ok := pristine[name]
		if !ok {
			return nil, fmt.Errorf("tune: kernel path %q is not available (available: %v)", name, Paths())
		}
		bases = append(bases, p)
	}
	if len(bases) == 0 {
		return nil, errors.New("tune: no kernel path to tune")
	}
	phases := len(bases)
	if opt.Threads > 1 {
		phases *= 2
	}
	// Each phase gets an equal share of what is left (a phase that ends
	// early leaves its time to the next), and 5% is kept for the rest.
	end := start.Add(opt.Budget * 95 / 100)
	share := func() time.Duration {
		d := time.Until(end) / time.Duration(max(1, phases))
		phases--
		return max(d, 0)
	}
	f := &TuningFile{Format: tuneFormat, Key: CurrentTuneKey(), Date: start.UTC().Truncate(time.Second),
		Budget: opt.Budget.String(), Threads: opt.Threads, Paths: map[string]PathTuning{}}
	if opt.MaxSize <= 0 {
		opt.MaxSize = 960
	}
	big := max(48, min(960, opt.MaxSize)/48*48) // a multiple of every tile
	small := []int{max(48, big/2/48*48), big}
	if small[0] == big {
		small = small[1:]
	}
	ops := newTuneOperands(big)
	for _, base := range bases {
		s := &search{base: base, ops: ops, logf: logf}
		model := s.start()
		one := s.descend(model, model, 1, small, share(), true)
		pt := PathTuning{KC: one.b.kc, One: one.choice(), All: one.choice()}
		if sizes := packSizes(big); base.direct != nil && len(sizes) > 0 {
			pt.PackFrom = s.packFrom(one, sizes)
			logf("%s: packs a small product from min(m, n) = %d", base.name, pt.PackFrom)
		}
		if opt.Threads > 1 {
			all := s.descend(one, model, opt.Threads, []int{big}, share(), false)
			pt.All = all.choice()
			pt.Shared = engineBuilt && s.sharedPays(all, opt.Threads, sharedSize(big, s.ops.k, all.gflops))
		}
		f.Paths[base.name] = pt
	}
	f.Wall = time.Since(start).Round(10 * time.Millisecond).String()
	return f, nil
}

// tuneOperands are the matrices products are timed on, allocated once: A
// n×k, B k×n and C n×n for the largest n, and the k of every product.
type tuneOperands struct {
	a, b, c []float64
	k       int
}

func newTuneOperands(n int) *tuneOperands {
	k := depth(n)
	o := &tuneOperands{make([]float64, n*k), make([]float64, k*n), make([]float64, n*n), k}
	for i := range o.a {
		o.a[i], o.b[i] = float64(i%7)-3, float64(i%5)-2
	}
	return o
}

// candidate is a point of the search: the blocks, the tile (its own or the
// narrow twin's), and the rate measured there (and the model's, to report
// the gain).
type candidate struct {
	b       blocking
	tile    string
	gflops  float64
	modelGF float64
}

func (c candidate) choice() BlockChoice {
	return BlockChoice{MC: c.b.mc, NC: c.b.nc, Tile: c.tile, GFLOPS: round1(c.gflops), ModelGFLOPS: round1(c.modelGF)}
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// search tunes one path.
type search struct {
	base kernelPath
	ops  *tuneOperands
	logf func(string, ...any)
}

// start returns the model's point for the path.
func (s *search) start() candidate {
	c := candidate{b: s.base.blocking, tile: tileName(s.base.mr, s.base.nr)}
	if q := s.base.narrow; q != nil { // NC in whole tiles of both widths
		unit := c.b.nr * q.nr / gcd(c.b.nr, q.nr)
		c.b.nc = max(unit, c.b.nc/unit*unit)
	}
	return c
}

func tileName(mr, nr int) string { return fmt.Sprintf("%dx%d", mr, nr) }

// path builds the path that runs candidate c.
func (s *search) path(c candidate) *kernelPath {
	q := s.base
	q.multi = nil
	q.blocking, q.kernel, q.direct, q.narrow = withTile(&s.base, c.b.kc, BlockChoice{MC: c.b.mc, NC: c.b.nc, Tile: c.tile})
	return &q
}

// rate returns the geometric mean over sizes of c's GFLOP/s on threads
// threads, each the best of tuneReps timed runs.
func (s *search) rate(c candidate, threads int, sizes []int) float64 {
	p := s.path(c)
	logSum := 0.0
	for _, n := range sizes {
		logSum += math.Log(s.gflops(p, threads, n, s.ops.k))
	}
	return math.Exp(logSum / float64(len(sizes)))
}

// gflops returns the rate of the n×n×k product on path p and threads
// threads, the best of tuneReps timed runs.
func (s *search) gflops(p *kernelPath, threads, n, k int) float64 {
	g := gemmArgs{false, false, n, n, k, 1, s.ops.a, k, s.ops.b, n, 0, s.ops.c, n}
	best := math.Inf(1) // the first run warms up (pack buffers, caches): the best of all discards it
	for r := 0; r < tuneReps; r++ {
		w0 := time.Now()
		c0, cpuOK := tuneCPUTime()
		gemmOn(p, threads, g)
		d := time.Since(w0).Seconds()
		if c1, ok := tuneCPUTime(); threads == 1 && cpuOK && ok && c1 > c0 {
			// On one thread, CPU time: a product that waited for
			// a core is not charged the wait. On more, a thread
			// waiting for another sleeps and its CPU time stops,
			// which would flatter the product: the wall clock.
			d = min(d, (c1 - c0).Seconds())
		}
		best = min(best, d)
	}
	return 2 * float64(n) * float64(n) * float64(k) / max(best, 1e-9) / 1e9
}

// packSizes are the n of the n³ products packFrom times: from 128 to 384
// (above 406³, directMaxWork, every product packs), up to the tuner's
// largest size.
func packSizes(maxSize int) []int {
	var sizes []int
	for n := 128; n <= min(384, maxSize); n += 64 {
		sizes = append(sizes, n)
	}
	return sizes
}

// packFrom times n×n×n products with candidate c's blocks on one thread,
// packed and unpacked, for each n of sizes (ascending), and returns the
// smallest n from which packing is faster at every size measured (by
// tuneMargin: a tie leaves it unpacked, which costs no copy), or 64 past
// the largest if it is not faster there. Whether packing pays below a
// few hundred rows depends on the core: on the Zen 3 of issue 13 packing
// 256³ gained 11–16% on avx2, on a Zen 5 it lost 4%.
func (s *search) packFrom(c candidate, sizes []int) int {
	p := s.path(c)
	packed, unpacked := *p, *p
	packed.packFrom, unpacked.packFrom = 1, math.MaxInt
	from := sizes[len(sizes)-1] + 64
	for i := len(sizes) - 1; i >= 0; i-- {
		n := sizes[i]
		gp, gu := s.gflops(&packed, 1, n, n), s.gflops(&unpacked, 1, n, n)
		s.logf("%s, 1 thread, %d³: packed %.1f GFLOP/s, unpacked %.1f", p.name, n, gp, gu)
		if gp <= gu*tuneMargin {
			break
		}
		from = n
	}
	return from
}

// sharedPays reports whether the n×n×k product on threads threads, with
// c's blocks, runs faster (by margin(threads)) with its threads sharing
// each packed block of B (engine_shared.go) than in stripes, each timed
// sharedRounds times, alternately, the best of each kept; and logs both.
func (s *search) sharedPays(c candidate, threads, n int) bool {
	p := s.path(c)
	defer func(m int) { sharedMode = m }(sharedMode)
	shared, stripes := 0.0, 0.0
	for r := 0; r < sharedRounds; r++ {
		sharedMode = 1
		shared = max(shared, s.gflops(p, threads, n, s.ops.k))
		sharedMode = 2
		stripes = max(stripes, s.gflops(p, threads, n, s.ops.k))
	}
	pays := shared > stripes*margin(threads)
	verdict := "stripes kept"
	if pays {
		verdict = "shares them"
	}
	s.logf("%s, %s, %d³: threads sharing packed blocks %.1f GFLOP/s, in stripes %.1f: %s",
		p.name, threadsWord(threads), n, shared, stripes, verdict)
	return pays
}

// sharedRounds is how many times sharedPays times each way.
const sharedRounds = 2

// sharedSize returns the n of sharedPays's n×n×k products: big, or 432 (as
// descend shrinks a slow path's) if its products, at gflops, would take
// more than sharedMaxTime in all.
func sharedSize(big, k int, gflops float64) int {
	t := 2 * float64(big) * float64(big) * float64(k) / (max(gflops, 1e-3) * 1e9)
	if float64(2*sharedRounds*tuneReps)*t > sharedMaxTime.Seconds() {
		return min(big, 432)
	}
	return big
}

// sharedMaxTime bounds the time sharedPays takes on the largest size.
const sharedMaxTime = 2 * time.Second

// descend runs coordinate descent from c on threads threads: KC (if
// tuneKC), MC, NC and the tile in turn, each tried at a few multiples of
// its best value so far, until a round changes nothing or the time per is
// spent. Products too slow for the budget are shrunk first. The gain is
// reported against ref, the model's blocks.
func (s *search) descend(c, ref candidate, threads int, sizes []int, per time.Duration, tuneKC bool) candidate {
	deadline := time.Now().Add(per)
	t0 := time.Now()
	c.gflops = s.rate(c, threads, sizes)
	// A path that takes more than a twelfth of its budget per point is
	// timed on the smallest size, then on 432³ (the smallest multiple of
	// the tiles above the unpacked products' limit).
	for _, smaller := range [][]int{{480}, {432}} {
		if time.Since(t0) <= per/12 || sizes[len(sizes)-1] <= smaller[0] {
			break
		}
		sizes = smaller
		t0 = time.Now()
		c.gflops = s.rate(c, threads, sizes)
	}
	from := c
	// Keep time for finish's re-timing: up to three more points.
	deadline = deadline.Add(-3 * time.Since(t0))
	s.logf("%s, %s, n×n×k %s: start MC %d KC %d NC %d tile %s: %.1f GFLOP/s",
		s.base.name, threadsWord(threads), sizeList(sizes, s.ops.k), c.b.mc, c.b.kc, c.b.nc, c.tile, c.gflops)
	maxK := s.ops.k / 2 // every candidate KC leaves at least two blocks of k
	for round := 0; round < 4; round++ {
		changed := false
		for _, dim := range []string{"kc", "mc", "nc", "tile"} {
			if dim == "kc" && !tuneKC {
				continue
			}
			for _, cand := range s.neighbours(c, dim, maxK) {
				if time.Now().After(deadline) {
					return s.finish(c, from, ref, threads, sizes)
				}
				cand.gflops = s.rate(cand, threads, sizes)
				if cand.gflops > c.gflops*margin(threads) {
					c = cand
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	return s.finish(c, from, ref, threads, sizes)
}

// finish times the starting point, the model's (ref) and the best one
// again, alternately, so that the choice and the gain reported compare them
// in the same conditions; the best one is kept only if it is still
// tuneMargin faster than the start, and logs it.
func (s *search) finish(c, from, ref candidate, threads int, sizes []int) candidate {
	same := func(x, y candidate) bool { return x.b == y.b && x.tile == y.tile }
	f, r, b := from.gflops, 0.0, c.gflops
	if !same(c, from) {
		f = max(f, s.rate(from, threads, sizes))
		b = max(b, s.rate(c, threads, sizes))
	}
	if !same(ref, from) && !same(ref, c) {
		r = s.rate(ref, threads, sizes)
	}
	if !same(c, from) && b < f*margin(threads) {
		c, b = from, f // not reproducibly better: keep the start
	}
	switch {
	case same(ref, c):
		r = b
	case same(ref, from):
		r = f
	}
	c.gflops, c.modelGF = b, r
	s.logf("%s, %s: chose MC %d KC %d NC %d tile %s: %.1f GFLOP/s against %.1f for the model's MC %d KC %d NC %d tile %s (%+.1f%%)",
		s.base.name, threadsWord(threads), c.b.mc, c.b.kc, c.b.nc, c.tile, b, r, ref.b.mc, ref.b.kc, ref.b.nc, ref.tile, 100*(b/r-1))
	return c
}

// neighbours returns the candidates around c along one dimension.
func (s *search) neighbours(c candidate, dim string, maxK int) []candidate {
	var out []candidate
	seen := map[int]bool{}
	add := func(x int, set func(*candidate, int)) {
		if seen[x] {
			return
		}
		seen[x] = true
		d := c
		set(&d, x)
		out = append(out, d)
	}
	factors := []float64{0.5, 0.75, 1.5, 2}
	switch dim {
	case "kc":
		seen[c.b.kc] = true
		for _, f := range factors {
			x := clamp(int(float64(c.b.kc)*f)/8*8, 64, min(maxKC, maxK)/8*8)
			add(x, func(d *candidate, x int) { d.b.kc = x })
		}
	case "mc":
		seen[c.b.mc] = true
		for _, f := range []float64{0.25, 0.5, 0.75, 1.5, 2} {
			x := clamp(int(float64(c.b.mc)*f)/c.b.mr*c.b.mr, c.b.mr, maxMC/c.b.mr*c.b.mr)
			add(x, func(d *candidate, x int) { d.b.mc = x })
		}
	case "nc":
		seen[c.b.nc] = true
		unit := c.b.nr // a multiple of both tiles' NR, so either can run it
		if q := s.base.narrow; q != nil {
			unit = unit * q.nr / gcd(unit, q.nr)
		}
		for _, f := range []float64{0.25, 0.5} {
			x := max(unit, int(float64(c.b.nc)*f)/unit*unit)
			add(x, func(d *candidate, x int) { d.b.nc = x })
		}
	case "tile":
		if q := s.base.narrow; q != nil {
			for _, t := range []string{tileName(s.base.mr, s.base.nr), tileName(q.mr, q.nr)} {
				if t != c.tile {
					d := c
					d.tile = t
					out = append(out, d)
				}
			}
		}
	}
	return out
}

func sizeList(sizes []int, k int) string {
	s := ""
	for i, n := range sizes {
		if i > 0 {
			s += " and "
		}
		s += fmt.Sprintf("%d×%d×%d", n, n, k)
	}
	return s
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// depth is the k of every product timed, for a largest n: n·25/24 + 1
// (1001 for 960), with KC candidates up to k/2. m and n are multiples of
// every tile, so that no tile pads; k is odd, so that no KC candidate (a
// multiple of 8) divides it, and at least twice KC, so that none is
// favoured with a product of one k block: timing 480³ and 960³, the tuner
// chose KC 480, which ran 4–8% slower at 512³ and 1024³.
func depth(n int) int { return n*25/24 + 1 }

// margin is how much faster a candidate must be to replace the best.
func margin(threads int) float64 {
	if threads > 1 {
		return 1 + 2*(tuneMargin-1)
	}
	return tuneMargin
}

// threadsWord is "1 thread" or "n threads".
func threadsWord(n int) string {
	if n == 1 {
		return "1 thread"
	}
	return fmt.Sprintf("%d threads", n)
}
