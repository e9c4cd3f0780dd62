//go:build !purego && !textbook

// engine_prefetch_amd64.go: part of the engine, for engine_loops.go (gatherSerial), where its plain twin
// and measured gain are named.

package kernels

// prefetchLines issues PREFETCHT0 for each 64-byte line of x[0:n], n > 0
// (engine_prefetch_amd64.s): a hint, which never faults and changes nothing.
//
//go:noescape
func prefetchLines(x *float64, n int)
