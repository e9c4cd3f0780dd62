package main

// robust_test.go: the failures of issue 14, one test each (numbered as
// there), and the small things a newcomer hit.

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"dlgo/data"
	"dlgo/nn"
)

// clean checks that a failed run ended with a one-line error: exit status
// want, stderr containing each of msgs, no stack trace.
func clean(t *testing.T, what string, want int, args []string, msgs ...string) string {
	t.Helper()
	code, out, errs := dlgo(t, args...)
	if code != want {
		t.Errorf("%s: exit %d, want %d\nstdout %s\nstderr %s", what, code, want, out, errs)
	}
	if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic") {
		t.Errorf("%s: a stack trace:\n%s", what, errs)
	}
	contains(t, what, errs, msgs...)
	return errs
}

// irisCSV writes a CSV file shaped like iris: three features, a word
// label column named species, n rows.
func irisCSV(t *testing.T, dir string, n int, labelFirst bool) string {
	var b strings.Builder
	if labelFirst {
		b.WriteString("species,sl,sw,pl\n")
	} else {
		b.WriteString("sl,sw,pl,species\n")
	}
	rng := rand.New(rand.NewPCG(3, 3))
	names := []string{"setosa", "versicolor", "virginica"}
	for i := range n {
		c := i % 3
		f := fmt.Sprintf("%.3f,%.3f,%.3f", 3*float64(c)+rng.NormFloat64(), 10+rng.NormFloat64(), float64(c)+rng.NormFloat64())
		if labelFirst {
			fmt.Fprintf(&b, "%s,%s\n", names[c], f)
		} else {
			fmt.Fprintf(&b, "%s,%s\n", f, names[c])
		}
	}
	p := filepath.Join(dir, "iris.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// withBudget runs the test with a machine of the given memory.
func withBudget(t *testing.T, bytes uint64) {
	old := budget
	budget = func() (uint64, bool) { return bytes, true }
	t.Cleanup(func() { budget = old })
}

// 1. The model and its description are one file: one rename saves both.
func TestFailure1OneFile(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.dlgo")
	os.WriteFile(metaPath(model), []byte(`{"format":"stale"}`), 0o644) // an earlier version's
	mustRun(t, "train", "-data", "planar", "-epochs", "3", "-out", model)
	_, desc, err := nn.LoadFileWithDescription(model)
	if err != nil || !strings.Contains(string(desc), `"kind": "planar"`) {
		t.Fatalf("description inside the model: %q, %v", desc, err)
	}
	if _, err := os.Stat(metaPath(model)); err == nil {
		t.Error("a stale FILE.json beside the model was left")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want the model alone", len(entries))
	}
	mustRun(t, "eval", "-model", model)
	// A failed save says the model there was left as it was.
	m, _ := nn.LoadFile(model)
	err = saveModel(filepath.Join(dir, "gone", "m.dlgo"), m, &savedMeta{})
	if err == nil || !strings.Contains(err.Error(), "was left as it was") {
		t.Errorf("failed save: %v", err)
	}
}

// 2. Each data set's default output is named after it, so that one
// exercise does not overwrite another's model; eval finds it the same way.
func TestFailure2DefaultOutNames(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	csv := irisCSV(t, dir, 60, false)
	mustRun(t, "train", "-data", "planar", "-epochs", "2")
	mustRun(t, "train", "-data", "moons", "-epochs", "2")
	mustRun(t, "train", "-data", "moons", "-binary", "1", "-epochs", "2")
	out := mustRun(t, "train", "-data", csv, "-epochs", "2")
	contains(t, "csv train", out, "saved     iris.dlgo")
	exists(t, "planar.dlgo", "moons.dlgo", "moons-1.dlgo", "iris.dlgo")
	contains(t, "eval planar", mustRun(t, "eval", "-data", "planar"), "planar.dlgo")
}

// 3. The end of a run installs the best validation epoch, not the last.
func TestFailure3BestEpoch(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m.dlgo")
	// Plain SGD at a constant, high rate wanders: on moons its best
	// validation epoch (98%, epochs 7-9) is not its last (97%).
	out := mustRun(t, "train", "-data", "moons", "-opt", "sgd", "-lr", "2", "-schedule", "constant", "-epochs", "15", "-out", model)
	re := regexp.MustCompile(`(?m)^epoch +(\d+)/15 .*val loss ([0-9.]+)  val acc +([0-9.]+)%`)
	bestEpoch, bestAcc, bestLoss, lastAcc := 0, -1.0, 0.0, 0.0
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		e, _ := strconv.Atoi(m[1])
		l, _ := strconv.ParseFloat(m[2], 64)
		a, _ := strconv.ParseFloat(m[3], 64)
		if a > bestAcc || (a == bestAcc && l < bestLoss) {
			bestEpoch, bestAcc, bestLoss = e, a, l
		}
		lastAcc = a
	}
	if bestAcc <= lastAcc {
		t.Fatalf("the run's last epoch is its best (%.2f%%): the test needs one that is not\n%s", lastAcc, out)
	}
	contains(t, "train output", out, fmt.Sprintf("with epoch %d's weights", bestEpoch))
	// The saved model scores the best epoch's accuracy on the validation set.
	m, meta, err := loadModel(model)
	if err != nil {
		t.Fatal(err)
	}
	s, err := loadSets(t.Context(), &meta.Data, false, false, new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	_, acc := nn.Evaluate(m, newLoss(meta.Net.Loss), s.val.X, s.val.Targets(meta.Net.Out))
	if got := fmt.Sprintf("%.2f", 100*acc); got != fmt.Sprintf("%.2f", bestAcc) {
		t.Errorf("the saved model scores %s%% on validation, the best epoch %.2f%%", got, bestAcc)
	}
}

// 4. Temporary files a killed save left are removed by the next save.
func TestFailure4StaleTemps(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.dlgo")
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	stale := []string{
		fmt.Sprintf(".m.dlgo.tmp-%d-1", cmd.Process.Pid),
		fmt.Sprintf(".m.dlgo.partial.tmp-%d-2", cmd.Process.Pid),
	}
	for _, n := range stale {
		os.WriteFile(filepath.Join(dir, n), make([]byte, 4096), 0o644)
	}
	mustRun(t, "train", "-data", "planar", "-epochs", "2", "-out", model)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "m.dlgo" {
			t.Errorf("left in the folder: %s", e.Name())
		}
	}
}

// 5. eval on a CSV file with another number of feature columns.
func TestFailure5OtherColumns(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "iris.dlgo")
	mustRun(t, "train", "-data", irisCSV(t, dir, 60, false), "-epochs", "2", "-out", model)
	four := filepath.Join(dir, "four.csv")
	os.WriteFile(four, []byte("a,b,c,d,species\n1,2,3,4,setosa\n5,6,7,8,virginica\n"), 0o644)
	clean(t, "four columns", 1, []string{"eval", "-model", model, "-data", four}, "four.csv has 4 feature columns; the model takes 3")
	two := filepath.Join(dir, "two.csv")
	os.WriteFile(two, []byte("a,b,species\n1,2,setosa\n"), 0o644)
	clean(t, "two columns", 1, []string{"eval", "-model", model, "-data", two}, "two.csv has 2 feature columns; the model takes 3")
}

