// sparse.go: products whose left operand is mostly zeros, kept as lists of
// its nonzeros (compressed rows): MNIST's pixels are 81% zeros, so the
// first layer's x·W and xᵀ·dY do a fifth of a dense product's work when
// they skip them. Each element is the FMA chain of its nonzero terms, in
// order; a zero term adds nothing to a dense chain but its rounding of
// signed zeros (and a 0·Inf, which is NaN there), so the results are those
// of the dense product computed term by term.

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

// SpMMAdd computes C += S·B for S sparse (S.Rows×S.Cols), B dense
// (S.Cols×n, row stride ldb) and C (S.Rows×n, row stride ldc):
//
//	C[i][j] = fma(v_t, B[col_t][j], … fma(v_1, B[col_1][j], C[i][j]))
//
// over row i's nonzeros v_1 … v_t in column order. Rows are split across
// Threads() goroutines when there is work enough; each row is computed by
// one, the same way, so the bits do not depend on the thread count.
func SpMMAdd(c []float64, ldc int, s *SparseRows, b []float64, ldb, n int) {
	if ldc < n || ldb < n || len(s.ptr) < s.Rows+1 {
		panic(fmt.Sprintf("kernels.SpMMAdd: ldc %d, ldb %d for n %d, or %d row pointers for %d rows", ldc, ldb, n, len(s.ptr), s.Rows))
	}
	if s.Rows == 0 || n == 0 {
		return
	}
	mustLen("SpMMAdd", len(c), (s.Rows-1)*ldc+n)
	mustLen("SpMMAdd", len(b), (s.Cols-1)*ldb+n)
	t := min(max(1, len(s.val)*n/minParallelWork), Threads(), s.Rows, maxInline)
	if t == 1 {
		spmmRows(c, ldc, s, b, ldb, n, 0, s.Rows)
		return
	}
	call := getVecCall(t)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < t; i++ {
		call.spmm[i] = spmmPart{c, ldc, s, b, ldb, n, s.Rows * i / t, s.Rows * (i + 1) / t, false}
		parts = append(parts, &call.spmm[i])
	}
	runParts(call, parts)
	putVecCall(call)
}

// SpMMTAdd computes C += Sᵀ·B for S sparse (S.Rows×S.Cols), B dense
// (S.Rows×n, row stride ldb) and C (S.Cols×n, row stride ldc) — a weight
// gradient xᵀ·dY for a sparse x — without transposing S: each nonzero
// v = S[i][p] adds v·B[i] into row p of C, rows i in order, so that
//
//	C[p][j] = fma(v_t, B[i_t][j], … fma(v_1, B[i_1][j], C[p][j]))
//
// over column p's nonzeros in row order: the bits of SpMMAdd on Sᵀ. On
// several threads each takes a share of C's columns (64 at a time), so
// the bits do not depend on the thread count.
func SpMMTAdd(c []float64, ldc int, s *SparseRows, b []float64, ldb, n int) {
	if ldc < n || ldb < n || len(s.ptr) < s.Rows+1 {
		panic(fmt.Sprintf("kernels.SpMMTAdd: ldc %d, ldb %d for n %d, or %d row pointers for %d rows", ldc, ldb, n, len(s.ptr), s.Rows))
	}
	if s.Cols == 0 || n == 0 {
		return
	}
	mustLen("SpMMTAdd", len(c), (s.Cols-1)*ldc+n)
	mustLen("SpMMTAdd", len(b), (s.Rows-1)*ldb+n)
	blocks := (n + 63) / 64
	t := min(max(1, len(s.val)*n/minParallelWork), Threads(), blocks, maxInline)
	if t == 1 {
		spmmTCols(c, ldc, s, b, ldb, 0, n)
		return
	}
	call := getVecCall(t)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < t; i++ {
		lo, hi := blocks*i/t*64, min(n, blocks*(i+1)/t*64)
		call.spmm[i] = spmmPart{c, ldc, s, b, ldb, n, lo, hi, true}
		parts = append(parts, &call.spmm[i])
	}
	runParts(call, parts)
	putVecCall(call)
}

// spmmTCols computes columns lo … hi−1 of SpMMTAdd: the assembly on
// 64-column blocks where there is one, the Go loop for the rest.
func spmmTCols(c []float64, ldc int, s *SparseRows, b []float64, ldb, lo, hi int) {
	for i := 0; i < s.Rows; i++ {
		q0, q1 := s.ptr[i], s.ptr[i+1]
		if q0 == q1 {
			continue
		}
		col, val := s.col[q0:q1], s.val[q0:q1]
		j := lo
		if sparseAsm() {
			for ; j+64 <= hi; j += 64 {
				spmmTRow64(b[i*ldb+j:i*ldb+j+64], col, val, c[j:], ldc)
			}
		}
		if j < hi {
			spmmTRowGeneric(b[i*ldb+j:i*ldb+hi], col, val, c[j:], ldc)
		}
	}
}

// spmmTRowGeneric computes c[col[t]·ldc + j] = fma(val[t], dy[j],
// c[col[t]·ldc + j]) for t in order, j < len(dy): the Go loop the
// assembly replaces.
func spmmTRowGeneric(dy []float64, col []int32, val []float64, c []float64, ldc int) {
	for t, p := range col {
		v, cr := val[t], c[int(p)*ldc:int(p)*ldc+len(dy)]
		for j, g := range dy {
			cr[j] = math.FMA(v, g, cr[j])
		}
	}
}

// spmmPart is a share of SpMMAdd's rows, or of SpMMTAdd's columns.
type spmmPart struct {
	c      []float64
	ldc    int
	s      *SparseRows
	b      []float64
	ldb, n int
	lo, hi int
	trans  bool
}

func (p *spmmPart) run() {
	if p.trans {
		spmmTCols(p.c, p.ldc, p.s, p.b, p.ldb, p.lo, p.hi)
		return
	}
	spmmRows(p.c, p.ldc, p.s, p.b, p.ldb, p.n, p.lo, p.hi)
}

// spmmRows computes rows lo … hi−1 of SpMMAdd: the assembly on 64-column
// blocks where there is one, the Go loop for the rest.
func spmmRows(c []float64, ldc int, s *SparseRows, b []float64, ldb, n, lo, hi int) {
	for i := lo; i < hi; i++ {
		q0, q1 := s.ptr[i], s.ptr[i+1]
		if q0 == q1 {
			continue
		}
		col, val, row := s.col[q0:q1], s.val[q0:q1], c[i*ldc:i*ldc+n]
		j := 0
		if sparseAsm() {
			for ; j+64 <= n; j += 64 {
				spmmRow64(row[j:j+64], col, val, b[j:], ldb)
			}
		}
		if j < n {
			spmmRowGeneric(row[j:], col, val, b[j:], ldb)
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
