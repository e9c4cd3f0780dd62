package main

// serve_config.go: what a page of `dlgo serve` may ask for — the data set,
// the network, the training — its defaults, and the bounds that keep one
// browser tab from taking the machine. A request outside them is refused
// with a message naming the field and the bound, never clamped in silence
// (the one exception, documented on Batch, is a batch larger than the
// training set, which means "full batch").
//
// It is not the training itself (serve_trainer.go) nor the HTTP plumbing
// (serve_handlers.go).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// The bounds on what one session may ask for. TensorFlow Playground stops
// at 6 hidden layers of 8 units: enough to see depth help on the spiral,
// small enough that every unit's map fits on the page.
const (
	maxHiddenLayers = 6
	maxUnits        = 8
	minPoints       = 20
	maxPoints       = 2000
	maxEpochs       = 100000 // a session pauses there: its curves stay bounded
	maxSeed         = 1<<53 - 1
	maxConfigBytes  = 1 << 16 // a request body
)

// The choices, in the order the page lists them.
var (
	serveDatasets    = []string{"planar", "moons", "circles", "xor", "spiral", "blobs"}
	serveActivations = []string{"tanh", "sigmoid", "relu", "leakyrelu"}
	serveLosses      = []string{"bce", "softmax", "mse"}
	serveOptimizers  = []string{"sgd", "momentum", "adam"}
)

// serveConfig is one session's data, network and training, as the page
// sends it (JSON). The same config and seed give the same run, bit for bit.
type serveConfig struct {
	// Dataset is one of serveDatasets.
	Dataset string `json:"dataset"`
	// Points is the number of examples generated, train and test together.
	Points int `json:"points"`
	// Noise is the standard deviation of the Gaussian noise on each
	// coordinate (for blobs, each blob's spread; for planar, noise added to
	// the course's own).
	Noise float64 `json:"noise"`
	// TestRatio is the fraction of the points held out as the test set.
	TestRatio float64 `json:"testRatio"`
	// Hidden is the width of each hidden layer, input side first; empty is
	// logistic regression.
	Hidden []int `json:"hidden"`
	// Activation is the hidden layers' activation, one of serveActivations.
	Activation string `json:"activation"`
	// Loss is one of serveLosses: "bce" is one logit through
	// BCEWithLogits, "softmax" two logits through SoftmaxCrossEntropy,
	// "mse" a sigmoid output through the course's ½(ŷ − y)².
	Loss string `json:"loss"`
	// Optimizer is one of serveOptimizers, at learning rate LR.
	Optimizer string  `json:"optimizer"`
	LR        float64 `json:"lr"`
	// Batch is the mini-batch size; one larger than the training set
	// means the whole training set (batch gradient descent).
	Batch int `json:"batch"`
	// L2 is the weight-decay coefficient λ, Dropout the probability of
	// dropping a hidden unit while training (serve_regularize.go).
	L2      float64 `json:"l2"`
	Dropout float64 `json:"dropout"`
	// Seed seeds the data, the split, the initial weights, the shuffles
	// and dropout's masks. At most 2⁵³ − 1, so that JavaScript's numbers
	// hold it exactly.
	Seed uint64 `json:"seed"`
}

// defaultServeConfig is the page's first run: the course's planar set and
// its 2-layer net of 4 tanh units, which reaches about 90% test accuracy.
func defaultServeConfig() serveConfig {
	return serveConfig{
		Dataset:    "planar",
		Points:     400,
		Noise:      0,
		TestRatio:  0.2,
		Hidden:     []int{4},
		Activation: "tanh",
		Loss:       "bce",
		Optimizer:  "sgd",
		LR:         0.1,
		Batch:      10,
		Seed:       1,
	}
}

// decodeServeConfig reads a config from JSON: fields left out keep their
// default, unknown fields and trailing data are errors, and the result is
// validated.
func decodeServeConfig(r io.Reader) (serveConfig, error) {
	cfg := defaultServeConfig()
	if err := decodeStrict(r, &cfg); err != nil {
		return cfg, err
	}
	return cfg, cfg.validate()
}

