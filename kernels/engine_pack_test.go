//go:build !textbook

package kernels

func init() {
	transposers["fast"] = func(panel []float64, w int, src []float64, ld, kb, cols int) {
		transposeRowsFast(false, panel, w, src, ld, kb, cols)
	}
	transposers["fast, assembly"] = func(panel []float64, w int, src []float64, ld, kb, cols int) {
		transposeRowsFast(true, panel, w, src, ld, kb, cols)
	}
}
