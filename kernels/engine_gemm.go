//go:build !textbook

// engine_gemm.go: the engine's runner of Gemm, installed at the one hook
// (gemmOn) at start-up. Plain twin: gemmPlain and plainStripe (gemm.go),
// which give the same bits. What it adds: no goroutine started and no
// buffer allocated per call (a 64×128×784 product's two-thread hand-off
// took 106–123 µs with fresh goroutines, 55 µs with polling workers, 104
// µs on one thread: engine_pool.go), and the variants below, each in its
// own file with its own measured gain. Run `go test -tags textbook
// -bench Gemm ./kernels` against `go test -bench Gemm ./kernels` to see
// the whole. Measured: x·W of a 784-128-10 step (64×128×784, dense)
// 371 µs through gemmPlain, which allocates its pack buffers, against 170
// µs here (BenchmarkEngine, one thread, median of 3, on a 2-core Sapphire Rapids VM
// shared with other work).

package kernels

func init() { gemmOn = gemmEngine }

// engineBuilt reports whether the engine is in this build (textbook.go
// says false).
const engineBuilt = true

// gemmEngine runs Gemm on path p with up to nthreads goroutines: gemmPlain
// (gemm.go) with the stripes run by the worker pool (engine_pool.go) and
// their pack buffers kept from call to call, products with one column
// computed by gemv (engine_gemv.go), products the path's tile would pad run
// on its narrow twin (engine_narrow.go), small ones unpacked
// (engine_direct.go), and sparse left operands through their nonzeros
// (engine_sparse.go).
func gemmEngine(p *kernelPath, nthreads int, g gemmArgs) {
	if isGemv(&g) {
		gemv(p, &g)
		return
	}
	if sparseGemm(p, &g) {
		return
	}
	shared := p.shared // a tuning file's verdict (engine_shared.go), kept on p, not on its narrow twin
	p = pathFor(p, g.n)
	if g.m == 0 || g.n == 0 {
		return
	}
	if g.k == 0 || g.alpha == 0 {
		scaleC(g.m, g.n, g.beta, g.c, g.ldc)
		return
	}
	packA, packB := choosePacking(p, &g)
	// Split C into stripes of whole tiles along its longer dimension
	// (counted in tiles), or, when both operands are packed, along the one
	// that packs less twice (splitAlongM), so that the tile grid, and with
	// it every element's arithmetic, is the same for any number of stripes.
	unitsM := (g.m + p.mr - 1) / p.mr
	unitsN := (g.n + p.nr - 1) / p.nr
	splitM := unitsM >= unitsN
	// When only one operand is packed (a small product with a transposed
	// B, engine_direct.go), a fastStripe along m would pack all of B again in every
	// thread: split along n instead, so the packing is shared out too, as
	// long as each thread still gets a tile. (Likewise for A.)
	if packB && !packA && unitsN >= nthreads {
		splitM = false
	} else if packA && !packB && unitsM >= nthreads {
		splitM = true
	} else if packA && packB && unitsM >= nthreads && unitsN >= nthreads {
		splitM = splitAlongM(p, &g, nthreads)
	}
	switch splitMode {
	case 1:
		splitM = true
	case 2:
		splitM = false
	}
	units, unit := unitsN, p.nr
	if splitM {
		units, unit = unitsM, p.mr
	}
	t := min(nthreads, units, max(1, g.m*g.n*g.k/(minParallelWork*workScale())))
	t = max(t, 1)

	call := getCall()
	if useShared(p, shared, &g, packA, packB, t) {
		sharedGemm(p, t, g, call)
		putCall(call)
		return
	}
	if len(call.stripes) < t {
		call.stripes = make([]fastStripe, t)
	}
	if t == 1 {
		s := &call.stripes[0]
		s.path, s.args, s.packA, s.packB = p, g, packA, packB
		s.run()
		s.args = gemmArgs{}
		putCall(call)
		return
	}
	dim := g.n
	if splitM {
		dim = g.m
	}
	for i := 0; i < t; i++ {
		lo := min(units*i/t*unit, dim)
		hi := min(units*(i+1)/t*unit, dim)
		s := &call.stripes[i]
		s.path, s.args = p, g
		s.packA, s.packB = packA, packB
		if splitM {
			s.args.m = hi - lo
			if g.transA {
				s.args.a = g.a[lo:]
			} else {
				s.args.a = g.a[lo*g.lda:]
			}
			s.args.c = g.c[lo*g.ldc:]
			continue
		}
		s.args.n = hi - lo
		if g.transB {
			s.args.b = g.b[lo*g.ldb:]
		} else {
			s.args.b = g.b[lo:]
		}
		s.args.c = g.c[lo:]
	}
	ensureWorkers(t - 1)
	call.done.add(t - 1)
	for i := 1; i < t; i++ {
		pool.queue <- job{&call.stripes[i], &call.done}
	}
	call.stripes[0].run()
	call.done.wait()
	for i := 0; i < t; i++ {
		// Drop the references to the caller's matrices.
		call.stripes[i].args = gemmArgs{}
	}
	putCall(call)
}

