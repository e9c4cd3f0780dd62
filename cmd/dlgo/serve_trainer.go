package main

// serve_trainer.go: one `dlgo serve` session's network and data, trained
// by hand — Forward, loss, Backward, optimizer Step, one mini-batch at a
// time — so that the session can stop, step or reset between any two
// epochs; and the pictures of it the page draws: the decision boundary
// over the input plane and, for every hidden unit, its own activation over
// the same plane, got by running a grid of points through the layers one
// at a time.
//
// A trainer belongs to one goroutine (serve_session.go); nothing here
// locks. It is not the HTTP side, nor the published state.

import (
	"encoding/base64"
	"fmt"
	"math"
	"math/rand/v2"

	"dlgo/data"
	"dlgo/nn"
	"dlgo/tensor"
)

// gridSize is the number of cells along each side of the input plane in
// the maps: 40×40 = 1600 points through the network per picture.
const gridSize = 40

// epochStats is one epoch's point on the page's curves.
type epochStats struct {
	TrainLoss float64 `json:"trainLoss"`
	TestLoss  float64 `json:"testLoss"`
	TrainAcc  float64 `json:"trainAcc"`
	TestAcc   float64 `json:"testAcc"`
}

// trainer is a network, its data and its optimizer.
type trainer struct {
	cfg serveConfig

	train, test    *data.Set // in the data's own coordinates, for drawing
	xTrain, yTrain *tensor.Tensor
	xTest, yTest   *tensor.Tensor
	extent         [4]float64     // x0, x1, y0, y1 of the plane drawn
	grid           *tensor.Tensor // gridSize² points of the plane, standardised

	model   *nn.Sequential
	dense   []*nn.Dense // the Dense layers, input side first
	hidden  []int       // index in model.Layers of each hidden activation
	loss    nn.Loss     // the training loss
	eval    nn.Loss     // the same kind of loss, for the curves
	opt     nn.Optimizer
	shuffle *rand.Rand
	perm    []int
	xb, yb  *tensor.Tensor // the mini-batch
	epoch   int
}

// seedStream returns the random stream number k of seed: the data, the
// split, the weights, the shuffles and dropout each draw from their own,
// so that changing one (a wider layer) leaves the others alone (the same
// data).
func seedStream(seed uint64, k uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, k)) }

// newTrainer builds the data and the network of cfg, which must be valid.
func newTrainer(cfg serveConfig) *trainer {
	t := &trainer{cfg: cfg}
	all := generate2D(cfg, seedStream(cfg.Seed, 1))
	t.train, t.test = data.Split(all, cfg.TestRatio, seedStream(cfg.Seed, 2))
	t.extent = squareExtent(all)

	// Standardise with the training set's mean and spread; the test set
	// and the grid go through the same map (scale.go).
	sc := data.FitScaler(t.train.X)
	t.xTrain, t.yTrain = sc.Apply(t.train.X.Clone()), targets(t.train, cfg.Loss)
	t.xTest, t.yTest = sc.Apply(t.test.X.Clone()), targets(t.test, cfg.Loss)
	t.grid = tensor.New(gridSize*gridSize, 2)
	for r := range gridSize {
		for c := range gridSize {
			x, y := t.cellCentre(r, c)
			row := t.grid.Row(r*gridSize + c)
			row[0], row[1] = x, y
		}
	}
	sc.Apply(t.grid)

	t.buildModel(seedStream(cfg.Seed, 3), seedStream(cfg.Seed, 5))
	t.shuffle = seedStream(cfg.Seed, 4)
	t.perm = make([]int, t.train.Len())
	b := min(cfg.Batch, t.train.Len())
	t.xb, t.yb = tensor.New(b, 2), tensor.New(b, t.yTrain.Cols())
	return t
}

// generate2D makes the cfg.Points examples of cfg.Dataset.
func generate2D(cfg serveConfig, rng *rand.Rand) *data.Set {
	n := cfg.Points
	switch cfg.Dataset {
	case "planar":
		s := data.Planar(n, rng)
		// The course's set has its own noise; more is added on top.
		for i := range s.X.Data {
			s.X.Data[i] += cfg.Noise * rng.NormFloat64()
		}
		return s
	case "moons":
		return data.Moons(n, cfg.Noise, rng)
	case "circles":
		return data.Circles(n, cfg.Noise, 0.5, rng)
	case "xor":
		return data.XOR(n, cfg.Noise, rng)
	case "spiral":
		return data.Spiral(n, cfg.Noise, rng)
	case "blobs":
		return data.Blobs(n, 2, cfg.Noise, rng)
	}
	panic(fmt.Sprintf("generate2D: unknown data set %q (validate lets none through)", cfg.Dataset))
}

