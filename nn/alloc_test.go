package nn_test

import (
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// mnistNet returns the 784-128-10 ReLU net and a batch of 64 random
// examples with one-hot targets.
func mnistNet(batch int) (*nn.Sequential, *tensor.Tensor, *tensor.Tensor) {
	rng := newRand(1)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(784, 128, rng), &nn.ReLU{}, nn.NewDense(128, 10, rng)}}
	return model, uniformT(rng, batch, 784, 0, 1), oneHot(rng, batch, 10)
}

// optimizers are the three optimizers at sensible settings.
var optimizers = []struct {
	name string
	opt  nn.Optimizer
}{
	{"SGD", nn.SGD{LR: 0.1}},
	{"Momentum", nn.Momentum{LR: 0.1, Beta: 0.9}},
	{"Adam", nn.Adam{LR: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}},
}

// A full training step allocates nothing in the steady state.
func TestTrainStepAllocs(t *testing.T) {
	skipInTextbook(t)
	for _, o := range optimizers {
		model, x, y := mnistNet(64)
		var loss nn.Loss = &nn.SoftmaxCrossEntropy{}
		params := model.Params()
		step := func() {
			model.ZeroGrad()
			loss.Forward(model.Forward(x), y)
			model.Backward(loss.Backward())
			o.opt.Step(params)
		}
		step() // the first step sizes the buffers and the optimizer state
		if n := testing.AllocsPerRun(20, step); n != 0 {
			t.Errorf("%s: %v allocations per step, want 0", o.name, n)
		}
	}
}

// BenchmarkTrainStep times one step of 784-128-10 at batch 64, as Train
// runs it (the first layer with NoInputGrad).
func BenchmarkTrainStep(b *testing.B) {
	for _, o := range optimizers {
		b.Run(o.name, func(b *testing.B) {
			model, x, y := mnistNet(64)
			model.Layers[0].(*nn.Dense).NoInputGrad = true
			loss := nn.Loss(&nn.SoftmaxCrossEntropy{})
			params := model.Params()
			b.ReportAllocs()
			for b.Loop() {
				model.ZeroGrad()
				loss.Forward(model.Forward(x), y)
				model.Backward(loss.Backward())
				o.opt.Step(params)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)*937.5/1e9, "s/epoch")
		})
	}
}

// BenchmarkTrain times Train itself over 6400 examples (100 batches of 64),
// shuffling, gathering and checking included.
func BenchmarkTrain(b *testing.B) {
	model, _, _ := mnistNet(1)
	rng := newRand(2)
	x, y := uniformT(rng, 6400, 784, 0, 1), oneHot(rng, 6400, 10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := nn.Train(model, &nn.SoftmaxCrossEntropy{}, nn.SGD{LR: 0.01}, x, y, nn.TrainConfig{Epochs: 1, BatchSize: 64, Rand: rng}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100*937.5/1e9, "s/epoch")
}
