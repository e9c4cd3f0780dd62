package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dlgo/bench"
	"dlgo/kernels"
)

func TestBenchJSON(t *testing.T) {
	var out, errb bytes.Buffer
	dir := t.TempDir()
	png, saved := filepath.Join(dir, "gemm.png"), filepath.Join(dir, "run.json")
	code := run([]string{"bench", "-sizes", "16,24,9x10x11", "-threads", "1,2", "-duration", "2ms", "-format", "json", "-plot", png, "-save", saved}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	r, err := bench.ReadReport(out.Bytes(), "stdout")
	if err != nil {
		t.Fatalf("output is not a report: %v\n%s", err, out.String())
	}
	if len(r.Peaks) != 2 || len(r.Bandwidth) != 2 || len(r.Gemm) == 0 || r.Tuning.Source != kernels.Tuning().Source ||
		!strings.HasPrefix(r.Run.Command, "dlgo bench -sizes") || r.Run.DlgoVersion == "" || r.Noise.WallSeconds <= 0 {
		t.Fatalf("report incomplete: %+v", r)
	}
	gonum := 0
	for _, g := range r.Gemm {
		if g.Err != "" || !(g.GFLOPS > 0) {
			t.Errorf("bad row %+v", g)
		}
		if g.Path == "gonum" {
			gonum++
		}
	}
	if gonum == 0 {
		t.Error("no gonum rows")
	}
	pngs := []string{png}
	if r.Peaks[0].IsPeak { // a build without assembly has no roof to draw
		pngs = append(pngs, filepath.Join(dir, "gemm-roofline.png"))
	} else if !strings.Contains(errb.String(), "no roofline") {
		t.Errorf("no roofline and no word of it: %q", errb.String())
	}
	for _, f := range pngs {
		if b, err := os.ReadFile(f); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("no PNG %s: %v", f, err)
		}
	}
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	var s bench.Report
	if err := json.Unmarshal(b, &s); err != nil || len(s.Gemm) != len(r.Gemm) {
		t.Errorf("-save: %v, %d rows", err, len(s.Gemm))
	}
}

