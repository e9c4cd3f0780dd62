//go:build !textbook

// engine_sparse.go: products with a left operand that is mostly zeros, skipping
// them: MNIST's pixels are 81% zeros, so a first layer's x·W and xᵀ·dY do
// a fifth of a dense product's work. Each element of a product is the FMA
// chain of its nonzero terms, in order; a zero term adds nothing to a
// dense chain but its rounding of signed zeros (and a 0·Inf, which is NaN
// there), so the results are those of the dense product computed term by
// term. Which way a path takes is its sparse field, set at start-up
// (engine_sparse_amd64.go, engine_sparse_other.go):
//
//   - avx512: where the nonzeros are is kept as one 64-bit mask per column
//     and group of 64 rows (this file), their values read from the matrix
//     itself, and AVX-512 lane masks take two columns at once: an
//     example's pixel p and p+1 are usually both ink or both paper, so a
//     pair shares most of its loads and stores.
//   - avx2, neon, generic: lists of the nonzeros, row by row for A·B,
//     column by column for Aᵀ·B (engine_sparse_lists.go), and each row of
//     C held in registers while its nonzeros' rows of B stream past —
//     AVX2 has no lane masks, and a list makes one FMA per nonzero
//     without a test; 32 columns at a time in AVX2 and in NEON
//     (internal/simd), eight in Go's registers on generic.
//
// Plain twin: gemmPlain (gemm.go), the dense product, which agrees to
// rounding (each chain here skips the zero terms of the dense one; see
// TestSparseGemmMatchesDense, TestEngineMatchesPlain). Measured gain, at
// MNIST's 19% nonzeros, against the same path dense, one thread, on a
// 2-core Sapphire Rapids VM shared with other work: avx512, x·W
// (64×128×784) 240 → 112 µs and xᵀ·dY 220 → 89 µs (BenchmarkEngine,
// median of 3); avx2, x·W 274 → 111 µs and xᵀ·dY 295 → 95 µs; generic,
// 1479 → 835 µs and 1561 → 788 µs (CPU time a product, perf stat's
// task-clock over BenchmarkEngine's sparse cases, the dense ones from the
// commit before the lists, medians of 5 and 3 interleaved runs).

package kernels

import (
	"fmt"
	"math"
	"math/bits"

	"dlgo/kernels/internal/simd"
)

// sparseMaxDensity is the largest fraction of nonzeros in A for which Gemm
// skips A's zeros: MNIST's pixels are 19% nonzero; ReLU outputs, about
// half, stay with the tiles.
const sparseMaxDensity = 0.3

// How a path takes a mostly-zero A (its sparse field), set once at
// start-up (engine_sparse_amd64.go, engine_sparse_other.go).
const (
	sparseNone      uint8 = iota // dense, always
	sparseMasks                  // AVX-512 lane masks (this file, masks_amd64.s)
	sparseListsAVX2              // lists and AVX2 strips (engine_sparse_lists.go, sparse_amd64.s)
	sparseListsGo                // lists and the Go loop (engine_sparse_lists.go)
	sparseListsNEON              // lists and NEON strips (engine_sparse_lists.go, sparse_arm64.s)
)

func init() {
	for _, p := range available {
		p.sparse = sparseWay(p)
	}
}

// sparseGemm computes g through the nonzeros of A, and returns true, when
// the path p takes mostly-zero operands (its sparse field), the product is
// one it takes, and A is mostly zeros (which the masks or lists find out
// after four rows of dense data). The choice depends on the path and the
// operands alone, never on the thread count.
func sparseGemm(p *kernelPath, g *gemmArgs) bool {
	switch p.sparse {
	case sparseMasks:
		return maskedGemm(g)
	case sparseListsAVX2, sparseListsNEON, sparseListsGo:
		return listsGemm(g, p.sparse)
	}
	return false
}