// rewriteDesc rewrites the description inside a model file.
func rewriteDesc(t *testing.T, path string, edit func(map[string]any)) {
	t.Helper()
	m, js, err := nn.LoadFileWithDescription(path)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(js, &d); err != nil {
		t.Fatal(err)
	}
	edit(d)
	js, _ = json.Marshal(d)
	if err := nn.SaveFileWithDescription(path, m, js); err != nil {
		t.Fatal(err)
	}
}

// 6. A description without a scaler, or with one of the wrong length; and
// (11) one that names an unknown loss.
func TestFailure6BadDescription(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "iris.dlgo")
	mustRun(t, "train", "-data", irisCSV(t, dir, 60, false), "-epochs", "2", "-out", good)
	orig, _ := os.ReadFile(good)
	for _, tc := range []struct {
		name string
		edit func(d map[string]any)
		want string
	}{
		{"no scaler", func(d map[string]any) { delete(d["data"].(map[string]any), "scaler") }, "without the scaler"},
		{"short mean", func(d map[string]any) {
			d["data"].(map[string]any)["scaler"].(map[string]any)["Mean"] = []float64{1}
		}, "1 means and 3 standard deviations for 3 inputs"},
		{"null std", func(d map[string]any) { d["data"].(map[string]any)["scaler"].(map[string]any)["Std"] = nil }, "3 means and 0 standard"},
		{"zero std", func(d map[string]any) {
			d["data"].(map[string]any)["scaler"].(map[string]any)["Std"] = []float64{1, 0, 1}
		}, "column 2"},
		{"loss foo", func(d map[string]any) { d["net"].(map[string]any)["loss"] = "foo" }, `loss "foo"`},
		{"no format", func(d map[string]any) { delete(d, "format") }, "format"},
		{"kind", func(d map[string]any) { d["data"].(map[string]any)["kind"] = "cifar" }, `data kind "cifar"`},
		{"classes", func(d map[string]any) { d["net"].(map[string]any)["classes"] = 0 }, "classes"},
	} {
		os.WriteFile(good, orig, 0o644)
		rewriteDesc(t, good, tc.edit)
		clean(t, tc.name, 1, []string{"eval", "-model", good}, "iris.dlgo's description: ", tc.want)
		clean(t, tc.name+" (predict)", 1, []string{"predict", "-model", good, filepath.Join(dir, "iris.csv")}, tc.want)
	}
	// The same through an earlier version's FILE.json.
	os.WriteFile(good, orig, 0o644)
	m, js, _ := nn.LoadFileWithDescription(good)
	nn.SaveFile(good, m)
	os.WriteFile(metaPath(good), bytes.Replace(js, []byte(`"loss": "ce"`), []byte(`"loss": "foo"`), 1), 0o644)
	clean(t, "legacy loss foo", 1, []string{"eval", "-model", good}, "iris.dlgo.json: ", `loss "foo"`)
}

