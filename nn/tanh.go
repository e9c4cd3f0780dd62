// tanh.go: the hyperbolic tangent layer, forward and backward. Zero-centred,
// so a better hidden activation than the sigmoid; both saturate.

package nn

import (
	"math"

	"dlgo/tensor"
)

// Tanh is the layer y = tanh(x), element-wise, x and y batch×n. Use it as
// nn.Tanh{} or &nn.Tanh{}.
type Tanh struct{ s *actState }

// Forward computes y = tanh(x) (math.Tanh: no overflow at any x).
func (a Tanh) Forward(x *tensor.Tensor) *tensor.Tensor {
	s := actForward(a.s, &lastTanh, x)
	y := s.y.Data
	for i, v := range x.Data {
		y[i] = math.Tanh(v)
	}
	return s.y
}

// Backward computes dx = dy ⊙ (1 − y²), since tanh'(x) = 1 − tanh²(x).
func (a Tanh) Backward(dy *tensor.Tensor) *tensor.Tensor {
	s := actBackward(a.s, &lastTanh, "Tanh", dy)
	y, dx := s.y.Data, s.dx.Data
	for i, g := range dy.Data {
		dx[i] = g * (1 - y[i]*y[i])
	}
	return s.dx
}

// Params returns nil: Tanh has no parameters.
func (Tanh) Params() []*Param { return nil }
