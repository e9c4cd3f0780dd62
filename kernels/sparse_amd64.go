//go:build !purego

package kernels

// spmmRow64AVX512 is the AVX-512 loop behind spmmRow64 (sparse_amd64.s):
// row[0:64] = fma(val[t], b[col[t]·ldb + 0:64], row[0:64]) for t < nnz, in
// order. It replaces spmmRowGeneric on a 64-column block, bit for bit.
//
//go:noescape
func spmmRow64AVX512(row *float64, col *int32, val *float64, nnz int, b *float64, ldb int)

// spmmScatter64AVX512 is the AVX-512 loop behind spmmScatter64
// (sparse_amd64.s): for p < k, for t in ptr[p] … ptr[p+1]−1,
// c[col[t]·ldc + 0:64] = fma(val[t], b[p·ldb + 0:64], c[col[t]·ldc + 0:64]).
// It replaces spmmScatterGeneric on a 64-column block, bit for bit.
//
//go:noescape
func spmmScatter64AVX512(c *float64, ldc int, ptr *int32, k int, col *int32, val *float64, b *float64, ldb int)

// spmmScatter64 runs spmmScatter64AVX512 on columns 0 … 63 of c and b for
// the rows of t; SpMMAddT has checked that every index is in range.
func spmmScatter64(c []float64, ldc int, t *SparseRows, b []float64, ldb int) {
	if len(t.col) == 0 {
		return
	}
	_, _ = c[63], b[63]
	spmmScatter64AVX512(&c[0], ldc, &t.ptr[0], t.Rows, &t.col[0], &t.val[0], &b[0], ldb)
}

// sparseAsm reports whether the 64-column blocks of SpMMAdd run in
// assembly: on the avx512 path.
func sparseAsm() bool { return hasAVX512 && current.Load().name == "avx512" }

// spmmRow64 runs spmmRow64AVX512 on row (64 values); SpMMAdd has checked
// that every column of col is in range for b.
func spmmRow64(row []float64, col []int32, val []float64, b []float64, ldb int) {
	_ = row[63]
	spmmRow64AVX512(&row[0], &col[0], &val[0], len(col), &b[0], ldb)
}

// compressAVX512 writes the nonzeros of a[0:n], n a multiple of 8, and
// their column numbers base + j to val and col, and returns how many. It
// replaces compressGeneric on a[0:n] (sparse_amd64.s); col needs 16 and
// val 8 elements of room past the last nonzero.
//
//go:noescape
func compressAVX512(a *float64, n int, col *int32, val *float64, base int) int

// compressRow writes the nonzeros of row, and their column numbers, to
// col and val, and returns how many: the assembly on the longest multiple
// of 8, the Go loop on the rest. col needs 16 and val 8 elements of room
// past len(row).
func compressRow(row []float64, col []int32, val []float64) int {
	done, n := 0, 0
	if sparseAsm() && len(row) >= 8 {
		done = len(row) &^ 7
		_, _ = col[len(row)+15], val[len(row)+7]
		n = compressAVX512(&row[0], done, &col[0], &val[0], 0)
	}
	return n + compressGeneric(row[done:], col[n:], val[n:], done)
}
