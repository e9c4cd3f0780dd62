//go:build !linux && !textbook

package tensor

// adviseHuge does nothing where there is no madvise with MADV_HUGEPAGE.
func adviseHuge(d []float64) {}
