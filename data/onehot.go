package data

// onehot.go: class indices as one-hot rows, the targets softmax
// cross-entropy compares its probabilities with, and back.

import (
	"fmt"

	"dlgo/tensor"
)

// OneHot returns the n×classes tensor whose row i is 1 in column labels[i]
// and 0 elsewhere. It panics on a label outside [0, classes).
func OneHot(labels []int, classes int) *tensor.Tensor {
	return OneHotInto(tensor.New(len(labels), classes), labels)
}

// OneHotInto writes the one-hot rows of labels into dst, an n×classes
// tensor with n = len(labels), and returns dst.
func OneHotInto(dst *tensor.Tensor, labels []int) *tensor.Tensor {
	if dst.Rows() != len(labels) {
		panic(fmt.Sprintf("data.OneHotInto: %d labels for shape %v", len(labels), dst.Shape))
	}
	dst.Zero()
	k := dst.Cols()
	for i, l := range labels {
		if l < 0 || l >= k {
			panic(fmt.Sprintf("data.OneHotInto: label %d at row %d outside [0, %d)", l, i, k))
		}
		dst.Data[i*k+l] = 1
	}
	return dst
}

// Column returns labels as an n×1 tensor of 0s and 1s: the target of a
// binary classifier with one sigmoid output.
func Column(labels []int) *tensor.Tensor {
	t := tensor.New(len(labels), 1)
	for i, l := range labels {
		t.Data[i] = float64(l)
	}
	return t
}

// Targets returns the training targets of s: one-hot rows (OneHot) when
// outputs > 1, the n×1 label column (Column) when outputs == 1, as for a
// binary classifier with a single sigmoid output.
func (s *Set) Targets(outputs int) *tensor.Tensor {
	if outputs == 1 {
		return Column(s.Labels)
	}
	return OneHot(s.Labels, outputs)
}
