// relu.go: the rectified linear unit, forward and backward: the default
// hidden activation — cheap, and it does not saturate for x > 0. Its leaky
// variant is in leakyrelu.go.

package nn

import "dlgo/tensor"

// ReLU is the layer y = max(x, 0), element-wise, x and y batch×n. Use it as
// nn.ReLU{} or &nn.ReLU{}. A NaN input gives a NaN output (it is not
// hidden as 0), so that a diverging network shows in its loss.
type ReLU struct{ s *actState }

// Forward computes y = max(x, 0).
func (a ReLU) Forward(x *tensor.Tensor) *tensor.Tensor {
	s := actForward(a.s, &lastReLU, x)
	y := s.y.Data
	for i, v := range x.Data {
		y[i] = max(v, 0) // the builtin max keeps NaN
	}
	return s.y
}

// Backward computes dx = dy ⊙ [x > 0]: the derivative is 1 for x > 0 and 0
// for x < 0 (and taken as 0 at the kink x = 0).
func (a ReLU) Backward(dy *tensor.Tensor) *tensor.Tensor {
	s := actBackward(a.s, &lastReLU, "ReLU", dy)
	x, dx := s.x.Data, s.dx.Data
	for i, g := range dy.Data {
		if x[i] > 0 {
			dx[i] = g
		} else {
			dx[i] = 0
		}
	}
	return s.dx
}

// Params returns nil: ReLU has no parameters.
func (ReLU) Params() []*Param { return nil }
