package main

// serve_regularize.go: the optimizer of a `dlgo serve` session, with its
// L2 weight decay, and dropout, in one place: what the page's Optimizer,
// L2 and Dropout fields become in package nn.
//
// It is not the rest of the network (serve_trainer.go).

import (
	"math/rand/v2"

	"dlgo/nn"
)

// serveOptimizer returns the optimizer named by cfg.Optimizer at rate
// cfg.LR, with weight decay λ = cfg.L2 on the weights (not the biases):
// for SGD and momentum the course's L2 term, the cost J + λ/2·Σw²; for
// Adam the decoupled decay of AdamW (nn.Adam's doc says why).
func serveOptimizer(cfg serveConfig) nn.Optimizer {
	switch cfg.Optimizer {
	case "momentum":
		o := nn.NewMomentum(cfg.LR)
		o.WeightDecay = cfg.L2
		return o
	case "adam":
		o := nn.NewAdam(cfg.LR)
		o.WeightDecay = cfg.L2
		return o
	}
	return &nn.SGD{LR: cfg.LR, WeightDecay: cfg.L2}
}

// dropoutLayer returns the layer that drops each hidden unit with
// probability rate while training (inverted dropout: nn.Dropout), its
// masks seeded from rng so that a run repeats bit for bit; nil for rate 0.
func dropoutLayer(rate float64, rng *rand.Rand) nn.Layer {
	if rate == 0 {
		return nil
	}
	return &nn.Dropout{Rate: rate, Seed: rng.Uint64()}
}

// setTraining switches the layers that act differently in training
// (dropout) to training (on) or inference (off).
func setTraining(model nn.Layer, on bool) { nn.SetTraining(model, on) }
