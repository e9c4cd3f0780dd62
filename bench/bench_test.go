package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"dlgo/kernels"
)

func tinyConfig() GemmConfig {
	return GemmConfig{
		Shapes:   []Shape{{7, 9, 5}, {16, 16, 16}},
		Trans:    []string{"NN", "TT"},
		Threads:  []int{1, 2},
		Paths:    append([]string{"naive"}, kernels.Paths()...),
		Gonum:    true,
		Duration: 2 * time.Millisecond,
	}
}

func TestRunGemm(t *testing.T) {
	var rows []GemmResult
	var seen []string
	path := kernels.Path()
	cfg := tinyConfig()
	cfg.Progress = func(s string) { seen = append(seen, s) }
	if err := RunGemm(context.Background(), cfg, map[int]float64{1: 10, 2: 20}, func(r GemmResult) { rows = append(rows, r) }); err != nil {
		t.Fatal(err)
	}
	// naive runs at 1 thread only.
	want := 2 * 2 * (1 + 2*len(kernels.Paths()))
	if len(rows) != want || len(seen) == 0 {
		t.Fatalf("%d rows (want %d), %d progress lines", len(rows), want, len(seen))
	}
	for _, r := range rows {
		if r.Err != "" || !(r.GFLOPS > 0) || !(r.Min <= r.GFLOPS && r.GFLOPS <= r.Max) ||
			!(r.Gonum > 0) || !(r.VsGonum > 0) || !(r.PeakFraction > 0) {
			t.Errorf("bad row %+v", r)
		}
	}
	if kernels.Path() != path {
		t.Fatalf("kernel path %q after the run, want %q restored", kernels.Path(), path)
	}
}

// TestRunGemmRefusesWrongKernel injects a kernel that is off by a little and
// checks that its row is refused rather than timed.
func TestRunGemmRefusesWrongKernel(t *testing.T) {
	old := implFor
	defer func() { implFor = old }()
	implFor = func(path string) (gemmFunc, error) {
		f, err := old(path)
		if path != "generic" || err != nil {
			return f, err
		}
		return func(tA, tB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
			f(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
			c[len(c)-1] += 1e-6
		}, nil
	}
	cfg := tinyConfig()
	cfg.Gonum = false
	var refused, ok int
	RunGemm(context.Background(), cfg, nil, func(r GemmResult) {
		switch {
		case r.Path == "generic" && strings.Contains(r.Err, "wrong result") && r.GFLOPS == 0:
			refused++
		case r.Path != "generic" && r.Err == "":
			ok++
		default:
			t.Errorf("unexpected row %+v", r)
		}
	})
	if refused != 8 || ok == 0 {
		t.Fatalf("%d generic rows refused (want 8), %d others fine", refused, ok)
	}
	var buf bytes.Buffer
	(&Report{Gemm: []GemmResult{{M: 1, N: 1, K: 1, Trans: "NN", Path: "generic", Threads: 1, Err: "generic: wrong result"}}}).WriteTable(&buf)
	if !strings.Contains(buf.String(), "REFUSED") {
		t.Errorf("table does not show the refusal:\n%s", buf.String())
	}
}

func TestRunGemmCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := RunGemm(ctx, tinyConfig(), nil, func(GemmResult) {
		if n++; n == 3 {
			cancel()
		}
	})
	if err != context.Canceled || n != 3 {
		t.Fatalf("err %v after %d rows, want Canceled after 3", err, n)
	}
}

