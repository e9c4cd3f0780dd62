//go:build linux && !textbook

// engine_yield_linux.go: part of the engine, for engine_pool.go, where its plain twin
// and measured gain are named.

package kernels

import "syscall"

// osYield gives the calling thread's core to another thread the operating
// system has ready to run on it, if any (sched_yield); it returns at once
// otherwise. A polling loop calls it so as not to hold a core that the
// thread it waits for shares.
func osYield() { syscall.RawSyscall(syscall.SYS_SCHED_YIELD, 0, 0, 0) }
