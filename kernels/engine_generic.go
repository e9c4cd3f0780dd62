//go:build !textbook

// engine_generic.go: the generic (pure-Go) path's microkernel, installed
// at start-up in place of the textbook's. Plain twin: kernelGeneric
// (microkernel_generic.go); the same products added in the same order, so
// the same bits (each product rounded, then added, k in order:
// kernelPlain's contract). What differs is how the 6×8 tile is cut and
// how the k loop is kept.
//
// A scalar kernel without FMA spends three instructions per multiply-add
// at best: a MULSD, an ADDSD, and a load or register copy for the
// multiplicand that MULSD overwrites. Everything else (index arithmetic,
// bounds checks, spills, the register shuffle at the back edge) is
// overhead. On a core that can issue more than its FP pipes take, that
// overhead is free; on one whose front end is the limit (Zen 3, issue 13:
// 4.5 GFLOP/s for 2 multiply-adds' worth of FP pipes a cycle; the Arm
// cores; any core whose SMT sibling is busy) every instruction costs.
//
//   - On amd64, sub-tiles of 1×8 rather than 2×4
//     (engine_generic_amd64.go): one value of A and eight of B a step,
//     each of B's used once, so its load is the copy MULSD needs and Go's
//     register allocator keeps the eight sums in place (no copies at the
//     back edge, no sum spilled). On arm64 and the others, whose FMUL has
//     three operands, reuse costs no copy and a 2×4 sub-tile loads fewer
//     values a step (two pairs of B and one of A, against four pairs and
//     one): 2×4 stays there (engine_generic_other.go).
//   - The panels are walked as slices cut to their exact lengths and
//     re-sliced by a chunk of 16 steps, with one length test per operand
//     a chunk: no index arithmetic and no bounds check inside it.
//
// Instructions per k step (8 multiply-adds) in the main loop, counted in
// `go tool objdump` of the test binary (go1.26): on amd64, kernelGeneric's
// dot2x4 32.5, the 2×4 kernel unrolled by 8 with exact slices 28.4, 1×8
// in chunks of 16 26.6 (25 is the floor); on arm64, 24.5, 22 and 24.5.
//
// Measured, on a 2-vCPU AMD Zen 5 VM (EPYC family 26, ≈3.3 GHz), one
// thread, GFLOP/s, two runs on each vCPU (`go test -run '^$' -bench
// 'GenericGemm|GenericKernel' -cpu 1 ./kernels`, pinned with taskset):
// the kernel alone, panels in L1, 10.6 (textbook) → 10.4–11.0; Gemm 512³
// 9.3–9.8 → 10.1–10.3, 1024³ 9.0–10.3 → 10.0–10.5, 64×128×784 9.0–9.8 →
// 9.5–9.9 (gonum 8.8–9.2), 64×784×128 9.6–9.7 → 9.7–10.0 (gonum 7.8–7.9),
// 128×784×64 9.3–9.7 → 9.6–10.0 (gonum 7.8–8.0). The 2×4 kernel unrolled
// by 8 that this replaces ran at 8.7–9.4 there (slower than the textbook
// on this core), though faster on a core sharing its front end: on the
// same VM, while another tenant loaded one vCPU's core, the kernel alone
// ran at 7.2–7.7 (textbook) against 8.3–8.9 (the 2×4 by 8), and Gemm
// 64×128×784 at 5.1 and 5.2 against gonum's 6.2. Fewer instructions a
// step is what wins there; the 1×8 kernel has the fewest.

package kernels

func init() {
	for _, p := range available {
		if p.name == "generic" {
			p.kernel, p.edgeRows = kernelGenericFast, genericEdgeRows
		}
	}
}

// genericEdgeRows is the generic path's edgeRows: kernelGenericRows, on
// the packed B panel that path always has (ldb = 8).
func genericEdgeRows(rows, k int, a, b []float64, ldb int, c []float64, ldc int, alpha, beta float64) {
	if ldb != genericNR {
		panic("kernels: genericEdgeRows: B not packed")
	}
	kernelGenericRows(rows, k, a, b, c, ldc, alpha, beta)
}

