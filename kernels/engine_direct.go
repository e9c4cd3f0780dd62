//go:build !textbook

// engine_direct.go: Gemm without packing, for products too small to amortise it.
// Packing costs a fraction of a nanosecond per value, and a 64×128×784
// product does only ≈85 flops per value it would pack; so on the paths
// whose kernels take strides (avx2, avx512) a small product reads A and B
// where they are. Not a second algorithm: the same loops and KC blocks as
// plainStripe, the same kernel, the same bits; only the operands'
// addresses differ. Plain twin: plainStripe (gemm.go), which packs
// always. Measured gain, with engine_narrow.go: dy·Wᵀ of a 784-128-10
// step (64×784×128) 200 → 183 µs (BenchmarkEngine, one thread, median of 3, on a 2-core Sapphire Rapids VM
// shared with other work).

package kernels

// checkDirect panics unless a, b and c hold every element a directKernel
// with an mr×nr tile reads or writes: the assembly does no bounds checks.
func checkDirect(name string, mr, nr, k int, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int) {
	ok := ldc >= nr && len(c) >= (mr-1)*ldc+nr && rsa >= 0 && csa >= 0 && ldb >= 0
	if ok && k > 0 {
		ok = len(a) > (mr-1)*rsa+(k-1)*csa && len(b) >= (k-1)*ldb+nr
	}
	if !ok {
		panic("kernels: " + name + ": operand out of range")
	}
}

// packMode forces the packing choice, for tests and benchmarks: 0 lets
// choosePacking decide, 1 packs both operands, 2 packs neither (but a
// transposed B), on paths that have a directKernel.
var packMode = 0

// choosePacking decides whether Gemm packs A and B for g on path p. It
// depends on the shape only, never on the thread count; and packed or not,
// every tile gets the same operations in the same order, so the bits are
// the same either way.
//
// Packing pays when a value is reused enough to amortise its copy: when
// both m and n reach packMinReuse, or above directMaxWork multiply-adds,
// where the blocks of a large product also need the packed panels' cache
// locality. A B stored transposed is always packed, as the kernel loads B's
// rows as vectors.
func choosePacking(p *kernelPath, g *gemmArgs) (packA, packB bool) {
	if p.direct == nil || packMode == 1 {
		return true, true
	}
	if packMode == 2 {
		return false, g.transB
	}
	small := min(g.m, g.n) < packMinReuse && g.m*g.n*g.k <= directMaxWork
	return !small, !small || g.transB
}

// packMinReuse is the reuse from which packing pays: each packed value of
// B serves 2m flops and each of A 2n, so with min(m, n) ≥ packMinReuse
// every copied value serves at least 512 flops. A copy costs about 1 ns a
// value (BenchmarkPackBlock), 20–45 flops at a core's peak: 4–9% of the
// flops it serves, less than what reading unpacked panels costs once they
// do not stay in L1 (a B micro-panel read in place is KC rows ldb·8 bytes
// apart: at n = 256, 2 KiB apart, they fall in 2 of L1's 64 sets, 16 lines
// on an 8-way L1; so every tile reloads it from L2). Measured on the Zen 3
// of issue 13: packing 256³ gains 11–16%. Below, the copy is 15–60% of
// the flops it serves, more than that loss: the MLP shapes (64×128×784,
// 64×784×128, 128×784×64, min(m, n) = 64 or 128) lose 11–24% packed there.
// On the Sapphire Rapids VM here (BenchmarkGemmPacking, 1 thread, median of
// 3, loaded machine) 256³ ties packed and unpacked on both avx2 and avx512,
// and the MLP shapes run 4–26% faster unpacked.
const packMinReuse = 256

// directMaxWork is the largest m·n·k computed without packing, whatever
// the reuse: above it the blocks of a product need the packed panels'
// cache locality (measured, BenchmarkGemmPacking, Zen 5: skipping the
// packing loses from 512³, 1.3·10⁸, on).
var directMaxWork = 1 << 26
