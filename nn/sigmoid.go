// sigmoid.go: the logistic sigmoid layer, σ(x) = 1/(1 + e⁻ˣ), forward and
// backward. For a binary output; hidden layers do better with Tanh or ReLU.

package nn

import (
	"math"

	"dlgo/tensor"
)

// Sigmoid is the layer y = σ(x) = 1/(1 + e⁻ˣ), element-wise, x and y
// batch×n. Use it as &nn.Sigmoid{}.
type Sigmoid struct{ c actCache }

// Forward computes y = σ(x).
func (a *Sigmoid) Forward(x *tensor.Tensor) *tensor.Tensor {
	y := a.c.forward(x)
	for i, v := range x.Data {
		y[i] = sigmoid(v)
	}
	return a.c.y
}

// Backward computes dx = dy ⊙ σ'(x), with σ'(x) = σ(x)·(1 − σ(x)) = y(1 − y).
func (a *Sigmoid) Backward(dy *tensor.Tensor) *tensor.Tensor {
	dx, y := a.c.backward("Sigmoid", dy), a.c.y.Data
	for i, g := range dy.Data {
		dx[i] = g * y[i] * (1 - y[i])
	}
	return a.c.dx
}

// Params returns nil: Sigmoid has no parameters.
func (*Sigmoid) Params() []*Param { return nil }

// sigmoid is σ(x) computed by the sign of x, so that e^|x| never overflows:
// 1/(1 + e⁻ˣ) for x ≥ 0, eˣ/(1 + eˣ) for x < 0. σ(750) = 1, σ(−750) = 0,
// σ(±Inf) = 1 and 0.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}
