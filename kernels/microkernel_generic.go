// microkernel_generic.go: the microkernel contract, its plain loop, and the
// pure-Go microkernel every path falls back on and every assembly kernel
// is tested against (microkernel_amd64.s and the others do the same sums).

package kernels

// microkernel computes one mr×nr tile of C from a packed micro-panel of A
// (k columns of mr values) and one of B (k rows of nr values):
//
//	C[i·ldc + j] = alpha·Σ_p a[p·mr + i]·b[p·nr + j] + beta·C[i·ldc + j]
//
// for i < mr, j < nr, the sum taken in order p = 0, 1, …, k−1. With
// beta == 0, C is not read. It has no loop over m or n, only over k: the
// loops around it (gemm.go) do the rest. Each element is computed the same
// way wherever its tile falls, so results do not depend on the threads.
type microkernel func(k int, a, b, c []float64, ldc int, alpha, beta float64)

// kernelPlain is the contract as a plain loop on an mr×nr tile: each
// product rounded, then added (the float64 conversion forbids the compiler
// to fuse them into an FMA, as it would on arm64 or with GOAMD64=v3), so
// its bits do not depend on the build. kernelGeneric computes the same
// bits faster; the assembly kernels fuse (one rounding per step).
func kernelPlain(mr, nr, k int, a, b, c []float64, ldc int, alpha, beta float64) {
	for i := 0; i < mr; i++ {
		for j := 0; j < nr; j++ {
			s := 0.0
			for p := 0; p < k; p++ {
				s += float64(a[p*mr+i] * b[p*nr+j])
			}
			if beta == 0 {
				c[i*ldc+j] = alpha * s
			} else {
				c[i*ldc+j] = float64(alpha*s) + float64(beta*c[i*ldc+j])
			}
		}
	}
}

// Tile of the generic microkernel: the 6×8 tile the AVX2 kernel uses, so
// that the two can be compared tile for tile.
const (
	genericMR = 6
	genericNR = 8
)

// kernelGeneric is kernelPlain on a 6×8 tile, with the same bits.
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
// Eight sums in registers, the p loop unrolled by four: the loop's
// bookkeeping otherwise costs as much as the arithmetic (Zen 5: 9 GFLOP/s
// rolled, 13.5 unrolled). float64(x*y) rounds the product before the sum,
// whatever the build: math.FMA instead gives one rounding, but on the
// default GOAMD64=v1 it checks the CPU at every call and halves the speed
// (512³ on 1 thread, Sapphire Rapids: 4.1 GFLOP/s against 8.2).
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
	}
	for ; p < k; p++ {
		ap := a[p*genericMR : p*genericMR+2]
		bp := b[p*genericNR : p*genericNR+4]
		a0, a1 = ap[0], ap[1]
		b0, b1, b2, b3 = bp[0], bp[1], bp[2], bp[3]
		c00, c01, c02, c03 = c00+float64(a0*b0), c01+float64(a0*b1), c02+float64(a0*b2), c03+float64(a0*b3)
		c10, c11, c12, c13 = c10+float64(a1*b0), c11+float64(a1*b1), c12+float64(a1*b2), c13+float64(a1*b3)
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
	c[0] = float64(alpha*s0) + float64(beta*c[0])
	c[1] = float64(alpha*s1) + float64(beta*c[1])
	c[2] = float64(alpha*s2) + float64(beta*c[2])
	c[3] = float64(alpha*s3) + float64(beta*c[3])
}
