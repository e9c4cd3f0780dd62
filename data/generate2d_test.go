package data

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestXOR(t *testing.T) {
	s := XOR(500, 0, rand.New(rand.NewPCG(1, 0)))
	if s.Len() != 500 || s.Dim() != 2 || s.Classes != 2 || s.Name != "xor" {
		t.Fatalf("%s: shape %v, %d classes", s.Name, s.X.Shape, s.Classes)
	}
	var count [2]int
	for i, l := range s.Labels {
		x, y := s.X.At(i, 0), s.X.At(i, 1)
		if math.Abs(x) < 0.05 || math.Abs(y) < 0.05 || math.Abs(x) > 1 || math.Abs(y) > 1 {
			t.Errorf("point %d (%v, %v) outside [−1, −0.05] ∪ [0.05, 1] on an axis", i, x, y)
		}
		if want := x*y > 0; (l == 1) != want {
			t.Errorf("point %d (%v, %v) labelled %d", i, x, y, l)
		}
		count[l]++
	}
	// Uniform quadrants: each class near half of 500.
	if count[0] < 200 || count[1] < 200 {
		t.Errorf("class counts %v, want both near 250", count)
	}
	a := XOR(50, 0.1, rand.New(rand.NewPCG(3, 0)))
	b := XOR(50, 0.1, rand.New(rand.NewPCG(3, 0)))
	c := XOR(50, 0.1, rand.New(rand.NewPCG(4, 0)))
	if !slices.Equal(a.X.Data, b.X.Data) || !slices.Equal(a.Labels, b.Labels) {
		t.Error("same seed, different set")
	}
	if slices.Equal(a.X.Data, c.X.Data) {
		t.Error("different seeds, same set")
	}
}

func TestSpiral(t *testing.T) {
	const n = 101
	s := Spiral(n, 0, rand.New(rand.NewPCG(1, 0)))
	if s.Len() != n || s.Dim() != 2 || s.Classes != 2 || s.Name != "spiral" {
		t.Fatalf("%s: shape %v, %d classes", s.Name, s.X.Shape, s.Classes)
	}
	if n0 := slices.Index(s.Labels, 1); n0 != n/2 {
		t.Errorf("%d points on arm 0, want %d", n0, n/2)
	}
	for i, l := range s.Labels {
		k, m := i, n/2
		if l == 1 {
			k, m = i-n/2, n-n/2
		}
		r := float64(k) / float64(m)
		th := 3.5*math.Pi*float64(k)/float64(m) + math.Pi*float64(l)
		x, y := s.X.At(i, 0), s.X.At(i, 1)
		if math.Abs(x-r*math.Sin(th)) > 1e-12 || math.Abs(y-r*math.Cos(th)) > 1e-12 {
			t.Errorf("point %d of arm %d at (%v, %v), want radius %v angle %v", i, l, x, y, r, th)
		}
	}
	// The two arms are the same curve turned by π: point k of arm 1 is
	// minus point k of arm 0 (for equal arms).
	e := Spiral(100, 0, rand.New(rand.NewPCG(1, 0)))
	for k := range 50 {
		p, q := e.X.Row(k), e.X.Row(50+k)
		if math.Abs(p[0]+q[0]) > 1e-12 || math.Abs(p[1]+q[1]) > 1e-12 {
			t.Errorf("arm points %d: %v and %v are not opposite", k, p, q)
		}
	}
	a := Spiral(60, 0.1, rand.New(rand.NewPCG(5, 0)))
	b := Spiral(60, 0.1, rand.New(rand.NewPCG(5, 0)))
	if !slices.Equal(a.X.Data, b.X.Data) {
		t.Error("same seed, different set")
	}
}

func TestBlobs(t *testing.T) {
	const n, k = 3000, 3
	s := Blobs(n, k, 0.1, rand.New(rand.NewPCG(2, 0)))
	if s.Len() != n || s.Dim() != 2 || s.Classes != k || s.Name != "blobs" {
		t.Fatalf("%s: shape %v, %d classes", s.Name, s.X.Shape, s.Classes)
	}
	var sum [k][2]float64
	var cnt [k]int
	for i, l := range s.Labels {
		if l != i%k {
			t.Fatalf("point %d of class %d, want %d", i, l, i%k)
		}
		sum[l][0] += s.X.At(i, 0)
		sum[l][1] += s.X.At(i, 1)
		cnt[l]++
	}
	// Each class mean is within a few standard errors (0.1/√1000) of its
	// centre on the unit circle.
	for c := range k {
		a := 2 * math.Pi * float64(c) / k
		mx, my := sum[c][0]/float64(cnt[c]), sum[c][1]/float64(cnt[c])
		if math.Hypot(mx-math.Cos(a), my-math.Sin(a)) > 0.02 {
			t.Errorf("class %d mean (%.3f, %.3f), want (%.3f, %.3f)", c, mx, my, math.Cos(a), math.Sin(a))
		}
	}
	// With no spread every point is its centre.
	z := Blobs(4, 2, 0, rand.New(rand.NewPCG(2, 0)))
	if want := []float64{1, 0, -1, 0, 1, 0, -1, 0}; !slices.EqualFunc(z.X.Data, want, func(a, b float64) bool { return math.Abs(a-b) < 1e-15 }) {
		t.Errorf("spread 0: %v, want %v", z.X.Data, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("Blobs with 0 classes did not panic")
		}
	}()
	Blobs(4, 0, 0.1, rand.New(rand.NewPCG(2, 0)))
}
