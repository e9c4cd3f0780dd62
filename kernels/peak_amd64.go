//go:build !purego

package kernels

// fmaChainsAVX2 runs n iterations of 12 independent VFMADD231PD chains on
// ymm registers (4 float64): 12·4·2 = 96 flops per iteration. It replaces
//
//	for i := 0; i < n; i++ {
//		for r := 0; r < 12; r++ {
//			for l := 0; l < 4; l++ {
//				x[r][l] = math.FMA(x[r][l], m, a)
//			}
//		}
//	}
//
//go:noescape
func fmaChainsAVX2(n int)

// fmaChainsAVX512 is fmaChainsAVX2 with 24 chains on zmm registers (8
// float64): 24·8·2 = 384 flops per iteration.
//
//go:noescape
func fmaChainsAVX512(n int)

// archProbes returns the FMA loops this CPU can run, widest first.
func archProbes() []peakProbe {
	var probes []peakProbe
	if hasAVX512 {
		probes = append(probes, peakProbe{name: "avx512", flops: 384, run: fmaChainsAVX512})
	}
	if hasAVX2 {
		probes = append(probes, peakProbe{name: "avx2", flops: 96, run: fmaChainsAVX2})
	}
	return probes
}
