package nn_test

import (
	"context"
	"math"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// split is a data set: inputs x and targets y.
type split struct{ x, y *tensor.Tensor }

// overfitting returns a net far larger than its 40 training examples, whose
// labels are noise: it memorises them, and its validation loss soon rises.
func overfitting() (*nn.Sequential, [2]split) {
	rng := newRand(21)
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(5, 64, rng), &nn.Tanh{}, nn.NewDense(64, 3, rng)}}
	tr := split{randT(rng, 40, 5, 1), oneHot(rng, 40, 3)}
	val := split{randT(rng, 60, 5, 1), oneHot(rng, 60, 3)}
	return model, [2]split{tr, val}
}

// Patience stops training once the validation loss has not improved for
// that many epochs; RestoreBest leaves the model with its best epoch's
// weights.
func TestEarlyStopping(t *testing.T) {
	for _, restore := range []bool{false, true} {
		model, d := overfitting()
		loss := &nn.SoftmaxCrossEntropy{}
		const patience, epochs = 3, 300
		hist, err := nn.Train(model, loss, nn.NewAdam(0.02), d[0].x, d[0].y, nn.TrainConfig{
			Epochs: epochs, BatchSize: 10, Rand: newRand(2),
			ValX: d[1].x, ValY: d[1].y, Patience: patience, RestoreBest: restore,
		})
		if err != nil {
			t.Fatal(err)
		}
		n := len(hist)
		if n >= epochs {
			t.Fatalf("restore %v: ran all %d epochs: no early stop", restore, n)
		}
		bestAt, best := 0, math.Inf(1)
		for i, h := range hist {
			if h.Best != (h.ValLoss < best) {
				t.Fatalf("epoch %d: Best = %v with val loss %v, best before %v", h.Epoch, h.Best, h.ValLoss, best)
			}
			if h.Best {
				bestAt, best = i, h.ValLoss
			}
		}
		if n-1-bestAt != patience {
			t.Fatalf("restore %v: stopped %d epochs after the best, want %d", restore, n-1-bestAt, patience)
		}
		got, _ := nn.Evaluate(model, loss, d[1].x, d[1].y)
		if restore && got != best {
			t.Errorf("RestoreBest: val loss %v after Train, want the best epoch's %v", got, best)
		}
		if !restore && got != hist[n-1].ValLoss {
			t.Errorf("val loss %v after Train, want the last epoch's %v", got, hist[n-1].ValLoss)
		}
		// The training set is memorised: its accuracy climbs well above
		// chance (1/3) while validation stays near it.
		if a := hist[n-1].Accuracy; a < 0.6 || a > 1 {
			t.Errorf("training accuracy %v", a)
		}
	}
}

// RestoreBest also applies when training is cut short by the context.
func TestRestoreBestOnCancel(t *testing.T) {
	model, d := overfitting()
	loss := &nn.SoftmaxCrossEntropy{}
	ctx, cancel := context.WithCancel(context.Background())
	var best float64
	hist, err := nn.Train(model, loss, nn.NewAdam(0.02), d[0].x, d[0].y, nn.TrainConfig{
		Epochs: 100, BatchSize: 10, Rand: newRand(2), Context: ctx,
		ValX: d[1].x, ValY: d[1].y, RestoreBest: true,
		OnEpoch: func(s nn.EpochStats) error {
			if s.Best {
				best = s.ValLoss
			}
			if s.Epoch == 30 {
				cancel()
			}
			return nil
		},
	})
	if err != context.Canceled || len(hist) != 30 {
		t.Fatalf("err %v after %d epochs, want context.Canceled after 30", err, len(hist))
	}
	if got, _ := nn.Evaluate(model, loss, d[1].x, d[1].y); got != best {
		t.Errorf("val loss %v, want the best epoch's %v", got, best)
	}
}

// Patience and RestoreBest need a validation set.
func TestEarlyStoppingNeedsValidation(t *testing.T) {
	model, d := overfitting()
	for _, cfg := range []nn.TrainConfig{{Epochs: 1, Patience: 2}, {Epochs: 1, RestoreBest: true}} {
		if _, err := nn.Train(model, &nn.MSE{}, nn.SGD{LR: 0.1}, d[0].x, d[0].y, cfg); err == nil {
			t.Errorf("%+v: no error without ValX", cfg)
		}
	}
}

// EpochStats.Accuracy is the training accuracy: on a separable set a
// logistic regression reaches 1, counted as BCEWithLogits' logits
// thresholded at 0.
func TestTrainingAccuracy(t *testing.T) {
	rng := newRand(3)
	x := randT(rng, 200, 2, 1)
	y := tensor.New(200, 1)
	for i := range 200 {
		if x.Data[2*i]+x.Data[2*i+1] > 0 {
			y.Data[i] = 1
		}
	}
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 1, rng)}}
	hist, err := nn.Train(model, &nn.BCEWithLogits{}, nn.SGD{LR: 1}, x, y, nn.TrainConfig{Epochs: 40, BatchSize: 20, Rand: rng})
	if err != nil {
		t.Fatal(err)
	}
	if a := hist[len(hist)-1].Accuracy; a < 0.99 {
		t.Errorf("training accuracy %v, want ≥ 0.99", a)
	}
	if a := hist[0].Accuracy; a <= 0 || a > 1 {
		t.Errorf("first epoch's accuracy %v", a)
	}
}
