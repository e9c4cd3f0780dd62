//go:build !textbook

// engine_pack.go: packing at a fraction of a nanosecond per value. Plain
// twin: pack.go (packA, packB, copyRows, transposeRows), which gives the
// same panels. Small products spend as long packing as multiplying (a
// 64×128×784 product does ≈85 flops per packed value, 0.7 ns at peak), so
// the copies are fixed-size array moves (a few vector moves, where copy
// calls memmove for every 48 to 192 bytes) and the transposes take four
// stored rows at a time, in 4×4 register blocks with AVX2 on the assembly
// paths (internal/simd, transpose_amd64.s). Measured gain (BenchmarkPack, Zen 5): ≈0.13 ns a
// value against ≈0.3 for the plain loops; `go test -bench Pack ./kernels`.

package kernels

import "dlgo/kernels/internal/simd"

// packAFast packs the mb×kb block of op(A) whose top-left element is
// op(A)[i0][p0] into dst, in micro-panels of mr rows.
func packAFast(asm bool, dst []float64, transA bool, a []float64, lda, i0, p0, mb, kb, mr int) {
	for q := 0; q < mb; q += mr {
		rows := min(mr, mb-q)
		panel := dst[q*kb : q*kb+mr*kb]
		if transA {
			// A is stored k×m: op(A)[i][p] = a[p·lda + i]; a row of the
			// panel is a contiguous run of the stored row p.
			copyRowsFast(panel, mr, a[p0*lda+i0+q:], lda, kb, rows)
			continue
		}
		// A is stored m×k: op(A)[i][p] = a[i·lda + p]; each stored row
		// is scattered with stride mr into the panel.
		transposeRowsFast(asm, panel, mr, a[(i0+q)*lda+p0:], lda, kb, rows)
	}
}

// packBFast packs the kb×nb block of op(B) whose top-left element is
// op(B)[p0][j0] into dst, in micro-panels of nr columns.
func packBFast(asm bool, dst []float64, transB bool, b []float64, ldb, p0, j0, kb, nb, nr int) {
	for q := 0; q < nb; q += nr {
		cols := min(nr, nb-q)
		panel := dst[q*kb : q*kb+nr*kb]
		if !transB {
			// B is stored k×n: a row of the panel is a contiguous run of
			// the stored row p.
			copyRowsFast(panel, nr, b[p0*ldb+j0+q:], ldb, kb, cols)
			continue
		}
		// B is stored n×k: op(B)[p][j] = b[j·ldb + p]; each stored row is
		// scattered with stride nr into the panel.
		transposeRowsFast(asm, panel, nr, b[(j0+q)*ldb+p0:], ldb, kb, cols)
	}
}

// copyRowsFast fills the kb rows of a w-wide panel: panel[p·w + i] = src[p·ld + i]
// for i < cols, and 0 for cols ≤ i < w.
func copyRowsFast(panel []float64, w int, src []float64, ld, kb, cols int) {
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

// transposeRowsFast fills the kb rows of a w-wide panel from cols stored rows:
// panel[p·w + i] = src[i·ld + p] for i < cols, and 0 for cols ≤ i < w. Four
// stored rows are read side by side, so that each panel row gets four
// adjacent values per pass over p.
func transposeRowsFast(asm bool, panel []float64, w int, src []float64, ld, kb, cols int) {
	if kb == 0 {
		return
	}
	panel = panel[:kb*w]
	i := 0
	for ; i+3 < cols; i += 4 {
		// One source slice and one destination index keep the loop's
		// live values few enough for registers.
		s := src[i*ld : i*ld+3*ld+kb]
		done := 0
		if asm && simd.AVX2 {
			done = simd.Transpose4(panel[i:], w, s, ld, kb)
		}
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
