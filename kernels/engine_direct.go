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
// both m and n reach packMinReuse vector widths of the path, or above
// directMaxWork multiply-adds, where the blocks of a large product also
// need the packed panels' cache locality. A B stored transposed is always
// packed, as the kernel loads B's rows as vectors. A tuning file may move
// the threshold to where this CPU measured it (p.packFrom, tune.go's
// packFrom): the gain depends on the core, as below.
func choosePacking(p *kernelPath, g *gemmArgs) (packA, packB bool) {
	if p.direct == nil || packMode == 1 {
		return true, true
	}
	if packMode == 2 {
		return false, g.transB
	}
	from := p.packFrom
	if from <= 0 {
		from = packMinReuse * vectorWidth(p)
	}
	small := min(g.m, g.n) < from && g.m*g.n*g.k <= directMaxWork
	return !small, !small || g.transB
}

// packMinReuse is the reuse from which packing pays, in vector
// multiply-adds per packed value: each value of B packed feeds m
// multiply-adds, m/w vector ones on a path of w lanes (4 for avx2, 8 for
// avx512), and each of A n/w; so both are packed when min(m, n) ≥ 64·w.
// A copy costs about 1 ns a value (BenchmarkPackBlock), the time of 40–100
// vector multiply-adds on two FMA pipes: with 64·w and more, 1–2 of them a
// value, a few percent of the time; less than reading unpacked panels
// costs once they do not stay in L1 (a B micro-panel read in place is KC
// rows ldb·8 bytes apart: at n = 256, 2 KiB apart, they fall in 2 of L1's
// 64 sets, 16 lines of an 8-way L1, so every tile reloads it from L2).
// Below, the copy is a fifth of the time and more. Measured: on the Zen 3
// of issue 13 (avx2, w = 4), packing 256³ gains 11–16% and the MLP shapes
// (64×128×784, 64×784×128, 128×784×64: min(m, n) of 64 and 128) lose
// 11–24% packed; on the Sapphire Rapids VM here (BenchmarkGemmCPU, 1
// thread, GFLOP per CPU-second, median of 5, load 5–6), avx2 256³ ties
// (49.0 packed, 50.4 not) and avx512 (w = 8, so 256³ stays unpacked) runs
// 256³ at 76.0 unpacked against 70.0 packed. On a Zen 5 VM (avx2, same
// run, medians of 3): 256³ 46.5 unpacked against 44.7 packed at 1 thread,
// 89.5 against 80.8 at 2: the other way from the Zen 3, so the tuner
// measures it.
const packMinReuse = 64

// vectorWidth returns the float64 lanes of p's vectors: 8 for avx512, 4 for
// avx2 and the others (generic has no directKernel, so is always packed).
func vectorWidth(p *kernelPath) int {
	if p.name == "avx512" {
		return 8
	}
	return 4
}

// directMaxWork is the largest m·n·k computed without packing, whatever
// the reuse: above it the blocks of a product need the packed panels'
// cache locality (measured, BenchmarkGemmPacking, Zen 5: skipping the
// packing loses from 512³, 1.3·10⁸, on).
var directMaxWork = 1 << 26