// kernelGenericRows is kernelGeneric (a microkernel on a 6×8 tile),
// computed a row at a time (the same bits), on the first rows rows of the
// tile only, reading and writing no other row of C: for the tiles at C's
// lower edge, which the engine (macroKernel) would otherwise compute whole
// in a buffer and copy back in part. With m = 64 and 6-row tiles, the
// last tile has 4 rows: 64 rows computed instead of 66. Measured on the
// Zen 5 VM (BenchmarkGenericGemm, one thread, pinned, interleaved):
// 64×128×784 9.65 → 9.94 GFLOP/s, 64×784×128 9.73 → 10.12, 128×784×64
// (128 = 21·6 + 2) 9.86 → 10.12.
func kernelGenericRows(rows, k int, a, b, c []float64, ldc int, alpha, beta float64) {
	if k == 0 { // (Gemm never asks for it) C = alpha·0 + beta·C, as kernelPlain
		for i := 0; i < rows; i++ {
			store4(c[i*ldc:], alpha, beta, 0, 0, 0, 0)
			store4(c[i*ldc+4:], alpha, beta, 0, 0, 0, 0)
		}
		return
	}
	a, b = a[:genericMR*k], b[:genericNR*k]
	for i := 0; i < rows; i++ {
		c0, c1, c2, c3, c4, c5, c6, c7 := dot1x8(a[i:], b)
		store4(c[i*ldc:], alpha, beta, c0, c1, c2, c3)
		store4(c[i*ldc+4:], alpha, beta, c4, c5, c6, c7)
	}
}

