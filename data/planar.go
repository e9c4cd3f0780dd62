package data

// planar.go: the planar "flower" set of the course's first neural-network
// assignment (load_planar_dataset): two classes of points forming the
// alternating petals of a rose curve r = a·sin(4t), which no straight line
// separates but a network with one small hidden layer does.

import (
	"math"
	"math/rand/v2"

	"dlgo/tensor"
)

// PlanarN is the number of points of the course's planar set.
const PlanarN = 400

// Planar generates the course's flower set: n points in 2-D (the course
// uses n = PlanarN), n/2 per class. For class j ∈ {0, 1}, point i has angle
// t = linspace(j·3.12, (j+1)·3.12, n/2)[i] + 0.2·N(0,1) and radius
// r = 4·sin(4t) + 0.2·N(0,1), and lies at (r·sin t, r·cos t). The normal
// draws come from rng in the course's order (all the t noise of a class,
// then all its r noise), so the same seed gives the same set.
func Planar(n int, rng *rand.Rand) *Set {
	const a = 4.0 // the petals' largest radius
	half := n / 2
	s := &Set{Name: "planar", X: tensor.New(2*half, 2), Labels: make([]int, 2*half), Classes: 2}
	t := make([]float64, half)
	for j := range 2 {
		lo, hi := float64(j)*3.12, float64(j+1)*3.12
		for i := range t {
			t[i] = linspace(lo, hi, half, i) + rng.NormFloat64()*0.2
		}
		for i, ti := range t {
			r := a*math.Sin(4*ti) + rng.NormFloat64()*0.2
			row := s.X.Row(j*half + i)
			row[0], row[1] = r*math.Sin(ti), r*math.Cos(ti)
			s.Labels[j*half+i] = j
		}
	}
	return s
}

// linspace returns element i of n points spaced evenly from lo to hi, both
// included, as numpy.linspace does.
func linspace(lo, hi float64, n, i int) float64 {
	if n == 1 {
		return lo
	}
	return lo + (hi-lo)*float64(i)/float64(n-1)
}
