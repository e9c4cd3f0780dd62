package main

// netfile.go: INTERIM model weights file, until package nn's SaveFile and
// LoadFile land: the parameters as JSON, the architecture from netSpec.

import (
	"encoding/json"
	"fmt"
	"os"

	"dlgo/nn"
)

func saveNet(path string, model *nn.Sequential, _ netSpec) error {
	var params [][]float64
	for _, p := range model.Params() {
		params = append(params, p.Value.Data)
	}
	b, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, b)
}

func loadNet(path string, n netSpec) (*nn.Sequential, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var params [][]float64
	if err := json.Unmarshal(b, &params); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := buildModel(n, newRand(0, 0))
	ps := m.Params()
	if len(ps) != len(params) {
		return nil, fmt.Errorf("%s: %d parameters, want %d", path, len(params), len(ps))
	}
	for i, p := range ps {
		if len(params[i]) != len(p.Value.Data) {
			return nil, fmt.Errorf("%s: parameter %d has %d values, want %d", path, i, len(params[i]), len(p.Value.Data))
		}
		copy(p.Value.Data, params[i])
	}
	return m, nil
}
