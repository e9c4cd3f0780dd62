package nn_test

import (
	"math"
	"slices"
	"testing"

	"dlgo/nn"
)

// The constructors give the usual values, and a literal's zero fields mean
// the same defaults: nn.Adam{LR: 0.01} steps exactly as NewAdam(0.01), and
// nn.Momentum{LR: 0.5} as NewMomentum(0.5), not as plain SGD.
func TestOptimizerDefaults(t *testing.T) {
	if a := nn.NewAdam(0.01); *a != (nn.Adam{LR: 0.01, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}) {
		t.Errorf("NewAdam(0.01) = %+v", *a)
	}
	if m := nn.NewMomentum(0.5); *m != (nn.Momentum{LR: 0.5, Beta: 0.9}) {
		t.Errorf("NewMomentum(0.5) = %+v", *m)
	}
	grads := [][]float64{{0.5, -1}, {-1, 3}, {2, 0.25}, {0.1, -0.2}}
	same := func(name string, a, b nn.Optimizer) {
		t.Helper()
		p, q := param(1, -2), param(1, -2)
		steps(a, p, grads...)
		steps(b, q, grads...)
		if !slices.Equal(p.Value.Data, q.Value.Data) {
			t.Errorf("%s: %v, want %v", name, p.Value.Data, q.Value.Data)
		}
	}
	same("Adam{LR}", nn.Adam{LR: 0.01}, nn.NewAdam(0.01))
	same("Adam{LR, Beta1}", nn.Adam{LR: 0.01, Beta1: 0.5}, &nn.Adam{LR: 0.01, Beta1: 0.5, Beta2: 0.999, Eps: 1e-8})
	same("Momentum{LR}", nn.Momentum{LR: 0.5}, nn.NewMomentum(0.5))
	// And Momentum{LR} is not SGD{LR}.
	p, q := param(1, -2), param(1, -2)
	steps(nn.Momentum{LR: 0.5}, p, grads...)
	steps(nn.SGD{LR: 0.5}, q, grads...)
	if slices.Equal(p.Value.Data, q.Value.Data) {
		t.Error("Momentum{LR: 0.5} stepped as plain SGD")
	}
}

// Settings out of range are refused by Step, naming the optimizer and the
// field.
func TestOptimizerRefusals(t *testing.T) {
	p := param(1)
	cases := []struct {
		opt  nn.Optimizer
		want []string
	}{
		{nn.SGD{LR: -0.1}, []string{"nn.SGD.Step", "LR = -0.1"}},
		{nn.SGD{LR: math.NaN()}, []string{"nn.SGD.Step", "LR = NaN"}},
		{nn.SGD{LR: 0.1, WeightDecay: math.Inf(1)}, []string{"nn.SGD.Step", "WeightDecay"}},
		{nn.Momentum{LR: 0.1, Beta: 1}, []string{"nn.Momentum.Step", "Beta = 1", "NewMomentum"}},
		{nn.Momentum{LR: 0.1, Beta: -0.5}, []string{"nn.Momentum.Step", "Beta = -0.5"}},
		{nn.Adam{LR: 0.1, Beta2: 1.5}, []string{"nn.Adam.Step", "Beta2 = 1.5", "NewAdam"}},
		{nn.Adam{LR: 0.1, Eps: -1}, []string{"nn.Adam.Step", "Eps = -1"}},
		{nn.Adam{LR: 0.1, WeightDecay: -1}, []string{"nn.Adam.Step", "WeightDecay = -1"}},
	}
	for _, c := range cases {
		mustPanic(t, func() { c.opt.Step([]*nn.Param{p}) }, c.want...)
	}
}

// WeightDecay: SGD and Momentum add λ·w to the gradient (the gradient of
// the course's (λ/2)·‖W‖²), Adam decays decoupled (AdamW), and none of
// them touches a Param with NoDecay (a Dense's bias).
func TestWeightDecay(t *testing.T) {
	const lr, wd = 0.1, 0.01
	g := []float64{0.5, -1}

	p := param(2, -3)
	steps(nn.SGD{LR: lr, WeightDecay: wd}, p, g)
	eqSlice(t, "SGD", p.Value.Data, []float64{2 - lr*(0.5+wd*2), -3 - lr*(-1+wd*-3)}, 1e-15)

	p = param(2)
	steps(nn.Momentum{LR: lr, Beta: 0.9, WeightDecay: wd}, p, []float64{0.5}, []float64{0.5})
	w, v := 2.0, 0.0
	for range 2 {
		v = 0.9*v + 0.1*(0.5+wd*w)
		w -= lr * v
	}
	eqSlice(t, "Momentum", p.Value.Data, []float64{w}, 1e-15)

	// AdamW: w := w − LR·λ·w, then the plain Adam step from the same g.
	p, q := param(2), param(2*(1-lr*wd))
	steps(nn.Adam{LR: lr, WeightDecay: wd}, p, []float64{0.5})
	steps(nn.NewAdam(lr), q, []float64{0.5})
	eqSlice(t, "AdamW", p.Value.Data, q.Value.Data, 1e-15)

	// Biases are not decayed: a zero gradient leaves b as it is.
	d := nn.NewDense(2, 3, newRand(1))
	copy(d.B.Value.Data, []float64{1, 2, 3})
	for _, opt := range []nn.Optimizer{nn.SGD{LR: lr, WeightDecay: wd}, nn.Momentum{LR: lr, WeightDecay: wd}, nn.Adam{LR: lr, WeightDecay: wd}} {
		w0 := slices.Clone(d.W.Value.Data)
		opt.Step(d.Params())
		if !slices.Equal(d.B.Value.Data, []float64{1, 2, 3}) {
			t.Errorf("%T decayed the bias: %v", opt, d.B.Value.Data)
		}
		for i, v := range d.W.Value.Data {
			if math.Abs(v) >= math.Abs(w0[i]) && w0[i] != 0 {
				t.Fatalf("%T did not decay W[%d]: %v → %v", opt, i, w0[i], v)
			}
		}
	}
}
