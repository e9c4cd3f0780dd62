// tune_file.go: the tuning file `dlgo tune` writes (Tune, tune.go) and the
// library reads at its first Gemm: the blocks measured fastest on this
// machine, keyed by what they depend on (the CPU, its caches, dlgo's
// kernels), so that a file copied to another machine, or left behind by
// an older dlgo, is ignored rather than obeyed. What it is not: a place
// for anything that changes results by thread count (KC, which decides
// the order of each element's sum, is one per path, whatever the threads).

package kernels

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/cpuid/v2"
)

// tuneFormat is the version of the file's layout; kernelsVersion names the
// kernels' generation, for builds that carry no release version: bump it
// when a microkernel or the loops around it change, so that old tuning
// files stop matching.
const (
	tuneFormat     = 1
	kernelsVersion = "kernels-15"
)

// TuneKey is what a tuning file is valid for: the CPU (brand, vendor,
// family and model, the SIMD features dlgo's paths use), its data caches,
// the architecture, and dlgo's version. A file whose key differs from
// this machine's (CurrentTuneKey) is ignored.
type TuneKey struct {
	CPU      string `json:"cpu"`
	Vendor   string `json:"vendor"`
	Family   int    `json:"family"`
	Model    int    `json:"model"`
	Features string `json:"features"`
	Caches   string `json:"caches"`
	Arch     string `json:"arch"`
	Version  string `json:"dlgo"`
}

// CurrentTuneKey returns the key of this machine and build.
func CurrentTuneKey() TuneKey {
	c := cpuid.CPU
	var feats []string
	for _, p := range available {
		feats = append(feats, p.name)
	}
	return TuneKey{
		CPU:      strings.TrimSpace(c.BrandName),
		Vendor:   c.VendorString,
		Family:   c.Family,
		Model:    c.Model,
		Features: strings.Join(feats, " "),
		Caches:   thisCPU.String(),
		Arch:     runtime.GOARCH,
		Version:  dlgoVersion(),
	}
}

// String describes the caches as the key and `dlgo tune` show them.
func (c caches) String() string {
	f := func(name string, l cacheLevel) string {
		return fmt.Sprintf("%s %dK/%d-way/%dB", name, l.size>>10, l.ways, l.line)
	}
	return f("L1d", c.l1) + " " + f("L2", c.l2) + " " + f("L3", c.l3)
}

// dlgoVersion returns dlgo's release version (the module's, as the build
// recorded it) when it is a tagged release, else kernelsVersion: a
// development build's pseudo-version changes with every commit and
// differs between `go build` and `go run`, which would make a tuning file
// match one and not the other.
func dlgoVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return kernelsVersion
	}
	mods := append([]*debug.Module{&info.Main}, info.Deps...)
	for _, m := range mods {
		// A release is vMAJOR.MINOR.PATCH: a pseudo-version or a
		// pre-release has a '-', a dirty build a '+'.
		if m.Path == "dlgo" && strings.HasPrefix(m.Version, "v") && !strings.ContainsAny(m.Version, "-+") {
			return m.Version
		}
	}
	return kernelsVersion
}

// TuningFile is the content of a tuning file: its key, when and how it was
// measured, and the blocks chosen for each path.
type TuningFile struct {
	Format  int                   `json:"format"`
	Key     TuneKey               `json:"key"`
	Date    time.Time             `json:"date"`
	Budget  string                `json:"budget"`
	Wall    string                `json:"wall"`
	Threads int                   `json:"threads"` // the "all threads" count measured
	Paths   map[string]PathTuning `json:"paths"`
}

// PathTuning is one path's measured blocks: KC, the same for any number of
// threads (it decides each element's order of summation, so results stay
// bit-identical across thread counts), and MC, NC and the tile for one
// thread and for all threads.
type PathTuning struct {
	KC  int         `json:"kc"`
	One BlockChoice `json:"one_thread"`
	All BlockChoice `json:"all_threads"`

	// PackFrom is min(m, n) from which a product small enough to run
	// unpacked is packed all the same, as measured on one thread (0: not
	// measured, the path's default; the paths without an unpacked kernel
	// always pack).
	PackFrom int `json:"pack_from,omitempty"`

	// Shared is whether, at all threads, the threads of a large product
	// ran faster sharing each packed block of B than each packing its
	// own stripe's (false, left out: not measured or not faster; stripes).
	Shared bool `json:"shared,omitempty"`
}

