package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// Printing a model gives a Keras-style summary: one line per layer with its
// output width and parameter count, and the total.
func ExampleSequential_String() {
	rng := rand.New(rand.NewPCG(1, 2))
	model := &nn.Sequential{Layers: []nn.Layer{
		nn.NewDense(784, 128, rng), &nn.ReLU{}, &nn.Dropout{Rate: 0.2},
		nn.NewDense(128, 10, rng),
	}}
	fmt.Println(model)
	// Output:
	// Sequential
	//   #  layer             output   params
	//   0  Dense(784 → 128)     128  100,480
	//   1  ReLU                 128        0
	//   2  Dropout(0.2)         128        0
	//   3  Dense(128 → 10)       10    1,290
	// total params: 101,770
}

func TestSummaryNestedAndUnknown(t *testing.T) {
	rng := newRand(1)
	inner := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 4, rng), &nn.LeakyReLU{Slope: 0.01}}}
	model := &nn.Sequential{Layers: []nn.Layer{&nn.Tanh{}, inner, &identity{}, nn.NewDense(4, 1, rng), &nn.Sigmoid{}}}
	s := model.String()
	for _, want := range []string{"Tanh", "?", "Sequential (2 layers)", "identity", "Dense(4 → 1)", "Sigmoid", "total params: 21"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if n := strings.Count(s, "\n"); n != 7 {
		t.Errorf("%d lines, want 8:\n%s", n+1, s)
	}
}

// PredictProba gives softmax rows for SoftmaxCrossEntropy, σ for
// BCEWithLogits, and the raw output otherwise; Predict stays raw.
func TestPredictProba(t *testing.T) {
	rng := newRand(2)
	x := randT(rng, 7, 3, 1)
	multi := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 4, rng)}}
	raw := nn.Predict(multi, x)
	p := nn.PredictProba(multi, &nn.SoftmaxCrossEntropy{}, x)
	for i := range 7 {
		sum, m := 0.0, math.Inf(-1)
		for j := range 4 {
			m = max(m, raw.At(i, j))
		}
		den := 0.0
		for j := range 4 {
			den += math.Exp(raw.At(i, j) - m)
		}
		for j := range 4 {
			want := math.Exp(raw.At(i, j)-m) / den
			if math.Abs(p.At(i, j)-want) > 1e-15 {
				t.Fatalf("softmax [%d %d] = %v, want %v", i, j, p.At(i, j), want)
			}
			sum += p.At(i, j)
		}
		if math.Abs(sum-1) > 1e-15 {
			t.Fatalf("row %d sums to %v", i, sum)
		}
	}
	if again := nn.Predict(multi, x); !eqData(again, raw) {
		t.Fatal("Predict changed after PredictProba")
	}
	one := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 1, rng)}}
	z := nn.Predict(one, x)
	q := nn.PredictProba(one, &nn.BCEWithLogits{}, x)
	for i, v := range z.Data {
		if want := 1 / (1 + math.Exp(-v)); math.Abs(q.Data[i]-want) > 1e-15 {
			t.Fatalf("σ(%v) = %v, want %v", v, q.Data[i], want)
		}
	}
	if r := nn.PredictProba(one, &nn.MSE{}, x); !eqData(r, z) {
		t.Fatal("MSE: PredictProba is not the raw output")
	}
	if r := nn.PredictProba(one, nil, x); !eqData(r, z) {
		t.Fatal("nil loss: PredictProba is not the raw output")
	}
}

func eqData(a, b *tensor.Tensor) bool {
	if len(a.Data) != len(b.Data) {
		return false
	}
	for i := range a.Data {
		if a.Data[i] != b.Data[i] {
			return false
		}
	}
	return true
}

// The edges of the binary cross-entropies: BCEWithLogits is 0 (not NaN) at
// z = +Inf with y = 1 and at z = −Inf with y = 0, +Inf on the wrong side,
// with gradient 0 where the loss is 0; BCE clamps p outside [0, 1], so it
// is never negative.
func TestBinaryCrossEntropyEdges(t *testing.T) {
	inf := math.Inf(1)
	l := &nn.BCEWithLogits{}
	pred := tensor.FromSlice([]float64{inf, -inf}, 2, 1)
	if j := l.Forward(pred, tensor.FromSlice([]float64{1, 0}, 2, 1)); j != 0 {
		t.Errorf("BCEWithLogits(±Inf, right labels) = %v, want 0", j)
	}
	eqSlice(t, "dJ/dz at ±Inf", l.Backward().Data, []float64{0, 0}, 0)
	if j := l.Forward(pred, tensor.FromSlice([]float64{0, 1}, 2, 1)); !math.IsInf(j, 1) {
		t.Errorf("BCEWithLogits(±Inf, wrong labels) = %v, want +Inf", j)
	}
	if j := l.Forward(tensor.FromSlice([]float64{800, -800}, 2, 1), tensor.FromSlice([]float64{0, 0}, 2, 1)); j != 400 {
		t.Errorf("BCEWithLogits(±800, 0) = %v, want 400", j)
	}

	b := &nn.BCE{}
	for _, c := range []struct{ p, y, want float64 }{
		{1e308, 1, 0}, {1.5, 1, 0}, {-3, 0, 0},
		{1e308, 0, -math.Log(1e-12)}, {-3, 1, -math.Log(1e-12)},
	} {
		j := b.Forward(tensor.FromSlice([]float64{c.p}, 1, 1), tensor.FromSlice([]float64{c.y}, 1, 1))
		if math.Abs(j-c.want) > 1e-12 || j < 0 {
			t.Errorf("BCE(p = %v, y = %v) = %v, want %v", c.p, c.y, j, c.want)
		}
		g := b.Backward().Data[0]
		if math.IsNaN(g) || math.IsInf(g, 0) {
			t.Errorf("BCE'(p = %v, y = %v) = %v", c.p, c.y, g)
		}
	}
	if j := b.Forward(tensor.FromSlice([]float64{math.NaN()}, 1, 1), tensor.FromSlice([]float64{1}, 1, 1)); !math.IsNaN(j) {
		t.Errorf("BCE(NaN) = %v, want NaN", j)
	}
}

// identity is a layer of the user's own, with no String method.
type identity struct{}

func (*identity) Forward(x *tensor.Tensor) *tensor.Tensor   { return x }
func (*identity) Backward(dy *tensor.Tensor) *tensor.Tensor { return dy }
func (*identity) Params() []*nn.Param                       { return nil }
