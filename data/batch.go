package data

// batch.go: mini-batches. Each epoch visits every example once, in an order
// shuffled afresh from a seeded *rand.Rand, and each batch's rows are
// copied into two tensors the Batcher keeps, so that a training step
// allocates nothing.

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
// rows' own, every epoch; otherwise each epoch is a fresh permutation drawn
// from rng. It panics if x and y have different numbers of rows or size < 1.
func NewBatcher(x, y *tensor.Tensor, size int, rng *rand.Rand) *Batcher {
	if size < 1 {
		panic(fmt.Sprintf("data.NewBatcher: batch size %d", size))
	}
	n := x.Rows()
	if y != nil && y.Rows() != n {
		panic(fmt.Sprintf("data.NewBatcher: x has shape %v, y %v", x.Shape, y.Shape))
	}
	b := &Batcher{x: x, y: y, size: size, rng: rng, perm: make([]int, n)}
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
	if b.pos == 0 {
		b.shuffle()
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
	return b.xb, b.yb, true
}

// shuffle sets perm to the identity, then (with an rng) permutes it by
// Fisher–Yates: written out rather than rng.Shuffle's callback, so that
// nothing is allocated and the order is plain to see.
func (b *Batcher) shuffle() {
	for i := range b.perm {
		b.perm[i] = i
	}
	if b.rng == nil {
		return
	}
	for i := len(b.perm) - 1; i > 0; i-- {
		j := b.rng.IntN(i + 1)
		b.perm[i], b.perm[j] = b.perm[j], b.perm[i]
	}
}

// copyRows copies the rows idx of src into the rows of dst, in order (on
// several threads for a large batch: tensor.GatherRows).
func copyRows(dst, src *tensor.Tensor, idx []int) {
	tensor.GatherRows(dst, src, idx)
}
