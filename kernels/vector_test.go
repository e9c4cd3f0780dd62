package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// vectorInputs returns n values with the awkward ones mixed in: ±0, NaN,
// ±Inf, tiny and huge.
func vectorInputs(rng *rand.Rand, n int) []float64 {
	special := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, -5e-324, 1e308, -1e308}
	x := make([]float64, n)
	for i := range x {
		if rng.IntN(4) == 0 {
			x[i] = special[rng.IntN(len(special))]
		} else {
			x[i] = rng.NormFloat64()
		}
	}
	return x
}

// sameBits reports whether a and b hold the same bits (NaNs compared as
// NaNs of any payload).
func sameBits(a, b []float64) bool {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return len(a) == len(b)
}

// The vector loops give the bits of their Go references for every length
// around the assembly's blocks of 4 and 16, and never write past n: the
// element after each output is a NaN guard that must survive.
func TestVectorMatchesGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, path := range Paths() {
		if err := SetPath(path); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{0, 1, 3, 4, 5, 15, 16, 17, 31, 33, 64, 100, 1027} {
			x, g := vectorInputs(rng, n), vectorInputs(rng, n)
			guarded := func(v []float64) []float64 { return append(append([]float64(nil), v...), math.NaN()) }
			check := func(name string, got, want []float64) {
				t.Helper()
				if !sameBits(got[:n], want[:n]) {
					t.Errorf("%s/%s n=%d: got %v, want %v", path, name, n, got[:n], want[:n])
				}
				if !math.IsNaN(got[n]) {
					t.Errorf("%s/%s n=%d: wrote past the end", path, name, n)
				}
			}
			w, ref := guarded(x), guarded(x)
			vecAxpy(w[:n], g, -0.1)
			axpyGeneric(ref[:n], g, -0.1)
			check("Axpy", w, ref)

			y, ref := guarded(g), guarded(g)
			vecReLU(y[:n], x)
			reluGeneric(ref[:n], x)
			check("ReLU", y, ref)

			dx, ref := guarded(g), guarded(g)
			vecReLUGrad(dx[:n], g, x)
			reluGradGeneric(ref[:n], g, x)
			check("ReLUGrad", dx, ref)

			d, ref := guarded(g), guarded(g)
			vecAddTo(d[:n], x)
			addToGeneric(ref[:n], x)
			check("AddTo", d, ref)
		}
	}
	SetPath(Paths()[0])
}

// Go's builtin max, which ReLU follows: NaN stays NaN, −0 gives +0.
func TestReLUSpecialValues(t *testing.T) {
	x := []float64{math.NaN(), math.Copysign(0, -1), 0, -1, 2, math.Inf(-1), math.Inf(1), -3}
	y := make([]float64, len(x))
	vecReLU(y, x)
	want := []float64{math.NaN(), 0, 0, 0, 2, 0, math.Inf(1), 0}
	if !sameBits(y, want) {
		t.Errorf("vecReLU(%v) = %v, want %v", x, y, want)
	}
}

func TestVectorShortSlicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Axpy with a short y did not panic")
		}
	}()
	vecAxpy(make([]float64, 3), make([]float64, 4), 1)
}

func BenchmarkAxpy(b *testing.B) {
	w, g := make([]float64, 784*128), make([]float64, 784*128)
	b.SetBytes(int64(len(w)) * 8 * 3)
	for b.Loop() {
		vecAxpy(w, g, -1e-9)
	}
}
