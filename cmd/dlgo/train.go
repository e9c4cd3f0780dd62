package main

// train.go: `dlgo train`, the flags, their per-data-set defaults, and the
// run: load, build, train with a per-epoch report, test, save, plot.
//
// A run never loses a good model: the best validation epoch so far is
// saved beside the target, in OUT.partial, and the target is replaced once,
// at the end, by that best epoch (not the last), and only if the model
// already there does not score better on this run's validation set (unless
// -replace). Ctrl-C, SIGTERM and a broken pipe stop the run after the batch
// in progress and say where its best model is.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"dlgo/data"
	"dlgo/kernels"
	"dlgo/nn"
)

const trainAbout = `Trains a network and saves it. With no flags: MNIST (fetched once through
the Go module system unless -data names a folder), 784-128-10 with ReLU,
softmax cross-entropy, Adam with a cosine learning-rate decay.

-data is mnist, planar (the course's flower set), moons, circles, a CSV
file (numeric features; the label column is -label, by default the last) or
a folder holding the four MNIST files. Flags marked "per data set" default
to what suits the data (shown in the configuration printed at the start).

The model goes to -out, by default named after the data (mnist.dlgo,
planar.dlgo, iris.dlgo for iris.csv). The best validation epoch so far is
kept in OUT.partial; at the end it replaces OUT in one rename, unless the
model already there scores better on this run's validation set (-replace
replaces it anyway). Ctrl-C, SIGTERM or a broken pipe stop the run after
the batch in progress and say where its best model is.`

// trainFlags holds the flags of dlgo train as given.
type trainFlags struct {
	data, label, hidden, act, loss, opt, init, schedule, out, plot string
	lr                                                             float64
	batch, epochs, threads, binary                                 int
	seed                                                           uint64
	replace                                                        bool
}

// perData is what suits each kind of data when the flags say nothing.
type perData struct {
	hidden string
	act    string
	lr     float64 // for Adam; SGD and momentum use sgdLR
	batch  int
	epochs int
}

var dataDefaults = map[string]perData{
	// 97.99% test accuracy in 9–10 s on a 2-core EPYC (avx512 kernel;
	// 44 s on the generic one), bit-identical for any thread count.
	"mnist":   {"128", "relu", 2e-3, 128, 15},
	"planar":  {"4", "tanh", 0.1, 32, 300}, // the course's 4 tanh units; ~89%
	"moons":   {"16", "relu", 0.01, 32, 100},
	"circles": {"16", "relu", 0.01, 32, 100},
	"csv":     {"32", "relu", 3e-3, 32, 100},
}

// sgdLR is the default learning rate of plain and momentum SGD.
const sgdLR = 0.1

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", "train [flags]", trainAbout, stderr)
	var f trainFlags
	fs.StringVar(&f.data, "data", "mnist", "`data`: mnist, planar, moons, circles, FILE.csv or a folder of MNIST files")
	fs.StringVar(&f.label, "label", "", "CSV label `column`, by name or index from 0 (default the last)")
	fs.IntVar(&f.binary, "binary", -1, "pose the task as \"is it class `DIGIT`?\" with one sigmoid output (MNIST: the course's cat / non-cat)")
	fs.StringVar(&f.hidden, "hidden", "", "hidden layer `sizes`, e.g. 128,64; none for logistic/softmax regression (per data set: 128 for MNIST)")
	fs.StringVar(&f.act, "act", "", "hidden `activation`: "+strings.Join(activations, ", ")+" (per data set: relu, tanh for planar)")
	fs.StringVar(&f.loss, "loss", "", "`loss`: ce (softmax cross-entropy), bce (binary cross-entropy on a sigmoid output), mse (default ce, bce for two classes)")
	fs.StringVar(&f.opt, "opt", "adam", "`optimizer`: "+strings.Join(optNames, ", "))
	fs.Float64Var(&f.lr, "lr", 0, "learning `rate` (default 0.1 for sgd and momentum; for adam per data set: 0.002 for MNIST)")
	fs.StringVar(&f.schedule, "schedule", "cosine", "learning-rate `schedule`: cosine (decay to 0 over the epochs) or constant")
	fs.IntVar(&f.batch, "batch", 0, "mini-batch `size` (per data set: 128 for MNIST)")
	fs.IntVar(&f.epochs, "epochs", 0, "`number` of epochs (per data set: 15 for MNIST)")
	fs.Uint64Var(&f.seed, "seed", 1, "random `seed` for the data, the weights and the shuffling")
	fs.IntVar(&f.threads, "threads", 0, "`goroutines` per matrix multiply (default GOMAXPROCS)")
	fs.StringVar(&f.init, "init", "", "weight `init`: he, xavier, small (default he for relu, xavier for tanh and sigmoid)")
	fs.StringVar(&f.out, "out", "", "model `file` to write (default named after the data: mnist.dlgo, planar.dlgo, iris.dlgo for iris.csv…)")
	fs.BoolVar(&f.replace, "replace", false, "replace -out even if the model already there scores better on this run's validation set")
	fs.StringVar(&f.plot, "plot", "", "write the loss and accuracy curves to `FILE.png` (and, for 2-D data, the decision boundary; for MNIST, the first layer's weights)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := resolveTrain(fs, f)
	if err != nil {
		return err
	}
	ctx, stop := stopOnSignal()
	defer stop()
	return train(ctx, cfg, stdout)
}

