//go:build !textbook

// engine_shared.go: a large product on several threads that share one
// packed block of B, as BLIS and OpenBLAS share it, instead of each thread
// running a whole product on a stripe of C with its own packing.
//
// Why: a stripe packs the whole of the operand it does not split. Split
// along n (the squares' way, splitAlongM), each of t threads packs all of
// A, so A is packed t times; along m, B is. A thread's multiply-adds
// shrink as 1/t, its copy of A does not: at 1024³ on two threads (avx512,
// Zen 5 VM, pprof) packing took 12% of the time and A's second copy 3%,
// which would be about 3%·(t−1) of each thread's time on t. Here every
// value of A and B is packed once, whatever t:
//
//	for jc in steps of NC over n, for pc in steps of KC over k:
//	  each thread, on its own rows of C (a share of m in whole tiles):
//	    for ic in steps of MC over its rows: pack Ã, macroKernel (B̃)
//	    pack its share of the micro-panels of the next block of B; join
//
// One join a KC block (the next block of B goes into a second buffer
// while the threads still read the first), on the worker pool
// (engine_pool.go), whose caller runs the parts still queued itself: no
// part ever waits for another, so a thread that is not running (another
// process has the core) cannot hold the call up.
//
// Bits: the tiles are those of one thread (each share of m starts on a
// whole tile), each computed by one thread over the same KC blocks in the
// same order, so C has the bits of fastStripe.run on one thread
// (TestGemmThreadsBitIdentical, TestSharedMatchesStripes).
//
// Plain twin: the stripes of gemmEngine (engine_gemm.go), which it runs
// unless a tuning file chose the shared blocks and the cores are close
// (useShared), and gemmPlain (gemm.go). Measured gain: see useShared.

package kernels

// sharedMode chooses between sharedGemm and the stripes, for tests and
// benchmarks: 0 lets useShared decide, 1 takes sharedGemm wherever it can
// run, 2 the stripes always.
var sharedMode = 0

// useShared reports whether gemmEngine runs g, both operands packed, on t
// threads sharing the packed blocks: where a tuning file measured it
// faster at all threads (tuned: the path's shared field, tune.go's
// sharedPays), while the cores are measured close (coresNear,
// engine_distance.go), and when splitting m alone gives each of the t
// threads a whole tile of rows, so that no thread is lost to it.
//
// Why the tuner decides: what sharing saves grows with the threads (a
// stripe packs all of A however narrow it is), what it costs depends on
// where the cores are (each thread reads the blocks the others packed,
// through a shared L3 on one chip, across sockets or hosts on a VM), and
// neither can be measured on a machine of two cores for one of sixteen.
// On the 2-vCPU Zen 5 VM here, its vCPUs far apart (a cache line there
// and back in 470–540 ns; BenchmarkGemmShared, 2 threads, GFLOP/s, shared
// against stripes, twelve alternations): avx512 512³ 107–114 against
// 124–136, 1024³ 116–146 against 135–151; avx2 within ±5% (512³ and
// 1024³); so this machine keeps the stripes, and dlgo tune chose them
// there too (960³: avx512 158–163 against 164–168, avx2 85–91 against
// 84–93).
func useShared(p *kernelPath, tuned bool, g *gemmArgs, packA, packB bool, t int) bool {
	if sharedMode == 2 || splitMode != 0 || !packA || !packB || t < 2 || (g.m+p.mr-1)/p.mr < t {
		return false
	}
	return sharedMode == 1 || tuned && coresNear()
}

// sharedBlock is one KC×NC block of B̃: its first column and k, its
// columns and depth, and the buffer it is packed into.
type sharedBlock struct {
	jc, pc, nb, kb int
	buf            []float64
}

// sharedPart is one thread's share of a step of sharedGemm: computing rows
// lo … hi−1 of C against the packed block cur (unless it has no columns),
// then packing its share of the micro-panels of the block next (unless it
// has none) into the other buffer, for the next step.
type sharedPart struct {
	s         *fastStripe
	lo, hi    int // rows of C
	i, t      int // this share, of t
	cur, next sharedBlock
	beta      float64   // for cur
	own       []float64 // the stripe's own B buffer, put back at the end
}

