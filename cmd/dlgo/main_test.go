package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dlgo/nn"
)

// dlgo runs the command in-process and returns its exit status and output.
func dlgo(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errw bytes.Buffer
	code = run(args, &out, &errw)
	return code, out.String(), errw.String()
}

// mustRun runs dlgo and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := dlgo(t, args...)
	if code != 0 {
		t.Fatalf("dlgo %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, text)
		}
	}
}

func exists(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s not written (%v)", p, err)
		}
	}
}

// idx encodes an unsigned-byte IDX file.
func idx(dims []int, data []byte) []byte {
	var b bytes.Buffer
	b.Write([]byte{0, 0, 8, byte(len(dims))})
	for _, d := range dims {
		binary.Write(&b, binary.BigEndian, uint32(d))
	}
	b.Write(data)
	return b.Bytes()
}

// fakeMNIST writes a tiny MNIST folder: 28×28 images of noise with a bright
// bar whose row tells the digit (so that a network can learn it), the
// training files raw and the test files gzipped.
func fakeMNIST(t *testing.T, train, test int) string {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(9, 9))
	write := func(name string, n int, zip bool) {
		img, lbl := make([]byte, n*784), make([]byte, n)
		for i := range n {
			lbl[i] = byte(i % 10)
			for p := range 784 {
				img[i*784+p] = byte(rng.IntN(40))
			}
			for x := range 28 {
				img[i*784+(2+2*int(lbl[i]))*28+x] = 255
			}
		}
		for _, f := range []struct {
			name string
			b    []byte
		}{{name + "-images-idx3-ubyte", idx([]int{n, 28, 28}, img)}, {name + "-labels-idx1-ubyte", idx([]int{n}, lbl)}} {
			path := filepath.Join(dir, f.name)
			b := f.b
			if zip {
				var z bytes.Buffer
				zw := gzip.NewWriter(&z)
				zw.Write(b)
				zw.Close()
				b, path = z.Bytes(), path+".gz"
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	write("train", train, false)
	write("t10k", test, true)
	return dir
}

// testAccuracy finds "accuracy NN.NN%" in a report.
func testAccuracy(t *testing.T, out string) string {
	t.Helper()
	m := regexp.MustCompile(`accuracy +([0-9.]+%)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no accuracy in\n%s", out)
	}
	return m[1]
}

func TestTrainEvalPlanar(t *testing.T) {
	dir := t.TempDir()
	model, plot := filepath.Join(dir, "m.dlgo"), filepath.Join(dir, "p.png")
	out := mustRun(t, "train", "-data", "planar", "-epochs", "20", "-out", model, "-plot", plot)
	contains(t, "train output", out,
		"planar: 280 train, 40 validation, 80 test; 2 features, 2 classes",
		"2-4-1 tanh, sigmoid output", "loss bce", "adam lr 0.1 (cosine decay), batch 32, 20 epochs, seed 1",
		"epoch  1/20  loss", "epoch 20/20  loss", "val acc", "ex/s", "test      accuracy", "saved     "+model)
	exists(t, model, plot, filepath.Join(dir, "p-boundary.png"))
	for _, gone := range []string{metaPath(model), model + ".partial"} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s left beside the model", gone)
		}
	}

	// eval prepares the same test split, so it finds the same accuracy.
	ev := mustRun(t, "eval", "-model", model)
	contains(t, "eval output", ev, "planar, test set: 80 examples", "confusion matrix", "recall")
	if a, b := testAccuracy(t, out), testAccuracy(t, ev); a != b {
		t.Errorf("train says test accuracy %s, eval %s", a, b)
	}
}

func TestTrainSameSeedSameModel(t *testing.T) {
	dir := t.TempDir()
	args := []string{"train", "-data", "moons", "-epochs", "3", "-threads", "1"}
	mustRun(t, append(args, "-out", filepath.Join(dir, "a.dlgo"))...)
	mustRun(t, append(args, "-out", filepath.Join(dir, "b.dlgo"), "-threads", "2")...)
	a, _ := os.ReadFile(filepath.Join(dir, "a.dlgo"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.dlgo"))
	if !bytes.Equal(a, b) {
		t.Error("same seed, different thread counts: different models")
	}
}

func TestTrainEvalCSV(t *testing.T) {
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("x1,x2,x3,species\n")
	rng := rand.New(rand.NewPCG(3, 3))
	names := []string{"setosa", "versicolor", "virginica"}
	for i := range 90 {
		c := i % 3
		fmt.Fprintf(&csv, "%.3f,%.3f,%.3f,%s\n", 10*float64(c)+rng.NormFloat64(), 100+rng.NormFloat64(), rng.NormFloat64(), names[c])
	}
	file := filepath.Join(dir, "iris.csv")
	os.WriteFile(file, []byte(csv.String()), 0o644)
	model := filepath.Join(dir, "m.dlgo")
	out := mustRun(t, "train", "-data", file, "-label", "species", "-epochs", "30", "-out", model)
	contains(t, "train output", out, "63 train, 9 validation, 18 test; 3 features, 3 classes", "3-32-3 relu", "loss ce")

	// The same file: its test part, with the training standardisation.
	ev := mustRun(t, "eval", "-model", model, "-data", file)
	contains(t, "eval output", ev, "test set: 18 examples", "setosa", "virginica")
	if a, b := testAccuracy(t, out), testAccuracy(t, ev); a != b {
		t.Errorf("train says test accuracy %s, eval %s", a, b)
	}
	// Another file with the same columns: all its rows.
	other := filepath.Join(dir, "more.csv")
	os.WriteFile(other, []byte("x1,x2,x3,species\n0,100,0,setosa\n20,100,0,virginica\n"), 0o644)
	ev = mustRun(t, "eval", "-model", model, "-data", other)
	contains(t, "eval output", ev, "all rows: 2 examples", "accuracy  100.00% (2 of 2)")

	// A class the model does not know, and a bad cell.
	os.WriteFile(other, []byte("x1,x2,x3,species\n0,100,0,rosa\n"), 0o644)
	code, _, errs := dlgo(t, "eval", "-model", model, "-data", other)
	if code != 1 {
		t.Errorf("unknown class: exit %d", code)
	}
	contains(t, "unknown class error", errs, "more.csv:2:", `"rosa" is not one of`)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("a,b,y\n1,2,0\n3,x,1\n"), 0o644)
	code, _, errs = dlgo(t, "train", "-data", bad, "-out", filepath.Join(dir, "bad.dlgo"))
	if code != 1 {
		t.Errorf("bad cell: exit %d", code)
	}
	contains(t, "bad cell error", errs, "dlgo train: ", "bad.csv:3: column 2 (\"b\"): \"x\" is not a finite number")
}

func TestTrainFakeMNIST(t *testing.T) {
	mnist := fakeMNIST(t, 240, 60)
	dir := t.TempDir()
	model, plot := filepath.Join(dir, "m.dlgo"), filepath.Join(dir, "curves.png")
	out := mustRun(t, "train", "-data", mnist, "-hidden", "16", "-epochs", "2", "-out", model, "-plot", plot)
	contains(t, "train output", out, "MNIST from "+mnist, "220 train, 20 validation, 60 test; 784 features, 10 classes", "784-16-10 relu")
	exists(t, plot, filepath.Join(dir, "curves-weights.png"))
	ev := mustRun(t, "eval", "-model", model)
	contains(t, "eval output", ev, "test set: 60 examples")

	// Logistic regression on "is it a 3?", the course's cat / non-cat.
	out = mustRun(t, "train", "-data", mnist, "-binary", "3", "-hidden", "", "-epochs", "2", "-out", model)
	contains(t, "binary output", out, "3 or not", "784-1 logistic regression, sigmoid output", "loss bce", "2 classes")
	ev = mustRun(t, "eval", "-model", model)
	contains(t, "binary eval", ev, "not 3", "recall")
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	mnist := fakeMNIST(t, 24, 10)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "Usage: dlgo COMMAND"},
		{[]string{"trian"}, `unknown command "trian"`},
		{[]string{"train", "-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"train", "-epochs", "x"}, `invalid value "x" for flag -epochs`},
		{[]string{"train", "extra"}, `unexpected argument "extra"`},
		{[]string{"train", "-data", "nosuch"}, "-data nosuch: no such file or folder"},
		{[]string{"train", "-data", "planar", "-act", "softplus"}, `-act "softplus": want one of relu, tanh, sigmoid, leakyrelu`},
		{[]string{"train", "-data", "planar", "-hidden", "8,0"}, `-hidden "8,0": "0" is not a layer size`},
		{[]string{"train", "-data", "planar", "-opt", "lbfgs"}, "-opt"},
		{[]string{"train", "-data", "planar", "-loss", "hinge"}, "-loss"},
		{[]string{"train", "-data", "planar", "-init", "zeros"}, "-init"},
		{[]string{"train", "-data", "planar", "-lr", "-1"}, "-lr -1: want a positive learning rate"},
		{[]string{"train", "-data", "planar", "-batch", "0"}, "-batch 0"},
		{[]string{"train", "-data", "planar", "-epochs", "0"}, "-epochs 0"},
		{[]string{"train", "-data", "planar", "-threads", "-2"}, "-threads -2"},
		{[]string{"train", "-data", "planar", "-label", "y"}, "-label is for CSV files"},
		{[]string{"train", "-data", "planar", "-plot", "curves.svg"}, "want a .png file name"},
		{[]string{"train", "-data", "planar", "-out", filepath.Join(dir, "no", "m.dlgo")}, "does not exist"},
		{[]string{"train", "-data", mnist, "-binary", "12", "-out", filepath.Join(dir, "m.dlgo")}, "-binary 12: the data has classes 0 to 9"},
		{[]string{"train", "-data", mnist, "-loss", "bce", "-out", filepath.Join(dir, "m.dlgo")}, "-loss bce needs two classes"},
		{[]string{"eval", "-data", "planar", "-model"}, "flag needs an argument: -model"},
		{[]string{"gradcheck", "-batch", "0"}, "-batch 0"},
		{[]string{"cpu", "now"}, `unexpected argument "now"`},
	} {
		code, _, errs := dlgo(t, tc.args...)
		if code != 2 {
			t.Errorf("dlgo %q: exit %d, want 2 (stderr %q)", tc.args, code, errs)
		}
		if !strings.Contains(errs, tc.want) {
			t.Errorf("dlgo %q: stderr %q, want it to contain %q", tc.args, errs, tc.want)
		}
		if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic") {
			t.Errorf("dlgo %q: a stack trace: %s", tc.args, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "m.dlgo")); err == nil {
		t.Error("a refused run wrote a model")
	}
}

func TestBadFiles(t *testing.T) {
	// A truncated IDX file: the error names it and the offset.
	mnist := fakeMNIST(t, 24, 10)
	img := filepath.Join(mnist, "train-images-idx3-ubyte")
	b, _ := os.ReadFile(img)
	os.WriteFile(img, b[:1000], 0o644)
	code, _, errs := dlgo(t, "train", "-data", mnist, "-out", filepath.Join(t.TempDir(), "m.dlgo"))
	if code != 1 {
		t.Errorf("truncated IDX: exit %d", code)
	}
	contains(t, "truncated IDX error", errs, img, "offset 1000", "file ends")

	// No go command to fetch MNIST with: say how to pass a folder.
	t.Setenv("PATH", t.TempDir())
	code, _, errs = dlgo(t, "train", "-out", filepath.Join(t.TempDir(), "m.dlgo"))
	if code != 1 {
		t.Errorf("no go command: exit %d", code)
	}
	contains(t, "no go error", errs, "needs the go command", "pass -data DIR", "train-images-idx3-ubyte")
}

func TestEvalErrors(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.dlgo")
	code, _, errs := dlgo(t, "eval", "-model", model)
	if code != 1 || !strings.Contains(errs, "m.dlgo") {
		t.Errorf("missing model: exit %d, %q", code, errs)
	}
	mustRun(t, "train", "-data", "circles", "-epochs", "1", "-out", model)
	code, _, errs = dlgo(t, "eval", "-model", model, "-data", "moons")
	if code != 2 || !strings.Contains(errs, "the model was trained on circles") {
		t.Errorf("other data: exit %d, %q", code, errs)
	}
	// A damaged model file: nn's error, with the offset.
	b, _ := os.ReadFile(model)
	os.WriteFile(model, b[:len(b)-10], 0o644)
	code, _, errs = dlgo(t, "eval", "-model", model)
	if code != 1 || !strings.Contains(errs, "m.dlgo") || !strings.Contains(errs, "offset") {
		t.Errorf("damaged model: exit %d, %q", code, errs)
	}
	// A model of an earlier version: a version 1 file and FILE.json
	// beside it. It loads; a pair that does not match is refused.
	mustRun(t, "train", "-data", "circles", "-epochs", "1", "-out", model)
	m, js, err := nn.LoadFileWithDescription(model)
	if err != nil {
		t.Fatal(err)
	}
	nn.SaveFile(model, m)
	os.WriteFile(metaPath(model), js, 0o644)
	mustRun(t, "eval", "-model", model)
	mustRun(t, "train", "-data", "circles", "-hidden", "3", "-epochs", "1", "-out", model+"2")
	m2, _ := nn.LoadFile(model + "2")
	nn.SaveFile(model, m2)
	code, _, errs = dlgo(t, "eval", "-model", model)
	if code != 1 || !strings.Contains(errs, "was one of them replaced?") {
		t.Errorf("mismatched model: exit %d, %q", code, errs)
	}
	os.Remove(metaPath(model))
	code, _, errs = dlgo(t, "eval", "-model", model)
	if code != 1 || !strings.Contains(errs, "m.dlgo.json") {
		t.Errorf("no description: exit %d, %q", code, errs)
	}
}

// A learning rate far too high: training stops with a clear message, and
// the model file already there is left alone.
func TestDiverged(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.dlgo")
	mustRun(t, "train", "-data", "moons", "-epochs", "2", "-out", model)
	precious, _ := os.ReadFile(model)
	code, _, errs := dlgo(t, "train", "-data", "moons", "-loss", "ce", "-opt", "sgd", "-lr", "1e6", "-schedule", "constant", "-out", model)
	if code != 1 {
		t.Errorf("diverged: exit %d", code)
	}
	contains(t, "diverged error", errs, "diverged", "No model was saved", "-lr")
	if b, _ := os.ReadFile(model); !bytes.Equal(b, precious) {
		t.Errorf("the existing model file was overwritten (%d bytes)", len(b))
	}
}

func TestKernelEnv(t *testing.T) {
	defer func(f func() error) { kernelEnvError = f }(kernelEnvError)
	kernelEnvError = func() error { return errors.New(`DLGO_KERNEL: unknown kernel path "sse9"`) }
	code, _, errs := dlgo(t, "cpu")
	if code != 2 {
		t.Errorf("bad DLGO_KERNEL: exit %d", code)
	}
	contains(t, "DLGO_KERNEL error", errs, `"sse9"`, "must be one of: generic, avx2")
}

func TestCPUGradCheckBenchHelp(t *testing.T) {
	contains(t, "cpu", mustRun(t, "cpu"), "cores", "caches", "kernel", "blocking", "blas")
	contains(t, "gradcheck", mustRun(t, "gradcheck"), "softmax cross-entropy", "layer 0 W", "pass", "all gradients agree")
	contains(t, "bench", mustRun(t, "bench", "-sizes", "8", "-threads", "1", "-duration", "1ms"), "GFLOP/s", "Peak:")
	for _, c := range commands() {
		code, _, errs := dlgo(t, c.name, "-h")
		if code != 0 {
			t.Errorf("%s -h: exit %d", c.name, code)
		}
		contains(t, c.name+" -h", errs, "Usage: dlgo "+c.name)
	}
	code, _, errs := dlgo(t, "-h")
	if code != 0 {
		t.Errorf("-h: exit %d", code)
	}
	contains(t, "-h", errs, "train", "eval", "cpu", "gradcheck")
}

// An interrupted run (Ctrl-C: a cancelled context) stops at the end of the
// epoch and saves nothing.
func TestInterrupted(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m.dlgo")
	fs := newFlagSet("train", "", "", new(bytes.Buffer))
	f := trainFlags{data: "planar", opt: "adam", schedule: "cosine", out: model, binary: -1, seed: 1}
	cfg, err := resolveTrain(fs, f)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = train(ctx, cfg, new(bytes.Buffer))
	if err == nil || !strings.Contains(err.Error(), "interrupted in epoch 1 of 300; no model was saved") {
		t.Errorf("error %v", err)
	}
	if _, err := os.Stat(model); err == nil {
		t.Error("an interrupted run saved a model")
	}

	// Interrupted later, the best model of the finished epochs is kept.
	err = train(&cancelAfter{Context: context.Background(), n: 40}, cfg, new(bytes.Buffer))
	if err == nil || !strings.Contains(err.Error(), "the best model so far (epoch ") || !strings.Contains(err.Error(), "is saved in "+model) {
		t.Fatalf("error %v", err)
	}
	if _, err := nn.LoadFile(model); err != nil {
		t.Errorf("the kept model does not load: %v", err)
	}
}

// cancelAfter is a context that reports itself cancelled from the n-th
// call of Err on: Ctrl-C in the middle of training, at a known batch.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestPlanarAccuracy trains the course's 2-4-1 tanh net on the flower set
// with the defaults and checks it reaches the course's level, at least 85%
// on the held-out test points.
func TestPlanarAccuracy(t *testing.T) {
	out := mustRun(t, "train", "-data", "planar", "-out", filepath.Join(t.TempDir(), "m.dlgo"))
	contains(t, "train output", out, "2-4-1 tanh")
	acc := testAccuracy(t, out)
	var v float64
	if _, err := fmt.Sscanf(acc, "%f%%", &v); err != nil || v < 85 {
		t.Fatalf("planar test accuracy %s, want at least 85%%", acc)
	}
}
