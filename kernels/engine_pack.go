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
// A block of B (or of a transposed A) is copied walking each stored row
// across many panels (copyPanelsFast, which says why): 0.92 ns a value
// against 1.31 at n = 1024 (`go test -run '^$' -bench PackBlock -cpu 1
// ./kernels`, Sapphire Rapids VM); 2.0 against 5.7 on the Zen 3 of issue 13.
// A 6-row A panel (avx2, neon) takes its last two rows side by side too,
// in registers: 0.157 ns a value against 0.29 when they went value by
// value (BenchmarkPackBlock A/mr=6, Zen 5 VM), and avx2 Gemm 1 thread at
// 512³ 44.7–46.5 → 46.0–48.1 GFLOP/s, 2 threads at 1024³ 78.3–79.5 →
// 81.5–82.2 (BenchmarkGemmCPU, BenchmarkGemmSplit, interleaved runs).

package kernels

import "dlgo/kernels/internal/simd"

// packAFast packs the mb×kb block of op(A) whose top-left element is
// op(A)[i0][p0] into dst, in micro-panels of mr rows.
func packAFast(asm bool, dst []float64, transA bool, a []float64, lda, i0, p0, mb, kb, mr int) {
	if transA {
		// A is stored k×m: op(A)[i][p] = a[p·lda + i]; a row of a panel
		// is a contiguous run of the stored row p.
		copyPanelsFast(dst, mr, a[p0*lda+i0:], lda, kb, mb)
		return
	}
	for q := 0; q < mb; q += mr {
		rows := min(mr, mb-q)
		// A is stored m×k: op(A)[i][p] = a[i·lda + p]; each stored row
		// is scattered with stride mr into the panel.
		transposeRowsFast(asm, dst[q*kb:q*kb+mr*kb], mr, a[(i0+q)*lda+p0:], lda, kb, rows)
	}
}

// packBFast packs the kb×nb block of op(B) whose top-left element is
// op(B)[p0][j0] into dst, in micro-panels of nr columns.
func packBFast(asm bool, dst []float64, transB bool, b []float64, ldb, p0, j0, kb, nb, nr int) {
	if !transB {
		// B is stored k×n: a row of a panel is a contiguous run of the
		// stored row p.
		copyPanelsFast(dst, nr, b[p0*ldb+j0:], ldb, kb, nb)
		return
	}
	for q := 0; q < nb; q += nr {
		cols := min(nr, nb-q)
		// B is stored n×k: op(B)[p][j] = b[j·ldb + p]; each stored row is
		// scattered with stride nr into the panel.
		transposeRowsFast(asm, dst[q*kb:q*kb+nr*kb], nr, b[(j0+q)*ldb+p0:], ldb, kb, cols)
	}
}

// panelGroup is how many 8-wide panels copyPanelsFast fills side by side
// (half as many 24-wide ones). A variable for BenchmarkPackBlock. Measured
// (BenchmarkPackBlock, nr = 8, KC 256, Sapphire Rapids VM, -cpu 1): at
// n = 512 / 1024 / 2048, 1.17 / 1.31 / 1.37 ns a value one panel at a time
// (the engine before), 0.80 / 0.96 / 1.14 by 4 panels, 0.77 / 0.92 / 1.09
// by 8, 0.76 / 0.92 / 1.09 by 16, 0.83 / 0.90 / 1.30 by 32.
var panelGroup = 16

