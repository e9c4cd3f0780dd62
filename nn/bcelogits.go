// bcelogits.go: binary cross-entropy on logits, with the sigmoid fused in,
// forward and backward: the numerically stable form of Sigmoid then BCE.

package nn

import (
	"math"

	"dlgo/tensor"
)

// BCEWithLogits is binary cross-entropy on logits z (pred), p = σ(z), against
// targets y in [0, 1], a mean over all elements (batch×n). Per element,
//
//	−[y·log σ(z) + (1 − y)·log(1 − σ(z))] = y·softplus(−z) + (1 − y)·softplus(z)
//
// with softplus(z) = log(1 + eᶻ) = max(z, 0) + log(1 + e^−|z|), which never
// overflows: exact at z = ±800 (0 for the right label, 800 for the wrong
// one). A term whose weight y or 1 − y is 0 is left out, so z = +Inf with
// y = 1 (or −Inf with y = 0) gives exactly 0, not Inf·0 = NaN. Use it as
// &nn.BCEWithLogits{}.
type BCEWithLogits struct{ c lossCache }

// Forward returns J.
func (l *BCEWithLogits) Forward(pred, target *tensor.Tensor) float64 {
	l.c.forward("BCEWithLogits", pred, target)
	var sum float64
	for i, z := range pred.Data {
		y := target.Data[i]
		if y != 0 {
			sum += y * softplus(-z)
		}
		if y != 1 {
			sum += (1 - y) * softplus(z)
		}
	}
	return sum / float64(len(pred.Data))
}

// Backward returns dJ/dz = (σ(z) − y)/N (0 at z = +Inf, y = 1).
func (l *BCEWithLogits) Backward() *tensor.Tensor {
	l.c.backward("BCEWithLogits")
	inv := 1 / float64(len(l.c.pred.Data))
	g, y := l.c.grad.Data, l.c.target.Data
	for i, z := range l.c.pred.Data {
		g[i] = (sigmoid(z) - y[i]) * inv
	}
	return l.c.grad
}

// softplus is log(1 + eᶻ) = max(z, 0) + log1p(e^−|z|): finite for finite
// z, +Inf at +Inf, 0 at −Inf.
func softplus(z float64) float64 {
	return max(z, 0) + math.Log1p(math.Exp(-math.Abs(z)))
}
