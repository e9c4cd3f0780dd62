package main

// gradcheck.go: `dlgo gradcheck`, backpropagation checked against central
// differences (nn.GradCheck) on a small network for each kind of layer and
// loss, with the course's thresholds.

import (
	"fmt"
	"io"
	"math/rand/v2"
	"text/tabwriter"

	"dlgo/nn"
	"dlgo/tensor"
)

const gradcheckAbout = `Runs nn.GradCheck on a small network for each layer and loss kind, and
prints, per parameter, the relative error ‖a − ñ‖ / (‖a‖ + ‖ñ‖) between the
analytic gradient a and central differences ñ. Below 1e-7 passes; up to
1e-5 is worth a look; above, the backward pass is wrong (exit status 1).`

// Thresholds of the relative error, the course's.
const (
	gradGood = 1e-7
	gradBad  = 1e-5
)

// gradCase is one network and loss to check.
type gradCase struct {
	name   string
	layers func(d func(in, out int) *nn.Dense) []nn.Layer
	loss   nn.Loss
	target string // onehot, binary or real
}

func gradCases() []gradCase {
	const in, hidden, out = 4, 5, 3
	return []gradCase{
		{"dense, relu, dense; softmax cross-entropy", func(d func(int, int) *nn.Dense) []nn.Layer {
			return []nn.Layer{d(in, hidden), &nn.ReLU{}, d(hidden, out)}
		}, &nn.SoftmaxCrossEntropy{}, "onehot"},
		{"dense, tanh, dense; mse", func(d func(int, int) *nn.Dense) []nn.Layer {
			return []nn.Layer{d(in, hidden), &nn.Tanh{}, d(hidden, out)}
		}, &nn.MSE{}, "real"},
		{"dense, sigmoid, dense, sigmoid; bce", func(d func(int, int) *nn.Dense) []nn.Layer {
			return []nn.Layer{d(in, hidden), &nn.Sigmoid{}, d(hidden, 1), &nn.Sigmoid{}}
		}, &nn.BCE{}, "binary"},
		{"dense, leakyrelu, dense; bce with logits", func(d func(int, int) *nn.Dense) []nn.Layer {
			return []nn.Layer{d(in, hidden), &nn.LeakyReLU{Slope: 0.1}, d(hidden, 1)}
		}, &nn.BCEWithLogits{}, "binary"},
		{"dense, relu, dense, tanh, dense; softmax cross-entropy", func(d func(int, int) *nn.Dense) []nn.Layer {
			return []nn.Layer{d(in, hidden), &nn.ReLU{}, d(hidden, hidden), &nn.Tanh{}, d(hidden, out)}
		}, &nn.SoftmaxCrossEntropy{}, "onehot"},
	}
}

func runGradCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("gradcheck", "gradcheck [flags]", gradcheckAbout, stderr)
	seed := fs.Uint64("seed", 1, "random `seed` for the weights and the data")
	batch := fs.Int("batch", 8, "`examples` in the batch the gradients are checked on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *batch < 1 {
		return usagef("-batch %d: want 1 or more", *batch)
	}
	// Per example: the input, and each layer's outputs, caches and
	// gradients, twice over for the numerical differences (a generous
	// 64 float64s for these 4-5-3 networks).
	if err := checkMemory(fmt.Sprintf("-batch %d", *batch), 8*64*float64(*batch)); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "network; loss\tparameter\trelative error\tresult\n")
	failed := 0
	for _, gc := range gradCases() {
		rng := newRand(*seed, streamInit)
		var params []string
		layers := gc.layers(func(in, out int) *nn.Dense {
			return nn.NewDense(in, out, rng)
		})
		model := &nn.Sequential{Layers: layers}
		for i, l := range layers {
			for _, p := range l.Params() {
				params = append(params, fmt.Sprintf("layer %d %s", i, p.Name))
			}
		}
		x := tensor.RandN(rng, *batch, layers[0].(*nn.Dense).In())
		out := model.Forward(x).Shape[1]
		y := gradTarget(gc.target, *batch, out, rng)
		for i, e := range nn.GradCheck(model, gc.loss, x, y) {
			verdict := "pass"
			switch {
			case e > gradBad:
				verdict = "FAIL"
				failed++
			case e > gradGood:
				verdict = "look (near a kink?)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%.2e\t%s\n", gc.name, params[i], e, verdict)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d parameters have a relative error above %g: a backward pass is wrong", failed, gradBad)
	}
	fmt.Fprintf(stdout, "all gradients agree (relative error ≤ %g)\n", gradBad)
	return nil
}

// gradTarget returns a batch×out target of the given kind: one-hot rows,
// 0/1 labels, or real numbers.
func gradTarget(kind string, batch, out int, rng *rand.Rand) *tensor.Tensor {
	y := tensor.New(batch, out)
	for i := range batch {
		switch kind {
		case "onehot":
			y.Set(1, i, rng.IntN(out))
		case "binary":
			for j := range out {
				y.Set(float64(rng.IntN(2)), i, j)
			}
		default:
			for j := range out {
				y.Set(rng.NormFloat64(), i, j)
			}
		}
	}
	return y
}
