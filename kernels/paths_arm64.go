//go:build !purego

// paths_arm64.go: the arm64 microkernels; NEON needs no feature test.

package kernels

// archPaths returns the arm64 assembly paths, best first. NEON (ASIMD) with
// float64 lanes is part of the arm64 baseline, so it needs no feature test.
func archPaths() []*kernelPath {
	return []*kernelPath{{name: "neon", blocking: tunedBlocking("neon"), kernel: kernelNEON, asm: true}}
}
