package bench

// tuning.go: which block sizes the kernels use, and where they came from —
// part of every report, since two runs with different blocks measure
// different code. The source is kernels.Tuning's: "model of the caches",
// or "tuned DATE from FILE" after dlgo tune.

// Tuning is the kernels' configuration in use during a run.
type Tuning struct {
	// Source says where the block sizes come from: "model of the caches"
	// or "tuned DATE from FILE" ("built-in" in reports of older dlgos).
	Source string   `json:"source"`
	Blocks []Blocks `json:"blocks"`
}

// Blocks are one kernel path's register tile (MR×NR) and cache blocks.
type Blocks struct {
	Path string `json:"path"`
	MR   int    `json:"mr"`
	NR   int    `json:"nr"`
	MC   int    `json:"mc"`
	KC   int    `json:"kc"`
	NC   int    `json:"nc"`
	// PackFrom is min(m, n) from which a small product is packed, as a
	// tuning file measured (0, left out: the path's default).
	PackFrom int `json:"pack_from,omitempty"`
	// Shared is whether a tuning file measured the threads of a large
	// product faster sharing each packed block of B than in stripes
	// (false, left out: stripes).
	Shared bool `json:"shared,omitempty"`
}

// CurrentTuning reads the blocks of every path this CPU runs.
func CurrentTuning() Tuning {
	t := Tuning{Source: blocksSource()}
	old := kernelPath()
	defer setKernelPath(old)
	for _, p := range Paths() {
		if setKernelPath(p) != nil {
			continue
		}
		b := Blocks{Path: p}
		b.MR, b.NR, b.MC, b.KC, b.NC = blockSizes()
		b.PackFrom, b.Shared = packFrom(), sharedTuned()
		t.Blocks = append(t.Blocks, b)
	}
	return t
}

// For returns the blocks of the named path, if known.
func (t Tuning) For(path string) (Blocks, bool) {
	for _, b := range t.Blocks {
		if b.Path == path {
			return b, true
		}
	}
	return Blocks{}, false
}
