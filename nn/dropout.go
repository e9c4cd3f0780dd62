// dropout.go: inverted dropout, forward and backward — the regulariser that
// trains each unit not to rely on any other, by zeroing a random part of
// them at every step. It acts only in training mode (mode.go).

package nn

import (
	"fmt"
	"math/rand/v2"

	"dlgo/tensor"
)

// Dropout is inverted dropout with drop probability Rate, x and y batch×n:
// &nn.Dropout{Rate: 0.5}. In training mode (SetTraining; Train sets it),
// every Forward draws a new mask and computes
//
//	y = x ⊙ m / (1 − Rate),   m_ij = 0 with probability Rate, else 1,
//
// so that E[y] = x: the expected activation is the same with and without
// dropout, and inference needs no rescaling. Backward is dx = dy ⊙ m/(1 −
// Rate), the same mask. In inference mode, the default, y = x and dx = dy.
//
// The masks come from a generator of the layer's own, seeded with Seed (0
// is a seed like any other): the same Seed gives the same masks, on any
// thread count. Rate must be in [0, 1); Forward panics otherwise.
type Dropout struct {
	Rate float64
	Seed uint64

	training bool
	hold     bool // keep the last mask (GradCheck); see holdMasks
	drawn    bool // mask holds a mask of the current shape
	rng      *rand.Rand
	mask     *tensor.Tensor // 0 or 1/(1 − Rate) per element
	y, dx    *tensor.Tensor
	active   bool // whether the last Forward applied the mask
}

// dropoutStream is the second word of the PCG state, with Seed the first:
// any fixed constant works.
const dropoutStream = 0x9e3779b97f4a7c15

// SetTraining switches dropout on (training) or off (inference).
func (d *Dropout) SetTraining(on bool) { d.training = on }

// Forward computes y = x ⊙ m/(1 − Rate) in training mode, y = x otherwise.
func (d *Dropout) Forward(x *tensor.Tensor) *tensor.Tensor {
	if !(d.Rate >= 0 && d.Rate < 1) {
		panic(fmt.Sprintf("nn.Dropout.Forward: Rate = %v: it must be in [0, 1)", d.Rate))
	}
	d.active = d.training && d.Rate > 0
	if !d.active {
		return x
	}
	if !d.hold || !d.drawn || !tensor.SameShape(d.mask, x) {
		d.draw(x.Shape)
	}
	d.y = tensor.Resize(d.y, x.Shape...)
	return tensor.Mul(d.y, x, d.mask)
}

// draw fills the mask for the given shape: each element is dropped when a
// uniform 64-bit draw falls below Rate·2⁶⁴.
func (d *Dropout) draw(shape []int) {
	if d.rng == nil {
		d.rng = rand.New(rand.NewPCG(d.Seed, dropoutStream))
	}
	d.mask = tensor.Resize(d.mask, shape...)
	cut := uint64(d.Rate * (1 << 64))
	keep := 1 / (1 - d.Rate)
	for i := range d.mask.Data {
		if d.rng.Uint64() < cut {
			d.mask.Data[i] = 0
		} else {
			d.mask.Data[i] = keep
		}
	}
	d.drawn = true
}

// Backward computes dx = dy ⊙ m/(1 − Rate) with the mask of the last
// Forward (dx = dy if that Forward was in inference mode).
func (d *Dropout) Backward(dy *tensor.Tensor) *tensor.Tensor {
	if !d.active {
		return dy
	}
	if !tensor.SameShape(dy, d.y) {
		panic(fmt.Sprintf("nn.Dropout.Backward: shape mismatch: dy %v and y %v", dy.Shape, d.y.Shape))
	}
	d.dx = tensor.Resize(d.dx, dy.Shape...)
	return tensor.Mul(d.dx, dy, d.mask)
}

// Params returns nil: Dropout has no parameters.
func (*Dropout) Params() []*Param { return nil }

// holdMask makes Forward keep its last mask (on) or draw a new one each
// time (off, the default): GradCheck holds it, so that the loss it
// differentiates numerically is the one backpropagation saw.
func (d *Dropout) holdMask(on bool) {
	d.hold = on
	d.drawn = false
}
