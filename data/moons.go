package data

// moons.go: two more 2-D toy sets that a straight line cannot separate, as
// scikit-learn's make_moons and make_circles define them. With planar.go
// they are what `dlgo train -data moons` draws decision boundaries on.

import (
	"math"
	"math/rand/v2"

	"dlgo/tensor"
)

// Moons generates n points on two interleaving half circles: class 0 on
// (cos θ, sin θ), class 1 on (1 − cos θ, 0.5 − sin θ), θ evenly spaced in
// [0, π], plus Gaussian noise of standard deviation noise on each
// coordinate (0.2 makes a good exercise). Class 0 gets n/2 points.
func Moons(n int, noise float64, rng *rand.Rand) *Set {
	s := &Set{Name: "moons", X: tensor.New(n, 2), Labels: make([]int, n), Classes: 2}
	nOut := n / 2
	for i := range n {
		row := s.X.Row(i)
		if i < nOut {
			th := linspace(0, math.Pi, nOut, i)
			row[0], row[1] = math.Cos(th), math.Sin(th)
		} else {
			th := linspace(0, math.Pi, n-nOut, i-nOut)
			row[0], row[1] = 1-math.Cos(th), 0.5-math.Sin(th)
			s.Labels[i] = 1
		}
	}
	addNoise(s.X, noise, rng)
	return s
}

// Circles generates n points on two concentric circles: class 0 on the
// unit circle, class 1 on a circle of radius factor (in (0, 1); 0.5 is
// usual), angles evenly spaced, plus Gaussian noise of standard deviation
// noise on each coordinate. Class 0 gets n/2 points.
func Circles(n int, noise, factor float64, rng *rand.Rand) *Set {
	s := &Set{Name: "circles", X: tensor.New(n, 2), Labels: make([]int, n), Classes: 2}
	nOut := n / 2
	for i := range n {
		row := s.X.Row(i)
		if i < nOut {
			th := 2 * math.Pi * float64(i) / float64(nOut)
			row[0], row[1] = math.Cos(th), math.Sin(th)
		} else {
			th := 2 * math.Pi * float64(i-nOut) / float64(n-nOut)
			row[0], row[1] = factor*math.Cos(th), factor*math.Sin(th)
			s.Labels[i] = 1
		}
	}
	addNoise(s.X, noise, rng)
	return s
}

// addNoise adds noise·N(0, 1) to every element of x, in order.
func addNoise(x *tensor.Tensor, noise float64, rng *rand.Rand) {
	for i := range x.Data {
		x.Data[i] += noise * rng.NormFloat64()
	}
}
