// sparse.go: products whose left operand is mostly zeros, kept as lists of
// its nonzeros (compressed rows): MNIST's pixels are 81% zeros, so the
// first layer's x·W and xᵀ·dY do a fifth of a dense product's work when
// they skip them. Each element is the FMA chain of its nonzero terms, in
// order; a zero term adds nothing to a dense chain but its rounding of
// signed zeros (and a 0·Inf, which is NaN there), so the results are those
// of the dense product computed term by term. x·W runs on xᵀ (SpMMAddT),
// which xᵀ·dY needs too (SpMMAdd on xᵀ): each row of W is then read once.

package kernels

import (
	"fmt"
	"math"
)

// SparseRows is a matrix of Rows×Cols kept as its nonzeros: row i's are
// val[ptr[i]:ptr[i+1]], in columns col[ptr[i]:ptr[i+1]], in increasing
// column order (compressed sparse rows). Only Compress fills it, so every
// column index is in range: the assembly, which does no bounds checks,
// relies on it.
type SparseRows struct {
	Rows, Cols int
	ptr, col   []int32
	val        []float64
}

// Compress sets s to the nonzeros of the r×c row-major matrix a (row
// stride c), reusing s's storage. It stops early and returns false,
// leaving s unusable, once the first rows show more than maxDensity of
// nonzeros (checked after each row from the fourth on; 0 < maxDensity ≤ 1):
// dense data is left to Gemm at the cost of a few rows' scan.
func (s *SparseRows) Compress(a []float64, r, c int, maxDensity float64) bool {
	mustLen("SparseRows.Compress", len(a), r*c)
	s.Rows, s.Cols = r, c
	s.ptr = growInt32(s.ptr, r+1)
	// Room for compressRow's whole-register stores past the last value.
	s.col = growInt32(s.col, r*c+16)
	s.val = growFloat(s.val, r*c+8)
	n := 0
	s.ptr[0] = 0
	for i := 0; i < r; i++ {
		n += compressRow(a[i*c:i*c+c], s.col[n:], s.val[n:])
		s.ptr[i+1] = int32(n)
		if i >= 3 && float64(n) > maxDensity*float64((i+1)*c) {
			return false
		}
	}
	s.col, s.val = s.col[:n], s.val[:n]
	return true
}

// compressGeneric writes the nonzeros of a and their column numbers,
// base + j, to val and col, and returns how many: the Go loop the
// assembly replaces. Each value is written, and kept when it is not zero
// (of either sign), without a branch to mispredict on the pattern of
// zeros; col and val need room for len(a).
func compressGeneric(a []float64, col []int32, val []float64, base int) int {
	col, val = col[:len(a)], val[:len(a)]
	n := 0
	for j, v := range a {
		col[n], val[n] = int32(base+j), v
		b := math.Float64bits(v) << 1
		n += int((b | -b) >> 63)
	}
	return n
}

// Transpose sets t to Sᵀ, reusing t's storage: the nonzeros grouped by
// column of S, each column's in row order (a counting sort). A weight
// gradient xᵀ·dY is SpMMAdd on xᵀ: each row of the gradient is then held
// in registers while the rows of dY it needs stream past.
func (s *SparseRows) Transpose(t *SparseRows) {
	nnz := int(s.ptr[s.Rows])
	t.Rows, t.Cols = s.Cols, s.Rows
	t.ptr = growInt32(t.ptr, s.Cols+1)
	// Room for any number of nonzeros, so that the steady state does not
	// allocate whenever a batch has more of them than any before.
	t.col = growInt32(t.col[:cap(t.col)], s.Rows*s.Cols)[:nnz]
	t.val = growFloat(t.val[:cap(t.val)], s.Rows*s.Cols)[:nnz]
	ptr, tcol, tval := t.ptr, t.col, t.val
	clear(ptr)
	for _, j := range s.col[:nnz] {
		ptr[j+1]++
	}
	for j := 0; j < s.Cols; j++ {
		ptr[j+1] += ptr[j]
	}
	// ptr[j] is now where column j starts; used as column j's next free
	// slot, it ends where column j+1 starts.
	for i := 0; i < s.Rows; i++ {
		q0, q1 := s.ptr[i], s.ptr[i+1]
		vals := s.val[q0:q1]
		for q, j := range s.col[q0:q1] {
			at := ptr[j]
			tcol[at], tval[at] = int32(i), vals[q]
			ptr[j] = at + 1
		}
	}
	copy(ptr[1:], ptr[:s.Cols])
	ptr[0] = 0
}

