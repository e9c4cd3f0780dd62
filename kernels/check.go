package kernels

import (
	"fmt"
	"math"
)

// checkGemm panics, naming the routine, the argument and the numbers, when
// Gemm's arguments cannot describe the matrices they claim to (as gonum's
// BLAS does): a negative size, a row stride shorter than its row, or a slice
// too short for its matrix. A slice that ends exactly at the last row's last
// element is accepted.
func checkGemm(op string, transA, transB bool, m, n, k int,
	a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if m < 0 {
		panic(fmt.Sprintf("%s: m = %d < 0", op, m))
	}
	if n < 0 {
		panic(fmt.Sprintf("%s: n = %d < 0", op, n))
	}
	if k < 0 {
		panic(fmt.Sprintf("%s: k = %d < 0", op, k))
	}
	// A is stored m×k, or k×m with transA; likewise B is k×n, or n×k.
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	checkMatrix(op, "a", "lda", a, ar, ac, lda)
	checkMatrix(op, "b", "ldb", b, br, bc, ldb)
	checkMatrix(op, "c", "ldc", c, m, n, ldc)
	if overlaps(c, m, n, ldc, a, ar, ac, lda) {
		panic(fmt.Sprintf("%s: c overlaps a: C (%d×%d, ldc = %d) shares elements with A (%d×%d as stored, lda = %d); write C to separate storage", op, m, n, ldc, ar, ac, lda))
	}
	if overlaps(c, m, n, ldc, b, br, bc, ldb) {
		panic(fmt.Sprintf("%s: c overlaps b: C (%d×%d, ldc = %d) shares elements with B (%d×%d as stored, ldb = %d); write C to separate storage", op, m, n, ldc, br, bc, ldb))
	}
}

// checkMatrix checks that x holds a rows×cols row-major matrix with row
// stride ld: ld ≥ max(1, cols) and len(x) ≥ (rows−1)·ld + cols.
func checkMatrix(op, name, ldName string, x []float64, rows, cols, ld int) {
	if ld < max(1, cols) {
		panic(fmt.Sprintf("%s: %s = %d < max(1, %d), the length of a row of %s (%d×%d as stored)",
			op, ldName, ld, cols, name, rows, cols))
	}
	if rows > 1 && rows-1 > (math.MaxInt-cols)/ld {
		panic(fmt.Sprintf("%s: a %d×%d matrix with %s = %d spans more elements than an int can count",
			op, rows, cols, ldName, ld))
	}
	if need := matrixLen(rows, cols, ld); len(x) < need {
		panic(fmt.Sprintf("%s: len(%s) = %d < %d, needed for a %d×%d matrix with %s = %d",
			op, name, len(x), need, rows, cols, ldName, ld))
	}
}

// matrixLen is the number of elements a rows×cols matrix with row stride ld
// spans: (rows−1)·ld + cols, or 0 when it is empty.
func matrixLen(rows, cols, ld int) int {
	if rows == 0 || cols == 0 {
		return 0
	}
	return (rows-1)*ld + cols
}

// mustLen panics, naming the loop, unless a slice holds want values.
func mustLen(op string, have, want int) {
	if have < want {
		panic(fmt.Sprintf("kernels.%s: slice of length %d, want at least %d", op, have, want))
	}
}
