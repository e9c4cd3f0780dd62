package tensor_test

import (
	"fmt"

	"dlgo/tensor"
)

// One dense layer's forward pass, y = x·W + b, for a batch of two examples.
func ExampleMatMul() {
	x := tensor.FromSlice([]float64{
		1, 2,
		3, 4,
	}, 2, 2)
	w := tensor.FromSlice([]float64{
		1, 0, -1,
		0, 1, 2,
	}, 2, 3)
	b := tensor.FromSlice([]float64{0.5, 0.5, 0.5}, 1, 3)
	y := tensor.New(2, 3)
	tensor.MatMul(y, x, w, false, false)
	tensor.AddRowVector(y, y, b)
	fmt.Println(y.Shape, y.Data)
	// Output: [2 3] [1.5 2.5 3.5 3.5 4.5 5.5]
}
