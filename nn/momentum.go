// momentum.go: gradient descent with momentum — an exponentially weighted
// average of the gradients, which damps the zig-zag of plain SGD.

package nn

// Momentum is gradient descent with momentum, as the course writes it:
//
//	v := Beta·v + (1 − Beta)·(g + λ·w)
//	w := w − LR·v
//
// with v starting at 0 and no bias correction; λ is WeightDecay, the L2
// term of SGD (weights only, not a Param with NoDecay; 0 means none). v
// lives in each Param and persists across Steps (Param.ResetState forgets
// it).
//
// NewMomentum(lr) gives the usual Beta = 0.9. In a literal, a zero Beta
// means that default too, not "no momentum" (which would silently be plain
// SGD: use SGD for that), so nn.Momentum{LR: 0.1} is NewMomentum(0.1).
// Step panics on a Beta outside [0, 1) or a negative or non-finite LR or
// WeightDecay.
type Momentum struct {
	LR, Beta    float64
	WeightDecay float64
}

// DefaultBeta is Momentum's Beta when none is given.
const DefaultBeta = 0.9

// NewMomentum returns Momentum with learning rate lr and Beta 0.9.
func NewMomentum(lr float64) *Momentum { return &Momentum{LR: lr, Beta: DefaultBeta} }

// Step updates every parameter from its gradient.
func (o Momentum) Step(params []*Param) {
	checkRate("Momentum", "LR", o.LR, "nn.NewMomentum(0.1)")
	checkRate("Momentum", "WeightDecay", o.WeightDecay, "nn.Momentum{LR: 0.1, WeightDecay: 1e-4}")
	beta := orDefault(o.Beta, DefaultBeta)
	checkBeta("Momentum", "Beta", beta, "nn.NewMomentum")
	for _, p := range params {
		w, g := p.values("Momentum")
		v := p.state("Momentum", 1).m[:len(w)]
		wd := o.WeightDecay
		if p.NoDecay {
			wd = 0
		}
		for i := range w {
			// Each product rounded before its sum, so that arm64
			// (which would fuse them) gets the bits amd64 does.
			gi := g[i]
			if wd != 0 {
				gi += float64(wd * w[i])
			}
			v[i] = float64(beta*v[i]) + float64((1-beta)*gi)
			w[i] -= float64(o.LR * v[i])
		}
	}
}