// BlockChoice is MC, NC and the register tile ("8x24") chosen for a thread
// count, with the rates measured for them and for the model's blocks.
type BlockChoice struct {
	MC          int     `json:"mc"`
	NC          int     `json:"nc"`
	Tile        string  `json:"tile"`
	GFLOPS      float64 `json:"gflops"`
	ModelGFLOPS float64 `json:"model_gflops"`
}

// maxPackFrom bounds a tuning file's pack_from: above directMaxWork's
// cube root (406) every product packs anyway.
const maxPackFrom = 4096

// maxTuneFile bounds what ParseTuningFile reads: a real file is a few KiB.
const maxTuneFile = 1 << 20

// ParseTuningFile decodes and checks a tuning file. It returns an error
// naming the file and what is wrong: not JSON, another format, a path
// dlgo does not know, or blocks that are not positive, not whole tiles or
// beyond what a cache could hold.
func ParseTuningFile(name string, data []byte) (*TuningFile, error) {
	if len(data) > maxTuneFile {
		return nil, fmt.Errorf("%s: %d bytes, more than a tuning file's %d", name, len(data), maxTuneFile)
	}
	var f TuningFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%s: offset %d: %v", name, se.Offset, err)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: offset %d: data after the JSON object", name, dec.InputOffset())
	}
	if f.Format != tuneFormat {
		return nil, fmt.Errorf("%s: format %d, want %d", name, f.Format, tuneFormat)
	}
	for pname, p := range f.Paths {
		t, ok := tiles[pname]
		if !ok {
			return nil, fmt.Errorf("%s: path %q: unknown (known: %s)", name, pname, strings.Join(KnownPaths(), ", "))
		}
		if p.KC < 8 || p.KC > 4*maxKC {
			return nil, fmt.Errorf("%s: path %q: kc %d, want 8 to %d", name, pname, p.KC, 4*maxKC)
		}
		if p.PackFrom < 0 || p.PackFrom > maxPackFrom {
			return nil, fmt.Errorf("%s: path %q: pack_from %d, want 0 to %d", name, pname, p.PackFrom, maxPackFrom)
		}
		for _, c := range []struct {
			what string
			b    BlockChoice
		}{{"one_thread", p.One}, {"all_threads", p.All}} {
			mr, nr, err := parseTile(c.b.Tile, t)
			if err != nil {
				return nil, fmt.Errorf("%s: path %q: %s: %v", name, pname, c.what, err)
			}
			if c.b.MC < mr || c.b.MC%mr != 0 || c.b.MC > 4*maxMC {
				return nil, fmt.Errorf("%s: path %q: %s: mc %d, want a multiple of %d up to %d", name, pname, c.what, c.b.MC, mr, 4*maxMC)
			}
			if c.b.NC < nr || c.b.NC%nr != 0 || c.b.NC > 4*maxNC {
				return nil, fmt.Errorf("%s: path %q: %s: nc %d, want a multiple of %d up to %d", name, pname, c.what, c.b.NC, nr, 4*maxNC)
			}
		}
	}
	return &f, nil
}

// parseTile reads a tile "MRxNR": the path's own, or the narrow twin of
// the avx512 one (8x16).
func parseTile(s string, own [2]int) (mr, nr int, err error) {
	a, b, ok := strings.Cut(s, "x")
	mr, err1 := strconv.Atoi(a)
	nr, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("tile %q is not MRxNR", s)
	}
	if mr != own[0] || (nr != own[1] && !(own == [2]int{8, 24} && nr == 16)) {
		return 0, 0, fmt.Errorf("tile %q: this path's tiles are %dx%d%s", s, own[0], own[1],
			map[bool]string{true: " and 8x16", false: ""}[own == [2]int{8, 24}])
	}
	return mr, nr, nil
}

// DefaultTuningPath returns where `dlgo tune` writes and the library looks
// for the tuning file: os.UserCacheDir()/dlgo/tune.json.
func DefaultTuningPath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "dlgo", "tune.json"), nil
}

// Save writes f to path atomically: to a temporary file in the same
// directory (created if needed), then renamed over path, so that a reader
// never sees half a file and a failed write loses nothing.
func (f *TuningFile) Save(path string) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("saving the tuning file: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tune-*.json")
	if err != nil {
		return fmt.Errorf("saving the tuning file: %w", err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving the tuning file %s: %w", tmp.Name(), errors.Join(werr, cerr))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving the tuning file: %w", err)
	}
	return nil
}
