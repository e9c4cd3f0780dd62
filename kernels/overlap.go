// overlap.go: whether two strided matrix windows share an element — Gemm's
// check that C, which it writes, is not also A or B, which it reads while
// writing C (the result would silently be wrong).

package kernels

import "unsafe"

// overlaps reports whether the m×n window of c (row stride ldc) and the
// rows×cols window of x (row stride ldx) share an element of memory. Two
// windows of one backing array may interleave without sharing (the left
// and right halves of a matrix): only a shared element counts. It costs
// O(min(m, rows)) when the spans overlap at all, O(1) otherwise.
func overlaps(c []float64, m, n, ldc int, x []float64, rows, cols, ldx int) bool {
	lc, lx := matrixLen(m, n, ldc), matrixLen(rows, cols, ldx)
	if lc == 0 || lx == 0 {
		return false
	}
	const size = int(unsafe.Sizeof(float64(0)))
	pc := uintptr(unsafe.Pointer(unsafe.SliceData(c)))
	px := uintptr(unsafe.Pointer(unsafe.SliceData(x)))
	if px >= pc+uintptr(lc*size) || pc >= px+uintptr(lx*size) {
		return false // the spans are apart
	}
	if (px-pc)%uintptr(size) != 0 {
		return true // misaligned views of the same bytes: call it shared
	}
	// In elements from c's start, C's row i covers [i·ldc, i·ldc + n) and
	// X's row r covers [d + r·ldx, d + r·ldx + cols). Walk the matrix
	// with fewer rows, asking which rows of the other can meet each.
	d := (int(px) - int(pc)) / size
	if m > rows {
		m, n, ldc, rows, cols, ldx, d = rows, cols, ldx, m, n, ldc, -d
	}
	for i := range m {
		lo, hi := i*ldc, i*ldc+n // this row of the first, [lo, hi)
		// Rows r of the second with d + r·ldx < hi and d + r·ldx + cols > lo.
		rmin := floorDiv(lo-d-cols, ldx) + 1
		rmax := floorDiv(hi-d-1, ldx)
		if max(rmin, 0) <= min(rmax, rows-1) {
			return true
		}
	}
	return false
}

// floorDiv is ⌊a/b⌋ for b > 0 (Go's / truncates towards zero).
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
