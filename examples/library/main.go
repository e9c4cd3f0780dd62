// Command library is a program outside the dlgo module that uses it: a
// 2-layer tanh network learns XOR. Its go.mod shows the one line that makes
// it work (dlgo's module path cannot be fetched with go get):
//
//	replace dlgo => ../..
//
// (or a go.work: go work init . && go work use /path/to/dlgo). dlgo's own
// tests build this module (nn/module_test.go).
package main

import (
	"fmt"
	"math/rand/v2"

	"dlgo/nn"
	"dlgo/tensor"
)

func main() {
	rng := rand.New(rand.NewPCG(1, 2))
	x := tensor.FromSlice([]float64{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	y := tensor.FromSlice([]float64{0, 1, 1, 0}, 4, 1)
	model := &nn.Sequential{Layers: []nn.Layer{
		nn.NewDenseInit(2, 4, nn.Xavier, rng), &nn.Tanh{},
		nn.NewDenseInit(4, 1, nn.Xavier, rng),
	}}
	loss := &nn.BCEWithLogits{}
	if _, err := nn.Train(model, loss, nn.NewAdam(0.05), x, y, nn.TrainConfig{Epochs: 500}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(model)
	p := nn.PredictProba(model, loss, x)
	for i := range 4 {
		class := 0
		if p.At(i, 0) > 0.5 {
			class = 1
		}
		fmt.Printf("%v xor %v = %d (p = %.3f)\n", x.At(i, 0), x.At(i, 1), class, p.At(i, 0))
	}
}
