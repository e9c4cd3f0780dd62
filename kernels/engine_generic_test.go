//go:build !textbook

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// genericFastKs are the depths the engine's generic kernel is checked on:
// every k up to three chunks of 16 and one step, and around the chunk
// boundaries and the KC blocks of every cache size (168, 256).
var genericFastKs = append(seq(0, 50), 63, 64, 65, 79, 80, 81, 127, 128, 129, 167, 168, 169,
	255, 256, 257, 263, 511, 1031)

func seq(lo, hi int) []int {
	var s []int
	for i := lo; i < hi; i++ {
		s = append(s, i)
	}
	return s
}

// specials are the values that catch a kernel that does not do what the
// plain loop does: signed zeros (a sum of −0 products is +0 from a +0
// start), NaN and infinities (Inf·0 is NaN), a value whose square
// overflows, a subnormal and one whose products are subnormal.
var specials = []float64{math.Copysign(0, -1), 0, math.NaN(), math.Inf(1), math.Inf(-1),
	1e308, -1e308, 5e-324, 1e-160, -1e-160, 1, -1}

// fillGenericOperand fills x by kind: 0 random values with a full
// mantissa, 1 the same with a fifth of them special, 2 only specials and
// small integers (exact products, so the order of the sum decides signed
// zeros and overflows).
func fillGenericOperand(rng *rand.Rand, x []float64, kind int) {
	for i := range x {
		x[i] = (2*rng.Float64() - 1) * (1 + 0x1p-30*rng.Float64())
		switch {
		case kind == 1 && rng.IntN(5) == 0:
			x[i] = specials[rng.IntN(len(specials))]
		case kind == 2 && rng.IntN(2) == 0:
			x[i] = specials[rng.IntN(len(specials))]
		case kind == 2:
			x[i] = float64(rng.IntN(5) - 2)
		}
	}
}

// TestGenericFastMatchesPlain: the engine's generic microkernel gives the
// bits of kernelPlain (and of the textbook's kernelGeneric) on every k
// around its chunks, every alpha and beta (signed zeros, infinities and NaN
// among them), operands with signed zeros, NaN, infinities, overflowing and
// subnormal products; panels passed with guards after them (it must read
// only its k steps), C with guards between and after its rows, and a NaN C
// when beta == 0 (which must not leak). CI runs it under GOAMD64=v3 and on
// arm64, where a plain c += a*b would be fused.
func TestGenericFastMatchesPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	abs := append([][2]float64{{2, math.Copysign(0, -1)}, {math.Copysign(0, -1), 1}, {1, -1},
		{math.Inf(1), 0.5}, {1, math.NaN()}, {math.NaN(), 0}, {-3, math.Inf(-1)}}, alphaBetas...)
	for _, k := range genericFastKs {
		for kind := 0; kind < 3; kind++ {
			for _, ab := range abs {
				// The panels, each followed by guards the kernel must not read.
				a := guardSlice(genericMR*k + 8)
				b := guardSlice(genericNR*k + 8)
				fillGenericOperand(rng, a[:genericMR*k], kind)
				fillGenericOperand(rng, b[:genericNR*k], kind)
				for _, ldc := range []int{genericNR, genericNR + 3} {
					c := guardSlice(genericMR*ldc + 4)
					for i := 0; i < genericMR; i++ {
						fillGenericOperand(rng, c[i*ldc:i*ldc+genericNR], kind)
						if ab[1] == 0 {
							for j := 0; j < genericNR; j++ {
								c[i*ldc+j] = math.NaN()
							}
						}
					}
					got := append([]float64(nil), c...)
					want := append([]float64(nil), c...)
					kernelGenericFast(k, a, b, got, ldc, ab[0], ab[1])
					kernelPlain(genericMR, genericNR, k, a, b, want, ldc, ab[0], ab[1])
					name := fmt.Sprintf("k=%d kind=%d alpha=%v beta=%v ldc=%d", k, kind, ab[0], ab[1], ldc)
					checkSameBits(t, name+" (plain loop)", got, want)
					if k > 0 {
						tb := append([]float64(nil), c...)
						kernelGeneric(k, a, b, tb, ldc, ab[0], ab[1])
						checkSameBits(t, name+" (kernelGeneric)", got, tb)
					}
				}
			}
		}
	}
}

