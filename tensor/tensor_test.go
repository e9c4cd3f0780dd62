package tensor

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dlgo/kernels"
)

// mustPanic runs f and checks that it panics with a message containing
// every one of want.
func mustPanic(t *testing.T, f func(), want ...string) {
	t.Helper()
	msg := func() (msg string) {
		defer func() {
			r := recover()
			if r == nil {
				msg = "<no panic>"
				return
			}
			msg, _ = r.(string)
		}()
		f()
		return
	}()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("panic %q, want it to contain %q", msg, w)
		}
	}
}

func eq(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestConstructors(t *testing.T) {
	z := New(2, 3)
	if !slices.Equal(z.Shape, []int{2, 3}) || len(z.Data) != 6 || z.Len() != 6 {
		t.Fatalf("New(2, 3) = %v", z)
	}
	eq(t, "Zeros", Zeros(2).Data, []float64{0, 0})
	eq(t, "Full", Full(1.5, 3).Data, []float64{1.5, 1.5, 1.5})
	f := FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	if f.At(1, 2) != 6 || f.At(0, 1) != 2 || f.Rows() != 2 || f.Cols() != 3 {
		t.Errorf("FromSlice At/Rows/Cols wrong: %v", f)
	}
	f.Set(9, 1, 0)
	eq(t, "Set", f.Data, []float64{1, 2, 3, 9, 5, 6})
	eq(t, "Row", f.Row(1), []float64{9, 5, 6})
	c := f.Clone()
	c.Data[0] = 7
	if f.Data[0] != 1 {
		t.Error("Clone shares data")
	}
	r := f.Reshape(3, 2)
	r.Data[0] = 8
	if f.Data[0] != 8 || !slices.Equal(r.Shape, []int{3, 2}) {
		t.Error("Reshape copies or has the wrong shape")
	}
	a := RandN(rand.New(rand.NewPCG(1, 2)), 100, 10)
	b := RandN(rand.New(rand.NewPCG(1, 2)), 100, 10)
	eq(t, "RandN same seed", a.Data, b.Data)
	mean := 0.0
	for _, v := range a.Data {
		mean += v
	}
	if mean /= 1000; math.Abs(mean) > 0.15 {
		t.Errorf("RandN mean %v", mean)
	}
	g := Resize(nil, 2, 2)
	g2 := Resize(g, 1, 3)
	if &g2.Data[0] != &g.Data[0] || !slices.Equal(g2.Shape, []int{1, 3}) {
		t.Error("Resize reallocated within capacity")
	}
	if !strings.Contains(New(1, 2).String(), "[1 2]") {
		t.Error("String lacks the shape")
	}
}

func TestConstructorPanics(t *testing.T) {
	mustPanic(t, func() { FromSlice([]float64{1, 2, 3}, 2, 2) }, "tensor.FromSlice", "len(data) = 3", "[2 2]", "4")
	mustPanic(t, func() { New(2, -1) }, "tensor.New", "negative")
	h := 1 << (bits.UintSize / 2) // h·h overflows an int: 2³² × 2³² on 64 bits
	mustPanic(t, func() { New(h, h) }, "tensor.New", fmt.Sprint([]int{h, h}), "more elements")
	mustPanic(t, func() { Zeros(3, math.MaxInt/2) }, "tensor.New", "more elements")
	if n := New(h, h, 0).Len(); n != 0 {
		t.Errorf("a shape with a 0 has %d elements", n)
	}
	mustPanic(t, func() { New(2, 3).Reshape(4, 2) }, "tensor.Reshape", "[2 3]", "[4 2]")
	mustPanic(t, func() { New(2, 3).At(2, 0) }, "tensor.At", "[2 0]", "[2 3]")
	mustPanic(t, func() { New(2, 3).Set(1, 0) }, "tensor.Set", "[0]", "[2 3]")
	mustPanic(t, func() { New(2, 3, 4).Rows() }, "tensor.Rows", "[2 3 4]")
	mustPanic(t, func() { New(5).Cols() }, "tensor.Cols", "[5]")
}

func TestElementwise(t *testing.T) {
	a := FromSlice([]float64{1, 2, 3, 4}, 2, 2)
	b := FromSlice([]float64{10, 20, 30, 40}, 2, 2)
	d := New(2, 2)
	eq(t, "Add", Add(d, a, b).Data, []float64{11, 22, 33, 44})
	eq(t, "Sub", Sub(d, a, b).Data, []float64{-9, -18, -27, -36})
	eq(t, "Mul", Mul(d, a, b).Data, []float64{10, 40, 90, 160})
	eq(t, "Scale", Scale(d, a, -2).Data, []float64{-2, -4, -6, -8})
	eq(t, "AddScaled", AddScaled(d, a, 0.5, b).Data, []float64{6, 12, 18, 24})
	eq(t, "Apply", Apply(d, a, func(x float64) float64 { return x * x }).Data, []float64{1, 4, 9, 16})
	eq(t, "Copy", Copy(d, b).Data, b.Data)
	// dst may alias an input.
	Add(a, a, b)
	eq(t, "Add in place", a.Data, []float64{11, 22, 33, 44})
	eq(t, "Fill", d.Fill(3).Data, []float64{3, 3, 3, 3})
	eq(t, "Zero", d.Zero().Data, []float64{0, 0, 0, 0})

	x, y := New(2, 2), New(4)
	for name, f := range map[string]func(){
		"Add":       func() { Add(x, x, y) },
		"Sub":       func() { Sub(x, x, y) },
		"Mul":       func() { Mul(x, x, y) },
		"Scale":     func() { Scale(y, x, 2) },
		"AddScaled": func() { AddScaled(x, x, 1, y) },
		"Apply":     func() { Apply(y, x, math.Abs) },
		"Copy":      func() { Copy(y, x) },
	} {
		mustPanic(t, f, "tensor."+name, "shape mismatch", "[2 2]", "[4]")
	}
	// A dst of the wrong shape is caught too.
	mustPanic(t, func() { Add(y, x, x) }, "tensor.Add", "[4]", "[2 2]")
}

func TestRows(t *testing.T) {
	a := FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	v := FromSlice([]float64{10, 20, 30}, 1, 3)
	d := New(2, 3)
	eq(t, "AddRowVector", AddRowVector(d, a, v).Data, []float64{11, 22, 33, 14, 25, 36})
	s := New(1, 3)
	eq(t, "AddSumRows", AddSumRows(s, a).Data, []float64{5, 7, 9})
	m := FromSlice([]float64{1, 3, 3, -1, -5, -2, math.NaN(), 0, 1}, 3, 3)
	if got := ArgMaxRows(make([]int, 3), m); !slices.Equal(got, []int{1, 0, 2}) {
		t.Errorf("ArgMaxRows = %v, want [1 0 2]", got)
	}
	mustPanic(t, func() { AddRowVector(d, a, New(1, 2)) }, "tensor.AddRowVector", "[2 3]", "[1 2]")
	mustPanic(t, func() { AddRowVector(d, a, New(2, 3)) }, "tensor.AddRowVector", "[2 3]")
	mustPanic(t, func() { AddRowVector(New(3, 2), a, v) }, "tensor.AddRowVector", "[3 2]", "[2 3]")
	mustPanic(t, func() { AddSumRows(New(1, 2), a) }, "tensor.AddSumRows", "[1 2]", "[2 3]")
	mustPanic(t, func() { AddSumRows(s, New(3)) }, "tensor.AddSumRows", "[3]")
	mustPanic(t, func() { ArgMaxRows(make([]int, 1), a) }, "tensor.ArgMaxRows", "len(dst) = 1", "[2 3]")
}

func TestMatMul(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tr := range [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}} {
		m, n, k := 7, 5, 9
		as, bs := []int{m, k}, []int{k, n}
		if tr[0] {
			as = []int{k, m}
		}
		if tr[1] {
			bs = []int{n, k}
		}
		a, b := RandN(rng, as...), RandN(rng, bs...)
		got := Full(math.NaN(), m, n)
		MatMul(got, a, b, tr[0], tr[1])
		want := New(m, n)
		kernels.GemmRef(tr[0], tr[1], m, n, k, 1, a.Data, as[1], b.Data, bs[1], 0, want.Data, n)
		for i := range want.Data {
			if math.Abs(got.Data[i]-want.Data[i]) > 1e-12 {
				t.Fatalf("MatMul %v: %v, want %v", tr, got.Data, want.Data)
			}
		}
		MatMulAdd(got, a, b, tr[0], tr[1], 1)
		for i := range want.Data {
			if math.Abs(got.Data[i]-2*want.Data[i]) > 1e-12 {
				t.Fatalf("MatMulAdd %v: %v, want 2×%v", tr, got.Data, want.Data)
			}
		}
	}
	// Empty inner dimension: dst = 0.
	e := Full(1, 2, 2)
	MatMul(e, New(2, 0), New(0, 2), false, false)
	eq(t, "MatMul k=0", e.Data, []float64{0, 0, 0, 0})

	a, b := New(2, 3), New(4, 5)
	mustPanic(t, func() { MatMul(New(2, 5), a, b, false, false) }, "tensor.MatMul", "shape mismatch", "[2 3]", "[4 5]")
	mustPanic(t, func() { MatMul(New(2, 2), a, New(3, 5), false, false) }, "tensor.MatMul", "dst shape [2 2]", "[2 5]")
	mustPanic(t, func() { MatMul(New(2, 5), New(3), b, false, false) }, "tensor.MatMul", "[3]")
	sq := New(3, 3)
	mustPanic(t, func() { MatMul(sq, sq, New(3, 3), false, false) }, "tensor.MatMul", "shares storage")
}

