package data

// batch.go: mini-batches. Each epoch visits every example once, in an order
// shuffled from a seeded *rand.Rand (Shuffle: the same orders as nn.Train's,
// seed for seed), and each batch's rows are copied into two tensors the
// Batcher keeps, so that a training step allocates nothing.

import (
	"fmt"
	"math/rand/v2"

	"dlgo/tensor"
)

// Batcher cuts a dataset (features x, targets y, one example per row) into
// mini-batches. The zero value is not usable: call NewBatcher.
type Batcher struct {
	x, y   *tensor.Tensor
	size   int
	rng    *rand.Rand
	perm   []int // the order of the current epoch
	pos    int   // the next example of perm; 0 means a new epoch starts
	xb, yb *tensor.Tensor
}

// NewBatcher returns a Batcher over the rows of x and y (y may be nil, for
// features alone) in batches of size rows. With rng nil the order is the
// rows' own, every epoch; otherwise each epoch shuffles the last epoch's
// order with Shuffle. It panics if x and y have different numbers of rows or size < 1.
func NewBatcher(x, y *tensor.Tensor, size int, rng *rand.Rand) *Batcher {
	if size < 1 {
		panic(fmt.Sprintf("data.NewBatcher: batch size %d", size))
	}
	n := x.Rows()
	if y != nil && y.Rows() != n {
		panic(fmt.Sprintf("data.NewBatcher: x has shape %v, y %v", x.Shape, y.Shape))
	}
	b := &Batcher{x: x, y: y, size: size, rng: rng, perm: make([]int, n)}
	for i := range b.perm {
		b.perm[i] = i
	}
	m := min(size, n)
	b.xb = tensor.New(m, x.Cols())
	if y != nil {
		b.yb = tensor.New(m, y.Cols())
	}
	return b
}

// Batches returns the number of batches in an epoch (the last one may be
// smaller than the batch size).
func (b *Batcher) Batches() int { return (len(b.perm) + b.size - 1) / b.size }

// Next returns the next batch of the current epoch and true, or false once
// the epoch is over; the call after that starts the next epoch. The
// returned tensors are the Batcher's own, overwritten by the next call; y
// is nil when the Batcher has no targets.
func (b *Batcher) Next() (x, y *tensor.Tensor, ok bool) {
	n := len(b.perm)
	if b.pos >= n {
		b.pos = 0
		return nil, nil, false
	}
	if b.pos == 0 && b.rng != nil {
		Shuffle(b.perm, b.rng)
	}
	m := min(b.size, n-b.pos)
	// Resize keeps the storage: only the last, smaller batch of an epoch
	// changes the shape, and the next epoch's first batch restores it.
	b.xb = tensor.Resize(b.xb, m, b.x.Cols())
	copyRows(b.xb, b.x, b.perm[b.pos:b.pos+m])
	if b.y != nil {
		b.yb = tensor.Resize(b.yb, m, b.y.Cols())
		copyRows(b.yb, b.y, b.perm[b.pos:b.pos+m])
	}
	b.pos += m
	if b.pos < n {
		// The next batch's rows start on their way from memory while
		// the caller trains on this one (tensor.PrefetchRows).
		tensor.PrefetchRows(b.x, b.perm[b.pos:min(b.pos+b.size, n)])
	}
	return b.xb, b.yb, true
}

// Shuffle permutes order in place by Fisher–Yates, from the last element
// down: for i = n−1 … 1, swap order[i] with order[rng.IntN(i+1)]. It draws
// what rng.Shuffle(n, swap) draws, and so gives the same order, written out
// so that the order is plain to see. Shuffling the previous epoch's order
// every epoch (not a fresh identity) is what nn.Train does too: the same
// seed gives the same batches through either.
func Shuffle(order []int, rng *rand.Rand) {
	for i := len(order) - 1; i > 0; i-- {
		j := rng.IntN(i + 1)
		order[i], order[j] = order[j], order[i]
	}
}

// copyRows copies the rows idx of src into the rows of dst, in order (on
// several threads for a large batch: tensor.GatherRows).
func copyRows(dst, src *tensor.Tensor, idx []int) {
	tensor.GatherRows(dst, src, idx)
}
