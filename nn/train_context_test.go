package nn

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"dlgo/tensor"
)

// TestTrainContext checks that a cancelled context stops training before
// the next batch, mid-epoch, with the context's error.
func TestTrainContext(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := tensor.RandN(rng, 40, 3), tensor.New(40, 1)
	model := &Sequential{Layers: []Layer{NewDense(3, 1, rng), &Sigmoid{}}}
	ctx, cancel := context.WithCancel(context.Background())
	batches := 0
	loss := countingLoss{Loss: &BCE{}, n: &batches, after: 3, cancel: cancel}
	hist, err := Train(model, loss, SGD{LR: 0.1}, x, y, TrainConfig{Epochs: 5, BatchSize: 4, Context: ctx})
	if !errors.Is(err, context.Canceled) || batches != 3 || len(hist) != 0 {
		t.Fatalf("err %v after %d batches and %d epochs; want Canceled after 3 batches, 0 epochs", err, batches, len(hist))
	}
}

// countingLoss counts Forward calls and cancels after a number of them.
type countingLoss struct {
	Loss
	n      *int
	after  int
	cancel func()
}

func (l countingLoss) Forward(pred, target *tensor.Tensor) float64 {
	if *l.n++; *l.n == l.after {
		l.cancel()
	}
	return l.Loss.Forward(pred, target)
}