// maskedGemm is sparseGemm on the avx512 path: for C = A·B + beta·C
// (alpha 1, B not transposed, A stored with its rows contiguous) with n a
// multiple of 64 and at least 8 rows in the stored A (a mini-batch). A·B
// takes maskedMulAdd, Aᵀ·B (a weight gradient xᵀ·dY) maskedTMulAdd.
func maskedGemm(g *gemmArgs) bool {
	rows, cols := g.m, g.k // A as stored
	if g.transA {
		rows, cols = g.k, g.m
	}
	if !maskAsm() || g.alpha != 1 || g.transB || g.n%64 != 0 || g.n == 0 ||
		rows < 8 || cols == 0 || g.lda != cols {
		return false
	}
	call := getCall()
	defer putCall(call)
	if !call.masks.build(g.a, rows, cols, sparseMaxDensity) {
		return false
	}
	scaleC(g.m, g.n, g.beta, g.c, g.ldc)
	if g.transA {
		maskedTMulAdd(g.c, g.ldc, &call.masks, g.b, g.ldb, g.n)
	} else {
		maskedMulAdd(g.c, g.ldc, &call.masks, g.b, g.ldb, g.n)
	}
	call.masks.a = nil // drop the reference to the caller's matrix
	return true
}

// nonzeroMasks records where the r×c row-major matrix a is not zero: bit
// i%64 of mask[(i/64)·c + j] is set when a[i·c + j] ≠ 0 (a NaN counts, a
// −0 does not). Only build fills it; the products read a itself for the
// values, so a must not change between Build and the products.
type nonzeroMasks struct {
	a          []float64
	rows, cols int
	nonzeros   int
	mask       []uint64
}

// build sets m to the nonzeros of the r×c matrix a (row stride c), reusing
// m's storage, and returns true; or returns false, leaving m unusable, if
// more than maxDensity of a's entries are nonzero (checked after the first
// four rows, so that dense data is left to Gemm at the cost of a few rows'
// scan, and at the end).
func (m *nonzeroMasks) build(a []float64, r, c int, maxDensity float64) bool {
	mustLen("nonzeroMasks.build", len(a), r*c)
	m.a, m.rows, m.cols, m.nonzeros = a[:r*c], r, c, 0
	m.mask = growUint64(m.mask, (r+63)/64*c)
	for i := 0; i < r; i++ {
		if i%64 == 0 { // a group's masks are cleared as it starts: dense data stops after 4 rows
			clear(m.mask[i/64*c : i/64*c+c])
		}
		m.nonzeros += maskRow(a[i*c:i*c+c], m.mask[i/64*c:i/64*c+c], uint(i%64))
		if (i == 3 || i == r-1) && float64(m.nonzeros) > maxDensity*float64((i+1)*c) {
			m.a = nil
			return false
		}
	}
	return true
}

// nonZeros returns the number of nonzero entries build found.
func (m *nonzeroMasks) nonZeros() int { return m.nonzeros }

// maskRowGeneric sets bit bit of mask[j] for each a[j] ≠ 0 and returns how
// many: the Go loop the assembly replaces.
func maskRowGeneric(a []float64, mask []uint64, bit uint) int {
	mask = mask[:len(a)]
	n := 0
	for j, v := range a {
		if v != 0 {
			mask[j] |= 1 << bit
			n++
		}
	}
	return n
}

// maskedMulAdd computes C += A·B for the r×k matrix A of m (k = its
// columns), B (k×n, row stride ldb) and C (r×n, row stride ldc):
//
//	C[i][j] = fma(a_ip_t, B[p_t][j], … fma(a_ip_1, B[p_1][j], C[i][j]))
//
// over the columns p_1 < … < p_t where row i of A is nonzero. Each row of
// B is read once per 64 columns of C (a block of C of 64 rows × 64
// columns stays in L1, in a padded copy: padBlock), and scattered onto the
// rows of C its column of A names. Threads share the blocks of 64 columns;
// each element is computed by one thread, the same way, so the bits do
// not depend on the thread count.
func maskedMulAdd(c []float64, ldc int, m *nonzeroMasks, b []float64, ldb, n int) {
	maskedProduct("maskedMulAdd", false, c, ldc, m, b, ldb, n)
}

