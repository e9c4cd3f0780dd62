package main

// serve_regularize.go: L2 weight decay and dropout for `dlgo serve`, in
// one place, so that the page offers them exactly when package nn
// provides them.
//
// This build's nn has neither an optimizer weight decay nor a dropout
// layer yet, so a request for either is refused with a message, and the
// page greys the two fields out (it reads haveRegularization from
// /api/info).

import (
	"errors"
	"math/rand/v2"

	"dlgo/nn"
)

// haveRegularization reports whether L2 and dropout are available.
const haveRegularization = false

// checkRegularization refuses L2 or dropout when nn lacks them.
func checkRegularization(l2, dropout float64) error {
	if !haveRegularization && l2 != 0 {
		return errors.New("l2: this build's nn has no weight decay; use 0")
	}
	if !haveRegularization && dropout != 0 {
		return errors.New("dropout: this build's nn has no dropout layer; use 0")
	}
	return nil
}

// withWeightDecay returns opt with L2 weight decay l2 (λ in
// J + λ/2·Σw²).
func withWeightDecay(opt nn.Optimizer, l2 float64) nn.Optimizer { return opt }

// dropoutLayer returns the layer that drops each hidden unit with
// probability rate during training, or nil for rate 0.
func dropoutLayer(rate float64, rng *rand.Rand) nn.Layer { return nil }

// setTraining switches the layers that act differently in training
// (dropout) to training (on) or inference (off).
func setTraining(model nn.Layer, on bool) {}
