package nn_test

import (
	"math"
	"slices"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// activations returns one of each activation, by value and by pointer.
func activations() map[string]nn.Layer {
	return map[string]nn.Layer{
		"Sigmoid": &nn.Sigmoid{}, "Tanh": &nn.Tanh{}, "ReLU": &nn.ReLU{},
		"LeakyReLU": &nn.LeakyReLU{Slope: 0.1},
		"*Sigmoid":  &nn.Sigmoid{}, "*Tanh": &nn.Tanh{}, "*ReLU": &nn.ReLU{},
		"*LeakyReLU": &nn.LeakyReLU{Slope: 0.01},
	}
}

func TestGradCheckLayers(t *testing.T) {
	for name, act := range activations() {
		for _, batch := range []int{1, 3, 8} {
			rng := newRand(uint64(batch))
			model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(4, 5, rng), act, nn.NewDense(5, 3, rng)}}
			x, y := randT(rng, batch, 4, 1), randT(rng, batch, 3, 1)
			for i, e := range nn.GradCheck(model, &nn.MSE{}, x, y) {
				if e > 1e-6 {
					t.Errorf("%s, batch %d: parameter %d: relative error %.3g", name, batch, i, e)
				}
			}
		}
	}
}

func TestInputGradLayers(t *testing.T) {
	for name, act := range activations() {
		for _, batch := range []int{1, 2, 7} {
			rng := newRand(uint64(10 + batch))
			layer := act
			if e := inputGradErr(layer, randT(rng, batch, 6, 2), rng); e > 1e-6 {
				t.Errorf("%s, batch %d: dx relative error %.3g", name, batch, e)
			}
		}
	}
	for _, batch := range []int{1, 5} {
		rng := newRand(3)
		if e := inputGradErr(nn.NewDense(6, 4, rng), randT(rng, batch, 6, 1), rng); e > 1e-6 {
			t.Errorf("Dense, batch %d: dx relative error %.3g", batch, e)
		}
	}
}

func TestActivationValues(t *testing.T) {
	x := tensor.FromSlice([]float64{-750, -2, 0, 0.5, 750, math.Inf(-1), math.Inf(1)}, 1, 7)
	want := map[string][]float64{
		"Sigmoid":   {0, 1 / (1 + math.Exp(2)), 0.5, 1 / (1 + math.Exp(-0.5)), 1, 0, 1},
		"Tanh":      {-1, math.Tanh(-2), 0, math.Tanh(0.5), 1, -1, 1},
		"ReLU":      {0, 0, 0, 0.5, 750, 0, math.Inf(1)},
		"LeakyReLU": {-75, -0.2, 0, 0.5, 750, math.Inf(-1), math.Inf(1)},
	}
	layers := map[string]nn.Layer{"Sigmoid": &nn.Sigmoid{}, "Tanh": &nn.Tanh{}, "ReLU": &nn.ReLU{}, "LeakyReLU": &nn.LeakyReLU{Slope: 0.1}}
	for name, l := range layers {
		got := l.Forward(x)
		if !slices.Equal(got.Data, want[name]) {
			t.Errorf("%s(%v) = %v, want %v", name, x.Data, got.Data, want[name])
		}
		dx := l.Backward(tensor.Full(1, 1, 7))
		for i, v := range dx.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s'(%v) = %v, want finite", name, x.Data[i], v)
			}
		}
	}
	// The sigmoid saturates exactly: σ'(±750) = 0.
	s := &nn.Sigmoid{}
	s.Forward(tensor.FromSlice([]float64{-750, 750}, 1, 2))
	if d := s.Backward(tensor.Full(1, 1, 2)).Data; d[0] != 0 || d[1] != 0 {
		t.Errorf("σ'(±750) = %v, want 0 0", d)
	}
	// ReLU lets NaN through, so that divergence shows in the loss.
	r := &nn.ReLU{}
	if v := r.Forward(tensor.FromSlice([]float64{math.NaN()}, 1, 1)).Data[0]; !math.IsNaN(v) {
		t.Errorf("ReLU(NaN) = %v, want NaN", v)
	}
}

