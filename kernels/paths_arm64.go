//go:build !purego

package kernels

// archPaths returns the arm64 assembly paths, best first.
func archPaths() []*kernelPath { return nil }
