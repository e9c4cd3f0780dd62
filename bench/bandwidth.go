package bench

// bandwidth.go: the memory bandwidth a run reports beside the FMA peak —
// the triad (triad.go) at one thread and at the most threads the run uses.

import (
	"slices"
	"time"
)

// Bandwidth is the measured memory bandwidth at a thread count.
type Bandwidth struct {
	Threads int     `json:"threads"`
	GBps    float64 `json:"gb_per_s"`
	// ArrayBytes is the size of each of the triad's three arrays.
	ArrayBytes int `json:"array_bytes"`
	// Busy is set when the triad received less CPU time than its threads
	// asked for while other processes ran: the figure is then low.
	Busy bool `json:"busy,omitempty"`
}

// triadTime is how long the triad runs at each thread count.
const triadTime = 300 * time.Millisecond

// measureBandwidth runs the triad at one thread and at the largest of
// threads, with arrays sized for a last-level cache of l3 bytes.
func measureBandwidth(meter Meter, l3 int, threads []int) []Bandwidth {
	counts := []int{1}
	if top := slices.Max(threads); top > 1 {
		counts = append(counts, top)
	}
	n := triadLength(l3)
	var out []Bandwidth
	for _, th := range counts {
		u, t := readUsage(), time.Now()
		g := meter.Triad(th, n, triadTime)
		wall := time.Since(t)
		cpu, others, _ := readUsage().since(u, wall)
		share := cpu.Seconds() / (wall.Seconds() * float64(th))
		busy := cpu > 0 && share < starvedShare && others >= busyOthers
		out = append(out, Bandwidth{Threads: th, GBps: g, ArrayBytes: 8 * n, Busy: busy})
	}
	return out
}
