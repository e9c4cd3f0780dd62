// Package simd is the engine's assembly other than the microkernels: the
// element-wise loops of a training step (AVX2, NEON), the transposes of packing
// (AVX2, NEON), the products of a mostly-zero input (lane masks in
// AVX-512, lists in AVX2 and in NEON), and a prefetch. Each routine
// replaces a Go loop of package kernels, its twin, named in its doc
// comment and tested against it there. Package kernels calls them only on
// an assembly path, so DLGO_KERNEL=generic runs none of them; the purego
// build tag builds none (simd_noasm.go, sparse_noneon.go). A routine on
// slices does the longest prefix it can and returns its length; the
// caller's Go loop does the rest.
package simd
