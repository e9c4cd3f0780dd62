package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dlgo/kernels"
)

// TestTuneCommand runs dlgo tune on a budget far too small for a real
// search: it must say what it measured and chose, and save a file the
// library accepts.
func TestTuneCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "tune.json")
	stdout := mustRun(t, "tune", "-budget", "100ms", "-size", "96", "-paths", kernels.Paths()[0], "-o", out)
	contains(t, "dlgo tune", stdout, "48×48×101", "chose", "model's", "saved "+out, kernels.Paths()[0])
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := kernels.ParseTuningFile(out, data)
	if err != nil {
		t.Fatalf("the saved file: %v", err)
	}
	if f.Key != kernels.CurrentTuneKey() || len(f.Paths) != 1 {
		t.Errorf("saved %+v", f)
	}
}

func TestTuneCommandErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"tune", "-budget", "0s"}, 2, "-budget"},
		{[]string{"tune", "-size", "7"}, 2, "-size"},
		{[]string{"tune", "-paths", "sse9", "-budget", "10ms", "-size", "96", "-o", filepath.Join(dir, "x.json")}, 1, `"sse9"`},
		{[]string{"tune", "-budget", "10ms", "-paths", "generic", "-o", filepath.Join(blocker, "tune.json")}, 1, "saving the tuning file"},
	} {
		code, _, stderr := dlgo(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "goroutine") {
			t.Errorf("dlgo %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), code, stderr, c.code, c.want)
		}
	}
}

func TestBlocksLine(t *testing.T) {
	s := blocksLine()
	if !strings.Contains(s, kernels.Path()) || !strings.Contains(s, "KC") || !strings.Contains(s, kernels.Tuning().Source) {
		t.Errorf("blocksLine() = %q", s)
	}
	stdout := mustRun(t, "cpu")
	contains(t, "dlgo cpu", stdout, "blocking", kernels.Tuning().Source)
}

// TestBenchSaysBlocks: dlgo bench's JSON names where its blocks came from,
// and a table run without a tuning file suggests dlgo tune.
func TestBenchSaysBlocks(t *testing.T) {
	stdout := mustRun(t, "bench", "-sizes", "64", "-threads", "1", "-paths", "generic", "-vs", "none", "-duration", "5ms", "-format", "json")
	contains(t, "dlgo bench -format json", stdout, `"source": "`+kernels.Tuning().Source+`"`)
	stdout = mustRun(t, "bench", "-sizes", "64", "-threads", "1", "-paths", "generic", "-vs", "none", "-duration", "5ms")
	contains(t, "dlgo bench", stdout, "Blocks:", "("+kernels.Tuning().Source+")")
	if tu := kernels.Tuning(); tu.File == "" && tu.Err == nil && tu.Source == "model of the caches" {
		contains(t, "dlgo bench", stdout, `"dlgo tune"`)
	}
}
