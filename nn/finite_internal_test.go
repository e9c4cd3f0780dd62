package nn

import (
	"math"
	"testing"
)

func TestFinite(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 9} {
		d := make([]float64, n)
		if !finite(d) {
			t.Fatalf("n=%d zeros: not finite", n)
		}
		for i := range d {
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				d[i] = bad
				if finite(d) {
					t.Fatalf("n=%d: %v at %d: finite", n, bad, i)
				}
				d[i] = math.MaxFloat64
			}
		}
	}
}

func BenchmarkFinite(b *testing.B) {
	d := make([]float64, 784*128+128+128*10+10)
	for b.Loop() {
		finite(d)
	}
}
