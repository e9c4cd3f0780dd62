// train.go: the training loop — epochs of shuffled mini-batches, a
// per-epoch report, and a stop the moment anything becomes NaN or Inf.
// It does not schedule learning rates or stop early by itself: the
// per-epoch callback can do both.

package nn

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"dlgo/tensor"
)

// TrainConfig says how Train runs.
type TrainConfig struct {
	Epochs    int // passes over the data
	BatchSize int // examples per mini-batch (the last may be smaller); 0 means all of them

	// Rand shuffles the examples at the start of every epoch; nil keeps
	// them in order. The same seed gives the same training, bit for bit.
	Rand *rand.Rand

	// ValX and ValY, if set, are evaluated after every epoch (see
	// Evaluate) and reported in EpochStats.
	ValX, ValY *tensor.Tensor

	// OnEpoch, if set, is called after every epoch. A non-nil error stops
	// training, and Train returns it.
	OnEpoch func(EpochStats) error

	// Context, if set, is checked before every batch: once it is done
	// (Ctrl-C, a deadline), Train stops after the batch in progress and
	// returns the context's error; the model keeps the weights of the last
	// finished batch.
	Context context.Context
}

// EpochStats reports one epoch of training.
type EpochStats struct {
	Epoch          int           // from 1
	Loss           float64       // mean training loss over the epoch's examples
	Elapsed        time.Duration // time spent training in this epoch (validation excluded)
	ExamplesPerSec float64       // examples trained on per second

	HasVal      bool    // whether ValLoss and ValAccuracy are set
	ValLoss     float64 // cost on the validation set
	ValAccuracy float64 // accuracy on the validation set (see Evaluate)
}

// DivergedError is Train's error when training diverges: the loss or a
// parameter becomes NaN or ±Inf, or the loss of a batch exceeds
// divergeFactor = 1e6 times max(1, the first batch's loss). The learning
// rate is usually too high.
type DivergedError struct {
	Epoch, Batch int     // where it happened, both from 1
	Loss         float64 // the batch's loss
	// Reason says what went wrong and where, naming the layer: "layer 0
	// (*nn.Dense) W is not finite after the update", "loss is NaN; the
	// output of layer 2 (nn.Tanh) is not finite", …
	Reason string
}

// Error says where training diverged, why, and what to try.
func (e *DivergedError) Error() string {
	hint := "training diverged; lower the learning rate"
	if strings.HasPrefix(e.Reason, "loss is") && strings.HasSuffix(e.Reason, inputNotFinite) {
		hint = "the data has a NaN or Inf"
	}
	return fmt.Sprintf("nn.Train: epoch %d, batch %d: %s: %s", e.Epoch, e.Batch, e.Reason, hint)
}

// divergeFactor is how many times max(1, first batch's loss) a batch's
// loss may reach before Train calls training diverged.
const divergeFactor = 1e6

// Train fits model to (x, y), examples×in and examples×out, minimising
// loss with opt over cfg.Epochs epochs of mini-batches, and returns the
// statistics of every epoch completed.
//
// It stops with a *DivergedError, naming the epoch, the batch and the
// layer, the moment the loss or a parameter becomes NaN or ±Inf, or the
// loss grows past a million times its first value (max(1, first batch's
// loss)·1e6): the loss is checked before every update, the parameters
// after it (one pass over the weights: about 5% of a 784-128-10 step at
// batch 64).
//
// One step is ZeroGrad, Forward, loss Forward, loss Backward, Backward,
// opt.Step; after the first, it allocates nothing. While Train runs, the
// first layer of a Sequential model, if a Dense, has NoInputGrad set (its
// input is the data, which needs no gradient).
func Train(model Layer, loss Loss, opt Optimizer, x, y *tensor.Tensor, cfg TrainConfig) ([]EpochStats, error) {
	n := checkXY("Train", x, y)
	if n == 0 {
		return nil, fmt.Errorf("nn.Train: no examples")
	}
	bs := cfg.BatchSize
	if bs <= 0 || bs > n {
		bs = n
	}
	loss = Bind(loss)
	params := model.Params()
	names := paramNames(model)
	if d := firstDense(model); d != nil && !d.NoInputGrad {
		d.NoInputGrad = true
		defer func() { d.NoInputGrad = false }()
	}

	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	xb, yb := new(tensor.Tensor), new(tensor.Tensor)
	var history []EpochStats
	first, limit := true, 0.0
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		start := time.Now()
		if cfg.Rand != nil {
			cfg.Rand.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		var sum float64
		for b, lo := 1, 0; lo < n; b, lo = b+1, lo+bs {
			if cfg.Context != nil && cfg.Context.Err() != nil {
				return history, cfg.Context.Err()
			}
			hi := min(lo+bs, n)
			gather(xb, x, order[lo:hi])
			gather(yb, y, order[lo:hi])
			ZeroGrad(params)
			j := loss.Forward(model.Forward(xb), yb)
			if first {
				limit, first = divergeFactor*max(1, j), false
			}
			// Checked before the update: the model keeps its last finite state.
			if !isFinite(j) {
				return history, &DivergedError{epoch, b, j, fmt.Sprintf("loss is %v; %s", j, firstNonFiniteOutput(model, xb))}
			}
			if j > limit {
				return history, &DivergedError{epoch, b, j, fmt.Sprintf("loss %.3g is over %g times the first batch's; %s", j, divergeFactor, largestParam(params, names))}
			}
			model.Backward(loss.Backward())
			opt.Step(params)
			if bad, ok := firstNonFinite(params, names); !ok {
				return history, &DivergedError{epoch, b, j, bad + " is not finite after the update"}
			}
			sum += j * float64(hi-lo)
		}
		st := EpochStats{Epoch: epoch, Loss: sum / float64(n), Elapsed: time.Since(start)}
		st.ExamplesPerSec = float64(n) / st.Elapsed.Seconds()
		if cfg.ValX != nil && cfg.ValY != nil {
			st.HasVal = true
			st.ValLoss, st.ValAccuracy = Evaluate(model, loss, cfg.ValX, cfg.ValY)
		}
		history = append(history, st)
		if cfg.OnEpoch != nil {
			if err := cfg.OnEpoch(st); err != nil {
				return history, err
			}
		}
	}
	return history, nil
}