// checkSameBits fails unless got and want hold the same bits, element by
// element, but that any NaN matches any NaN where neither is a guard: which
// NaN an addition of two returns depends on the order the compiler puts its
// operands in (x86 returns the first), which the contract does not fix.
func checkSameBits(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range got {
		g, w := math.Float64bits(got[i]), math.Float64bits(want[i])
		guards := g == math.Float64bits(guard) || w == math.Float64bits(guard)
		if g != w && (guards || !math.IsNaN(got[i]) || !math.IsNaN(want[i])) {
			t.Fatalf("%s: element %d = %v (%#x), want %v (%#x)", what, i,
				got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

// TestGenericFastInstalled: the engine's kernel is the generic path's.
func TestGenericFastInstalled(t *testing.T) {
	p := available[len(available)-1]
	if p.name != "generic" {
		t.Fatalf("last path %q, want generic", p.name)
	}
	if reflect.ValueOf(p.kernel).Pointer() != reflect.ValueOf(microkernel(kernelGenericFast)).Pointer() {
		t.Fatal("the generic path does not run kernelGenericFast")
	}
}

// TestGenericFastGemm: Gemm on the generic path gives the bits it gives
// with the textbook's kernel, through the engine's runner and the plain
// loops, on awkward shapes (edges of every kind, k over several KC blocks
// and not a multiple of the chunk), every transpose, alpha and beta, on 1,
// 2 and 3 threads.
func TestGenericFastGemm(t *testing.T) {
	withMinParallelWork(t, 1)
	defer SetThreads(0)
	p := available[len(available)-1]
	textbook := *p
	textbook.kernel = kernelGeneric
	rng := rand.New(rand.NewPCG(15, 16))
	shapes := [][3]int{{1, 1, 1}, {5, 7, 3}, {7, 9, 13}, {13, 17, 600}, {64, 128, 784}, {64, 784, 128},
		{128, 784, 64}, {37, 130, 29}, {6, 8, 2*p.kc + 5}, {65, 33, 263}}
	for _, s := range shapes {
		for _, tr := range transposes {
			ab := alphaBetas[rng.IntN(len(alphaBetas))]
			tc := newCase(rng, tr[0], tr[1], s[0], s[1], s[2], ab[0], ab[1], rng.IntN(3), 4)
			want := tc.run(func(g gemmArgs) { gemmPlain(&textbook, 1, g) })
			for _, th := range []int{1, 2, 3} {
				name := fmt.Sprintf("%v, %d threads", tc, th)
				got := tc.run(func(g gemmArgs) { gemmOn(p, th, g) })
				checkSameBits(t, name+" (engine)", got.data, want.data)
				got = tc.run(func(g gemmArgs) { gemmPlain(p, th, g) })
				checkSameBits(t, name+" (plain loops)", got.data, want.data)
			}
		}
	}
}

// TestGenericFastAllocs: the generic path's Gemm allocates nothing in the
// steady state.
func TestGenericFastAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	p := available[len(available)-1]
	a, b, c := make([]float64, 64*784), make([]float64, 784*128), make([]float64, 64*128)
	for _, th := range []int{1, 2} {
		f := func() { gemmOn(p, th, gemmArgs{false, false, 64, 128, 784, 1, a, 784, b, 128, 0, c, 128}) }
		f()
		if n := testing.AllocsPerRun(5, f); n != 0 {
			t.Errorf("%d threads: %v allocations per product, want 0", th, n)
		}
	}
}

// TestGenericRows: kernelGenericRows gives, on its first rows rows, the
// bits of the whole tile (kernelPlain), and leaves every other row of C,
// and what lies between and after them, untouched.
func TestGenericRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for rows := 0; rows <= genericMR; rows++ {
		for _, k := range []int{0, 1, 15, 16, 17, 50, 263} {
			for _, ab := range alphaBetas {
				a, b := guardSlice(genericMR*k+8), guardSlice(genericNR*k+8)
				fillGenericOperand(rng, a[:genericMR*k], 1)
				fillGenericOperand(rng, b[:genericNR*k], 1)
				const ldc = genericNR + 3
				c := guardSlice(genericMR*ldc + 4)
				for i := 0; i < genericMR; i++ {
					fillGenericOperand(rng, c[i*ldc:i*ldc+genericNR], 0)
				}
				got, whole := append([]float64(nil), c...), append([]float64(nil), c...)
				kernelGenericRows(rows, k, a, b, got, ldc, ab[0], ab[1])
				kernelPlain(genericMR, genericNR, k, a, b, whole, ldc, ab[0], ab[1])
				want := append(whole[:rows*ldc:rows*ldc], c[rows*ldc:]...)
				checkSameBits(t, fmt.Sprintf("rows=%d k=%d alpha=%v beta=%v", rows, k, ab[0], ab[1]), got, want)
			}
		}
	}
}
