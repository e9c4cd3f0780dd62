package nn_test

import (
	"math"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

func TestLossGradients(t *testing.T) {
	for _, batch := range []int{1, 4, 9} {
		rng := newRand(uint64(batch))
		const n = 3
		cases := []struct {
			name         string
			loss         nn.Loss
			pred, target *tensor.Tensor
		}{
			{"MSE", &nn.MSE{}, randT(rng, batch, n, 1), randT(rng, batch, n, 1)},
			{"BCE", &nn.BCE{}, uniformT(rng, batch, n, 0.05, 0.95), uniformT(rng, batch, n, 0, 1)},
			{"BCE one-hot", &nn.BCE{}, uniformT(rng, batch, n, 0.05, 0.95), oneHot(rng, batch, n)},
			{"BCEWithLogits", &nn.BCEWithLogits{}, randT(rng, batch, n, 3), uniformT(rng, batch, n, 0, 1)},
			{"SoftmaxCrossEntropy", &nn.SoftmaxCrossEntropy{}, randT(rng, batch, n, 3), oneHot(rng, batch, n)},
		}
		for _, c := range cases {
			if e := lossGradErr(c.loss, c.pred, c.target); e > 1e-6 {
				t.Errorf("%s, batch %d: relative error %.3g", c.name, batch, e)
			}
		}
	}
}

// Every loss through a network, by GradCheck: dJ/dθ of the layers below.
func TestGradCheckLosses(t *testing.T) {
	for _, batch := range []int{1, 6} {
		rng := newRand(uint64(20 + batch))
		x := randT(rng, batch, 4, 1)
		cases := []struct {
			name   string
			layers []nn.Layer
			loss   nn.Loss
			y      *tensor.Tensor
		}{
			{"MSE", []nn.Layer{nn.NewDense(4, 3, rng)}, &nn.MSE{}, randT(rng, batch, 3, 1)},
			{"BCE", []nn.Layer{nn.NewDense(4, 3, rng), &nn.Sigmoid{}}, &nn.BCE{}, oneHot(rng, batch, 3)},
			{"BCEWithLogits", []nn.Layer{nn.NewDense(4, 1, rng)}, &nn.BCEWithLogits{}, oneHot(rng, batch, 2).Reshape(2*batch, 1).Reshape(batch, 2)},
			{"SoftmaxCrossEntropy", []nn.Layer{nn.NewDense(4, 5, rng), &nn.Tanh{}, nn.NewDense(5, 3, rng)}, &nn.SoftmaxCrossEntropy{}, oneHot(rng, batch, 3)},
		}
		cases[2].layers = []nn.Layer{nn.NewDense(4, 2, rng)}
		for _, c := range cases {
			for i, e := range nn.GradCheck(&nn.Sequential{Layers: c.layers}, c.loss, x, c.y) {
				if e > 1e-6 {
					t.Errorf("%s, batch %d: parameter %d: relative error %.3g", c.name, batch, i, e)
				}
			}
		}
	}
}

func TestLossValues(t *testing.T) {
	p := tensor.FromSlice([]float64{0.5, 1, 2, 0}, 2, 2)
	y := tensor.FromSlice([]float64{1, 1, 0, 0}, 2, 2)
	var mse nn.MSE
	// ½·(0.25 + 0) + ½·(4 + 0), over 2 rows.
	if j := mse.Forward(p, y); j != (0.5*0.25+0.5*4)/2 {
		t.Errorf("MSE = %v, want %v", j, (0.5*0.25+0.5*4)/2)
	}
	eqSlice(t, "MSE grad", mse.Backward().Data, []float64{-0.25, 0, 1, 0}, 0)

	p = tensor.FromSlice([]float64{0.8, 0.4, 0.5, 0.9}, 2, 2)
	y = tensor.FromSlice([]float64{1, 0, 1, 1}, 2, 2)
	bce := &nn.BCE{}
	want := -(math.Log(0.8) + math.Log(0.6) + math.Log(0.5) + math.Log(0.9)) / 4
	if j := bce.Forward(p, y); !close(j, want, 1e-15) {
		t.Errorf("BCE = %v, want %v", j, want)
	}
	eqSlice(t, "BCE grad", bce.Backward().Data, []float64{-1 / 0.8 / 4, 1 / 0.6 / 4, -1 / 0.5 / 4, -1 / 0.9 / 4}, 1e-15)

	z := tensor.FromSlice([]float64{0, 2, -1}, 3, 1)
	y = tensor.FromSlice([]float64{1, 0, 0}, 3, 1)
	bl := &nn.BCEWithLogits{}
	want = (math.Log(2) + math.Log(1+math.Exp(2)) + math.Log(1+math.Exp(-1))) / 3
	if j := bl.Forward(z, y); !close(j, want, 1e-15) {
		t.Errorf("BCEWithLogits = %v, want %v", j, want)
	}
	eqSlice(t, "BCEWithLogits grad", bl.Backward().Data,
		[]float64{(0.5 - 1) / 3, 1 / (1 + math.Exp(-2)) / 3, 1 / (1 + math.Exp(1)) / 3}, 1e-15)

	z = tensor.FromSlice([]float64{1, 2, 3, 0, 0, 0}, 2, 3)
	y = tensor.FromSlice([]float64{0, 0, 1, 1, 0, 0}, 2, 3)
	sce := &nn.SoftmaxCrossEntropy{}
	lse := math.Log(math.Exp(1) + math.Exp(2) + math.Exp(3))
	want = ((lse - 3) + math.Log(3)) / 2
	if j := sce.Forward(z, y); !close(j, want, 1e-15) {
		t.Errorf("SoftmaxCrossEntropy = %v, want %v", j, want)
	}
	eqSlice(t, "SoftmaxCrossEntropy grad", sce.Backward().Data, []float64{
		math.Exp(1-lse) / 2, math.Exp(2-lse) / 2, (math.Exp(3-lse) - 1) / 2,
		(1.0/3 - 1) / 2, 1.0 / 3 / 2, 1.0 / 3 / 2}, 1e-15)
}

// The stability cases: finite everywhere, exact where the maths is.
func TestLossStability(t *testing.T) {
	check := func(name string, l nn.Loss, pred, target []float64, r, c int, wantJ float64, wantG []float64) {
		t.Helper()
		j := l.Forward(tensor.FromSlice(pred, r, c), tensor.FromSlice(target, r, c))
		g := l.Backward().Data
		if j != wantJ {
			t.Errorf("%s: J = %v, want exactly %v", name, j, wantJ)
		}
		for i, v := range g {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: grad[%d] = %v, want finite", name, i, v)
			}
			if wantG != nil && v != wantG[i] {
				t.Errorf("%s: grad = %v, want exactly %v", name, g, wantG)
				break
			}
		}
	}
	check("BCEWithLogits right at ±800", &nn.BCEWithLogits{}, []float64{800, -800}, []float64{1, 0}, 2, 1, 0, []float64{0, 0})
	check("BCEWithLogits wrong at ±800", &nn.BCEWithLogits{}, []float64{800, -800}, []float64{0, 1}, 2, 1, 800, []float64{0.5, -0.5})
	check("SoftmaxCrossEntropy right at ±1000", &nn.SoftmaxCrossEntropy{}, []float64{1000, -1000}, []float64{1, 0}, 1, 2, 0, []float64{0, 0})
	check("SoftmaxCrossEntropy wrong at ±1000", &nn.SoftmaxCrossEntropy{}, []float64{1000, -1000}, []float64{0, 1}, 1, 2, 2000, []float64{1, -1})
	check("SoftmaxCrossEntropy at 1000 in a row", &nn.SoftmaxCrossEntropy{}, []float64{1000, 1000}, []float64{0, 1}, 1, 2, math.Log(2), []float64{0.5, -0.5})
	check("BCE right at 0 and 1", &nn.BCE{}, []float64{1, 0}, []float64{1, 0}, 2, 1, 0, []float64{-0.5, 0.5})
	check("BCE wrong at 0 and 1", &nn.BCE{}, []float64{0, 1}, []float64{1, 0}, 2, 1, -math.Log(1e-12), nil)
	big := 1e150
	check("MSE", &nn.MSE{}, []float64{big}, []float64{0}, 1, 1, 0.5*(big*big), []float64{big})
}

// One loss value takes a different batch size on every call.
func TestLossBatchSizes(t *testing.T) {
	l := &nn.SoftmaxCrossEntropy{}
	rng := newRand(4)
	for _, b := range []int{4, 1, 7, 2} {
		l.Forward(randT(rng, b, 3, 1), oneHot(rng, b, 3))
		if g := l.Backward(); g.Shape[0] != b || g.Shape[1] != 3 {
			t.Fatalf("batch %d: grad shape %v", b, g.Shape)
		}
	}
}
