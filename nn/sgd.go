// sgd.go: plain (mini-batch) gradient descent, w := w − α·dJ/dw, with
// optional L2 weight decay.

package nn

import "dlgo/tensor"

// SGD is gradient descent with learning rate LR: w := w − LR·g for every
// parameter w with gradient g. It keeps no state. Use it as
// nn.SGD{LR: 0.1} or a pointer.
//
// WeightDecay λ adds the course's L2 regularisation, the cost
// J + (λ/2)·‖W‖² summed over the weights, whose gradient adds λ·w to g:
//
//	w := w − LR·(g + λ·w)
//
// It applies to weights, not to biases (a Param with NoDecay set, as
// Dense's b is). Zero means none.
//
// Step panics on a negative or non-finite LR or WeightDecay; LR = 0 leaves
// the weights as they are.
type SGD struct {
	LR          float64
	WeightDecay float64
}

// Step updates every parameter from its gradient: the decay as
// w := w − LR·λ·w, then w := w + (−LR)·g in one SIMD pass
// (tensor.AddScaled, whose plain twin tensor's TestFastOpsMatchPlain
// checks bit for bit).
func (o SGD) Step(params []*Param) {
	checkRate("SGD", "LR", o.LR, "nn.SGD{LR: 0.1}")
	checkRate("SGD", "WeightDecay", o.WeightDecay, "nn.SGD{LR: 0.1, WeightDecay: 1e-4}")
	for _, p := range params {
		w, _ := p.values("SGD") // checks the shapes
		if o.WeightDecay != 0 && !p.NoDecay {
			decay(w, o.LR*o.WeightDecay)
		}
		tensor.AddScaled(p.Value, p.Value, -o.LR, p.Grad)
	}
}

// decay computes w := w − s·w, the weight decay of one step, with the
// product rounded before the difference (no fused multiply-add on arm64),
// so that every architecture gets the same bits.
func decay(w []float64, s float64) {
	for i, v := range w {
		w[i] = v - float64(s*v)
	}
}
