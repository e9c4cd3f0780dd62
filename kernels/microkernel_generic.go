package kernels

// microkernel computes one mr×nr tile of C from a packed micro-panel of A
// (k columns of mr values) and one of B (k rows of nr values):
//
//	C[i·ldc + j] = alpha·Σ_p a[p·mr + i]·b[p·nr + j] + beta·C[i·ldc + j]
//
// for i < mr, j < nr, the sum taken in order p = 0, 1, …, k−1. With
// beta == 0, C is not read. It has no loop over m or n, only over k: the
// loops around it (gemm.go) do the rest. Every path's microkernel computes
// each element of the tile by this same formula, which is what makes
// results independent of how the tiles are shared among threads.
type microkernel func(k int, a, b, c []float64, ldc int, alpha, beta float64)

// Tile of the generic microkernel: the 6×8 tile the AVX2 kernel uses, so
// that the two can be compared tile for tile.
const (
	genericMR = 6
	genericNR = 8
)

// kernelGeneric is the pure-Go 6×8 microkernel, the reference every assembly
// microkernel is tested against.
//
// A 6×8 tile is 48 accumulators, three times the float registers Go has on
// amd64, so the tile is computed as six 2×4 sub-tiles, each over the whole k
// loop: 8 accumulators, 2 values of A and 4 of B fit in registers, and the
// panels (6·k + 8·k values) stay in L1 between the passes. The order of the
// sum over p for each element is the same as in one pass.
func kernelGeneric(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	for i := 0; i < genericMR; i += 2 {
		for j := 0; j < genericNR; j += 4 {
			c00, c01, c02, c03, c10, c11, c12, c13 := dot2x4(k, a[i:], b[j:])
			store4(c[i*ldc+j:], alpha, beta, c00, c01, c02, c03)
			store4(c[(i+1)*ldc+j:], alpha, beta, c10, c11, c12, c13)
		}
	}
}

// dot2x4 returns the 2×4 block Σ_p a[p·6 + i]·b[p·8 + j], i < 2, j < 4, of
// the product of a 6-row A panel and an 8-column B panel (a and b start at
// the block's first row and column), the sum taken in order p = 0, 1, ….
//
// Written so that the compiler keeps the eight sums in registers, and with
// the p loop unrolled by four: on a wide out-of-order core the loop's
// bookkeeping (index arithmetic, bounds checks, the branch) otherwise costs
// as much as the arithmetic (measured on a Zen core: 9 GFLOP/s rolled, 13.5
// unrolled, for the scalar ceiling of about 4 flops a cycle).
func dot2x4(k int, a, b []float64) (c00, c01, c02, c03, c10, c11, c12, c13 float64) {
	var a0, a1, b0, b1, b2, b3 float64
	p := 0
	for ; p+3 < k; p += 4 {
		// One slice expression per operand covers the four steps, so
		// the constant indices below need no bounds checks.
		ap := a[p*genericMR : p*genericMR+3*genericMR+2]
		bp := b[p*genericNR : p*genericNR+3*genericNR+4]
		a0, a1 = ap[0*genericMR], ap[0*genericMR+1]
		b0, b1, b2, b3 = bp[0*genericNR], bp[0*genericNR+1], bp[0*genericNR+2], bp[0*genericNR+3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		a0, a1 = ap[1*genericMR], ap[1*genericMR+1]
		b0, b1, b2, b3 = bp[1*genericNR], bp[1*genericNR+1], bp[1*genericNR+2], bp[1*genericNR+3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		a0, a1 = ap[2*genericMR], ap[2*genericMR+1]
		b0, b1, b2, b3 = bp[2*genericNR], bp[2*genericNR+1], bp[2*genericNR+2], bp[2*genericNR+3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		a0, a1 = ap[3*genericMR], ap[3*genericMR+1]
		b0, b1, b2, b3 = bp[3*genericNR], bp[3*genericNR+1], bp[3*genericNR+2], bp[3*genericNR+3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
	}
	for ; p < k; p++ {
		ap := a[p*genericMR : p*genericMR+2]
		bp := b[p*genericNR : p*genericNR+4]
		a0, a1 = ap[0], ap[1]
		b0, b1, b2, b3 = bp[0], bp[1], bp[2], bp[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
	}
	return
}

// store4 writes c[j] = alpha·s_j + beta·c[j] for j < 4, not reading c when
// beta == 0 (so a NaN already there does not leak).
func store4(c []float64, alpha, beta, s0, s1, s2, s3 float64) {
	c = c[:4]
	if beta == 0 {
		c[0] = alpha * s0
		c[1] = alpha * s1
		c[2] = alpha * s2
		c[3] = alpha * s3
		return
	}
	c[0] = alpha*s0 + beta*c[0]
	c[1] = alpha*s1 + beta*c[1]
	c[2] = alpha*s2 + beta*c[2]
	c[3] = alpha*s3 + beta*c[3]
}
