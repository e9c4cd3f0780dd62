package main

// netfile.go: the network of a model file checked against the description
// saved with it.

import (
	"fmt"
	"slices"

	"dlgo/nn"
)

// checkNet checks that model's Dense layers have the sizes its
// description n says (where names the description in errors).
func checkNet(path string, m *nn.Sequential, n netSpec, where string) error {
	// The sizes of the Dense layers, in order, must be the description's.
	want := append(append([]int{n.In}, n.Hidden...), n.Out)
	var got []int
	for _, l := range m.Layers {
		if d, ok := l.(*nn.Dense); ok {
			if len(got) == 0 {
				got = append(got, d.In())
			}
			got = append(got, d.Out())
		}
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s holds a network of sizes %v, %s says %v: was one of them replaced?",
			path, got, where, want)
	}
	return nil
}
