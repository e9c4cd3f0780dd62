// state.go: where layers and losses keep what Forward leaves for Backward,
// so that both nn.Tanh{} and &nn.Tanh{} are a Layer (see "Values and
// pointers" in doc.go). Not the maths: that lives in each layer's file.

package nn

import (
	"fmt"
	"sync/atomic"

	"dlgo/tensor"
)

// Every stateful layer and loss is a struct of exported configuration
// fields plus one unexported pointer, s, to its state. Its methods have
// value receivers, so that a value and a pointer both satisfy the
// interfaces. A value whose s is set is "bound": its copies share that
// state, and its Forward and Backward allocate nothing in the steady state.
// A literal is unbound until the thing that owns it binds it:
//
//   - Sequential binds its layers on every Forward (a cheap check once done):
//     a pointer in place, a value by storing a bound copy in Layers[i];
//   - Train, Evaluate and GradCheck bind the loss they are given.
//
// An unbound value used on its own keeps its state in a slot of its type
// (below): each Forward makes fresh buffers and publishes them there, and
// Backward reads the most recent one. That is right for the usual
// Forward-then-Backward of one value at a time, and wrong for interleaving
// two unbound values of one type (or sharing them across goroutines); bind
// them with Bind, or put them in a Sequential.

// binder is implemented by the layers and losses that keep state.
type binder interface {
	isBound() bool
	withState() any // a bound copy (of a value)
}

// pointerBinder is implemented by pointers to them: bind in place.
type pointerBinder interface{ bindInPlace() }

// Bind returns v (a Layer or a Loss) with state of its own: a pointer is
// bound in place and returned; a value is returned as a bound copy. Values
// that keep no state, or are already bound, are returned as they are.
// Sequential, Train, Evaluate and GradCheck do this themselves; call it to
// use layers or losses by hand, one value after another.
func Bind[T any](v T) T {
	if p, ok := any(v).(pointerBinder); ok {
		p.bindInPlace()
		return v
	}
	if b, ok := any(v).(binder); ok && !b.isBound() {
		return b.withState().(T)
	}
	return v
}

// actState is what an element-wise activation keeps: its input x, its
// output y and the buffer for dx.
type actState struct{ x, y, dx *tensor.Tensor }

// actForward returns the state for a Forward of x: s if bound, else a fresh
// one published in last. It caches x and sizes y like x.
func actForward(s *actState, last *atomic.Pointer[actState], x *tensor.Tensor) *actState {
	if s == nil {
		s = new(actState)
		last.Store(s)
	}
	s.x = x
	s.y = tensor.Resize(s.y, x.Shape...)
	return s
}

// actBackward returns the state for a Backward of dy (an unbound value gets
// a private copy of the most recent Forward's), with dx sized like dy. It
// panics, naming op, before any Forward or if dy's shape is not y's.
func actBackward(s *actState, last *atomic.Pointer[actState], op string, dy *tensor.Tensor) *actState {
	if s == nil {
		p := last.Load()
		if p == nil {
			panic(fmt.Sprintf("nn.%s.Backward: called before Forward", op))
		}
		c := *p
		c.dx = nil
		s = &c
	}
	if s.y == nil {
		panic(fmt.Sprintf("nn.%s.Backward: called before Forward", op))
	}
	if !tensor.SameShape(dy, s.y) {
		panic(fmt.Sprintf("nn.%s.Backward: shape mismatch: dy %v and y %v", op, dy.Shape, s.y.Shape))
	}
	s.dx = tensor.Resize(s.dx, dy.Shape...)
	return s
}

// lossState is what a loss keeps: the pred and target of its Forward, the
// buffer for dJ/dpred, and aux, what a Forward computes for its Backward
// (SoftmaxCrossEntropy: the softmax).
type lossState struct{ pred, target, grad, aux *tensor.Tensor }

// lossForward checks that pred and target are 2-D of the same shape and
// returns the state for the Forward (s if bound, else a fresh one
// published in last).
func lossForward(s *lossState, last *atomic.Pointer[lossState], op string, pred, target *tensor.Tensor) *lossState {
	if len(pred.Shape) != 2 || !tensor.SameShape(pred, target) {
		panic(fmt.Sprintf("nn.%s.Forward: shape mismatch: pred %v and target %v", op, pred.Shape, target.Shape))
	}
	if s == nil {
		s = new(lossState)
		last.Store(s)
	}
	s.pred, s.target = pred, target
	return s
}

// lossBackward returns the state for a Backward, with grad sized like pred.
func lossBackward(s *lossState, last *atomic.Pointer[lossState], op string) *lossState {
	if s == nil {
		p := last.Load()
		if p == nil {
			panic(fmt.Sprintf("nn.%s.Backward: called before Forward", op))
		}
		c := *p
		c.grad = nil
		s = &c
	}
	if s.pred == nil {
		panic(fmt.Sprintf("nn.%s.Backward: called before Forward", op))
	}
	s.grad = tensor.Resize(s.grad, s.pred.Shape...)
	return s
}

// The slots of unbound values, one per type.
var (
	lastSigmoid, lastTanh, lastReLU, lastLeakyReLU     atomic.Pointer[actState]
	lastMSE, lastBCE, lastBCEWithLogits, lastSoftmaxCE atomic.Pointer[lossState]
)

// The binding methods, three per type: isBound, withState (on a value),
// bindInPlace (on a pointer).

func (a Sigmoid) isBound() bool              { return a.s != nil }
func (a Sigmoid) withState() any             { a.s = new(actState); return a }
func (a *Sigmoid) bindInPlace()              { a.s = orNew(a.s) }
func (a Tanh) isBound() bool                 { return a.s != nil }
func (a Tanh) withState() any                { a.s = new(actState); return a }
func (a *Tanh) bindInPlace()                 { a.s = orNew(a.s) }
func (a ReLU) isBound() bool                 { return a.s != nil }
func (a ReLU) withState() any                { a.s = new(actState); return a }
func (a *ReLU) bindInPlace()                 { a.s = orNew(a.s) }
func (a LeakyReLU) isBound() bool            { return a.s != nil }
func (a LeakyReLU) withState() any           { a.s = new(actState); return a }
func (a *LeakyReLU) bindInPlace()            { a.s = orNew(a.s) }
func (l MSE) isBound() bool                  { return l.s != nil }
func (l MSE) withState() any                 { l.s = new(lossState); return l }
func (l *MSE) bindInPlace()                  { l.s = orNew(l.s) }
func (l BCE) isBound() bool                  { return l.s != nil }
func (l BCE) withState() any                 { l.s = new(lossState); return l }
func (l *BCE) bindInPlace()                  { l.s = orNew(l.s) }
func (l BCEWithLogits) isBound() bool        { return l.s != nil }
func (l BCEWithLogits) withState() any       { l.s = new(lossState); return l }
func (l *BCEWithLogits) bindInPlace()        { l.s = orNew(l.s) }
func (l SoftmaxCrossEntropy) isBound() bool  { return l.s != nil }
func (l SoftmaxCrossEntropy) withState() any { l.s = new(lossState); return l }
func (l *SoftmaxCrossEntropy) bindInPlace()  { l.s = orNew(l.s) }

// orNew returns s, or a new zero state if s is nil.
func orNew[S any](s *S) *S {
	if s == nil {
		return new(S)
	}
	return s
}
