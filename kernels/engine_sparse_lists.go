//go:build !textbook

// engine_sparse_lists.go: the sparse products of the paths without AVX-512
// lane masks (avx2, neon, generic): a mostly-zero A kept as lists of its
// nonzeros (the positions and the values), row by row for A·B, column by
// column for Aᵀ·B, and each row of C
// computed from its list with the row of C held in registers — 32 columns
// in eight ymm registers on avx2 (internal/simd/sparse_amd64.s), in
// sixteen V registers on neon (sparse_arm64.s), eight in Go's registers
// on generic — and one fused multiply-add per nonzero and column. What it deliberately is not: a general sparse-matrix library;
// the lists live for one Gemm call and are rebuilt from A at the next.
//
// Bits: each element of C is the FMA chain of its nonzero terms, in order
// of the summation index (as maskedMulAdd's), whatever the path, the
// strip width or the thread count: the assembly and the Go loop
// (sparseStripGeneric) compute every element the same way.
//
// Cache blocking: the rows of B a list names are read through one strip
// of 32 columns at a time, in blocks of sparseKB rows, so that the block
// (sparseKB·256 bytes, 16 KiB) stays in L1 while every row of C takes its
// nonzeros in it. Unblocked, the strip of a 784×128 W is 200 KiB: more
// than a Zen 3's L1, and read from L2 once per row of C.
//
// Plain twin: gemmPlain (gemm.go), the dense product, which agrees to
// rounding (TestEngineMatchesPlain, TestSparseGemmMatchesDense); the Go
// loops (sparseStripGeneric, compactRowGeneric, transpose's) are the
// twins of the assembly, bit for bit (TestSparseLists, TestCompactRow).
// Measured gain: see engine_sparse.go's header. Where the time of a
// 64×784 batch at 19% goes on avx2 (CPU time, BenchmarkSparseLists):
// the lists of its rows 17 µs (51 in Go), of its columns for xᵀ·dY 18
// (read off masks; by the Go paths' build and transpose, 77), the strips
// of x·W 83 (unblocked, 109), of xᵀ·dY 65.

package kernels

import (
	"math"
	"math/bits"
	"sync"

	"dlgo/kernels/internal/simd"
)

// sparseKB is the number of rows of B in a block (see the file comment):
// 64 rows of a 32-column strip are 16 KiB, half a Zen 3's L1.
const sparseKB = 64

// sparseLists holds the nonzeros of a matrix M (rows × cols) row by row:
// the entries of row i are idx[e], val[e] for e from bnd[i·(blocks+1)]
// to bnd[i·(blocks+1)+blocks], in increasing idx, and the ones with idx in
// block q (q·sparseKB ≤ idx < (q+1)·sparseKB) start at
// bnd[i·(blocks+1)+q]. M is A for A·B (a row of C per row of A) and Aᵀ
// for Aᵀ·B.
type sparseLists struct {
	rows, cols int
	blocks     int // ⌈cols/sparseKB⌉
	nonzeros   int
	bnd        []int32
	idx        []int32
	val        []float64
}

// sparseMinN is the narrowest product the lists take: below a ymm
// register's 4 columns every column is a Go chain.
const sparseMinN = 4

// listsGemm is sparseGemm on the paths with lists (way: sparseListsAVX2,
// sparseListsNEON or sparseListsGo, which strips and list builders run):
// C = A·B + beta·C or Aᵀ·B + beta·C with alpha 1 and B not transposed, at
// least sparseMinN columns and 8 rows in the stored A (a mini-batch), A
// mostly zeros. A·B runs on the lists of A's rows, Aᵀ·B (a weight
// gradient xᵀ·dY) on those of its columns (buildColumns, transpose).
func listsGemm(g *gemmArgs, way uint8) bool {
	rows, cols := g.m, g.k // A as stored
	if g.transA {
		rows, cols = g.k, g.m
	}
	if g.alpha != 1 || g.transB || g.n < sparseMinN || rows < 8 || cols == 0 {
		return false
	}
	return listsProduct(g, way, sparseMaxDensity)
}

