package main

// memory.go: what a run will need in memory, estimated before it
// allocates, against what this machine can give. A flag value the code
// accepts (-hidden 65536,65536, bench -sizes 65536, gradcheck -batch 1e8)
// must be refused with the figures, not found out by the kernel's
// out-of-memory killer or a swap storm an hour later. The estimates count
// the large buffers only (tensors, not Go's bookkeeping); not a profiler.

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// memoryBudget returns the bytes this process may use: the smaller of the
// memory available (MemAvailable of /proc/meminfo) and the cgroup's limit;
// ok is false where neither can be read (not Linux), and then no estimate
// is refused.
func memoryBudget() (bytes uint64, ok bool) {
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, found := strings.CutPrefix(sc.Text(), "MemAvailable:"); found {
				kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				if err == nil {
					bytes, ok = kb<<10, true
				}
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if lim, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64); err == nil && (!ok || lim < bytes) {
			bytes, ok = lim, true
		}
	}
	return bytes, ok
}

// budget is memoryBudget, a variable so that tests can stand in a machine
// of a chosen size.
var budget = memoryBudget

// checkMemory refuses a run that would need more than the machine can
// give: what names it ("-hidden 65536,65536"), need is the estimate in
// bytes.
func checkMemory(what string, need float64) error {
	have, ok := budget()
	if !ok || need <= float64(have) {
		return nil
	}
	return usagef("%s needs about %s of memory, and this machine has %s available: choose smaller sizes", what, formatBytes(need), formatBytes(float64(have)))
}

// formatBytes gives a size in B, KiB, MiB, GiB or TiB.
func formatBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%.0f B", b)
	}
	return fmt.Sprintf("%.1f %s", b, units[i])
}

// trainMemory estimates the bytes a training run of net takes beyond its
// data: each parameter's value, gradient, two Adam moments and the best
// epoch's copy (5 float64s), and per layer a batch of outputs, cached
// inputs and gradients (4 float64s per unit of a batch row), for the
// training batch and for the evaluation chunk.
func trainMemory(n netSpec, batch int) float64 {
	widths := append(append([]int{n.In}, n.Hidden...), n.Out)
	params, units := 0.0, 0.0
	for i := 1; i < len(widths); i++ {
		params += float64(widths[i-1]+1) * float64(widths[i])
		units += 2 * float64(widths[i]) // the Dense output and its activation's
	}
	rows := float64(max(batch, evalChunk))
	return 8 * (5*params + 4*rows*(units+float64(n.In)))
}

// evalChunk is the number of rows nn.Evaluate and nn.Predict take at a
// time.
const evalChunk = 1024
