package nn_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"dlgo/kernels"
	"dlgo/nn"
	"dlgo/tensor"
)

// adamReference is Adam's update written as the plain loop over one
// parameter (step t ≥ 1), each product rounded before the sum it feeds as
// kernels' Adam loop does.
func adamReference(o nn.Adam, t int, w, g, m, v []float64) {
	lr := o.LR / (1 - math.Pow(o.Beta1, float64(t)))
	rc2 := 1 / math.Sqrt(1-math.Pow(o.Beta2, float64(t)))
	for i := range w {
		m[i] = float64(o.Beta1*m[i]) + float64((1-o.Beta1)*g[i])
		v[i] = float64(o.Beta2*v[i]) + float64(float64((1-o.Beta2)*g[i])*g[i])
		w[i] -= float64(lr*m[i]) / (float64(math.Sqrt(v[i])*rc2) + o.Eps)
	}
}

// Adam.Step gives the bits of the plain loop, step after step, on
// parameters of awkward sizes and on one large enough to be split across
// threads, on every kernel path and for one and two threads.
func TestAdamStepMatchesLoop(t *testing.T) {
	o := nn.Adam{LR: 0.01, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
	sizes := []int{1, 3, 4, 5, 7, 8, 9, 17, 1000, 70001}
	defer kernels.SetThreads(0)
	defer kernels.SetPath(kernels.Paths()[0])
	for _, path := range kernels.Paths() {
		if err := kernels.SetPath(path); err != nil {
			t.Fatal(err)
		}
		for _, threads := range []int{1, 2} {
			kernels.SetThreads(threads)
			rng := rand.New(rand.NewPCG(uint64(threads), 11))
			var params []*nn.Param
			var w, m, v [][]float64
			for _, n := range sizes {
				p := nn.NewParam("w", n)
				for i := range p.Value.Data {
					p.Value.Data[i] = rng.NormFloat64()
				}
				params = append(params, p)
				w = append(w, append([]float64(nil), p.Value.Data...))
				m, v = append(m, make([]float64, n)), append(v, make([]float64, n))
			}
			for step := 1; step <= 4; step++ {
				for j, p := range params {
					for i := range p.Grad.Data {
						p.Grad.Data[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(9)-4))
					}
					if step == 3 && len(p.Grad.Data) > 2 {
						p.Grad.Data[0], p.Grad.Data[1] = 0, math.Copysign(0, -1)
					}
					adamReference(o, step, w[j], p.Grad.Data, m[j], v[j])
				}
				o.Step(params)
				for j, p := range params {
					for i, got := range p.Value.Data {
						if math.Float64bits(got) != math.Float64bits(w[j][i]) {
							t.Fatalf("%s, %d threads, step %d, size %d: w[%d] = %v, want %v",
								path, threads, step, sizes[j], i, got, w[j][i])
						}
					}
				}
			}
		}
	}
}

// A NaN or infinite gradient makes NaN weights (which Train reports as a
// divergence) rather than passing unnoticed.
func TestAdamStepNonFinite(t *testing.T) {
	p := &nn.Param{Name: "w", Value: tensor.FromSlice([]float64{1, 2, 3, 4, 5}, 1, 5), Grad: tensor.New(1, 5)}
	copy(p.Grad.Data, []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, 1})
	nn.Adam{LR: 0.1, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}.Step([]*nn.Param{p})
	for i, w := range p.Value.Data[:3] {
		if !math.IsNaN(w) {
			t.Errorf("w[%d] = %v after a non-finite gradient, want NaN", i, w)
		}
	}
	if p.Value.Data[3] != 4 || math.Abs(p.Value.Data[4]-(5-0.1)) > 1e-9 {
		t.Errorf("w[3:] = %v, want [4 ≈4.9]", p.Value.Data[3:])
	}
}