// maskedTMulAdd computes C += Aᵀ·B for the r×k matrix A of m, B (r×n, row
// stride ldb) and C (k×n, row stride ldc):
//
//	C[p][j] = fma(a_i_t p, B[i_t][j], … fma(a_i_1 p, B[i_1][j], C[p][j]))
//
// over the rows i_1 < … < i_t where column p of A is nonzero: a weight
// gradient xᵀ·dY. Each row of C is held in registers while the rows of B
// it needs stream past from L1 (a padded copy of B's 64 rows × 64 columns:
// padBlock). Threads share C's rows, split as Axpy splits C's storage
// (rowSplit), so that a gradient zeroed, summed and used in an update
// stays on one core.
func maskedTMulAdd(c []float64, ldc int, m *nonzeroMasks, b []float64, ldb, n int) {
	maskedProduct("maskedTMulAdd", true, c, ldc, m, b, ldb, n)
}

// maskedProduct checks the operands of maskedMulAdd (or, with trans, of
// maskedTMulAdd, whose C has A's columns for rows and B A's rows) and runs
// it in parts: blocks of 64 columns (rows of C with trans, on rowSplit's
// bounds), as many as the work pays for.
func maskedProduct(name string, trans bool, c []float64, ldc int, m *nonzeroMasks, b []float64, ldb, n int) {
	if m.a == nil || ldc < n || ldb < n {
		panic(fmt.Sprintf("kernels.%s: masks not built, or ldc %d, ldb %d for n %d", name, ldc, ldb, n))
	}
	cRows, bRows := m.rows, m.cols
	if trans {
		cRows, bRows = m.cols, m.rows
	}
	if cRows == 0 || n == 0 {
		return
	}
	mustLen(name, len(c), (cRows-1)*ldc+n)
	if bRows > 0 {
		mustLen(name, len(b), (bRows-1)*ldb+n)
	}
	blocks := (n + 63) / 64
	t := min(max(1, m.nonzeros*n/(minParallelWork*workScale())), Threads(), maxInline)
	if trans {
		t = min(t, cRows)
	} else {
		t = min(t, blocks)
	}
	call := getVecCall(t)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < t; i++ {
		p := maskedPart{c, ldc, m, b, ldb, 0, m.cols, 0, n, trans, &call.scratch[i]}
		if trans {
			p.p0, p.p1 = rowSplit(cRows, ldc, i, t), rowSplit(cRows, ldc, i+1, t)
		} else {
			p.lo, p.hi = blocks*i/t*64, min(n, blocks*(i+1)/t*64)
		}
		call.masked[i] = p
		parts = append(parts, &call.masked[i])
	}
	if t == 1 {
		parts[0].run()
	} else {
		runParts(&call.done, parts)
	}
	putVecCall(call)
}

// maskedPart is a share of maskedMulAdd (columns p0 … p1−1 of A, all of
// them; columns lo … hi−1 of C) or of maskedTMulAdd (trans: rows p0 …
// p1−1 of C; columns lo … hi−1).
type maskedPart struct {
	c       []float64
	ldc     int
	m       *nonzeroMasks
	b       []float64
	ldb     int
	p0, p1  int
	lo, hi  int
	trans   bool
	scratch *[]float64 // a padded block (padBlock)
}

func (p *maskedPart) run() {
	if p.trans {
		maskedTCols(p.c, p.ldc, p.m, p.b, p.ldb, p.p0, p.p1, p.lo, p.hi, p.scratch)
	} else {
		maskedCols(p.c, p.ldc, p.m, p.b, p.ldb, p.lo, p.hi, p.scratch)
	}
}