// copyPanelsFast fills the w-wide panels of a kb×n block whose stored rows
// are contiguous: panel q (at dst[q·w·kb:]) gets panel[p·w + i] =
// src[p·ld + q·w + i] for q·w + i < n, and 0 up to the panel's width.
//
// Why not one panel after the other (pack.go): one panel's rows lie ld·8
// bytes apart in src, a page or more for a large matrix, so a panel's walk
// down kb rows touches kb pages (more than the L1 TLB holds) whose lines,
// when ld·8 is a multiple of 4 KiB, all fall in one L1 set: a line that
// straddles two panels (src not 64-byte aligned) is gone again when the
// next panel wants its other half, and no hardware prefetcher follows a
// stride of pages. Measured on a Zen 3 (issue 13): 5.7 ns a value at
// n = 1024 panel by panel, 2.0 walking 16 panels at once. So the rows are
// walked across panelGroup panels at a time: each stored row is read in
// runs of panelGroup·w contiguous values, which the prefetchers follow, and
// a group's kb rows are each read once.
func copyPanelsFast(dst []float64, w int, src []float64, ld, kb, n int) {
	whole := n / w
	if w != 8 && w != 6 && w != 24 || kb == 0 {
		whole = 0
	}
	g := max(1, panelGroup)
	if w > 8 {
		// 24-wide panels: a group of 8 reads runs of 192 values (the
		// avx512 tile; measured as fast as 16 groups or the plain pack).
		g = max(1, panelGroup/2)
	}
	for q0 := 0; q0 < whole; q0 += g {
		q1 := min(q0+g, whole)
		size := w * kb
		// Panels q0 … q1−1 and the source columns they take.
		d := dst[q0*size : q1*size]
		for p := 0; p < kb; p++ {
			s := src[p*ld+q0*w : p*ld+q1*w]
			o := p * w
			switch w {
			case 8:
				for len(s) >= 8 {
					v8 := [8]float64(s)
					*(*[8]float64)(d[o:]) = v8
					s, o = s[8:], o+size
				}
			case 6:
				for len(s) >= 6 {
					v6 := [6]float64(s)
					*(*[6]float64)(d[o:]) = v6
					s, o = s[6:], o+size
				}
			case 24:
				for len(s) >= 24 {
					copy(d[o:o+24], s[:24])
					s, o = s[24:], o+size
				}
			}
		}
	}
	// The panels left: the last, partial one, or every one of a width the
	// moves above do not cover.
	for q := whole * w; q < n; q += w {
		copyRowsFast(dst[q*kb:q*kb+w*kb], w, src[q:], ld, kb, min(w, n-q))
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
			v6 := [6]float64(src[p*ld:])
			*(*[6]float64)(panel[p*6:]) = v6
		}
	case 8:
		for p := 0; p < kb; p++ {
			v8 := [8]float64(src[p*ld:])
			*(*[8]float64)(panel[p*8:]) = v8
		}
	case 24:
		// Three 8-value moves: a 24-value one calls memmove.
		// (Each move goes through a local array: an array assigned
		// straight from one slice to another may overlap, and Go
		// then calls memmove; from a local it is plain moves.)
		for p := 0; p < kb; p++ {
			d, s := panel[p*24:p*24+24], src[p*ld:p*ld+24]
			v0, v1, v2 := [8]float64(s), [8]float64(s[8:]), [8]float64(s[16:])
			*(*[8]float64)(d), *(*[8]float64)(d[8:]), *(*[8]float64)(d[16:]) = v0, v1, v2
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
// adjacent values per pass over p; with asm, in 4×4 blocks in AVX2
// (simd.Transpose4) or 4×2 in NEON (simd.Transpose4NEON: 1.75
// instructions a value on arm64 against about 7 for this loop, counted
// with go tool objdump). Two rows left, as a 6-row panel has after its
// four, are read side by side too, in 2×4 blocks in AVX2 (simd.Transpose2)
// or 2×2 in NEON (simd.Transpose2NEON).
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
		done := transposeAsm(asm, 4, panel[i:], w, s, ld, kb)
		for p, o := done, done*w+i; p < kb; p, o = p+1, o+w {
			v0, v1, v2, v3 := s[p], s[ld+p], s[2*ld+p], s[3*ld+p]
			d := panel[o : o+4]
			d[0], d[1], d[2], d[3] = v0, v1, v2, v3
		}
	}
	if i+1 < cols {
		// Two rows left (a 6-row panel's last two), two values a panel
		// row: in AVX2 or NEON 2-row blocks, then in Go.
		s := src[i*ld : i*ld+ld+kb]
		done := transposeAsm(asm, 2, panel[i:], w, s, ld, kb)
		for p, o := done, done*w+i; p < kb; p, o = p+1, o+w {
			v0, v1 := s[p], s[ld+p]
			d := panel[o : o+2]
			d[0], d[1] = v0, v1
		}
		i += 2
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

// transposeAsm does the first p < kb (a multiple of its block) of
// transposeRowsFast's step for rows (4 or 2) stored rows, in AVX2 or NEON
// with asm, and returns how many; 0 where neither runs.
func transposeAsm(asm bool, rows int, panel []float64, w int, s []float64, ld, kb int) int {
	switch {
	case !asm:
		return 0
	case simd.AVX2 && rows == 4:
		return simd.Transpose4(panel, w, s, ld, kb)
	case simd.AVX2:
		return simd.Transpose2(panel, w, s, ld, kb)
	case simd.NEON && rows == 4:
		return simd.Transpose4NEON(panel, w, s, ld, kb)
	case simd.NEON:
		return simd.Transpose2NEON(panel, w, s, ld, kb)
	}
	return 0
}
