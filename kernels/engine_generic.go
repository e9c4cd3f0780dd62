//go:build !textbook

// engine_generic.go: the generic (pure-Go) path's microkernel, installed
// at start-up in place of the textbook's. Plain twin: kernelGeneric
// (microkernel_generic.go), with the same 2×4 sub-tiles, the same
// operations in the same order and so the same bits (each product rounded,
// then added, k in order: kernelPlain's contract). Only the k loop's
// bookkeeping differs. A scalar kernel spends two FP instructions per
// multiply-add and one register copy or load, so on a core that issues
// fewer instructions per cycle than its FP pipes could take (Zen 3, the
// Arm cores) every instruction of loop overhead and every spill costs
// speed; on one with fewer FP ports (Sapphire Rapids: MULSD on ports 0/1,
// ADDSD on 1/5, 1.5 multiply-adds a cycle) the FP ports bound both kernels.
//
//   - The panels are walked as slices cut to their exact lengths and
//     re-sliced by a whole chunk of steps at a time, with one length test
//     per operand per chunk: no index arithmetic and no bounds check in
//     the loop (kernelGeneric recomputes p·6 and p·8 and checks both
//     slice expressions every four steps).
//   - The loop is unrolled by eight rather than four: Go's scheduler puts
//     the last step's eight additions after its eight products, so 16
//     values are live at the back edge and one pair of them is spilled
//     once per chunk; eight steps halve that.
//
// Instructions per k step of a 2×4 sub-tile (8 multiply-adds), counted in
// the unrolled loop of `go build -gcflags=-S ./kernels` (go1.26): amd64
// 32.25 in dot2x4 (129 per four steps, 8 of them stack moves) against
// 28.25 here (226 per eight steps, 8 stack moves); arm64 24.5 (98 per
// four) against 22 (176 per eight, no spills: 32 FP registers).
//
// Measured gain, on a 2-vCPU Sapphire Rapids VM shared with other work
// (load average 3–9), GFLOP/s by the process's CPU time, medians of 5 to 7
// interleaved runs (`go test -run '^$' -bench 'GenericGemm|GenericKernel'
// -cpu 1 -count 5 ./kernels`): the kernel alone, in L1, 10.51 → 11.15;
// Gemm 64×128×784 8.16 → 8.93 and 9.38 → 9.47 (two runs), 64×784×128
// 8.69 → 9.30 and 9.29 → 9.71, 128×784×64 8.74 → 9.52 and 8.92 → 9.77,
// 512³ 8.49 → 8.68 and 8.95 → 9.84, 1024³ 8.37 → 8.39 and 9.05 → 9.20.
// This core is nearly bound by its FP ports (a scalar multiply-add is a
// MULSD on port 0 or 1 and an ADDSD on 1 or 5: 1.5 a cycle, 3 flops), so
// fewer instructions gain little here; a core bound by its issue width
// (Zen 3: 2 FMUL + 2 FADD pipes, 4 cycles a step of FP work, but 6
// macro-ops a cycle at best, and issue 13's 4.5 GFLOP/s there is about 3
// instructions a cycle) gains in proportion to them: an estimated
// 32.25/28.25 = 1.14×.

package kernels

func init() {
	for _, p := range available {
		if p.name == "generic" {
			p.kernel = kernelGenericFast
		}
	}
}

// kernelGenericFast is kernelGeneric (a microkernel on a 6×8 tile) with
// a cheaper k loop: the same bits.
func kernelGenericFast(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	if k == 0 { // (Gemm never asks for it) C = alpha·0 + beta·C, as kernelPlain
		for i := 0; i < genericMR; i++ {
			store4(c[i*ldc:], alpha, beta, 0, 0, 0, 0)
			store4(c[i*ldc+4:], alpha, beta, 0, 0, 0, 0)
		}
		return
	}
	a, b = a[:genericMR*k], b[:genericNR*k]
	for i := 0; i < genericMR; i += 2 {
		for j := 0; j < genericNR; j += 4 {
			c00, c01, c02, c03, c10, c11, c12, c13 := dot2x4Fast(a[i:], b[j:])
			store4(c[i*ldc+j:], alpha, beta, c00, c01, c02, c03)
			store4(c[(i+1)*ldc+j:], alpha, beta, c10, c11, c12, c13)
		}
	}
}

// dot2x4Fast is dot2x4 on panels cut to their exact lengths: a holds the
// A panel from the block's first row on (k·6 − i values, k > 0), b the B
// panel from its first column on (k·8 − j values), so that the last step
// reads the last two values of a and the last four of b.
//
// A chunk of eight steps reads a[0 … 43] and b[0 … 59]; when no more than
// 48 values of a (or 64 of b) were left, it was the last chunk (and, as
// more are left otherwise, re-slicing needs no guard against a pointer
// past the end). The steps left over (k mod 8) run one at a time.
func dot2x4Fast(a, b []float64) (c00, c01, c02, c03, c10, c11, c12, c13 float64) {
	const (
		chunk = 8
		na    = (chunk-1)*genericMR + 2 // values of a one chunk reads
		nb    = (chunk-1)*genericNR + 4 // values of b one chunk reads
	)
	var a0, a1, b0, b1, b2, b3 float64
	for len(a) >= na && len(b) >= nb {
		ap, bp := (*[na]float64)(a), (*[nb]float64)(b)
		a0, a1 = ap[0*genericMR], ap[0*genericMR+1]
		b0, b1, b2, b3 = bp[0*genericNR], bp[0*genericNR+1], bp[0*genericNR+2], bp[0*genericNR+3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		a0, a1 = ap[1*genericMR], ap[1*genericMR+1]
		b0, b1, b2, b3 = bp[1*genericNR], bp[1*genericNR+1], bp[1*genericNR+2], bp[1*genericNR+3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		a0, a1 = ap[2*genericMR], ap[2*genericMR+1]
		b0, b1, b2, b3 = bp[2*genericNR], bp[2*genericNR+1], bp[2*genericNR+2], bp[2*genericNR+3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		a0, a1 = ap[3*genericMR], ap[3*genericMR+1]
		b0, b1, b2, b3 = bp[3*genericNR], bp[3*genericNR+1], bp[3*genericNR+2], bp[3*genericNR+3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		a0, a1 = ap[4*genericMR], ap[4*genericMR+1]
		b0, b1, b2, b3 = bp[4*genericNR], bp[4*genericNR+1], bp[4*genericNR+2], bp[4*genericNR+3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		a0, a1 = ap[5*genericMR], ap[5*genericMR+1]
		b0, b1, b2, b3 = bp[5*genericNR], bp[5*genericNR+1], bp[5*genericNR+2], bp[5*genericNR+3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		a0, a1 = ap[6*genericMR], ap[6*genericMR+1]
		b0, b1, b2, b3 = bp[6*genericNR], bp[6*genericNR+1], bp[6*genericNR+2], bp[6*genericNR+3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		a0, a1 = ap[7*genericMR], ap[7*genericMR+1]
		b0, b1, b2, b3 = bp[7*genericNR], bp[7*genericNR+1], bp[7*genericNR+2], bp[7*genericNR+3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		if len(a) <= chunk*genericMR || len(b) <= chunk*genericNR {
			return // that was the last step
		}
		a, b = a[chunk*genericMR:], b[chunk*genericNR:]
	}
	for len(a) >= 2 && len(b) >= 4 {
		a0, a1 = a[0], a[1]
		b0, b1, b2, b3 = b[0], b[1], b[2], b[3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
		if len(a) <= genericMR || len(b) <= genericNR {
			return
		}
		a, b = a[genericMR:], b[genericNR:]
	}
	return
}
