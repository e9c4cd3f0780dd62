package data

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPlanar(t *testing.T) {
	s := Planar(PlanarN, rand.New(rand.NewPCG(1, 0)))
	if !slices.Equal(s.X.Shape, []int{400, 2}) || s.Len() != 400 || s.Classes != 2 {
		t.Fatalf("shape %v, %d labels, %d classes", s.X.Shape, s.Len(), s.Classes)
	}
	count := [2]int{}
	for i, l := range s.Labels {
		count[l]++
		// Points lie within the petals' radius 4, plus a little noise.
		if r := math.Hypot(s.X.At(i, 0), s.X.At(i, 1)); r > 5.5 {
			t.Errorf("point %d at radius %.2f", i, r)
		}
	}
	if count != [2]int{200, 200} {
		t.Errorf("class counts %v, want 200 each", count)
	}

	again := Planar(PlanarN, rand.New(rand.NewPCG(1, 0)))
	if !slices.Equal(s.X.Data, again.X.Data) || !slices.Equal(s.Labels, again.Labels) {
		t.Error("same seed, different set")
	}
	other := Planar(PlanarN, rand.New(rand.NewPCG(2, 0)))
	if slices.Equal(s.X.Data, other.X.Data) {
		t.Error("different seeds, same set")
	}
}

// The course's formula and order of draws, recomputed from a twin
// generator: for each class, all the t noise, then all the r noise.
func TestPlanarFormula(t *testing.T) {
	const n = 10
	s := Planar(n, rand.New(rand.NewPCG(7, 7)))
	twin := rand.New(rand.NewPCG(7, 7))
	for j := range 2 {
		var tt, rr [n / 2]float64
		for i := range tt {
			tt[i] = float64(j)*3.12 + 3.12*float64(i)/(n/2-1) + twin.NormFloat64()*0.2
		}
		for i := range rr {
			rr[i] = 4*math.Sin(4*tt[i]) + twin.NormFloat64()*0.2
		}
		for i := range tt {
			row := s.X.Row(j*n/2 + i)
			x, y := rr[i]*math.Sin(tt[i]), rr[i]*math.Cos(tt[i])
			if math.Abs(row[0]-x) > 1e-12 || math.Abs(row[1]-y) > 1e-12 || s.Labels[j*n/2+i] != j {
				t.Errorf("class %d point %d: %v, want (%v, %v)", j, i, row, x, y)
			}
		}
	}
}

func TestMoonsCircles(t *testing.T) {
	for _, s := range []*Set{
		Moons(101, 0, rand.New(rand.NewPCG(1, 0))),
		Circles(101, 0, 0.5, rand.New(rand.NewPCG(1, 0))),
	} {
		if s.Len() != 101 || s.Dim() != 2 || s.Classes != 2 {
			t.Fatalf("%s: shape %v", s.Name, s.X.Shape)
		}
		for i, l := range s.Labels {
			x, y := s.X.At(i, 0), s.X.At(i, 1)
			var ok bool
			switch {
			case s.Name == "moons" && l == 0:
				ok = math.Abs(math.Hypot(x, y)-1) < 1e-12 && y >= -1e-12
			case s.Name == "moons":
				ok = math.Abs(math.Hypot(x-1, y-0.5)-1) < 1e-12 && y <= 0.5+1e-12
			case l == 0:
				ok = math.Abs(math.Hypot(x, y)-1) < 1e-12
			default:
				ok = math.Abs(math.Hypot(x, y)-0.5) < 1e-12
			}
			if !ok {
				t.Errorf("%s: point %d (%v, %v) of class %d is off its curve", s.Name, i, x, y, l)
			}
		}
		if n0 := slices.Index(s.Labels, 1); n0 != 50 {
			t.Errorf("%s: %d points of class 0, want 50", s.Name, n0)
		}
	}
	a := Moons(50, 0.2, rand.New(rand.NewPCG(3, 0)))
	b := Moons(50, 0.2, rand.New(rand.NewPCG(3, 0)))
	if !slices.Equal(a.X.Data, b.X.Data) {
		t.Error("moons: same seed, different set")
	}
}
