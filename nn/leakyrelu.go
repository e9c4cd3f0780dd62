// leakyrelu.go: the leaky rectified linear unit, forward and backward: a
// ReLU whose units never die, since the gradient for x < 0 is small, not 0.

package nn

import "dlgo/tensor"

// LeakyReLU is the layer y = x for x > 0, Slope·x otherwise, element-wise,
// x and y batch×n: &nn.LeakyReLU{Slope: 0.01} (the usual slope). Its units
// never die: the gradient for x < 0 is Slope, not 0. A zero Slope is a
// plain ReLU.
type LeakyReLU struct {
	Slope float64

	c actCache
}

// Forward computes y = x if x > 0, else Slope·x.
func (a *LeakyReLU) Forward(x *tensor.Tensor) *tensor.Tensor {
	y := a.c.forward(x)
	for i, v := range x.Data {
		if v > 0 {
			y[i] = v
		} else {
			y[i] = a.Slope * v
		}
	}
	return a.c.y
}

// Backward computes dx = dy ⊙ (1 if x > 0, else Slope).
func (a *LeakyReLU) Backward(dy *tensor.Tensor) *tensor.Tensor {
	dx, x := a.c.backward("LeakyReLU", dy), a.c.x.Data
	for i, g := range dy.Data {
		if x[i] > 0 {
			dx[i] = g
		} else {
			dx[i] = a.Slope * g
		}
	}
	return a.c.dx
}

// Params returns nil: LeakyReLU has no parameters.
func (*LeakyReLU) Params() []*Param { return nil }