// 7. A model file whose layers do not chain, with a valid checksum.
func TestFailure7Unchained(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.dlgo")
	mustRun(t, "train", "-data", "planar", "-epochs", "1", "-out", model)
	_, desc, _ := nn.LoadFileWithDescription(model)
	rng := rand.New(rand.NewPCG(1, 1))
	bad := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 16, rng), &nn.ReLU{}, nn.NewDense(8, 1, rng), &nn.Sigmoid{}}}
	if err := nn.SaveFileWithDescription(model, bad, desc); err != nil {
		t.Fatal(err)
	}
	clean(t, "unchained", 1, []string{"eval", "-model", model}, "do not chain", "offset")
	clean(t, "unchained (predict)", 1, []string{"predict", "-model", model}, "do not chain")
}

// 8. Bad files that used to exhaust memory or never end.
func TestFailure8Memory(t *testing.T) {
	dir := t.TempDir()
	// A gzip MNIST file of zeros whose header honestly claims 400 000
	// images: 2.4 GiB once loaded. A 256 MiB machine refuses it before
	// reading a pixel.
	mnist := fakeMNIST(t, 24, 10)
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write(idx([]int{400000, 28, 28}, nil))
	zeros := make([]byte, 1<<20)
	for range 400000 * 784 / len(zeros) {
		zw.Write(zeros)
	}
	zw.Close()
	img := filepath.Join(mnist, "train-images-idx3-ubyte")
	os.Remove(img)
	os.WriteFile(img+".gz", z.Bytes(), 0o644)
	// Without the memory check, its compression ratio (over 1000 to 1)
	// gives it away.
	withBudget(t, 1<<50)
	clean(t, "gzip of zeros, ratio", 1, []string{"train", "-data", mnist, "-out", filepath.Join(dir, "m.dlgo")}, "train-images-idx3-ubyte.gz", "more than 100 times this")
	withBudget(t, 256<<20)
	clean(t, "gzip of zeros", 2, []string{"train", "-data", mnist, "-out", filepath.Join(dir, "m.dlgo")},
		"MNIST from", "400000 + 10 images", "needs about 2.6 GiB", "256.0 MiB available")

	if runtime.GOOS != "linux" {
		return
	}
	// /dev/zero as each kind of file: refused at once, not read forever.
	zmnist := fakeMNIST(t, 24, 10)
	os.Remove(filepath.Join(zmnist, "t10k-labels-idx1-ubyte.gz"))
	os.Symlink("/dev/zero", filepath.Join(zmnist, "t10k-labels-idx1-ubyte"))
	clean(t, "/dev/zero IDX", 1, []string{"train", "-data", zmnist, "-out", filepath.Join(dir, "m.dlgo")}, "not a regular file")
	clean(t, "/dev/zero CSV", 1, []string{"train", "-data", "/dev/zero", "-out", filepath.Join(dir, "m.dlgo")}, "line longer than")
	clean(t, "/dev/zero model", 1, []string{"eval", "-model", "/dev/zero"}, "not a regular file")
	model := filepath.Join(dir, "p.dlgo")
	mustRun(t, "train", "-data", "planar", "-epochs", "1", "-out", model)
	m, _ := nn.LoadFile(model)
	nn.SaveFile(model, m) // an earlier version's model, its description beside it
	os.Symlink("/dev/zero", metaPath(model))
	clean(t, "/dev/zero description", 1, []string{"eval", "-model", model}, "not a model description")

	// A one-line CSV file of 5 MiB: refused at 4 MiB of its line.
	long := filepath.Join(dir, "long.csv")
	os.WriteFile(long, bytes.Repeat([]byte("1,"), 5<<19), 0o644)
	clean(t, "one-line CSV", 1, []string{"train", "-data", long, "-out", filepath.Join(dir, "m.dlgo")}, "long.csv:1: line longer than 4194304 bytes")
}

