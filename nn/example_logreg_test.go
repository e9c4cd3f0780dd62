package nn_test

import (
	"fmt"
	"math/rand/v2"

	"dlgo/nn"
	"dlgo/tensor"
)

// Logistic regression, ŷ = σ(x·w + b), trained by plain gradient descent
// on two clusters of points: the training loop written out, as in the
// README.
func Example_logisticRegression() {
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := tensor.RandN(rng, 200, 2), tensor.New(200, 1)
	for i := range 200 { // class 1 to the upper right, shifted apart
		if rng.IntN(2) == 1 {
			y.Data[i] = 1
			x.Data[2*i] += 2
			x.Data[2*i+1] += 2
		}
	}
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 1, rng)}} // z = x·w + b
	loss := &nn.BCEWithLogits{}                                         // J = mean of −(y log σ(z) + (1−y) log(1−σ(z)))
	opt := nn.SGD{LR: 0.5}                                              // w := w − α·dJ/dw
	for step := 0; step < 100; step++ {
		model.ZeroGrad()
		loss.Forward(model.Forward(x), y)
		model.Backward(loss.Backward())
		opt.Step(model.Params())
	}
	_, acc := nn.Evaluate(model, loss, x, y)
	fmt.Printf("training accuracy above 90%%: %v\n", acc > 0.9)
	// Output: training accuracy above 90%: true
}
