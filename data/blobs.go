package data

// blobs.go: Gaussian blobs, as scikit-learn's make_blobs draws them: one
// round cloud of points per class. Two blobs far apart are the easy case a
// single straight line (logistic regression) already separates; as the
// spread grows they overlap and no classifier is perfect.

import (
	"fmt"
	"math"
	"math/rand/v2"

	"dlgo/tensor"
)

// Blobs generates n points in k classes (k ≥ 1). Class c has its centre on
// the unit circle at angle 2π·c/k (for k = 2: (1, 0) and (−1, 0)) and its
// points are centre + spread·N(0, I). The points are dealt to the classes
// in turn (point i is of class i mod k), so the classes differ in size by
// at most one.
func Blobs(n, k int, spread float64, rng *rand.Rand) *Set {
	if k < 1 {
		panic(fmt.Sprintf("data.Blobs: %d classes, want at least 1", k))
	}
	s := &Set{Name: "blobs", X: tensor.New(n, 2), Labels: make([]int, n), Classes: k}
	for i := range n {
		c := i % k
		a := 2 * math.Pi * float64(c) / float64(k)
		row := s.X.Row(i)
		row[0] = math.Cos(a) + spread*rng.NormFloat64()
		row[1] = math.Sin(a) + spread*rng.NormFloat64()
		s.Labels[i] = c
	}
	return s
}
