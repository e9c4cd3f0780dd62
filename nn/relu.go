// relu.go: the rectified linear unit, forward and backward: the default
// hidden activation — cheap, and it does not saturate for x > 0. Its leaky
// variant is in leakyrelu.go.

package nn

import "dlgo/tensor"

// ReLU is the layer y = max(x, 0), element-wise, x and y batch×n. Use it as
// &nn.ReLU{}. A NaN input gives a NaN output (it is not hidden as 0), so
// that a diverging network shows in its loss.
type ReLU struct{ c actCache }

// Forward computes y = max(x, 0).
func (a *ReLU) Forward(x *tensor.Tensor) *tensor.Tensor {
	a.c.forward(x)
	return tensor.ReLU(a.c.y, x) // Go's builtin max: it keeps NaN
}

// Backward computes dx = dy ⊙ [x > 0]: the derivative is 1 for x > 0 and 0
// for x < 0 (and taken as 0 at the kink x = 0).
func (a *ReLU) Backward(dy *tensor.Tensor) *tensor.Tensor {
	a.c.backward("ReLU", dy)
	return tensor.ReLUGrad(a.c.dx, dy, a.c.x)
}

// Params returns nil: ReLU has no parameters.
func (*ReLU) Params() []*Param { return nil }
