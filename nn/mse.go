// mse.go: the mean squared error loss, forward and backward, with the
// course's ½ (so that the gradient is plain ŷ − y).

package nn

import "dlgo/tensor"

// MSE is the squared-error cost with the course's ½, a mean over the
// examples (rows) of pred and target, both batch×n:
//
//	J = (1/batch) Σ_i ½ Σ_j (ŷ_ij − y_ij)²
//
// It is the loss for regression. For a probability from a sigmoid it is the
// wrong choice, as the course explains: J(w) = ½(σ(wᵀx + b) − y)² is not
// convex in w (it flattens out where σ saturates, so gradient descent can
// stall far from the minimum), while binary cross-entropy (BCE,
// BCEWithLogits) through the same sigmoid is convex, with the gradient
// simply (ŷ − y)·x.
//
// Use it as &nn.MSE{}.
type MSE struct{ c lossCache }

// Forward returns J.
func (l *MSE) Forward(pred, target *tensor.Tensor) float64 {
	l.c.forward("MSE", pred, target)
	var sum float64
	for i, p := range pred.Data {
		d := p - target.Data[i]
		sum += d * d
	}
	return 0.5 * sum / float64(pred.Shape[0])
}

// Backward returns dJ/dŷ = (ŷ − y)/batch.
func (l *MSE) Backward() *tensor.Tensor {
	l.c.backward("MSE")
	inv := 1 / float64(l.c.pred.Shape[0])
	g, y := l.c.grad.Data, l.c.target.Data
	for i, p := range l.c.pred.Data {
		g[i] = (p - y[i]) * inv
	}
	return l.c.grad
}
