//go:build purego || !(amd64 || arm64)

// paths_noasm.go: the exact complement of paths_amd64.go and
// paths_arm64.go: no assembly, only the generic path.

package kernels

// archPaths returns the assembly paths this CPU can run, best first. This
// build has none: the purego tag, or an architecture without assembly.
func archPaths() []*kernelPath { return nil }
