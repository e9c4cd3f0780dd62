//go:build !textbook && !amd64

// engine_generic_other.go: the generic path's whole tiles on arm64 and the
// other architectures, in kernelGeneric's 2×4 sub-tiles with the k loop
// kept as engine_generic.go says (exact slices, chunks of 8 steps): 22
// instructions a step on arm64 against 24.5 for kernelGeneric and for the
// 1×8 rows amd64 uses (engine_generic.go explains the difference).

package kernels

// kernelGenericFast is kernelGeneric (a microkernel on a 6×8 tile, as
// 2×4 sub-tiles) with a cheaper k loop: the same bits.
func kernelGenericFast(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	if k == 0 { // (Gemm never asks for it) C = alpha·0 + beta·C
		kernelGenericRows(genericMR, 0, a, b, c, ldc, alpha, beta)
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