// splitAlongM reports whether a product that packs both operands is better
// split along m than along n on t threads: whichever packs less twice.
// Each stripe packs the whole of the operand it does not split: along m,
// every thread packs all of B (k·n values); along n, all of A, once per
// NC-wide block of its stripe (m·k·⌈n/(t·NC)⌉). A square product packs as
// much either way; then n wins, since B's copy walks rows a page apart and
// A's transpose reads rows in order (engine_pack.go), and each thread's
// share of B is then a block half as large, which stays in a smaller cache.
// Measured (BenchmarkGemmSplit, 2 threads, GFLOP per CPU-second, median of
// 3, Sapphire Rapids VM at load 7): along n 5–10% more work per CPU-second
// at 512³, 1024³ and 2048³ on avx2 (45.9 / 43.8 / 44.8 against 42.5 / 41.4
// / 40.6) and on avx512 (63.2 / 57.2 / 55.1 against 58.1 / 54.7 / 51.3).
func splitAlongM(p *kernelPath, g *gemmArgs, t int) bool {
	stripeN := (g.n + t - 1) / t
	return g.n < g.m*((stripeN+p.nc-1)/p.nc)
}

// splitMode forces the direction of the stripes, for benchmarks: 0 lets
// gemmEngine choose, 1 splits along m, 2 along n.
var splitMode = 0

// gemmCall holds what one Gemm call needs beyond its arguments: a fastStripe
// (with its own pack buffers) per goroutine, and a waiter for them.
type gemmCall struct {
	done    waiter
	stripes []fastStripe
	masks   nonzeroMasks // engine_sparse.go

	// sharedGemm's (engine_shared.go): the B block its threads share,
	// and their parts.
	bshared [2][]float64
	shared  []sharedPart
	parts   []part // the shared parts, as runParts takes them
}

// fastStripe is a sub-product computed by one goroutine, with its pack buffers.
type fastStripe struct {
	path *kernelPath
	args gemmArgs
	// Whether A and B are packed (always, but on a path with a
	// directKernel; see choosePacking).
	packA, packB bool

	abuf, bbuf []float64     // packed A (MC×KC) and B (KC×NC) blocks
	tile       []float64     // an MR×NR tile for the edges of C
	column     columnKernel  // for packed A and B, or nil
	strided    stridedColumn // for the others, or nil
}

// columnKernel computes tiles whole MR×NR tiles down a column of C in one
// call: tile t from the packed A panel a[t·MR·k:], the packed B panel b,
// into c[t·MR·ldc:], each exactly as the path's kernel would. Plain twin:
// the path's kernel called once per tile (macroKernel's loop over ir).
// Measured gain, with stridedColumn (BenchmarkColumns, avx2, 1 thread,
// GFLOP per CPU-second, median of 6, Sapphire Rapids VM at load 5–7):
// 128×784×64 45.6 → 48.1, 64×784×128 45.4 → 47.4, 64×128×784 46.8 →
// 47.6; the squares 256³–1024³ unchanged within ±2% (a tile of k = 256
// takes 0.5 µs, against a few tens of ns of Go around each call).
type columnKernel func(tiles, k int, a, b, c []float64, ldc int, alpha, beta float64)

// stridedColumn is a columnKernel on operands read through strides, as a
// directKernel reads them: tile t from A[i][p] = a[t·tileA + i·rsa + p·csa]
// and B[p][j] = b[p·ldb + j], into c[t·MR·ldc:]. Plain twin: the path's
// directKernel called once per tile. A tile of a k = 64 or 128 product (the
// MLP shapes, unpacked) takes 0.1–0.3 µs, and the Go around each call
// (slicing, checks, a call through a function value) a few tens of ns.
// Measured gain: see columnKernel.
type stridedColumn func(tiles, k int, a []float64, rsa, csa, tileA int, b []float64, ldb int, c []float64, ldc int, alpha, beta float64)

// columnKernels and stridedColumns hold, by path name and tile, the column
// kernels the assembly paths have (engine_paths_amd64.go: avx2).
var (
	columnKernels  = map[columnKey]columnKernel{}
	stridedColumns = map[columnKey]stridedColumn{}
)

// columnsOff turns the column kernels off, for BenchmarkColumns.
var columnsOff = false

