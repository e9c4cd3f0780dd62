// layer.go: the three interfaces everything in package nn is built from —
// Layer, Loss and Optimizer — and nothing else.

package nn

import "dlgo/tensor"

// Layer is one stage of a network with an explicit backward pass.
//
// Forward takes x, batch×in, caches what Backward needs and returns y,
// batch×out. Backward takes dy = dJ/dy (y's shape), adds dJ/dθ into the
// Grad of each of its parameters and returns dx = dJ/dx (x's shape). The
// returned tensors may be the layer's own buffers, valid until its next
// call; x must not change between Forward and its Backward. Every call may
// use a different batch size.
type Layer interface {
	Forward(x *tensor.Tensor) *tensor.Tensor
	Backward(dy *tensor.Tensor) *tensor.Tensor
	Params() []*Param
}

// Loss is a cost function J(pred, target).
//
// Forward returns J, a mean over the batch (each loss says over what
// exactly). Backward returns dJ/dpred, with pred's shape, for the most
// recent Forward; it may be the loss's own buffer, valid until its next
// call.
type Loss interface {
	Forward(pred, target *tensor.Tensor) float64
	Backward() *tensor.Tensor
}

// Optimizer updates parameters from their gradients. Its state (velocity,
// moments, step count) is kept per *Param, in the Param itself, across
// Step calls.
type Optimizer interface {
	Step(params []*Param)
}
