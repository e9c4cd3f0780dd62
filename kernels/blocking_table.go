package kernels

// tuned holds, for each path, the register tile and the cache blocks that
// measured fastest on the machine they were tuned on (tunedL1, tunedL2,
// tunedL3 below). tunedBlocking scales them to the caches of the CPU it
// runs on, so they stay in proportion on a machine with smaller caches.
var tuned = map[string]blocking{
	"generic": {mr: 6, nr: 8, mc: 96, kc: 256, nc: 4080},
	"avx2":    {mr: 6, nr: 8, mc: 96, kc: 256, nc: 4080},
	"avx512":  {mr: 8, nr: 24, mc: 128, kc: 192, nc: 4080},
	"neon":    {mr: 6, nr: 8, mc: 96, kc: 256, nc: 4080},
}

// The caches the table was tuned for: an AMD EPYC (Zen 5) core, 48 KiB L1d,
// 1 MiB L2, 32 MiB L3 shared.
const (
	tunedL1 = 48 << 10
	tunedL2 = 1 << 20
	tunedL3 = 32 << 20
)

// tunedBlocking returns the block sizes of the named path for this CPU: the
// table's, each scaled down in proportion to the cache it is sized for when
// this CPU's is smaller (KC by L1, MC by L2, NC by L3), rounded to whole
// tiles. Every path has an entry; a missing one is a programming error.
func tunedBlocking(name string) blocking {
	l1, l2, l3 := cacheSizes()
	t, ok := tuned[name]
	if !ok {
		panic("kernels: no block sizes for path " + name)
	}
	scale := func(x, have, want, unit int) int {
		if have < want {
			x = x * have / want
		}
		return max(unit, x/unit*unit)
	}
	t.kc = scale(t.kc, l1, tunedL1, 8)
	t.mc = scale(t.mc, l2, tunedL2, t.mr)
	t.nc = scale(t.nc, l3, tunedL3, t.nr)
	return t
}
