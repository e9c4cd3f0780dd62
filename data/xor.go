package data

// xor.go: the XOR set of TensorFlow Playground: points in a square whose
// class is the sign of x·y, so that opposite quadrants share a class. No
// straight line separates it; two hidden units that each draw one axis,
// and a unit after them that combines the two, do.

import (
	"math/rand/v2"

	"dlgo/tensor"
)

// XOR generates n points drawn uniformly from the square [−1, 1]², pushed
// 0.05 away from both axes so that no point sits on the boundary, then
// labelled 1 where x·y > 0 (the first and third quadrants) and 0
// elsewhere. Gaussian noise of standard deviation noise is added to each
// coordinate after labelling, so that a larger noise blurs the quadrants.
func XOR(n int, noise float64, rng *rand.Rand) *Set {
	const pad = 0.05
	s := &Set{Name: "xor", X: tensor.New(n, 2), Labels: make([]int, n), Classes: 2}
	for i := range n {
		row := s.X.Row(i)
		for j := range row {
			u := 2*rng.Float64() - 1 // uniform in [−1, 1)
			if u < 0 {
				row[j] = u*(1-pad) - pad
			} else {
				row[j] = u*(1-pad) + pad
			}
		}
		if row[0]*row[1] > 0 {
			s.Labels[i] = 1
		}
	}
	addNoise(s.X, noise, rng)
	return s
}
