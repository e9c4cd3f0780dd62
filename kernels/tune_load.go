// tune_load.go: where the blocks Gemm uses come from. At the first Gemm
// (not at start-up: a test binary that never multiplies reads nothing),
// the tuning file named by DLGO_TUNE, or the one in the user's cache
// directory, replaces the model's blocks (blocking_table.go) of every
// path it has measured, if its key matches this machine. What it is not:
// a way to change the blocks while products run; after the first Gemm
// they are fixed.

package kernels

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"
)

// TuningInfo says which blocks Gemm's current path uses and where they came
// from.
type TuningInfo struct {
	Path       string // the kernel path
	MR, NR     int    // its register tile, for one thread
	MC, KC, NC int    // its cache blocks, for one thread
	// For more than one thread: the tile and blocks then (the same as
	// for one unless a tuning file chose others).
	AllMR, AllNR, AllMC, AllNC int
	PackFrom                   int       // min(m, n) from which a small product is packed as a tuning file measured, 0 for the default
	Shared                     bool      // whether a tuning file measured the threads faster sharing packed blocks (engine_shared.go)
	Source                     string    // "model of the caches" or "tuned <date> from <file>"
	File                       string    // the tuning file read, if any
	Date                       time.Time // when it was measured, if it was
	Err                        error     // why a tuning file was not used: corrupt, another machine's (nil if none was found)
}

// Sources of the blocks, as TuningInfo.Source says them.
const (
	sourceModel = "model of the caches"
)

var (
	tuneOnce sync.Once
	tuneInfo TuningInfo
)

// inUse returns the path Gemm runs on now: the current path, with its
// blocks for more than one thread when a tuning file chose other ones and
// Threads() > 1 (the blocks it picks never change the bits). The first
// call reads the tuning file.
func inUse() *kernelPath {
	tuneOnce.Do(loadTuning)
	p := current.Load()
	if p.multi != nil && Threads() > 1 {
		return p.multi
	}
	return p
}

// loadTuning applies the tuning file DLGO_TUNE names (or the default one)
// to the available paths, and records the outcome in tuneInfo.
func loadTuning() {
	for _, p := range available {
		pristine[p.name] = *p
	}
	env, _ := os.LookupEnv("DLGO_TUNE")
	tuneInfo = applyTuningEnv(env, available, CurrentTuneKey())
}

// applyTuningEnv applies to paths the tuning file that env (DLGO_TUNE's
// value) selects: none for "off", the file named for a path, the default
// one (DefaultTuningPath) for "". A missing default file is not an error;
// a missing named one, a corrupt file or one for another key is, and
// leaves the paths' blocks as they were.
func applyTuningEnv(env string, paths []*kernelPath, key TuneKey) TuningInfo {
	var t TuningInfo
	t.Source = sourceModel
	if env == "off" {
		t.Source = sourceModel + ", DLGO_TUNE=off"
		return t
	}
	name := env
	if name == "" {
		def, err := DefaultTuningPath()
		if err != nil {
			return t
		}
		name = def
	}
	data, err := os.ReadFile(name)
	if err != nil {
		if env == "" && errors.Is(err, fs.ErrNotExist) {
			return t
		}
		t.Err = fmt.Errorf("DLGO_TUNE: %w", err)
		return t
	}
	t.File = name
	f, err := ParseTuningFile(name, data)
	if err != nil {
		t.Err = err
		return t
	}
	if f.Key != key {
		t.Err = fmt.Errorf("%s: measured on another CPU or dlgo version (%s, %s, dlgo %s; this is %s, %s, dlgo %s): run dlgo tune again",
			name, f.Key.CPU, f.Key.Caches, f.Key.Version, key.CPU, key.Caches, key.Version)
		return t
	}
	for _, p := range paths {
		if pt, ok := f.Paths[p.name]; ok {
			applyPathTuning(p, pt)
		}
	}
	t.Date = f.Date
	t.Source = fmt.Sprintf("tuned %s from %s", f.Date.Format("2006-01-02"), name)
	return t
}

// applyPathTuning sets p's blocks for one thread, and p.multi's for more,
// to pt's, and where p starts packing small products. The tile chosen
// becomes p's own and the other its narrow twin; both keep p's KC, so the
// tile a product runs on never changes its bits.
func applyPathTuning(p *kernelPath, pt PathTuning) {
	base := *p
	p.packFrom, p.shared = pt.PackFrom, pt.Shared
	p.blocking, p.kernel, p.direct, p.narrow = withTile(&base, pt.KC, pt.One)
	p.multi = nil
	if pt.All != pt.One {
		q := *p
		q.blocking, q.kernel, q.direct, q.narrow = withTile(&base, pt.KC, pt.All)
		p.multi = &q
	}
}

// withTile returns the blocking, kernels and narrow twin of path p (as it
// was built at start-up) with KC kc and c's tile, MC and NC. A tile other
// than p's own is p's narrow twin's, and p's own tile becomes the twin.
func withTile(p *kernelPath, kc int, c BlockChoice) (blocking, microkernel, directKernel, *kernelPath) {
	b := p.blocking
	kern, direct, narrow := p.kernel, p.direct, p.narrow
	if q := p.narrow; q != nil && c.Tile == fmt.Sprintf("%dx%d", q.mr, q.nr) {
		b.nr, kern, direct = q.nr, q.kernel, q.direct
		wide := *p
		wide.narrow = nil
		narrow = &wide
	}
	b.kc, b.mc, b.nc = kc, c.MC, c.NC
	if narrow != nil {
		n := *narrow
		n.blocking = withNR(b, n.nr)
		narrow = &n
	}
	return b, kern, direct, narrow
}

// Tuning returns the blocks of the current path and where they came from.
// Its first call, like the first Gemm's, reads the tuning file.
func Tuning() TuningInfo {
	tuneOnce.Do(loadTuning)
	p1, pn := current.Load(), current.Load()
	if p1.multi != nil {
		pn = p1.multi
	}
	t := tuneInfo
	t.Path = p1.name
	t.MR, t.NR, t.MC, t.KC, t.NC = p1.mr, p1.nr, p1.mc, p1.kc, p1.nc
	t.AllMR, t.AllNR, t.AllMC, t.AllNC = pn.mr, pn.nr, pn.mc, pn.nc
	t.PackFrom, t.Shared = p1.packFrom, p1.shared
	return t
}

// withNR returns b for a tile nr wide: NC in whole tiles of it (as
// narrowBlocking, engine_narrow.go, which the textbook build leaves out).
func withNR(b blocking, nr int) blocking {
	b.nr = nr
	b.nc = max(nr, b.nc/nr*nr)
	return b
}
