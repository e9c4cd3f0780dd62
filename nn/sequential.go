// sequential.go: Sequential, a stack of layers run one after another — the
// model of every network in dlgo.

package nn

import "dlgo/tensor"

// Sequential runs its layers in order: Forward from first to last,
// Backward from last to first. It is itself a Layer, so it nests. Use it as
// &nn.Sequential{Layers: []nn.Layer{...}}; printing it (String) gives a
// summary of its layers.
//
// NoInputGrad, when set, makes Backward skip dJ/dx of the first layer (the
// data's gradient, which training does not need) and return nil: for a
// first layer Dense (or Sequential), its largest product, dy·Wᵀ, is not
// computed at all; any other first layer is run and its dx dropped. A
// model whose dJ/dx is needed (a Sequential nested after other layers,
// GradCheck of the input) must leave it unset, the default. Train sets the
// same skip on the first Dense while it runs.
type Sequential struct {
	Layers []Layer

	NoInputGrad bool
}

// Forward runs x through every layer and returns the last layer's output.
func (s *Sequential) Forward(x *tensor.Tensor) *tensor.Tensor {
	for _, l := range s.Layers {
		x = l.Forward(x)
	}
	return x
}

// Backward runs dy = dJ/dy back through every layer, adding into each
// parameter's gradient, and returns dJ/dx (nil with NoInputGrad, or if the
// first layer is a Dense with NoInputGrad).
func (s *Sequential) Backward(dy *tensor.Tensor) *tensor.Tensor {
	return s.backward(dy, !s.NoInputGrad)
}

// backward is Backward, computing the first layer's dx only if wantDx.
func (s *Sequential) backward(dy *tensor.Tensor, wantDx bool) *tensor.Tensor {
	for i := len(s.Layers) - 1; i > 0; i-- {
		dy = s.Layers[i].Backward(dy)
	}
	if len(s.Layers) == 0 {
		return dy
	}
	if wantDx {
		return s.Layers[0].Backward(dy)
	}
	switch l := s.Layers[0].(type) {
	case *Dense:
		l.backward(dy, false)
	case *Sequential:
		l.backward(dy, false)
	default:
		l.Backward(dy)
	}
	return nil
}

// Params returns the parameters of every layer, in layer order (a new
// slice on every call).
func (s *Sequential) Params() []*Param {
	var ps []*Param
	for _, l := range s.Layers {
		ps = append(ps, l.Params()...)
	}
	return ps
}

// ZeroGrad sets the gradient of every parameter to zero.
func (s *Sequential) ZeroGrad() {
	for _, l := range s.Layers {
		if q, ok := l.(interface{ ZeroGrad() }); ok {
			q.ZeroGrad()
			continue
		}
		ZeroGrad(l.Params())
	}
}

// SetTraining switches every layer that has a training mode (Dropout,
// nested Sequentials) on or off: see the function SetTraining.
func (s *Sequential) SetTraining(on bool) {
	for _, l := range s.Layers {
		SetTraining(l, on)
	}
}