// squareExtent returns a square around the points of s, with a margin of
// a tenth, as x0, x1, y0, y1.
func squareExtent(s *data.Set) [4]float64 {
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range s.Len() {
		x, y := s.X.At(i, 0), s.X.At(i, 1)
		x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
	}
	cx, cy := (x0+x1)/2, (y0+y1)/2
	h := max(x1-x0, y1-y0, 1e-9) / 2 * 1.1
	return [4]float64{cx - h, cx + h, cy - h, cy + h}
}

// cellCentre returns the data coordinates of the centre of grid cell
// (r, c), row 0 at the top (the largest y), as the page draws it.
func (t *trainer) cellCentre(r, c int) (x, y float64) {
	e := t.extent
	x = e[0] + (float64(c)+0.5)/gridSize*(e[1]-e[0])
	y = e[3] - (float64(r)+0.5)/gridSize*(e[3]-e[2])
	return x, y
}

// targets returns the labels of s as the loss wants them: a 0/1 column
// for one output (bce, mse), one-hot rows for two (softmax).
func targets(s *data.Set, loss string) *tensor.Tensor {
	if loss == "softmax" {
		y := tensor.New(s.Len(), 2)
		for i, l := range s.Labels {
			y.Data[2*i+l] = 1
		}
		return y
	}
	y := tensor.New(s.Len(), 1)
	for i, l := range s.Labels {
		y.Data[i] = float64(l)
	}
	return y
}

// buildModel makes the network: for each hidden layer Dense, activation
// (and dropout, when asked for), then a Dense to the output — one logit
// (bce), two (softmax) or a sigmoid probability (mse).
func (t *trainer) buildModel(initRng, dropRng *rand.Rand) {
	cfg := t.cfg
	// Xavier, N(0, 2/(in + out)), for tanh and sigmoid; He, N(0, 2/in), for
	// the ReLUs, which zero half their inputs' variance (nn/init.go).
	init := nn.Xavier
	if cfg.Activation == "relu" || cfg.Activation == "leakyrelu" {
		init = nn.He
	}
	var layers []nn.Layer
	in := 2
	for _, w := range cfg.Hidden {
		d := nn.NewDenseInit(in, w, init, initRng)
		t.dense = append(t.dense, d)
		layers = append(layers, d)
		t.hidden = append(t.hidden, len(layers))
		layers = append(layers, activation(cfg.Activation))
		if drop := dropoutLayer(cfg.Dropout, dropRng); drop != nil {
			layers = append(layers, drop)
		}
		in = w
	}
	out := 1
	if cfg.Loss == "softmax" {
		out = 2
	}
	d := nn.NewDenseInit(in, out, nn.Xavier, initRng)
	t.dense = append(t.dense, d)
	layers = append(layers, d)
	switch cfg.Loss {
	case "bce":
		t.loss, t.eval = &nn.BCEWithLogits{}, &nn.BCEWithLogits{}
	case "softmax":
		t.loss, t.eval = &nn.SoftmaxCrossEntropy{}, &nn.SoftmaxCrossEntropy{}
	case "mse":
		layers = append(layers, &nn.Sigmoid{})
		t.loss, t.eval = &nn.MSE{}, &nn.MSE{}
	}
	// NoInputGrad: the data's own gradient is never needed.
	t.model = &nn.Sequential{Layers: layers, NoInputGrad: true}
	t.opt = serveOptimizer(cfg)
}

// runEpoch trains one epoch of shuffled mini-batches and returns the
// curves' point for it. A loss that is not finite stops the epoch with an
// error saying where.
func (t *trainer) runEpoch() (epochStats, error) {
	n, b := t.train.Len(), t.xb.Rows()
	for i := range t.perm {
		t.perm[i] = i
	}
	t.shuffle.Shuffle(n, func(i, j int) { t.perm[i], t.perm[j] = t.perm[j], t.perm[i] })
	params := t.model.Params()
	setTraining(t.model, true)
	for lo := 0; lo < n; lo += b {
		idx := t.perm[lo:min(lo+b, n)]
		xb, yb := t.xb, t.yb
		if len(idx) < b { // the last, short batch
			xb = &tensor.Tensor{Shape: []int{len(idx), 2}, Data: t.xb.Data[:2*len(idx)]}
			yb = &tensor.Tensor{Shape: []int{len(idx), t.yb.Cols()}, Data: t.yb.Data[:t.yb.Cols()*len(idx)]}
		}
		tensor.GatherRows(xb, t.xTrain, idx)
		tensor.GatherRows(yb, t.yTrain, idx)
		t.model.ZeroGrad()
		cost := t.loss.Forward(t.model.Forward(xb), yb)
		if math.IsNaN(cost) || math.IsInf(cost, 0) {
			return epochStats{}, fmt.Errorf("training diverged in epoch %d: the loss is %v; lower the learning rate and reset", t.epoch+1, cost)
		}
		t.model.Backward(t.loss.Backward())
		t.opt.Step(params)
	}
	t.epoch++
	return t.stats()
}

