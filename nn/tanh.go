// tanh.go: the hyperbolic tangent layer, forward and backward. Zero-centred,
// so a better hidden activation than the sigmoid; both saturate.

package nn

import (
	"math"

	"dlgo/tensor"
)

// Tanh is the layer y = tanh(x), element-wise, x and y batch×n. Use it as
// &nn.Tanh{}.
type Tanh struct{ c actCache }

// Forward computes y = tanh(x) (math.Tanh: no overflow at any x).
func (a *Tanh) Forward(x *tensor.Tensor) *tensor.Tensor {
	y := a.c.forward(x)
	for i, v := range x.Data {
		y[i] = math.Tanh(v)
	}
	return a.c.y
}

// Backward computes dx = dy ⊙ (1 − y²), since tanh'(x) = 1 − tanh²(x).
func (a *Tanh) Backward(dy *tensor.Tensor) *tensor.Tensor {
	dx, y := a.c.backward("Tanh", dy), a.c.y.Data
	for i, g := range dy.Data {
		dx[i] = g * (1 - y[i]*y[i])
	}
	return a.c.dx
}

// Params returns nil: Tanh has no parameters.
func (*Tanh) Params() []*Param { return nil }
