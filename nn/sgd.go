// sgd.go: plain (mini-batch) gradient descent, w := w − α·dJ/dw.

package nn

// SGD is gradient descent with learning rate LR: w := w − LR·g for every
// parameter w with gradient g. It keeps no state. Use it as
// nn.SGD{LR: 0.1} or a pointer.
type SGD struct {
	LR float64
}

// Step updates every parameter from its gradient.
func (o SGD) Step(params []*Param) {
	for _, p := range params {
		w, g := p.values("SGD")
		for i := range w {
			w[i] -= o.LR * g[i]
		}
	}
}