// listsProduct computes g (alpha 1, B not transposed) on lists, and
// returns true, unless more than maxDensity of A is nonzero.
func listsProduct(g *gemmArgs, way uint8, maxDensity float64) bool {
	asm := way == sparseListsAVX2 // the lists built in AVX2
	rows, cols := g.m, g.k
	if g.transA {
		rows, cols = g.k, g.m
	}
	s := getSparseCall()
	defer putSparseCall(s)
	// Aᵀ·B takes the lists of A's columns: read off masks in AVX2
	// (buildColumns), transposed from those of its rows in Go, which is
	// faster there (a 64×784 batch at 19%: 77 µs against 140).
	l := &s.lists
	switch {
	case g.transA && asm:
		l = &s.trans
		if !l.buildColumns(g.a, rows, cols, g.lda, maxDensity, asm, &s.masks) {
			return false
		}
	case !l.build(g.a, rows, cols, g.lda, maxDensity, asm):
		return false
	case g.transA:
		s.trans.transpose(l, &s.cursor)
		l = &s.trans
	}
	scaleC(g.m, g.n, g.beta, g.c, g.ldc)
	s.run(l, g, way)
	return true
}

// sparseCall holds what one product on lists needs beyond its arguments,
// reused from call to call (a free list, as Gemm's contexts) so that the
// steady state allocates nothing: the lists of A's rows, of its columns,
// the transpose's cursor, buildColumns's masks, and a part per thread.
type sparseCall struct {
	done   waiter
	lists  sparseLists
	trans  sparseLists
	cursor []int32
	masks  []uint64
	parts  [maxInline]listsPart
}

var sparseCalls struct {
	sync.Mutex
	free []*sparseCall
}

func getSparseCall() *sparseCall {
	sparseCalls.Lock()
	defer sparseCalls.Unlock()
	if n := len(sparseCalls.free); n > 0 {
		s := sparseCalls.free[n-1]
		sparseCalls.free = sparseCalls.free[:n-1]
		return s
	}
	return new(sparseCall)
}

func putSparseCall(s *sparseCall) {
	clear(s.parts[:]) // drop the references to the caller's matrices
	sparseCalls.Lock()
	defer sparseCalls.Unlock()
	sparseCalls.free = append(sparseCalls.free, s)
}

// listsPart is one thread's share of a product on lists: rows r0 … r1−1
// of C.
type listsPart struct {
	c      []float64
	ldc    int
	l      *sparseLists
	b      []float64
	ldb, n int
	r0, r1 int
	way    uint8
}

func (p *listsPart) run() { listsMulAdd(p.c, p.ldc, p.l, p.b, p.ldb, p.n, p.r0, p.r1, p.way) }

// run computes C += M·B for the lists l of M on as many threads as the
// work pays for (its nonzeros times n multiply-adds, as Gemm counts
// m·n·k), each a share of C's rows: for A·B, shares of equal nonzeros
// (the rows of a batch have unequal ink); for Aᵀ·B, a weight gradient,
// the rows where Axpy's shares of its storage start (rowSplit), so that
// the gradient stays on the core that zeroes and uses it. Each element is
// computed by one thread, the same way: the bits do not depend on the
// thread count.
func (s *sparseCall) run(l *sparseLists, g *gemmArgs, way uint8) {
	t := min(max(1, l.nonzeros*g.n/(minParallelWork*workScale())), Threads(), maxInline, l.rows)
	nb := l.blocks + 1
	r0 := 0
	for i := 0; i < t; i++ {
		r1 := l.rows
		if i < t-1 && g.transA {
			r1 = rowSplit(l.rows, g.ldc, i+1, t)
		} else if i < t-1 {
			// The first row whose end reaches the share's end.
			goal := int32(l.nonzeros * (i + 1) / t)
			for r1 = r0; r1 < l.rows && l.bnd[r1*nb+l.blocks] < goal; r1++ {
			}
			r1 = min(r1+1, l.rows)
		}
		s.parts[i] = listsPart{g.c, g.ldc, l, g.b, g.ldb, g.n, r0, r1, way}
		r0 = r1
	}
	if t == 1 {
		s.parts[0].run()
		return
	}
	ensureWorkers(t - 1)
	s.done.add(t - 1)
	for i := 1; i < t; i++ {
		pool.queue <- job{&s.parts[i], &s.done}
	}
	s.parts[0].run()
	s.done.wait()
}

// maxListLen bounds what the int32 indices of sparseLists can address.
const maxListLen = math.MaxInt32

