// dense.go: the fully connected layer y = x·W + b, forward and backward —
// where almost all of a network's time goes (two products per pass, through
// tensor.MatMul and kernels.Gemm).

package nn

import (
	"fmt"
	"math/rand/v2"

	"dlgo/tensor"
)

// Dense is the fully connected layer y = x·W + b: x is batch×in, W in×out,
// b 1×out (added to every row), y batch×out. Make one with NewDense.
type Dense struct {
	W, B *Param // W: [in out], b: [1 out]; Params returns them in this order

	// NoInputGrad, when set, makes Backward skip dx = dy·Wᵀ and return nil:
	// for a first layer, whose input (the data) needs no gradient. It saves
	// a third of the layer's backward work. Train sets it on the first
	// layer of a Sequential while it runs.
	NoInputGrad bool

	params []*Param
	x      *tensor.Tensor // the input of the last Forward
	y, dx  *tensor.Tensor // buffers

	// xs is x with where its nonzeros are, when x is mostly zeros
	// (sparseInput), as MNIST's pixels are; the products then skip the
	// zeros.
	xs      tensor.SparseInput
	xsValid bool
}

// NewDense returns a Dense layer with in inputs and out outputs, W drawn
// with He initialisation (N(0, 2/in): see He) from rng, b zero, and zero
// gradients. For another initialisation, use NewDenseInit.
func NewDense(in, out int, rng *rand.Rand) *Dense {
	return NewDenseInit(in, out, He, rng)
}

// NewDenseInit returns a Dense layer with W initialised by init from rng
// (He, Xavier or SmallRandom), b zero, and zero gradients.
func NewDenseInit(in, out int, init Initializer, rng *rand.Rand) *Dense {
	if in <= 0 || out <= 0 {
		panic(fmt.Sprintf("nn.NewDense: in = %d, out = %d: both must be positive", in, out))
	}
	d := newDense(in, out)
	init(d.W.Value, rng)
	return d
}

// newDense returns a Dense layer of zero W and b, b exempt from weight
// decay.
func newDense(in, out int) *Dense {
	d := &Dense{W: NewParam("W", in, out), B: NewParam("b", 1, out)}
	d.B.NoDecay = true
	d.params = []*Param{d.W, d.B}
	return d
}

// String returns "Dense(in → out)".
func (d *Dense) String() string { return fmt.Sprintf("Dense(%d → %d)", d.In(), d.Out()) }

// In returns the number of inputs, Out the number of outputs.
func (d *Dense) In() int { return d.W.Value.Shape[0] }

// Out returns the number of outputs.
func (d *Dense) Out() int { return d.W.Value.Shape[1] }

// Forward computes y = x·W + b for x batch×in; y is batch×out. The bias
// is written into y first and the product added onto it (one Gemm with
// beta = 1), so that y is not swept a second time.
func (d *Dense) Forward(x *tensor.Tensor) *tensor.Tensor {
	if len(x.Shape) != 2 || x.Shape[1] != d.In() {
		panic(fmt.Sprintf("nn.Dense.Forward: shape mismatch: x %v and W %v", x.Shape, d.W.Value.Shape))
	}
	d.x = x
	d.y = resize2(d.y, x.Shape[0], d.Out())
	tensor.SetRows(d.y, d.B.Value)
	d.xsValid = d.sparseInput(x)
	if d.xsValid {
		return tensor.SparseMatMulAdd(d.y, &d.xs, d.W.Value)
	}
	return tensor.MatMulAdd(d.y, x, d.W.Value, false, false, 1)
}

// sparseMaxDensity is the largest fraction of nonzeros in x for which
// Dense skips x's zeros: MNIST's pixels are 19% nonzero; ReLU outputs,
// about half, stay with Gemm.
const sparseMaxDensity = 0.3

// sparseInput reports whether the products with x skip its zeros, and if
// so compresses x into d.xs: when the sparse kernels run in assembly, the
// layer is wide enough for them (a multiple of 64 outputs) and x is mostly
// zeros (Compress gives up after a few rows of dense data). The choice
// depends on x alone, never on the thread count. The sparse products sum
// the nonzero terms of the dense ones, in the same order, so they agree
// with Gemm to rounding (TestStepMatchesReference runs both).
func (d *Dense) sparseInput(x *tensor.Tensor) bool {
	if !tensor.SparseFast() || d.Out()%64 != 0 || x.Shape[0] < 8 {
		return false
	}
	return d.xs.Compress(x, sparseMaxDensity)
}

// Backward takes dy = dJ/dy (batch×out) and, from y = x·W + b,
//
//	dW += xᵀ·dy   (in×out)
//	db += Σ_rows dy   (1×out)
//	dx  = dy·Wᵀ   (batch×in, returned; nil with NoInputGrad)
func (d *Dense) Backward(dy *tensor.Tensor) *tensor.Tensor {
	return d.backward(dy, !d.NoInputGrad)
}

// backward is Backward, computing dx only if wantDx.
func (d *Dense) backward(dy *tensor.Tensor, wantDx bool) *tensor.Tensor {
	if d.x == nil {
		panic("nn.Dense.Backward: called before Forward")
	}
	if len(dy.Shape) != 2 || dy.Shape[0] != d.x.Shape[0] || dy.Shape[1] != d.Out() {
		panic(fmt.Sprintf("nn.Dense.Backward: shape mismatch: dy %v and y %v", dy.Shape, d.y.Shape))
	}
	if d.xsValid {
		tensor.SparseTMatMulAdd(d.W.Grad, &d.xs, dy)
	} else {
		tensor.MatMulAdd(d.W.Grad, d.x, dy, true, false, 1)
	}
	tensor.AddSumRows(d.B.Grad, dy)
	if !wantDx {
		return nil
	}
	d.dx = resize2(d.dx, dy.Shape[0], d.In())
	return tensor.MatMul(d.dx, dy, d.W.Value, false, true)
}

// Params returns W and b, in that order.
func (d *Dense) Params() []*Param {
	if d.params == nil { // a Dense built by hand rather than by NewDense
		d.params = []*Param{d.W, d.B}
	}
	return d.params
}
