package nn_test

import (
	"math"
	"slices"
	"testing"

	"dlgo/kernels"
	"dlgo/nn"
	"dlgo/tensor"
)

// In training mode Dropout zeroes about Rate of the elements and scales the
// rest by 1/(1 − Rate), so that the mean is kept; Backward uses the same
// mask; in inference mode it is the identity.
func TestDropoutScaling(t *testing.T) {
	const rate = 0.3
	x := tensor.Full(2, 200, 50)
	d := &nn.Dropout{Rate: rate}
	if y := d.Forward(x); !slices.Equal(y.Data, x.Data) {
		t.Fatal("a new Dropout (inference mode) changed x")
	}
	nn.SetTraining(d, true)
	y := d.Forward(x)
	zeros, sum := 0, 0.0
	for _, v := range y.Data {
		switch v {
		case 0:
			zeros++
		case 2 / (1 - rate):
		default:
			t.Fatalf("y has %v, want 0 or %v", v, 2/(1-rate))
		}
		sum += v
	}
	n := float64(len(y.Data))
	// 10,000 Bernoulli(0.3) draws: the standard deviation of the fraction
	// is 0.0046, so 0.02 is over four of them.
	if f := float64(zeros) / n; math.Abs(f-rate) > 0.02 {
		t.Errorf("dropped %.3f of the elements, want %.2f", f, rate)
	}
	if m := sum / n; math.Abs(m-2) > 2*0.02/(1-rate) {
		t.Errorf("mean %.4f, want 2 (inverted dropout keeps the mean)", m)
	}
	dx := d.Backward(tensor.Full(1, 200, 50))
	for i, v := range dx.Data {
		if want := y.Data[i] / 2; v != want {
			t.Fatalf("dx[%d] = %v, want %v (the forward mask)", i, v, want)
		}
	}
	nn.SetTraining(d, false)
	if y := d.Forward(x); !slices.Equal(y.Data, x.Data) {
		t.Fatal("inference mode changed x")
	}
	if g := d.Backward(x); !slices.Equal(g.Data, x.Data) {
		t.Fatal("inference mode changed dy")
	}
}

// The same Seed gives the same masks; a new Forward draws a new mask; the
// zero Seed works; and a bad Rate panics with the field's name.
func TestDropoutSeed(t *testing.T) {
	x := tensor.Full(1, 8, 16)
	run := func(seed uint64) (a, b []float64) {
		d := &nn.Dropout{Rate: 0.5, Seed: seed}
		nn.SetTraining(d, true)
		a = slices.Clone(d.Forward(x).Data)
		b = slices.Clone(d.Forward(x).Data)
		return a, b
	}
	a1, b1 := run(0)
	a2, b2 := run(0)
	if !slices.Equal(a1, a2) || !slices.Equal(b1, b2) {
		t.Fatal("the same seed gave different masks")
	}
	if slices.Equal(a1, b1) {
		t.Fatal("two Forwards drew the same mask")
	}
	if a3, _ := run(1); slices.Equal(a1, a3) {
		t.Fatal("seeds 0 and 1 gave the same mask")
	}
	for _, r := range []float64{1, -0.1, math.NaN()} {
		d := &nn.Dropout{Rate: r}
		mustPanic(t, func() { d.Forward(x) }, "nn.Dropout.Forward", "Rate")
	}
	z := &nn.Dropout{}
	nn.SetTraining(z, true)
	if y := z.Forward(x); !slices.Equal(y.Data, x.Data) {
		t.Fatal("Rate 0 changed x")
	}
}

// GradCheck of a model in training mode holds each Dropout's mask, so the
// backward pass through the mask checks out; the mask is a real one (some
// units dropped).
func TestDropoutGradCheck(t *testing.T) {
	rng := newRand(4)
	drop := &nn.Dropout{Rate: 0.5, Seed: 3}
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(5, 12, rng), &nn.Tanh{}, drop, nn.NewDense(12, 3, rng)}}
	x, y := randT(rng, 6, 5, 1), oneHot(rng, 6, 3)
	nn.SetTraining(model, true)
	for i, e := range nn.GradCheck(model, &nn.SoftmaxCrossEntropy{}, x, y) {
		if e > 1e-7 {
			t.Errorf("parameter %d: relative error %.3g", i, e)
		}
	}
	// Units were dropped: W₂'s rows of the dropped units get no gradient
	// from some examples, so the output differs from inference mode's.
	train := slices.Clone(model.Forward(x).Data)
	nn.SetTraining(model, false)
	if slices.Equal(train, model.Forward(x).Data) {
		t.Fatal("training mode gave the inference output: no mask applied")
	}
}

// Train with Dropout is bit-identical for any thread count given the seeds,
// and leaves the model in inference mode.
func TestDropoutTrainThreads(t *testing.T) {
	run := func(threads int) ([]uint64, []float64) {
		kernels.SetThreads(threads)
		defer kernels.SetThreads(0)
		rng := newRand(9)
		model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(20, 64, rng), &nn.ReLU{}, &nn.Dropout{Rate: 0.4, Seed: 11}, nn.NewDense(64, 4, rng)}}
		x, y := randT(rng, 300, 20, 1), oneHot(rng, 300, 4)
		if _, err := nn.Train(model, &nn.SoftmaxCrossEntropy{}, nn.SGD{LR: 0.1}, x, y, nn.TrainConfig{Epochs: 3, BatchSize: 32, Rand: newRand(1)}); err != nil {
			t.Fatal(err)
		}
		return bits(model), slices.Clone(model.Forward(x).Data)
	}
	b1, out1 := run(1)
	b2, _ := run(2)
	if !slices.Equal(b1, b2) {
		t.Fatal("weights differ between 1 and 2 threads")
	}
	// Inference mode after Train: two Forwards agree.
	_, out2 := run(1)
	if !slices.Equal(out1, out2) {
		t.Fatal("the trained model's output is not deterministic")
	}
}
