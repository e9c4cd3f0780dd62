package kernels_test

import (
	"fmt"

	"dlgo/kernels"
)

// C = A·Bᵀ for a 2×3 A and a B stored 2×3, so op(B) = Bᵀ is 3×2.
func ExampleGemm() {
	a := []float64{
		1, 2, 3,
		4, 5, 6,
	}
	b := []float64{
		1, 0, 1,
		0, 1, 0,
	}
	c := make([]float64, 2*2)
	kernels.Gemm(false, true, 2, 2, 3, 1, a, 3, b, 3, 0, c, 2)
	fmt.Println(c)
	// Output: [4 2 10 5]
}
