package tensor

import "fmt"

// Row-wise operations on 2-D tensors (a batch of examples, one per row).

// AddRowVector computes dst[i][j] = a[i][j] + v[0][j]: the bias broadcast of
// y = x·W + b. a is r×c, v is 1×c; dst may be a.
func AddRowVector(dst, a, v *Tensor) *Tensor {
	a.must2D("AddRowVector")
	if len(v.Shape) != 2 || v.Shape[0] != 1 || v.Shape[1] != a.Shape[1] {
		mismatch("AddRowVector", a, v)
	}
	mustSame("AddRowVector", dst, a)
	c := a.Shape[1]
	bias := v.Data[:c]
	for i := 0; i < a.Shape[0]; i++ {
		x := a.Data[i*c : i*c+c]
		d := dst.Data[i*c : i*c+c]
		for j, bj := range bias {
			d[j] = x[j] + bj
		}
	}
	return dst
}

// ArgMaxRows writes into dst the column index of the largest element of
// each row of a 2-D tensor (the first one on ties; NaN is never chosen over
// a number) and returns dst. dst must have one entry per row.
func ArgMaxRows(dst []int, a *Tensor) []int {
	a.must2D("ArgMaxRows")
	r, c := a.Shape[0], a.Shape[1]
	if len(dst) != r {
		panic(fmt.Sprintf("tensor.ArgMaxRows: len(dst) = %d for shape %v", len(dst), a.Shape))
	}
	for i := 0; i < r; i++ {
		row := a.Data[i*c : i*c+c]
		best := 0
		for j, v := range row {
			if v > row[best] || (row[best] != row[best] && v == v) {
				best = j
			}
		}
		dst[i] = best
	}
	return dst
}
