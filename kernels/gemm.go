// gemm.go: Gemm, and its five loops in plain form — the textbook. The
// engine (engine_*.go, left out by the textbook build tag) replaces gemmOn
// at start-up with a faster runner that gives the same bits; nothing else
// here knows it exists.

package kernels

import "sync"

// Gemm computes
//
//	C = alpha·op(A)·op(B) + beta·C,   op(X) = X or Xᵀ,
//
// on row-major matrices: op(A) is m×k, op(B) is k×n, C is m×n, and lda, ldb,
// ldc are the row strides of A, B and C as stored. With transA, A is stored
// k×m (lda ≥ m); with transB, B is stored n×k (ldb ≥ k). A and B are never
// written, and no element of C outside its m×n window is touched, even when
// the backing array goes on. beta == 0 means C is overwritten: a NaN already
// in C does not leak. k == 0 (or alpha == 0) gives C = beta·C; m == 0 or
// n == 0 does nothing.
//
// Arguments that cannot describe the matrices (a negative size, a row stride
// shorter than its row, a slice too short for its matrix) panic with a
// message naming the argument.
//
// A large product is split across Threads() goroutines; each element of C is
// computed by one goroutine, by the same sequence of operations whatever the
// number of threads, so results are bit-identical for any thread count.
// The steady state allocates nothing, but in the textbook build.
func Gemm(transA, transB bool, m, n, k int, alpha float64,
	a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	checkGemm("kernels.Gemm", transA, transB, m, n, k, a, lda, b, ldb, c, ldc)
	gemmOn(current.Load(), Threads(), gemmArgs{transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc})
}

// gemmOn runs a checked product on path p with up to nthreads goroutines.
// It is the one hook of the engine: gemmPlain below, or the engine's runner
// (engine_gemm.go), installed once at start-up by an init function, which
// computes every element by the same operations, faster.
var gemmOn = gemmPlain

// gemmArgs are Gemm's arguments, checked.
type gemmArgs struct {
	transA, transB bool
	m, n, k        int
	alpha          float64
	a              []float64
	lda            int
	b              []float64
	ldb            int
	beta           float64
	c              []float64
	ldc            int
}

// minParallelWork is the number of multiply-adds (m·n·k) each goroutine
// must get for a product to be split: below it, a hand-off costs more than
// it saves. A variable so that tests can split small products.
var minParallelWork = 1 << 17

// gemmPlain splits C into t stripes of whole tiles along its longer side,
// one goroutine each. The tile grid, and with it the arithmetic of every
// element, is the same for any t.
func gemmPlain(p *kernelPath, nthreads int, g gemmArgs) {
	if g.m == 0 || g.n == 0 {
		return
	}
	if g.k == 0 || g.alpha == 0 {
		scaleC(g.m, g.n, g.beta, g.c, g.ldc)
		return
	}
	tilesM, tilesN := (g.m+p.mr-1)/p.mr, (g.n+p.nr-1)/p.nr
	splitM := tilesM >= tilesN
	tiles := tilesN
	if splitM {
		tiles = tilesM
	}
	t := max(1, min(nthreads, tiles, g.m*g.n*g.k/minParallelWork))
	var wg sync.WaitGroup
	for i := 0; i < t; i++ {
		wg.Add(1)
		go func(s gemmArgs) {
			defer wg.Done()
			plainStripe(p, &s)
		}(g.stripe(p, splitM, tiles*i/t, tiles*(i+1)/t))
	}
	wg.Wait()
}

// stripe returns the sub-product of tiles lo … hi−1 of g along m (splitM)
// or n: the same operands, offset to the stripe's first row or column.
func (g gemmArgs) stripe(p *kernelPath, splitM bool, lo, hi int) gemmArgs {
	if splitM {
		lo, hi = lo*p.mr, min(hi*p.mr, g.m)
		g.m = hi - lo
		if g.transA {
			g.a = g.a[lo:]
		} else {
			g.a = g.a[lo*g.lda:]
		}
		g.c = g.c[lo*g.ldc:]
		return g
	}
	lo, hi = lo*p.nr, min(hi*p.nr, g.n)
	g.n = hi - lo
	if g.transB {
		g.b = g.b[lo*g.ldb:]
	} else {
		g.b = g.b[lo:]
	}
	g.c = g.c[lo:]
	return g
}

// plainStripe computes g with the five loops of the Goto/BLIS algorithm
// around the microkernel:
//
//	for jc in steps of NC over n:          a KC×NC block of B → L3
//	  for pc in steps of KC over k:        pack it (B̃)
//	    for ic in steps of MC over m:      an MC×KC block of A → L2, pack it (Ã)
//	      for jr in steps of NR over NC:   a KC×NR micro-panel of B̃ → L1
//	        for ir in steps of MR over MC: the microkernel: C[ir:ir+MR, jr:jr+NR]
//
// beta is applied with the first KC block; later blocks accumulate into C
// (beta = 1). A tile that overhangs the edge of C is computed whole in a
// buffer, from a copy of C's elements, and the part inside C copied back:
// the same arithmetic as a whole tile.
func plainStripe(p *kernelPath, g *gemmArgs) {
	mr, nr := p.mr, p.nr
	kc := min(p.kc, g.k)
	abuf := make([]float64, (min(p.mc, g.m)+mr-1)/mr*mr*kc)
	bbuf := make([]float64, (min(p.nc, g.n)+nr-1)/nr*nr*kc)
	tile := make([]float64, mr*nr)
	for jc := 0; jc < g.n; jc += p.nc {
		nb := min(p.nc, g.n-jc)
		for pc := 0; pc < g.k; pc += p.kc {
			kb := min(p.kc, g.k-pc)
			beta := g.beta
			if pc > 0 {
				beta = 1
			}
			packB(bbuf, g.transB, g.b, g.ldb, pc, jc, kb, nb, nr)
			for ic := 0; ic < g.m; ic += p.mc {
				mb := min(p.mc, g.m-ic)
				packA(abuf, g.transA, g.a, g.lda, ic, pc, mb, kb, mr)
				for jr := 0; jr < nb; jr += nr {
					for ir := 0; ir < mb; ir += mr {
						rows, cols := min(mr, mb-ir), min(nr, nb-jr)
						off := (ic+ir)*g.ldc + jc + jr
						ap, bp := abuf[ir*kb:(ir+mr)*kb], bbuf[jr*kb:(jr+nr)*kb]
						if rows == mr && cols == nr {
							p.kernel(kb, ap, bp, g.c[off:], g.ldc, g.alpha, beta)
							continue
						}
						for i := 0; i < rows; i++ {
							copy(tile[i*nr:i*nr+cols], g.c[off+i*g.ldc:])
						}
						p.kernel(kb, ap, bp, tile, nr, g.alpha, beta)
						for i := 0; i < rows; i++ {
							copy(g.c[off+i*g.ldc:off+i*g.ldc+cols], tile[i*nr:])
						}
					}
				}
			}
		}
	}
}

// scaleC computes C = beta·C on the m×n window of C; beta == 0 writes zeros
// (so a NaN in C does not survive).
func scaleC(m, n int, beta float64, c []float64, ldc int) {
	if beta == 1 {
		return
	}
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}
