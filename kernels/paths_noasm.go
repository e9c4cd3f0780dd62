//go:build purego || !(amd64 || arm64)

package kernels

// archPaths returns the assembly paths this CPU can run, best first. This
// build has none: the purego tag, or an architecture without assembly.
func archPaths() []*kernelPath { return nil }
