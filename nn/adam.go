// adam.go: the Adam optimizer — momentum on the gradient and RMSprop-style
// scaling by its running square, both bias-corrected — with decoupled
// weight decay (AdamW).

package nn

import (
	"math"

	"dlgo/internal/loops"
)

// Adam is the optimizer of Kingma and Ba (2015). For each parameter w with
// gradient g, at its step t = 1, 2, …:
//
//	m := Beta1·m + (1 − Beta1)·g        v := Beta2·v + (1 − Beta2)·g²
//	m̂ := m/(1 − Beta1ᵗ)                 v̂ := v/(1 − Beta2ᵗ)
//	w := w − LR·m̂/(√v̂ + Eps)
//
// m, v and t live in each Param and persist across Steps; t grows by one
// per Step (Param.ResetState forgets them).
//
// WeightDecay λ is decoupled, as in AdamW (Loshchilov and Hutter, 2019):
// before the update above, w := w − LR·λ·w, outside the moments, so that
// the decay is not rescaled by √v̂ as an L2 term in g would be. It applies
// to weights, not to biases (a Param with NoDecay). Zero means none.
//
// NewAdam(lr) gives the usual Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8. In a
// literal, a zero Beta1, Beta2 or Eps means that default too, so that
// nn.Adam{LR: 0.01} is NewAdam(0.01) and not, silently, another algorithm
// (Beta1 = Beta2 = 0 would be close to sign descent). Step panics on a
// Beta outside [0, 1), a negative Eps, or a negative or non-finite LR or
// WeightDecay.
type Adam struct {
	LR, Beta1, Beta2, Eps float64
	WeightDecay           float64
}

// Adam's defaults, used for the zero fields of a literal.
const (
	DefaultBeta1 = 0.9
	DefaultBeta2 = 0.999
	DefaultEps   = 1e-8
)

// NewAdam returns Adam with learning rate lr and the usual Beta1 = 0.9,
// Beta2 = 0.999 and Eps = 1e-8.
func NewAdam(lr float64) *Adam {
	return &Adam{LR: lr, Beta1: DefaultBeta1, Beta2: DefaultBeta2, Eps: DefaultEps}
}

// Step updates every parameter from its gradient, one SIMD pass over each
// (kernels' engine_adam.go, split across threads for a large parameter; its Go
// loop, the reference, gives the same bits).
func (o Adam) Step(params []*Param) {
	checkRate("Adam", "LR", o.LR, "nn.NewAdam(0.001)")
	checkRate("Adam", "WeightDecay", o.WeightDecay, "nn.Adam{LR: 0.001, WeightDecay: 0.01}")
	b1, b2 := orDefault(o.Beta1, DefaultBeta1), orDefault(o.Beta2, DefaultBeta2)
	eps := orDefault(o.Eps, DefaultEps)
	checkBeta("Adam", "Beta1", b1, "nn.NewAdam")
	checkBeta("Adam", "Beta2", b2, "nn.NewAdam")
	checkRate("Adam", "Eps", eps, "nn.NewAdam(0.001)")
	for _, p := range params {
		w, g := p.values("Adam")
		s := p.state("Adam", 2)
		s.t++
		if o.WeightDecay != 0 && !p.NoDecay {
			decay(w, o.LR*o.WeightDecay)
		}
		// LR·m̂/(√v̂ + Eps) = (LR/c1)·m/(√v·(1/√c2) + Eps), with the
		// bias corrections c = 1 − βᵗ folded into two scalars: one
		// square root and one division per weight.
		lr := o.LR / (1 - math.Pow(b1, float64(s.t)))
		rc2 := 1 / math.Sqrt(1-math.Pow(b2, float64(s.t)))
		loops.AdamUpdate(w, g, s.m[:len(w)], s.v[:len(w)], b1, b2, lr, rc2, eps)
	}
}
