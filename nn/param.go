// param.go: Param, a trainable tensor with its gradient and the optimizer
// state that belongs to it; helpers over a list of them.

package nn

import (
	"fmt"
	"math"

	"dlgo/tensor"
)

// Param is a trainable tensor. Backward passes add dJ/dValue into Grad (so
// the gradients of several uses or micro-batches accumulate); ZeroGrad or
// Train clears it before each step. Writing Value.Data sets the weights.
//
// A Param also holds the state an optimizer keeps for it (Momentum's
// velocity, Adam's moments and step count): see ResetState.
type Param struct {
	Name        string
	Value, Grad *tensor.Tensor

	// NoDecay exempts the parameter from the optimizers' WeightDecay: the
	// course regularises weights, not biases. NewDense sets it on b.
	NoDecay bool

	opt optState
}

// optState is what an optimizer keeps for one parameter between steps.
type optState struct {
	owner string    // the optimizer kind the state belongs to ("Momentum", "Adam")
	m, v  []float64 // velocity (Momentum: m) or first and second moments (Adam)
	t     int       // Adam's step count
}

// NewParam returns a parameter of the given shape with zero value and
// gradient.
func NewParam(name string, shape ...int) *Param {
	return &Param{Name: name, Value: tensor.New(shape...), Grad: tensor.New(shape...)}
}

// ResetState forgets the optimizer state kept in p (velocity, moments and
// Adam's step count), so that the next Step starts afresh.
func (p *Param) ResetState() { p.opt = optState{} }

// state returns p's optimizer state for the optimizer kind owner, with
// buffers of p's size; a state left by another kind of optimizer, or for
// another size, is replaced by a zero one. It allocates only then.
func (p *Param) state(owner string, buffers int) *optState {
	s, n := &p.opt, len(p.Value.Data)
	if s.owner != owner || len(s.m) != n || (buffers == 2 && len(s.v) != n) {
		*s = optState{owner: owner, m: make([]float64, n)}
		if buffers == 2 {
			s.v = make([]float64, n)
		}
	}
	return s
}

// values returns p's value and gradient data, panicking, with the
// optimizer's name and both shapes, unless they have the same shape.
func (p *Param) values(op string) (w, g []float64) {
	if !tensor.SameShape(p.Value, p.Grad) {
		panic(fmt.Sprintf("nn.%s.Step: parameter %q: shape mismatch: Value %v and Grad %v", op, p.Name, p.Value.Shape, p.Grad.Shape))
	}
	return p.Value.Data, p.Grad.Data[:len(p.Value.Data)]
}

// ZeroGrad sets the gradient of every parameter to zero.
func ZeroGrad(params []*Param) {
	for _, p := range params {
		p.Grad.Zero()
	}
}

// finite reports whether every element of data is a finite number.
func finite(data []float64) bool {
	// x·0 is 0 for finite x and NaN for ±Inf and NaN; four sums keep the
	// loop from waiting on one add at a time.
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(data); i += 4 {
		s0 += data[i] * 0
		s1 += data[i+1] * 0
		s2 += data[i+2] * 0
		s3 += data[i+3] * 0
	}
	for ; i < len(data); i++ {
		s0 += data[i] * 0
	}
	return s0+s1+s2+s3 == 0
}

// isFinite reports whether v is neither NaN nor ±Inf.
func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// resize2 is tensor.Resize for a 2-D shape r×c, without the allocation
// that passing r, c as Resize's variadic shape costs (the slice escapes).
// t's storage is reused when it has the capacity; its contents are
// unspecified.
func resize2(t *tensor.Tensor, r, c int) *tensor.Tensor {
	if t == nil {
		return tensor.New(r, c)
	}
	if cap(t.Data) < r*c {
		t.Data = make([]float64, r*c)
	}
	t.Data = t.Data[:r*c]
	if len(t.Shape) != 2 || t.Shape[0] != r || t.Shape[1] != c {
		t.Shape = append(t.Shape[:0], r, c)
	}
	return t
}
