// softmax.go: softmax cross-entropy on logits, forward and backward — the
// multi-class cost — with the max subtracted so exp never overflows.

package nn

import (
	"math"

	"dlgo/tensor"
)

// SoftmaxCrossEntropy is the cross-entropy of softmax(z) against one-hot
// targets y, for logits z (pred) and y both batch×classes, a mean over the
// batch (rows):
//
//	J = (1/batch) Σ_i Σ_j y_ij·(lse_i − z_ij),   lse_i = log Σ_j e^z_ij
//
// computed as lse_i − z_ij = log Σ_k e^(z_ik − m_i) − (z_ij − m_i), m_i =
// max_k z_ik, so that no exponential overflows and m_i never rounds the
// small terms away: exact at logits of ±1000. Use it as
// nn.SoftmaxCrossEntropy{} or a pointer.
type SoftmaxCrossEntropy struct{ s *lossState }

// Forward returns J.
func (l SoftmaxCrossEntropy) Forward(pred, target *tensor.Tensor) float64 {
	s := lossForward(l.s, &lastSoftmaxCE, "SoftmaxCrossEntropy", pred, target)
	var sum float64
	for i := 0; i < pred.Shape[0]; i++ {
		z, y := pred.Row(i), target.Row(i)
		m, ls := logSumExp(z)
		for j, yj := range y {
			if yj != 0 {
				sum += yj * (ls - (z[j] - m))
			}
		}
	}
	return sum / float64(s.pred.Shape[0])
}

// Backward returns dJ/dz = (softmax(z) − y)/batch, softmax(z)_j =
// e^(z_j − m − log Σ_k e^(z_k − m)) (for one-hot rows, or any rows summing
// to 1).
func (l SoftmaxCrossEntropy) Backward() *tensor.Tensor {
	s := lossBackward(l.s, &lastSoftmaxCE, "SoftmaxCrossEntropy")
	inv := 1 / float64(s.pred.Shape[0])
	for i := 0; i < s.pred.Shape[0]; i++ {
		z, y, g := s.pred.Row(i), s.target.Row(i), s.grad.Row(i)
		m, ls := logSumExp(z)
		for j, zj := range z {
			g[j] = (math.Exp(zj-m-ls) - y[j]) * inv
		}
	}
	return s.grad
}

// logSumExp returns m = max_j z_j and log Σ_j e^(z_j − m), so that
// log Σ_j e^z_j = m + the second.
func logSumExp(z []float64) (m, ls float64) {
	m = math.Inf(-1)
	for _, v := range z {
		m = max(m, v)
	}
	if math.IsInf(m, 0) {
		return m, 0 // all −Inf, or some +Inf: nothing finite to subtract
	}
	var sum float64
	for _, v := range z {
		sum += math.Exp(v - m)
	}
	return m, math.Log(sum)
}
