package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestTransposeRows checks the transposing pack (assembly where there is
// any) against its definition, panel[p·w + i] = src[i·ld + p] for i < cols
// and 0 for cols ≤ i < w, over widths, strides, depths and partial panels,
// with guards after the panel and around the source rows.
func TestTransposeRows(t *testing.T) {
	for name, f := range transposers {
		t.Run(name, func(t *testing.T) { testTranspose(t, f) })
	}
}

// transposers are the transposing packs under test: the plain loop, and
// the engine's (engine_pack_test.go).
var transposers = map[string]func(panel []float64, w int, src []float64, ld, kb, cols int){
	"plain": transposeRows,
}

func testTranspose(t *testing.T, transpose func(panel []float64, w int, src []float64, ld, kb, cols int)) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, w := range []int{4, 6, 8, 16, 24} {
		for _, kb := range []int{0, 1, 3, 4, 5, 8, 13, 64} {
			for _, cols := range []int{1, 3, 4, 5, w} {
				if cols > w {
					continue
				}
				ld := kb + rng.IntN(3)
				src := make([]float64, max(0, (cols-1)*ld+kb)+5)
				for i := range src {
					src[i] = guard
				}
				for i := 0; i < cols; i++ {
					for p := 0; p < kb; p++ {
						src[i*ld+p] = rng.Float64()
					}
				}
				panel := make([]float64, kb*w+7)
				for i := range panel {
					panel[i] = guard
				}
				transpose(panel[:kb*w], w, src, ld, kb, cols)
				for idx, v := range panel {
					want := guard
					if idx < kb*w {
						p, i := idx/w, idx%w
						want = 0
						if i < cols {
							want = src[i*ld+p]
						}
					}
					if math.Float64bits(v) != math.Float64bits(want) {
						t.Fatalf("w=%d kb=%d cols=%d ld=%d: panel[%d] = %v, want %v", w, kb, cols, ld, idx, v, want)
					}
				}
			}
		}
	}
}
