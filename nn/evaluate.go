// evaluate.go: inference — the cost and accuracy of a model on a data set,
// and its predictions — run in batches so that memory stays bounded.

package nn

import (
	"fmt"
	"math"

	"dlgo/tensor"
)

// evalBatch is the number of rows Evaluate and Predict run at once.
const evalBatch = 1024

// Evaluate runs model on x (examples×in) and returns the cost (loss
// against y, a mean over all examples) and the accuracy, the fraction of
// examples classified right:
//
//   - with several outputs, the argmax of a prediction row must equal the
//     argmax of its target row (one-hot targets);
//   - with one output, the prediction thresholded at 0.5 (at 0 for
//     BCEWithLogits, whose predictions are logits) must equal the target
//     thresholded at 0.5.
//
// loss may be nil: the cost is then NaN and the threshold 0.5. Evaluate
// switches the model to inference mode (SetTraining(model, false)).
func Evaluate(model Layer, loss Loss, x, y *tensor.Tensor) (cost, accuracy float64) {
	n := checkXY("Evaluate", x, y)
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	SetTraining(model, false)
	threshold := accuracyThreshold(loss)
	if loss == nil {
		cost = math.NaN()
	}
	var right int
	var idx []int
	for lo := 0; lo < n; lo += evalBatch {
		hi := min(lo+evalBatch, n)
		xb, yb := rows(x, lo, hi), rows(y, lo, hi)
		pred := model.Forward(xb)
		if loss != nil {
			cost += loss.Forward(pred, yb) * float64(hi-lo)
		}
		right, idx = countRight(right, idx, pred, yb, threshold)
	}
	return cost / float64(n), float64(right) / float64(n)
}

// accuracyThreshold is where a one-output prediction is split into the
// two classes: 0 for BCEWithLogits, whose predictions are logits, else
// 0.5.
func accuracyThreshold(loss Loss) float64 {
	if _, ok := loss.(*BCEWithLogits); ok {
		return 0
	}
	return 0.5
}

// countRight adds to right the number of rows of pred classified as in
// target (see Evaluate), using idx as scratch.
func countRight(right int, idx []int, pred, target *tensor.Tensor, threshold float64) (int, []int) {
	if len(pred.Shape) != 2 || pred.Shape[0] != target.Shape[0] || pred.Shape[1] != target.Shape[1] {
		panic(fmt.Sprintf("nn.Evaluate: shape mismatch: pred %v and target %v", pred.Shape, target.Shape))
	}
	r := pred.Shape[0]
	if pred.Shape[1] == 1 {
		for i, p := range pred.Data {
			if (p > threshold) == (target.Data[i] > 0.5) {
				right++
			}
		}
		return right, idx
	}
	if cap(idx) < 2*r {
		idx = make([]int, 2*r)
	}
	a, b := idx[:r], idx[r:2*r]
	tensor.ArgMaxRows(a, pred)
	tensor.ArgMaxRows(b, target)
	for i := range a {
		if a[i] == b[i] {
			right++
		}
	}
	return right, idx
}

// Predict runs model on x (examples×in), in batches, in inference mode,
// and returns its outputs in a new tensor, examples×out: probabilities or
// logits, whatever the last layer gives (PredictProba turns logits into
// probabilities).
func Predict(model Layer, x *tensor.Tensor) *tensor.Tensor {
	if len(x.Shape) != 2 {
		panic(fmt.Sprintf("nn.Predict: want a 2-D x, have shape %v", x.Shape))
	}
	SetTraining(model, false)
	n := x.Shape[0]
	var out *tensor.Tensor
	for lo := 0; lo < n || out == nil; lo += evalBatch {
		hi := min(lo+evalBatch, n)
		pred := model.Forward(rows(x, lo, hi))
		if out == nil {
			out = tensor.New(n, pred.Shape[1])
		}
		copy(out.Data[lo*pred.Shape[1]:], pred.Data)
	}
	return out
}

// rows returns rows lo to hi of a 2-D tensor as a tensor sharing its data.
func rows(t *tensor.Tensor, lo, hi int) *tensor.Tensor {
	c := t.Shape[1]
	return &tensor.Tensor{Shape: []int{hi - lo, c}, Data: t.Data[lo*c : hi*c]}
}

// checkXY panics unless x and y are 2-D with the same number of rows, and
// returns that number.
func checkXY(op string, x, y *tensor.Tensor) int {
	if len(x.Shape) != 2 || len(y.Shape) != 2 || x.Shape[0] != y.Shape[0] {
		panic(fmt.Sprintf("nn.%s: shape mismatch: x %v and y %v (want 2-D, one row per example)", op, x.Shape, y.Shape))
	}
	return x.Shape[0]
}

// PredictProba runs model on x as Predict does and returns probabilities
// for the loss it was trained with: for SoftmaxCrossEntropy, the softmax of
// each row of logits (rows sum to 1); for BCEWithLogits, σ of each logit;
// for any other loss (or nil), the outputs as they are (a model trained
// with BCE ends in a Sigmoid already; MSE's outputs are values).
func PredictProba(model Layer, loss Loss, x *tensor.Tensor) *tensor.Tensor {
	out := Predict(model, x)
	switch loss.(type) {
	case *SoftmaxCrossEntropy:
		c := out.Shape[1]
		row := make([]float64, c)
		for i := 0; i < out.Shape[0]; i++ {
			z := out.Data[i*c : (i+1)*c]
			copy(row, z)
			softmaxRow(z, row)
		}
	case *BCEWithLogits:
		for i, z := range out.Data {
			out.Data[i] = sigmoid(z)
		}
	}
	return out
}