// stopOnSignal returns a context cancelled by the first Ctrl-C, SIGTERM
// (kill, timeout) or SIGPIPE (dlgo train | head), so that training stops
// after the batch in progress and says where its best model is. After the
// first, a second Ctrl-C or SIGTERM ends the program at once (nothing is
// lost: the target is replaced only by a rename), and a broken pipe makes
// writes fail rather than kill the program. The cause is the signal, for
// the message.
func stopOnSignal() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			cancel(&signalError{s})
			signal.Reset(os.Interrupt, syscall.SIGTERM)
		case <-done:
		}
	}()
	return ctx, func() {
		close(done)
		signal.Stop(sigs)
		cancel(nil)
	}
}

// signalError is the cause of a run stopped by a signal.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string { return "stopped by " + signalName(e.sig) }

// Unwrap makes a stop by signal a context.Canceled.
func (e *signalError) Unwrap() error { return context.Canceled }

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "Ctrl-C (SIGINT)"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGPIPE:
		return "a broken pipe (SIGPIPE)"
	}
	return s.String()
}

// trainConfig is a run of dlgo train, every choice made.
type trainConfig struct {
	spec     dataSpec
	net      netSpec // In and Out are set once the data is loaded
	opt      string
	lr       float64
	schedule string
	batch    int
	epochs   int
	threads  int
	out      string
	plot     string
	replace  bool
}

