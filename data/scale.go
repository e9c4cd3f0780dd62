package data

// scale.go: standardisation, x' = (x − mean) / std per feature.
//
// Features on very different scales make gradient descent zig-zag; giving
// each one mean 0 and variance 1 lets one learning rate suit them all. The
// mean and std are fitted on the training set only and then applied,
// unchanged, to validation and test data: the test set must not leak into
// training.

import (
	"fmt"
	"math"

	"dlgo/tensor"
)

// Scaler standardises features with a mean and standard deviation per
// column.
type Scaler struct {
	Mean, Std []float64
}

// FitScaler computes the mean and (population) standard deviation of each
// column of the n×d tensor x. A constant column gets std 1, so that it maps
// to 0 instead of dividing by zero.
func FitScaler(x *tensor.Tensor) *Scaler {
	n, d := x.Rows(), x.Cols()
	s := &Scaler{Mean: make([]float64, d), Std: make([]float64, d)}
	for i := range n {
		for j, v := range x.Row(i) {
			s.Mean[j] += v
		}
	}
	for j := range s.Mean {
		s.Mean[j] /= float64(max(n, 1))
	}
	// Two passes (mean, then squared deviations) rather than Σx² − n·mean²,
	// which loses all precision when the mean is large.
	for i := range n {
		for j, v := range x.Row(i) {
			dv := v - s.Mean[j]
			s.Std[j] += dv * dv
		}
	}
	for j, v := range s.Std {
		s.Std[j] = math.Sqrt(v / float64(max(n, 1)))
		if s.Std[j] == 0 {
			s.Std[j] = 1
		}
	}
	return s
}

// Apply standardises x in place, column j becoming (x − Mean[j]) / Std[j],
// and returns x. It panics if x does not have len(Mean) columns.
func (s *Scaler) Apply(x *tensor.Tensor) *tensor.Tensor {
	if x.Cols() != len(s.Mean) {
		panic(fmt.Sprintf("data.Scaler.Apply: %d columns, the scaler was fitted on %d", x.Cols(), len(s.Mean)))
	}
	for i := range x.Rows() {
		row := x.Row(i)
		for j := range row {
			row[j] = (row[j] - s.Mean[j]) / s.Std[j]
		}
	}
	return x
}
