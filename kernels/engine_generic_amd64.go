//go:build !textbook

// engine_generic_amd64.go: the generic path's whole tiles on amd64, a row
// at a time (engine_generic.go says why: MULSD overwrites one operand).

package kernels

// kernelGenericFast is kernelGeneric (a microkernel on a 6×8 tile),
// computed a row at a time: the same bits.
func kernelGenericFast(k int, a, b, c []float64, ldc int, alpha, beta float64) {
	kernelGenericRows(genericMR, k, a, b, c, ldc, alpha, beta)
}