func TestNoAllocs(t *testing.T) {
	if textbookBuild {
		t.Skip("the textbook build's Gemm allocates its pack buffers per call")
	}
	a, b, d := New(64, 128), New(128, 10), New(64, 10)
	v, s := New(1, 10), New(1, 10)
	idx := make([]int, 64)
	allocs := testing.AllocsPerRun(10, func() {
		MatMul(d, a, b, false, false)
		AddRowVector(d, d, v)
		Add(d, d, d)
		AddSumRows(s, d)
		ArgMaxRows(idx, d)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per step, want 0", allocs)
	}
}

func TestResizeNoAllocs(t *testing.T) {
	buf := New(64, 128)
	allocs := testing.AllocsPerRun(10, func() {
		buf = Resize(buf, 32, 128)
		buf = Resize(buf, 64, 128)
	})
	if allocs != 0 {
		t.Errorf("Resize within capacity: %v allocations, want 0", allocs)
	}
}

// The kernel-backed operations agree with the plain ones they stand for.
func TestFastOpsMatchPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	a, b := RandN(rng, 7, 9), RandN(rng, 7, 9)
	a.Data[3], a.Data[4] = math.NaN(), math.Copysign(0, -1)

	got, want := a.Clone(), New(7, 9)
	AddScaled(got, got, -0.3, b)
	for i, v := range a.Data {
		want.Data[i] = v + float64(-0.3*b.Data[i])
	}
	sameBitsT(t, "AddScaled in place", got, want)
	got2 := New(7, 9)
	sameBitsT(t, "AddScaled", AddScaled(got2, a, -0.3, b), want)
	bb := b.Clone()
	sameBitsT(t, "AddScaled into b", AddScaled(bb, a, -0.3, bb), want)

	ReLU(got, a)
	Apply(want, a, func(v float64) float64 { return max(v, 0) })
	sameBitsT(t, "ReLU", got, want)

	ReLUGrad(got, b, a)
	for i, v := range a.Data {
		want.Data[i] = 0
		if v > 0 {
			want.Data[i] = b.Data[i]
		}
	}
	sameBitsT(t, "ReLUGrad", got, want)

	s, ref := Full(1, 1, 9), New(1, 9)
	AddSumRows(s, b)
	for i := 0; i < 7; i++ {
		for j := range ref.Data {
			ref.Data[j] += b.Data[i*9+j]
		}
	}
	AddScaled(ref, ref, 1, Full(1, 1, 9))
	for j := range s.Data {
		if math.Abs(s.Data[j]-ref.Data[j]) > 1e-12 {
			t.Fatalf("AddSumRows: %v, want %v", s.Data, ref.Data)
		}
	}

	r := SetRows(New(3, 9), s)
	for i := 0; i < 3; i++ {
		sameBitsT(t, "SetRows", FromSlice(r.Row(i), 1, 9), s)
	}
}

