package bench

// operands.go: one product's matrices, and the check that a path computes
// it right before it is timed — no fast wrong number is ever printed.

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// operands holds one product's matrices as stored (A is K×M when
// transposed, B is N×K).
type operands struct {
	transA, transB bool
	s              Shape
	a, b, c, ref   []float64
	lda, ldb       int
	rng            *rand.Rand
}

func newOperands(s Shape, trans string, rng *rand.Rand) *operands {
	o := &operands{transA: trans[0] == 'T', transB: trans[1] == 'T', s: s, rng: rng}
	o.a = make([]float64, s.M*s.K)
	o.b = make([]float64, s.K*s.N)
	o.c = make([]float64, s.M*s.N)
	for i := range o.a {
		o.a[i] = rng.Float64()
	}
	for i := range o.b {
		o.b[i] = rng.Float64()
	}
	o.lda, o.ldb = s.K, s.N
	if o.transA {
		o.lda = s.M
	}
	if o.transB {
		o.ldb = s.K
	}
	return o
}

// run computes C = op(A)·op(B) with f. beta = 0, so every repetition writes
// a fresh C rather than accumulating into the last one.
func (o *operands) run(f gemmFunc) {
	f(o.transA, o.transB, o.s.M, o.s.N, o.s.K, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.s.N)
}

// fullCheckWork is the largest m·n·k checked element by element against
// the reference loop; larger products are checked by Freivalds' test,
// which costs O(mn + nk + mk) rather than the reference's O(mnk) (at 2048³
// the reference loop alone would take longer than the whole default run).
const fullCheckWork = 128 * 128 * 128

// verify computes the product with f and checks it. C is filled with NaN
// first, so a kernel that skips an element cannot pass.
func (o *operands) verify(f gemmFunc) error {
	for i := range o.c {
		o.c[i] = math.NaN()
	}
	o.run(f)
	if o.s.M*o.s.N*o.s.K <= fullCheckWork {
		return o.checkFull()
	}
	return o.checkFreivalds()
}

// checkFull compares C with the reference loop, within the rounding a
// k-term sum of values in [0, 1) can carry.
func (o *operands) checkFull() error {
	if o.ref == nil {
		o.ref = make([]float64, len(o.c))
		refGemm(o.transA, o.transB, o.s.M, o.s.N, o.s.K, 1, o.a, o.lda, o.b, o.ldb, 0, o.ref, o.s.N)
	}
	tol := 4 * float64(o.s.K+1) * 0x1p-52 * float64(o.s.K)
	for i, want := range o.ref {
		if got := o.c[i]; !(math.Abs(got-want) <= tol) {
			return fmt.Errorf("wrong result: C[%d][%d] = %v, want %v", i/o.s.N, i%o.s.N, got, want)
		}
	}
	return nil
}

// checkFreivalds tests C·x = op(A)·(op(B)·x) for a random x with entries
// in [0.5, 1.5) (Freivalds 1977): a wrong element of C changes its row of
// C·x by its error times x_j, which random real x_j cannot cancel. The
// tolerance bounds the rounding of both sides: entries of A and B in
// [0, 1) give |C_ij| ≤ k, and each side sums n·k products of such terms,
// so 6·ε·n·k·(n+k) covers it with room.
func (o *operands) checkFreivalds() error {
	m, n, k := o.s.M, o.s.N, o.s.K
	x := make([]float64, n)
	for j := range x {
		x[j] = 0.5 + o.rng.Float64()
	}
	w := make([]float64, k) // op(B)·x
	for p := range k {
		for j := range n {
			if o.transB {
				w[p] += o.b[j*o.ldb+p] * x[j]
			} else {
				w[p] += o.b[p*o.ldb+j] * x[j]
			}
		}
	}
	tol := 6 * 0x1p-52 * float64(n) * float64(k) * float64(n+k)
	for i := range m {
		y, z := 0.0, 0.0
		for j := range n {
			y += o.c[i*n+j] * x[j]
		}
		for p := range k {
			if o.transA {
				z += o.a[p*o.lda+i] * w[p]
			} else {
				z += o.a[i*o.lda+p] * w[p]
			}
		}
		if !(math.Abs(y-z) <= tol) {
			return fmt.Errorf("wrong result: row %d of C·x is %v, want %v (Freivalds' test)", i, y, z)
		}
	}
	return nil
}
