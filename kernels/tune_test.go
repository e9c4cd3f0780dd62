package kernels

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustMkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// freshPaths copies the available paths as start-up built them, for a test
// to apply a tuning file to without touching the ones Gemm uses.
func freshPaths() []*kernelPath {
	tuneOnce.Do(loadTuning)
	var out []*kernelPath
	for _, p := range available {
		q := pristine[p.name]
		out = append(out, &q)
	}
	return out
}

// sampleTuning returns a valid tuning file for this machine: every path
// with blocks other than the model's, and for avx512 the 8×16 tile at all
// threads.
func sampleTuning() *TuningFile {
	f := &TuningFile{Format: tuneFormat, Key: CurrentTuneKey(), Date: time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC),
		Budget: "30s", Wall: "29s", Threads: 2, Paths: map[string]PathTuning{}}
	for _, p := range freshPaths() {
		tile := tileName(p.mr, p.nr)
		all := tile
		if p.narrow != nil {
			all = tileName(p.narrow.mr, p.narrow.nr)
		}
		f.Paths[p.name] = PathTuning{KC: 96,
			One:      BlockChoice{MC: 4 * p.mr, NC: 48 * 3, Tile: tile, GFLOPS: 10, ModelGFLOPS: 9},
			All:      BlockChoice{MC: 8 * p.mr, NC: 48 * 5, Tile: all, GFLOPS: 20, ModelGFLOPS: 18},
			PackFrom: 192, Shared: true}
	}
	return f
}

func TestTuningFileRoundTrip(t *testing.T) {
	f := sampleTuning()
	path := filepath.Join(t.TempDir(), "sub", "tune.json")
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := ParseTuningFile(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, g) {
		t.Fatalf("round trip:\n%+v\n%+v", f, g)
	}
	// No temporary file is left beside it.
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Errorf("%d files in the directory, want 1", len(ents))
	}

	paths := freshPaths()
	info := applyTuningEnv(path, paths, CurrentTuneKey())
	if info.Err != nil || !strings.Contains(info.Source, "tuned 2026-12-02 from "+path) {
		t.Fatalf("applyTuningEnv = %+v", info)
	}
	for _, p := range paths {
		pt := f.Paths[p.name]
		if p.kc != 96 || p.mc != pt.One.MC || p.nc != pt.One.NC || tileName(p.mr, p.nr) != pt.One.Tile {
			t.Errorf("%s, one thread: %+v, want %+v", p.name, p.blocking, pt)
		}
		m := p.multi
		if m == nil || m.kc != 96 || m.mc != pt.All.MC || m.nc != pt.All.NC || tileName(m.mr, m.nr) != pt.All.Tile {
			t.Fatalf("%s, all threads: %+v, want %+v", p.name, m, pt)
		}
		if p.packFrom != 192 || m.packFrom != 192 {
			t.Errorf("%s: packFrom %d, on more threads %d; want 192", p.name, p.packFrom, m.packFrom)
		}
		if !p.shared || !m.shared {
			t.Errorf("%s: shared %v, on more threads %v; want true", p.name, p.shared, m.shared)
		}
		if m.narrow != nil && (m.narrow.kc != 96 || m.narrow.nr == m.nr) {
			t.Errorf("%s, all threads: narrow twin %+v", p.name, m.narrow.blocking)
		}
	}
}

// TestTunedBitsSame: the blocks and tiles of a tuning file change which
// sub-products run where, never the bits of a product for a given KC, at
// any thread count.
func TestTunedBitsSame(t *testing.T) {
	f := sampleTuning()
	path := filepath.Join(t.TempDir(), "tune.json")
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	paths := freshPaths()
	applyTuningEnv(path, paths, CurrentTuneKey())
	defer func(w int) { minParallelWork = w }(minParallelWork)
	minParallelWork = 1
	m, n, k := 100, 96, 300
	r := rand.New(rand.NewPCG(1, 7))
	a, b := randSlice(r, m*k), randSlice(r, k*n)
	for _, p := range paths {
		ref := make([]float64, m*n)
		q := pristine[p.name]
		q.kc = 96 // the same KC: the same order of summation
		gemmPlain(&q, 1, gemmArgs{false, false, m, n, k, 1, a, k, b, n, 0, ref, n})
		for _, v := range []*kernelPath{p, p.multi} {
			for _, threads := range []int{1, 2, 3} {
				c := make([]float64, m*n)
				gemmOn(v, threads, gemmArgs{false, false, m, n, k, 1, a, k, b, n, 0, c, n})
				for i := range c {
					if math.Float64bits(c[i]) != math.Float64bits(ref[i]) {
						t.Fatalf("%s %dx%d, %d threads: c[%d] = %v, want %v", p.name, v.mr, v.nr, threads, i, c[i], ref[i])
					}
				}
			}
		}
	}
}

