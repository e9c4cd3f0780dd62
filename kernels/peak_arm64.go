//go:build !purego

package kernels

// fmaChainsNEON runs n iterations of 16 independent VFMLA chains on 128-bit
// V registers (2 float64): 16·2·2 = 64 flops per iteration. It replaces
//
//	for i := 0; i < n; i++ {
//		for r := 0; r < 16; r++ {
//			for l := 0; l < 2; l++ {
//				x[r][l] = math.FMA(m, a, x[r][l])
//			}
//		}
//	}
//
//go:noescape
func fmaChainsNEON(n int)

// archProbes returns the FMA loops this CPU can run, widest first: NEON is
// baseline on arm64.
func archProbes() []peakProbe {
	return []peakProbe{{name: "neon", flops: 64, run: fmaChainsNEON}}
}
