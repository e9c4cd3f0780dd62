// relu.go: the rectified linear unit and its leaky variant, forward and
// backward. ReLU is the default hidden activation: cheap, and it does not
// saturate for x > 0.

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

// LeakyReLU is the layer y = x for x > 0, Slope·x otherwise, element-wise,
// x and y batch×n: nn.LeakyReLU{Slope: 0.01} (the usual slope) or a pointer
// to one. Its units never die: the gradient for x < 0 is Slope, not 0.
type LeakyReLU struct {
	Slope float64

	s *actState
}

// Forward computes y = x if x > 0, else Slope·x.
func (a LeakyReLU) Forward(x *tensor.Tensor) *tensor.Tensor {
	s := actForward(a.s, &lastLeakyReLU, x)
	y := s.y.Data
	for i, v := range x.Data {
		if v > 0 {
			y[i] = v
		} else {
			y[i] = a.Slope * v
		}
	}
	return s.y
}

// Backward computes dx = dy ⊙ (1 if x > 0, else Slope).
func (a LeakyReLU) Backward(dy *tensor.Tensor) *tensor.Tensor {
	s := actBackward(a.s, &lastLeakyReLU, "LeakyReLU", dy)
	x, dx := s.x.Data, s.dx.Data
	for i, g := range dy.Data {
		if x[i] > 0 {
			dx[i] = g
		} else {
			dx[i] = a.Slope * g
		}
	}
	return s.dx
}

// Params returns nil: LeakyReLU has no parameters.
func (LeakyReLU) Params() []*Param { return nil }
