// adam.go: the Adam optimizer — momentum on the gradient and RMSprop-style
// scaling by its running square, both bias-corrected.

package nn

import (
	"math"

	"dlgo/kernels"
)

// Adam is the optimizer of Kingma and Ba (2015). For each parameter w with
// gradient g, at its step t = 1, 2, …:
//
//	m := Beta1·m + (1 − Beta1)·g        v := Beta2·v + (1 − Beta2)·g²
//	m̂ := m/(1 − Beta1ᵗ)                 v̂ := v/(1 − Beta2ᵗ)
//	w := w − LR·m̂/(√v̂ + Eps)
//
// m, v and t live in each Param and persist across Steps; t grows by one
// per Step (Param.ResetState forgets them). The usual values are
// nn.Adam{LR: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}.
type Adam struct {
	LR, Beta1, Beta2, Eps float64
}

// Step updates every parameter from its gradient, one SIMD pass over each
// (kernels.AdamUpdate, split across threads for a large parameter; its Go
// loop, the reference, gives the same bits).
func (o Adam) Step(params []*Param) {
	for _, p := range params {
		w, g := p.values("Adam")
		s := p.state("Adam", 2)
		s.t++
		// LR·m̂/(√v̂ + Eps) = (LR/c1)·m/(√v·(1/√c2) + Eps), with the
		// bias corrections c = 1 − βᵗ folded into two scalars: one
		// square root and one division per weight.
		lr := o.LR / (1 - math.Pow(o.Beta1, float64(s.t)))
		rc2 := 1 / math.Sqrt(1-math.Pow(o.Beta2, float64(s.t)))
		kernels.AdamUpdate(w, g, s.m[:len(w)], s.v[:len(w)], o.Beta1, o.Beta2, lr, rc2, o.Eps)
	}
}
