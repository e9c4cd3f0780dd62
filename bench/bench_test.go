package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// tinyConfig measures tiny products for real, the peak and the bandwidth
// with quickMeter's short probes.
func tinyConfig() GemmConfig {
	return GemmConfig{
		Shapes:   []Shape{{7, 9, 5}, {16, 16, 16}},
		Trans:    []string{"NN", "TT"},
		Threads:  []int{1, 2},
		Paths:    append(append([]string{"naive"}, Paths()...), "gonum"),
		Duration: 2 * time.Millisecond,
		Meter:    quickMeter{},
	}
}

// quickMeter is SystemMeter with a short peak probe and a small triad.
type quickMeter struct{ SystemMeter }

func (quickMeter) Peak(th int, d time.Duration) (float64, bool) { return fmaPeak(th, time.Millisecond) }
func (quickMeter) Triad(th, n int, d time.Duration) float64 {
	return triad(th, 1<<12, time.Millisecond)
}

func TestRunGemm(t *testing.T) {
	var emitted []GemmResult
	var seen []string
	path := kernelPath()
	cfg := tinyConfig()
	cfg.Meter = nil // the real meter, once
	cfg.Shapes = cfg.Shapes[:1]
	cfg.Progress = func(s string) { seen = append(seen, s) }
	r := &Report{}
	if err := RunGemm(context.Background(), cfg, r, func(g GemmResult) { emitted = append(emitted, g) }); err != nil {
		t.Fatal(err)
	}
	// naive runs at 1 thread only.
	want := 2 * (1 + 2*(len(Paths())+1))
	if len(r.Gemm) != want || len(emitted) != want || len(seen) == 0 {
		t.Fatalf("%d rows, %d emitted (want %d), %d progress lines", len(r.Gemm), len(emitted), want, len(seen))
	}
	for _, g := range r.Gemm {
		if g.Err != "" || !(g.GFLOPS > 0) || !(g.Min <= g.GFLOPS && g.GFLOPS <= g.Max) || !(g.Intensity > 0) || g.Trials < 1 {
			t.Errorf("bad row %+v", g)
		}
		if g.Path != "gonum" && !(g.VsGonum > 0) {
			t.Errorf("row without its speed-up over gonum: %+v", g)
		}
	}
	if len(r.Peaks) != 2 || !(r.Peaks[0].Before > 0) || !(r.Peaks[0].After > 0) || len(r.Bandwidth) != 2 || !(r.Bandwidth[1].GBps > 0) {
		t.Errorf("peaks %+v, bandwidth %+v", r.Peaks, r.Bandwidth)
	}
	if r.Tuning.Source != blocksSource() || len(r.Tuning.Blocks) != len(Paths()) {
		t.Errorf("tuning %+v", r.Tuning)
	}
	if kernelPath() != path {
		t.Fatalf("kernel path %q after the run, want %q restored", kernelPath(), path)
	}
}

// TestRunGemmRefusesWrongKernel injects kernels that are off by a little,
// on a product checked element by element and on one checked by
// Freivalds' test, and checks that their rows are refused, not timed.
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
			c[(m/2)*ldc+n/3] += 1e-6 * float64(k)
		}, nil
	}
	cfg := tinyConfig()
	cfg.Shapes = append(cfg.Shapes, Shape{150, 140, 130}) // past fullCheckWork
	cfg.Paths = slices0(cfg.Paths, "gonum")
	var refused, ok int
	r := &Report{}
	RunGemm(context.Background(), cfg, r, func(g GemmResult) {
		switch {
		case g.Path == "generic" && strings.Contains(g.Err, "wrong result") && g.GFLOPS == 0:
			refused++
		case g.Path != "generic" && g.Err == "":
			ok++
		default:
			t.Errorf("unexpected row %+v", g)
		}
	})
	if refused != 12 || ok == 0 {
		t.Fatalf("%d generic rows refused (want 12), %d others fine", refused, ok)
	}
	var buf bytes.Buffer
	r.WriteTable(&buf)
	if !strings.Contains(buf.String(), "REFUSED") || !strings.Contains(buf.String(), "Freivalds") {
		t.Errorf("table does not show both refusals:\n%s", buf.String())
	}
}