// dot1x8 returns the row Σ_p a[p·6]·b[p·8 + j], j < 8, the sum taken in
// order p = 0, 1, …: one row of the tile. a holds the A panel from the
// row on (k·6 − i values, k > 0), b the whole B panel (k·8 values), so
// that the last step reads the last value of a that is the row's and the
// last eight of b.
//
// A chunk of 16 steps reads a[0 … 90] and b[0 … 127]; when no more than
// 96 values of a (or 128 of b) were left, it was the last chunk (and, as
// more are left otherwise, re-slicing needs no guard against a pointer
// past the end). The steps left over (k mod 16) run one at a time.
func dot1x8(a, b []float64) (c0, c1, c2, c3, c4, c5, c6, c7 float64) {
	const (
		chunk = 16
		na    = (chunk-1)*genericMR + 1 // values of a one chunk reads
		nb    = chunk * genericNR       // values of b one chunk reads
	)
	var a0 float64
	for len(a) >= na && len(b) >= nb {
		ap, bp := (*[na]float64)(a), (*[nb]float64)(b)
		a0 = ap[0*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[0*genericNR]), c1+float64(a0*bp[0*genericNR+1]), c2+float64(a0*bp[0*genericNR+2]), c3+float64(a0*bp[0*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[0*genericNR+4]), c5+float64(a0*bp[0*genericNR+5]), c6+float64(a0*bp[0*genericNR+6]), c7+float64(a0*bp[0*genericNR+7])
		a0 = ap[1*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[1*genericNR]), c1+float64(a0*bp[1*genericNR+1]), c2+float64(a0*bp[1*genericNR+2]), c3+float64(a0*bp[1*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[1*genericNR+4]), c5+float64(a0*bp[1*genericNR+5]), c6+float64(a0*bp[1*genericNR+6]), c7+float64(a0*bp[1*genericNR+7])
		a0 = ap[2*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[2*genericNR]), c1+float64(a0*bp[2*genericNR+1]), c2+float64(a0*bp[2*genericNR+2]), c3+float64(a0*bp[2*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[2*genericNR+4]), c5+float64(a0*bp[2*genericNR+5]), c6+float64(a0*bp[2*genericNR+6]), c7+float64(a0*bp[2*genericNR+7])
		a0 = ap[3*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[3*genericNR]), c1+float64(a0*bp[3*genericNR+1]), c2+float64(a0*bp[3*genericNR+2]), c3+float64(a0*bp[3*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[3*genericNR+4]), c5+float64(a0*bp[3*genericNR+5]), c6+float64(a0*bp[3*genericNR+6]), c7+float64(a0*bp[3*genericNR+7])
		a0 = ap[4*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[4*genericNR]), c1+float64(a0*bp[4*genericNR+1]), c2+float64(a0*bp[4*genericNR+2]), c3+float64(a0*bp[4*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[4*genericNR+4]), c5+float64(a0*bp[4*genericNR+5]), c6+float64(a0*bp[4*genericNR+6]), c7+float64(a0*bp[4*genericNR+7])
		a0 = ap[5*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[5*genericNR]), c1+float64(a0*bp[5*genericNR+1]), c2+float64(a0*bp[5*genericNR+2]), c3+float64(a0*bp[5*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[5*genericNR+4]), c5+float64(a0*bp[5*genericNR+5]), c6+float64(a0*bp[5*genericNR+6]), c7+float64(a0*bp[5*genericNR+7])
		a0 = ap[6*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[6*genericNR]), c1+float64(a0*bp[6*genericNR+1]), c2+float64(a0*bp[6*genericNR+2]), c3+float64(a0*bp[6*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[6*genericNR+4]), c5+float64(a0*bp[6*genericNR+5]), c6+float64(a0*bp[6*genericNR+6]), c7+float64(a0*bp[6*genericNR+7])
		a0 = ap[7*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[7*genericNR]), c1+float64(a0*bp[7*genericNR+1]), c2+float64(a0*bp[7*genericNR+2]), c3+float64(a0*bp[7*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[7*genericNR+4]), c5+float64(a0*bp[7*genericNR+5]), c6+float64(a0*bp[7*genericNR+6]), c7+float64(a0*bp[7*genericNR+7])
		a0 = ap[8*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[8*genericNR]), c1+float64(a0*bp[8*genericNR+1]), c2+float64(a0*bp[8*genericNR+2]), c3+float64(a0*bp[8*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[8*genericNR+4]), c5+float64(a0*bp[8*genericNR+5]), c6+float64(a0*bp[8*genericNR+6]), c7+float64(a0*bp[8*genericNR+7])
		a0 = ap[9*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[9*genericNR]), c1+float64(a0*bp[9*genericNR+1]), c2+float64(a0*bp[9*genericNR+2]), c3+float64(a0*bp[9*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[9*genericNR+4]), c5+float64(a0*bp[9*genericNR+5]), c6+float64(a0*bp[9*genericNR+6]), c7+float64(a0*bp[9*genericNR+7])
		a0 = ap[10*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[10*genericNR]), c1+float64(a0*bp[10*genericNR+1]), c2+float64(a0*bp[10*genericNR+2]), c3+float64(a0*bp[10*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[10*genericNR+4]), c5+float64(a0*bp[10*genericNR+5]), c6+float64(a0*bp[10*genericNR+6]), c7+float64(a0*bp[10*genericNR+7])
		a0 = ap[11*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[11*genericNR]), c1+float64(a0*bp[11*genericNR+1]), c2+float64(a0*bp[11*genericNR+2]), c3+float64(a0*bp[11*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[11*genericNR+4]), c5+float64(a0*bp[11*genericNR+5]), c6+float64(a0*bp[11*genericNR+6]), c7+float64(a0*bp[11*genericNR+7])
		a0 = ap[12*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[12*genericNR]), c1+float64(a0*bp[12*genericNR+1]), c2+float64(a0*bp[12*genericNR+2]), c3+float64(a0*bp[12*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[12*genericNR+4]), c5+float64(a0*bp[12*genericNR+5]), c6+float64(a0*bp[12*genericNR+6]), c7+float64(a0*bp[12*genericNR+7])
		a0 = ap[13*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[13*genericNR]), c1+float64(a0*bp[13*genericNR+1]), c2+float64(a0*bp[13*genericNR+2]), c3+float64(a0*bp[13*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[13*genericNR+4]), c5+float64(a0*bp[13*genericNR+5]), c6+float64(a0*bp[13*genericNR+6]), c7+float64(a0*bp[13*genericNR+7])
		a0 = ap[14*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[14*genericNR]), c1+float64(a0*bp[14*genericNR+1]), c2+float64(a0*bp[14*genericNR+2]), c3+float64(a0*bp[14*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[14*genericNR+4]), c5+float64(a0*bp[14*genericNR+5]), c6+float64(a0*bp[14*genericNR+6]), c7+float64(a0*bp[14*genericNR+7])
		a0 = ap[15*genericMR]
		c0, c1, c2, c3 = c0+float64(a0*bp[15*genericNR]), c1+float64(a0*bp[15*genericNR+1]), c2+float64(a0*bp[15*genericNR+2]), c3+float64(a0*bp[15*genericNR+3])
		c4, c5, c6, c7 = c4+float64(a0*bp[15*genericNR+4]), c5+float64(a0*bp[15*genericNR+5]), c6+float64(a0*bp[15*genericNR+6]), c7+float64(a0*bp[15*genericNR+7])
		if len(a) <= chunk*genericMR || len(b) <= chunk*genericNR {
			return // that was the last step
		}
		a, b = a[chunk*genericMR:], b[chunk*genericNR:]
	}
	for len(a) >= 1 && len(b) >= genericNR {
		a0 = a[0]
		bp := (*[genericNR]float64)(b)
		c0, c1, c2, c3 = c0+float64(a0*bp[0]), c1+float64(a0*bp[1]), c2+float64(a0*bp[2]), c3+float64(a0*bp[3])
		c4, c5, c6, c7 = c4+float64(a0*bp[4]), c5+float64(a0*bp[5]), c6+float64(a0*bp[6]), c7+float64(a0*bp[7])
		if len(a) <= genericMR || len(b) <= genericNR {
			return
		}
		a, b = a[genericMR:], b[genericNR:]
	}
	return
}
