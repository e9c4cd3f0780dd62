package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// kernelGeneric gives kernelPlain's bits exactly, on any k and every kind
// of alpha and beta, whatever the build: CI runs this under GOAMD64=v3 and
// on arm64, where the compiler would fuse a plain c += a*b into an FMA.
func TestGenericMatchesPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, k := range []int{1, 2, 3, 4, 5, 7, 8, 9, 31, 256, 257} {
		for _, ab := range alphaBetas {
			a, b := randSlice(rng, genericMR*k), randSlice(rng, genericNR*k)
			for i := range a {
				a[i] *= 1 + 0x1p-30*rng.Float64() // products with a full mantissa
			}
			const ldc = genericNR + 3
			c := randSlice(rng, (genericMR-1)*ldc+genericNR)
			got, want := append([]float64(nil), c...), append([]float64(nil), c...)
			kernelGeneric(k, a, b, got, ldc, ab[0], ab[1])
			kernelPlain(genericMR, genericNR, k, a, b, want, ldc, ab[0], ab[1])
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("k=%d alpha=%v beta=%v: element %d = %v, plain loop %v", k, ab[0], ab[1], i, got[i], want[i])
				}
			}
		}
	}
}