func TestTuningMismatchedKey(t *testing.T) {
	for _, change := range []func(*TuneKey){
		func(k *TuneKey) { k.CPU += " (another)" },
		func(k *TuneKey) { k.Caches = "L1d 32K/8-way/64B" },
		func(k *TuneKey) { k.Version = "v0.0.1" },
		func(k *TuneKey) { k.Model++ },
	} {
		f := sampleTuning()
		change(&f.Key)
		path := filepath.Join(t.TempDir(), "tune.json")
		if err := f.Save(path); err != nil {
			t.Fatal(err)
		}
		paths := freshPaths()
		info := applyTuningEnv(path, paths, CurrentTuneKey())
		if info.Err == nil || !strings.Contains(info.Err.Error(), "another CPU or dlgo version") || info.Source != sourceModel {
			t.Errorf("key %+v: %+v", f.Key, info)
		}
		for _, p := range paths {
			if p.blocking != pristine[p.name].blocking || p.multi != nil {
				t.Errorf("key %+v: %s changed to %+v", f.Key, p.name, p.blocking)
			}
		}
	}
}

func TestTuningEnv(t *testing.T) {
	f := sampleTuning()
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	def, err := DefaultTuningPath()
	if err != nil {
		t.Skip("no user cache directory here:", err)
	}
	// No file at the default place: the model, no error.
	if info := applyTuningEnv("", freshPaths(), CurrentTuneKey()); info.Err != nil || info.Source != sourceModel {
		t.Errorf("no file: %+v", info)
	}
	if err := f.Save(def); err != nil {
		t.Fatal(err)
	}
	if info := applyTuningEnv("", freshPaths(), CurrentTuneKey()); info.Err != nil || info.File != def {
		t.Errorf("default file: %+v", info)
	}
	paths := freshPaths()
	if info := applyTuningEnv("off", paths, CurrentTuneKey()); info.Err != nil || !strings.Contains(info.Source, "DLGO_TUNE=off") || info.File != "" {
		t.Errorf("off: %+v", info)
	}
	if paths[0].blocking != pristine[paths[0].name].blocking {
		t.Errorf("off: blocks changed")
	}
	other := filepath.Join(dir, "elsewhere.json")
	if err := f.Save(other); err != nil {
		t.Fatal(err)
	}
	if info := applyTuningEnv(other, freshPaths(), CurrentTuneKey()); info.Err != nil || info.File != other {
		t.Errorf("a path: %+v", info)
	}
	// A named file that is missing is an error, and the model is kept.
	missing := filepath.Join(dir, "missing.json")
	if info := applyTuningEnv(missing, freshPaths(), CurrentTuneKey()); info.Err == nil || info.Source != sourceModel {
		t.Errorf("missing named file: %+v", info)
	}
}

// TestTuningUnwritableCache: a cache directory that cannot be created
// (under a regular file, which even root cannot write into) makes Save fail
// cleanly and loading fall back to the model.
func TestTuningUnwritableCache(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	mustWrite(t, blocker, "not a directory")
	t.Setenv("XDG_CACHE_HOME", blocker)
	t.Setenv("HOME", blocker)
	def, err := DefaultTuningPath()
	if err != nil {
		t.Skip("no user cache directory here:", err)
	}
	if err := sampleTuning().Save(def); err == nil {
		t.Fatalf("Save(%s) succeeded under a file", def)
	}
	paths := freshPaths()
	info := applyTuningEnv("", paths, CurrentTuneKey())
	if info.Source != sourceModel || paths[0].blocking != pristine[paths[0].name].blocking {
		t.Errorf("unreadable cache: %+v", info)
	}
}

func TestTuningCorruptFile(t *testing.T) {
	good, err := json.Marshal(sampleTuning())
	if err != nil {
		t.Fatal(err)
	}
	p0 := Paths()[0]
	for _, c := range []struct{ data, want string }{
		{"", "EOF"},
		{"{", "unexpected EOF"},
		{"[1,2]", "cannot unmarshal"},
		{`{"format": 2}`, "format 2"},
		{`{"format": 1, "paths": {"sse9": {"kc": 256}}}`, `path "sse9": unknown`},
		{`{"format": 1, "paths": {"` + p0 + `": {"kc": 0}}}`, "kc 0"},
		{`{"format": 1, "paths": {"` + p0 + `": {"kc": 256, "one_thread": {"mc": 7, "nc": 48, "tile": "` + tileName(tiles[p0][0], tiles[p0][1]) + `"}}}}`, "mc 7"},
		{`{"format": 1, "paths": {"` + p0 + `": {"kc": 256, "one_thread": {"mc": 48, "nc": 48, "tile": "4x4"}}}}`, "tile"},
		{`{"format": 1, "bogus": 3}`, "unknown field"},
		{`{"format": 1, "paths": {"` + p0 + `": {"kc": 256, "pack_from": -1}}}`, "pack_from -1"},
		{string(good) + "{}", "data after"},
		{string(good[:len(good)/2]), "unexpected EOF"},
	} {
		path := filepath.Join(t.TempDir(), "tune.json")
		mustWrite(t, path, c.data)
		paths := freshPaths()
		info := applyTuningEnv(path, paths, CurrentTuneKey())
		if info.Err == nil || !strings.Contains(info.Err.Error(), c.want) || !strings.Contains(info.Err.Error(), path) {
			t.Errorf("%q: err %v, want one naming %s and %q", c.data, info.Err, path, c.want)
		}
		if info.Source != sourceModel || paths[0].blocking != pristine[paths[0].name].blocking {
			t.Errorf("%q: blocks changed: %+v", c.data, info)
		}
	}
}