// build sets l to the nonzeros of the r×c matrix a (row stride lda; a
// NaN counts, a −0 does not), reusing l's storage, and returns true; or
// returns false, leaving l unusable, if more than maxDensity of them are
// nonzero: checked after every row against the whole matrix's allowance
// (which bounds the storage), and after the first eight rows against
// twice the density (dense data costs eight rows' scan). Not against the
// density itself so early: eight thick digits can have 30% ink, and a
// batch of MNIST should not leave the lists for the tiles now and then.
func (l *sparseLists) build(a []float64, r, c, lda int, maxDensity float64, asm bool) bool {
	if r*c >= maxListLen || r == 0 || c == 0 {
		return false
	}
	mustLen("sparseLists.build", len(a), (r-1)*lda+c)
	nb := (c + sparseKB - 1) / sparseKB
	limit := int(maxDensity * float64(r*c))
	l.rows, l.cols, l.blocks, l.nonzeros = r, c, nb, 0
	l.bnd = growInt32(l.bnd, r*(nb+1))
	// compactRow writes every element of a row before it knows which
	// count: room for a whole row past the allowance. Up to listsUpfront
	// entries (a batch of MNIST: 16 thousand) that room is made at once,
	// so that no batch allocates once one has run; beyond, as the rows
	// need it, so that a large dense A, refused after eight rows, does not
	// cost the storage of a sparse one.
	need := limit + c
	if need <= listsUpfront {
		l.idx, l.val = growInt32(l.idx, need), growFloat(l.val, need)
	}
	n := 0
	for i := 0; i < r; i++ {
		if n+c > len(l.idx) {
			l.growLists(n, min(need, max(2*cap(l.idx), n+c)))
		}
		row := a[i*lda : i*lda+c]
		bnd := l.bnd[i*(nb+1) : (i+1)*(nb+1)]
		n = compactRow(l.idx, l.val, n, row, bnd, asm)
		bnd[nb] = int32(n)
		if n > limit || (i == 7 && float64(n) > 2*maxDensity*float64(8*c)) {
			return false
		}
	}
	l.nonzeros = n
	return true
}

// listsUpfront is how many entries build makes room for before it scans
// A (see there): 12 MiB of positions and values.
const listsUpfront = 1 << 20

// growLists makes room for size entries in l.idx and l.val, keeping the
// first n.
func (l *sparseLists) growLists(n, size int) {
	if cap(l.idx) >= size {
		l.idx, l.val = l.idx[:size], l.val[:size]
		return
	}
	idx, val := make([]int32, size), make([]float64, size)
	copy(idx, l.idx[:n])
	copy(val, l.val[:n])
	l.idx, l.val = idx, val
}

// compactRow writes the nonzeros of the row x at idx[n:], val[n:] (their
// positions and values), and the count at the start of each block of
// sparseKB values at bnd[0], bnd[1], …, and returns n plus their count.
// idx and val must have room for all of x from n: every element is
// written, and the count advances past the nonzeros only, so that the
// loop has no branch on the data — MNIST's ink and paper alternate too
// irregularly for a branch predictor. asm: in AVX2 (simd.CompactRow).
func compactRow(idx []int32, val []float64, n int, x []float64, bnd []int32, asm bool) int {
	done := 0
	if asm {
		done, n = simd.CompactRow(idx, val, n, x, bnd, sparseKB)
	}
	return compactRowGeneric(idx, val, n, x, done, bnd)
}

// compactRowGeneric is compactRow on x[from:] in Go, the twin of
// simd.CompactRow.
func compactRowGeneric(idx []int32, val []float64, n int, x []float64, from int, bnd []int32) int {
	idx, val = idx[:n+len(x)-from], val[:n+len(x)-from]
	for j := from; j < len(x); {
		if j%sparseKB == 0 {
			bnd[j/sparseKB] = int32(n)
		}
		end := min(len(x), (j/sparseKB+1)*sparseKB)
		for ; j < end; j++ {
			v := x[j]
			idx[n], val[n] = int32(j), v
			n += b2i(v != 0)
		}
	}
	return n
}

// b2i is 1 for true, 0 for false (a SETcc, not a branch).
func b2i(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}

