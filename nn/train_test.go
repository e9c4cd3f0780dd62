package nn_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// blobs returns n points of two Gaussian blobs in 2-D, centred at (−2, −2)
// and (2, 2), labelled 0 and 1 in a column.
func blobs(rng *rand.Rand, n int) (*tensor.Tensor, *tensor.Tensor) {
	x, y := tensor.New(n, 2), tensor.New(n, 1)
	for i := 0; i < n; i++ {
		c := float64(i % 2)
		x.Set(4*c-2+rng.NormFloat64(), i, 0)
		x.Set(4*c-2+rng.NormFloat64(), i, 1)
		y.Set(c, i, 0)
	}
	return x, y
}

// xor returns the four XOR points, labelled in a column.
func xor() (*tensor.Tensor, *tensor.Tensor) {
	return tensor.FromSlice([]float64{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2),
		tensor.FromSlice([]float64{0, 1, 1, 0}, 4, 1)
}

// flower returns the course's planar data set: 400 points of 2 classes,
// each a set of petals of the rose r = 4·sin(4t), with noise.
func flower(rng *rand.Rand) (*tensor.Tensor, *tensor.Tensor) {
	const m, per, a = 400, 200, 4.0
	x, y := tensor.New(m, 2), tensor.New(m, 1)
	for j := 0; j < 2; j++ {
		for i := 0; i < per; i++ {
			k := j*per + i
			t := float64(j)*3.12 + 3.12*float64(i)/(per-1) + 0.2*rng.NormFloat64()
			r := a*math.Sin(4*t) + 0.2*rng.NormFloat64()
			x.Set(r*math.Sin(t), k, 0)
			x.Set(r*math.Cos(t), k, 1)
			y.Set(float64(j), k, 0)
		}
	}
	return x, y
}

func TestLogisticRegressionBlobs(t *testing.T) {
	rng := newRand(1)
	x, y := blobs(rng, 400)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDenseInit(2, 1, nn.SmallRandom, rng), &nn.Sigmoid{}}}
	hist, err := nn.Train(model, &nn.BCE{}, nn.SGD{LR: 0.5}, x, y, nn.TrainConfig{Epochs: 30, BatchSize: 32, Rand: rng})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 30 || hist[29].Loss >= hist[0].Loss {
		t.Fatalf("loss did not fall: %v → %v (%d epochs)", hist[0].Loss, hist[len(hist)-1].Loss, len(hist))
	}
	xt, yt := blobs(newRand(2), 400)
	if _, acc := nn.Evaluate(model, &nn.BCE{}, xt, yt); acc <= 0.95 {
		t.Fatalf("test accuracy %.3f, want > 0.95", acc)
	}
	// The same with logits: one Dense and BCEWithLogits (threshold at 0).
	logit := nn.NewDense(2, 1, rng)
	if _, err := nn.Train(logit, &nn.BCEWithLogits{}, nn.SGD{LR: 0.5}, x, y, nn.TrainConfig{Epochs: 30, BatchSize: 32, Rand: rng}); err != nil {
		t.Fatal(err)
	}
	if _, acc := nn.Evaluate(logit, &nn.BCEWithLogits{}, xt, yt); acc <= 0.95 {
		t.Fatalf("logits: test accuracy %.3f, want > 0.95", acc)
	}
}

func TestXOR(t *testing.T) {
	rng := newRand(3)
	x, y := xor()
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDenseInit(2, 4, nn.Xavier, rng), &nn.Tanh{}, nn.NewDenseInit(4, 1, nn.Xavier, rng), &nn.Sigmoid{}}}
	if _, err := nn.Train(model, &nn.BCE{}, nn.SGD{LR: 1}, x, y, nn.TrainConfig{Epochs: 1000}); err != nil {
		t.Fatal(err)
	}
	if cost, acc := nn.Evaluate(model, &nn.BCE{}, x, y); acc != 1 || cost > 0.1 {
		t.Fatalf("XOR: cost %.3g accuracy %v, want < 0.1 and 1; predictions %v", cost, acc, nn.Predict(model, x).Data)
	}
}

func TestFlower(t *testing.T) {
	rng := newRand(4)
	x, y := flower(rng)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDenseInit(2, 8, nn.Xavier, rng), &nn.Tanh{}, nn.NewDenseInit(8, 1, nn.Xavier, rng)}}
	// Logistic regression gets about half of it; a 2-layer tanh net most.
	hist, err := nn.Train(model, &nn.BCEWithLogits{}, nn.Adam{LR: 0.02, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}, x, y,
		nn.TrainConfig{Epochs: 300, BatchSize: 64, Rand: rng, ValX: x, ValY: y})
	if err != nil {
		t.Fatal(err)
	}
	if acc := hist[len(hist)-1].ValAccuracy; acc < 0.85 {
		t.Fatalf("flower: accuracy %.3f, want ≥ 0.85", acc)
	}
}

