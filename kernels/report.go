// report.go: what `dlgo cpu` and `dlgo bench` show about how Gemm runs on
// this machine, in one place: the path (Path, Paths, KnownPaths in
// path.go), the threads (Threads in threads.go), the blocks below, the
// distance between the cores (CoreDistance, engine_distance.go) and the
// FMA peak (PeakGFLOPS, peak.go).

package kernels

// BlockSizes returns the register tile (MR×NR) and the cache blocks (MC, KC,
// NC) of the current path.
func BlockSizes() (mr, nr, mc, kc, nc int) {
	p := current.Load()
	return p.mr, p.nr, p.mc, p.kc, p.nc
}
