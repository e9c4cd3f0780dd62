//go:build !((linux || darwin) && (amd64 || arm64))

package bench

import (
	"errors"
	"runtime"
)

// cblas is the machine's CBLAS, which this build does not load (blas.go
// says where it does).
type cblas struct {
	desc       string
	getThreads func() int
}

func (l *cblas) gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	panic("bench: no CBLAS in this build")
}

func (l *cblas) checkThreads(want int) error { return nil }

// loadBLAS and openBLAS say that this build cannot load a CBLAS.
func loadBLAS() (*cblas, error) { return openBLAS("") }

func openBLAS(name string) (*cblas, error) {
	return nil, errors.New("the blas path loads a CBLAS on linux and darwin, amd64 and arm64; not on " + runtime.GOOS + "/" + runtime.GOARCH)
}
