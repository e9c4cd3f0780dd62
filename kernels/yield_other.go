//go:build !linux && !textbook

package kernels

// osYield does nothing where sched_yield is not at hand: polls then keep
// their core for spinFor at most.
func osYield() {}
