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
// Both reduce to two moves, whatever the matrix: gather w-wide rows of a
// panel from w contiguous values of a stored row (copyRows: A transposed, B
// not), or from one value of each of w stored rows (transposeRows: A not
// transposed, B transposed). Small products spend as long packing as
// multiplying (a 64×128×784 product does ≈85 flops per packed value, 0.7 ns
// at peak), so both are written to run at a fraction of a nanosecond per
// value: fixed-size array moves for the copies, four stored rows at a time
// for the transposes, in 4×4 register blocks with AVX2 where the CPU has it
// (pack_amd64.s: ≈0.13 ns a value against ≈0.3 for the Go loop).

// packA packs the mb×kb block of op(A) whose top-left element is
// op(A)[i0][p0] into dst, in micro-panels of mr rows.
func packA(dst []float64, transA bool, a []float64, lda, i0, p0, mb, kb, mr int) {
	for q := 0; q < mb; q += mr {
		rows := min(mr, mb-q)
		panel := dst[q*kb : q*kb+mr*kb]
		if transA {
			// A is stored k×m: op(A)[i][p] = a[p·lda + i]; a row of the
			// panel is a contiguous run of the stored row p.
			copyRows(panel, mr, a[p0*lda+i0+q:], lda, kb, rows)
			continue
		}
		// A is stored m×k: op(A)[i][p] = a[i·lda + p]; each stored row
		// is scattered with stride mr into the panel.
		transposeRows(panel, mr, a[(i0+q)*lda+p0:], lda, kb, rows)
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
			copyRows(panel, nr, b[p0*ldb+j0+q:], ldb, kb, cols)
			continue
		}
		// B is stored n×k: op(B)[p][j] = b[j·ldb + p]; each stored row is
		// scattered with stride nr into the panel.
		transposeRows(panel, nr, b[(j0+q)*ldb+p0:], ldb, kb, cols)
	}
}

// copyRows fills the kb rows of a w-wide panel: panel[p·w + i] = src[p·ld + i]
// for i < cols, and 0 for cols ≤ i < w.
func copyRows(panel []float64, w int, src []float64, ld, kb, cols int) {
	if cols < w {
		for p := 0; p < kb; p++ {
			dp := panel[p*w : p*w+w]
			copy(dp[:cols], src[p*ld:p*ld+cols])
			clear(dp[cols:])
		}
		return
	}
	// A whole panel: a move of a fixed-size array compiles to a few vector
	// moves, where copy would call memmove for every 48 to 192 bytes.
	switch w {
	case 6:
		for p := 0; p < kb; p++ {
			*(*[6]float64)(panel[p*6:]) = [6]float64(src[p*ld:])
		}
	case 8:
		for p := 0; p < kb; p++ {
			*(*[8]float64)(panel[p*8:]) = [8]float64(src[p*ld:])
		}
	case 24:
		// Three 8-value moves: a 24-value one calls memmove.
		for p := 0; p < kb; p++ {
			d, s := panel[p*24:p*24+24], src[p*ld:p*ld+24]
			*(*[8]float64)(d) = [8]float64(s)
			*(*[8]float64)(d[8:]) = [8]float64(s[8:])
			*(*[8]float64)(d[16:]) = [8]float64(s[16:])
		}
	default:
		for p := 0; p < kb; p++ {
			copy(panel[p*w:p*w+w], src[p*ld:p*ld+w])
		}
	}
}

// transposeRows fills the kb rows of a w-wide panel from cols stored rows:
// panel[p·w + i] = src[i·ld + p] for i < cols, and 0 for cols ≤ i < w. Four
// stored rows are read side by side, so that each panel row gets four
// adjacent values per pass over p.
func transposeRows(panel []float64, w int, src []float64, ld, kb, cols int) {
	if kb == 0 {
		return
	}
	panel = panel[:kb*w]
	i := 0
	for ; i+3 < cols; i += 4 {
		// One source slice and one destination index keep the loop's
		// live values few enough for registers.
		s := src[i*ld : i*ld+3*ld+kb]
		done := transpose4(panel[i:], w, s, ld, kb) // SIMD, where there is any
		for p, o := done, done*w+i; p < kb; p, o = p+1, o+w {
			v0, v1, v2, v3 := s[p], s[ld+p], s[2*ld+p], s[3*ld+p]
			d := panel[o : o+4]
			d[0], d[1], d[2], d[3] = v0, v1, v2, v3
		}
	}
	for ; i < cols; i++ {
		s := src[i*ld : i*ld+kb]
		for p, v := range s {
			panel[p*w+i] = v
		}
	}
	for ; i < w; i++ {
		for p := 0; p < kb; p++ {
			panel[p*w+i] = 0
		}
	}
}
