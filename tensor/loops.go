package tensor

import (
	"fmt"

	"dlgo/internal/loops"
)

// loops.go: the operations of a training step that run on package kernels'
// element-wise loops — SIMD and split across threads in the default build,
// plain Go loops in the textbook build (kernels/textbook.go), with the same
// bits either way.

// ReLU computes dst = max(a, 0) element-wise (Go's builtin max: NaN stays
// NaN, −0 gives +0) and returns dst. dst may be a.
func ReLU(dst, a *Tensor) *Tensor {
	mustSame("ReLU", dst, a)
	loops.ReLU(dst.Data, a.Data)
	return dst
}

// ReLUGrad computes dst = dy ⊙ [x > 0] element-wise (0 where x is NaN),
// the backward pass of ReLU, and returns dst. dst may be dy.
func ReLUGrad(dst, dy, x *Tensor) *Tensor {
	mustSame("ReLUGrad", dy, x)
	mustSame("ReLUGrad", dst, x)
	loops.ReLUGrad(dst.Data, dy.Data, x.Data)
	return dst
}

// AddSumRows computes dst[0][j] += Σ_i a[i][j] for an r×c tensor a and a
// 1×c dst, adding row after row (the bias gradient db += Σ_i dy[i]), and
// returns dst.
func AddSumRows(dst, a *Tensor) *Tensor {
	a.must2D("AddSumRows")
	if len(dst.Shape) != 2 || dst.Shape[0] != 1 || dst.Shape[1] != a.Shape[1] {
		mismatch("AddSumRows", dst, a)
	}
	c := a.Shape[1]
	for i := 0; i < a.Shape[0]; i++ {
		loops.AddTo(dst.Data[:c], a.Data[i*c:i*c+c])
	}
	return dst
}

// SetRows sets every row of the r×c tensor dst to the 1×c row vector v
// (a bias, before a product is added onto it) and returns dst.
func SetRows(dst, v *Tensor) *Tensor {
	dst.must2D("SetRows")
	if len(v.Shape) != 2 || v.Shape[0] != 1 || v.Shape[1] != dst.Shape[1] {
		mismatch("SetRows", dst, v)
	}
	c := dst.Shape[1]
	for i := 0; i < dst.Shape[0]; i++ {
		copy(dst.Data[i*c:i*c+c], v.Data[:c])
	}
	return dst
}

// PrefetchRows asks the memory system for the start of each row idx of
// the 2-D src, for a GatherRows to come: a hint that changes nothing (and
// does nothing in the textbook build). data.Batcher calls it for the next
// batch once it has copied the current one.
func PrefetchRows(src *Tensor, idx []int) {
	src.must2D("PrefetchRows")
	for _, i := range idx {
		if i < 0 || i >= src.Shape[0] {
			panic(fmt.Sprintf("tensor.PrefetchRows: row %d out of range for shape %v", i, src.Shape))
		}
	}
	loops.PrefetchRows(src.Data, src.Shape[1], idx)
}

// GatherRows copies the rows idx of the 2-D src into dst, whose shape must
// be len(idx)×src's columns (row r of dst is row idx[r] of src), and
// returns dst: a mini-batch of a shuffled data set, built with one copy
// of each row, split across threads when it is large (kernels' engine_loops.go).
func GatherRows(dst, src *Tensor, idx []int) *Tensor {
	src.must2D("GatherRows")
	dst.must2D("GatherRows")
	c := src.Shape[1]
	if dst.Shape[0] != len(idx) || dst.Shape[1] != c {
		panic(fmt.Sprintf("tensor.GatherRows: dst shape %v for %d rows of %v", dst.Shape, len(idx), src.Shape))
	}
	for _, i := range idx {
		if i < 0 || i >= src.Shape[0] {
			panic(fmt.Sprintf("tensor.GatherRows: row %d out of range for shape %v", i, src.Shape))
		}
	}
	loops.GatherRows(dst.Data, src.Data, c, idx)
	return dst
}