// slices0 returns s without v.
func slices0(s []string, v string) []string {
	var out []string
	for _, x := range s {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

func TestFreivaldsPassesRightProducts(t *testing.T) {
	for _, tr := range []string{"NN", "NT", "TN", "TT"} {
		o := newOperands(Shape{150, 170, 190}, tr, newRand())
		if err := o.verify(dlgoGemm); err != nil {
			t.Errorf("%s: %v", tr, err)
		}
		if err := o.verify(refGemm); err != nil {
			t.Errorf("%s, reference: %v", tr, err)
		}
		o.run(dlgoGemm)
		o.c[len(o.c)-1] = math.NaN()
		if err := o.checkFreivalds(); err == nil {
			t.Errorf("%s: a NaN passed", tr)
		}
	}
}

func TestRunGemmCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	r := &Report{}
	err := RunGemm(ctx, tinyConfig(), r, func(GemmResult) {
		if n++; n == 3 {
			cancel()
		}
	})
	if err != context.Canceled || n != 3 || len(r.Gemm) != 3 {
		t.Fatalf("err %v after %d rows (%d kept), want Canceled after 3", err, n, len(r.Gemm))
	}
}

func TestRunGemmBudget(t *testing.T) {
	// A budgeted run plans from a real calibration but measures through a
	// fake meter: every row gets a positive measuring time, and the plan
	// is recorded.
	var ds []time.Duration
	m := &fakeMeter{peak: peakOf(1e6), gbps: 10, trial: func(int) Trial { return trialAt(flops16, tight, 1, 1, 0) }}
	cfg := tinyConfig()
	cfg.Duration, cfg.Budget, cfg.Meter = 0, 2*time.Second, m
	meter := &recordingMeter{fakeMeter: m, ds: &ds}
	cfg.Meter = meter
	r := &Report{}
	if err := RunGemm(context.Background(), cfg, r, nil); err != nil {
		t.Fatal(err)
	}
	if r.Plan == nil || r.Plan.BudgetSeconds != 2 || !(r.Plan.RowSeconds > 0) || len(ds) != len(r.Gemm) {
		t.Fatalf("plan %+v, %d trials for %d rows", r.Plan, len(ds), len(r.Gemm))
	}
	for _, d := range ds {
		if d <= 0 {
			t.Fatalf("a row measured for %v", d)
		}
	}
}

type recordingMeter struct {
	*fakeMeter
	ds *[]time.Duration
}

func (m *recordingMeter) Time(ctx context.Context, d time.Duration, n int, f func()) Trial {
	*m.ds = append(*m.ds, d)
	return m.fakeMeter.Time(ctx, d, n, f)
}

func TestPlan(t *testing.T) {
	var specs []rowSpec
	for _, n := range []int{64, 128, 256, 512, 1024, 2048} {
		for _, p := range []string{"fast", "slow"} {
			for _, th := range []int{1, 2} {
				specs = append(specs, rowSpec{s: Shape{n, n, n}, trans: "NN", threads: th, path: p})
			}
		}
	}
	rate := map[string]float64{"fast": 100, "slow": 5}
	keep, p := plan(specs, rate, 10)
	// slow at 2048: 7 × 17.2 GFLOP / 5 GFLOP/s = 24 s > 10/15: left out;
	// at 1024 3 s, also; at 512 0.38 s, kept.
	for _, sp := range keep {
		if sp.path == "slow" && sp.s.M > 512 {
			t.Errorf("slow path kept at %v", sp.s)
		}
	}
	if !(p.RowSeconds >= minRowTime) || plannedTime(keep, p.RowSeconds) > 10.001 {
		t.Errorf("row time %v, planned %v s for a 10 s budget", p.RowSeconds, plannedTime(keep, p.RowSeconds))
	}
	if len(p.Skipped) == 0 || !strings.Contains(strings.Join(p.Skipped, ";"), "slow on 1024") {
		t.Errorf("skipped %q", p.Skipped)
	}
	// A budget too small for every size drops the largest squares.
	keep, p = plan(specs, rate, 2)
	if len(p.Dropped) == 0 || largestSquare(keep) >= 2048 || p.RowSeconds < minRowTime {
		t.Errorf("2 s budget: dropped %q, largest %d, row %v s", p.Dropped, largestSquare(keep), p.RowSeconds)
	}
}

// sampleReport is a report with every field set, as a run leaves it.
func sampleReport() *Report {
	r := NewReport("dlgo bench -sizes 64")
	r.Run.WallSeconds = 12.5
	r.Peaks = []Peak{{Threads: 1, GFLOPS: 50, IsPeak: true, Before: 49, After: 50, During: []float64{48}},
		{Threads: 2, GFLOPS: 98, IsPeak: true, Before: 98, After: 97, Busy: true, BusyNote: "got 70%"}}
	r.Bandwidth = []Bandwidth{{Threads: 1, GBps: 12.5, ArrayBytes: 128 << 20}, {Threads: 2, GBps: 20, ArrayBytes: 128 << 20}}
	r.Noise = Noise{LoadBefore: 0.5, LoadAfter: 1.5, CPUSeconds: 20, WallSeconds: 12.5, Others: 0.2, Steal: 0, Remeasured: 1, Flagged: 1, Notes: []string{"a note"}}
	r.Plan = &Plan{BudgetSeconds: 60, RowSeconds: 0.5, Dropped: []string{"2048"}, Skipped: []string{"naive on 1024"}}
	for _, n := range []int{64, 128, 256} {
		for _, th := range []int{1, 2} {
			for _, p := range []string{"avx2", "generic", "gonum"} {
				g := float64(n*th) / 8
				if p == "generic" {
					g /= 4
				}
				if p == "gonum" {
					g /= 6
				}
				s := Shape{n, n, n}
				r.Gemm = append(r.Gemm, GemmResult{M: n, N: n, K: n, Trans: "NN", Path: p, Threads: th, GFLOPS: g, Min: g * 0.9, Max: g * 1.05,
					Samples: 20, Intensity: s.Flops() / s.Bytes(), PeakFraction: g / (50 * float64(th)), CPUShare: 1, Others: 0.02, Trials: 1})
			}
		}
	}
	r.Gemm = append(r.Gemm, GemmResult{M: 64, N: 128, K: 784, Trans: "NN", Path: "avx2", Threads: 1, GFLOPS: 30, Min: 20, Max: 31,
		Intensity: Shape{64, 128, 784}.Flops() / Shape{64, 128, 784}.Bytes(), Trials: 3, Unstable: true, Note: "spread ±20%", Causes: []string{causeSpread}})
	r.Train = []TrainResult{{Net: "784-128-10", Batch: 64, Threads: 1, ExamplesPerSec: 1000, Min: 900, Max: 1100, SecondsPerEpoch: 60, CPUShare: 1, Trials: 1}}
	return r
}

func TestReportJSONRoundTrip(t *testing.T) {
	r := sampleReport()
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	back, err := ReadReport(js.Bytes(), "run.json")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Fatalf("JSON does not round-trip:\n%+v\n%+v", back, r)
	}
	var m map[string]any
	json.Unmarshal(js.Bytes(), &m)
	for _, k := range []string{"run", "machine", "tuning", "peaks", "bandwidth", "noise", "plan", "gemm", "train"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
}

func TestReadReportErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "not a dlgo bench JSON report"},
		{"{", "not a dlgo bench JSON report"},
		{`{"gemm": 3}`, "not a dlgo bench JSON report"},
		{`{"machine": {}}`, "no machine description"},
		{`{"machine": {"cpu": "x"}, "gemm": [{"m": 0}]}`, "gemm row 0"},
		{`{"machine": {"cpu": "x"}, "train": [{"threads": 1}]}`, "train row 0"},
		{`{"machine": {"cpu": "x"}, [}`, "at byte"},
	} {
		_, err := ReadReport([]byte(c.in), "f.json")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "f.json: ") {
			t.Errorf("ReadReport(%q) = %v, want an error naming f.json and %q", c.in, err, c.want)
		}
	}
}

