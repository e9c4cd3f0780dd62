package main

// model.go: the network a run trains — its layers from -hidden, -act and
// -init, its output and loss from the task — and the parsing of those flags.

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"dlgo/nn"
)

// netSpec is the network's shape and objective, saved with the model so
// that eval knows how to read its outputs.
type netSpec struct {
	In      int    `json:"in"`
	Hidden  []int  `json:"hidden"`
	Out     int    `json:"out"`
	Act     string `json:"activation"`
	Init    string `json:"init"`
	Loss    string `json:"loss"` // ce, bce or mse
	Classes int    `json:"classes"`
}

// String gives the layer sizes and the activation, as "784-128-10 relu".
func (n netSpec) String() string {
	sizes := []string{strconv.Itoa(n.In)}
	for _, h := range n.Hidden {
		sizes = append(sizes, strconv.Itoa(h))
	}
	sizes = append(sizes, strconv.Itoa(n.Out))
	s := strings.Join(sizes, "-")
	switch {
	case len(n.Hidden) > 0:
		s += " " + n.Act
	case n.sigmoidOut():
		s += " logistic regression"
	case n.Loss == "ce":
		s += " softmax regression"
	}
	if n.sigmoidOut() {
		s += ", sigmoid output"
	}
	return s
}

// The choices of -act, -init, -loss and -opt.
var (
	activations = []string{"relu", "tanh", "sigmoid", "leakyrelu"}
	initNames   = []string{"he", "xavier", "small"}
	lossNames   = []string{"ce", "bce", "mse"}
	optNames    = []string{"sgd", "momentum", "adam"}
)

// lossDescription says what each -loss is.
var lossDescription = map[string]string{
	"ce":  "softmax cross-entropy",
	"bce": "binary cross-entropy on a sigmoid output",
	"mse": "mean squared error",
}

// outputs returns the number of outputs a loss needs for a task of the
// given number of classes: one sigmoid unit for binary cross-entropy (and
// for squared error on two classes, the course's comparison), one unit per
// class otherwise.
func outputs(loss string, classes int) int {
	if loss == "bce" || (loss == "mse" && classes == 2) {
		return 1
	}
	return classes
}

// sigmoidOut reports whether the network ends in a sigmoid, giving the
// probability of class 1.
func (n netSpec) sigmoidOut() bool { return n.Out == 1 }

// activation returns a new activation layer by name.
func activation(name string) nn.Layer {
	switch name {
	case "tanh":
		return &nn.Tanh{}
	case "sigmoid":
		return &nn.Sigmoid{}
	case "leakyrelu":
		return &nn.LeakyReLU{Slope: 0.01}
	default:
		return &nn.ReLU{}
	}
}

// initializer returns a weight initialiser by name.
func initializer(name string) nn.Initializer {
	switch name {
	case "xavier":
		return nn.Xavier
	case "small":
		return nn.SmallRandom
	default:
		return nn.He
	}
}

// newLoss returns the loss by name.
func newLoss(name string) nn.Loss {
	switch name {
	case "bce":
		return &nn.BCE{}
	case "mse":
		return &nn.MSE{}
	default:
		return &nn.SoftmaxCrossEntropy{}
	}
}

// buildModel returns a new network of the given shape, its weights drawn
// from rng: Dense, activation, … Dense, and a Sigmoid when the output is a
// single probability.
func buildModel(n netSpec, rng *rand.Rand) *nn.Sequential {
	init := initializer(n.Init)
	m := &nn.Sequential{}
	in := n.In
	for _, h := range n.Hidden {
		m.Layers = append(m.Layers, nn.NewDenseInit(in, h, init, rng), activation(n.Act))
		in = h
	}
	m.Layers = append(m.Layers, nn.NewDenseInit(in, n.Out, init, rng))
	if n.sigmoidOut() {
		m.Layers = append(m.Layers, &nn.Sigmoid{})
	}
	return m
}

// parseHidden parses -hidden: sizes separated by commas; empty (or "none")
// for no hidden layer.
func parseHidden(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return nil, nil
	}
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 1<<16 {
			return nil, usagef("-hidden %q: %q is not a layer size (a positive integer; sizes separated by commas)", s, f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// oneOf checks that a flag's value is among the choices.
func oneOf(flagName, value string, choices []string) error {
	for _, c := range choices {
		if value == c {
			return nil
		}
	}
	return usagef("-%s %q: want one of %s", flagName, value, strings.Join(choices, ", "))
}

// describeInit names the initialiser with its formula.
func describeInit(name string) string {
	return map[string]string{
		"he":     "he, N(0, 2/in)",
		"xavier": "xavier, N(0, 2/(in+out))",
		"small":  "small, 0.01·N(0, 1)",
	}[name]
}
