package data

import (
	"math/rand/v2"
	"slices"
	"testing"

	"dlgo/tensor"
)

// rowsSet is a set whose row i is (i, 10·i) with label i%3.
func rowsSet(n int) *Set {
	s := &Set{Name: "rows", X: tensor.New(n, 2), Labels: make([]int, n), Classes: 3}
	for i := range n {
		s.X.Set(float64(i), i, 0)
		s.X.Set(float64(10*i), i, 1)
		s.Labels[i] = i % 3
	}
	return s
}

func TestBatcherEpoch(t *testing.T) {
	s := rowsSet(10)
	y := s.Targets(3)
	b := NewBatcher(s.X, y, 4, rand.New(rand.NewPCG(1, 2)))
	if b.Batches() != 3 {
		t.Fatalf("Batches() = %d, want 3", b.Batches())
	}
	var orders [][]int
	for range 2 {
		var seen []int
		var sizes []int
		for x, yb, ok := b.Next(); ok; x, yb, ok = b.Next() {
			sizes = append(sizes, x.Rows())
			for i := range x.Rows() {
				r := int(x.At(i, 0))
				if x.At(i, 1) != float64(10*r) || yb.At(i, r%3) != 1 {
					t.Fatalf("batch row %v, target %v: rows do not match", x.Row(i), yb.Row(i))
				}
				seen = append(seen, r)
			}
		}
		if !slices.Equal(sizes, []int{4, 4, 2}) {
			t.Errorf("batch sizes %v, want [4 4 2]", sizes)
		}
		sorted := slices.Sorted(slices.Values(seen))
		if !slices.Equal(sorted, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Errorf("epoch visited %v, want each row once", seen)
		}
		orders = append(orders, seen)
	}
	if slices.Equal(orders[0], orders[1]) {
		t.Error("two epochs in the same order: not reshuffled")
	}

	// Same seed, same batches.
	b2 := NewBatcher(s.X, y, 4, rand.New(rand.NewPCG(1, 2)))
	var again []int
	for x, _, ok := b2.Next(); ok; x, _, ok = b2.Next() {
		for i := range x.Rows() {
			again = append(again, int(x.At(i, 0)))
		}
	}
	if !slices.Equal(again, orders[0]) {
		t.Errorf("same seed: %v, then %v", orders[0], again)
	}
}

func TestBatcherInOrder(t *testing.T) {
	s := rowsSet(5)
	b := NewBatcher(s.X, nil, 10, nil)
	x, y, ok := b.Next()
	if !ok || y != nil || !slices.Equal(x.Data, s.X.Data) {
		t.Fatalf("one batch of all rows in order: got %v %v %v", x, y, ok)
	}
	if _, _, ok := b.Next(); ok {
		t.Error("a second batch in a one-batch epoch")
	}
}

func TestBatcherNoAllocs(t *testing.T) {
	s := rowsSet(100)
	y := s.Targets(3)
	b := NewBatcher(s.X, y, 32, rand.New(rand.NewPCG(1, 2)))
	allocs := testing.AllocsPerRun(10, func() {
		for _, _, ok := b.Next(); ok; _, _, ok = b.Next() {
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per epoch, want 0", allocs)
	}
}

func TestBatcherPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"size 0":    func() { NewBatcher(tensor.New(3, 2), nil, 0, nil) },
		"row count": func() { NewBatcher(tensor.New(3, 2), tensor.New(2, 1), 1, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestOneHot(t *testing.T) {
	y := OneHot([]int{2, 0}, 3)
	if !slices.Equal(y.Shape, []int{2, 3}) || !slices.Equal(y.Data, []float64{0, 0, 1, 1, 0, 0}) {
		t.Errorf("OneHot = %v", y)
	}
	if c := Column([]int{1, 0, 1}); !slices.Equal(c.Shape, []int{3, 1}) || !slices.Equal(c.Data, []float64{1, 0, 1}) {
		t.Errorf("Column = %v", c)
	}
	defer func() {
		if recover() == nil {
			t.Error("label 3 of 3 classes: no panic")
		}
	}()
	OneHot([]int{3}, 3)
}

func TestSplitSubsetBinary(t *testing.T) {
	s := rowsSet(10)
	train, val := Split(s, 0.3, rand.New(rand.NewPCG(5, 5)))
	if train.Len() != 7 || val.Len() != 3 {
		t.Fatalf("split sizes %d, %d", train.Len(), val.Len())
	}
	var all []int
	for _, part := range []*Set{train, val} {
		for i := range part.Len() {
			r := int(part.X.At(i, 0))
			if part.Labels[i] != r%3 {
				t.Errorf("row %d lost its label", r)
			}
			all = append(all, r)
		}
	}
	if slices.Sort(all); !slices.Equal(all, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("split rows %v", all)
	}
	train.X.Set(-1, 0, 0)
	if slices.Contains(s.X.Data, -1) {
		t.Error("Split shares storage with its input")
	}
	if _, v := Split(s, 0.01, rand.New(rand.NewPCG(1, 1))); v.Len() != 1 {
		t.Errorf("a small fraction held out %d examples, want 1", v.Len())
	}

	bin := s.Binary(2)
	if bin.Classes != 2 || !slices.Equal(bin.Labels, []int{0, 0, 1, 0, 0, 1, 0, 0, 1, 0}) || bin.ClassName(1) != "2" || bin.ClassName(0) != "not 2" {
		t.Errorf("Binary(2): labels %v names %q", bin.Labels, bin.ClassNames)
	}
}

// Shuffle draws what rand.Rand.Shuffle draws, and the Batcher shuffles the
// last epoch's order, as nn.Train does with cfg.Rand.Shuffle: the same seed
// gives the same batches, epoch after epoch, through either.
func TestShuffleMatchesTrain(t *testing.T) {
	const n = 37
	x := tensor.New(n, 1)
	for i := range x.Data {
		x.Data[i] = float64(i)
	}
	b := NewBatcher(x, nil, n, rand.New(rand.NewPCG(7, 8)))
	rng := rand.New(rand.NewPCG(7, 8))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= 3; epoch++ {
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] }) // nn.Train's
		xb, _, ok := b.Next()
		if !ok {
			t.Fatal("no batch")
		}
		for r, i := range order {
			if xb.Data[r] != float64(i) {
				t.Fatalf("epoch %d, row %d: example %v, nn.Train's order has %d", epoch, r, xb.Data[r], i)
			}
		}
		if _, _, ok := b.Next(); ok {
			t.Fatal("a second batch in a one-batch epoch")
		}
	}
}
