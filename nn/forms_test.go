package nn_test

import (
	"slices"
	"sync"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// Layers and losses are pointers: &nn.Tanh{} is a Layer (a bare nn.Tanh{}
// is not: a compile error). Optimizers are values or pointers.
var (
	_ nn.Layer     = &nn.Sigmoid{}
	_ nn.Layer     = &nn.Tanh{}
	_ nn.Layer     = &nn.ReLU{}
	_ nn.Layer     = &nn.LeakyReLU{Slope: 0.01}
	_ nn.Layer     = &nn.Dropout{Rate: 0.5}
	_ nn.Layer     = &nn.Sequential{}
	_ nn.Layer     = nn.NewDense(1, 1, newRand(1))
	_ nn.Loss      = &nn.MSE{}
	_ nn.Loss      = &nn.BCE{}
	_ nn.Loss      = &nn.BCEWithLogits{}
	_ nn.Loss      = &nn.SoftmaxCrossEntropy{}
	_ nn.Optimizer = nn.SGD{LR: 0.1}
	_ nn.Optimizer = &nn.SGD{LR: 0.1}
	_ nn.Optimizer = nn.Momentum{LR: 0.1, Beta: 0.9}
	_ nn.Optimizer = nn.NewMomentum(0.1)
	_ nn.Optimizer = nn.Adam{LR: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
	_ nn.Optimizer = nn.NewAdam(0.001)
)

// Two layers of one type keep separate state, even interleaved: t1's
// Backward is tanh′ at t1's input, not at the input of the last Forward of
// any Tanh (the bug of the per-type slots this package once had).
func TestInterleavedLayersAreIndependent(t *testing.T) {
	t1, t2 := &nn.Tanh{}, &nn.Tanh{}
	a := tensor.FromSlice([]float64{0.5, -0.9}, 1, 2)
	b := tensor.FromSlice([]float64{2, -3}, 1, 2)
	t1.Forward(a)
	t2.Forward(b)
	got := t1.Backward(tensor.Full(1, 1, 2)).Data
	want := []float64{0.7864477329659274, 0.4869173611483415} // 1 − tanh²(a)
	eqSlice(t, "t1 dx", got, want, 1e-15)
	got2 := t2.Backward(tensor.Full(1, 1, 2)).Data
	eqSlice(t, "t2 dx", got2, []float64{0.07065082485316443, 0.009866037165440211}, 1e-15)

	// The same for losses.
	l1, l2 := &nn.MSE{}, &nn.MSE{}
	l1.Forward(tensor.FromSlice([]float64{1, 2}, 2, 1), tensor.FromSlice([]float64{0, 0}, 2, 1))
	l2.Forward(tensor.FromSlice([]float64{5}, 1, 1), tensor.FromSlice([]float64{0}, 1, 1))
	eqSlice(t, "l1 grad", l1.Backward().Data, []float64{0.5, 1}, 0)
}

// A layer and loss of each kind, one set per goroutine, run side by side
// with no shared state: -race is the check, and each goroutine's gradients
// must match a run alone.
func TestModelsOnGoroutinesShareNothing(t *testing.T) {
	build := func() (*nn.Sequential, nn.Loss) {
		rng := newRand(3)
		return &nn.Sequential{Layers: []nn.Layer{
			nn.NewDense(4, 6, rng), &nn.ReLU{}, &nn.Dropout{Rate: 0.3, Seed: 7},
			nn.NewDense(6, 5, rng), &nn.Tanh{}, nn.NewDense(5, 4, rng), &nn.LeakyReLU{Slope: 0.1},
			nn.NewDense(4, 3, rng), &nn.Sigmoid{},
		}}, &nn.BCE{}
	}
	step := func(model *nn.Sequential, loss nn.Loss, seed uint64) []float64 {
		rng := newRand(seed)
		x, y := randT(rng, 8, 4, 1), uniformT(rng, 8, 3, 0, 1)
		nn.SetTraining(model, true)
		var grads []float64
		for range 20 {
			model.ZeroGrad()
			loss.Forward(model.Forward(x), y)
			model.Backward(loss.Backward())
		}
		for _, p := range model.Params() {
			grads = append(grads, p.Grad.Data...)
		}
		return grads
	}
	want := make([][]float64, 4)
	for g := range want {
		m, l := build()
		want[g] = step(m, l, uint64(g))
	}
	got := make([][]float64, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, l := build()
			got[g] = step(m, l, uint64(g))
		}()
	}
	wg.Wait()
	for g := range got {
		if !slices.Equal(got[g], want[g]) {
			t.Errorf("goroutine %d: gradients differ from a run alone", g)
		}
	}
}

// Pointer layers in a Sequential gradcheck, nested, and ZeroGrad clears
// every gradient.
func TestSequentialNested(t *testing.T) {
	rng := newRand(5)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 4, rng), &nn.Tanh{}, nn.NewDense(4, 3, rng), &nn.ReLU{}, nn.NewDense(3, 1, rng), &nn.Sigmoid{}}}
	x, y := randT(rng, 5, 2, 1), uniformT(rng, 5, 1, 0, 1)
	for i, e := range nn.GradCheck(model, &nn.BCE{}, x, y) {
		if e > 1e-6 {
			t.Errorf("parameter %d: relative error %.3g", i, e)
		}
	}
	outer := &nn.Sequential{Layers: []nn.Layer{model, &nn.Sequential{Layers: []nn.Layer{nn.NewDense(1, 2, rng), &nn.LeakyReLU{Slope: 0.2}}}}}
	for i, e := range nn.GradCheck(outer, &nn.MSE{}, x, randT(rng, 5, 2, 1)) {
		if e > 1e-6 {
			t.Errorf("nested: parameter %d: relative error %.3g", i, e)
		}
	}
	if n := len(outer.Params()); n != 8 {
		t.Errorf("nested: %d params, want 8", n)
	}
	outer.ZeroGrad()
	for _, p := range outer.Params() {
		if !slices.Equal(p.Grad.Data, make([]float64, p.Grad.Len())) {
			t.Fatalf("ZeroGrad left %s = %v", p.Name, p.Grad.Data)
		}
	}
}
