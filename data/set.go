package data

// set.go: Set, the labelled dataset every loader and generator returns.

import (
	"fmt"

	"dlgo/tensor"
)

// Set is a labelled classification dataset: example i is row i of X and
// belongs to class Labels[i], an integer in [0, Classes).
type Set struct {
	// Name says where the set came from ("mnist train", "planar", a file
	// name), for messages.
	Name string
	// X holds the features, n×d, one example per row.
	X *tensor.Tensor
	// Labels holds the class of each example.
	Labels []int
	// Classes is the number of classes.
	Classes int
	// ClassNames names each class when the data named them (a CSV label
	// column of words); nil means the classes are "0", "1", ….
	ClassNames []string
	// Features names each column of X when the data named them (a CSV
	// header); nil otherwise.
	Features []string
	// LabelColumn is, for a set read from a CSV file, the index of its
	// label column among the file's columns (from 0), so that rows for
	// prediction can be read the same way; 0 for other sets.
	LabelColumn int
}

// Len returns the number of examples.
func (s *Set) Len() int { return len(s.Labels) }

// Dim returns the number of features per example.
func (s *Set) Dim() int { return s.X.Shape[1] }

// ClassName returns the name of class c: ClassNames[c] when set, else c in
// decimal.
func (s *Set) ClassName(c int) string {
	if c >= 0 && c < len(s.ClassNames) {
		return s.ClassNames[c]
	}
	return fmt.Sprint(c)
}

// Subset returns a new Set holding the examples at idx, in that order (a
// copy: changing it leaves s alone).
func (s *Set) Subset(idx []int) *Set {
	d := s.Dim()
	out := &Set{
		Name:       s.Name,
		X:          tensor.New(len(idx), d),
		Labels:     make([]int, len(idx)),
		Classes:    s.Classes,
		ClassNames: s.ClassNames,
		Features:   s.Features,
	}
	for i, j := range idx {
		copy(out.X.Row(i), s.X.Row(j))
		out.Labels[i] = s.Labels[j]
	}
	return out
}

// Binary returns s relabelled as a two-class "is it class c?" task: 1 for
// examples of class c, 0 for the rest. X is shared with s; the labels are
// new. It is how the course's
// cat / non-cat logistic regression is posed on MNIST ("is it a 7?").
func (s *Set) Binary(c int) *Set {
	out := &Set{
		Name:       fmt.Sprintf("%s, %s or not", s.Name, s.ClassName(c)),
		X:          s.X,
		Labels:     make([]int, s.Len()),
		Classes:    2,
		ClassNames: []string{"not " + s.ClassName(c), s.ClassName(c)},
		Features:   s.Features,
	}
	for i, l := range s.Labels {
		if l == c {
			out.Labels[i] = 1
		}
	}
	return out
}
