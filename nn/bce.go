// bce.go: binary cross-entropy on probabilities, forward and backward — the
// logistic-regression cost of the course. BCEWithLogits (bcelogits.go) is
// the stable choice when the probabilities come from a sigmoid.

package nn

import (
	"math"

	"dlgo/tensor"
)

// bceEps is where BCE clamps p and 1 − p away from 0 inside the logarithm.
const bceEps = 1e-12

// BCE is binary cross-entropy on probabilities p in [0, 1] (pred) against
// targets y in [0, 1], a mean over all elements (batch×n):
//
//	J = −(1/N) Σ [y·log p + (1 − y)·log(1 − p)],   N = batch·n
//
// A term with weight y = 0 (or 1 − y = 0) is left out, so p = y gives
// exactly 0; inside the logarithm p and 1 − p are clamped to at least
// 1e-12, so p = 0 or 1 against the other label gives a finite loss
// (−log 1e-12 ≈ 27.6) and gradient.
//
// A p outside [0, 1] is not a probability (the output was not a sigmoid's):
// it is clamped into [0, 1] first, in Forward and Backward alike, so that
// p = 1.5 or 1e308 counts as 1 and p = −3 as 0, and the loss is never
// negative. A NaN p gives a NaN loss, which Train reports. Use it as
// &nn.BCE{}.
type BCE struct{ c lossCache }

// Forward returns J.
func (l *BCE) Forward(pred, target *tensor.Tensor) float64 {
	l.c.forward("BCE", pred, target)
	var sum float64
	for i, p := range pred.Data {
		p = clampProb(p)
		y := target.Data[i]
		if y != 0 {
			sum -= y * math.Log(max(p, bceEps))
		}
		if y != 1 {
			sum -= (1 - y) * math.Log(max(1-p, bceEps))
		}
	}
	return sum / float64(len(pred.Data))
}

// Backward returns dJ/dp = (1/N)·(−y/p + (1 − y)/(1 − p)), with the same
// clamping and left-out terms as Forward.
func (l *BCE) Backward() *tensor.Tensor {
	l.c.backward("BCE")
	inv := 1 / float64(len(l.c.pred.Data))
	g, t := l.c.grad.Data, l.c.target.Data
	for i, p := range l.c.pred.Data {
		p = clampProb(p)
		y, d := t[i], 0.0
		if y != 0 {
			d -= y / max(p, bceEps)
		}
		if y != 1 {
			d += (1 - y) / max(1-p, bceEps)
		}
		g[i] = d * inv
	}
	return l.c.grad
}

// clampProb clamps p into [0, 1], keeping NaN.
func clampProb(p float64) float64 {
	if p > 1 {
		return 1
	}
	if p < 0 {
		return 0
	}
	return p
}
