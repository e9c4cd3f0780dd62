package kernels

// tuned holds, for each path, the register tile and the cache blocks that
// measured fastest on the machine they were tuned on (tunedL1, tunedL2,
// tunedL3 below). tunedBlocking scales them to the caches of the CPU it
// runs on, so they stay in proportion on a machine with smaller caches.
//
// Measured with BenchmarkBlocking (1 thread, n = 1024 and 2048, the median
// of 3 to 5 runs, on a Zen 5 with 48 KiB L1d, 1 MiB L2, 32 MiB L3). The
// rates are flat within the noise (±3%) over MC 96…512, KC 128…384 for
// every path: these kernels are FMA-bound, not cache-bound, once the
// working sets are in the right level. So each row keeps BLIS's reasoning
// (KC: the KC×NR B micro-panel plus the MR×KC A one within L1; MC: the
// MC×KC A block in a fraction of L2; NC: the KC×NC B block in a fraction
// of L3) with the best median:
//
//   - avx512 8×24: KC 192 (B micro-panel 36 KiB, A 12 KiB: the L1), MC 128
//     (A block 192 KiB), NC 4080 (B block 6 MiB); 111.9 GFLOP/s at n = 1024
//     against 110.4 for 256/128/4080;
//   - avx2 and generic 6×8: KC 256 (B micro-panel 16 KiB, A 12 KiB), NC
//     4080 (B block 8 MiB) as in BLIS's Zen 3 table; MC 96 (A block 192
//     KiB; BLIS has 72), the best median by a hair: 60.9 GFLOP/s at n =
//     1024 against 60.3 for 72 and 59.0–59.5 for 144–240;
//   - neon 6×8: the avx2 row, untuned (no arm64 hardware here; qemu tests
//     correctness only). A 64 KiB L1 (Neoverse) holds it with room to spare.
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
