//go:build !textbook

// engine_adam.go: the Adam update (package nn's Adam.Step) as one pass over a
// parameter's weights, gradient and two moments, split across threads as
// vecAxpy is, in AVX2 assembly on the amd64 assembly paths and in NEON on
// neon. Plain twin: adamGeneric (loops.go), with the same bits. Measured
// gain (commit d206b5e, Zen 5): a 784-128-10 training step with Adam,
// 550 → 325 µs on one thread. NEON (two lanes an FSQRT and an FDIV, 10
// instructions an element against 22 for the Go loop, go tool objdump)
// is not timed: no arm64 machine was at hand.

package kernels

import "dlgo/kernels/internal/simd"

// vecAdamUpdate performs one step of Adam on w with gradient g and moments m
// and v, for every i < len(w):
//
//	m[i] = beta1·m[i] + (1−beta1)·g[i]
//	v[i] = beta2·v[i] + ((1−beta2)·g[i])·g[i]
//	w[i] −= (a·m[i]) / (√v[i]·s + eps)
//
// each product and sum rounded on its own (no fused multiply-add), so that
// every path gives the same bits as adamGeneric. The bias corrections are
// the caller's, folded into a = LR/(1−beta1ᵗ) and s = 1/√(1−beta2ᵗ).
// g, m and v must be at least as long as w.
//
// A long update (minParallelElems per thread) is split across Threads()
// goroutines; each element is computed by one of them, by the same
// operations, so the results do not depend on the thread count.
func vecAdamUpdate(w, g, m, v []float64, beta1, beta2, a, s, eps float64) {
	n := len(w)
	mustLen("AdamUpdate", len(g), n)
	mustLen("AdamUpdate", len(m), n)
	mustLen("AdamUpdate", len(v), n)
	k := adamConsts{beta1, 1 - beta1, beta2, 1 - beta2, a, s, eps}
	t := min(splitParts(n), maxInline)
	if t == 1 {
		adamSerial(w, g[:n], m[:n], v[:n], &k)
		return
	}
	c := getVecCall(t)
	var ps [maxInline]part
	parts := ps[:0]
	for i := 0; i < t; i++ {
		lo, hi := partBounds(n, i, t)
		c.adam[i] = adamPart{w[lo:hi], g[lo:hi], m[lo:hi], v[lo:hi], k}
		parts = append(parts, &c.adam[i])
	}
	runParts(&c.done, parts)
	putVecCall(c)
}

// adamSerial is AdamUpdate on the calling goroutine; the slices have
// equal lengths.
func adamSerial(w, g, m, v []float64, k *adamConsts) {
	n := 0
	if vectorAsm() {
		n = simd.Adam(w, g, m, v, &[7]float64{k.b1, k.c1, k.b2, k.c2, k.a, k.s, k.eps})
	}
	adamGeneric(w[n:], g[n:], m[n:], v[n:], k)
}

// adamPart is a share of AdamUpdate.
type adamPart struct {
	w, g, m, v []float64
	k          adamConsts
}

func (p *adamPart) run() { adamSerial(p.w, p.g, p.m, p.v, &p.k) }
