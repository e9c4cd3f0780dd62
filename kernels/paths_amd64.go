//go:build !purego

package kernels

import "golang.org/x/sys/cpu"

// hasAVX2 is read once: AVX2 and FMA are separate CPUID bits, and both are
// needed (x/sys/cpu also checks that the OS saves the ymm registers).
var hasAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// archPaths returns the amd64 assembly paths this CPU can run, best first.
func archPaths() []*kernelPath {
	var paths []*kernelPath
	if hasAVX2 {
		paths = append(paths, &kernelPath{name: "avx2", blocking: tunedBlocking("avx2"), kernel: kernelAVX2})
	}
	return paths
}