// SpMMAdd computes C += S·B for S sparse (S.Rows×S.Cols), B dense
// (S.Cols×n, row stride ldb) and C (S.Rows×n, row stride ldc):
//
//	C[i][j] = fma(v_t, B[col_t][j], … fma(v_1, B[col_1][j], C[i][j]))
//
// over row i's nonzeros v_1 … v_t in column order. C is computed 64
// columns at a time over all rows, so that the block of B it reads
// (S.Cols×64) stays in L1 or L2. On several threads, each takes a share
// of C's rows when C is taller than it is wide (a weight gradient xᵀ·dY,
// split as Axpy splits it: see rowSplit), else a share of the blocks.
// Each element is computed by one thread, the same way, so the bits do
// not depend on the thread count.
func SpMMAdd(c []float64, ldc int, s *SparseRows, b []float64, ldb, n int) {
	if ldc < n || ldb < n || len(s.ptr) < s.Rows+1 {
		panic(fmt.Sprintf("kernels.SpMMAdd: ldc %d, ldb %d for n %d, or %d row pointers for %d rows", ldc, ldb, n, len(s.ptr), s.Rows))
	}
	if s.Rows == 0 || n == 0 {
		return
	}
	mustLen("SpMMAdd", len(c), (s.Rows-1)*ldc+n)
	mustLen("SpMMAdd", len(b), (s.Cols-1)*ldb+n)
	blocks := (n + 63) / 64
	byRows := s.Rows >= n
	t := min(max(1, len(s.val)*n/minParallelWork), Threads(), maxInline)
	if byRows {
		t = min(t, s.Rows)
	} else {
		t = min(t, blocks)
	}
	call := getVecCall(t)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < t; i++ {
		p := spmmPart{c, ldc, s, b, ldb, 0, s.Rows, 0, n, &call.scratch[i]}
		if byRows {
			p.rlo, p.rhi = rowSplit(s.Rows, ldc, i, t), rowSplit(s.Rows, ldc, i+1, t)
		} else {
			p.lo, p.hi = blocks*i/t*64, min(n, blocks*(i+1)/t*64)
		}
		call.spmm[i] = p
		parts = append(parts, &call.spmm[i])
	}
	if t == 1 {
		parts[0].run()
	} else {
		runParts(call, parts)
	}
	putVecCall(call)
}

// rowSplit returns the first row of part i of t of a matrix of rows rows
// (row stride ldc), i = t giving rows: the first row that starts where
// Axpy's part i starts (partBounds) on the matrix's storage, or after (on
// that row itself for an even split of 2 parts and a stride that is a
// multiple of 8, as a 784×128 gradient). A weight gradient split this way, and zeroed (Zero) and
// used in the update (Axpy) on the same threads, stays in one core's
// caches from step to step instead of crossing to the other.
func rowSplit(rows, ldc, i, t int) int {
	if i == t {
		return rows
	}
	lo, _ := partBounds(rows*ldc, i, t)
	return min(rows, (lo+ldc-1)/ldc)
}

// spmmPart is a share of SpMMAdd or SpMMAddT: rows rlo … rhi−1 of C
// (SpMMAdd), columns lo … hi−1.
type spmmPart struct {
	c        []float64
	ldc      int
	s        *SparseRows
	b        []float64
	ldb      int
	rlo, rhi int
	lo, hi   int
	scratch  *[]float64 // for a block of B or C copied out (padBlock)
}

func (p *spmmPart) run() {
	spmmCols(p.c, p.ldc, p.s, p.b, p.ldb, p.rlo, p.rhi, p.lo, p.hi, p.scratch)
}

// spmmCols computes rows rlo … rhi−1, columns lo … hi−1 of SpMMAdd, 64
// columns at a time (the assembly where there is one), then the rest with
// the Go loop. A block of B small enough for L1 (a weight gradient's dY)
// is read from a padded copy (padBlock).
func spmmCols(c []float64, ldc int, s *SparseRows, b []float64, ldb, rlo, rhi, lo, hi int, scratch *[]float64) {
	j := lo
	if sparseAsm() {
		pad := s.Cols <= padMaxRows
		for ; j+64 <= hi; j += 64 {
			bb, ldbb := b[j:], ldb
			if pad {
				bb, ldbb = padBlock(scratch, b[j:], ldb, s.Cols), padStride
			}
			for i := rlo; i < rhi; i++ {
				if q0, q1 := s.ptr[i], s.ptr[i+1]; q0 < q1 {
					spmmRow64(c[i*ldc+j:i*ldc+j+64], s.col[q0:q1], s.val[q0:q1], bb, ldbb)
				}
			}
		}
	}
	if j < hi {
		for i := rlo; i < rhi; i++ {
			if q0, q1 := s.ptr[i], s.ptr[i+1]; q0 < q1 {
				spmmRowGeneric(c[i*ldc+j:i*ldc+hi], s.col[q0:q1], s.val[q0:q1], b[j:], ldb)
			}
		}
	}
}