func sameBitsT(t *testing.T, name string, got, want *Tensor) {
	t.Helper()
	for i := range want.Data {
		g, w := got.Data[i], want.Data[i]
		if math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
			t.Fatalf("%s: element %d is %v, want %v", name, i, g, w)
		}
	}
}

func TestGatherRows(t *testing.T) {
	src := FromSlice([]float64{0, 1, 10, 11, 20, 21}, 3, 2)
	got := GatherRows(New(4, 2), src, []int{2, 0, 2, 1})
	if want := []float64{20, 21, 0, 1, 20, 21, 10, 11}; !slices.Equal(got.Data, want) {
		t.Fatalf("GatherRows = %v, want %v", got.Data, want)
	}
	mustPanic(t, func() { GatherRows(New(1, 2), src, []int{3}) }, "tensor.GatherRows", "3", "[3 2]")
	mustPanic(t, func() { GatherRows(New(2, 2), src, []int{0}) }, "tensor.GatherRows", "[2 2]")
}

// PrefetchRows is a hint: it leaves src as it was, takes an empty list and
// rows of any width, and refuses, naming itself, a row out of range or a
// tensor that is not 2-D.
func TestPrefetchRows(t *testing.T) {
	src := FromSlice([]float64{0, 1, 10, 11, 20, 21}, 3, 2)
	PrefetchRows(src, []int{2, 0, 1})
	PrefetchRows(src, nil)
	PrefetchRows(New(5, 0), []int{4})
	wide := Full(1, 3, 100)
	PrefetchRows(wide, []int{2, 1})
	if !slices.Equal(src.Data, []float64{0, 1, 10, 11, 20, 21}) || wide.Data[299] != 1 {
		t.Fatalf("PrefetchRows changed its tensor: %v", src.Data)
	}
	mustPanic(t, func() { PrefetchRows(src, []int{3}) }, "tensor.PrefetchRows", "3", "[3 2]")
	mustPanic(t, func() { PrefetchRows(src, []int{-1}) }, "tensor.PrefetchRows", "-1")
	mustPanic(t, func() { PrefetchRows(New(6), []int{0}) }, "PrefetchRows")
}

