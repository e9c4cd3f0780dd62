// train.go: the training loop — epochs of shuffled mini-batches, a
// per-epoch report, and a stop the moment anything becomes NaN or Inf.
// It does not schedule learning rates or stop early by itself: the
// per-epoch callback can do both.

package nn

import (
	"fmt"
	"math/rand/v2"
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

// NonFiniteError is Train's error when the loss or a parameter becomes NaN
// or ±Inf: training has diverged (the learning rate is usually too high).
type NonFiniteError struct {
	Epoch, Batch int     // where it happened, both from 1
	Loss         float64 // the batch's loss
	Param        string  // the non-finite parameter after the update, as "layer 0 (*nn.Dense) W"; or ""
	Layer        string  // with a non-finite loss: the first layer whose output is not finite, as "layer 2 (nn.Tanh)"; or ""
}

func (e *NonFiniteError) Error() string {
	where := e.Param + " is not finite after the update"
	if e.Param == "" {
		where = "loss is not finite"
		if e.Layer != "" {
			where += "; the first non-finite output is " + e.Layer + "'s"
		}
	}
	return fmt.Sprintf("nn.Train: epoch %d, batch %d: %s (loss %v): training diverged; lower the learning rate", e.Epoch, e.Batch, where, e.Loss)
}

// Train fits model to (x, y), examples×in and examples×out, minimising
// loss with opt over cfg.Epochs epochs of mini-batches, and returns the
// statistics of every epoch completed.
//
// One step is ZeroGrad, Forward, loss Forward, loss Backward, Backward,
// opt.Step; after the first, it allocates nothing. After every step the
// loss and every parameter are checked; the first NaN or Inf stops
// training with a *NonFiniteError naming the epoch, the batch and the
// parameter. While Train runs, the first layer of a Sequential model, if
// a Dense, has NoInputGrad set (its input is the data).
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
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		start := time.Now()
		if cfg.Rand != nil {
			cfg.Rand.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		var sum float64
		for b, lo := 1, 0; lo < n; b, lo = b+1, lo+bs {
			hi := min(lo+bs, n)
			gather(xb, x, order[lo:hi])
			gather(yb, y, order[lo:hi])
			ZeroGrad(params)
			j := loss.Forward(model.Forward(xb), yb)
			if !isFinite(j) { // before the update: the model keeps its last finite state
				return history, &NonFiniteError{Epoch: epoch, Batch: b, Loss: j, Layer: firstNonFiniteOutput(model, xb)}
			}
			model.Backward(loss.Backward())
			opt.Step(params)
			if bad, ok := firstNonFinite(params, names); !ok {
				return history, &NonFiniteError{Epoch: epoch, Batch: b, Loss: j, Param: bad}
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
	c := src.Shape[1]
	tensor.Resize(dst, len(idx), c)
	for r, i := range idx {
		copy(dst.Data[r*c:r*c+c], src.Data[i*c:i*c+c])
	}
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

// firstNonFiniteOutput runs x through a Sequential model layer by layer and
// names the first layer whose output has a NaN or ±Inf, or returns "".
func firstNonFiniteOutput(model Layer, x *tensor.Tensor) string {
	s, ok := asSequential(model)
	if !ok {
		return ""
	}
	for i, l := range s.Layers {
		x = l.Forward(x)
		if !finite(x.Data) {
			return fmt.Sprintf("layer %d (%T)", i, l)
		}
	}
	return ""
}