// decodeStrict decodes one JSON value from r into v, refusing unknown
// fields and anything after the value, and naming the offset of a syntax
// error.
func decodeStrict(r io.Reader, v any) error {
	body, err := io.ReadAll(io.LimitReader(r, maxConfigBytes+1))
	if err != nil {
		return fmt.Errorf("reading the request: %v", err)
	}
	if len(body) > maxConfigBytes {
		return fmt.Errorf("request body larger than %d bytes", maxConfigBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF):
			return errors.New("empty request body, want a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("malformed JSON: the body ends (at byte %d) before the JSON value does", len(body))
		case errors.As(err, &se):
			return fmt.Errorf("malformed JSON at byte %d: %v", se.Offset, err)
		case errors.As(err, &te) && te.Field == "":
			return fmt.Errorf("want a JSON object, have JSON %s", te.Value)
		case errors.As(err, &te):
			return fmt.Errorf("field %q: want %s, have JSON %s (byte %d)", te.Field, te.Type, te.Value, te.Offset)
		}
		return fmt.Errorf("bad JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("unexpected data after the JSON object (byte %d)", dec.InputOffset())
	}
	return nil
}

// validate reports the first field out of bounds, by its JSON name.
func (c *serveConfig) validate() error {
	in := func(v string, set []string) bool {
		for _, s := range set {
			if v == s {
				return true
			}
		}
		return false
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !in(c.Dataset, serveDatasets):
		return fmt.Errorf("dataset %q: want one of %s", c.Dataset, strings.Join(serveDatasets, ", "))
	case c.Points < minPoints || c.Points > maxPoints:
		return fmt.Errorf("points %d: want %d to %d", c.Points, minPoints, maxPoints)
	case !finite(c.Noise) || c.Noise < 0 || c.Noise > 2:
		return fmt.Errorf("noise %v: want 0 to 2", c.Noise)
	case !finite(c.TestRatio) || c.TestRatio < 0.1 || c.TestRatio > 0.9:
		return fmt.Errorf("testRatio %v: want 0.1 to 0.9", c.TestRatio)
	case len(c.Hidden) > maxHiddenLayers:
		return fmt.Errorf("hidden: %d layers, at most %d", len(c.Hidden), maxHiddenLayers)
	case !in(c.Activation, serveActivations):
		return fmt.Errorf("activation %q: want one of %s", c.Activation, strings.Join(serveActivations, ", "))
	case !in(c.Loss, serveLosses):
		return fmt.Errorf("loss %q: want one of %s", c.Loss, strings.Join(serveLosses, ", "))
	case !in(c.Optimizer, serveOptimizers):
		return fmt.Errorf("optimizer %q: want one of %s", c.Optimizer, strings.Join(serveOptimizers, ", "))
	case !finite(c.LR) || c.LR <= 0 || c.LR > 10:
		return fmt.Errorf("lr %v: want more than 0, at most 10", c.LR)
	case c.Batch < 1 || c.Batch > maxPoints:
		return fmt.Errorf("batch %d: want 1 to %d", c.Batch, maxPoints)
	case !finite(c.L2) || c.L2 < 0 || c.L2 > 1:
		return fmt.Errorf("l2 %v: want 0 to 1", c.L2)
	case !finite(c.Dropout) || c.Dropout < 0 || c.Dropout > 0.9:
		return fmt.Errorf("dropout %v: want 0 to 0.9", c.Dropout)
	case c.Seed > maxSeed:
		return fmt.Errorf("seed %d: at most 2^53 - 1 = %d", c.Seed, uint64(maxSeed))
	}
	for i, w := range c.Hidden {
		if w < 1 || w > maxUnits {
			return fmt.Errorf("hidden layer %d has %d units: want 1 to %d", i+1, w, maxUnits)
		}
	}
	return nil
}
