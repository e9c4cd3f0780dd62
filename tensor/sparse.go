package tensor

import (
	"fmt"

	"dlgo/kernels"
)

// SparseRows holds a 2-D tensor as its nonzeros, by rows and, when asked
// for, by columns (kernels.SparseRows): for products with inputs that are
// mostly zeros, as MNIST's pixels are. The zero value is ready to use; its
// storage is reused from one Compress to the next.
type SparseRows struct {
	rows, cols kernels.SparseRows // cols: the transpose (StartTranspose)
	bg         kernels.Background
	started    bool // the transpose of the current rows is made or being made
}

// Compress sets s to the nonzeros of the 2-D tensor a and returns true,
// or returns false, leaving s unusable, as soon as a shows a fraction of
// nonzeros above maxDensity (see kernels.SparseRows.Compress).
func (s *SparseRows) Compress(a *Tensor, maxDensity float64) bool {
	a.must2D("SparseRows.Compress")
	s.bg.Discard() // a transpose still running reads rows
	s.started = false
	return s.rows.Compress(a.Data, a.Shape[0], a.Shape[1], maxDensity)
}

// StartTranspose starts making the transpose both products work from: on
// a worker, while the caller goes on, when there are several threads; with
// one, the first product makes it. The products start it themselves if it
// was not: a caller with other work to do between Compress and the first
// product can start it early.
func (s *SparseRows) StartTranspose() {
	if !s.started {
		s.bg.Transpose(&s.rows, &s.cols)
		s.started = true
	}
}

// SparseMatMulAdd computes dst += S·b for S (r×k, compressed), b (k×n) and
// dst (r×n), and returns dst. Each element of dst is its FMA chain over
// S's nonzeros, in column order (kernels.SpMMAddT on Sᵀ).
func SparseMatMulAdd(dst *Tensor, s *SparseRows, b *Tensor) *Tensor {
	b.must2D("SparseMatMulAdd")
	dst.must2D("SparseMatMulAdd")
	if s.rows.Cols != b.Shape[0] || dst.Shape[0] != s.rows.Rows || dst.Shape[1] != b.Shape[1] {
		panic(fmt.Sprintf("tensor.SparseMatMulAdd: shape mismatch: dst %v, sparse [%d %d], b %v", dst.Shape, s.rows.Rows, s.rows.Cols, b.Shape))
	}
	// The product runs on the transpose (kernels.SpMMAddT), which the
	// backward pass needs anyway: the same bits as on the rows, about
	// twice as fast.
	s.StartTranspose()
	s.bg.Wait()
	n := b.Shape[1]
	kernels.SpMMAddT(dst.Data, n, &s.cols, b.Data, n, n)
	return dst
}

// SparseTMatMulAdd computes dst += Sᵀ·b for S (r×k, compressed), b (r×n)
// and dst (k×n), and returns dst: a weight gradient xᵀ·dY for a sparse x.
func SparseTMatMulAdd(dst *Tensor, s *SparseRows, b *Tensor) *Tensor {
	b.must2D("SparseTMatMulAdd")
	dst.must2D("SparseTMatMulAdd")
	if s.rows.Rows != b.Shape[0] || dst.Shape[0] != s.rows.Cols || dst.Shape[1] != b.Shape[1] {
		panic(fmt.Sprintf("tensor.SparseTMatMulAdd: shape mismatch: dst %v, sparse [%d %d]ᵀ, b %v", dst.Shape, s.rows.Rows, s.rows.Cols, b.Shape))
	}
	s.StartTranspose()
	s.bg.Wait()
	n := b.Shape[1]
	kernels.SpMMAdd(dst.Data, n, &s.cols, b.Data, n, n)
	return dst
}

// SparseFast reports whether the sparse products run in assembly; without
// it they are slower than MatMul on the same data (kernels.SparseFast).
func SparseFast() bool { return kernels.SparseFast() }
