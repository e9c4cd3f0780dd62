//go:build (purego || !(amd64 || arm64)) && !textbook

// engine_sparse_other.go: which sparse products each path runs without
// assembly (engine_sparse.go): lists in Go on every path — the purego
// build's, and generic on the architectures without assembly.

package kernels

// sparseWay returns sparseListsGo: the Go loop of the lists.
func sparseWay(p *kernelPath) uint8 { return sparseListsGo }
