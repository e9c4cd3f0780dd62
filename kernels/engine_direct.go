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
// Packing pays when a value is reused enough to amortise its copy: above
// directMaxWork multiply-adds, where the blocks of a large product also need
// the packed panels' cache locality. A B stored transposed is always
// packed, as the kernel loads B's rows as vectors.
func choosePacking(p *kernelPath, g *gemmArgs) (packA, packB bool) {
	if p.direct == nil || packMode == 1 {
		return true, true
	}
	if packMode == 2 {
		return false, g.transB
	}
	small := g.m*g.n*g.k <= directMaxWork
	return !small, !small || g.transB
}

// directMaxWork is the largest m·n·k computed without packing: measured
// (BenchmarkGemmPacking, Zen 5), skipping the packing wins up to 384³ and
// 512×784×128 (≈ 5·10⁷) and loses from 512³ (1.3·10⁸) on.
var directMaxWork = 1 << 26
