//go:build !purego && (amd64 || arm64)

package simd

// prefetchLines asks for each 64-byte line of x[0:n], n > 0, into L1
// (prefetch_amd64.s: PREFETCHT0; prefetch_arm64.s: PRFM PLDL1KEEP): a
// hint, which never faults and changes nothing.
//
//go:noescape
func prefetchLines(x *float64, n int)

// Prefetch asks for the cache lines of x (kernels' gatherSerial, a few
// rows ahead of its copy, and vecPrefetchRows, the next batch's rows).
func Prefetch(x []float64) {
	if len(x) > 0 {
		prefetchLines(&x[0], len(x))
	}
}
