// Package tensor is dlgo's Tensor: a shape and a flat row-major []float64,
// with the operations the layers of package nn need.
//
// Every operation writes into a destination the caller provides (and
// returns it), so that a training step can run without allocating. A shape
// mismatch is a programming error: it panics with the operation's name and
// both shapes, as gonum does. Element-wise operations allow the destination
// to be one of their inputs (dst == a); MatMul does not.
//
// It is deliberately not a general n-d array library: no strides, no views
// other than Reshape, no broadcasting beyond a row vector, and no automatic
// differentiation (package nn writes every backward pass by hand).
package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"dlgo/internal/loops"
)

// Tensor is an n-dimensional array of float64 in row-major order:
// element (i₀, i₁, …) is at Data[((i₀·Shape[1] + i₁)·Shape[2] + …)].
// len(Data) is the product of Shape.
type Tensor struct {
	Shape []int
	Data  []float64
}

// size returns the number of elements of a tensor of the given shape,
// panicking on a negative dimension or a product that overflows an int
// (a shape of 2³² × 2³² would otherwise wrap around to 0 elements).
func size(op string, shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			// Format a copy, so that shape does not escape to the heap
			// and a call with a literal shape allocates nothing.
			panic(fmt.Sprintf("tensor.%s: negative dimension in shape %v", op, slices.Clone(shape)))
		}
		if d == 0 {
			return 0
		}
	}
	for _, d := range shape {
		if n > math.MaxInt/d {
			panic(fmt.Sprintf("tensor.%s: shape %v has more elements than an int can count", op, slices.Clone(shape)))
		}
		n *= d
	}
	return n
}

// New returns a zero tensor of the given shape.
func New(shape ...int) *Tensor {
	return &Tensor{Shape: slices.Clone(shape), Data: newData(size("New", shape))}
}

// Zeros returns a zero tensor of the given shape: the same as New, under
// the name NumPy and the course use (np.zeros), which DESIGN.md's
// contract keeps.
func Zeros(shape ...int) *Tensor { return New(shape...) }

// Full returns a tensor of the given shape with every element v.
func Full(v float64, shape ...int) *Tensor {
	t := New(shape...)
	t.Fill(v)
	return t
}

// FromSlice returns a tensor of the given shape backed by data (not a
// copy). It panics if len(data) is not the product of the shape.
func FromSlice(data []float64, shape ...int) *Tensor {
	if n := size("FromSlice", shape); n != len(data) {
		panic(fmt.Sprintf("tensor.FromSlice: len(data) = %d, shape %v needs %d", len(data), shape, n))
	}
	return &Tensor{Shape: slices.Clone(shape), Data: data}
}

// RandN returns a tensor of the given shape with elements drawn from the
// standard normal distribution N(0, 1) by rng: the same seed gives the same
// bits.
func RandN(rng *rand.Rand, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		t.Data[i] = rng.NormFloat64()
	}
	return t
}

// Len returns the number of elements.
func (t *Tensor) Len() int { return len(t.Data) }

// Clone returns a deep copy of t.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Shape: slices.Clone(t.Shape), Data: slices.Clone(t.Data)}
}

// Reshape returns a tensor with the given shape sharing t's data (no copy).
// It panics if the number of elements differs.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	if n := size("Reshape", shape); n != len(t.Data) {
		panic(fmt.Sprintf("tensor.Reshape: shape %v has %d elements, shape %v has %d", t.Shape, len(t.Data), shape, n))
	}
	return &Tensor{Shape: slices.Clone(shape), Data: t.Data}
}

// offset returns the index in Data of the element at idx.
func (t *Tensor) offset(op string, idx []int) int {
	if len(idx) != len(t.Shape) {
		panic(fmt.Sprintf("tensor.%s: index %v for shape %v", op, idx, t.Shape))
	}
	off := 0
	for d, i := range idx {
		if i < 0 || i >= t.Shape[d] {
			panic(fmt.Sprintf("tensor.%s: index %v out of range for shape %v", op, idx, t.Shape))
		}
		off = off*t.Shape[d] + i
	}
	return off
}

// At returns the element at the given index, one coordinate per dimension.
func (t *Tensor) At(idx ...int) float64 { return t.Data[t.offset("At", idx)] }

// Set sets the element at the given index to v.
func (t *Tensor) Set(v float64, idx ...int) { t.Data[t.offset("Set", idx)] = v }

// Rows returns the number of rows of a 2-D tensor.
func (t *Tensor) Rows() int { t.must2D("Rows"); return t.Shape[0] }

// Cols returns the number of columns of a 2-D tensor.
func (t *Tensor) Cols() int { t.must2D("Cols"); return t.Shape[1] }

// Row returns row i of a 2-D tensor as a slice of its data (no copy).
func (t *Tensor) Row(i int) []float64 {
	t.must2D("Row")
	c := t.Shape[1]
	return t.Data[i*c : i*c+c]
}

func (t *Tensor) must2D(op string) {
	if len(t.Shape) != 2 {
		panic(fmt.Sprintf("tensor.%s: want a 2-D tensor, have shape %v", op, t.Shape))
	}
}

// Fill sets every element to v and returns t.
func (t *Tensor) Fill(v float64) *Tensor {
	for i := range t.Data {
		t.Data[i] = v
	}
	return t
}

// Zero sets every element to 0 and returns t (on several threads for a
// large tensor: kernels' engine_vector.go).
func (t *Tensor) Zero() *Tensor {
	loops.Zero(t.Data)
	return t
}

// SameShape reports whether a and b have the same shape.
func SameShape(a, b *Tensor) bool { return slices.Equal(a.Shape, b.Shape) }

// Resize returns a tensor of the given shape, reusing t's storage when it
// has the capacity (t may be nil). Its contents are unspecified. Layers use
// it to keep one buffer across batches of different sizes without
// allocating in the steady state.
func Resize(t *Tensor, shape ...int) *Tensor {
	n := size("Resize", shape)
	if t == nil {
		return New(shape...)
	}
	if cap(t.Data) < n {
		t.Data = make([]float64, n)
	}
	t.Data = t.Data[:n]
	if !slices.Equal(t.Shape, shape) {
		t.Shape = append(t.Shape[:0], shape...)
	}
	return t
}

// mismatch panics with the operation's name and both shapes.
func mismatch(op string, a, b *Tensor) {
	panic(fmt.Sprintf("tensor.%s: shape mismatch: %v and %v", op, a.Shape, b.Shape))
}

// mustSame panics unless a and b have the same shape.
func mustSame(op string, a, b *Tensor) {
	if !SameShape(a, b) {
		mismatch(op, a, b)
	}
}
