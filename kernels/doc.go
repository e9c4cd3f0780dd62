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
//   - avx512 (8×24 tile, and an 8×16 twin for products whose width the
//     wider tile would pad, such as 128: engine_narrow.go), avx2 (6×8): amd64
//     assembly, chosen at start-up when the CPU and OS support the
//     registers (microkernel_*amd64.s);
//   - neon (6×8): arm64 assembly, baseline on arm64 (microkernel_arm64.s).
//
// Path names the microkernel in use, Paths those this CPU can run, best
// first. The environment variable DLGO_KERNEL, read once at start-up,
// forces a path by name; the purego build tag removes all assembly. Block
// sizes come from one table per path (blocking_table.go). Small products,
// such as a training step's, skip packing on the amd64 paths, whose
// kernels read A and B with strides (engine_direct.go).
//
// Axpy, ReLU, ReLUGrad, AddTo and AdamUpdate are the element-wise loops of
// a training step, in AVX2 assembly with their Go loops as the reference
// (engine_vector.go, engine_adam.go).
//
// PeakGFLOPS measures the CPU's own FMA throughput, the ceiling that
// Gemm's GFLOP/s are a fraction of.
//
// The package deliberately has no other BLAS routines, no float32, and no
// complex types: it is the part of a BLAS that training a small MLP needs,
// written to be read.
package kernels
