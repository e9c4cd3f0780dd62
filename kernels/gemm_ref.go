package kernels

// GemmRef is the naive reference for Gemm: the same contract, computed by the
// textbook loops
//
//	C[i][j] = alpha·Σ_p op(A)[i][p]·op(B)[p][j] + beta·C[i][j]
//
// in the i-p-j order (so that the innermost loop walks a row of C and, without
// transposes, a row of B with unit stride). It is always compiled and is what
// every faster path is tested against. It checks its arguments as Gemm does.
func GemmRef(transA, transB bool, m, n, k int, alpha float64,
	a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	checkGemm("GemmRef", transA, transB, m, n, k, a, lda, b, ldb, c, ldc)
	if m == 0 || n == 0 {
		return
	}
	for i := 0; i < m; i++ {
		ci := c[i*ldc : i*ldc+n]
		if beta == 0 {
			// Overwrite: a NaN already in C must not leak into the result.
			for j := range ci {
				ci[j] = 0
			}
		} else if beta != 1 {
			for j := range ci {
				ci[j] *= beta
			}
		}
		if alpha == 0 {
			continue
		}
		for p := 0; p < k; p++ {
			var aip float64
			if transA {
				aip = a[p*lda+i]
			} else {
				aip = a[i*lda+p]
			}
			s := alpha * aip
			if transB {
				for j := range ci {
					ci[j] += s * b[j*ldb+p]
				}
			} else {
				bp := b[p*ldb : p*ldb+n]
				for j, bpj := range bp {
					ci[j] += s * bpj
				}
			}
		}
	}
}