// 9. Flag values that cannot fit in memory, refused with the figures.
func TestFailure9Estimates(t *testing.T) {
	withBudget(t, 8<<30)
	clean(t, "-hidden", 2, []string{"train", "-data", "planar", "-hidden", "65536,65536", "-out", filepath.Join(t.TempDir(), "m.dlgo")},
		"-hidden 65536,65536 needs about 168.0 GiB", "8.0 GiB available")
	clean(t, "bench -sizes", 2, []string{"bench", "-sizes", "65536", "-threads", "1"}, "-sizes 65536 needs about 192.0 GiB")
	clean(t, "gradcheck -batch", 2, []string{"gradcheck", "-batch", "100000000"}, "-batch 100000000 needs about")
	clean(t, "-threads", 2, []string{"train", "-data", "planar", "-threads", "100000"}, "-threads 100000: want 0 (GOMAXPROCS) to 1024")
}

// 10. Too few examples, or a single class.
func TestFailure10TooLittle(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one.csv")
	os.WriteFile(one, []byte("a,b,y\n1,2,0\n"), 0o644)
	clean(t, "one row", 1, []string{"train", "-data", one, "-out", filepath.Join(dir, "m.dlgo")}, "1 example: training needs at least 10")
	same := filepath.Join(dir, "same.csv")
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "%d,%d,cat\n", i, i*i)
	}
	os.WriteFile(same, []byte(b.String()), 0o644)
	clean(t, "one class CSV", 1, []string{"train", "-data", same, "-out", filepath.Join(dir, "m.dlgo")}, "are of class cat", "at least two classes")

	// MNIST files whose labels are all one class.
	mnist := fakeMNIST(t, 24, 10)
	lbl := filepath.Join(mnist, "train-labels-idx1-ubyte")
	os.WriteFile(lbl, idx([]int{24}, make([]byte, 24)), 0o644)
	clean(t, "one class MNIST", 1, []string{"train", "-data", mnist, "-out", filepath.Join(dir, "m.dlgo")}, "are of class 0", "at least two classes")
	if _, err := os.Stat(filepath.Join(dir, "m.dlgo")); err == nil {
		t.Error("a refused run wrote a model")
	}
}