func TestDeepReLUOverfits(t *testing.T) {
	rng := newRand(5)
	x, y := randT(rng, 32, 10, 1), oneHot(rng, 32, 4)
	model := &nn.Sequential{Layers: []nn.Layer{
		nn.NewDense(10, 32, rng), &nn.ReLU{}, nn.NewDense(32, 32, rng), &nn.ReLU{},
		nn.NewDense(32, 32, rng), &nn.LeakyReLU{Slope: 0.01}, nn.NewDense(32, 4, rng)}}
	hist, err := nn.Train(model, &nn.SoftmaxCrossEntropy{}, nn.Momentum{LR: 0.1, Beta: 0.9}, x, y, nn.TrainConfig{Epochs: 300, BatchSize: 8, Rand: rng})
	if err != nil {
		t.Fatal(err)
	}
	if cost, acc := nn.Evaluate(model, &nn.SoftmaxCrossEntropy{}, x, y); acc != 1 || cost > 0.01 {
		t.Fatalf("cost %.3g accuracy %v after %d epochs, want < 0.01 and 1", cost, acc, len(hist))
	}
}

// A learning rate of 1e6 diverges: Train stops, naming the epoch and batch.
func TestTrainStopsOnNaN(t *testing.T) {
	rng := newRand(6)
	x, y := randT(rng, 64, 5, 1), randT(rng, 64, 2, 1)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(5, 16, rng), &nn.ReLU{}, nn.NewDense(16, 2, rng)}}
	calls := 0
	_, err := nn.Train(model, &nn.MSE{}, nn.SGD{LR: 1e6}, x, y, nn.TrainConfig{Epochs: 100, BatchSize: 16, Rand: rng,
		OnEpoch: func(nn.EpochStats) error { calls++; return nil }})
	var nf *nn.DivergedError
	if !errors.As(err, &nf) {
		t.Fatalf("err = %v, want a *nn.DivergedError", err)
	}
	msg := err.Error()
	for _, w := range []string{"epoch ", "batch ", "layer "} {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not name the %s", msg, strings.TrimSpace(w))
		}
	}
	if nf.Epoch != calls+1 || nf.Batch < 1 || nf.Batch > 4 {
		t.Errorf("epoch %d batch %d after %d completed epochs", nf.Epoch, nf.Batch, calls)
	}
	for _, p := range model.Params() {
		for _, v := range p.Value.Data {
			if math.IsNaN(v) {
				t.Fatalf("a NaN parameter was kept after the stop: %s", p.Name)
			}
		}
	}
	t.Log(msg)
}

// infOpt is an optimizer that breaks one weight.
type infOpt struct{}

func (infOpt) Step(params []*nn.Param) { params[len(params)-1].Value.Data[0] = math.Inf(1) }

// NaN and Inf: in the loss (named with the layer whose output is not
// finite) and in a parameter (named).
func TestTrainStopsOnNonFinite(t *testing.T) {
	rng := newRand(6)
	x, y := randT(rng, 20, 3, 1), oneHot(rng, 20, 2)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 4, rng), &nn.Tanh{}, nn.NewDense(4, 2, rng)}}
	model.Layers[2].(*nn.Dense).W.Value.Data[1] = math.NaN()
	_, err := nn.Train(model, &nn.SoftmaxCrossEntropy{}, nn.SGD{LR: 0.1}, x, y, nn.TrainConfig{Epochs: 2, BatchSize: 5})
	if err == nil || !strings.Contains(err.Error(), "epoch 1, batch 1: loss is NaN; the output of layer 2 (*nn.Dense) is not finite") {
		t.Errorf("NaN weight: err = %v", err)
	}
	model.Layers[2].(*nn.Dense).W.Value.Data[1] = 0
	_, err = nn.Train(model, &nn.SoftmaxCrossEntropy{}, infOpt{}, x, y, nn.TrainConfig{Epochs: 2, BatchSize: 5})
	if err == nil || !strings.Contains(err.Error(), "epoch 1, batch 1: layer 2 (*nn.Dense) b is not finite after the update") {
		t.Errorf("Inf weight: err = %v", err)
	}
	model = &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 4, rng), &nn.Tanh{}, nn.NewDense(4, 2, rng)}}
	xn := x.Clone()
	xn.Data[17] = math.NaN()
	_, err = nn.Train(model, &nn.SoftmaxCrossEntropy{}, nn.SGD{LR: 0.1}, xn, y, nn.TrainConfig{Epochs: 2, BatchSize: 5})
	if err == nil || !strings.Contains(err.Error(), "epoch 1, batch 2: loss is NaN; the input batch itself is not finite: the data has a NaN or Inf") {
		t.Errorf("NaN in the data: err = %v", err)
	}
}