// gather copies the rows idx of src into dst, resized to len(idx) rows.
func gather(dst, src *tensor.Tensor, idx []int) {
	tensor.GatherRows(resize2(dst, len(idx), src.Shape[1]), src, idx)
}

// firstNonFinite returns the name of the first parameter with a NaN or
// ±Inf value, and false; or "", true if all are finite.
func firstNonFinite(params []*Param, names []string) (string, bool) {
	for i, p := range params {
		if !finite(p.Value.Data) {
			return names[i], false
		}
	}
	return "", true
}

// paramNames returns a name for each of model.Params(): "layer i (type)
// name" for a Sequential, "parameter i name" otherwise.
func paramNames(model Layer) []string {
	var names []string
	if s, ok := asSequential(model); ok {
		for i, l := range s.Layers {
			for _, p := range l.Params() {
				names = append(names, fmt.Sprintf("layer %d (%T) %s", i, l, p.Name))
			}
		}
		return names
	}
	for i, p := range model.Params() {
		names = append(names, fmt.Sprintf("parameter %d %s", i, p.Name))
	}
	return names
}

// asSequential returns model as a Sequential if it is one (value or
// pointer).
func asSequential(model Layer) (Sequential, bool) {
	switch m := model.(type) {
	case Sequential:
		return m, true
	case *Sequential:
		return *m, true
	}
	return Sequential{}, false
}

// firstDense returns the first layer of a Sequential model if it is a
// *Dense, else nil.
func firstDense(model Layer) *Dense {
	if s, ok := asSequential(model); ok && len(s.Layers) > 0 {
		d, _ := s.Layers[0].(*Dense)
		return d
	}
	return nil
}

// inputNotFinite is the reason given for a non-finite loss when the batch
// itself holds a NaN or Inf.
const inputNotFinite = "the input batch itself is not finite"

// firstNonFiniteOutput runs x through a Sequential model layer by layer and
// says which layer's output first has a NaN or ±Inf, or, if none, how
// large the last layer's output is.
func firstNonFiniteOutput(model Layer, x *tensor.Tensor) string {
	if !finite(x.Data) {
		return inputNotFinite
	}
	s, ok := asSequential(model)
	if !ok || len(s.Layers) == 0 {
		return ""
	}
	for i, l := range s.Layers {
		x = l.Forward(x)
		if !finite(x.Data) {
			return fmt.Sprintf("the output of layer %d (%T) is not finite", i, l)
		}
	}
	var big float64
	for _, v := range x.Data {
		big = max(big, math.Abs(v))
	}
	last := len(s.Layers) - 1
	return fmt.Sprintf("every layer's output is finite; the loss overflowed on the output of layer %d (%T), max |y| = %.3g", last, s.Layers[last], big)
}

// largestParam names the parameter with the largest |w|.
func largestParam(params []*Param, names []string) string {
	big, at := -1.0, 0
	for i, p := range params {
		for _, v := range p.Value.Data {
			if math.Abs(v) > big {
				big, at = math.Abs(v), i
			}
		}
	}
	if big < 0 {
		return "no parameters"
	}
	return fmt.Sprintf("the largest weight is in %s, |w| = %.3g", names[at], big)
}
