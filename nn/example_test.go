package nn_test

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"dlgo/nn"
	"dlgo/tensor"
)

// A 2-layer tanh net learns XOR, which no linear model can.
func ExampleSequential() {
	rng := rand.New(rand.NewPCG(1, 2))
	x := tensor.FromSlice([]float64{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	y := tensor.FromSlice([]float64{0, 1, 1, 0}, 4, 1)
	model := &nn.Sequential{Layers: []nn.Layer{
		nn.NewDenseInit(2, 4, nn.Xavier, rng), &nn.Tanh{},
		nn.NewDenseInit(4, 1, nn.Xavier, rng), &nn.Sigmoid{},
	}}
	loss, opt := &nn.BCE{}, nn.SGD{LR: 1}
	params := model.Params()
	for range 2000 {
		model.ZeroGrad()
		loss.Forward(model.Forward(x), y)
		model.Backward(loss.Backward())
		opt.Step(params)
	}
	p := nn.Predict(model, x)
	for i := range 4 {
		fmt.Printf("%v xor %v = %.0f\n", x.At(i, 0), x.At(i, 1), p.At(i, 0))
	}
	// Output:
	// 0 xor 0 = 0
	// 0 xor 1 = 1
	// 1 xor 0 = 1
	// 1 xor 1 = 0
}

// GradCheck compares backpropagation with central differences: a relative
// error below 1e-7 means the backward pass is right.
func ExampleGradCheck() {
	rng := rand.New(rand.NewPCG(1, 2))
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 5, rng), &nn.Tanh{}, nn.NewDense(5, 2, rng)}}
	x := tensor.RandN(rng, 4, 3)
	y := tensor.FromSlice([]float64{1, 0, 0, 1, 0, 1, 1, 0}, 4, 2)
	errs := nn.GradCheck(model, &nn.SoftmaxCrossEntropy{}, x, y)
	for i, p := range model.Params() {
		fmt.Printf("%s %v: good = %v\n", p.Name, p.Value.Shape, errs[i] < 1e-7)
	}
	fmt.Println("worst below 1e-7:", slices.Max(errs) < 1e-7)
	// Output:
	// W [3 5]: good = true
	// b [1 5]: good = true
	// W [5 2]: good = true
	// b [1 2]: good = true
	// worst below 1e-7: true
}

// Train runs epochs of shuffled mini-batches and reports each epoch.
func ExampleTrain() {
	rng := rand.New(rand.NewPCG(3, 4))
	// Two clusters: class 1 when x₀ + x₁ > 0.
	x := tensor.RandN(rng, 200, 2)
	y := tensor.New(200, 2)
	for i := range 200 {
		c := 0
		if x.At(i, 0)+x.At(i, 1) > 0 {
			c = 1
		}
		y.Set(1, i, c)
	}
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 8, rng), &nn.ReLU{}, nn.NewDense(8, 2, rng)}}
	_, err := nn.Train(model, &nn.SoftmaxCrossEntropy{}, nn.Adam{LR: 0.01, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}, x, y, nn.TrainConfig{
		Epochs: 20, BatchSize: 32, Rand: rng, ValX: x, ValY: y,
		OnEpoch: func(s nn.EpochStats) error {
			if s.Epoch%10 == 0 {
				fmt.Printf("epoch %d: accuracy ≥ 0.95: %v\n", s.Epoch, s.ValAccuracy >= 0.95)
			}
			return nil
		},
	})
	fmt.Println("error:", err)
	// Output:
	// epoch 10: accuracy ≥ 0.95: true
	// epoch 20: accuracy ≥ 0.95: true
	// error: <nil>
}
