package tensor

import (
	"fmt"

	"dlgo/kernels"
)

// MatMul computes dst = op(a)·op(b), op(x) = x or xᵀ, for 2-D tensors, with
// kernels.Gemm, and returns dst. op(a) must be m×k, op(b) k×n and dst m×n.
// dst must not share storage with a or b.
func MatMul(dst, a, b *Tensor, transA, transB bool) *Tensor {
	return MatMulAdd(dst, a, b, transA, transB, 0)
}

// MatMulAdd computes dst = op(a)·op(b) + beta·dst and returns dst; with
// beta = 1 it accumulates a product into dst (as a weight gradient does
// over micro-batches).
func MatMulAdd(dst, a, b *Tensor, transA, transB bool, beta float64) *Tensor {
	a.must2D("MatMul")
	b.must2D("MatMul")
	dst.must2D("MatMul")
	m, k := a.Shape[0], a.Shape[1]
	if transA {
		m, k = k, m
	}
	kb, n := b.Shape[0], b.Shape[1]
	if transB {
		kb, n = n, kb
	}
	if k != kb {
		panic(fmt.Sprintf("tensor.MatMul: shape mismatch: %v%s and %v%s", a.Shape, tr(transA), b.Shape, tr(transB)))
	}
	if dst.Shape[0] != m || dst.Shape[1] != n {
		panic(fmt.Sprintf("tensor.MatMul: dst shape %v, product of %v%s and %v%s is [%d %d]",
			dst.Shape, a.Shape, tr(transA), b.Shape, tr(transB), m, n))
	}
	if len(dst.Data) > 0 && (overlaps(dst.Data, a.Data) || overlaps(dst.Data, b.Data)) {
		panic("tensor.MatMul: dst shares storage with an operand")
	}
	// A row stride must be at least 1 even for an empty matrix.
	kernels.Gemm(transA, transB, m, n, k, 1, a.Data, max(1, a.Shape[1]), b.Data, max(1, b.Shape[1]), beta, dst.Data, max(1, n))
	return dst
}

func tr(t bool) string {
	if t {
		return "ᵀ"
	}
	return ""
}

// overlaps reports whether two non-empty slices share their first element
// or one starts inside the other (the aliasing a caller can create with
// Reshape or FromSlice).
func overlaps(x, y []float64) bool {
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	x0, y0 := &x[0], &y[0]
	return x0 == y0 || &x[len(x)-1] == &y[len(y)-1]
}
