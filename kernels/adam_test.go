//go:build !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// adamScalars are the (beta1, beta2, a, s, eps) the tests run AdamUpdate
// with: a usual step, the first step (s = 1/√(1−β2)), and awkward ones
// (eps 0, so that 0/0 and x/0 occur; an infinite and a negative-zero a).
var adamScalars = [][5]float64{
	{0.9, 0.999, 0.001 / (1 - 0.9*0.9), 1 / math.Sqrt(1-0.999*0.999), 1e-8},
	{0.9, 0.999, 0.01 / 0.1, 1 / math.Sqrt(0.001), 1e-8},
	{0.5, 0.25, 3, 0.7, 0},
	{0, 1, math.Inf(1), 2, math.Copysign(0, -1)},
	{1, 0, math.Copysign(0, -1), math.Inf(1), 1},
}

// adamInputs returns w, g, m, v of length n with the awkward values mixed
// in (vectorInputs); v holds their magnitudes but for some NaNs, −0s and
// negative values (which make √v a NaN).
func adamInputs(rng *rand.Rand, n int) (w, g, m, v []float64) {
	w, g, m, v = vectorInputs(rng, n), vectorInputs(rng, n), vectorInputs(rng, n), vectorInputs(rng, n)
	for i := range v {
		if rng.IntN(4) != 0 {
			v[i] = math.Abs(v[i])
		}
	}
	return w, g, m, v
}

// vecAdamUpdate gives the bits of adamGeneric, in w, m and v, on every path
// and for every length around the assembly's blocks of 4 and 8, and
// writes nothing past n: the element after each output is a NaN guard.
func TestAdamUpdateMatchesGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	for _, path := range Paths() {
		if err := SetPath(path); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 31, 1000, 1027} {
			for _, sc := range adamScalars {
				w, g, m, v := adamInputs(rng, n)
				guarded := func(x []float64) []float64 { return append(slices.Clone(x), math.NaN()) }
				gw, gm, gv := guarded(w), guarded(m), guarded(v)
				rw, rm, rv := slices.Clone(w), slices.Clone(m), slices.Clone(v)
				vecAdamUpdate(gw[:n], g, gm[:n], gv[:n], sc[0], sc[1], sc[2], sc[3], sc[4])
				adamGeneric(rw, g, rm, rv, &adamConsts{sc[0], 1 - sc[0], sc[1], 1 - sc[1], sc[2], sc[3], sc[4]})
				for _, c := range []struct {
					name      string
					got, want []float64
				}{{"w", gw, rw}, {"m", gm, rm}, {"v", gv, rv}} {
					if !sameBits(c.got[:n], c.want) {
						t.Errorf("%s n=%d %v: %s = %v, want %v", path, n, sc, c.name, c.got[:n], c.want)
					}
					if !math.IsNaN(c.got[n]) {
						t.Errorf("%s n=%d: wrote past the end of %s", path, n, c.name)
					}
				}
			}
		}
	}
	SetPath(Paths()[0])
}

// The Go loop is the formula of AdamUpdate's comment, written out for one
// element with special values: a zero gradient on zero moments leaves w
// as it is (−0 too), and the usual first step moves w by about a.
func TestAdamUpdateValues(t *testing.T) {
	for _, path := range Paths() {
		if err := SetPath(path); err != nil {
			t.Fatal(err)
		}
		negZero := math.Copysign(0, -1)
		w := []float64{1, negZero, 2, 3, 5, 0, 0, 7}
		g := []float64{0, 0, 0.5, -4, math.NaN(), math.Inf(1), 0, 0}
		m := []float64{0, 0, 0, 0, 0, 0, 0, math.Inf(-1)}
		v := []float64{0, 0, 0, 0, 0, 0, -1, 0}
		const a, s = 0.01 / 0.1, 31.622776601683793 // 1/√0.001
		vecAdamUpdate(w, g, m, v, 0.9, 0.999, a, s, 1e-8)
		want := []float64{1, negZero, w[2], w[3], math.NaN(), math.NaN(), math.NaN(), math.Inf(1)}
		if !sameBits(w, want) {
			t.Errorf("%s: w = %v, want %v", path, w, want)
		}
		// The formula by hand, to rounding: m = 0.1·g, v = 0.001·g².
		for i, gi := range []float64{0.5, -4} {
			want := []float64{2, 3}[i] - a*0.1*gi/(math.Sqrt(0.001*gi*gi)*s+1e-8)
			if math.Abs(w[2+i]-want) > 1e-15 {
				t.Errorf("%s: w[%d] = %v, want %v", path, 2+i, w[2+i], want)
			}
		}
		if math.Abs(w[2]-(2-0.01)) > 1e-9 || math.Abs(w[3]-(3+0.01)) > 1e-9 {
			t.Errorf("%s: a first step moved w by %v and %v, want ∓0.01", path, w[2]-2, w[3]-3)
		}
	}
	SetPath(Paths()[0])
}

// A split update gives the bits of one thread, for any thread count and
// lengths that do not divide evenly, and allocates nothing.
func TestAdamUpdateParallel(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	b1, b2 := 0.9, 0.999 // variables: 1−b1 is then rounded as AdamUpdate rounds it
	for _, threads := range []int{2, 3, 5} {
		withSplit(t, threads)
		for _, n := range []int{7, 8, 17, 100, 1001} {
			w, g, m, v := adamInputs(rng, n)
			rw, rm, rv := slices.Clone(w), slices.Clone(m), slices.Clone(v)
			vecAdamUpdate(w, g, m, v, b1, b2, 0.1, 31.6, 1e-8)
			adamGeneric(rw, g, rm, rv, &adamConsts{b1, 1 - b1, b2, 1 - b2, 0.1, 31.6, 1e-8})
			if !sameBits(w, rw) || !sameBits(m, rm) || !sameBits(v, rv) {
				t.Errorf("AdamUpdate, %d threads, n=%d: differs from one thread", threads, n)
			}
		}
	}
	w, g, m, v := make([]float64, 1000), make([]float64, 1000), make([]float64, 1000), make([]float64, 1000)
	f := func() { vecAdamUpdate(w, g, m, v, 0.9, 0.999, 0.1, 31.6, 1e-8) }
	f()
	if n := testing.AllocsPerRun(50, f); n != 0 {
		t.Errorf("%v allocations per split AdamUpdate, want 0", n)
	}
	SetThreads(1)
	if n := testing.AllocsPerRun(50, f); n != 0 {
		t.Errorf("%v allocations per AdamUpdate on one thread, want 0", n)
	}
}

func TestAdamUpdateShortSlicePanics(t *testing.T) {
	for i := range 3 {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("AdamUpdate with slice %d short did not panic", i+1)
				}
			}()
			s := [3][]float64{make([]float64, 4), make([]float64, 4), make([]float64, 4)}
			s[i] = s[i][:3]
			vecAdamUpdate(make([]float64, 4), s[0], s[1], s[2], 0.9, 0.999, 1, 1, 1e-8)
		}()
	}
}

// BenchmarkAdamUpdate times the update of the first layer of 784-128-10.
func BenchmarkAdamUpdate(b *testing.B) {
	n := 784 * 128
	w, g, m, v := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range g {
		g[i] = float64(i%7) - 3
	}
	b.SetBytes(int64(n) * 8 * 7) // read w, g, m, v; write w, m, v
	for b.Loop() {
		vecAdamUpdate(w, g, m, v, 0.9, 0.999, 1e-3, 1.5, 1e-8)
	}
}
