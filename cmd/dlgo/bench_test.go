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
)

func TestBenchJSON(t *testing.T) {
	var out, errb bytes.Buffer
	png := filepath.Join(t.TempDir(), "gemm.png")
	code := run([]string{"bench", "-sizes", "16,24,9x10x11", "-threads", "1,2", "-duration", "2ms", "-format", "json", "-plot", png}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var r bench.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if r.Machine.CPU == "" || len(r.Peaks) != 2 || len(r.Gemm) == 0 {
		t.Fatalf("report incomplete: %+v", r)
	}
	for _, g := range r.Gemm {
		if g.Err != "" || !(g.GFLOPS > 0) || !(g.Gonum > 0) {
			t.Errorf("bad row %+v", g)
		}
	}
	if b, err := os.ReadFile(png); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("no PNG written: %v", err)
	}
}

func TestBenchTableAndCSV(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"bench", "-sizes", "8", "-threads", "1", "-paths", "generic", "-trans", "NN,TT", "-vs", "none", "-duration", "1ms"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"CPU:", "Peak:", "GFLOP/s", "generic"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"bench", "-sizes", "8", "-threads", "1", "-paths", "generic", "-duration", "1ms", "-format", "csv"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][0] != "cpu" {
		t.Fatalf("CSV: %v %v", err, recs)
	}
}

func TestBenchTrain(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"bench", "train", "-nets", "30-10-3,logreg", "-batch", "8", "-threads", "1", "-duration", "5ms", "-format", "json"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var r bench.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || len(r.Train) != 4 || r.Train[0].SkipDataGrad || !r.Train[1].SkipDataGrad {
		t.Fatalf("bad JSON (%v):\n%s", err, out.String())
	}
	for _, tr := range r.Train {
		if tr.Err != "" || !(tr.ExamplesPerSec > 0) || !(tr.SecondsPerEpoch > 0) {
			t.Errorf("bad row %+v", tr)
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
		{"bench", "-format", "xml"},
		{"bench", "-duration", "-1s"},
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
