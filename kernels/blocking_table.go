package kernels

// blocking_table.go: each path's register tile, and the cache blocks it
// starts with: the model's (blocking.go) for this CPU's caches. It is not
// a table of measured machines any more: the blocks used to be a Zen 5's,
// scaled down by cache size, which gave a Zen 3 MC 48 and KC 168 where it
// runs best near MC 192, KC 256 (issue 13); the model gives those. A
// tuning file (tune_file.go) replaces them at the first Gemm where it
// matches this CPU.

// tiles are the MR×NR register tiles of the paths' microkernels
// (microkernel_*.go); the avx512 path also has an 8×16 narrow twin
// (engine_narrow.go), whose blocks narrowBlocking derives from these.
var tiles = map[string][2]int{
	"generic": {6, 8},
	"avx2":    {6, 8},
	"avx512":  {8, 24},
	"neon":    {6, 8},
}

// modelTiles name, where it is not the path's own, the tile the model
// sizes a path's blocks for. Both tiles of the avx512 path share one KC
// (it fixes the order of each element's sum, and the tile a product runs
// on must not change its bits), and the narrow 8×16 one runs most products:
// every n that is a multiple of 16 and not of 48 (128, 256, 512, 1024).
// Sized for 8×24, KC would be 128 on a 48 KiB L1, and measured 3–5%
// slower there than the 192 the 8×16 tile gets.
var modelTiles = map[string][2]int{
	"avx512": {8, 16},
}

// tunedBlocking returns the blocks the named path starts with on this CPU:
// its tile, and MC, KC and NC from the model of this CPU's caches. Every
// path has a tile; a missing one is a programming error.
func tunedBlocking(name string) blocking {
	t, ok := tiles[name]
	if !ok {
		panic("kernels: no register tile for path " + name)
	}
	m, ok := modelTiles[name]
	if !ok {
		m = t
	}
	b := modelBlocking(m[0], m[1], thisCPU)
	b.mr, b.nr = t[0], t[1]
	b.mc = max(b.mr, b.mc/b.mr*b.mr)
	b.nc = max(b.nr, b.nc/b.nr*b.nr)
	return b
}
