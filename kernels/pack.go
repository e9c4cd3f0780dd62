// pack.go: packing, in plain loops — the textbook. The engine's faster
// moves, with the same result, are in engine_pack.go.

package kernels

// Packing copies a block of op(A) or op(B) into the order the microkernel
// reads it, so that the microkernel walks memory with unit stride only, and
// so that the transposes are absorbed here: one microkernel serves all four
// transpose cases.
//
// Packed A (an mb×kb block of op(A)) is a sequence of micro-panels of mr
// rows. Panel q holds rows q·mr … q·mr+mr−1, column by column:
//
//	panel[p·mr + i] = op(A)[q·mr + i][p]      (p < kb, i < mr)
//
// Packed B (a kb×nb block of op(B)) is a sequence of micro-panels of nr
// columns, row by row:
//
//	panel[p·nr + j] = op(B)[p][q·nr + j]      (p < kb, j < nr)
//
// The last panel of each is padded with zeros up to mr (or nr), so the
// microkernel always computes a whole tile; the padding only ever meets
// other padding in the tile rows and columns that are thrown away.
//
// Both reduce to two moves: gather w-wide rows of a panel from w contiguous
// values of a stored row (copyRows: A transposed, B not), or from one value
// of each of w stored rows (transposeRows: A not transposed, B transposed).

// packA packs the mb×kb block of op(A) whose top-left element is
// op(A)[i0][p0] into dst, in micro-panels of mr rows.
func packA(dst []float64, transA bool, a []float64, lda, i0, p0, mb, kb, mr int) {
	for q := 0; q < mb; q += mr {
		rows, panel := min(mr, mb-q), dst[q*kb:q*kb+mr*kb]
		if transA { // A is stored k×m: op(A)[i][p] = a[p·lda + i]
			copyRows(panel, mr, a[p0*lda+i0+q:], lda, kb, rows)
		} else { // A is stored m×k: op(A)[i][p] = a[i·lda + p]
			transposeRows(panel, mr, a[(i0+q)*lda+p0:], lda, kb, rows)
		}
	}
}

// packB packs the kb×nb block of op(B) whose top-left element is
// op(B)[p0][j0] into dst, in micro-panels of nr columns.
func packB(dst []float64, transB bool, b []float64, ldb, p0, j0, kb, nb, nr int) {
	for q := 0; q < nb; q += nr {
		cols, panel := min(nr, nb-q), dst[q*kb:q*kb+nr*kb]
		if transB { // B is stored n×k: op(B)[p][j] = b[j·ldb + p]
			transposeRows(panel, nr, b[(j0+q)*ldb+p0:], ldb, kb, cols)
		} else { // B is stored k×n: op(B)[p][j] = b[p·ldb + j]
			copyRows(panel, nr, b[p0*ldb+j0+q:], ldb, kb, cols)
		}
	}
}

// copyRows fills the kb rows of a w-wide panel: panel[p·w + i] = src[p·ld + i]
// for i < cols, and 0 for cols ≤ i < w.
func copyRows(panel []float64, w int, src []float64, ld, kb, cols int) {
	for p := 0; p < kb; p++ {
		copy(panel[p*w:p*w+cols], src[p*ld:p*ld+cols])
		clear(panel[p*w+cols : p*w+w])
	}
}

// transposeRows fills the kb rows of a w-wide panel from cols stored rows:
// panel[p·w + i] = src[i·ld + p] for i < cols, and 0 for cols ≤ i < w.
func transposeRows(panel []float64, w int, src []float64, ld, kb, cols int) {
	for p := 0; p < kb; p++ {
		for i := 0; i < w; i++ {
			v := 0.0
			if i < cols {
				v = src[i*ld+p]
			}
			panel[p*w+i] = v
		}
	}
}
