// Package kernels holds dlgo's raw float64 kernels on slices: the general
// matrix multiply Gemm and the register-tile microkernels it is built on.
//
// Gemm follows the Goto/BLIS structure: five loops (NC → KC → MC → NR → MR)
// around a microkernel that computes one MR×NR tile of C from packed panels
// of A and B. Blocking, packing, edge tiles and threading live in Go where
// they can be read; only the microkernel changes from path to path:
//
//   - generic: pure Go, always built, the reference the others are tested
//     against (microkernel_generic.go);
//   - avx2, neon: assembly microkernels, when the CPU has them.
//
// Path names the microkernel in use. The environment variable DLGO_KERNEL,
// read once at start-up, forces a path by name.
//
// The package deliberately has no other BLAS routines, no float32, and no
// complex types: it is the part of a BLAS that training a small MLP needs,
// written to be read.
package kernels
