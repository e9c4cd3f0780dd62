//go:build textbook

package nn_test

import "testing"

// skipInTextbook skips an allocation count: the textbook build's Gemm
// allocates its goroutines and pack buffers per call (kernels/gemm.go).
func skipInTextbook(t *testing.T) {
	t.Skip("the textbook build's Gemm allocates per call")
}