func (sp *sharedPart) run() {
	s := sp.s
	p, g := s.path, &s.args
	if b := sp.cur; b.nb > 0 {
		s.bbuf = b.buf
		mc := balancedMC(p.mc, p.mr, sp.hi-sp.lo)
		for ic := sp.lo; ic < sp.hi; ic += mc {
			mb := min(mc, sp.hi-ic)
			packAFast(p.asm, s.abuf, g.transA, g.a, g.lda, ic, b.pc, mb, b.kb, p.mr)
			s.macroKernel(ic, b.jc, b.pc, mb, b.nb, b.kb, sp.beta)
		}
	}
	if b := sp.next; b.nb > 0 {
		panels := (b.nb + p.nr - 1) / p.nr
		q0, q1 := panels*sp.i/sp.t, panels*(sp.i+1)/sp.t
		if q0 < q1 {
			cols := min(b.nb, q1*p.nr) - q0*p.nr
			packBFast(p.asm, b.buf[q0*p.nr*b.kb:], g.transB, g.b, g.ldb, b.pc, b.jc+q0*p.nr, b.kb, cols, p.nr)
		}
	}
}

// sharedGemm computes g (both operands packed) on t ≥ 2 goroutines that
// share each packed block of B (see the file comment), in steps: step s
// computes block s, packed in one of two buffers, while the threads pack
// block s+1 into the other, so that a KC block costs one join. call holds
// the stripes, whose A buffers and tiles the threads use, and the two B
// buffers.
func sharedGemm(p *kernelPath, t int, g gemmArgs, call *gemmCall) {
	mr, nr := p.mr, p.nr
	kcMax := min(p.kc, g.k)
	size := (min(p.nc, g.n) + nr - 1) / nr * nr * kcMax
	call.bshared[0] = grow(call.bshared[0], size)
	call.bshared[1] = grow(call.bshared[1], size)
	units := (g.m + mr - 1) / mr
	if len(call.stripes) < t {
		call.stripes = make([]fastStripe, t)
	}
	if len(call.shared) < t {
		call.shared = make([]sharedPart, t)
	}
	for i := 0; i < t; i++ {
		s := &call.stripes[i]
		lo, hi := min(units*i/t*mr, g.m), min(units*(i+1)/t*mr, g.m)
		s.path, s.args, s.packA, s.packB = p, g, true, true
		s.setup(hi-lo, balancedMC(p.mc, mr, hi-lo), kcMax)
		call.shared[i] = sharedPart{s: s, lo: lo, hi: hi, i: i, t: t, own: s.bbuf}
	}
	// The blocks in the order of fastStripe.run's loops over jc and pc;
	// block s goes into buffer s mod 2.
	var cur sharedBlock // none before the first step
	jc, pc, step := 0, 0, 0
	for {
		var next sharedBlock
		if jc < g.n {
			next = sharedBlock{jc, pc, min(p.nc, g.n-jc), min(p.kc, g.k-pc), call.bshared[step%2]}
		}
		if cur.nb == 0 && next.nb == 0 {
			break
		}
		beta := g.beta
		if cur.pc > 0 {
			beta = 1
		}
		for i := 0; i < t; i++ {
			sp := &call.shared[i]
			sp.cur, sp.next, sp.beta = cur, next, beta
		}
		runShared(call, t)
		cur = next
		step++
		if pc += p.kc; pc >= g.k {
			pc, jc = 0, jc+p.nc
		}
	}
	for i := 0; i < t; i++ {
		// Drop the references to the caller's matrices.
		call.stripes[i].args = gemmArgs{}
		call.stripes[i].bbuf = call.shared[i].own
		call.shared[i] = sharedPart{}
	}
}

// runShared runs call.shared[0 … t−1], the first on the calling goroutine,
// the others on the pool, and returns when all are done.
func runShared(call *gemmCall, t int) {
	call.parts = call.parts[:0]
	for i := 0; i < t; i++ {
		call.parts = append(call.parts, &call.shared[i])
	}
	runParts(&call.done, call.parts)
}
