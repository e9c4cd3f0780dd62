package nn_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"

	"dlgo/nn"
)

// A model and its description in one file: what the outputs mean travels
// with the weights, under the same checksum.
func ExampleSaveWithDescription() {
	rng := rand.New(rand.NewPCG(1, 2))
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(4, 3, rng), &nn.ReLU{}}}
	var file bytes.Buffer
	if err := nn.SaveWithDescription(&file, model, []byte(`{"classes":["setosa","versicolor","virginica"]}`)); err != nil {
		fmt.Println(err)
		return
	}
	back, desc, err := nn.LoadWithDescription(&file)
	fmt.Println(len(back.Layers), string(desc), err)
	// Output:
	// 2 {"classes":["setosa","versicolor","virginica"]} <nil>
}
