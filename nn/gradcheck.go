// gradcheck.go: numerical gradient checking — backpropagation compared
// with central differences of the loss, the test every layer and loss here
// passes. A debugging tool: slow (two forward passes per entry checked).

package nn

import (
	"math"

	"dlgo/tensor"
)

// gradCheckH is the step of the central differences: near the cube root
// of the float64 epsilon, where truncation error (∝ h²) and rounding error
// (∝ 1/h) balance.
const gradCheckH = 1e-5

// gradCheckMax is how many entries of one parameter GradCheck checks at
// most; a larger parameter is checked at that many evenly spread entries.
const gradCheckMax = 1000

// GradCheck compares the gradients that backpropagation gives for every
// parameter of model, with loss J = loss(model(x), y), against central
// differences
//
//	ñ_k = (J(θ + h·e_k) − J(θ − h·e_k)) / 2h,   h = 1e-5,
//
// and returns, for each parameter in model.Params() order, the relative
// error between the analytic gradient a and ñ over its entries,
//
//	‖a − ñ‖₂ / (‖a‖₂ + ‖ñ‖₂)   (0 when both are 0),
//
// the course's formula. Below 1e-7 is good; 1e-7 to 1e-5 deserves a look
// (a kink of ReLU near an input can cause it); above 1e-5 the backward pass
// is most likely wrong. A parameter with more than 1000 entries is checked
// at 1000 entries spread evenly over it (no randomness).
//
// GradCheck leaves every parameter's value as it found it and its Grad
// holding the analytic gradient. It runs in float64 throughout; it is slow,
// for small models and batches. A model in training mode (SetTraining) is
// checked in it: each Dropout draws one mask on the first Forward and keeps
// it for every Forward of the check, so that the loss differentiated
// numerically is the one backpropagation saw.
func GradCheck(model Layer, loss Loss, x, y *tensor.Tensor) []float64 {
	holdMasks(model, true)
	defer holdMasks(model, false)
	params := model.Params()
	ZeroGrad(params)
	loss.Forward(model.Forward(x), y)
	model.Backward(loss.Backward())

	cost := func() float64 { return loss.Forward(model.Forward(x), y) }
	errs := make([]float64, len(params))
	for pi, p := range params {
		w, g := p.Value.Data, p.Grad.Data
		n := len(w)
		checked := min(n, gradCheckMax)
		var diff, na, nb float64
		for c := 0; c < checked; c++ {
			k := c * n / checked
			old := w[k]
			w[k] = old + gradCheckH
			plus := cost()
			w[k] = old - gradCheckH
			minus := cost()
			w[k] = old
			num := (plus - minus) / (2 * gradCheckH)
			diff += (g[k] - num) * (g[k] - num)
			na += g[k] * g[k]
			nb += num * num
		}
		if den := math.Sqrt(na) + math.Sqrt(nb); den > 0 {
			errs[pi] = math.Sqrt(diff) / den
		}
	}
	return errs
}

// holdMasks makes every Dropout in model keep its mask from one Forward to
// the next (on) or draw a new one each time (off).
func holdMasks(model Layer, on bool) {
	switch l := model.(type) {
	case *Sequential:
		for _, c := range l.Layers {
			holdMasks(c, on)
		}
	case interface{ holdMask(bool) }:
		l.holdMask(on)
	}
}