func TestReportFormats(t *testing.T) {
	r := &Report{Machine: DescribeMachine(), Peaks: MeasurePeaks(context.Background(), []int{1}, 3*time.Millisecond)}
	cfg := tinyConfig()
	cfg.Shapes = cfg.Shapes[:1]
	RunGemm(context.Background(), cfg, peakMap(r.Peaks), func(g GemmResult) { r.Gemm = append(r.Gemm, g) })
	r.Train = []TrainResult{{Net: "784-128-10", Batch: 64, Threads: 1, ExamplesPerSec: 1000, SecondsPerEpoch: 60}}

	var tab bytes.Buffer
	if err := r.Write(&tab, "table"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"CPU:", "Kernel:", "Peak:", "GFLOP/s", "784-128-10", "examples/s"} {
		if !strings.Contains(tab.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, tab.String())
		}
	}

	var js bytes.Buffer
	if err := r.Write(&js, "json"); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Machine.CPU == "" || len(back.Gemm) != len(r.Gemm) || back.Gemm[0].GFLOPS <= 0 {
		t.Fatalf("JSON does not round-trip: %v\n%s", err, js.String())
	}

	var cs bytes.Buffer
	if err := r.Write(&cs, "csv"); err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(cs.String(), "\n\n", 2)
	recs, err := csv.NewReader(strings.NewReader(parts[0])).ReadAll()
	if err != nil || len(recs) != len(r.Gemm)+1 || recs[0][0] != "cpu" || recs[1][0] != r.Machine.CPU {
		t.Fatalf("CSV: %v\n%s", err, cs.String())
	}
	if len(parts) != 2 || !strings.Contains(parts[1], "784-128-10") {
		t.Fatalf("CSV lacks the training rows:\n%s", cs.String())
	}
	if err := r.Write(&cs, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestParse(t *testing.T) {
	s, err := ParseShapes("64, 1000x784x64")
	if err != nil || len(s) != 2 || s[0] != (Shape{64, 64, 64}) || s[1] != (Shape{1000, 784, 64}) || s[1].String() != "1000x784x64" {
		t.Fatalf("ParseShapes = %v, %v", s, err)
	}
	for _, bad := range []string{"", "0", "64x64", "axbxc", "-3"} {
		if _, err := ParseShapes(bad); err == nil {
			t.Errorf("ParseShapes(%q) accepted", bad)
		}
	}
	if v, err := ParseInts("1,2,4"); err != nil || len(v) != 3 {
		t.Errorf("ParseInts = %v, %v", v, err)
	}
	if _, err := ParseInts("1,x"); err == nil {
		t.Error("ParseInts accepted x")
	}
	if v, err := ParseTrans("nn,TT"); err != nil || v[0] != "NN" {
		t.Errorf("ParseTrans = %v, %v", v, err)
	}
	if _, err := ParseTrans("NX"); err == nil {
		t.Error("ParseTrans accepted NX")
	}
	if len(DefaultShapes()) != 9 {
		t.Error("DefaultShapes")
	}
}

func TestWritePlot(t *testing.T) {
	r := &Report{Machine: DescribeMachine(), Peaks: []Peak{{Threads: 1, GFLOPS: 50, IsPeak: true}, {Threads: 2, GFLOPS: 100, IsPeak: true}}}
	for _, n := range []int{64, 128} {
		for _, th := range []int{1, 2} {
			r.Gemm = append(r.Gemm, GemmResult{M: n, N: n, K: n, Trans: "NN", Path: "generic", Threads: th, GFLOPS: float64(n * th / 10)})
		}
	}
	var buf bytes.Buffer
	if err := r.WritePlot(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\x89PNG")) || buf.Len() < 1000 {
		t.Fatalf("not a PNG: %d bytes", buf.Len())
	}
	if err := (&Report{}).WritePlot(&buf); err == nil {
		t.Error("an empty report plotted")
	}
}

func TestRunTrain(t *testing.T) {
	var rows []TrainResult
	cfg := TrainConfig{Nets: []string{"20-8-3", "logreg", "20-x"}, Batch: 16, Threads: []int{1, 2}, Duration: 5 * time.Millisecond}
	if err := RunTrain(context.Background(), cfg, func(r TrainResult) { rows = append(rows, r) }); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6", len(rows))
	}
	for _, r := range rows[:4] {
		if r.Err != "" || !(r.ExamplesPerSec > 0) || !(r.SecondsPerEpoch > 0) || r.AllocsPerStep < 0 {
			t.Errorf("bad row %+v", r)
		}
	}
	for _, r := range rows[4:] {
		if !strings.Contains(r.Err, `"x" is not a layer size`) {
			t.Errorf("bad net accepted: %+v", r)
		}
	}
}