// maskedCols computes columns lo … hi−1 of maskedMulAdd, a group of 64
// rows of C and 64 columns at a time in assembly where there is some, the
// rest with the Go loop.
func maskedCols(c []float64, ldc int, m *nonzeroMasks, b []float64, ldb, lo, hi int, scratch *[]float64) {
	k := m.cols
	for g := 0; g*64 < m.rows; g++ {
		r0, rows := g*64, min(64, m.rows-g*64)
		cg, ag, mg := c[r0*ldc:], m.a[r0*k:], m.mask[g*k:g*k+k]
		j := lo
		if maskAsm() {
			for ; j+64 <= hi; j += 64 {
				// The block of C is worked on in a padded copy, where
				// its 64 rows spread over all of L1's sets.
				cc := padBlock(scratch, cg[j:], ldc, rows)
				maskedScatter64(cc, padStride, ag, k, mg, b[j:], ldb)
				for i := 0; i < rows; i++ {
					copy(cg[i*ldc+j:i*ldc+j+64], cc[i*padStride:i*padStride+64])
				}
			}
		}
		if j < hi {
			maskedScatterGeneric(cg[j:], ldc, ag, k, mg, 0, k, b[j:], ldb, hi-j)
		}
	}
}

// maskedScatterGeneric computes, for p0 ≤ p < p1 in order and each row i
// (of up to 64) whose bit is set in mask[p], c[i·ldc + j] =
// fma(a[i·lda + p], b[p·ldb + j], c[i·ldc + j]) for j < n: the Go loop the
// assembly replaces (which takes two columns p at a time, in the same
// order for each element).
func maskedScatterGeneric(c []float64, ldc int, a []float64, lda int, mask []uint64, p0, p1 int, b []float64, ldb, n int) {
	for p := p0; p < p1; p++ {
		br := b[p*ldb : p*ldb+n]
		for u := mask[p]; u != 0; u &= u - 1 {
			i := bits.TrailingZeros64(u)
			v, row := a[i*lda+p], c[i*ldc:i*ldc+n]
			for j := range row {
				row[j] = math.FMA(v, br[j], row[j])
			}
		}
	}
}

// maskedTCols computes rows p0 … p1−1, columns lo … hi−1 of
// maskedTMulAdd, 64 columns at a time in assembly where there is some,
// the rest with the Go loop.
func maskedTCols(c []float64, ldc int, m *nonzeroMasks, b []float64, ldb, p0, p1, lo, hi int, scratch *[]float64) {
	k := m.cols
	j := lo
	if maskAsm() {
		for ; j+64 <= hi; j += 64 {
			for g := 0; g*64 < m.rows; g++ {
				r0, rows := g*64, min(64, m.rows-g*64)
				bb := padBlock(scratch, b[r0*ldb+j:], ldb, rows)
				maskedGather64(c[j:], ldc, m.a[r0*k:], k, m.mask[g*k:g*k+k], p0, p1, bb, padStride)
			}
		}
	}
	if j < hi {
		for g := 0; g*64 < m.rows; g++ {
			r0 := g * 64
			maskedGatherGeneric(c[j:], ldc, m.a[r0*k:], k, m.mask[g*k:g*k+k], p0, p1, b[r0*ldb+j:], ldb, hi-j)
		}
	}
}

// maskedGatherGeneric computes, for p0 ≤ p < p1 and each row i (of up to
// 64) whose bit is set in mask[p], in order, c[p·ldc + j] =
// fma(a[i·lda + p], b[i·ldb + j], c[p·ldc + j]) for j < n: the Go loop the
// assembly replaces.
func maskedGatherGeneric(c []float64, ldc int, a []float64, lda int, mask []uint64, p0, p1 int, b []float64, ldb, n int) {
	for p := p0; p < p1; p++ {
		row := c[p*ldc : p*ldc+n]
		for u := mask[p]; u != 0; u &= u - 1 {
			i := bits.TrailingZeros64(u)
			v, br := a[i*lda+p], b[i*ldb:i*ldb+n]
			for j := range row {
				row[j] = math.FMA(v, br[j], row[j])
			}
		}
	}
}

