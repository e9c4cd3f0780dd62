package data

// spiral.go: two interleaved spirals, the hardest of TensorFlow
// Playground's sets: the classes wind around each other, so a network
// needs several layers (or many units) to follow them.

import (
	"math"
	"math/rand/v2"

	"dlgo/tensor"
)

// Spiral generates n points on two spiral arms, n/2 on arm 0. Point i of an
// arm of m points lies at radius r = i/m and angle t = 1.75·2π·i/m, plus π
// for arm 1, that is at (r·sin t, r·cos t); Gaussian noise of standard
// deviation noise is then added to each coordinate (0.05 is a good
// exercise; the arms are about 0.28 apart).
func Spiral(n int, noise float64, rng *rand.Rand) *Set {
	s := &Set{Name: "spiral", X: tensor.New(n, 2), Labels: make([]int, n), Classes: 2}
	nArm0 := n / 2
	for i := range n {
		arm, k, m := 0, i, nArm0
		if i >= nArm0 {
			arm, k, m = 1, i-nArm0, n-nArm0
		}
		r := float64(k) / float64(m)
		t := 1.75*2*math.Pi*float64(k)/float64(m) + math.Pi*float64(arm)
		row := s.X.Row(i)
		row[0], row[1] = r*math.Sin(t), r*math.Cos(t)
		s.Labels[i] = arm
	}
	addNoise(s.X, noise, rng)
	return s
}
