// momentum.go: gradient descent with momentum — an exponentially weighted
// average of the gradients, which damps the zig-zag of plain SGD.

package nn

// Momentum is gradient descent with momentum, as the course writes it:
//
//	v := Beta·v + (1 − Beta)·g
//	w := w − LR·v
//
// with v starting at 0 and no bias correction. v lives in each Param and
// persists across Steps (Param.ResetState forgets it). Use it as
// nn.Momentum{LR: 0.1, Beta: 0.9} or a pointer.
type Momentum struct {
	LR, Beta float64
}

// Step updates every parameter from its gradient.
func (o Momentum) Step(params []*Param) {
	for _, p := range params {
		w, g := p.values("Momentum")
		v := p.state("Momentum", 1).m[:len(w)]
		for i := range w {
			v[i] = o.Beta*v[i] + (1-o.Beta)*g[i]
			w[i] -= o.LR * v[i]
		}
	}
}
