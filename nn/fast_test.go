package nn_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"dlgo/data"
	"dlgo/kernels"
	"dlgo/nn"
	"dlgo/tensor"
)

// mlp returns a Sequential of Dense layers of the given sizes with ReLU
// between them, drawn from seed.
func mlp(seed uint64, sizes ...int) *nn.Sequential {
	rng := newRand(seed)
	var layers []nn.Layer
	for i := 0; i+1 < len(sizes); i++ {
		layers = append(layers, nn.NewDense(sizes[i], sizes[i+1], rng))
		if i+2 < len(sizes) {
			layers = append(layers, &nn.ReLU{})
		}
	}
	return &nn.Sequential{Layers: layers}
}

// userStep returns one step of the loop a user writes against the public
// API, on the batch x, y.
func userStep(model *nn.Sequential, x, y *tensor.Tensor) func() {
	loss := nn.Loss(&nn.SoftmaxCrossEntropy{})
	opt := nn.SGD{LR: 0.1}
	params := model.Params()
	return func() {
		model.ZeroGrad()
		loss.Forward(model.Forward(x), y)
		model.Backward(loss.Backward())
		opt.Step(params)
	}
}

// userSteps runs userStep steps times.
func userSteps(model *nn.Sequential, x, y *tensor.Tensor, steps int) {
	step := userStep(model, x, y)
	for range steps {
		step()
	}
}

// Sequential.NoInputGrad returns nil and changes no parameter gradient,
// for a Dense first layer, a nested Sequential and any other layer.
func TestSequentialNoInputGrad(t *testing.T) {
	rng := newRand(3)
	x, dy := randT(rng, 5, 6, 1), randT(rng, 5, 3, 1)
	builds := map[string]func() *nn.Sequential{
		"dense": func() *nn.Sequential { return mlp(4, 6, 4, 3) },
		"nested": func() *nn.Sequential {
			return &nn.Sequential{Layers: []nn.Layer{mlp(4, 6, 4), &nn.Tanh{}, nn.NewDense(4, 3, newRand(5))}}
		},
		"tanh first": func() *nn.Sequential {
			return &nn.Sequential{Layers: []nn.Layer{&nn.Tanh{}, nn.NewDense(6, 3, newRand(5))}}
		},
	}
	for name, build := range builds {
		want, got := build(), build()
		want.Forward(x)
		if dx := want.Backward(dy); dx == nil || !slices.Equal(dx.Shape, x.Shape) {
			t.Fatalf("%s: dx = %v without NoInputGrad", name, dx)
		}
		got.NoInputGrad = true
		got.Forward(x)
		if dx := got.Backward(dy); dx != nil {
			t.Fatalf("%s: NoInputGrad: dx = %v, want nil", name, dx)
		}
		wp, gp := want.Params(), got.Params()
		for i := range wp {
			if !slices.Equal(wp[i].Grad.Data, gp[i].Grad.Data) {
				t.Errorf("%s: %s.Grad differs with NoInputGrad", name, wp[i].Name)
			}
		}
	}
}

// SGD.Step gives the bits of the plain loop w −= LR·g.
func TestSGDMatchesPlainLoop(t *testing.T) {
	rng := newRand(9)
	for _, n := range []int{1, 3, 4, 17, 1000} {
		p := nn.NewParam("w", 1, n)
		copy(p.Value.Data, randT(rng, 1, n, 1).Data)
		copy(p.Grad.Data, randT(rng, 1, n, 1).Data)
		want := slices.Clone(p.Value.Data)
		for i := range want {
			want[i] -= float64(0.1 * p.Grad.Data[i]) // rounded, not fused (arm64 would fuse)
		}
		nn.SGD{LR: 0.1}.Step([]*nn.Param{p})
		if !slices.Equal(p.Value.Data, want) {
			t.Errorf("n=%d: SGD.Step differs from the plain loop", n)
		}
	}
}

// referenceStep is one SGD step of a Dense–ReLU–…–Dense net with softmax
// cross-entropy written as the plain loops of its formulas, on the
// parameters of model: the reference the layers' fast paths (bias in the
// product, SIMD ReLU and SGD, cached softmax, skipped dx) are checked
// against.
func referenceStep(model *nn.Sequential, x, y *tensor.Tensor, lr float64) {
	var dense []*nn.Dense
	for _, l := range model.Layers {
		if d, ok := l.(*nn.Dense); ok {
			dense = append(dense, d)
		}
	}
	n := x.Shape[0]
	acts := []*tensor.Tensor{x} // the input of each Dense
	var z *tensor.Tensor
	for i, d := range dense {
		in, out := d.In(), d.Out()
		z = tensor.New(n, out)
		for r := 0; r < n; r++ {
			for j := 0; j < out; j++ {
				s := d.B.Value.Data[j]
				for p := 0; p < in; p++ {
					s += acts[i].Data[r*in+p] * d.W.Value.Data[p*out+j]
				}
				z.Data[r*out+j] = s
			}
		}
		if i+1 < len(dense) {
			a := tensor.New(n, out)
			for k, v := range z.Data {
				a.Data[k] = max(v, 0)
			}
			acts = append(acts, a)
		}
	}
	c := z.Shape[1]
	dz := tensor.New(n, c)
	for r := 0; r < n; r++ {
		m, sum := math.Inf(-1), 0.0
		for _, v := range z.Row(r) {
			m = max(m, v)
		}
		for _, v := range z.Row(r) {
			sum += math.Exp(v - m)
		}
		for j, v := range z.Row(r) {
			dz.Data[r*c+j] = (math.Exp(v-m)/sum - y.Data[r*c+j]) / float64(n)
		}
	}
	for i := len(dense) - 1; i >= 0; i-- {
		d := dense[i]
		in, out := d.In(), d.Out()
		a := acts[i]
		var da *tensor.Tensor
		if i > 0 {
			da = tensor.New(n, in)
			for r := 0; r < n; r++ {
				for p := 0; p < in; p++ {
					var s float64
					for j := 0; j < out; j++ {
						s += dz.Data[r*out+j] * d.W.Value.Data[p*out+j]
					}
					if a.Data[r*in+p] > 0 {
						da.Data[r*in+p] = s
					}
				}
			}
		}
		for p := 0; p < in; p++ {
			for j := 0; j < out; j++ {
				var s float64
				for r := 0; r < n; r++ {
					s += a.Data[r*in+p] * dz.Data[r*out+j]
				}
				d.W.Value.Data[p*out+j] -= lr * s
			}
		}
		for j := 0; j < out; j++ {
			var s float64
			for r := 0; r < n; r++ {
				s += dz.Data[r*out+j]
			}
			d.B.Value.Data[j] -= lr * s
		}
		dz = da
	}
}

