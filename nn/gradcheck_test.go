package nn_test

import (
	"slices"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// badTanh is Tanh with a wrong derivative (1 − y instead of 1 − y²).
type badTanh struct{ y, dx *tensor.Tensor }

func (l *badTanh) Forward(x *tensor.Tensor) *tensor.Tensor {
	l.y = (&nn.Tanh{}).Forward(x).Clone()
	return l.y
}

func (l *badTanh) Backward(dy *tensor.Tensor) *tensor.Tensor {
	l.dx = dy.Clone()
	for i, y := range l.y.Data {
		l.dx.Data[i] *= 1 - y
	}
	return l.dx
}

func (l *badTanh) Params() []*nn.Param { return nil }

func TestGradCheckFindsWrongBackward(t *testing.T) {
	rng := newRand(1)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 4, rng), &badTanh{}, nn.NewDense(4, 2, rng)}}
	errs := nn.GradCheck(model, &nn.MSE{}, randT(rng, 5, 3, 1), randT(rng, 5, 2, 1))
	if errs[0] < 1e-3 || errs[1] < 1e-3 {
		t.Errorf("a wrong derivative below the last layer: errors %v, want > 1e-3 for the first layer", errs)
	}
	if errs[2] > 1e-7 || errs[3] > 1e-7 {
		t.Errorf("the last layer is right: errors %v", errs[2:])
	}
}

// A large parameter is checked at evenly spread entries; GradCheck leaves
// the weights as they were and the analytic gradient in Grad.
func TestGradCheckLarge(t *testing.T) {
	rng := newRand(2)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(60, 40, rng), &nn.LeakyReLU{Slope: 0.1}, nn.NewDense(40, 3, rng)}}
	x, y := randT(rng, 4, 60, 1), oneHot(rng, 4, 3)
	before := bits(model)
	errs := nn.GradCheck(model, &nn.SoftmaxCrossEntropy{}, x, y)
	for i, e := range errs {
		if e > 1e-6 {
			t.Errorf("parameter %d: relative error %.3g", i, e)
		}
	}
	if !slices.Equal(bits(model), before) {
		t.Fatal("GradCheck changed the weights")
	}
	g := model.Params()[0].Grad.Clone()
	loss := nn.Loss(&nn.SoftmaxCrossEntropy{})
	model.ZeroGrad()
	loss.Forward(model.Forward(x), y)
	model.Backward(loss.Backward())
	if !slices.Equal(g.Data, model.Params()[0].Grad.Data) {
		t.Fatal("Grad after GradCheck is not the analytic gradient")
	}
}

// Train allocates nothing per step: the allocations of a run do not grow
// with the number of batches.
func TestTrainAllocsPerStep(t *testing.T) {
	skipInTextbook(t)
	rng := newRand(3)
	x, y := randT(rng, 640, 8, 1), oneHot(rng, 640, 3)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(8, 16, rng), &nn.ReLU{}, nn.NewDense(16, 3, rng)}}
	run := func(epochs int) float64 {
		return testing.AllocsPerRun(3, func() {
			if _, err := nn.Train(model, &nn.SoftmaxCrossEntropy{}, nn.Momentum{LR: 0.01, Beta: 0.9}, x, y,
				nn.TrainConfig{Epochs: epochs, BatchSize: 16, Rand: rng}); err != nil {
				t.Fatal(err)
			}
		})
	}
	one, five := run(1), run(5)
	// 40 batches an epoch: a single allocation per step would add 160.
	if five-one > 12 {
		t.Errorf("Train: %v allocations for 1 epoch, %v for 5: it allocates per step", one, five)
	}
}
