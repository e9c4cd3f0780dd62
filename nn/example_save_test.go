package nn_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"

	"dlgo/nn"
	"dlgo/tensor"
)

// Save writes a model to the versioned, checksummed format and Load reads it
// back, bit for bit. SaveFile and LoadFile do the same with a file, writing
// to a temporary name first so that an existing model is never
// half-overwritten.
func ExampleSave() {
	rng := rand.New(rand.NewPCG(1, 2))
	model := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 4, rng), &nn.Tanh{}, nn.NewDense(4, 1, rng), &nn.Sigmoid{}}}

	var file bytes.Buffer
	if err := nn.Save(&file, model); err != nil {
		fmt.Println(err)
		return
	}
	back, err := nn.Load(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	x := tensor.RandN(rng, 5, 3)
	a := nn.Predict(model, x).Clone()
	b := nn.Predict(back, x)
	fmt.Println("layers:", len(back.Layers), "same predictions:", fmt.Sprint(a.Data) == fmt.Sprint(b.Data))

	// A damaged file is refused with a reason, never half-loaded.
	var buf bytes.Buffer
	nn.Save(&buf, model)
	damaged := buf.Bytes()
	damaged[len(damaged)/2] ^= 1 // one bit flipped
	_, err = nn.Load(bytes.NewReader(damaged))
	fmt.Println("damaged file refused:", err != nil)
	// Output:
	// layers: 4 same predictions: true
	// damaged file refused: true
}