// SpMMAddT computes C += Tᵀ·B for T sparse (T.Rows×T.Cols), B dense
// (T.Rows×n, row stride ldb) and C (T.Cols×n, row stride ldc): with T the
// Transpose of S, the product S·B of SpMMAdd, bit for bit, as each
// element of C gets the same FMA chain in the same order (S's nonzeros in
// increasing column order are T's rows in increasing order). It goes the
// other way round: each row p of B is loaded once, and scattered onto the
// rows of C that T's row p names, 64 columns at a time, so that the block
// of C (S.Rows×64, 32 KiB for a batch of 64) stays in L1 while B streams
// through once; SpMMAdd reads a row of B again for every nonzero. For
// x·W with x an MNIST batch and W 784×128 that is 84 → 56 µs (Zen 5).
// Threads share the blocks as in SpMMAdd.
func SpMMAddT(c []float64, ldc int, t *SparseRows, b []float64, ldb, n int) {
	if ldc < n || ldb < n || len(t.ptr) < t.Rows+1 {
		panic(fmt.Sprintf("kernels.SpMMAddT: ldc %d, ldb %d for n %d, or %d row pointers for %d rows", ldc, ldb, n, len(t.ptr), t.Rows))
	}
	if t.Cols == 0 || n == 0 {
		return
	}
	mustLen("SpMMAddT", len(c), (t.Cols-1)*ldc+n)
	if t.Rows > 0 {
		mustLen("SpMMAddT", len(b), (t.Rows-1)*ldb+n)
	}
	blocks := (n + 63) / 64
	nt := min(max(1, len(t.val)*n/minParallelWork), Threads(), blocks, maxInline)
	call := getVecCall(nt)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < nt; i++ {
		lo, hi := blocks*i/nt*64, min(n, blocks*(i+1)/nt*64)
		call.spmmT[i] = spmmTPart{spmmPart{c, ldc, t, b, ldb, 0, 0, lo, hi, &call.scratch[i]}}
		parts = append(parts, &call.spmmT[i])
	}
	if nt == 1 {
		parts[0].run()
	} else {
		runParts(call, parts)
	}
	putVecCall(call)
}

// spmmTPart is a share of the columns of SpMMAddT.
type spmmTPart struct{ spmmPart }

func (p *spmmTPart) run() { spmmScatterCols(p.c, p.ldc, p.s, p.b, p.ldb, p.lo, p.hi, p.scratch) }

// spmmScatterCols computes columns lo … hi−1 of SpMMAddT, 64 at a time
// (the assembly where there is one), then the rest with the Go loop. A
// block of C small enough for L1 (x·W's y) is computed in a padded copy
// (padBlock) and copied back.
func spmmScatterCols(c []float64, ldc int, t *SparseRows, b []float64, ldb, lo, hi int, scratch *[]float64) {
	j := lo
	if sparseAsm() {
		pad := t.Cols <= padMaxRows
		for ; j+64 <= hi; j += 64 {
			if !pad {
				spmmScatter64(c[j:], ldc, t, b[j:], ldb)
				continue
			}
			cc := padBlock(scratch, c[j:], ldc, t.Cols)
			spmmScatter64(cc, padStride, t, b[j:], ldb)
			for i := 0; i < t.Cols; i++ {
				copy(c[i*ldc+j:i*ldc+j+64], cc[i*padStride:i*padStride+64])
			}
		}
	}
	if j < hi {
		spmmScatterGeneric(c[j:], ldc, t, b[j:], ldb, hi-j)
	}
}

// padStride is the row stride, in values, of a 64-column block copied out
// by padBlock: 576 bytes, 9 cache lines. A block cut from rows 1 KiB apart
// (a matrix of 128 columns) falls into half of L1's 64 sets (a line's set
// is its address/64 mod 64), and 64 rows of it, 512 lines, overflow their
// 12 ways; 9 lines apart, the rows spread over all 64 sets. Measured on an
// MNIST step (Zen 5): x·W 56 → 51 µs, xᵀ·dY 44 → 41 µs.
const padStride = 72

// padMaxRows is the most rows of a block that padBlock copies: 96 rows of
// 512 bytes fill a 48 KiB L1; a taller block lives in L2 anyway.
const padMaxRows = 96

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

// spmmScatterGeneric computes, for each row p of t in order and each of
// its nonzeros v in column i, c[i·ldc + j] = fma(v, b[p·ldb + j],
// c[i·ldc + j]) for j < n: the Go loop the assembly replaces.
func spmmScatterGeneric(c []float64, ldc int, t *SparseRows, b []float64, ldb, n int) {
	for p := 0; p < t.Rows; p++ {
		br := b[p*ldb : p*ldb+n]
		for q := t.ptr[p]; q < t.ptr[p+1]; q++ {
			v, row := t.val[q], c[int(t.col[q])*ldc:int(t.col[q])*ldc+n]
			for j := range row {
				row[j] = math.FMA(v, br[j], row[j])
			}
		}
	}
}

// spmmRowGeneric computes row[j] = fma(val[t], b[col[t]·ldb + j], row[j])
// for t in order, j < len(row): the Go loop the assembly replaces.
func spmmRowGeneric(row []float64, col []int32, val []float64, b []float64, ldb int) {
	for t, p := range col {
		v, br := val[t], b[int(p)*ldb:int(p)*ldb+len(row)]
		for j := range row {
			row[j] = math.FMA(v, br[j], row[j])
		}
	}
}

func growInt32(buf []int32, n int) []int32 {
	if cap(buf) < n {
		return make([]int32, n)
	}
	return buf[:n]
}

func growFloat(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

// SparseFast reports whether SpMMAdd runs in assembly (the avx512 path).
// Without it the sparse products are slower than Gemm on the same data,
// and a caller should keep to Gemm.
func SparseFast() bool { return sparseAsm() }
