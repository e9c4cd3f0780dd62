// cache.go: what layers and losses keep between Forward and Backward. Each
// stateful layer or loss embeds one of these two structs in its own value,
// which is why they are used as pointers (&nn.Tanh{}): the state lives in
// the value, never anywhere else. Not the maths: that is in each file.

package nn

import (
	"fmt"

	"dlgo/tensor"
)

// actCache is what an element-wise activation keeps: its input x, its
// output y and the buffer for dx, each resized (never shrunk) to the batch.
type actCache struct{ x, y, dx *tensor.Tensor }

// forward caches x and sizes y like x; it returns y's data to fill.
func (c *actCache) forward(x *tensor.Tensor) []float64 {
	c.x = x
	c.y = tensor.Resize(c.y, x.Shape...)
	return c.y.Data
}

// backward checks dy against the last Forward, naming op, and sizes dx like
// dy; it returns dx's data to fill.
func (c *actCache) backward(op string, dy *tensor.Tensor) []float64 {
	if c.y == nil {
		panic(fmt.Sprintf("nn.%s.Backward: called before Forward", op))
	}
	if !tensor.SameShape(dy, c.y) {
		panic(fmt.Sprintf("nn.%s.Backward: shape mismatch: dy %v and y %v", op, dy.Shape, c.y.Shape))
	}
	c.dx = tensor.Resize(c.dx, dy.Shape...)
	return c.dx.Data
}

// lossCache is what a loss keeps: the pred and target of its Forward, the
// buffer for dJ/dpred, and aux, what a Forward computes for its Backward
// (SoftmaxCrossEntropy: the softmax).
type lossCache struct{ pred, target, grad, aux *tensor.Tensor }

// forward checks that pred and target are 2-D of the same shape, naming
// op, and caches them.
func (c *lossCache) forward(op string, pred, target *tensor.Tensor) {
	if len(pred.Shape) != 2 || !tensor.SameShape(pred, target) {
		panic(fmt.Sprintf("nn.%s.Forward: shape mismatch: pred %v and target %v", op, pred.Shape, target.Shape))
	}
	c.pred, c.target = pred, target
}

// backward checks that a Forward came first, naming op, and sizes grad
// like pred.
func (c *lossCache) backward(op string) {
	if c.pred == nil {
		panic(fmt.Sprintf("nn.%s.Backward: called before Forward", op))
	}
	c.grad = tensor.Resize(c.grad, c.pred.Shape...)
}
