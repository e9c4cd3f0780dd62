package main

// netfile.go: the model file proper, in package nn's format (nn.SaveFile,
// nn.LoadFile), checked on loading against the description saved with it.

import (
	"fmt"
	"slices"

	"dlgo/nn"
)

// saveNet writes model to path with nn.SaveFile, which writes a temporary
// file and renames it into place.
func saveNet(path string, model *nn.Sequential) error {
	return nn.SaveFile(path, model)
}

// loadNet reads the model at path and checks that its inputs and outputs
// are those its description n says.
func loadNet(path string, n netSpec) (*nn.Sequential, error) {
	m, err := nn.LoadFile(path)
	if err != nil {
		return nil, err
	}
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
		return nil, fmt.Errorf("%s holds a network of sizes %v, its description %s says %v: was one of them replaced?",
			path, got, metaPath(path), want)
	}
	return m, nil
}