func TestBenchBudget(t *testing.T) {
	// The default mode: a budget, here a small one on tiny sizes.
	var out, errb bytes.Buffer
	if code := run([]string{"bench", "-sizes", "16,32", "-threads", "1", "-budget", "1s", "-format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	r, err := bench.ReadReport(out.Bytes(), "stdout")
	if err != nil || r.Plan == nil || r.Plan.BudgetSeconds != 1 || len(r.Gemm) == 0 {
		t.Fatalf("budgeted run: %v, %+v", err, r)
	}
}

func TestBenchFull(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"bench", "-full", "-sizes", "8", "-threads", "1", "-paths", "generic", "-vs", "none", "-format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	r, err := bench.ReadReport(out.Bytes(), "stdout")
	if err != nil || r.Plan != nil || len(r.Gemm) != 1 || r.Gemm[0].Samples < 5 {
		t.Fatalf("-full: %v, %+v", err, r)
	}
}

func TestBenchTableAndCSV(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"bench", "-sizes", "8", "-threads", "1", "-paths", "generic", "-trans", "NN,TT", "-vs", "none", "-duration", "1ms"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"CPU:", "Peak:", "Memory:", "Noise:", "GFLOP/s", "generic"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"bench", "-sizes", "8", "-threads", "1", "-paths", "generic", "-vs", "none", "-duration", "1ms", "-format", "csv"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][0] != "cpu" {
		t.Fatalf("CSV: %v %v", err, recs)
	}
}

func TestBenchCompare(t *testing.T) {
	var out, errb bytes.Buffer
	a, b := "../../bench/testdata/zen3.json", "../../bench/testdata/zen5.json"
	if code := run([]string{"bench", "-compare", a, b}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"A: " + a, "B: " + b, "AMD EPYC 7B13", "B/A", "2.23×", "1.63×"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("comparison lacks %q:\n%s", w, out.String())
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"machine": {"cpu": "x"}, "gemm": [{"m": 0}]}`), 0o644)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"bench", "-compare", a}, 2, "two saved reports"},
		{[]string{"bench", "-compare", a, "missing.json"}, 1, "missing.json"},
		{[]string{"bench", "-compare", a, bad}, 1, "bad.json: gemm row 0"},
	} {
		out.Reset()
		errb.Reset()
		if code := run(c.args, &out, &errb); code != c.code || !strings.Contains(errb.String(), c.want) || strings.Contains(errb.String(), "goroutine") {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errb.String(), c.code, c.want)
		}
	}
}

func TestBenchTrain(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"bench", "train", "-nets", "30-10-3,logreg", "-batch", "8", "-threads", "1", "-duration", "5ms", "-format", "json"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	r, err := bench.ReadReport(out.Bytes(), "stdout")
	if err != nil || len(r.Train) != 4 || r.Train[0].SkipDataGrad || !r.Train[1].SkipDataGrad || r.Noise.WallSeconds <= 0 {
		t.Fatalf("bad JSON (%v):\n%s", err, out.String())
	}
	for _, tr := range r.Train {
		if tr.Err != "" || !(tr.ExamplesPerSec > 0) || !(tr.SecondsPerEpoch > 0) || tr.Trials < 1 {
			t.Errorf("bad row %+v", tr)
		}
	}
	out.Reset()
	if code := run([]string{"bench", "train", "-nets", "30-10-3", "-batch", "8", "-threads", "1", "-datagrad", "computed", "-duration", "5ms"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"examples/s", "min–max", "Noise:", "30-10-3"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("train table lacks %q:\n%s", w, out.String())
		}
	}
}

func TestBenchBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "-sizes", "0"},
		{"bench", "-threads", "x"},
		{"bench", "-paths", "quantum"},
		{"bench", "-trans", "NX"},
		{"bench", "-vs", "numpy"},
		{"bench", "-paths", "gonum", "-vs", "none"},
		{"bench", "-format", "xml"},
		{"bench", "-duration", "-1s"},
		{"bench", "-budget", "0s"},
		{"bench", "-plot", "x.svg"},
		{"bench", "train", "-batch", "0"},
		{"bench", "train", "-nets", ""},
		{"bench", "train", "-datagrad", "maybe"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 2 || !strings.Contains(errb.String(), "dlgo bench") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"bench", "train", "-nets", "10-x", "-threads", "1", "-duration", "1ms"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "not a layer size") {
		t.Errorf("bad net: exit %d, stderr %q", code, errb.String())
	}
}

// -vs blas adds the machine's CBLAS, names it in the header and gives each
// later row its speed-up over it. Where there is no CBLAS, -vs blas and
// -paths blas say so and exit 1 or 2 (DLGO_TEST_BLAS=1, set by .ci/run,
// which installs OpenBLAS, makes its absence a failure).
func TestBenchBLAS(t *testing.T) {
	var out, errb bytes.Buffer
	desc, err := bench.BLAS()
	if err != nil {
		if os.Getenv("DLGO_TEST_BLAS") == "1" {
			t.Fatalf("DLGO_TEST_BLAS=1 but %v", err)
		}
		if code := run([]string{"bench", "-vs", "blas", "-sizes", "16"}, &out, &errb); code == 0 || !strings.Contains(errb.String(), "CBLAS") {
			t.Errorf("-vs blas without a CBLAS: exit %d, %q", code, errb.String())
		}
		t.Skip(err)
	}
	path := kernels.Paths()[0]
	code := run([]string{"bench", "-paths", path, "-vs", "blas", "-sizes", "16,9x10x11", "-threads", "1", "-duration", "2ms"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	contains(t, "dlgo bench -vs blas", out.String(), "BLAS:     "+desc, "× blas", " blas ", " "+path+" ")
}
