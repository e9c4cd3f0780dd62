package kernels

import (
	"fmt"
	"testing"
)

// BenchmarkPack reports packing speed in ns per element for the MLP
// shapes' blocks (a kc-deep block of op(A) and op(B)), both transposes.
//
//	go test -run '^$' -bench Pack ./kernels
func BenchmarkPack(b *testing.B) {
	const kb = 128
	for _, mrnr := range [][2]int{{6, 8}, {8, 24}} {
		mr, nr := mrnr[0], mrnr[1]
		for _, mn := range []int{64, 784} {
			src := make([]float64, mn*kb)
			dst := make([]float64, (mn+nr)*kb)
			for _, tr := range []bool{false, true} {
				b.Run(fmt.Sprintf("A/mr=%d/m=%d/t=%v", mr, mn, tr), func(b *testing.B) {
					ld := kb
					if tr {
						ld = mn
					}
					for b.Loop() {
						packA(dst, tr, src, ld, 0, 0, mn, kb, mr)
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(mn*kb), "ns/elem")
				})
				b.Run(fmt.Sprintf("B/nr=%d/n=%d/t=%v", nr, mn, tr), func(b *testing.B) {
					ld := mn
					if tr {
						ld = kb
					}
					for b.Loop() {
						packB(dst, tr, src, ld, 0, 0, kb, mn, nr)
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(mn*kb), "ns/elem")
				})
			}
		}
	}
}