// buildColumns sets t to the lists of Aᵀ for the r×c matrix a (row
// stride lda): row p of t holds the nonzeros of column p of a, in
// increasing row, in blocks of 64 rows; and returns true, or false if
// more than maxDensity of a is nonzero (checked as build checks). Where
// the nonzeros are is found first, row by row along a's storage, as
// masks — one 64-bit word per column and group of 64 rows (*masks,
// reused; as nonzeroMasks) — and the lists are then read off the masks
// column by column, the values from a: a transpose that writes its lists
// in order rather than scattering them (measured on a 64×784 batch at
// 19%, avx2: 22 µs of CPU time, against 42 for build and transpose).
// asm: both steps in assembly (simd.MaskRowAVX2, simd.ListsFromMasks).
func (t *sparseLists) buildColumns(a []float64, r, c, lda int, maxDensity float64, asm bool, masks *[]uint64) bool {
	if r*c >= maxListLen || r == 0 || c == 0 {
		return false
	}
	mustLen("sparseLists.buildColumns", len(a), (r-1)*lda+c)
	groups := (r + 63) / 64
	limit := int(maxDensity * float64(r*c))
	*masks = growUint64(*masks, groups*c)
	m := *masks
	n := 0
	for i := 0; i < r; i++ {
		mg := m[i/64*c : i/64*c+c]
		if i%64 == 0 {
			clear(mg)
		}
		row, done := a[i*lda:i*lda+c], 0
		if asm {
			var k int
			done, k = simd.MaskRowAVX2(row, mg, uint(i%64))
			n += k
		}
		n += maskRowGeneric(row[done:], mg[done:], uint(i%64))
		if n > limit || (i == 7 && float64(n) > 2*maxDensity*float64(8*c)) {
			return false
		}
	}
	t.rows, t.cols, t.blocks, t.nonzeros = c, r, groups, n
	t.bnd = growInt32(t.bnd, c*(groups+1))
	// Room for the allowance, up to listsUpfront, so that the next batch,
	// with more nonzeros, does not allocate.
	if size := max(n, min(limit, listsUpfront)); cap(t.idx) < size {
		t.idx, t.val = make([]int32, size), make([]float64, size)
	}
	t.idx, t.val = t.idx[:n], t.val[:n]
	if asm {
		simd.ListsFromMasks(t.idx, t.val, t.bnd, m, n, a, r, c, lda)
	} else {
		listsFromMasksGeneric(t.idx, t.val, t.bnd, m, a, r, c, lda)
	}
	return true
}

// listsFromMasksGeneric is the Go twin of simd.ListsFromMasks: for each
// column p, for each group g of 64 rows, the count so far at
// bnd[p·(groups+1) + g], then the rows of the bits of mask[g·c + p],
// lowest first, and their values; the column's end last.
func listsFromMasksGeneric(idx []int32, val []float64, bnd []int32, mask []uint64, a []float64, r, c, lda int) {
	groups := (r + 63) / 64
	n := 0
	for p := 0; p < c; p++ {
		for g := 0; g < groups; g++ {
			bnd[p*(groups+1)+g] = int32(n)
			for u := mask[g*c+p]; u != 0; u &= u - 1 {
				i := g*64 + bits.TrailingZeros64(u)
				idx[n], val[n] = int32(i), a[i*lda+p]
				n++
			}
		}
		bnd[p*(groups+1)+groups] = int32(n)
	}
}

// transpose sets t to the lists of Mᵀ from those of M (l), reusing t's
// storage and *cursor (a column count): column p of M becomes row p of t,
// its entries in increasing row of M, in blocks of sparseKB rows of M.
// The Go paths' way to the lists of A's columns (buildColumns is AVX2's).
func (t *sparseLists) transpose(l *sparseLists, cursor *[]int32) {
	r, c, n := l.rows, l.cols, l.nonzeros
	nb := (r + sparseKB - 1) / sparseKB
	t.rows, t.cols, t.blocks, t.nonzeros = c, r, nb, n
	t.bnd = growInt32(t.bnd, c*(nb+1))
	// As long as l's storage, not its count: the next batch's count may
	// be higher, and it is not to allocate.
	if cap(t.idx) < n {
		t.idx, t.val = make([]int32, n, cap(l.idx)), make([]float64, n, cap(l.val))
	}
	t.idx, t.val = t.idx[:n], t.val[:n]
	*cursor = growInt32(*cursor, c)
	cur := *cursor
	clear(cur)
	for _, p := range l.idx[:n] {
		cur[p]++
	}
	s := int32(0)
	for p, k := range cur { // counts → where each row of t starts
		cur[p], s = s, s+k
	}
	// Block by block of sparseKB columns of M, so that the rows of t
	// being written (a few KiB) stay in L1 rather than spread over all of
	// t's storage.
	lb := l.blocks + 1
	tidx, tval, tbnd := t.idx, t.val, t.bnd
	for q := 0; q < l.blocks; q++ {
		cols := cur[q*sparseKB : min(c, (q+1)*sparseKB)]
		for i := 0; i < r; i++ {
			if i%sparseKB == 0 {
				for p, k := range cols {
					tbnd[(q*sparseKB+p)*(nb+1)+i/sparseKB] = k
				}
			}
			lo, hi := l.bnd[i*lb+q], l.bnd[i*lb+q+1]
			lval := l.val[lo:hi]
			for e, p := range l.idx[lo:hi] {
				k := cur[p]
				tidx[k], tval[k] = int32(i), lval[e]
				cur[p] = k + 1
			}
		}
	}
	for p, k := range cur {
		t.bnd[p*(nb+1)+nb] = k
	}
}

