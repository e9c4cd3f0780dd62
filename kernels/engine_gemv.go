//go:build !textbook

// engine_gemv.go: products with one column (n = 1), a matrix times a vector —
// logistic regression's x·w and xᵀ·dy. A register tile 16 or 24 columns
// wide would compute 15 or 23 columns for nothing; these loops compute
// the one. They are chosen by shape alone, run on the calling goroutine
// (the work is a few microseconds), and are deterministic. Plain twin: gemmPlain, which pads the
// one column to a whole tile. Measured gain: x·w of logistic regression (64×1×784) 140 → 4.8 µs
// (BenchmarkEngine, one thread, median of 3, on a 2-core Sapphire Rapids VM
// shared with other work).

package kernels

// gemvMaxWork is the largest m·k a product with one column is computed
// with gemv rather than with the tiles.
const gemvMaxWork = 1 << 22

// isGemv reports whether Gemm computes g with gemv: one column of C, and B
// and C both contiguous along k and m.
func isGemv(g *gemmArgs) bool {
	return g.n == 1 && g.m > 0 && g.m*g.k <= gemvMaxWork && (g.transB || g.ldb == 1) && g.ldc == 1 && g.k > 0 && g.alpha != 0
}

// gemv computes C = alpha·op(A)·b + beta·C for a column b (B's k values are
// contiguous: B is k×1, or 1×k transposed) into a column C (ldc = 1):
//
//   - A as stored (m×k): c[i] = alpha·dot(row i of A, b) + beta·c[i], one
//     dot product per row;
//   - A transposed (stored k×m): C = beta·C, then for p = 0 … k−1,
//     C += (alpha·b[p])·(row p of A), one Axpy per stored row, in order.
func gemv(p *kernelPath, g *gemmArgs) {
	b := g.b[:g.k]
	c := g.c[:g.m]
	if !g.transA {
		for i := range c {
			s := g.alpha * dot(p.asm, g.a[i*g.lda:i*g.lda+g.k], b)
			if g.beta == 0 {
				c[i] = s
			} else {
				c[i] = s + g.beta*c[i]
			}
		}
		return
	}
	scaleC(1, g.m, g.beta, c, g.m)
	for j, bj := range b {
		axpy(p.asm, c, g.a[j*g.lda:j*g.lda+g.m], g.alpha*bj)
	}
}
