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
// to 0 instead of dividing by zero. Each column is first divided by its
// largest magnitude (rounded up to a power of two), so that values near the float64 limit (1e308) do not
// overflow the sums: the mean and std of x/m are those of x divided by m.
func FitScaler(x *tensor.Tensor) *Scaler {
	n, d := x.Rows(), x.Cols()
	s := &Scaler{Mean: make([]float64, d), Std: make([]float64, d)}
	scale := make([]float64, d)
	for i := range n {
		for j, v := range x.Row(i) {
			scale[j] = max(scale[j], math.Abs(v))
		}
	}
	for j := range scale {
		// A power of two, so that dividing by it and multiplying back is
		// exact: the statistics are bit-identical to the plain formulas'
		// wherever those do not overflow.
		_, e := math.Frexp(scale[j])
		scale[j] = math.Ldexp(1, e-1)
		if math.IsInf(scale[j], 0) || math.IsNaN(scale[j]) || scale[j] == 0 {
			scale[j] = 1
		}
	}
	for i := range n {
		for j, v := range x.Row(i) {
			s.Mean[j] += v / scale[j]
		}
	}
	for j := range s.Mean {
		s.Mean[j] /= float64(max(n, 1))
	}
	// Two passes (mean, then squared deviations) rather than Σx² − n·mean²,
	// which loses all precision when the mean is large.
	for i := range n {
		for j, v := range x.Row(i) {
			dv := v/scale[j] - s.Mean[j]
			s.Std[j] += dv * dv
		}
	}
	for j, v := range s.Std {
		s.Std[j] = math.Sqrt(v/float64(max(n, 1))) * scale[j]
		s.Mean[j] *= scale[j]
		if s.Std[j] == 0 {
			s.Std[j] = 1
		}
	}
	return s
}

// Apply standardises x in place, column j becoming (x − Mean[j]) / Std[j],
// and returns x. It panics if x does not have len(Mean) columns; Transform
// returns an error instead.
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

// Transform standardises x in place as Apply does, for data from a file:
// a different number of columns, a scaler with missing or non-finite
// statistics, and a value whose standardised form overflows (a spread near
// the float64 limit) are errors naming the column (from 1), not a panic or
// a NaN found later. On error x may be partly changed.
func (s *Scaler) Transform(x *tensor.Tensor) error {
	d := x.Cols()
	if len(s.Mean) != d || len(s.Std) != d {
		return fmt.Errorf("%d feature columns, the scaler was fitted on %d", d, len(s.Mean))
	}
	for j := range d {
		if m, sd := s.Mean[j], s.Std[j]; math.IsInf(m, 0) || math.IsNaN(m) || !(sd > 0) || math.IsInf(sd, 0) {
			return fmt.Errorf("column %d: the scaler has mean %v and standard deviation %v", j+1, m, sd)
		}
	}
	for i := range x.Rows() {
		row := x.Row(i)
		for j, v := range row {
			z := (v - s.Mean[j]) / s.Std[j]
			if math.IsInf(z, 0) || math.IsNaN(z) {
				return fmt.Errorf("column %d: %v standardised with mean %.4g and standard deviation %.4g overflows float64 (values too far apart): rescale this column", j+1, v, s.Mean[j], s.Std[j])
			}
			row[j] = z
		}
	}
	return nil
}
