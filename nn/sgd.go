// sgd.go: plain (mini-batch) gradient descent, w := w − α·dJ/dw.

package nn

import "dlgo/tensor"

// SGD is gradient descent with learning rate LR: w := w − LR·g for every
// parameter w with gradient g. It keeps no state. Use it as
// nn.SGD{LR: 0.1} or a pointer.
type SGD struct {
	LR float64
}

// Step updates every parameter from its gradient, w += (−LR)·g, one
// SIMD pass over each (tensor.AddScaledInPlace; sgdReference in the
// tests is the plain loop).
func (o SGD) Step(params []*Param) {
	for _, p := range params {
		p.values("SGD") // checks the shapes
		tensor.AddScaledInPlace(p.Value, -o.LR, p.Grad)
	}
}
