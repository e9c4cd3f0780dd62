package tensor

import (
	"fmt"

	"dlgo/kernels"
)

// SparseInput is a 2-D tensor whose entries are mostly zeros, as MNIST's
// pixels are, with where its nonzeros are (kernels.NonzeroMasks), for the
// products that skip its zeros. The zero value is ready to use; its
// storage is reused from one Compress to the next.
type SparseInput struct {
	x     *Tensor
	masks kernels.NonzeroMasks
}

// Compress makes s stand for the 2-D tensor x and returns true, or returns
// false, leaving s unusable, as soon as x shows a fraction of nonzeros
// above maxDensity (see kernels.NonzeroMasks.Build). The products read x
// itself: it must not change while s is used.
func (s *SparseInput) Compress(x *Tensor, maxDensity float64) bool {
	x.must2D("SparseInput.Compress")
	s.x = nil
	if !s.masks.Build(x.Data, x.Shape[0], x.Shape[1], maxDensity) {
		return false
	}
	s.x = x
	return true
}

// SparseMatMulAdd computes dst += x·b for x (r×k, compressed in s), b
// (k×n) and dst (r×n), and returns dst. Each element of dst is its FMA
// chain over x's nonzeros, in column order (kernels.MaskedMulAdd).
func SparseMatMulAdd(dst *Tensor, s *SparseInput, b *Tensor) *Tensor {
	b.must2D("SparseMatMulAdd")
	dst.must2D("SparseMatMulAdd")
	x := s.tensor("SparseMatMulAdd")
	if x.Shape[1] != b.Shape[0] || dst.Shape[0] != x.Shape[0] || dst.Shape[1] != b.Shape[1] {
		panic(fmt.Sprintf("tensor.SparseMatMulAdd: shape mismatch: dst %v, sparse %v, b %v", dst.Shape, x.Shape, b.Shape))
	}
	n := b.Shape[1]
	kernels.MaskedMulAdd(dst.Data, n, &s.masks, b.Data, n, n)
	return dst
}

// SparseTMatMulAdd computes dst += xᵀ·b for x (r×k, compressed in s), b
// (r×n) and dst (k×n), and returns dst: a weight gradient xᵀ·dY for a
// sparse x (kernels.MaskedTMulAdd).
func SparseTMatMulAdd(dst *Tensor, s *SparseInput, b *Tensor) *Tensor {
	b.must2D("SparseTMatMulAdd")
	dst.must2D("SparseTMatMulAdd")
	x := s.tensor("SparseTMatMulAdd")
	if x.Shape[0] != b.Shape[0] || dst.Shape[0] != x.Shape[1] || dst.Shape[1] != b.Shape[1] {
		panic(fmt.Sprintf("tensor.SparseTMatMulAdd: shape mismatch: dst %v, sparse %vᵀ, b %v", dst.Shape, x.Shape, b.Shape))
	}
	n := b.Shape[1]
	kernels.MaskedTMulAdd(dst.Data, n, &s.masks, b.Data, n, n)
	return dst
}

// tensor returns the tensor s stands for, or panics naming op if Compress
// has not accepted one.
func (s *SparseInput) tensor(op string) *Tensor {
	if s.x == nil {
		panic("tensor." + op + ": the sparse input was not compressed, or was refused")
	}
	return s.x
}

// SparseFast reports whether the sparse products run in assembly; without
// it they are slower than MatMul on the same data (kernels.SparseFast).
func SparseFast() bool { return kernels.SparseFast() }
