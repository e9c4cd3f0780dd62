//go:build (purego || !amd64) && !textbook

// engine_sparse_other.go: which sparse products each path runs without
// amd64 assembly (engine_sparse.go): lists in Go on every path — neon's
// and generic on arm64, generic elsewhere.

package kernels

// sparseWay returns sparseListsGo: the Go loop of the lists, whose
// math.FMA is one instruction on arm64 (FMADD).
func sparseWay(p *kernelPath) uint8 { return sparseListsGo }
