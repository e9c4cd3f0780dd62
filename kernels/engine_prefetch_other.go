//go:build (purego || !amd64) && !textbook

// engine_prefetch_other.go: part of the engine, for engine_loops.go (gatherSerial), where its plain twin
// and measured gain are named.

package kernels

func prefetchLines(x *float64, n int) {}
