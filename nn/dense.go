// dense.go: the fully connected layer y = x·W + b, forward and backward —
// where almost all of a network's time goes (two products per pass, through
// tensor.MatMul and kernels.Gemm). It knows nothing of how the products
// run: a mostly-zero x (MNIST's pixels) is kernels.Gemm's business.

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
	d := &Dense{W: NewParam("W", in, out), B: NewParam("b", 1, out)}
	d.B.NoDecay = true // weight decay is for weights, not biases
	d.params = []*Param{d.W, d.B}
	init(d.W.Value, rng)
	return d
}

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
	return tensor.MatMulAdd(d.y, x, d.W.Value, false, false, 1)
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
	tensor.MatMulAdd(d.W.Grad, d.x, dy, true, false, 1)
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