// stats evaluates the network on the training and test sets, dropout off.
func (t *trainer) stats() (epochStats, error) {
	setTraining(t.model, false)
	defer setTraining(t.model, true)
	var s epochStats
	s.TrainLoss, s.TrainAcc = nn.Evaluate(t.model, t.eval, t.xTrain, t.yTrain)
	s.TestLoss, s.TestAcc = nn.Evaluate(t.model, t.eval, t.xTest, t.yTest)
	for _, v := range []float64{s.TrainLoss, s.TestLoss} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return s, fmt.Errorf("training diverged in epoch %d: the loss is %v; lower the learning rate and reset", t.epoch, v)
		}
	}
	return s, nil
}

// unitMap is one unit's activation over the plane: gridSize² bytes, row
// 0 at the top, byte v standing for Lo + v/255·(Hi − Lo), in base64.
type unitMap struct {
	Map   string     `json:"map"`
	Range [2]float64 `json:"range"`
}

// pictures is what the page draws of the network as it is now.
type pictures struct {
	// Output is the probability of class 1 over the plane (a unitMap with
	// range [0, 1]).
	Output unitMap `json:"output"`
	// Layers holds the maps of the inputs (x₁ and x₂, standardised), then
	// of every hidden layer's units.
	Layers [][]unitMap `json:"layers"`
	// Weights[l][i][j] is the weight from unit i of layer l to unit j of
	// layer l+1 (the last layer being the output); Biases[l][j] the bias of
	// unit j of layer l+1.
	Weights [][][]float64 `json:"weights"`
	Biases  [][]float64   `json:"biases"`
}

// pictures runs the grid through the layers one at a time, keeping each
// hidden activation's output column by column, and copies the weights.
func (t *trainer) pictures() pictures {
	setTraining(t.model, false)
	defer setTraining(t.model, true)
	var p pictures
	p.Layers = append(p.Layers, columnMaps(t.grid))
	x := t.grid
	next := 0
	for i, l := range t.model.Layers {
		x = l.Forward(x)
		if next < len(t.hidden) && i == t.hidden[next] {
			p.Layers = append(p.Layers, columnMaps(x))
			next++
		}
	}
	// x is now the output: a logit, two logits or a probability.
	prob := make([]float64, gridSize*gridSize)
	for i := range prob {
		switch t.cfg.Loss {
		case "bce":
			prob[i] = 1 / (1 + math.Exp(-x.Data[i]))
		case "softmax":
			// softmax's second component, 1/(1 + e^(z₀ − z₁)).
			prob[i] = 1 / (1 + math.Exp(x.Data[2*i]-x.Data[2*i+1]))
		default:
			prob[i] = x.Data[i]
		}
	}
	p.Output = encodeMap(prob, 0, 1)
	for _, d := range t.dense {
		w, b := d.Params()[0].Value, d.Params()[1].Value
		rows := make([][]float64, w.Rows())
		for i := range rows {
			rows[i] = finiteCopy(w.Row(i))
		}
		p.Weights = append(p.Weights, rows)
		p.Biases = append(p.Biases, finiteCopy(b.Data))
	}
	return p
}

// finiteCopy returns a copy of v with NaN and ±Inf (a net blown up)
// replaced by 0, which JSON can carry.
func finiteCopy(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			out[i] = x
		}
	}
	return out
}

// columnMaps returns one map per column of x (gridSize² rows), each
// scaled to its own range.
func columnMaps(x *tensor.Tensor) []unitMap {
	n, c := x.Rows(), x.Cols()
	maps := make([]unitMap, c)
	col := make([]float64, n)
	for j := range c {
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range n {
			v := x.Data[i*c+j]
			col[i] = v
			lo, hi = min(lo, v), max(hi, v)
		}
		maps[j] = encodeMap(col, lo, hi)
	}
	return maps
}

// encodeMap quantises values in [lo, hi] to bytes, in base64. A range
// that is not finite (a unit blown up) gives an all-zero map of range
// [0, 0], since JSON has no NaN or Inf.
func encodeMap(v []float64, lo, hi float64) unitMap {
	b := make([]byte, len(v))
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		lo, hi = 0, 0
	}
	span := hi - lo
	for i, x := range v {
		q := 0.0
		if span > 0 && !math.IsNaN(x) {
			q = (x - lo) / span * 255
		}
		b[i] = byte(math.Round(min(max(q, 0), 255)))
	}
	return unitMap{Map: base64.StdEncoding.EncodeToString(b), Range: [2]float64{lo, hi}}
}
