//go:build !purego && !textbook

package kernels

// prefetchLines issues PREFETCHT0 for each 64-byte line of x[0:n], n > 0
// (prefetch_amd64.s): a hint, which never faults and changes nothing.
//
//go:noescape
func prefetchLines(x *float64, n int)
