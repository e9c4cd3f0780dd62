package nn_test

import (
	"math"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// param returns a parameter with the given values and a zero gradient.
func param(vals ...float64) *nn.Param {
	return &nn.Param{Name: "w", Value: tensor.FromSlice(vals, 1, len(vals)), Grad: tensor.New(1, len(vals))}
}

// steps runs opt for len(grads) steps on p, setting p.Grad to each in turn.
func steps(opt nn.Optimizer, p *nn.Param, grads ...[]float64) {
	for _, g := range grads {
		copy(p.Grad.Data, g)
		opt.Step([]*nn.Param{p})
	}
}

func TestSGD(t *testing.T) {
	p := param(1, -2)
	steps(nn.SGD{LR: 0.1}, p, []float64{0.5, -1}, []float64{2, 3})
	eqSlice(t, "w", p.Value.Data, []float64{1 - 0.05 - 0.2, -2 + 0.1 - 0.3}, 1e-15)
}

func TestMomentum(t *testing.T) {
	const lr, beta = 0.1, 0.9
	p := param(1)
	opt := &nn.Momentum{LR: lr, Beta: beta}
	g := []float64{0.5, -1, 2}
	steps(opt, p, []float64{g[0]}, []float64{g[1]}, []float64{g[2]})
	w, v := 1.0, 0.0
	for _, gi := range g { // v = βv + (1−β)g, w −= αv: no bias correction
		v = beta*v + (1-beta)*gi
		w -= lr * v
	}
	eqSlice(t, "w", p.Value.Data, []float64{w}, 1e-15)
	// Written out: v₁ = 0.05, w₁ = 0.995; v₂ = −0.055, w₂ = 1.0005;
	// v₃ = 0.1505, w₃ = 0.98545.
	eqSlice(t, "w by hand", p.Value.Data, []float64{0.98545}, 1e-14)
}

func TestAdam(t *testing.T) {
	const lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
	p := param(1, 0)
	g := [][]float64{{0.5, 0}, {-1, 0}, {2, 0}}
	nn.Adam{LR: lr, Beta1: b1, Beta2: b2, Eps: eps}.Step([]*nn.Param{}) // no params: nothing to do
	opt := nn.Adam{LR: lr, Beta1: b1, Beta2: b2, Eps: eps}
	steps(opt, p, g...)
	// Hand-unrolled, with bias correction.
	w, m, v := 1.0, 0.0, 0.0
	for t, gi := range g {
		m = b1*m + (1-b1)*gi[0]
		v = b2*v + (1-b2)*gi[0]*gi[0]
		mh := m / (1 - math.Pow(b1, float64(t+1)))
		vh := v / (1 - math.Pow(b2, float64(t+1)))
		w -= lr * mh / (math.Sqrt(vh) + eps)
	}
	eqSlice(t, "w", p.Value.Data, []float64{w, 0}, 1e-15)
	// The first step of Adam moves every weight with g ≠ 0 by about LR.
	q := param(3)
	steps(opt, q, []float64{123})
	if !close(q.Value.Data[0], 3-lr, 1e-9) {
		t.Errorf("first Adam step: w = %v, want ≈ %v", q.Value.Data[0], 3-lr)
	}
}

// State is per *Param and kept across Steps, for values and pointers alike;
// ResetState forgets it.
func TestOptimizerState(t *testing.T) {
	for _, opt := range []nn.Optimizer{nn.Momentum{LR: 0.1, Beta: 0.5}, &nn.Momentum{LR: 0.1, Beta: 0.5},
		nn.Adam{LR: 0.1, Beta1: 0.9, Beta2: 0.99, Eps: 1e-8}, &nn.Adam{LR: 0.1, Beta1: 0.9, Beta2: 0.99, Eps: 1e-8}} {
		a, b := param(1), param(1)
		steps(opt, a, []float64{1}, []float64{1})
		steps(opt, b, []float64{1})
		steps(opt, b, []float64{1})
		if a.Value.Data[0] != b.Value.Data[0] {
			t.Errorf("%T: one call of two steps %v, two calls %v", opt, a.Value.Data[0], b.Value.Data[0])
		}
		c := param(1)
		steps(opt, c, []float64{1})
		if c.Value.Data[0] == a.Value.Data[0] {
			t.Errorf("%T: a fresh param shares state", opt)
		}
		a.ResetState()
		a.Value.Data[0] = 1
		steps(opt, a, []float64{1})
		if a.Value.Data[0] != c.Value.Data[0] {
			t.Errorf("%T: after ResetState %v, want a first step %v", opt, a.Value.Data[0], c.Value.Data[0])
		}
	}
}

func TestOptimizerShapePanics(t *testing.T) {
	p := &nn.Param{Name: "w", Value: tensor.New(2, 3), Grad: tensor.New(3, 2)}
	for _, o := range []nn.Optimizer{nn.SGD{LR: 1}, nn.Momentum{LR: 1, Beta: 0.9}, nn.Adam{LR: 1, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}} {
		mustPanic(t, func() { o.Step([]*nn.Param{p}) }, ".Step", `"w"`, "[2 3]", "[3 2]")
	}
}
