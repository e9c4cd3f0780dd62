package bench

// train.go: the training benchmark — examples per second of the plain
// loop a user writes, on MNIST-shaped synthetic data, judged for noise as
// the Gemm rows are.

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"time"

	"dlgo/nn"
	"dlgo/tensor"
)

// TrainConfig says what RunTrain measures: each net at each thread count.
type TrainConfig struct {
	// Nets are layer sizes such as "784-128-10" (ReLU hidden layers,
	// softmax cross-entropy), or "logreg" for logistic regression 784-1
	// (sigmoid, binary cross-entropy).
	Nets     []string
	Batch    int
	Threads  []int
	Duration time.Duration // measuring time per row, after a warm-up
	// SkipDataGrad lists the settings of Sequential.NoInputGrad to measure:
	// false is the plain loop, which computes the gradient of the data and
	// throws it away; true skips it, as PyTorch does for an input that
	// does not require a gradient.
	SkipDataGrad []bool
	// Meter takes the measurements; nil means SystemMeter.
	Meter    Meter
	Progress func(what string)
}

// DefaultNets are the networks `dlgo bench train` measures.
var DefaultNets = []string{"784-128-10", "784-256-128-10", "logreg"}

// EpochExamples is the size of an MNIST training epoch, the unit of the
// seconds-per-epoch figure.
const EpochExamples = 60000

// TrainResult is the training speed of one network at one thread count.
type TrainResult struct {
	Net             string  `json:"net"`
	SkipDataGrad    bool    `json:"skip_data_grad"` // Sequential.NoInputGrad
	Batch           int     `json:"batch"`
	Threads         int     `json:"threads"`
	ExamplesPerSec  float64 `json:"examples_per_s"` // median over the samples
	Min             float64 `json:"examples_per_s_min"`
	Max             float64 `json:"examples_per_s_max"`
	SecondsPerEpoch float64 `json:"s_per_epoch"` // for a 60,000-example epoch
	AllocsPerStep   float64 `json:"allocs_per_step"`
	// CPUShare, Others, Trials, Unstable and Note are as in GemmResult:
	// the row is judged on its spread and on the CPU time it received.
	CPUShare float64  `json:"cpu_share"`
	Others   float64  `json:"others_share"`
	Trials   int      `json:"trials"`
	Unstable bool     `json:"unstable,omitempty"`
	Note     string   `json:"note,omitempty"`
	Causes   []string `json:"causes,omitempty"`
	Err      string   `json:"error,omitempty"`
}

// TrainTableHeader is the header line of the training table.
const TrainTableHeader = "net\tdata grad\tbatch\tthreads\texamples/s\tmin–max\ts/epoch\tallocs/step\t"

// gradName says whether the row computes the gradient of the data.
func (t TrainResult) gradName() string {
	if t.SkipDataGrad {
		return "skipped"
	}
	return "computed"
}

// TableRow formats the row for the training table (tab-separated); an
// unstable row's figures are marked "~".
func (t TrainResult) TableRow() string {
	if t.Err != "" {
		return fmt.Sprintf("%s\t%s\t%d\t%d\t—\t\t\t\tFAILED: %s", t.Net, t.gradName(), t.Batch, t.Threads, t.Err)
	}
	return fmt.Sprintf("%s\t%s\t%d\t%d\t%s\t%.0f–%.0f\t%s\t%g\t%s", t.Net, t.gradName(), t.Batch, t.Threads,
		tilde(t.Unstable, t.ExamplesPerSec, 0), t.Min, t.Max, tilde(t.Unstable, t.SecondsPerEpoch, 3), t.AllocsPerStep, markNote(t.Unstable, t.Note))
}

// trainer is one network with its data, ready to step.
type trainer struct {
	model  *nn.Sequential
	loss   nn.Loss
	opt    nn.Optimizer
	params []*nn.Param
	x, y   *tensor.Tensor // the whole (synthetic) training set
	xb, yb *tensor.Tensor // the reused batch
	perm   []int
	next   int
	rng    *rand.Rand
}

// synthetic is the number of examples in the synthetic set a trainer
// cycles through: enough that a batch is not always in cache.
const synthetic = 4096

// mnistNonzero is the fraction of MNIST's pixels that are not 0 (19%). The
// synthetic images have as many, since Dense skips the zeros of its input.
const mnistNonzero = 0.19