func TestTrainCallbackAndValidation(t *testing.T) {
	rng := newRand(7)
	x, y := blobs(rng, 200)
	xv, yv := blobs(rng, 100)
	model := nn.NewDense(2, 1, rng)
	var seen []nn.EpochStats
	stop := errors.New("stop")
	hist, err := nn.Train(model, &nn.BCEWithLogits{}, &nn.SGD{LR: 0.1}, x, y, nn.TrainConfig{Epochs: 10, BatchSize: 50, Rand: rng, ValX: xv, ValY: yv,
		OnEpoch: func(s nn.EpochStats) error {
			seen = append(seen, s)
			if s.Epoch == 3 {
				return stop
			}
			return nil
		}})
	if err != stop {
		t.Fatalf("err = %v, want the callback's", err)
	}
	if len(seen) != 3 || len(hist) != 3 || !slices.Equal(seen, hist) {
		t.Fatalf("callback saw %d epochs, Train returned %d", len(seen), len(hist))
	}
	for i, s := range seen {
		if s.Epoch != i+1 || !s.HasVal || s.ValAccuracy < 0.5 || s.ValAccuracy > 1 || s.Elapsed <= 0 || s.ExamplesPerSec <= 0 || !(s.Loss > 0) {
			t.Errorf("epoch stats %+v", s)
		}
	}
	if _, err := nn.Train(model, &nn.MSE{}, nn.SGD{LR: 0.1}, tensor.New(0, 2), tensor.New(0, 1), nn.TrainConfig{Epochs: 1}); err == nil {
		t.Error("no examples: no error")
	}
}

// Same seed, same bits: two runs give the same weights; Train leaves
// NoInputGrad as it found it.
func TestTrainDeterministic(t *testing.T) {
	run := func() []float64 {
		rng := newRand(8)
		x, y := randT(rng, 50, 3, 1), oneHot(rng, 50, 3)
		model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 6, rng), &nn.Tanh{}, nn.NewDense(6, 3, rng)}}
		if _, err := nn.Train(model, &nn.SoftmaxCrossEntropy{}, nn.Adam{LR: 0.01, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}, x, y, nn.TrainConfig{Epochs: 5, BatchSize: 7, Rand: rng}); err != nil {
			t.Fatal(err)
		}
		if model.Layers[0].(*nn.Dense).NoInputGrad {
			t.Fatal("NoInputGrad left set")
		}
		var w []float64
		for _, p := range model.Params() {
			w = append(w, p.Value.Data...)
		}
		return w
	}
	if a, b := run(), run(); !slices.Equal(a, b) {
		t.Fatal("same seed, different weights")
	}
}

func TestEvaluatePredict(t *testing.T) {
	// An identity model: the predictions are x itself.
	id := &nn.Sequential{}
	x := tensor.FromSlice([]float64{0.9, 0.1, 0.2, 0.8, 0.6, 0.4}, 3, 2)
	y := tensor.FromSlice([]float64{1, 0, 1, 0, 1, 0}, 3, 2)
	if _, acc := nn.Evaluate(id, nil, x, y); acc != 2.0/3 {
		t.Errorf("argmax accuracy %v, want 2/3", acc)
	}
	p := tensor.FromSlice([]float64{0.7, -0.2, 0.3}, 3, 1)
	t1 := tensor.FromSlice([]float64{1, 0, 1}, 3, 1)
	if _, acc := nn.Evaluate(id, &nn.BCE{}, p, t1); acc != 2.0/3 {
		t.Errorf("0.5-threshold accuracy %v, want 2/3", acc)
	}
	if _, acc := nn.Evaluate(id, &nn.BCEWithLogits{}, p, t1); acc != 1 {
		t.Errorf("logit accuracy %v, want 1", acc)
	}
	// Evaluate and Predict run in batches; the results do not depend on it.
	rng := newRand(9)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 4, rng), &nn.ReLU{}, nn.NewDense(4, 2, rng)}}
	big, by := randT(rng, 2500, 3, 1), oneHot(rng, 2500, 2)
	pred := nn.Predict(model, big)
	one := model.Forward(big).Clone()
	if !slices.Equal(pred.Data, one.Data) {
		t.Fatal("Predict differs from one Forward")
	}
	cost, _ := nn.Evaluate(model, &nn.SoftmaxCrossEntropy{}, big, by)
	if want := nn.Loss(&nn.SoftmaxCrossEntropy{}).Forward(one, by); !close(cost, want, 1e-12) {
		t.Fatalf("Evaluate cost %v, want %v", cost, want)
	}
}