// MatMul on a mostly-zero input (which kernels.Gemm computes through its
// nonzeros on the avx512 path) agrees with the reference to rounding.
func TestSparseMatMul(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	x, w, dy := New(16, 40), RandN(rng, 40, 64), RandN(rng, 16, 64)
	for i := range x.Data {
		if rng.IntN(5) == 0 {
			x.Data[i] = rng.Float64()
		}
	}
	got, want := MatMulAdd(Full(1, 16, 64), x, w, false, false, 1), Full(1, 16, 64)
	gotT, wantT := MatMulAdd(Full(1, 40, 64), x, dy, true, false, 1), Full(1, 40, 64)
	kernels.GemmRef(false, false, 16, 64, 40, 1, x.Data, 40, w.Data, 64, 1, want.Data, 64)
	kernels.GemmRef(true, false, 40, 64, 16, 1, x.Data, 40, dy.Data, 64, 1, wantT.Data, 64)
	for i := range want.Data {
		if math.Abs(got.Data[i]-want.Data[i]) > 1e-12 {
			t.Fatalf("x·w element %d: %v, want %v", i, got.Data[i], want.Data[i])
		}
	}
	for i := range wantT.Data {
		if math.Abs(gotT.Data[i]-wantT.Data[i]) > 1e-12 {
			t.Fatalf("xᵀ·dy element %d: %v, want %v", i, gotT.Data[i], wantT.Data[i])
		}
	}
}
