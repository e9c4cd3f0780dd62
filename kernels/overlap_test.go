package kernels

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// overlaps agrees with a brute-force set of shared elements, for windows
// placed at random in one backing array, overlapping or interleaving.
func TestOverlapsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]float64, 400)
	for range 20000 {
		m, n := rng.IntN(5), rng.IntN(6)
		ldc := max(n, 1) + rng.IntN(4)
		r, c := rng.IntN(5), rng.IntN(6)
		ldx := max(c, 1) + rng.IntN(4)
		oc, ox := rng.IntN(100), rng.IntN(100)
		cs, xs := buf[oc:], buf[ox:]
		in := map[int]bool{}
		for i := range m {
			for j := range n {
				in[oc+i*ldc+j] = true
			}
		}
		want := false
		for i := range r {
			for j := range c {
				want = want || in[ox+i*ldx+j]
			}
		}
		if got := overlaps(cs, m, n, ldc, xs, r, c, ldx); got != want {
			t.Fatalf("C %d×%d ld %d at %d, X %d×%d ld %d at %d: overlaps = %v, want %v", m, n, ldc, oc, r, c, ldx, ox, got, want)
		}
	}
	// Separate arrays never overlap.
	if overlaps(make([]float64, 4), 2, 2, 2, make([]float64, 4), 2, 2, 2) {
		t.Fatal("two separate arrays overlap")
	}
}

// Gemm refuses a C that shares elements with A or B, and accepts one that
// only interleaves with them (the two halves of one matrix's columns).
func TestGemmRefusesOverlap(t *testing.T) {
	const s = 64
	buf := make([]float64, s*2*s)
	for i := range buf {
		buf[i] = float64(i % 7)
	}
	expectPanic(t, func() { Gemm(false, false, s, s, s, 1, buf, 2*s, buf[s:], 2*s, 0, buf, 2*s) }, "c overlaps a")
	sep := make([]float64, s*s)
	expectPanic(t, func() { Gemm(false, false, s, s, s, 1, sep, s, buf[s:], 2*s, 0, buf[3:], 2*s) }, "c overlaps b")
	// C is the right half, A the left half, B separate: fine, and right.
	b := make([]float64, s*s)
	for i := range b {
		b[i] = float64(i%5) - 2
	}
	a := make([]float64, len(buf))
	copy(a, buf)
	Gemm(false, false, s, s, s, 1, buf, 2*s, b, s, 0, buf[s:], 2*s)
	want := make([]float64, s*s)
	GemmRef(false, false, s, s, s, 1, a, 2*s, b, s, 0, want, s)
	for i := range s {
		for j := range s {
			if got := buf[i*2*s+s+j]; got != want[i*s+j] {
				t.Fatalf("C[%d,%d] = %v, want %v", i, j, got, want[i*s+j])
			}
		}
	}
}

// A stride that makes the span overflow an int panics with a clear message
// (not Go's bounds check on a negative index).
func TestGemmStrideOverflow(t *testing.T) {
	a := make([]float64, 4)
	expectPanic(t, func() { Gemm(false, false, math.MaxInt/4, 1, 1, 1, a, math.MaxInt/8, a, 1, 0, a, 1) }, "more elements than an int")
}

func expectPanic(t *testing.T, f func(), want string) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil || !strings.Contains(r.(string), want) {
			t.Fatalf("panic %v, want one containing %q", r, want)
		}
	}()
	f()
}