// 11. Accepted when it should not be, or refused when it should not be.
func TestFailure11Inputs(t *testing.T) {
	dir := t.TempDir()
	// A byte-order mark before a quoted header.
	bom := filepath.Join(dir, "bom.csv")
	var b strings.Builder
	b.WriteString("\uFEFF\"x\",\"y\",\"label\"\n")
	for i := range 40 {
		fmt.Fprintf(&b, "%d,%d,%d\n", i, i%7, i%2)
	}
	os.WriteFile(bom, []byte(b.String()), 0o644)
	out := mustRun(t, "train", "-data", bom, "-label", "label", "-epochs", "1", "-out", filepath.Join(dir, "bom.dlgo"))
	contains(t, "BOM", out, "2 features, 2 classes")

	// A duplicated header name used as -label.
	dup := filepath.Join(dir, "dup.csv")
	os.WriteFile(dup, []byte("y,a,y\n1,2,0\n3,4,1\n"), 0o644)
	clean(t, "duplicate header", 1, []string{"train", "-data", dup, "-label", "y", "-out", filepath.Join(dir, "m.dlgo")},
		`two columns "y" (columns 0 and 2`)

	// Values of 1e308: standardised without overflow when their spread
	// allows, a clear message naming the column when it does not.
	big := filepath.Join(dir, "big.csv")
	b.Reset()
	for i := range 40 {
		fmt.Fprintf(&b, "%de306,%d,%d\n", 100+i, i%5, i%2)
	}
	os.WriteFile(big, []byte(b.String()), 0o644)
	mustRun(t, "train", "-data", big, "-epochs", "1", "-out", filepath.Join(dir, "big.dlgo"))
	b.Reset()
	for i := range 40 {
		fmt.Fprintf(&b, "%s1.7e308,%d,%d\n", []string{"", "-"}[min(i%4, 1)], i%5, i%2)
	}
	os.WriteFile(big, []byte(b.String()), 0o644)
	errs := clean(t, "1.7e308", 1, []string{"train", "-data", big, "-epochs", "1", "-out", filepath.Join(dir, "big2.dlgo")}, "column 1", "overflows")
	if strings.Contains(errs, "NaN") {
		t.Errorf("the error blames a NaN: %s", errs)
	}

	// -out / and -out FOLDER: refused before the first epoch.
	for _, o := range []string{"/", dir} {
		errs := clean(t, "-out "+o, 2, []string{"train", "-data", "planar", "-out", o}, "is a folder")
		_ = errs
	}
	// -out naming a file that is not a model (the data, by mistake).
	clean(t, "-out data", 2, []string{"train", "-data", bom, "-out", bom}, "not a dlgo model; refusing to overwrite it")
}

// 12. A diverging run (Adam at lr 1e6, its loss clamped) does not replace
// a better model; -replace does.
func TestFailure12KeepBetter(t *testing.T) {
	model := filepath.Join(t.TempDir(), "moons.dlgo")
	mustRun(t, "train", "-data", "moons", "-epochs", "20", "-out", model)
	good, _ := os.ReadFile(model)
	out := mustRun(t, "train", "-data", "moons", "-lr", "1e6", "-epochs", "5", "-out", model)
	contains(t, "lr 1e6", out, "kept      "+model, "the model already there scores", "-replace")
	if b, _ := os.ReadFile(model); !bytes.Equal(b, good) {
		t.Fatal("the better model was replaced")
	}
	exists(t, model+".partial")
	out = mustRun(t, "train", "-data", "moons", "-lr", "1e6", "-epochs", "5", "-out", model, "-replace")
	contains(t, "-replace", out, "saved     "+model)
	if b, _ := os.ReadFile(model); bytes.Equal(b, good) {
		t.Fatal("-replace did not replace")
	}
}

// The small things: singular where singular, and the -label hint.
func TestSmallThings(t *testing.T) {
	dir := t.TempDir()
	out := mustRun(t, "train", "-data", "planar", "-epochs", "1", "-threads", "1", "-out", filepath.Join(dir, "m.dlgo"))
	contains(t, "singular", out, "batch 32, 1 epoch, seed", "1 thread\n")
	if strings.Contains(out, "1 epochs") || strings.Contains(out, "1 threads") {
		t.Errorf("plural for one:\n%s", out)
	}
	csv := irisCSV(t, dir, 60, true)
	clean(t, "label first", 1, []string{"train", "-data", csv, "-out", filepath.Join(dir, "m.dlgo")}, "pass -label species?")
	one := filepath.Join(dir, "one.csv")
	os.WriteFile(one, []byte("a,b,y\n1,2,0\n3,4,1\n"), 0o644)
	ev := mustRun(t, "eval", "-model", filepath.Join(dir, "m.dlgo"))
	contains(t, "eval", ev, "80 examples")
	_ = data.DefaultMaxValues
}
