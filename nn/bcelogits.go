// bcelogits.go: binary cross-entropy on logits, with the sigmoid fused in,
// forward and backward: the numerically stable form of Sigmoid then BCE.

package nn

import (
	"math"

	"dlgo/tensor"
)

// BCEWithLogits is binary cross-entropy on logits z (pred), p = σ(z), against
// targets y in [0, 1], a mean over all elements (batch×n). Per element,
// −[y·log σ(z) + (1 − y)·log(1 − σ(z))] is computed in the log-sum-exp form
//
//	max(z, 0) − z·y + log(1 + e^−|z|)
//
// which never overflows and is exact at z = ±800 (0 for the right label,
// 800 for the wrong one). Use it as nn.BCEWithLogits{} or a pointer.
type BCEWithLogits struct{ s *lossState }

// Forward returns J.
func (l BCEWithLogits) Forward(pred, target *tensor.Tensor) float64 {
	s := lossForward(l.s, &lastBCEWithLogits, "BCEWithLogits", pred, target)
	var sum float64
	for i, z := range pred.Data {
		sum += max(z, 0) - z*target.Data[i] + math.Log1p(math.Exp(-math.Abs(z)))
	}
	return sum / float64(len(s.pred.Data))
}

// Backward returns dJ/dz = (σ(z) − y)/N.
func (l BCEWithLogits) Backward() *tensor.Tensor {
	s := lossBackward(l.s, &lastBCEWithLogits, "BCEWithLogits")
	inv := 1 / float64(len(s.pred.Data))
	g, y := s.grad.Data, s.target.Data
	for i, z := range s.pred.Data {
		g[i] = (sigmoid(z) - y[i]) * inv
	}
	return s.grad
}
