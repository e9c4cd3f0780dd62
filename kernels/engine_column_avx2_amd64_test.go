//go:build !purego && !textbook

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestStridedAVX2MatchesTiles checks the strided column kernel against
// directAVX2 called once per tile, bit for bit: A as packed panels, stored
// rows and stored columns (transposed), B packed and in place, every kind
// of alpha and beta, C rows padded by guards that must stay untouched.
func TestStridedAVX2MatchesTiles(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2")
	}
	rng := rand.New(rand.NewPCG(25, 26))
	for _, tiles := range []int{1, 3} {
		for _, k := range []int{0, 1, 4, 7, 64} {
			// A layouts: packed (rsa 1, csa 6, tileA 6k), rows (rsa lda,
			// csa 1, tileA 6·lda), transposed (rsa 1, csa lda, tileA 6).
			lda := k + 3
			ldaT := tiles*avx2MR + 2
			layouts := [][4]int{{1, avx2MR, avx2MR * k, tiles * avx2MR * k}, {lda, 1, avx2MR * lda, tiles * avx2MR * lda}, {1, ldaT, avx2MR, max(k, 1) * ldaT}}
			for _, l := range layouts {
				for _, ldb := range []int{avx2NR, avx2NR + 5} {
					for _, ab := range alphaBetas {
						_, a := guarded(rng, l[3], 8)
						_, b := guarded(rng, max(k, 1)*ldb, 8)
						const ldc = avx2NR + 2
						c := randSlice(rng, tiles*avx2MR*ldc+3)
						for i := range c {
							if i%ldc >= avx2NR || i >= (tiles*avx2MR-1)*ldc+avx2NR {
								c[i] = guard
							} else if ab[1] == 0 {
								c[i] = math.NaN()
							}
						}
						got, want := append([]float64(nil), c...), append([]float64(nil), c...)
						stridedAVX2(tiles, k, a, l[0], l[1], l[2], b, ldb, got, ldc, ab[0], ab[1])
						for i := 0; i < tiles; i++ {
							directAVX2(k, a[i*l[2]:], l[0], l[1], b, ldb, want[i*avx2MR*ldc:], ldc, ab[0], ab[1])
						}
						for i := range got {
							if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
								t.Fatalf("tiles=%d k=%d layout=%v ldb=%d alpha=%v beta=%v: element %d = %v, directAVX2 %v",
									tiles, k, l, ldb, ab[0], ab[1], i, got[i], want[i])
							}
						}
					}
				}
			}
		}
	}
}
