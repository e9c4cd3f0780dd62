// train.go: the training loop — epochs of shuffled mini-batches, a
// per-epoch report, early stopping on the validation loss, and a stop the
// moment anything becomes NaN or Inf. It does not schedule learning rates:
// the per-epoch callback can.

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
	// finished batch (or, with RestoreBest, of its best epoch).
	Context context.Context

	// Patience, if positive, stops training early once that many epochs
	// in a row have not lowered the validation loss below its best so far
	// (Keras's EarlyStopping). Train then returns the epochs run and a nil
	// error. It needs ValX and ValY.
	Patience int

	// RestoreBest, when set, ends training with the weights of the epoch
	// with the lowest validation loss, however training ends: all epochs
	// run, stopped by Patience, by Context, by OnEpoch or by divergence.
	// The weights are copied aside after each better epoch (one copy of
	// the parameters, made once). It needs ValX and ValY.
	RestoreBest bool
}

// EpochStats reports one epoch of training.
type EpochStats struct {
	Epoch          int           // from 1
	Loss           float64       // mean training loss over the epoch's examples
	Accuracy       float64       // training accuracy over the epoch's batches, each counted as it was trained on (see Evaluate)
	Elapsed        time.Duration // time spent training in this epoch (validation excluded)
	ExamplesPerSec float64       // examples trained on per second

	HasVal      bool    // whether ValLoss and ValAccuracy are set
	ValLoss     float64 // cost on the validation set
	ValAccuracy float64 // accuracy on the validation set (see Evaluate)
	Best        bool    // whether ValLoss is the lowest so far
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
// input is the data, which needs no gradient), and the model is in
// training mode (SetTraining) except while it is validated; Train
// returns it in inference mode.
func Train(model Layer, loss Loss, opt Optimizer, x, y *tensor.Tensor, cfg TrainConfig) (history []EpochStats, err error) {
	n := checkXY("Train", x, y)
	if n == 0 {
		return nil, fmt.Errorf("nn.Train: no examples")
	}
	hasVal := cfg.ValX != nil && cfg.ValY != nil
	if (cfg.Patience > 0 || cfg.RestoreBest) && !hasVal {
		return nil, fmt.Errorf("nn.Train: Patience and RestoreBest need a validation set (ValX and ValY)")
	}
	bs := cfg.BatchSize
	if bs <= 0 || bs > n {
		bs = n
	}
	params := model.Params()
	names := paramNames(model)
	if d := firstDense(model); d != nil && !d.NoInputGrad {
		d.NoInputGrad = true
		defer func() { d.NoInputGrad = false }()
	}
	SetTraining(model, true)
	defer SetTraining(model, false)
	var best *snapshot
	if cfg.RestoreBest {
		best = newSnapshot(params)
		defer func() { best.restore() }()
	}
	threshold := accuracyThreshold(loss)

	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	xb, yb := new(tensor.Tensor), new(tensor.Tensor)
	var idx []int // countRight's scratch
	first, limit := true, 0.0
	bestLoss, sinceBest := math.Inf(1), 0
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		start := time.Now()
		if cfg.Rand != nil {
			cfg.Rand.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		var sum float64
		right := 0
		for b, lo := 1, 0; lo < n; b, lo = b+1, lo+bs {
			if cfg.Context != nil && cfg.Context.Err() != nil {
				return history, cfg.Context.Err()
			}
			hi := min(lo+bs, n)
			gather(xb, x, order[lo:hi])
			gather(yb, y, order[lo:hi])
			if hi < n {
				// The next batch's rows start on their way during this
				// step (as data.Batcher does).
				tensor.PrefetchRows(x, order[hi:min(hi+bs, n)])
			}
			ZeroGrad(params)
			pred := model.Forward(xb)
			j := loss.Forward(pred, yb)
			right, idx = countRight(right, idx, pred, yb, threshold)
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
		st.Accuracy = float64(right) / float64(n)
		st.ExamplesPerSec = float64(n) / st.Elapsed.Seconds()
		if hasVal {
			st.HasVal = true
			st.ValLoss, st.ValAccuracy = Evaluate(model, loss, cfg.ValX, cfg.ValY)
			SetTraining(model, true) // Evaluate switched it off
			if st.ValLoss < bestLoss {
				bestLoss, sinceBest, st.Best = st.ValLoss, 0, true
				best.save()
			} else {
				sinceBest++
			}
		}
		history = append(history, st)
		if cfg.OnEpoch != nil {
			if err := cfg.OnEpoch(st); err != nil {
				return history, err
			}
		}
		if cfg.Patience > 0 && sinceBest >= cfg.Patience {
			break
		}
	}
	return history, nil
}

// snapshot is a copy of parameter values, for RestoreBest. A nil
// snapshot's methods do nothing.
type snapshot struct {
	params []*Param
	values [][]float64
	saved  bool
}

// newSnapshot allocates room for a copy of params' values.
func newSnapshot(params []*Param) *snapshot {
	s := &snapshot{params: params, values: make([][]float64, len(params))}
	for i, p := range params {
		s.values[i] = make([]float64, len(p.Value.Data))
	}
	return s
}

// save copies the parameters' values aside.
func (s *snapshot) save() {
	if s == nil {
		return
	}
	for i, p := range s.params {
		copy(s.values[i], p.Value.Data)
	}
	s.saved = true
}

// restore copies the saved values back, if any were saved.
func (s *snapshot) restore() {
	if s == nil || !s.saved {
		return
	}
	for i, p := range s.params {
		copy(p.Value.Data, s.values[i])
	}
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
	if s, ok := model.(*Sequential); ok {
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

// firstDense returns the first layer of a Sequential model if it is a
// *Dense, else nil.
func firstDense(model Layer) *Dense {
	if s, ok := model.(*Sequential); ok && len(s.Layers) > 0 {
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
	s, ok := model.(*Sequential)
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