// rowSplit returns the first row of part i of t of a matrix of rows rows
// (row stride ldc), i = t giving rows: the first row that starts where
// Axpy's part i starts (partBounds) on the matrix's storage, or after (on
// that row itself for an even split of 2 parts and a stride that is a
// multiple of 8, as a 784×128 gradient). A weight gradient split this
// way, and zeroed (Zero) and used in the update (Axpy) on the same
// threads, stays in one core's caches from step to step instead of
// crossing to the other.
func rowSplit(rows, ldc, i, t int) int {
	if i == t {
		return rows
	}
	lo, _ := partBounds(rows*ldc, i, t)
	return min(rows, (lo+ldc-1)/ldc)
}

// padStride is the row stride, in values, of a 64-column block copied out
// by padBlock: 576 bytes, 9 cache lines. A block cut from rows 1 KiB apart
// (a matrix of 128 columns) falls into half of L1's 64 sets (a line's set
// is its address/64 mod 64), and 64 rows of it, 512 lines, overflow their
// 12 ways; 9 lines apart, the rows spread over all 64 sets. Measured on an
// MNIST step (Zen 5): each product about 10% faster.
const padStride = 72

// padBlock copies columns 0 … 63 of the rows×64 block at a (row stride
// lda) into *scratch, grown as needed, with row stride padStride, and
// returns the copy.
func padBlock(scratch *[]float64, a []float64, lda, rows int) []float64 {
	*scratch = growFloat(*scratch, rows*padStride)
	buf := *scratch
	for i := 0; i < rows; i++ {
		copy(buf[i*padStride:i*padStride+64], a[i*lda:i*lda+64])
	}
	return buf
}

func growFloat(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

func growUint64(buf []uint64, n int) []uint64 {
	if cap(buf) < n {
		return make([]uint64, n)
	}
	return buf[:n]
}

// maskAsm reports whether the masked products run in assembly: on a path
// the engine switched them on for at start-up (avx512 with BMI1,
// engine_sparse_amd64.go).
func maskAsm() bool { return current.Load().sparse == sparseMasks }

// maskRow sets bit bit of mask[j] for each a[j] ≠ 0 and returns how
// many: the assembly on the longest multiple of 8, the Go loop on the
// rest.
func maskRow(a []float64, mask []uint64, bit uint) int {
	done, n := 0, 0
	if maskAsm() {
		done, n = simd.MaskRow(a, mask, bit)
	}
	return n + maskRowGeneric(a[done:], mask[done:], bit)
}

// maskedScatter64 is maskedScatterGeneric on columns 0 … 63 and all k
// columns of a (row stride lda = k), for a group of up to 64 rows of c
// (row stride ldc): the assembly on the pairs of columns, the Go loop on
// the last one if k is odd (after the others, as each element's chain
// takes the columns in order). maskedCols has checked the sizes.
func maskedScatter64(c []float64, ldc int, a []float64, k int, mask []uint64, b []float64, ldb int) {
	if pairs := k / 2; pairs > 0 {
		simd.MaskedScatterPairs(c, ldc, a, k, mask, pairs, b, ldb)
	}
	if k%2 == 1 {
		maskedScatterGeneric(c, ldc, a, k, mask, k-1, k, b, ldb, 64)
	}
}

// maskedGather64 is maskedGatherGeneric on columns 0 … 63 and rows p0 …
// p1−1 of c: the assembly on pairs of rows, the Go loop on the last one
// if there is an odd number. maskedTCols has checked the sizes.
func maskedGather64(c []float64, ldc int, a []float64, k int, mask []uint64, p0, p1 int, b []float64, ldb int) {
	if pairs := (p1 - p0) / 2; pairs > 0 {
		simd.MaskedGatherPairs(c[p0*ldc:], ldc, a[p0:], k, mask[p0:], pairs, b, ldb)
	}
	if (p1-p0)%2 == 1 {
		maskedGatherGeneric(c, ldc, a, k, mask, p1-1, p1, b, ldb, 64)
	}
}
