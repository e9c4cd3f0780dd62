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
// &nn.SoftmaxCrossEntropy{}.
type SoftmaxCrossEntropy struct{ c lossCache }

// Forward returns J. It keeps softmax(z) for Backward, computed row by
// row as e_j/Σ_k e_k with e_j = e^(z_j − m), so that each exponential is
// taken once per step.
func (l *SoftmaxCrossEntropy) Forward(pred, target *tensor.Tensor) float64 {
	s := &l.c
	s.forward("SoftmaxCrossEntropy", pred, target)
	s.aux = resize2(s.aux, pred.Shape[0], pred.Shape[1])
	var sum float64
	for i := 0; i < pred.Shape[0]; i++ {
		z, y, p := pred.Row(i), target.Row(i), s.aux.Row(i)
		m, ls := softmaxRow(p, z)
		for j, yj := range y {
			if yj != 0 {
				sum += yj * (ls - (z[j] - m))
			}
		}
	}
	return sum / float64(s.pred.Shape[0])
}

// Backward returns dJ/dz = (softmax(z) − y)/batch (for one-hot rows, or
// any rows summing to 1), from the softmax Forward kept.
func (l *SoftmaxCrossEntropy) Backward() *tensor.Tensor {
	s := &l.c
	s.backward("SoftmaxCrossEntropy")
	inv := 1 / float64(s.pred.Shape[0])
	p, y, g := s.aux.Data, s.target.Data[:len(s.aux.Data)], s.grad.Data[:len(s.aux.Data)]
	for j, pj := range p {
		g[j] = (pj - y[j]) * inv
	}
	return s.grad
}

// softmaxRow writes softmax(z) into p and returns m = max_j z_j and
// ls = log Σ_j e^(z_j − m), so that log Σ_j e^z_j = m + ls.
func softmaxRow(p, z []float64) (m, ls float64) {
	m = math.Inf(-1)
	for _, v := range z {
		m = max(m, v)
	}
	if math.IsInf(m, 0) {
		// All −Inf, or some +Inf: nothing finite to subtract; the
		// result is NaN wherever z_j − m is.
		for j, v := range z {
			p[j] = math.Exp(v - m)
		}
		return m, 0
	}
	var sum float64
	for j, v := range z {
		e := math.Exp(v - m)
		p[j] = e
		sum += e
	}
	inv := 1 / sum
	for j := range p {
		p[j] *= inv
	}
	return m, math.Log(sum)
}