// resolveTrain checks the flags and fills in the per-data-set defaults.
func resolveTrain(fs *flagSet, f trainFlags) (*trainConfig, error) {
	kind, err := dataKind(f.data)
	if err != nil {
		return nil, err
	}
	def := dataDefaults[kind]
	c := &trainConfig{
		spec:     dataSpec{Source: f.data, Kind: kind, Label: f.label, Binary: f.binary, Seed: f.seed},
		opt:      f.opt,
		lr:       f.lr,
		schedule: f.schedule,
		batch:    f.batch,
		epochs:   f.epochs,
		threads:  f.threads,
		out:      f.out,
		plot:     f.plot,
		replace:  f.replace,
	}
	if kind == "csv" || f.data != kind { // a file or a folder
		// eval, run from elsewhere, must find it again
		if c.spec.Path, err = filepath.Abs(f.data); err != nil {
			return nil, err
		}
	}
	if f.label != "" && kind != "csv" {
		return nil, usagef("-label is for CSV files; -data %s has no label column to choose", f.data)
	}
	if f.binary < -1 {
		return nil, usagef("-binary %d: want a class number (0 or more)", f.binary)
	}
	hidden := f.hidden
	if !fs.isSet("hidden") {
		hidden = def.hidden
	}
	if c.net.Hidden, err = parseHidden(hidden); err != nil {
		return nil, err
	}
	c.net.Act = f.act
	if !fs.isSet("act") {
		c.net.Act = def.act
	}
	if err := oneOf("act", c.net.Act, activations); err != nil {
		return nil, err
	}
	c.net.Init = f.init
	if !fs.isSet("init") {
		c.net.Init = "he"
		if c.net.Act == "tanh" || c.net.Act == "sigmoid" {
			c.net.Init = "xavier"
		}
	}
	if err := oneOf("init", c.net.Init, initNames); err != nil {
		return nil, err
	}
	c.net.Loss = f.loss // "" until the number of classes is known
	if f.loss != "" {
		if err := oneOf("loss", f.loss, lossNames); err != nil {
			return nil, err
		}
	}
	if err := oneOf("opt", f.opt, optNames); err != nil {
		return nil, err
	}
	if err := oneOf("schedule", f.schedule, []string{"cosine", "constant"}); err != nil {
		return nil, err
	}
	if !fs.isSet("lr") {
		c.lr = def.lr
		if f.opt != "adam" {
			c.lr = sgdLR
		}
	}
	if !(c.lr > 0) || math.IsInf(c.lr, 0) {
		return nil, usagef("-lr %v: want a positive learning rate", f.lr)
	}
	if !fs.isSet("batch") {
		c.batch = def.batch
	}
	if c.batch < 1 {
		return nil, usagef("-batch %d: want 1 or more", f.batch)
	}
	if !fs.isSet("epochs") {
		c.epochs = def.epochs
	}
	if c.epochs < 1 {
		return nil, usagef("-epochs %d: want 1 or more", f.epochs)
	}
	if c.threads < 0 || c.threads > maxThreads {
		return nil, usagef("-threads %d: want 0 (GOMAXPROCS) to %d", f.threads, maxThreads)
	}
	// The hidden layers alone (inputs and outputs of one unit, whatever
	// the data) must fit before the data is loaded.
	if err := checkMemory("-hidden "+hidden, trainMemory(netSpec{In: 1, Hidden: c.net.Hidden, Out: 1}, c.batch)); err != nil {
		return nil, err
	}
	if c.out == "" {
		c.out = defaultOut(c.spec)
	}
	if err := checkModelOutput(c.out); err != nil {
		return nil, err
	}
	if c.plot != "" {
		if err := checkOutput("plot", c.plot, ".png"); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// maxThreads caps -threads, as bench's -threads is capped: each thread
// has its packing buffers, and more threads than cores only slow a run.
const maxThreads = 1024

// defaultOut names the model file after the data, so that one exercise
// does not overwrite another's model: mnist.dlgo, planar.dlgo, moons.dlgo,
// iris.dlgo for iris.csv, FOLDER.dlgo for a folder of MNIST files, with
// "-N" added for -binary N.
func defaultOut(spec dataSpec) string {
	name := spec.Kind
	if spec.Source != spec.Kind { // a file or a folder
		base := filepath.Base(filepath.Clean(spec.Source))
		name = strings.TrimSuffix(base, filepath.Ext(base))
		if name == "" || name == "." || name == string(filepath.Separator) {
			name = spec.Kind
		}
	}
	if spec.Binary >= 0 {
		name += fmt.Sprintf("-%d", spec.Binary)
	}
	return name + ".dlgo"
}

// checkOutput checks, before any training, that a file can be written
// where flag -name says: its folder exists and takes new files, the name is
// not a folder, and it has the extension ext.
func checkOutput(name, path, ext string) error {
	if path == "" {
		return usagef("-%s: empty file name", name)
	}
	if ext != "" && !strings.EqualFold(filepath.Ext(path), ext) {
		return usagef("-%s %s: want a %s file name", name, path, ext)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		example := "model" + ext
		if ext == "" {
			example = "model.dlgo"
		}
		return usagef("-%s %s: is a folder; give a file name in it, such as %s", name, path, filepath.Join(path, example))
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return usagef("-%s %s: folder %s does not exist", name, path, dir)
	}
	// Named as nn's temporary files are, so that if this process is
	// killed right now, the next save removes it.
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return usagef("-%s %s: cannot write in folder %s: %v", name, path, dir, errors.Unwrap(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// checkModelOutput checks -out: a writable file name that is not a folder
// and, if a file is there already, a dlgo model (rather than, say, the CSV
// file trained on, given to -out by mistake).
func checkModelOutput(path string) error {
	if err := checkOutput("out", path, ""); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	if !st.Mode().IsRegular() {
		return usagef("-out %s: not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return usagef("-out %s: %v", path, err)
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	if string(head[:n]) != "DLGOMODL" {
		return usagef("-out %s: the file there is not a dlgo model; refusing to overwrite it (remove it or choose another -out)", path)
	}
	return nil
}

// epochRecord is one line of the training report, kept for the plot.
type epochRecord struct {
	epoch           int
	loss            float64 // mean training loss
	valLoss, valAcc float64
	seconds         float64
	examplesPerSec  float64
}

// train runs a resolved configuration, printing to w.
func train(ctx context.Context, c *trainConfig, w io.Writer) error {
	kernels.SetThreads(c.threads)
	defer kernels.SetThreads(0)

	start := time.Now()
	sets, err := loadSets(ctx, &c.spec, true, false, w)
	if err != nil {
		return err
	}
	tr := sets.train
	classes := tr.Classes
	if c.net.Loss == "" {
		c.net.Loss = "ce"
		if classes == 2 {
			c.net.Loss = "bce"
		}
	}
	if c.net.Loss == "bce" && classes != 2 {
		return usagef("-loss bce needs two classes; %s has %d (use ce, or -binary to pick one class)", tr.Name, classes)
	}
	c.net.In, c.net.Out, c.net.Classes = tr.Dim(), outputs(c.net.Loss, classes), classes
	if err := checkMemory(fmt.Sprintf("a %s network with batch %d", c.net, c.batch), trainMemory(c.net, c.batch)); err != nil {
		return err
	}
	model := buildModel(c.net, newRand(c.spec.Seed, streamInit))
	opt, setLR := newOptimizer(c.opt, c.lr)

	fmt.Fprintf(w, "data      %s: %d train, %d validation, %d test; %s, %s (loaded in %s)\n",
		c.spec.describe(tr), tr.Len(), sets.val.Len(), sets.test.Len(), plural(tr.Dim(), "feature"), plural(classes, "class"), seconds(time.Since(start).Seconds()))
	fmt.Fprintf(w, "model     %s, init %s, loss %s (%s)\n", c.net, describeInit(c.net.Init), c.net.Loss, lossDescription[c.net.Loss])
	sched := "constant"
	if c.schedule == "cosine" {
		sched = "cosine decay"
	}
	fmt.Fprintf(w, "training  %s lr %g (%s), batch %d, %s, seed %d; kernel %s, %s\n",
		c.opt, c.lr, sched, c.batch, plural(c.epochs, "epoch"), c.spec.Seed, kernels.Path(), plural(kernels.Threads(), "thread"))

	// A long run of short epochs (planar: 300 of a few milliseconds) reports
	// about 25 of them, evenly spaced, rather than a screenful per second.
	every := max(1, c.epochs/25)
	if c.epochs <= 50 {
		every = 1
	}
	if every > 1 {
		fmt.Fprintf(w, "          (one epoch in %d shown; -plot draws them all)\n", every)
	}
	prog := newProgress(w, c.epochs, tr.Len())
	lossFn := newLoss(c.net.Loss)
	valY := sets.val.Targets(c.net.Out)
	var history []epochRecord
	// The model with the best validation accuracy so far is kept in
	// memory and saved to OUT.partial after its epoch, so that an
	// interrupted run keeps it and the end of the run installs it.
	partial := c.out + ".partial"
	meta := &savedMeta{Net: c.net, Data: c.spec}
	best := epochRecord{valAcc: -1, valLoss: math.Inf(1)}
	var bestWeights [][]float64
	_, err = nn.Train(model, trackedLoss{newLoss(c.net.Loss), prog}, opt, tr.X, tr.Targets(c.net.Out), nn.TrainConfig{
		Epochs:    c.epochs,
		BatchSize: c.batch,
		Rand:      newRand(c.spec.Seed, streamShuffle),
		Context:   ctx,
		OnEpoch: func(st nn.EpochStats) error {
			prog.endEpoch()
			r := epochRecord{epoch: st.Epoch, loss: st.Loss, seconds: st.Elapsed.Seconds(), examplesPerSec: st.ExamplesPerSec}
			r.valLoss, r.valAcc = nn.Evaluate(model, lossFn, sets.val.X, valY)
			history = append(history, r)
			if st.Epoch%every == 0 || st.Epoch == 1 || st.Epoch == c.epochs {
				fmt.Fprintf(w, "epoch %*d/%d  loss %.4f  val loss %.4f  val acc %6.2f%%  %s  %.0f ex/s\n",
					len(fmt.Sprint(c.epochs)), st.Epoch, c.epochs, r.loss, r.valLoss, 100*r.valAcc, seconds(r.seconds), r.examplesPerSec)
			}
			if c.schedule == "cosine" {
				// The rate for the next epoch: from c.lr at the first down
				// to near 0 at the last, along half a cosine.
				setLR(c.lr * 0.5 * (1 + math.Cos(math.Pi*float64(st.Epoch)/float64(c.epochs))))
			}
			// The best: the highest validation accuracy, ties going to the
			// lower validation loss (a surer model with the same score).
			if r.valAcc > best.valAcc || (r.valAcc == best.valAcc && r.valLoss < best.valLoss) {
				bestWeights = copyWeights(bestWeights, model)
				if err := saveModel(partial, model, meta); err != nil {
					return fmt.Errorf("%w; %s was not touched", err, c.out)
				}
				best = r
			}
			prog.nextEpoch()
			return nil
		},
	})
	prog.stop()
	var de *nn.DivergedError
	if errors.As(err, &de) || errors.Is(err, context.Canceled) {
		saved := "no model was saved"
		if best.epoch > 0 {
			where, note := keepPartial(partial, c.out)
			saved = fmt.Sprintf("the best model so far (epoch %d, validation accuracy %.2f%%) is saved in %s%s", best.epoch, 100*best.valAcc, where, note)
		}
		if de != nil {
			return fmt.Errorf("%v\n%s%s; try a smaller -lr (now %g)", err, strings.ToUpper(saved[:1]), saved[1:], c.lr)
		}
		how := "interrupted"
		var se *signalError
		if errors.As(context.Cause(ctx), &se) {
			how += " (" + se.Error() + ")"
		}
		return fmt.Errorf("%s in epoch %d of %d; %s", how, len(history)+1, c.epochs, saved)
	}
	if err != nil {
		return err
	}

	// The end: the best epoch's weights, tested, replace the target.
	setWeights(model, bestWeights)
	testLoss, testAcc := nn.Evaluate(model, lossFn, sets.test.X, sets.test.Targets(c.net.Out))
	fmt.Fprintf(w, "test      accuracy %.2f%%, loss %.4f (%s) with epoch %d's weights, the best on validation; %s in all\n",
		100*testAcc, testLoss, plural(sets.test.Len(), "example"), best.epoch, seconds(time.Since(start).Seconds()))
	if !c.replace {
		if oldAcc, ok := incumbentAccuracy(c, sets); ok && oldAcc > best.valAcc {
			fmt.Fprintf(w, "kept      %s: the model already there scores %.2f%% on this run's validation set, this run's best %.2f%%;\n"+
				"          this run's model is in %s (pass -replace to replace it anyway)\n", c.out, 100*oldAcc, 100*best.valAcc, partial)
			return nil
		}
	}
	if err := installModel(partial, c.out); err != nil {
		return fmt.Errorf("installing the model: %w (%s was left as it was; the new model is in %s)", err, c.out, partial)
	}
	fmt.Fprintf(w, "saved     %s\n", c.out)
	if c.plot != "" {
		files, err := writePlots(c.plot, history, model, c, sets)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "plots     %s\n", strings.Join(files, ", "))
	}
	return nil
}

// keepPartial decides where an interrupted run's best model stays: moved
// to the target if there is no model there yet, else left in partial, so
// that an interrupted run never replaces a finished model. It returns the
// model's place and a note for the message.
func keepPartial(partial, out string) (where, note string) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if installModel(partial, out) == nil {
			return out, ""
		}
	}
	return partial, fmt.Sprintf(" (%s was left as it was; rename the .partial file to use this one)", out)
}

// installModel renames the checkpoint partial to out, in one atomic step,
// and removes what earlier saves to out left: the temporary files of killed
// processes, and the FILE.json of an earlier version (it described the
// model just replaced).
func installModel(partial, out string) error {
	if err := os.Rename(partial, out); err != nil {
		return err
	}
	nn.RemoveStaleTemps(out)
	if st, err := os.Lstat(metaPath(out)); err == nil && st.Mode().IsRegular() {
		os.Remove(metaPath(out))
	}
	return nil
}

// incumbentAccuracy returns the validation accuracy of the model already
// at c.out, if it is a dlgo model of the same data, prepared the same way
// (the same split, and for a CSV file the same standardisation), so that
// its score on this run's validation set is comparable.
func incumbentAccuracy(c *trainConfig, s *sets) (float64, bool) {
	old, meta, err := loadModel(c.out)
	if err != nil {
		return 0, false
	}
	a, b := meta.Data, c.spec
	same := a.Kind == b.Kind && a.Source == b.Source && a.Path == b.Path && a.Label == b.Label &&
		a.Binary == b.Binary && a.Seed == b.Seed && slices.Equal(a.Classes, b.Classes) &&
		meta.Net.In == c.net.In && meta.Net.Classes == c.net.Classes
	if a.Scaler != nil || b.Scaler != nil {
		same = same && a.Scaler != nil && b.Scaler != nil &&
			slices.Equal(a.Scaler.Mean, b.Scaler.Mean) && slices.Equal(a.Scaler.Std, b.Scaler.Std)
	}
	if !same {
		return 0, false
	}
	_, acc := nn.Evaluate(old, newLoss(meta.Net.Loss), s.val.X, s.val.Targets(meta.Net.Out))
	return acc, !math.IsNaN(acc)
}

// copyWeights copies the values of model's parameters into dst (allocated
// on the first call) and returns it.
func copyWeights(dst [][]float64, model nn.Layer) [][]float64 {
	params := model.Params()
	if dst == nil {
		dst = make([][]float64, len(params))
		for i, p := range params {
			dst[i] = make([]float64, len(p.Value.Data))
		}
	}
	for i, p := range params {
		copy(dst[i], p.Value.Data)
	}
	return dst
}

// setWeights copies weights saved by copyWeights back into model.
func setWeights(model nn.Layer, w [][]float64) {
	for i, p := range model.Params() {
		copy(p.Value.Data, w[i])
	}
}

// plural writes n and the noun, with an s unless n is 1 ("1 epoch",
// "2 epochs", "3 classes").
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// seconds formats a duration given in seconds: in milliseconds when short.
func seconds(s float64) string {
	switch {
	case s < 0.001:
		return fmt.Sprintf("%.0fµs", 1e6*s)
	case s < 0.1:
		return fmt.Sprintf("%.0fms", 1e3*s)
	}
	return fmt.Sprintf("%.1fs", s)
}

// newOptimizer returns the optimizer by name and a function that changes
// its learning rate (for the schedule).
func newOptimizer(name string, lr float64) (nn.Optimizer, func(float64)) {
	switch name {
	case "sgd":
		o := &nn.SGD{LR: lr}
		return o, func(lr float64) { o.LR = lr }
	case "momentum":
		o := &nn.Momentum{LR: lr, Beta: 0.9}
		return o, func(lr float64) { o.LR = lr }
	default:
		o := &nn.Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
		return o, func(lr float64) { o.LR = lr }
	}
}

// describe names the data for the report.
func (s *dataSpec) describe(tr *data.Set) string {
	name := s.Source
	if s.Kind == "mnist" && s.Source != "mnist" {
		name = "MNIST from " + s.Source
	}
	if s.Binary >= 0 {
		name += fmt.Sprintf(", %s or not", tr.ClassName(1))
	}
	return name
}
