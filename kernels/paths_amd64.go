//go:build !purego

// paths_amd64.go: which amd64 microkernels this CPU runs, decided once at
// start-up from CPUID (and the OS's register support) by x/sys/cpu. The
// purego tag removes this file and the assembly; paths_noasm.go is then
// built instead.

package kernels

import "golang.org/x/sys/cpu"

// hasAVX2 is read once: AVX2 and FMA are separate CPUID bits, and both are
// needed (x/sys/cpu also checks that the OS saves the ymm registers).
var hasAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// hasAVX512 is read once: AVX-512 Foundation has the zmm FMA; x/sys/cpu
// also checks that the OS saves the zmm and mask registers.
var hasAVX512 = cpu.X86.HasAVX512F

// archPaths returns the amd64 assembly paths this CPU can run, best first.
func archPaths() []*kernelPath {
	var paths []*kernelPath
	if hasAVX512 {
		paths = append(paths, &kernelPath{name: "avx512", blocking: tunedBlocking("avx512"), kernel: kernelAVX512, asm: true})
	}
	if hasAVX2 {
		paths = append(paths, &kernelPath{name: "avx2", blocking: tunedBlocking("avx2"), kernel: kernelAVX2, asm: true})
	}
	return paths
}
