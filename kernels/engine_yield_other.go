//go:build !linux && !textbook

// engine_yield_other.go: part of the engine, for engine_pool.go, where its plain twin
// and measured gain are named.

package kernels

// osYield does nothing where sched_yield is not at hand: polls then keep
// their core for spinFor at most.
func osYield() {}