func TestDense(t *testing.T) {
	rng := newRand(1)
	d := nn.NewDense(3, 2, rng)
	ps := d.Params()
	if len(ps) != 2 || ps[0] != d.W || ps[1] != d.B {
		t.Fatalf("Params() = %v, want [W b]", ps)
	}
	if !slices.Equal(ps[0].Value.Shape, []int{3, 2}) || !slices.Equal(ps[1].Value.Shape, []int{1, 2}) {
		t.Fatalf("shapes %v %v, want [3 2] [1 2]", ps[0].Value.Shape, ps[1].Value.Shape)
	}
	for _, p := range ps {
		if !slices.Equal(p.Grad.Data, make([]float64, p.Grad.Len())) {
			t.Fatalf("new layer: %s.Grad = %v, want zeros", p.Name, p.Grad.Data)
		}
		if !slices.Equal(p.Grad.Shape, p.Value.Shape) {
			t.Fatalf("%s: Grad shape %v, Value shape %v", p.Name, p.Grad.Shape, p.Value.Shape)
		}
	}
	// Writing Value.Data sets the weights.
	copy(ps[0].Value.Data, []float64{1, 2, 3, 4, 5, 6})
	copy(ps[1].Value.Data, []float64{0.5, -0.5})
	x := tensor.FromSlice([]float64{1, 0, -1, 2, 1, 0}, 2, 3)
	y := d.Forward(x)
	eqSlice(t, "y", y.Data, []float64{1 - 5 + 0.5, 2 - 6 - 0.5, 2 + 3 + 0.5, 4 + 4 - 0.5}, 0)
	dy := tensor.FromSlice([]float64{1, 0, 0, 1}, 2, 2)
	dx := d.Backward(dy)
	eqSlice(t, "dx", dx.Data, []float64{1, 3, 5, 2, 4, 6}, 0)
	eqSlice(t, "dW", d.W.Grad.Data, []float64{1, 2, 0, 1, -1, 0}, 0)
	eqSlice(t, "db", d.B.Grad.Data, []float64{1, 1}, 0)
	// Backward adds into Grad: a second pass doubles it.
	d.Forward(x)
	d.Backward(dy)
	eqSlice(t, "dW twice", d.W.Grad.Data, []float64{2, 4, 0, 2, -2, 0}, 0)
	eqSlice(t, "db twice", d.B.Grad.Data, []float64{2, 2}, 0)
	// A different batch size on every call.
	for _, b := range []int{5, 1, 3} {
		if got := d.Forward(tensor.New(b, 3)); !slices.Equal(got.Shape, []int{b, 2}) {
			t.Fatalf("batch %d: y shape %v", b, got.Shape)
		}
		if got := d.Backward(tensor.New(b, 2)); !slices.Equal(got.Shape, []int{b, 3}) {
			t.Fatalf("batch %d: dx shape %v", b, got.Shape)
		}
	}
	// NoInputGrad skips dx but not the parameter gradients.
	d.NoInputGrad = true
	nn.ZeroGrad(d.Params())
	d.Forward(x)
	if dx := d.Backward(dy); dx != nil {
		t.Fatalf("NoInputGrad: dx = %v, want nil", dx)
	}
	eqSlice(t, "dW with NoInputGrad", d.W.Grad.Data, []float64{1, 2, 0, 1, -1, 0}, 0)
}

func TestSameSeedSameBits(t *testing.T) {
	a, b := nn.NewDense(20, 10, newRand(7)), nn.NewDense(20, 10, newRand(7))
	if !slices.Equal(a.W.Value.Data, b.W.Value.Data) {
		t.Fatal("same seed, different weights")
	}
}

func TestInitialisers(t *testing.T) {
	const in, out = 400, 300
	for _, c := range []struct {
		name string
		init nn.Initializer
		std  float64
	}{
		{"He", nn.He, math.Sqrt(2.0 / in)},
		{"Xavier", nn.Xavier, math.Sqrt(2.0 / (in + out))},
		{"SmallRandom", nn.SmallRandom, 0.01},
	} {
		d := nn.NewDenseInit(in, out, c.init, newRand(2))
		var s, s2 float64
		for _, v := range d.W.Value.Data {
			s += v
			s2 += v * v
		}
		n := float64(len(d.W.Value.Data))
		mean, std := s/n, math.Sqrt(s2/n-(s/n)*(s/n))
		if math.Abs(mean) > 0.01*c.std*10 || math.Abs(std/c.std-1) > 0.01 {
			t.Errorf("%s: mean %.3g std %.4g, want 0 and %.4g", c.name, mean, std, c.std)
		}
		if !slices.Equal(d.B.Value.Data, make([]float64, out)) {
			t.Errorf("%s: bias not zero", c.name)
		}
	}
}

func TestShapePanics(t *testing.T) {
	rng := newRand(1)
	d := nn.NewDense(3, 2, rng)
	mustPanic(t, func() { d.Forward(tensor.New(2, 4)) }, "nn.Dense.Forward", "[2 4]", "[3 2]")
	d.Forward(tensor.New(2, 3))
	mustPanic(t, func() { d.Backward(tensor.New(2, 3)) }, "nn.Dense.Backward", "[2 3]", "[2 2]")
	mustPanic(t, func() { nn.NewDense(0, 2, rng) }, "nn.NewDense")
	tanh := &nn.Tanh{}
	mustPanic(t, func() { tanh.Backward(tensor.New(1, 1)) }, "nn.Tanh.Backward", "before Forward")
	tanh.Forward(tensor.New(2, 3))
	mustPanic(t, func() { tanh.Backward(tensor.New(3, 2)) }, "nn.Tanh.Backward", "[3 2]", "[2 3]")
	mustPanic(t, func() { (&nn.MSE{}).Forward(tensor.New(2, 3), tensor.New(2, 2)) }, "nn.MSE.Forward", "[2 3]", "[2 2]")
	mustPanic(t, func() { (&nn.BCE{}).Backward() }, "nn.BCE.Backward", "before Forward")
}