// newTrainer builds the net on MNIST-shaped synthetic data (strokes:
// drawStrokes) and random labels. Training speed depends on the shapes,
// on how many inputs are zero and on where they are (Dense takes two
// neighbouring pixels at a time), not on the values otherwise.
func newTrainer(net string, batch int) (*trainer, error) {
	rng := rand.New(rand.NewPCG(1, 2))
	t := &trainer{rng: rng, opt: nn.SGD{LR: 0.1}}
	var sizes []int
	if net == "logreg" {
		sizes = []int{784, 1}
		t.model = &nn.Sequential{Layers: []nn.Layer{nn.NewDense(784, 1, rng), &nn.Sigmoid{}}}
		t.loss = nn.Loss(&nn.BCE{})
	} else {
		for _, f := range strings.Split(net, "-") {
			v, err := strconv.Atoi(f)
			if err != nil || v < 1 || v > 1<<14 {
				return nil, fmt.Errorf("net %q: %q is not a layer size (want e.g. 784-128-10 or logreg)", net, f)
			}
			sizes = append(sizes, v)
		}
		if len(sizes) < 2 {
			return nil, fmt.Errorf("net %q: want at least an input and an output size", net)
		}
		t.model = &nn.Sequential{}
		for i := 0; i+1 < len(sizes); i++ {
			t.model.Layers = append(t.model.Layers, nn.NewDense(sizes[i], sizes[i+1], rng))
			if i+2 < len(sizes) {
				t.model.Layers = append(t.model.Layers, &nn.ReLU{})
			}
		}
		t.loss = nn.Loss(&nn.SoftmaxCrossEntropy{})
	}
	in, out := sizes[0], sizes[len(sizes)-1]
	t.params = t.model.Params()
	t.x = tensor.New(synthetic, in)
	for i := 0; i < synthetic; i++ {
		if in == 28*28 {
			drawStrokes(t.x.Row(i), rng)
			continue
		}
		for j := range t.x.Row(i) {
			if rng.Float64() < mnistNonzero {
				t.x.Row(i)[j] = 1 - rng.Float64()
			}
		}
	}
	t.y = tensor.New(synthetic, out)
	for i := 0; i < synthetic; i++ {
		if out == 1 {
			t.y.Data[i] = float64(rng.IntN(2))
		} else {
			t.y.Data[i*out+rng.IntN(out)] = 1
		}
	}
	t.xb, t.yb = tensor.New(batch, in), tensor.New(batch, out)
	t.perm = rng.Perm(synthetic)
	return t, nil
}

// step is one SGD step as a user writes it against the public API: copy a
// shuffled batch into the reused tensors, ZeroGrad, Forward, loss Forward,
// loss Backward, Backward, Step.
func (t *trainer) step() float64 {
	b := t.xb.Shape[0]
	if t.next+b > len(t.perm) {
		t.rng.Shuffle(len(t.perm), func(i, j int) { t.perm[i], t.perm[j] = t.perm[j], t.perm[i] })
		t.next = 0
	}
	for i, r := range t.perm[t.next : t.next+b] {
		copy(t.xb.Row(i), t.x.Row(r))
		copy(t.yb.Row(i), t.y.Row(r))
	}
	t.next += b
	t.model.ZeroGrad()
	pred := t.model.Forward(t.xb)
	cost := t.loss.Forward(pred, t.yb)
	t.model.Backward(t.loss.Backward())
	t.opt.Step(t.params)
	return cost
}