// FuzzParseTuningFile: whatever the bytes, the parser returns a file or an
// error naming the file, never panics, and what it accepts can be applied.
func FuzzParseTuningFile(f *testing.F) {
	good, _ := json.Marshal(sampleTuning())
	f.Add(good)
	f.Add([]byte(`{"format": 1}`))
	f.Add([]byte(`{"format": 1, "paths": {"generic": {"kc": 8, "one_thread": {"mc": 6, "nc": 8, "tile": "6x8"}, "all_threads": {"mc": 6, "nc": 8, "tile": "6x8"}}}}`))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tf, err := ParseTuningFile("fuzz.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for _, p := range freshPaths() {
			if pt, ok := tf.Paths[p.name]; ok {
				applyPathTuning(p, pt)
				if p.kc <= 0 || p.mc <= 0 || p.nc <= 0 || p.mc%p.mr != 0 || p.nc%p.nr != 0 {
					t.Fatalf("applied %+v: %+v", pt, p.blocking)
				}
			}
		}
	})
}

// TestTunePackFrom runs the tuner's packing measurement on small
// products: it must time both ways at every size (its log says so) and
// return one of the sizes, or 64 past the largest. Which one depends on
// the machine, so that is all it can check.
func TestTunePackFrom(t *testing.T) {
	tuneOnce.Do(loadTuning)
	for _, name := range Paths() {
		base := pristine[name]
		if base.direct == nil {
			continue
		}
		var lines []string
		s := &search{base: base, ops: newTuneOperands(96),
			logf: func(format string, a ...any) { lines = append(lines, fmt.Sprintf(format, a...)) }}
		sizes := []int{48, 96}
		from := s.packFrom(s.start(), sizes)
		if from != 48 && from != 96 && from != 160 {
			t.Errorf("%s: packFrom = %d, want 48, 96 or 160", name, from)
		}
		if len(lines) == 0 || !strings.Contains(lines[0], "96³: packed") || (from == 48) != (len(lines) == 2) {
			t.Errorf("%s: packFrom = %d, log:\n%s", name, from, strings.Join(lines, "\n"))
		}
	}
}

// TestTuneSharedPays runs the tuner's comparison of shared packed blocks
// and stripes on a small product: one line logged, a verdict, and
// sharedMode left as it was.
func TestTuneSharedPays(t *testing.T) {
	if !engineBuilt {
		t.Skip("the textbook build has no shared blocks")
	}
	tuneOnce.Do(loadTuning)
	withMinParallelWork(t, 1)
	for _, name := range Paths() {
		var lines []string
		s := &search{base: pristine[name], ops: newTuneOperands(96),
			logf: func(format string, a ...any) { lines = append(lines, fmt.Sprintf(format, a...)) }}
		s.sharedPays(s.start(), 2, 96)
		if len(lines) != 1 || !strings.Contains(lines[0], "96³: threads sharing packed blocks") {
			t.Errorf("%s: log:\n%s", name, strings.Join(lines, "\n"))
		}
		if sharedMode != 0 {
			t.Fatalf("%s: sharedMode %d after the measurement", name, sharedMode)
		}
	}
}

// sharedSize keeps the largest size while its products are quick, and
// shrinks a slow path's.
func TestSharedSize(t *testing.T) {
	if n := sharedSize(960, 1001, 100); n != 960 {
		t.Errorf("at 100 GFLOP/s: %d, want 960", n)
	}
	if n := sharedSize(960, 1001, 5); n != 432 {
		t.Errorf("at 5 GFLOP/s: %d, want 432", n)
	}
	if n := sharedSize(96, 97, 0); n != 96 {
		t.Errorf("a small size, no rate: %d, want 96", n)
	}
}

// TestTuneTiny runs the tuner on a budget far too small for a real search:
// it must still return a valid file for every path, and the file must
// parse.
func TestTuneTiny(t *testing.T) {
	var lines []string
	f, err := Tune(TuneOptions{Budget: 50 * time.Millisecond, Paths: []string{Paths()[0]}, Threads: 2, MaxSize: 96,
		Log: func(format string, a ...any) { lines = append(lines, fmt.Sprintf(format, a...)) }})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseTuningFile("tuned", data); err != nil {
		t.Fatalf("the tuner's own file: %v\n%s", err, data)
	}
	if len(f.Paths) != 1 || len(lines) < 2 || !strings.Contains(strings.Join(lines, "\n"), "chose") {
		t.Errorf("paths %v, log:\n%s", f.Paths, strings.Join(lines, "\n"))
	}
	if _, err := Tune(TuneOptions{Budget: time.Millisecond, Paths: []string{"sse9"}}); err == nil {
		t.Error("Tune(unknown path) succeeded")
	}
}
