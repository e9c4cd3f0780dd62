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

// packA packs the mb×kb block of op(A) whose top-left element is
// op(A)[i0][p0] into dst, in micro-panels of mr rows.
func packA(dst []float64, transA bool, a []float64, lda, i0, p0, mb, kb, mr int) {
	for q := 0; q < mb; q += mr {
		rows := min(mr, mb-q)
		panel := dst[q*kb : q*kb+mr*kb]
		if transA {
			// A is stored k×m: op(A)[i][p] = a[p·lda + i]; a row of the
			// panel is a contiguous run of the stored row p.
			for p := 0; p < kb; p++ {
				src := a[(p0+p)*lda+i0+q:]
				dp := panel[p*mr : p*mr+mr]
				copy(dp[:rows], src[:rows])
				clear(dp[rows:])
			}
			continue
		}
		// A is stored m×k: op(A)[i][p] = a[i·lda + p]; each stored row
		// is scattered with stride mr into the panel.
		for i := 0; i < rows; i++ {
			src := a[(i0+q+i)*lda+p0:]
			src = src[:kb]
			for p, v := range src {
				panel[p*mr+i] = v
			}
		}
		for i := rows; i < mr; i++ {
			for p := 0; p < kb; p++ {
				panel[p*mr+i] = 0
			}
		}
	}
}

// packB packs the kb×nb block of op(B) whose top-left element is
// op(B)[p0][j0] into dst, in micro-panels of nr columns.
func packB(dst []float64, transB bool, b []float64, ldb, p0, j0, kb, nb, nr int) {
	for q := 0; q < nb; q += nr {
		cols := min(nr, nb-q)
		panel := dst[q*kb : q*kb+nr*kb]
		if !transB {
			// B is stored k×n: a row of the panel is a contiguous run of
			// the stored row p.
			for p := 0; p < kb; p++ {
				src := b[(p0+p)*ldb+j0+q:]
				dp := panel[p*nr : p*nr+nr]
				copy(dp[:cols], src[:cols])
				clear(dp[cols:])
			}
			continue
		}
		// B is stored n×k: op(B)[p][j] = b[j·ldb + p]; each stored row is
		// scattered with stride nr into the panel.
		for j := 0; j < cols; j++ {
			src := b[(j0+q+j)*ldb+p0:]
			src = src[:kb]
			for p, v := range src {
				panel[p*nr+j] = v
			}
		}
		for j := cols; j < nr; j++ {
			for p := 0; p < kb; p++ {
				panel[p*nr+j] = 0
			}
		}
	}
}
