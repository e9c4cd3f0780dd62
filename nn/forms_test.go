package nn_test

import (
	"slices"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// Values and pointers: nn.Tanh{} and &nn.Tanh{} are both Layers, the same
// for losses and optimizers (doc.go, "Values and pointers").
var (
	_ nn.Layer     = nn.Sigmoid{}
	_ nn.Layer     = &nn.Sigmoid{}
	_ nn.Layer     = nn.Tanh{}
	_ nn.Layer     = &nn.Tanh{}
	_ nn.Layer     = nn.ReLU{}
	_ nn.Layer     = &nn.ReLU{}
	_ nn.Layer     = nn.LeakyReLU{Slope: 0.01}
	_ nn.Layer     = &nn.LeakyReLU{Slope: 0.01}
	_ nn.Layer     = &nn.Dense{}
	_ nn.Layer     = nn.Sequential{}
	_ nn.Layer     = &nn.Sequential{}
	_ nn.Loss      = nn.MSE{}
	_ nn.Loss      = &nn.MSE{}
	_ nn.Loss      = nn.BCE{}
	_ nn.Loss      = &nn.BCE{}
	_ nn.Loss      = nn.BCEWithLogits{}
	_ nn.Loss      = &nn.BCEWithLogits{}
	_ nn.Loss      = nn.SoftmaxCrossEntropy{}
	_ nn.Loss      = &nn.SoftmaxCrossEntropy{}
	_ nn.Optimizer = nn.SGD{LR: 0.1}
	_ nn.Optimizer = &nn.SGD{LR: 0.1}
	_ nn.Optimizer = nn.Momentum{0.1, 0.9}
	_ nn.Optimizer = &nn.Momentum{LR: 0.1, Beta: 0.9}
	_ nn.Optimizer = nn.Adam{0.001, 0.9, 0.999, 1e-8}
	_ nn.Optimizer = &nn.Adam{LR: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
)

// A loss value in an interface remembers its Forward for Backward.
func TestLossValueInInterface(t *testing.T) {
	var l nn.Loss = nn.MSE{}
	p := tensor.FromSlice([]float64{1, 2, 3, 4}, 2, 2)
	y := tensor.FromSlice([]float64{0, 2, 3, 2}, 2, 2)
	if j := l.Forward(p, y); j != (0.5*1+0.5*4)/2 {
		t.Fatalf("J = %v", j)
	}
	eqSlice(t, "grad", l.Backward().Data, []float64{0.5, 0, 0, 1}, 0)
	// The same by addressable variable, by pointer, and bound.
	var v nn.MSE
	v.Forward(p, y)
	eqSlice(t, "var", v.Backward().Data, []float64{0.5, 0, 0, 1}, 0)
	ptr := &nn.MSE{}
	ptr.Forward(p, y)
	eqSlice(t, "pointer", ptr.Backward().Data, []float64{0.5, 0, 0, 1}, 0)
	b := nn.Bind(nn.MSE{})
	b.Forward(p, y)
	eqSlice(t, "bound", b.Backward().Data, []float64{0.5, 0, 0, 1}, 0)
}

// A layer value in an interface, used on its own, remembers its Forward
// for Backward, at any batch size; so does an addressable variable.
func TestLayerValueInInterface(t *testing.T) {
	for _, b := range []int{3, 1, 5} {
		var l nn.Layer = nn.Tanh{}
		x := randT(newRand(uint64(b)), b, 4, 1)
		y := l.Forward(x).Clone()
		dx := l.Backward(tensor.Full(1, b, 4))
		for i, v := range y.Data {
			if dx.Data[i] != 1-v*v {
				t.Fatalf("batch %d: dx[%d] = %v, want %v", b, i, dx.Data[i], 1-v*v)
			}
		}
		var r nn.ReLU
		r.Forward(x)
		for i, g := range r.Backward(tensor.Full(2, b, 4)).Data {
			if want := map[bool]float64{true: 2, false: 0}[x.Data[i] > 0]; g != want {
				t.Fatalf("batch %d: ReLU dx[%d] = %v, want %v", b, i, g, want)
			}
		}
	}
}

// Two bound values of one type keep separate state, even interleaved.
func TestBoundValuesAreIndependent(t *testing.T) {
	a, b := nn.Bind(nn.Tanh{}), nn.Bind(nn.Tanh{})
	x1 := tensor.FromSlice([]float64{0.5}, 1, 1)
	x2 := tensor.FromSlice([]float64{-2, 1}, 1, 2)
	h := a.Forward(x1).Clone()
	b.Forward(x2)
	if d := b.Backward(tensor.Full(1, 1, 2)); len(d.Data) != 2 {
		t.Fatalf("b: dx %v", d.Shape)
	}
	d := a.Backward(tensor.Full(1, 1, 1))
	if want := 1 - h.Data[0]*h.Data[0]; d.Data[0] != want {
		t.Fatalf("a: dx = %v, want %v", d.Data, want)
	}
	// Bind on a pointer binds in place.
	p := &nn.ReLU{}
	if nn.Bind(p) != p {
		t.Fatal("Bind(pointer) is not the pointer")
	}
}

// Value layers in a Sequential train and gradcheck; Sequential stores
// bound copies of the same type; pointer layers are bound in place.
func TestSequentialForms(t *testing.T) {
	rng := newRand(5)
	model := nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 4, rng), nn.Tanh{}, nn.NewDense(4, 3, rng), &nn.ReLU{}, nn.NewDense(3, 1, rng), nn.Sigmoid{}}}
	x, y := randT(rng, 5, 2, 1), uniformT(rng, 5, 1, 0, 1)
	for i, e := range nn.GradCheck(model, nn.BCE{}, x, y) {
		if e > 1e-6 {
			t.Errorf("parameter %d: relative error %.3g", i, e)
		}
	}
	if _, ok := model.Layers[1].(nn.Tanh); !ok {
		t.Errorf("Layers[1] is a %T, want nn.Tanh", model.Layers[1])
	}
	if _, ok := model.Layers[3].(*nn.ReLU); !ok {
		t.Errorf("Layers[3] is a %T, want *nn.ReLU", model.Layers[3])
	}
	// Nested, and as a pointer.
	outer := &nn.Sequential{Layers: []nn.Layer{model, nn.Sequential{Layers: []nn.Layer{nn.NewDense(1, 2, rng), nn.LeakyReLU{Slope: 0.2}}}}}
	for i, e := range nn.GradCheck(outer, nn.MSE{}, x, randT(rng, 5, 2, 1)) {
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
