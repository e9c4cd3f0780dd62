//go:build purego || !(amd64 || arm64)

package kernels

// archProbes returns the FMA loops this CPU can run: none without assembly,
// so PeakGFLOPS falls back to the pure-Go loop.
func archProbes() []peakProbe { return nil }