// RunTrain measures training speed for each net and thread count,
// appending each row to r.Train and passing it to emit (which may be nil)
// when it is done, then the run's noise. A row whose samples spread wide,
// or that received less CPU time than its threads asked for while other
// processes ran, is measured again and, if still so, marked. It returns
// ctx.Err() if it was cancelled.
func RunTrain(ctx context.Context, cfg TrainConfig, r *Report, emit func(TrainResult)) error {
	start := time.Now()
	w := startWatch()
	meter := cfg.Meter
	if meter == nil {
		meter = SystemMeter{}
	}
	oldProcs := runtime.GOMAXPROCS(0)
	defer func() {
		setThreads(0)
		runtime.GOMAXPROCS(oldProcs)
	}()
	skips := cfg.SkipDataGrad
	if len(skips) == 0 {
		skips = []bool{false}
	}
	for _, net := range cfg.Nets {
		for _, skip := range skips {
			for _, th := range cfg.Threads {
				if err := ctx.Err(); err != nil {
					return err
				}
				if cfg.Progress != nil {
					cfg.Progress(fmt.Sprintf("train %s, batch %d, %s", net, cfg.Batch, plural(th, "thread")))
				}
				runtime.GOMAXPROCS(th)
				setThreads(th)
				t := TrainResult{Net: net, SkipDataGrad: skip, Batch: cfg.Batch, Threads: th, CPUShare: -1, Others: -1}
				if err := measureTrain(ctx, meter, cfg, net, &t); err != nil {
					t.Err = err.Error()
				}
				if ctx.Err() != nil {
					return ctx.Err()
				}
				r.Train = append(r.Train, t)
				if emit != nil {
					emit(t)
				}
			}
		}
	}
	for _, t := range r.Train {
		if t.Trials > 1 {
			r.Noise.Remeasured++
		}
		if t.Unstable {
			r.Noise.Flagged++
		}
	}
	w.finish(&r.Noise, time.Since(start).Seconds())
	r.Noise.mostMarked(len(r.Train))
	return nil
}

func measureTrain(ctx context.Context, meter Meter, cfg TrainConfig, net string, r *TrainResult) error {
	if cfg.Batch < 1 {
		return fmt.Errorf("batch size %d < 1", cfg.Batch)
	}
	t, err := newTrainer(net, cfg.Batch)
	if err != nil {
		return err
	}
	t.model.NoInputGrad = r.SkipDataGrad
	// Warm up (buffers reach their size; with several threads, each
	// worker's packing buffers grow the first time it gets a share of a
	// product, which takes some steps), then count the allocations of a
	// fixed number of steps.
	for i := 0; i < 50; i++ {
		t.step()
	}
	const counted = 100
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < counted; i++ {
		t.step()
	}
	runtime.ReadMemStats(&after)
	r.AllocsPerStep = float64(after.Mallocs-before.Mallocs) / counted

	var cost float64
	var best verdict
	for attempt := 0; ; attempt++ {
		tr := meter.Time(ctx, cfg.Duration, minSamples, func() { cost = t.step() })
		if ctx.Err() != nil {
			return nil
		}
		// Rates in examples/s (rates gives work/s/1e9).
		v := judge(tr, rates(tr.Samples, 1e9*float64(cfg.Batch)), r.Threads, 0)
		r.Trials = attempt + 1
		if attempt == 0 || v.badness() < best.badness() {
			best = v
		}
		if v.ok() || attempt == retries {
			break
		}
	}
	if cost != cost {
		return fmt.Errorf("the loss became NaN")
	}
	r.ExamplesPerSec, r.Min, r.Max = best.s.Median, best.s.Min, best.s.Max
	r.SecondsPerEpoch = EpochExamples / r.ExamplesPerSec
	r.CPUShare, r.Others = best.share, best.others
	if !best.ok() {
		r.Unstable, r.Note, r.Causes = true, best.note(), best.causes()
	}
	return nil
}

// drawStrokes draws a 28×28 image into img (zeros) as MNIST's digits look
// to Dense: pen strokes 2–3 pixels wide in the central 20×20, ink in
// (0, 1], until mnistNonzero of the pixels are inked. Straight segments
// between random points stand in for a digit's curves.
func drawStrokes(img []float64, rng *rand.Rand) {
	inked, want := 0, int(mnistNonzero*float64(len(img)))
	x, y := 4+16*rng.Float64(), 4+16*rng.Float64()
	for inked < want {
		nx, ny := 4+16*rng.Float64(), 4+16*rng.Float64()
		steps := int(2*math.Hypot(nx-x, ny-y)) + 1
		for s := 0; s <= steps && inked < want; s++ {
			px := x + (nx-x)*float64(s)/float64(steps)
			py := y + (ny-y)*float64(s)/float64(steps)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					c, r := int(px)+dx, int(py)+dy
					if c < 0 || c >= 28 || r < 0 || r >= 28 {
						continue
					}
					v := 1 - 0.5*rng.Float64()
					if dx != 0 && dy != 0 {
						v *= 0.5 // the pen's edge
					}
					if img[r*28+c] == 0 {
						inked++
					}
					img[r*28+c] = max(img[r*28+c], v)
				}
			}
		}
		x, y = nx, ny
	}
}
