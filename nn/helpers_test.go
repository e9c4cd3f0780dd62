package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// newRand returns a seeded generator: every test is reproducible.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// randT returns an r×c tensor of N(0, scale²) draws.
func randT(rng *rand.Rand, r, c int, scale float64) *tensor.Tensor {
	t := tensor.New(r, c)
	for i := range t.Data {
		t.Data[i] = scale * rng.NormFloat64()
	}
	return t
}

// uniformT returns an r×c tensor of draws from (lo, hi).
func uniformT(rng *rand.Rand, r, c int, lo, hi float64) *tensor.Tensor {
	t := tensor.New(r, c)
	for i := range t.Data {
		t.Data[i] = lo + (hi-lo)*rng.Float64()
	}
	return t
}

// oneHot returns r one-hot rows of c classes, drawn from rng.
func oneHot(rng *rand.Rand, r, c int) *tensor.Tensor {
	t := tensor.New(r, c)
	for i := 0; i < r; i++ {
		t.Set(1, i, rng.IntN(c))
	}
	return t
}

// mustPanic fails unless f panics with a message containing every want.
func mustPanic(t *testing.T, f func(), want ...string) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("no panic, want one containing %q", want)
		}
		msg := fmt.Sprint(r)
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Fatalf("panic %q does not contain %q", msg, w)
			}
		}
	}()
	f()
}

// close reports whether a and b agree to a relative tolerance tol.
func close(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*max(1, math.Abs(a), math.Abs(b))
}

// eqSlice fails unless got and want agree element-wise within tol.
func eqSlice(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if !close(got[i], want[i], tol) {
			t.Fatalf("%s[%d] = %v, want %v (all: %v, want %v)", what, i, got[i], want[i], got, want)
		}
	}
}

// inputGradErr checks a layer's dx by central differences of the scalar
// J = Σ r ⊙ layer(x), r fixed random weights (so dJ/dy = r), and returns
// ‖a − ñ‖/(‖a‖ + ‖ñ‖) over all entries of x.
func inputGradErr(layer nn.Layer, x *tensor.Tensor, rng *rand.Rand) float64 {
	y := layer.Forward(x)
	r := randT(rng, y.Shape[0], y.Shape[1], 1)
	dx := layer.Backward(r).Clone()
	cost := func() float64 {
		y := layer.Forward(x)
		var s float64
		for i, v := range y.Data {
			s += r.Data[i] * v
		}
		return s
	}
	const h = 1e-5
	var diff, na, nb float64
	for k := range x.Data {
		old := x.Data[k]
		x.Data[k] = old + h
		plus := cost()
		x.Data[k] = old - h
		minus := cost()
		x.Data[k] = old
		num := (plus - minus) / (2 * h)
		diff += (dx.Data[k] - num) * (dx.Data[k] - num)
		na += dx.Data[k] * dx.Data[k]
		nb += num * num
	}
	if na+nb == 0 {
		return 0
	}
	return math.Sqrt(diff) / (math.Sqrt(na) + math.Sqrt(nb))
}

// lossGradErr checks a loss's Backward by central differences over pred.
func lossGradErr(loss nn.Loss, pred, target *tensor.Tensor) float64 {
	loss.Forward(pred, target)
	g := loss.Backward().Clone()
	const h = 1e-5
	var diff, na, nb float64
	for k := range pred.Data {
		old := pred.Data[k]
		pred.Data[k] = old + h
		plus := loss.Forward(pred, target)
		pred.Data[k] = old - h
		minus := loss.Forward(pred, target)
		pred.Data[k] = old
		num := (plus - minus) / (2 * h)
		diff += (g.Data[k] - num) * (g.Data[k] - num)
		na += g.Data[k] * g.Data[k]
		nb += num * num
	}
	if na+nb == 0 {
		return 0
	}
	return math.Sqrt(diff) / (math.Sqrt(na) + math.Sqrt(nb))
}
