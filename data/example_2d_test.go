package data_test

import (
	"fmt"
	"math/rand/v2"

	"dlgo/data"
)

// The 2-D sets of dlgo serve: each is n points in the plane and a class
// per point, the same for the same seed.
func ExampleSpiral() {
	rng := rand.New(rand.NewPCG(1, 0))
	for _, s := range []*data.Set{
		data.XOR(200, 0.1, rng),
		data.Spiral(200, 0.05, rng),
		data.Blobs(200, 2, 0.5, rng),
	} {
		fmt.Println(s.Name, s.X.Shape, s.Classes, s.Labels[:4])
	}
	// Output:
	// xor [200 2] 2 [0 1 1 1]
	// spiral [200 2] 2 [0 0 0 0]
	// blobs [200 2] 2 [0 1 0 1]
}