// columnKey names a path and its tile: a narrow twin (engine_narrow.go)
// shares its path's name, not its tile.
type columnKey struct {
	name   string
	mr, nr int
}

// grow returns buf with length n, reallocating only when its capacity is
// short, so that buffers reach their steady size after the first call.
func grow(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

// run computes the fastStripe's product with the five loops of the Goto/BLIS
// algorithm around the microkernel:
//
//	for jc in steps of NC over n:          a KC×NC block of B → L3
//	  for pc in steps of KC over k:        pack it (B̃)
//	    for ic in steps of MC over m:      an MC×KC block of A → L2, pack it (Ã)
//	      for jr in steps of NR over NC:   a KC×NR micro-panel of B̃ → L1
//	        for ir in steps of MR over MC: the microkernel: C[ir:ir+MR, jr:jr+NR]
//
// beta is applied with the first KC block; later blocks accumulate into C
// (beta = 1). alpha is applied by the microkernel to each block's product.
//
// On a path with a directKernel, a small product may skip packing A or B
// (s.packA, s.packB; see engine_direct.go): the kernel then reads them in place,
// and only the partial micro-panels at their edges are packed. When B
// alone is packed (it is stored transposed), each micro-panel is packed
// just before its tiles use it, so that they find it in L1.
func (s *fastStripe) run() {
	p, g := s.path, &s.args
	mr, nr := p.mr, p.nr
	kcMax := min(p.kc, g.k)
	mc := balancedMC(p.mc, mr, g.m)
	s.setup(g.m, mc, kcMax)
	s.bbuf = grow(s.bbuf, (min(p.nc, g.n)+nr-1)/nr*nr*kcMax)

	for jc := 0; jc < g.n; jc += p.nc {
		nb := min(p.nc, g.n-jc)
		for pc := 0; pc < g.k; pc += p.kc {
			kb := min(p.kc, g.k-pc)
			beta := g.beta
			if pc > 0 {
				beta = 1
			}
			if s.packB && s.packA {
				packBFast(p.asm, s.bbuf, g.transB, g.b, g.ldb, pc, jc, kb, nb, nr)
			} else if s.packB {
				// Only B is packed (engine_direct.go): pack each micro-panel just
				// before its tiles use it (macroKernel), into L1.
			} else if q := nb / nr * nr; q < nb {
				packBFast(p.asm, s.bbuf[q*kb:], g.transB, g.b, g.ldb, pc, jc+q, kb, nb-q, nr)
			}
			for ic := 0; ic < g.m; ic += mc {
				mb := min(mc, g.m-ic)
				if s.packA {
					packAFast(p.asm, s.abuf, g.transA, g.a, g.lda, ic, pc, mb, kb, mr)
				} else if q := mb / mr * mr; q < mb {
					packAFast(p.asm, s.abuf[q*kb:], g.transA, g.a, g.lda, ic+q, pc, mb-q, kb, mr)
				}
				s.macroKernel(ic, jc, pc, mb, nb, kb, beta)
			}
		}
	}
}

// setup sizes s's buffers for MC blocks of mc of its rows rows (the A
// block) and KC kcMax, and its tile, and picks its column kernels: what
// run needs, and sharedGemm's threads (engine_shared.go), whose B block
// is shared.
func (s *fastStripe) setup(rows, mc, kcMax int) {
	p := s.path
	mr := p.mr
	s.abuf = grow(s.abuf, (min(mc, rows)+mr-1)/mr*mr*kcMax)
	s.tile = grow(s.tile, mr*p.nr)
	s.column, s.strided = nil, nil
	if p.asm && !columnsOff {
		key := columnKey{p.name, p.mr, p.nr}
		if s.packA && s.packB {
			s.column = columnKernels[key]
		}
		if p.direct != nil {
			s.strided = stridedColumns[key]
		}
	}
}

// balancedMC returns the rows of the MC blocks run() cuts m into: as many
// blocks as MC asks for (⌈m/MC⌉), of equal height rounded up to whole
// tiles, so that the last is not a sliver. With MC 168, m = 512 is cut
// 132+132+132+116 rather than 168+168+168+8: that last block of 8 rows
// streams the whole packed B block from L3 for one tile and a 2-row edge,
// at a fraction of the kernel's speed. The height of the blocks changes
// only the order in which tiles are visited, never a tile's arithmetic
// (KC, which splits the sums, is left as it is), so the bits are those of
// plainStripe's 168-row blocks. Measured on a 2-vCPU Zen 5 VM, avx2, one
// thread, medians of 3 and of 5 interleaved runs: 512³ 42.9 → 45.2 and
// 41.5 → 41.9 GFLOP/s; 768³ and 1024³ (cut 156·4+144 and 150·6+124)
// and the avx512 path moved within the VM's noise (±4%).
func balancedMC(mc, mr, m int) int {
	if mc <= 0 || m <= mc {
		return mc
	}
	blocks := (m + mc - 1) / mc
	h := (m + blocks - 1) / blocks
	return min(mc, (h+mr-1)/mr*mr)
}

// macroKernel runs the microkernel over the mb×nb block of C at (ic, jc),
// k block pc, from the packed blocks (or A and B in place). Tiles that
// overhang the edge of C are computed whole in s.tile, from a copy of C's
// elements, and the part inside C is copied back: the same arithmetic as a
// whole tile, so edge elements do not depend on where the stripes fall. A
// path with an edgeRows kernel (generic, avx2, neon) computes a tile that overhangs
// only C's lower edge on its rows inside C, in place: the same arithmetic
// on those rows.
func (s *fastStripe) macroKernel(ic, jc, pc, mb, nb, kb int, beta float64) {
	p, g := s.path, &s.args
	mr, nr := p.mr, p.nr
	rsa, csa := g.lda, 1 // A[i][p] = a[i·rsa + p·csa]
	if g.transA {
		rsa, csa = 1, g.lda
	}
	for jr := 0; jr < nb; jr += nr {
		cols := min(nr, nb-jr)
		bp, ldb := s.bbuf[jr*kb:jr*kb+nr*kb], nr
		if !s.packB && cols == nr {
			bp, ldb = g.b[pc*g.ldb+jc+jr:], g.ldb
		} else if s.packB && !s.packA && mb == g.m {
			// One MC block of rows: no later block reuses the micro-panel,
			// so every one is packed into the same place, which stays in
			// L1, rather than along a buffer that has gone to L2 since
			// it was last written.
			bp = s.bbuf[:nr*kb]
			packBFast(p.asm, bp, g.transB, g.b, g.ldb, pc, jc+jr, kb, cols, nr)
		} else if s.packB && !s.packA && ic == 0 {
			// The first MC block of rows packs the micro-panel, the others
			// reuse it.
			packBFast(p.asm, bp, g.transB, g.b, g.ldb, pc, jc+jr, kb, cols, nr)
		}
		// The whole tiles of the column in one call, where the path has a
		// column kernel; the loop below does the rest.
		ir0 := 0
		if tiles := mb / mr; cols == nr && tiles > 0 {
			c := g.c[ic*g.ldc+jc+jr:]
			if s.column != nil {
				s.column(tiles, kb, s.abuf[:tiles*mr*kb], bp, c, g.ldc, g.alpha, beta)
				ir0 = tiles * mr
			} else if s.strided != nil {
				a, ra, ca, ta := s.abuf, 1, mr, mr*kb
				if !s.packA {
					a, ra, ca, ta = g.a[ic*rsa+pc*csa:], rsa, csa, mr*rsa
				}
				s.strided(tiles, kb, a, ra, ca, ta, bp, ldb, c, g.ldc, g.alpha, beta)
				ir0 = tiles * mr
			}
		}
		for ir := ir0; ir < mb; ir += mr {
			rows := min(mr, mb-ir)
			ap, ra, ca := s.abuf[ir*kb:ir*kb+mr*kb], 1, mr
			if !s.packA && rows == mr {
				ap, ra, ca = g.a[(ic+ir)*rsa+pc*csa:], rsa, csa
			}
			off := (ic+ir)*g.ldc + jc + jr
			if rows < mr && cols == nr && p.edgeRows != nil && ra == 1 && ca == mr {
				// The rows inside C only, in place (path.go's edgeRows).
				p.edgeRows(rows, kb, ap, bp, ldb, g.c[off:], g.ldc, g.alpha, beta)
				continue
			}
			c, ldc := g.c[off:], g.ldc
			whole := rows == mr && cols == nr
			if !whole {
				c, ldc = s.tile, nr
				if beta != 0 {
					for i := 0; i < rows; i++ {
						copy(c[i*nr:i*nr+cols], g.c[off+i*g.ldc:])
					}
				}
			}
			if p.direct != nil && (ra != 1 || ca != mr || ldb != nr) {
				p.direct(kb, ap, ra, ca, bp, ldb, c, ldc, g.alpha, beta)
			} else {
				// Both panels packed: the path's kernel, which may read
				// them faster than its strided form (avx2:
				// engine_packed_avx2_amd64.go).
				p.kernel(kb, ap, bp, c, ldc, g.alpha, beta)
			}
			if !whole {
				for i := 0; i < rows; i++ {
					copy(g.c[off+i*g.ldc:off+i*g.ldc+cols], c[i*nr:])
				}
			}
		}
	}
}