// The user's loop, on every kernel path and with the input gradient
// skipped or not, moves the weights as the plain reference step does.
//
// The second case has a mostly-zero input (as MNIST's) and a first layer
// 64 wide, so that on the avx512 path its products skip the zeros.
func TestStepMatchesReference(t *testing.T) {
	defer kernels.SetPath(kernels.Paths()[0])
	rng := newRand(11)
	cases := []struct {
		x, y  *tensor.Tensor
		sizes []int
	}{
		{uniformT(rng, 13, 20, -1, 1), oneHot(rng, 13, 5), []int{20, 16, 9, 5}},
		{sparseT(rng, 24, 50, 0.2), oneHot(rng, 24, 5), []int{50, 64, 9, 5}},
	}
	for _, c := range cases {
		for _, path := range kernels.Paths() {
			kernels.SetPath(path)
			for _, skip := range []bool{false, true} {
				got, want := mlp(12, c.sizes...), mlp(12, c.sizes...)
				got.NoInputGrad = skip
				for range 3 {
					userSteps(got, c.x, c.y, 1)
					referenceStep(want, c.x, c.y, 0.1)
				}
				gp, wp := got.Params(), want.Params()
				for i := range gp {
					eqSlice(t, path+" "+gp[i].Name, gp[i].Value.Data, wp[i].Value.Data, 1e-12)
				}
			}
		}
	}
}

// sparseT returns an r×c tensor with about density of nonzeros in (0, 1).
func sparseT(rng *rand.Rand, r, c int, density float64) *tensor.Tensor {
	t := tensor.New(r, c)
	for i := range t.Data {
		if rng.Float64() < density {
			t.Data[i] = rng.Float64()
		}
	}
	return t
}

// Training gives the same bits with 1 and 2 threads (the products are
// split across threads, each element computed by one of them in a fixed
// order), on the MLP shapes where the split happens.
func TestTrainStepsThreadsBitIdentical(t *testing.T) {
	defer kernels.SetThreads(0)
	rng := newRand(13)
	for _, x := range []*tensor.Tensor{uniformT(rng, 64, 784, 0, 1), sparseT(rng, 64, 784, 0.2)} {
		trainThreadsBitIdentical(t, x, oneHot(rng, 64, 10))
	}
}

// trainThreadsBitIdentical trains 784-128-10 for 3 steps on x, y with 1
// and 2 threads and compares the weights bit for bit.
func trainThreadsBitIdentical(t *testing.T, x, y *tensor.Tensor) {
	t.Helper()
	var weights [][]float64
	for _, threads := range []int{1, 2} {
		kernels.SetThreads(threads)
		model := mlp(14, 784, 128, 10)
		model.NoInputGrad = true
		userSteps(model, x, y, 3)
		var w []float64
		for _, p := range model.Params() {
			w = append(w, p.Value.Data...)
		}
		weights = append(weights, w)
	}
	for i := range weights[0] {
		if math.Float64bits(weights[0][i]) != math.Float64bits(weights[1][i]) {
			t.Fatalf("weight %d: %v with 1 thread, %v with 2", i, weights[0][i], weights[1][i])
		}
	}
}

// The user's loop allocates nothing per step, with NoInputGrad or not.
func TestUserLoopAllocs(t *testing.T) {
	skipInTextbook(t)
	for _, skip := range []bool{false, true} {
		model, x, y := mnistNet(64)
		model.NoInputGrad = skip
		step := userStep(model, x, y)
		step()
		if n := testing.AllocsPerRun(10, step); n != 0 {
			t.Errorf("NoInputGrad=%v: %v allocations per step, want 0", skip, n)
		}
	}
}

// An epoch of the user's loop over a data.Batcher allocates nothing, the
// last, smaller batch included.
func TestEpochAllocs(t *testing.T) {
	skipInTextbook(t)
	rng := newRand(15)
	x, labels := sparseT(rng, 650, 784, 0.19), make([]int, 650) // as MNIST: Dense's sparse path
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	for _, a := range epochArchs {
		model, loss, y := a.build(16, labels)
		model.NoInputGrad = true
		params := model.Params()
		batches := data.NewBatcher(x, y, 64, newRand(17))
		trainEpoch(model, loss, nn.SGD{LR: 0.1}, params, batches)
		if n := testing.AllocsPerRun(3, func() { trainEpoch(model, loss, nn.SGD{LR: 0.1}, params, batches) }); n != 0 {
			t.Errorf("%s: %v allocations per epoch, want 0", a.name, n)
		}
	}
}
