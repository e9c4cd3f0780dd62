package main

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// FuzzDescription puts arbitrary bytes in a model file's description:
// loadModel returns an error, or a model and description that agree, on
// which predict's classification runs without a panic.
func FuzzDescription(f *testing.F) {
	f.Add(`{"format":"dlgo train 1","net":{"in":2,"hidden":[4],"out":1,"activation":"tanh","init":"xavier","loss":"bce","classes":2},"data":{"source":"planar","kind":"planar","binary":-1,"seed":1}}`)
	f.Add(`{"format":"dlgo train 1","net":{"in":2,"hidden":[4],"out":1,"activation":"tanh","loss":"mse","classes":2},"data":{"kind":"csv","binary":-1,"scaler":{"Mean":[0,0],"Std":[1,1]},"classes":["a","b"]}}`)
	f.Add(`{"format":"dlgo train 1","net":{"in":2,"hidden":[4],"out":3,"activation":"relu","loss":"ce","classes":3},"data":{"kind":"moons","binary":-1}}`)
	f.Add(`{"net":{"loss":"foo"}}`)
	f.Add(`null`)
	rng := rand.New(rand.NewPCG(1, 1))
	models := map[int]*nn.Sequential{
		1: {Layers: []nn.Layer{nn.NewDense(2, 4, rng), &nn.Tanh{}, nn.NewDense(4, 1, rng), &nn.Sigmoid{}}},
		3: {Layers: []nn.Layer{nn.NewDense(2, 4, rng), &nn.ReLU{}, nn.NewDense(4, 3, rng)}},
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, desc string) {
		for out, m := range models {
			path := filepath.Join(dir, "f.dlgo")
			if err := nn.SaveFileWithDescription(path, m, []byte(desc)); err != nil {
				t.Fatal(err)
			}
			model, meta, err := loadModel(path)
			if err != nil {
				if !strings.Contains(err.Error(), "f.dlgo") {
					t.Errorf("error %q does not name the file", err)
				}
				continue
			}
			if meta.Net.Out != out || meta.Net.In != 2 {
				t.Fatalf("a description of %d→%d loaded for a 2→%d model", meta.Net.In, meta.Net.Out, out)
			}
			names := classNames(meta)
			cls, _ := classify(meta.Net, nn.Predict(model, tensor.New(3, 2)))
			for _, c := range cls {
				_ = names[c]
			}
		}
	})
}