func FuzzReadReport(f *testing.F) {
	var js bytes.Buffer
	sampleReport().WriteJSON(&js)
	f.Add(js.Bytes())
	f.Add([]byte(`{"machine": {"cpu": "x"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ReadReport(b, "fuzz")
		if err != nil {
			return
		}
		// Whatever parses can be written, compared and drawn without a
		// panic.
		var out bytes.Buffer
		if err := r.WriteTable(&out); err != nil {
			t.Fatal(err)
		}
		if err := WriteComparison(&out, r, r, "a", "b"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestReportFormats(t *testing.T) {
	r := sampleReport()
	var tab bytes.Buffer
	if err := r.Write(&tab, "table"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"CPU:", "Blocks:", "(" + blocksSource() + ")", "Peak:", "before the rows 49.0, after 50.0", "~ measured while the machine was busy",
		"Memory:   12.5 GB/s at 1 thread", "ridge point 4.0 flop/byte", "Left out: every path on 2048; naive on 1024", "Noise:", "load average 0.50 → 1.50",
		"GFLOP/s", "~30.00", "~ spread ±20%", "~ " + causeText[causeSpread], "784-128-10", "examples/s", "a note"} {
		if !strings.Contains(tab.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, tab.String())
		}
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

func TestCompareFixtures(t *testing.T) {
	var reps [2]*Report
	for i, name := range []string{"testdata/zen3.json", "testdata/zen5.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if reps[i], err = ReadReport(b, name); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := WriteComparison(&out, reps[0], reps[1], "zen3.json", "zen5.json"); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, w := range []string{
		"A: zen3.json", "B: zen5.json", "AMD EPYC 7B13", "AMD EPYC 9B14", "go1.26.8", "built-in: avx2 6×8/96/256/4080",
		"FMA peak, 1 thread", "46.5 GFLOP/s", "133.0 GFLOP/s", "bandwidth, 2 threads",
	} {
		if !strings.Contains(s, w) {
			t.Errorf("comparison lacks %q:\n%s", w, s)
		}
	}
	for _, row := range [][]string{
		{"1024", "NN", "avx2", "1", "27.20", "60.60", "2.23×", "58%", "46%"}, // in both runs
		{"1024", "NN", "avx2", "2", "52.70", "—", "57%"},                     // A only
		{"1024", "NN", "avx512", "1", "—", "116.90", "88%"},                  // B only
		{"64x128x784", "NN", "avx2", "1", "~29.70", "27.30", "~0.92×"},       // A's mark kept
		{"784-128-10", "computed", "64", "1", "42000", "68500", "1.63×"},
	} {
		if !hasRow(s, row) {
			t.Errorf("comparison lacks the row %q:\n%s", row, s)
		}
	}
}

// hasRow reports whether a line of s begins with the given fields.
func hasRow(s string, fields []string) bool {
	for _, line := range strings.Split(s, "\n") {
		f := strings.Fields(line)
		if len(f) >= len(fields) && reflect.DeepEqual(f[:len(fields)], fields) {
			return true
		}
	}
	return false
}

func TestWritePlots(t *testing.T) {
	r := sampleReport()
	for name, f := range map[string]func(*bytes.Buffer) error{
		"plot":     func(b *bytes.Buffer) error { return r.WritePlot(b) },
		"roofline": func(b *bytes.Buffer) error { return r.WriteRoofline(b) },
	} {
		var buf bytes.Buffer
		if err := f(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("\x89PNG")) || buf.Len() < 1000 {
			t.Fatalf("%s: not a PNG: %d bytes", name, buf.Len())
		}
	}
	var buf bytes.Buffer
	if err := (&Report{}).WritePlot(&buf); err == nil {
		t.Error("an empty report plotted")
	}
	noBW := sampleReport()
	noBW.Bandwidth = nil
	if err := noBW.WriteRoofline(&buf); err != ErrNoRoof {
		t.Errorf("a roofline without a bandwidth: %v", err)
	}
}

func TestPlotStyles(t *testing.T) {
	seen := map[any]string{}
	for _, p := range []string{"avx512", "avx2", "neon", "generic", "blas", "gonum", "naive", "unknown"} {
		c := pathColor(p)
		if q, ok := seen[c]; ok {
			t.Errorf("%s and %s share a colour", p, q)
		}
		seen[c] = p
	}
	ticks := integerTicks{}.Ticks(0.8, 4.2)
	if len(ticks) != 4 || ticks[0].Label != "1" || ticks[3].Label != "4" {
		t.Errorf("integer ticks %+v", ticks)
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
	if s := (Shape{64, 128, 784}); s.Bytes() != 8*(64*784+784*128+64*128) {
		t.Errorf("Bytes = %v", s.Bytes())
	}
}

func TestTriad(t *testing.T) {
	if g := triad(2, 1<<12, time.Millisecond); !(g > 0) {
		t.Fatalf("triad = %v GB/s", g)
	}
	if n := triadLength(480 << 20); n*8 != 128<<20 {
		t.Errorf("triadLength(480 MiB) = %d elements, want 128 MiB", n)
	}
	if n := triadLength(1 << 20); n*8 != 32<<20 {
		t.Errorf("triadLength(1 MiB) = %d elements, want 32 MiB", n)
	}
}

func TestRunTrain(t *testing.T) {
	cfg := TrainConfig{Nets: []string{"20-8-3", "logreg", "20-x"}, Batch: 16, Threads: []int{1, 2}, Duration: 5 * time.Millisecond}
	r := &Report{}
	if err := RunTrain(context.Background(), cfg, r, nil); err != nil {
		t.Fatal(err)
	}
	rows := r.Train
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6", len(rows))
	}
	for _, r := range rows[:4] {
		if r.Err != "" || !(r.ExamplesPerSec > 0) || !(r.SecondsPerEpoch > 0) || r.AllocsPerStep < 0 || r.Trials < 1 {
			t.Errorf("bad row %+v", r)
		}
	}
	for _, r := range rows[4:] {
		if !strings.Contains(r.Err, `"x" is not a layer size`) {
			t.Errorf("bad net accepted: %+v", r)
		}
	}
}

func FuzzParseShapes(f *testing.F) {
	for _, s := range []string{"64", "64,1000x784x64", "", "0", "axbxc", "1x2x3x4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, list string) {
		shapes, err := ParseShapes(list)
		if err != nil {
			return
		}
		for _, s := range shapes {
			if s.M < 1 || s.N < 1 || s.K < 1 || s.M > 1<<16 || s.N > 1<<16 || s.K > 1<<16 {
				t.Fatalf("ParseShapes(%q) accepted %v", list, s)
			}
			if back, err := ParseShapes(s.String()); err != nil || back[0] != s {
				t.Fatalf("%v does not round-trip through its name %q", s, s.String())
			}
		}
	})
}