// listsMulAdd computes rows r0 … r1−1 of C += M·B for the lists l of M, B
// (l.cols×n, row stride ldb) and C (l.rows×n, row stride ldc):
//
//	C[i][j] = fma(v_t, B[p_t][j], … fma(v_1, B[p_1][j], C[i][j]))
//
// over the entries (p_1, v_1) … (p_t, v_t) of row i, in order. way picks
// the assembly strips: AVX2's of 32 and 4 columns (sparseListsAVX2),
// NEON's of 32 (sparseListsNEON); the columns left, and every column on
// sparseListsGo, go through the Go loop, which gives the same bits. Strip
// by strip, block by block of B's rows, row by row of C.
func listsMulAdd(c []float64, ldc int, l *sparseLists, b []float64, ldb, n, r0, r1 int, way uint8) {
	if r0 >= r1 {
		return
	}
	nb := l.blocks + 1
	j := 0
	switch way {
	case sparseListsAVX2:
		for ; j+32 <= n; j += 32 {
			for q := 0; q < l.blocks; q++ {
				simd.SparseStrip32(c[r0*ldc+j:], ldc, l.bnd[r0*nb+q:], nb, 1, l.idx, l.val, r1-r0, b[j:], ldb, l.cols)
			}
		}
		for ; j+4 <= n; j += 4 {
			simd.SparseStrip4(c[r0*ldc+j:], ldc, l.bnd[r0*nb:], nb, l.blocks, l.idx, l.val, r1-r0, b[j:], ldb, l.cols)
		}
	case sparseListsNEON:
		for ; j+32 <= n; j += 32 {
			for q := 0; q < l.blocks; q++ {
				simd.SparseStrip32NEON(c[r0*ldc+j:], ldc, l.bnd[r0*nb+q:], nb, 1, l.idx, l.val, r1-r0, b[j:], ldb, l.cols)
			}
		}
	}
	for ; j+8 <= n; j += 8 {
		for q := 0; q < l.blocks; q++ {
			sparseStripGeneric(c, ldc, l, q, q+1, r0, r1, b, ldb, j, 8)
		}
	}
	if j < n {
		sparseStripGeneric(c, ldc, l, 0, l.blocks, r0, r1, b, ldb, j, n-j)
	}
}

// sparseStripGeneric computes columns j0 … j0+w−1 of rows r0 … r1−1 of
// listsMulAdd, over the entries of blocks q0 … q1−1: the Go loop the
// assembly replaces. Eight columns (w = 8) are held in locals across a
// row's entries, as the assembly holds 32 in registers; other widths go
// column by column.
func sparseStripGeneric(c []float64, ldc int, l *sparseLists, q0, q1, r0, r1 int, b []float64, ldb, j0, w int) {
	nb := l.blocks + 1
	for i := r0; i < r1; i++ {
		lo, hi := l.bnd[i*nb+q0], l.bnd[i*nb+q1]
		if lo == hi {
			continue
		}
		idx, val := l.idx[lo:hi], l.val[lo:hi]
		row := c[i*ldc+j0 : i*ldc+j0+w]
		if w == 8 {
			c0, c1, c2, c3 := row[0], row[1], row[2], row[3]
			c4, c5, c6, c7 := row[4], row[5], row[6], row[7]
			for e, p := range idx {
				v, br := val[e], b[int(p)*ldb+j0:int(p)*ldb+j0+8]
				c0 = math.FMA(v, br[0], c0)
				c1 = math.FMA(v, br[1], c1)
				c2 = math.FMA(v, br[2], c2)
				c3 = math.FMA(v, br[3], c3)
				c4 = math.FMA(v, br[4], c4)
				c5 = math.FMA(v, br[5], c5)
				c6 = math.FMA(v, br[6], c6)
				c7 = math.FMA(v, br[7], c7)
			}
			row[0], row[1], row[2], row[3] = c0, c1, c2, c3
			row[4], row[5], row[6], row[7] = c4, c5, c6, c7
			continue
		}
		for j := range row {
			s := row[j]
			for e, p := range idx {
				s = math.FMA(val[e], b[int(p)*ldb+j0+j], s)
			}
			row[j] = s
		}
	}
}

func growInt32(buf []int32, n int) []int32 {
	if cap(buf) < n {
		return make([]int32, n)
	}
	return buf[:n]
}
