package kernels

import "github.com/klauspost/cpuid/v2"

// blocking holds the five block sizes of the Goto/BLIS loops for one
// microkernel:
//
//	NC columns of B per packed block (sized for L3),
//	KC depth of a packed block (a B micro-panel of KC×NR fits in L1),
//	MC rows of A per packed block (an MC×KC block of A fits in L2),
//	NR, MR the register tile.
type blocking struct {
	mr, nr     int
	mc, kc, nc int
}

// Safe defaults, used when cpuid reports no cache size: the caches of a
// typical x86 core of the last decade.
const (
	defaultL1 = 32 << 10
	defaultL2 = 256 << 10
	defaultL3 = 8 << 20
)

// cacheSizes returns the L1 data, L2 and L3 cache sizes in bytes that cpuid
// reports, with the defaults for any it does not.
func cacheSizes() (l1, l2, l3 int) {
	l1, l2, l3 = cpuid.CPU.Cache.L1D, cpuid.CPU.Cache.L2, cpuid.CPU.Cache.L3
	if l1 <= 0 {
		l1 = defaultL1
	}
	if l2 <= 0 {
		l2 = defaultL2
	}
	if l3 <= 0 {
		l3 = defaultL3
	}
	return l1, l2, l3
}

// deriveBlocking derives MC, KC and NC for an mr×nr microkernel from the
// cache sizes, as the BLIS analytical model does (Low et al., "Analytical
// modeling is enough for high-performance BLIS", 2016), simplified:
//
//   - KC: a KC×NR micro-panel of B and a MR×KC one of A take about half of
//     L1, leaving room for the C tile and the next panels:
//     KC = L1 / 2 / (8·(MR+NR)), a multiple of 8, in [64, 512];
//   - MC: the MC×KC block of A takes about half of L2:
//     MC = L2 / 2 / (8·KC), a multiple of MR, in [MR, 1024];
//   - NC: the KC×NC block of B takes at most a quarter of the (shared) L3:
//     NC = L3 / 4 / (8·KC), a multiple of NR, in [NR, 8192].
//
// On a core with a 32 KiB L1 and a 512 KiB L2 this gives KC = 144, MC = 222
// for a 6×8 tile; per-path tables may override it with measured sizes.
func deriveBlocking(mr, nr, l1, l2, l3 int) blocking {
	kc := l1 / 2 / (8 * (mr + nr))
	kc = clamp(kc/8*8, 64, 512)
	mc := l2 / 2 / (8 * kc)
	mc = clamp(mc/mr*mr, mr, 1024/mr*mr)
	nc := l3 / 4 / (8 * kc)
	nc = clamp(nc/nr*nr, nr, 8192/nr*nr)
	return blocking{mr: mr, nr: nr, mc: mc, kc: kc, nc: nc}
}

func clamp(x, lo, hi int) int {
	return max(lo, min(x, hi))
}
